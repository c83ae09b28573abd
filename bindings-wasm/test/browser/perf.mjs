// Bytes transferred and time to the first verdict of the demo page on a throttled phone
// (Chrome DevTools' "Slow 4G" profile through the CDP: Network.emulateNetworkConditions),
// first visit with an empty cache. Not a test: a measurement, printed as JSON.
//
//   node test/browser/perf.mjs [--www DIR] [--server plain|gzip] [--runs 3]
//
// `plain` serves with `python3 -m http.server` (no compression, as serve.sh did before),
// `gzip` with serve.py (serve.sh now).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const www = path.resolve(arg('www', path.resolve(here, '..', '..', 'www')));
const mode = arg('server', 'gzip');
const runs = Number(arg('runs', '3'));
// DevTools' "Slow 4G": 1.6 Mbit/s × 0.9 down, 750 kbit/s × 0.9 up, 150 ms × 3.75 latency.
export const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 };

const freePort = () => new Promise((resolve, reject) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  s.on('error', reject);
});

async function waitFor(url) {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(url)).ok) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no server at ${url}`);
}

export async function measure(base, executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium') {
  const profile = mkdtempSync(path.join(tmpdir(), 'antq-perf-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath, headless: true, viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = context.pages()[0] ?? await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    let bytes = 0;
    let requests = 0;
    cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; requests += 1; });
    const t0 = Date.now();
    await page.goto(base, { waitUntil: 'commit' });
    await page.waitForFunction(() => document.querySelector('#verdict')?.dataset.status, null, { timeout: 120000, polling: 50 });
    const firstVerdictMs = Date.now() - t0;
    const firstPaint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
    return { firstVerdictMs, firstContentfulPaintMs: firstPaint && Math.round(firstPaint), bytes, requests };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = await freePort();
  const cmd = mode === 'plain'
    ? ['python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', www]]
    : ['python3', [path.resolve(here, '..', '..', 'serve.py'), '--port', String(port), '--directory', www]];
  const server = spawn(...cmd, { stdio: 'ignore' });
  try {
    const base = `http://127.0.0.1:${port}/`;
    await waitFor(base);
    const results = [];
    for (let i = 0; i < runs; i++) results.push(await measure(base));
    const med = (k) => results.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(results.length / 2)];
    console.log(JSON.stringify({ www, server: mode, profile: 'Slow 4G (CDP)', runs: results, median: { firstVerdictMs: med('firstVerdictMs'), bytes: med('bytes') } }, null, 2));
  } finally {
    server.kill();
  }
}
