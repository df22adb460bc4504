// Usage: node rollup.mjs BRIDGE_DIR
// Bundles @gowasm/bridge's browser entry points with Rollup, as a user's
// build would: the API as an ES module, the worker as a classic (iife)
// script, bundlers' default for workers. Prints each output's code and
// every warning Rollup gave.
import { rollup } from 'rollup';
import { join } from 'node:path';

const bridge = process.argv[2];
const warnings = [];
const onwarn = (w) => warnings.push(`${w.code}: ${w.message}`);
const outputs = {};
for (const [entry, format] of [['index.js', 'es'], ['worker.js', 'iife']]) {
  const bundle = await rollup({ input: join(bridge, entry), onwarn });
  const { output } = await bundle.generate({ format, inlineDynamicImports: true });
  outputs[entry] = output.map((chunk) => chunk.code ?? '').join('\n');
  await bundle.close();
}
process.stdout.write(JSON.stringify({ warnings, outputs }));
