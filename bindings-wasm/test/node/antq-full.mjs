// Loads the `analysis` build (pkg/full/node): the default module plus decision support
// and the DOMAIN §6 rules.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pkgRoot, sampleFiles } from './antq.mjs';

export { sampleFiles };

const require = createRequire(import.meta.url);
const antq = require(process.env.ANTQ_PKG_FULL ?? path.join(pkgRoot, 'pkg', 'full', 'node', 'antq.js'));
export default antq;

/** The sample province as a `Dataset` of this module. */
export function sampleDataset() {
  return antq.Dataset.fromText(sampleFiles().dataset, 'sample/province.json');
}
