// Loads the package's Node entry (pkg/antq.node.js: ES module, instantiated on import) for the
// tests; ANTQ_PKG names another entry file (e.g. an installed package's).
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { readFileSync } from 'node:fs';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const pkgRoot = path.resolve(here, '..', '..');
export const repoRoot = path.resolve(pkgRoot, '..');
export const pkgDir = path.join(pkgRoot, 'pkg');
const antq = await import(pathToFileURL(process.env.ANTQ_PKG ?? path.join(pkgDir, 'antq.node.js')).href);
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
  const dir = path.join(pkgDir, 'sample');
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
