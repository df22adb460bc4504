// Type checks of react.d.ts and vue.d.ts with the repository's TypeScript
// (strict), run by `node --test web/bridge/test/`: types/adapters.ts must
// compile (its @ts-expect-error lines must each be an error), and
// types/misuse.ts must fail with exactly the errors it marks.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('./types/', import.meta.url));
const tsc = fileURLToPath(new URL('../../../node_modules/typescript/bin/tsc', import.meta.url));

function typecheck(project) {
  const run = spawnSync(process.execPath, [tsc, '-p', project, '--pretty', 'false'], { cwd: dir, encoding: 'utf8' });
  if (run.error) throw run.error;
  return { code: run.status, output: run.stdout + run.stderr };
}

test('correct uses of useGo (React and Vue) type-check, and the marked wrong ones are errors', () => {
  const { code, output } = typecheck('tsconfig.json');
  assert.equal(code, 0, `tsc failed:\n${output}`);
});

test('a wrong use of useGo fails to type-check with the expected errors', () => {
  const source = readFileSync(`${dir}misuse.ts`, 'utf8').split('\n');
  const want = [];
  source.forEach((line, i) => {
    const m = /\/\/ expect (TS\d+)$/.exec(line);
    if (m) want.push(`misuse.ts:${i + 1} ${m[1]}`);
  });
  assert.ok(want.length >= 5, 'misuse.ts marks its errors');
  const { code, output } = typecheck('tsconfig.misuse.json');
  assert.notEqual(code, 0, 'tsc accepted misuse.ts');
  const got = [...output.matchAll(/^misuse\.ts\((\d+),\d+\): error (TS\d+):/gm)].map((m) => `misuse.ts:${m[1]} ${m[2]}`);
  assert.deepEqual(got, want, `tsc said:\n${output}`);
});
