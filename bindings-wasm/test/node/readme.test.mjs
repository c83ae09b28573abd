// The top-level README's JavaScript quick start runs: its one ```js block is written, as is,
// into a fresh project whose node_modules/antq is this package (pkg/), and run with Node; it
// must succeed and print the explanation it promises.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pkgDir, repoRoot } from './antq.mjs';

const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((m) => m[1]);

test('the README has one JavaScript quick start', () => {
  assert.equal(blocks.length, 1);
});

test('the README JavaScript quick start runs against the package', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'antq-readme-'));
  try {
    mkdirSync(path.join(dir, 'node_modules'));
    symlinkSync(pkgDir, path.join(dir, 'node_modules', 'antq'), 'dir');
    writeFileSync(path.join(dir, 'quick-start.mjs'), blocks[0]);
    const out = execFileSync(process.execPath, ['quick-start.mjs'], { cwd: dir, encoding: 'utf8' });
    assert.match(out, /CL-SD/);
    assert.match(out, /Kết quả/);   // the explanation, in Vietnamese
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
