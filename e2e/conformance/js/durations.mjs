// Usage: node durations.mjs RUNTIME VALUES_JSON
// Prints which of the tagged numbers the binding's time.Duration check
// accepts, for TestDurationCheckAgreesWithGo.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { untagNumber } from '../../internal/jsvalue/tag.js';

const [runtime, valuesFile] = process.argv.slice(2);
const { Checks } = await import(pathToFileURL(runtime).href);
const checks = new Checks();
const values = JSON.parse(await readFile(valuesFile, 'utf8'));
process.stdout.write(JSON.stringify(values.map((v) => checks.isDuration(untagNumber(v)))));
