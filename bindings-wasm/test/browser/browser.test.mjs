// The demo page in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core): fill the self-assessment, watch the verdict and the explanation
// change, switch language, open the province view, assert no console errors, and save
// screenshots to test/browser/out/.
//
//   node test/browser/browser.test.mjs        (needs ./build.sh first: www/pkg)
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const www = path.resolve(here, '..', '..', 'www');
const out = path.join(here, 'out');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

let server;
let context;
let page;
let base;
let profile;
const consoleErrors = [];

const freePort = () => new Promise((resolve, reject) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  s.on('error', reject);
});

async function waitForServer(url) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not start`);
}

before(async () => {
  assert.ok(existsSync(path.join(www, 'pkg', 'antq_bg.wasm')), 'www/pkg is missing: run ./build.sh first');
  const port = await freePort();
  server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', www], { stdio: 'ignore' });
  base = `http://127.0.0.1:${port}/`;
  await waitForServer(base);
  profile = mkdtempSync(path.join(tmpdir(), 'antq-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 1000 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  page = context.pages()[0] ?? await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('requestfailed', (r) => consoleErrors.push(`request failed: ${r.url()}`));
  mkdirSync(out, { recursive: true });
});

after(async () => {
  await context?.close();
  if (server) server.kill();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

const verdict = () => page.locator('#verdict').getAttribute('data-status');
const criterionStatus = (id) => page.locator(`#criteria li[data-criterion="${id}"]`).getAttribute('class');
const expectVerdict = async (want) => {
  await page.waitForFunction((w) => document.querySelector('#verdict')?.dataset.status === w, want, { timeout: 5000 })
    .catch(() => {});
  assert.equal(await verdict(), want);
};

test('self-assessment of a residential area: verdict and explanation follow the evidence', async () => {
  await page.goto(base);
  await page.waitForFunction(() => document.querySelector('#verdict')?.dataset.status, null, { timeout: 20000 });
  assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
  assert.equal(await page.locator('#kind').inputValue(), 'residential_area');

  // Nothing entered: undetermined, with what to supply.
  await expectVerdict('undetermined');
  const missing = await page.locator('#missing li').allTextContents();
  assert.ok(missing.some((m) => m.includes('RA-1')), missing.join('\n'));
  assert.equal(await page.locator('#verdict').textContent().then((s) => s.startsWith('Chưa xác định')), true);

  // 199 of 200 households registered: RA-1 fails, and the check shows 199 against 100%.
  await page.fill('#f-resolution_date', '2023-02-10');
  await page.fill('#f-registration_date', '2023-03-15');
  await page.fill('#f-households_total', '200');
  await page.fill('#f-households_registered', '199');
  for (const k of ['RA-2', 'RA-3_other', 'RA-4', 'RA-5']) await page.selectOption(`#a-${k}`, 'yes');
  await expectVerdict('does_not_meet');
  assert.equal(await criterionStatus('RA-1'), 'not_met');
  assert.equal(await criterionStatus('RA-2'), 'met');
  const ra1 = await page.locator('#criteria li[data-criterion="RA-1"]').textContent();
  assert.match(ra1, /199/);
  assert.match(ra1, /124\/2021\/TT-BCA/, 'legal basis shown');
  assert.match(await page.locator('#explanation').textContent(), /RA-1/);

  // All households: meets, nothing missing.
  await page.fill('#f-households_registered', '200');
  await expectVerdict('meets');
  assert.equal(await page.locator('#missing li.none').count(), 1);
  await page.screenshot({ path: path.join(out, 'self-assessment-vi.png'), fullPage: true });

  // An incident in the window fails RA-3; moved before 1 November of the year before, it no longer counts.
  await page.click('#add-incident');
  await page.selectOption('select[name="inc-cat-0"]', 'prolonged_dispute');
  await page.fill('input[name="inc-date-0"]', '2023-06-01');
  await expectVerdict('does_not_meet');
  assert.equal(await criterionStatus('RA-3'), 'not_met');
  await page.fill('input[name="inc-date-0"]', '2022-10-31');
  await expectVerdict('meets');
  await page.fill('input[name="inc-date-0"]', '2022-11-01');
  await expectVerdict('does_not_meet');
  await page.click('#incidents button');
  await expectVerdict('meets');
});

test('switching language translates the verdict, criteria and explanation', async () => {
  await page.click('#lang-en');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.match(await page.locator('#verdict').textContent(), /^Meets the standard/);
  assert.match(await page.locator('#explanation').textContent(), /Outcome: Meets/);
  assert.match(await page.locator('#criteria').textContent(), /households/i);
  assert.equal(await page.locator('#f-households_registered').inputValue(), '200', 'values survive the switch');
  await page.screenshot({ path: path.join(out, 'self-assessment-en.png'), fullPage: true });
  await page.click('#lang-vi');
  assert.match(await page.locator('#verdict').textContent(), /^Đạt/);
  assert.match(await page.locator('#explanation').textContent(), /Kết quả: Đạt/);
  await page.click('#lang-en');
});

test('a commune: CW-4 needs 70% of its units recognised, rounded up (18 of 25)', async () => {
  await page.selectOption('#kind', 'commune');
  await page.fill('#f-resolution_date', '2023-01-20');
  await page.fill('#f-plan_date', '2023-01-25');
  await page.fill('#f-registration_date', '2023-02-01');
  await page.fill('#f-effective_models', '1');
  await page.fill('#f-disciplined_officers', '0');
  for (const k of ['CW-2_RA-2', 'CW-2_RA-3_other', 'CW-2_RA-4']) await page.selectOption(`#a-${k}`, 'yes');
  await page.fill('#ch-total', '25');
  await page.fill('#ch-registered', '25');
  await page.fill('#ch-recognised', '17');
  await expectVerdict('does_not_meet');
  assert.equal(await criterionStatus('CW-4'), 'not_met');
  await page.fill('#ch-recognised', '18');
  await expectVerdict('meets');
  assert.equal(await criterionStatus('CW-4'), 'met');
  // An enterprise that is small is out of the standard's scope.
  await page.selectOption('#kind', 'enterprise');
  await page.selectOption('#subkind', 'small');
  await expectVerdict('out_of_scope');
});

test('province view: the sample province as a table and a chart, by year', async () => {
  await page.click('#tab-province');
  await page.waitForSelector('#communes tbody tr[data-unit]');
  const rows = await page.locator('#communes tbody tr[data-unit]').count();
  assert.ok(rows >= 3, `${rows} communes`);
  assert.equal(await page.locator('#chart svg g[data-unit]').count(), rows);
  const outcomes = await page.locator('#communes tbody td:nth-child(3)').allTextContents();
  assert.ok(outcomes.some((o) => /Meets/.test(o)) && outcomes.some((o) => /Does not meet/.test(o)), outcomes.join());
  assert.match(await page.locator('#p-title').textContent(), /SYNTHETIC/);
  await page.screenshot({ path: path.join(out, 'province-2023.png'), fullPage: true });
  await page.selectOption('#p-year', '2025');
  await page.waitForFunction(() => document.querySelector('#p-summary')?.textContent.length > 0);
  assert.ok(await page.locator('#communes tbody tr[data-unit]').count() >= 1);
  await page.click('#lang-vi');
  assert.match(await page.locator('#communes thead').textContent(), /Xã, phường/);
  await page.screenshot({ path: path.join(out, 'province-2025-vi.png'), fullPage: true });
});

test('no console errors', () => {
  assert.deepEqual(consoleErrors, []);
});
