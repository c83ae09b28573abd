// Loads the `analysis` module of the package (pkg/full.node.js, 'antq/full'): everything of
// the default module plus decision support and the DOMAIN §6 rules.
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { pkgDir, sampleFiles } from './antq.mjs';

export { sampleFiles };

const antq = await import(pathToFileURL(process.env.ANTQ_PKG_FULL ?? path.join(pkgDir, 'full.node.js')).href);
export default antq;

/** The sample province as a `Dataset` of this module. */
export function sampleDataset() {
  return antq.Dataset.fromText(sampleFiles().dataset, 'sample/province.json');
}
