// Usage: node enums.mjs BINDING
// Prints the enum objects the binding exports, tagged, and whether each
// is frozen, for TestEnumObjects.
import { pathToFileURL } from 'node:url';
import { tag } from '../../internal/jsvalue/tag.js';

const binding = await import(pathToFileURL(process.argv[2]).href);
const out = {};
for (const name of ['Mode', 'Level', 'Flag']) out[name] = { value: tag(binding[name]), frozen: Object.isFrozen(binding[name]) };
process.stdout.write(JSON.stringify(out));
