// Loads the optimised Node build of the package (pkg/node, CommonJS) for the tests.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { readFileSync } from 'node:fs';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const pkgRoot = path.resolve(here, '..', '..');
export const repoRoot = path.resolve(pkgRoot, '..');
const require = createRequire(import.meta.url);
const antq = require(process.env.ANTQ_PKG ?? path.join(pkgRoot, 'pkg', 'node', 'antq.js'));
export default antq;

/** Calls `f`, expecting an AntqError; returns it. */
export function thrown(f) {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error, none was thrown');
}

/** The synthetic sample files shipped beside the module (`pkg/sample/`, copied from `core/sample/`). */
export function sampleFiles() {
  const dir = path.join(pkgRoot, 'pkg', 'sample');
  const read = (f) => readFileSync(path.join(dir, f), 'utf8');
  return {
    dataset: read('province.json'),
    typicalSupplement: read('typical-supplement.toml'),
    d510Supplement: read('d510-supplement.toml'),
  };
}

/** The sample province as a `Dataset`. */
export function sampleDataset() {
  return antq.Dataset.fromText(sampleFiles().dataset, 'sample/province.json');
}
