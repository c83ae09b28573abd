// Loads the optimised Node build of the package (pkg/node, CommonJS) for the tests.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

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
