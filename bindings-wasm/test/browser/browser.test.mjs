// The demo page in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core),
// served by serve.py (gzip) on localhost: a residential-area head on a 390×844 phone in
// Vietnamese, and a provincial officer on a desktop. Covers issue 17's points 1–9, runs axe
// (axe-core, injected into the page) on both, and saves screenshots to test/browser/out/
// (CI artifacts).
//
//   node --test test/browser/        (needs ./build.sh first: www/pkg)
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const www = path.resolve(here, '..', '..', 'www');
const out = path.join(here, 'out');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const AXE = require.resolve('axe-core/axe.min.js');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'vi-VN' };
const DESKTOP = { viewport: { width: 1366, height: 900 }, locale: 'vi-VN' };

let server;
let base;
const profiles = [];
const contexts = [];
const consoleErrors = [];

const freePort = () => new Promise((resolve, reject) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  s.on('error', reject);
});

async function waitForServer(url) {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(url)).ok) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not start`);
}

async function open(options, { watch = true, serviceWorkers = 'allow' } = {}) {
  const profile = mkdtempSync(path.join(tmpdir(), 'antq-chromium-'));
  profiles.push(profile);
  // --lang: the browser's own locale (date inputs show dd/mm/yyyy, as on a Vietnamese phone).
  const args = [...ARGS, `--lang=${options.locale ?? 'vi-VN'}`];
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args, serviceWorkers, ...options });
  contexts.push(context);
  const page = context.pages()[0] ?? await context.newPage();
  if (watch) {
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
  }
  return { context, page };
}

before(async () => {
  assert.ok(existsSync(path.join(www, 'pkg', 'antq_bg.wasm')), 'www/pkg is missing: run ./build.sh first');
  const port = await freePort();
  server = spawn('python3', [path.resolve(here, '..', '..', 'serve.py'), '--port', String(port), '--directory', www], { stdio: 'ignore' });
  base = `http://127.0.0.1:${port}/`;
  await waitForServer(base);
  mkdirSync(out, { recursive: true });
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  if (server) server.kill();
  for (const p of profiles) rmSync(p, { recursive: true, force: true });
});

const status = (page) => page.locator('#verdict').getAttribute('data-status');
const expectStatus = async (page, want) => {
  await page.waitForFunction((w) => document.querySelector('#verdict')?.dataset.status === w, want, { timeout: 5000 }).catch(() => {});
  assert.equal(await status(page), want);
};
const criterionStatus = (page, id) => page.locator(`#criteria li[data-criterion="${id}"]`).getAttribute('class');
const ready = (page) => page.waitForFunction(() => document.querySelector('#verdict')?.dataset.status, null, { timeout: 30000 });
const shot = (page, name, fullPage = false) => page.screenshot({ path: path.join(out, `${name}.png`), fullPage });

async function axe(page, name) {
  await page.addScriptTag({ path: AXE });
  const r = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const v = r.violations.map((x) => `${x.id} (${x.impact}): ${x.help} — ${x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  assert.deepEqual(v, [], `axe violations on ${name}`);
}

/** Raw codes, English and ISO dates that must not reach a Vietnamese reader. */
const RAW = [/`/, /\b[a-z]+_[a-z_]+\b/, /\[(V|P|I|S)\]/, /\(↑\)|\(↓\)/, /= (yes|no)\b/, /\d{4}-\d{2}-\d{2}/, /\bdate\b/, / on \d/];

// ----- phone, Vietnamese: a residential-area head -----------------------------------------

let phone;

test('point 8: a loading state until the module answers, then the first verdict', async () => {
  // A slow module (held back 1.5 s): the page shows what it is doing, never a blank screen.
  const { page } = await open(PHONE, { serviceWorkers: 'block' });
  await page.route('**/antq_bg.wasm', async (route) => { await new Promise((r) => setTimeout(r, 1500)); await route.continue(); });
  await page.goto(base);
  await page.waitForSelector('#loading:not([hidden])');
  assert.match(await page.locator('#loading').textContent(), /Đang tải/);
  assert.match(await page.locator('h1').textContent(), /Phong trào/, 'the page has content before the module');
  await shot(page, 'phone-loading');
  await ready(page);
  assert.equal(await page.locator('#loading').isHidden(), true);
});

test('point 8: served gzip-compressed, with ETags', async () => {
  const r = await fetch(`${base}pkg/antq_bg.wasm`, { headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(r.headers.get('content-encoding'), 'gzip');
  assert.equal(r.headers.get('content-type'), 'application/wasm');
  assert.ok(r.headers.get('etag'));
  const raw = readFileSync(path.join(www, 'pkg', 'antq_bg.wasm')).length;
  assert.ok(Number(r.headers.get('content-length')) < raw * 0.5, 'compressed to under half');
});

test('phone: the page opens in Vietnamese with an undetermined verdict', async () => {
  phone = await open(PHONE);
  const { page } = phone;
  await page.goto(base);
  await ready(page);
  assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
  await expectStatus(page, 'undetermined');
  assert.match(await page.locator('#verdict').textContent(), /^Chưa xác định/);
  await shot(page, 'phone-start');
});

test('point 1: invalid input greys the verdict, with a Vietnamese error at the field', async () => {
  const { page } = phone;
  await page.fill('#f-resolution_date', '2023-02-10');
  await page.fill('#f-registration_date', '2023-03-15');
  await page.fill('#f-households_total', '200');
  await page.fill('#f-households_registered', '200');
  for (const k of ['RA-2', 'RA-3_other', 'RA-4', 'RA-5']) await page.selectOption(`#f-attested_${k}`, 'yes');
  await expectStatus(page, 'meets');
  assert.match(await page.locator('#verdict').textContent(), /^Đạt · 5\/5/);

  const cases = [['300', /«Số hộ đăng ký tham gia» \(300\) không được lớn hơn «Số hộ gia đình» \(200\)/],
    ['-1', /«Số hộ đăng ký tham gia» phải là số nguyên không âm/], ['2.5', /«Số hộ đăng ký tham gia» phải là số nguyên không âm/]];
  for (const [value, message] of cases) {
    await page.fill('#f-households_registered', value);
    await expectStatus(page, 'invalid');
    assert.doesNotMatch(await page.locator('#verdict').textContent(), /Đạt ·/, 'the old verdict is gone');
    assert.equal(await page.locator('#f-households_registered').getAttribute('aria-invalid'), 'true');
    const err = page.locator('#e-households_registered');
    assert.equal(await err.isVisible(), true);
    assert.match(await err.textContent(), message);
    // The error sits by the field: right below it.
    const f = await page.locator('#f-households_registered').boundingBox();
    const e = await err.boundingBox();
    assert.ok(e.y >= f.y && e.y - (f.y + f.height) < 40, `error ${e.y} below the field ${f.y}`);
    assert.match(await page.locator('#result').getAttribute('class'), /stale/);
    if (value === '300') { await shot(page, 'phone-invalid-300-of-200'); await axe(page, 'phone, invalid input'); }
  }
  await page.fill('#f-households_registered', '200');
  await expectStatus(page, 'meets');
  assert.equal(await page.locator('#f-households_registered').getAttribute('aria-invalid'), null);
  assert.equal(await page.locator('#e-households_registered').isHidden(), true);

  // A subkind that does not exist that year: a thị trấn in 2026.
  await page.selectOption('#kind', 'commune');
  await page.selectOption('#subkind', 'thi_tran');
  await page.selectOption('#year', '2026');
  await expectStatus(page, 'invalid');
  assert.equal(await page.locator('#subkind').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#e-subkind').textContent(), /«Thị trấn» không có trong năm 2026/);
  await shot(page, 'phone-invalid-subkind');
  await page.selectOption('#subkind', 'xa');
  await page.selectOption('#year', '2023');
  assert.notEqual(await status(page), 'invalid');
});

test('point 2: empty is unknown (CW-4 too), out-of-range is an error, never clamped', async () => {
  const { page } = phone;
  // The commune: nothing entered under its units → CW-4 undetermined, not "met 0/0".
  assert.equal(await page.locator('#ch-total').inputValue(), '');
  assert.equal(await criterionStatus(page, 'CW-4'), 'unknown');
  assert.doesNotMatch(await page.locator('#criteria li[data-criterion="CW-4"]').textContent(), /0 \/ 0/);
  for (const [id, value, message] of [
    ['#ch-total', '600', /tối đa là 500/], ['#ch-total', '-3', /số nguyên không âm/], ['#ch-total', '2.5', /số nguyên không âm/]]) {
    await page.fill(id, value);
    await expectStatus(page, 'invalid');
    assert.match(await page.locator(`#e-${id.slice(1)}`).textContent(), message);
    assert.equal(await page.locator(id).inputValue(), value, 'the value is kept as typed, not clamped');
  }
  await page.fill('#ch-total', '25');
  await page.fill('#ch-registered', '30');
  await expectStatus(page, 'invalid');
  assert.match(await page.locator('#e-ch-registered').textContent(), /không được lớn hơn «Số đơn vị thuộc phạm vi»/);
  await page.fill('#ch-registered', '25');
  // Recognised not entered: unknown, not 0.
  assert.notEqual(await status(page), 'invalid');
  assert.equal(await criterionStatus(page, 'CW-4'), 'unknown');
  await page.fill('#ch-recognised', '17');
  assert.equal(await criterionStatus(page, 'CW-4'), 'not_met');
  await page.fill('#ch-recognised', '18');
  assert.equal(await criterionStatus(page, 'CW-4'), 'met');
});

test('point 3: a branch of an "any" test that is not needed is neutral, not a red failure', async () => {
  const { page } = phone;
  await page.selectOption('#kind', 'agency');
  await page.selectOption('#f-party_organisation', 'false');
  const ae1 = page.locator('#criteria li[data-criterion="AE-1"]');
  // No Party organisation: the resolution is not needed; it is shown as "không áp dụng".
  const na = ae1.locator('li.check.na');
  assert.equal(await na.count(), 1);
  assert.match(await na.textContent(), /không áp dụng/);
  assert.equal(await ae1.locator('li.check.not_met').count(), 0);
  // With a Party organisation and a resolution, the flag branch is the one not needed.
  await page.selectOption('#f-party_organisation', 'true');
  await page.fill('#f-resolution_date', '2023-02-01');
  assert.equal(await ae1.locator('li.check.na').count(), 1);
  assert.match(await ae1.locator('li.check.na').textContent(), /Có tổ chức Đảng/);
  assert.doesNotMatch(await ae1.textContent(), /✗ Có tổ chức Đảng/);
  await ae1.scrollIntoViewIfNeeded();
  await shot(page, 'phone-any-branch-neutral');
});

test('point 5: Vietnamese labels, number and date formats; no codes or English', async () => {
  const { page } = phone;
  const noRaw = (text) => { for (const re of RAW) assert.doesNotMatch(text, re, `raw ${re} in: ${text.match(new RegExp(`.{0,60}${re.source}.{0,60}`))?.[0]}`); };
  // An agency: thousands and decimals the Vietnamese way, dates as dd/mm/yyyy.
  await page.fill('#f-staff_total', '50000');
  await page.fill('#f-staff_briefed', '49550');
  let text = await page.locator('#result').innerText();
  noRaw(text);
  assert.match(text, /49\.550/);
  assert.match(text, /50\.000/);
  assert.match(text, /99,1%/);
  assert.match(text, /16\/11\/2022/);
  assert.match(await page.locator('#explanation').textContent(), /Kỳ đánh giá: 16\/11\/2022/);
  noRaw(await page.locator('#explanation').textContent());
  // A residential area with an incident: the category's label, not its code.
  await page.selectOption('#kind', 'residential_area');
  await page.click('#add-incident');
  await page.fill('#inc-date-0', '2023-05-01');
  await expectStatus(page, 'does_not_meet');
  text = await page.locator('#result').innerText();
  noRaw(text);
  assert.match(text, /Hoạt động chống Đảng, chống chính quyền/);
  assert.match(text, /01\/05\/2023/);
  noRaw(await page.locator('#explanation').textContent());
  // A date cleared is an error by the field, never the incident left out (which would pass).
  await page.fill('#inc-date-0', '');
  await expectStatus(page, 'invalid');
  assert.equal(await page.locator('#inc-date-0').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#e-inc-date-0').textContent(), /«Ngày xảy ra vụ việc 1» không phải là ngày hợp lệ/);
  await page.fill('#inc-date-0', '2023-05-01');
  await expectStatus(page, 'does_not_meet');
  await page.click('#incidents button.remove');
  await page.selectOption('#kind', 'agency');
});

test('point 4: on a phone the verdict stays in view while typing', async () => {
  const { page } = phone;
  await page.selectOption('#kind', 'residential_area');
  const last = page.locator('#incidents-set');
  await last.scrollIntoViewIfNeeded();
  await page.locator('#f-attested_RA-5').focus();
  const box = await page.locator('#verdict').boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= 844, `verdict at ${box.y}`);
  const scrolled = await page.evaluate(() => window.scrollY);
  assert.ok(scrolled > 600, `scrolled ${scrolled}`);
  await shot(page, 'phone-sticky-verdict');
});

test('point 6: values survive kind changes and reloads', async () => {
  const { page } = phone;
  await page.fill('#unit-name', 'Thôn Đông');
  await page.fill('#commune-name', 'Xã An Bình');
  assert.equal(await page.locator('#f-households_registered').inputValue(), '200');
  await page.selectOption('#kind', 'school');
  await page.selectOption('#kind', 'residential_area');
  assert.equal(await page.locator('#f-households_registered').inputValue(), '200', 'kept across kind changes');
  await expectStatus(page, 'meets');
  await page.reload();
  await ready(page);
  assert.equal(await page.locator('#f-households_registered').inputValue(), '200', 'kept across reloads');
  assert.equal(await page.locator('#unit-name').inputValue(), 'Thôn Đông');
  await expectStatus(page, 'meets');
});

let savedFile;
test('point 6: save a self-assessment as a file, open it again; print one page', async () => {
  const { page } = phone;
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save')]);
  savedFile = path.join(out, download.suggestedFilename());
  await download.saveAs(savedFile);
  assert.match(download.suggestedFilename(), /^tu-danh-gia-thon-dong-2023\.json$/);
  const saved = JSON.parse(readFileSync(savedFile, 'utf8'));
  assert.equal(saved.units.find((u) => u.id === 'U').name, 'Thôn Đông');
  // Change it, then open the file: the form comes back.
  await page.fill('#f-households_registered', '150');
  await expectStatus(page, 'does_not_meet');
  await page.setInputFiles('#open-self', savedFile);
  await expectStatus(page, 'meets');
  assert.equal(await page.locator('#f-households_registered').inputValue(), '200');
  // A file that is not a dataset: a Vietnamese error, the form unchanged.
  const bad = path.join(out, 'not-a-dataset.json');
  writeFileSync(bad, '{"format_version": 1, "units": 3}');
  await page.setInputFiles('#open-self', bad);
  await page.waitForSelector('#form-error:not([hidden])');
  assert.match(await page.locator('#form-error').textContent(), /Không mở được «not-a-dataset.json»/);
  await expectStatus(page, 'meets');
  // A year the page does not offer is said, never taken for the page's current year.
  const other = path.join(out, 'tu-danh-gia-2021.json');
  writeFileSync(other, JSON.stringify({ ...saved, evidence: saved.evidence.map((e) => ({ ...e, year: 2021 })) }));
  await page.setInputFiles('#open-self', other);
  await page.waitForFunction(() => /năm 2021/.test(document.querySelector('#form-error')?.textContent ?? ''));
  assert.match(await page.locator('#form-error').textContent(), /Không mở được «tu-danh-gia-2021.json»:\s*• năm 2021 không có trong trang \(2022–2026\)/);
  assert.equal(await page.locator('#f-households_registered').inputValue(), '200', 'the form unchanged');

  // Print: one A4 page with the unit, the commune, the date and the verdict.
  await page.emulateMedia({ media: 'print' });
  await shot(page, 'phone-print-preview', true);
  const head = await page.locator('#print-head').innerText();
  assert.match(head, /Thôn Đông/);
  assert.match(head, /Xã An Bình/);
  assert.match(head, /\d{2}\/\d{2}\/\d{4}/);
  assert.equal(await page.locator('#form').isVisible(), false);
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  await page.emulateMedia({ media: null });
  writeFileSync(path.join(out, 'self-assessment-print.pdf'), pdf);
  const pageCount = (b) => (b.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.equal(pageCount(pdf), 1, `the print is ${pageCount(pdf)} pages`);
  // A commune with 25 units of unknown result: still one page (their results on one line).
  await page.selectOption('#kind', 'commune');
  await page.fill('#ch-registered', '');
  await page.fill('#ch-recognised', '');
  assert.match(await page.locator('#missing').textContent(), /CW-4: Kết quả \(đăng ký, công nhận\) của 25 đơn vị trực thuộc chưa biết/);
  const commune = await page.pdf({ format: 'A4', printBackground: true });
  writeFileSync(path.join(out, 'commune-print.pdf'), commune);
  assert.equal(pageCount(commune), 1, `the commune's print is ${pageCount(commune)} pages`);
  await page.emulateMedia({ media: null });
  await page.fill('#ch-registered', '25');
  await page.fill('#ch-recognised', '18');
  await page.selectOption('#kind', 'residential_area');
  await expectStatus(page, 'meets');
});

test('an incident of a category the year does not count for the kind stays, said by it and in the notes', async () => {
  const { page } = phone;
  const saved = JSON.parse(readFileSync(savedFile, 'utf8'));
  // A school's category recorded for the residential area: kept, not counted, said twice.
  const unread = path.join(out, 'tu-danh-gia-truong-hoc.json');
  writeFileSync(unread, JSON.stringify({ ...saved, incidents: [{ unit: 'U', date: '2023-05-02', category: 'school_violence' }] }));
  await page.setInputFiles('#open-self', unread);
  await page.waitForSelector('#inc-note-0');
  await expectStatus(page, 'meets');
  assert.equal(await page.locator('#inc-cat-0').inputValue(), 'school_violence', 'the incident is kept as it was');
  assert.match(await page.locator('#inc-note-0').textContent(), /^Không được tính: .*Thông tư 124.* «Bạo lực học đường/);
  assert.equal(await page.locator('#notes-box').isVisible(), true);
  await page.locator('#inc-note-0').scrollIntoViewIfNeeded();
  await shot(page, 'phone-incident-not-counted');
  // The core's sentence in Vietnamese (`message_vi`), its codes named as the page names them.
  assert.match(await page.locator('#notes').textContent(), /vụ việc thuộc loại không được tính — chi tiết: 1 vụ việc thuộc loại mà không tiêu chí nào của «vn\.c124-2021» tính cho đơn vị của chúng, không được tính: «Bạo lực học đường» \(1; đầu tiên: đơn vị «Thôn Đông»\)/);
  // Choosing a category the criteria count: the note goes, the incident now fails RA-3.
  await page.selectOption('#inc-cat-0', 'anti_state');
  await expectStatus(page, 'does_not_meet');
  assert.equal(await page.locator('#inc-note-0').count(), 0);
  assert.equal(await page.locator('#notes-box').isVisible(), false);
  // A category no rule set declares: an error by the category's field, not by its date.
  const unknown = path.join(out, 'tu-danh-gia-loai-la.json');
  writeFileSync(unknown, JSON.stringify({ ...saved, incidents: [{ unit: 'U', date: '2023-05-02', category: 'made_up' }] }));
  await page.setInputFiles('#open-self', unknown);
  await page.waitForSelector('#inc-cat-0[aria-invalid="true"]');
  assert.match(await page.locator('#e-inc-cat-0').textContent(), /Loại của vụ việc 1 không có trong bộ tiêu chí nào/);
  assert.equal(await page.locator('#inc-date-0').getAttribute('aria-invalid'), null);
  // What the file gives that the form does not read is named in the status line, not dropped
  // without a word: a commune's attested key, and an indicator of agencies.
  const extra = path.join(out, 'tu-danh-gia-them.json');
  const ev0 = saved.evidence.find((e) => e.unit === 'U');
  writeFileSync(extra, JSON.stringify({ ...saved, evidence: [{ ...ev0, staff_total: 12, attested: { ...ev0.attested, 'CW-3': 'yes' } }] }));
  await page.setInputFiles('#open-self', extra);
  await page.waitForFunction(() => /không được đưa vào/.test(document.querySelector('#status-line')?.textContent ?? ''));
  assert.match(await page.locator('#status-line').textContent(), /^Đã mở «tu-danh-gia-them\.json»\. 2 giá trị trong tệp không được tiêu chí của năm này cho loại đơn vị này đọc, nên không được đưa vào: «[^»]+», «CW-3»\.$/);
  await expectStatus(page, 'meets');
  // Two years of evidence for the unit: refused, never the first taken silently.
  const years = path.join(out, 'tu-danh-gia-hai-nam.json');
  writeFileSync(years, JSON.stringify({ ...saved, evidence: [ev0, { ...ev0, year: 2024 }] }));
  await page.setInputFiles('#open-self', years);
  await page.waitForFunction(() => /nhiều năm/.test(document.querySelector('#form-error')?.textContent ?? ''));
  assert.match(await page.locator('#form-error').textContent(), /• tệp có chứng cứ của nhiều năm \(2023, 2024\); trang mở một năm một lần/);
  await page.setInputFiles('#open-self', savedFile);
  await expectStatus(page, 'meets');
  assert.equal(await page.locator('#incidents .incident').count(), 0);
  assert.doesNotMatch(await page.locator('#status-line').textContent(), /không được đưa vào/);
});

test('point 6: a failing unit is told what it still takes (analysis module, on demand)', async () => {
  const { page } = phone;
  await page.fill('#f-households_registered', '199');
  await expectStatus(page, 'does_not_meet');
  assert.doesNotMatch(await page.locator('#missing').textContent(), /^Không thiếu thông tin nào\.$/);
  await page.click('#whatif');
  await page.waitForSelector('#whatif-out .plan-changes li', { timeout: 30000 });
  const plan = await page.locator('#whatif-out').innerText();
  assert.match(plan, /Có thể đạt nếu/);
  assert.match(plan, /Số hộ đăng ký tham gia/);
  assert.match(plan, /ít nhất 200/);
  for (const re of RAW) assert.doesNotMatch(plan, re);
  await page.locator('#whatif-box').scrollIntoViewIfNeeded();
  await shot(page, 'phone-what-it-takes');
  await page.fill('#f-households_registered', '200');
});

test('point 9: the verdict alone is announced, once per change', async () => {
  const { page } = phone;
  const live = await page.evaluate(() => [...document.querySelectorAll('#view-self [aria-live]')].map((e) => e.id));
  assert.deepEqual(live.filter((id) => id !== 'whatif-out'), ['announce']);
  assert.equal(await page.locator('#result').getAttribute('aria-live'), null);
  const changes = await page.evaluate(async () => {
    const box = document.getElementById('announce');
    let n = 0;
    const mo = new MutationObserver(() => { n += 1; });
    mo.observe(box, { childList: true, characterData: true, subtree: true });
    const input = document.getElementById('f-households_total');
    for (const v of ['2', '20', '200', '2000', '200']) {
      input.value = v;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
    await new Promise((r) => setTimeout(r, 1200));
    mo.disconnect();
    return n;
  });
  assert.ok(changes <= 1, `${changes} announcements for 5 keystrokes`);
});

test('point 9: removing an incident keeps the focus in the list; labels are distinct', async () => {
  const { page } = phone;
  await page.click('#add-incident');
  await page.click('#add-incident');
  await page.locator('#incidents button.remove').first().click();
  const focused = await page.evaluate(() => ({ tag: document.activeElement?.tagName, cls: document.activeElement?.className, id: document.activeElement?.id }));
  assert.notEqual(focused.tag, 'BODY');
  assert.equal(focused.cls, 'remove');
  await page.locator('#incidents button.remove').first().click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'add-incident');
  await page.click('#add-incident');
  await page.click('#add-incident');
  // Every control has its own accessible name.
  const names = await page.evaluate(() => [...document.querySelectorAll('#form input, #form select')]
    .filter((e) => e.type !== 'file').map((e) => (e.labels?.[0]?.textContent ?? e.getAttribute('aria-label') ?? '').trim()));
  assert.ok(names.every(Boolean), 'every control is labelled');
  assert.equal(new Set(names).size, names.length, `duplicate labels: ${names.filter((n, i) => names.indexOf(n) !== i)}`);
  await axe(page, 'phone self-assessment');
  await page.locator('#incidents button.remove').first().click();
  await page.locator('#incidents button.remove').first().click();
});

test('point 9: tabs follow the arrow keys', async () => {
  const { page } = phone;
  await page.focus('#tab-self');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.locator('#tab-province').getAttribute('aria-selected'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-province');
  assert.equal(await page.locator('#view-province').isVisible(), true);
  await page.waitForSelector('#communes tbody tr[data-unit]');
  await shot(page, 'phone-province');
  await axe(page, 'phone province');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.locator('#tab-self').getAttribute('aria-selected'), 'true');
  await page.keyboard.press('End');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-province');
  await page.keyboard.press('Home');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-self');
});

test('point 8: after the first visit the page works offline (service worker)', async () => {
  const { page, context } = phone;
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await ready(page);
  assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller), 'the page is controlled');
  await context.setOffline(true);
  try {
    await page.reload();
    await ready(page);
    await expectStatus(page, 'meets');
    await shot(page, 'phone-offline');
  } finally {
    await context.setOffline(false);
  }
});

test('point 8: opened from file://, the page says how to open it instead of staying blank', async () => {
  const { page } = await open(PHONE, { watch: false });
  await page.goto(pathToFileURL(path.join(www, 'index.html')).href);
  await page.waitForFunction(() => document.getElementById('loading')?.classList.contains('failed'));
  assert.match(await page.locator('#loading').textContent(), /máy chủ web.*serve\.sh/);
  await shot(page, 'phone-file-url');
});

// ----- desktop: a provincial officer -----------------------------------------------------

let desk;

test('point 7: province view with counts, shares and districts (before 2025), drill-down', async () => {
  desk = await open(DESKTOP);
  const { page } = desk;
  await page.goto(base);
  await ready(page);
  await page.click('#tab-province');
  await page.waitForSelector('#communes tbody tr[data-unit]');
  const rows = await page.locator('#communes tbody tr[data-unit]').count();
  assert.ok(rows >= 3, `${rows} communes`);
  assert.equal(await page.locator('#chart svg g[data-unit]').count(), rows, 'the chart shows every commune');
  assert.match(await page.locator('#p-summary').textContent(), /\d+\/\d+ xã, phường đạt \(\d+,\d%\)/);
  // The evaluation's lints are on the page: here keys the sample keeps for other instruments,
  // which change no result, so the list is closed and shows its count.
  const notes = page.locator('#p-summary details.p-notes');
  const n = await notes.locator('li').count();
  assert.ok(n > 0);
  assert.equal(await notes.locator('summary').textContent(), `Lưu ý (${n})`);
  assert.equal(await notes.getAttribute('open'), null);
  assert.match(await notes.locator('li').first().textContent(), /^mục không được dùng — chi tiết: \d+ khóa xác nhận được «/);
  assert.ok(await page.locator('#communes tr.group').count() >= 1, 'grouped by district');
  assert.match(await page.locator('#communes thead').textContent(), /Huyện/);
  assert.match(await page.locator('#p-title').textContent(), /DỮ LIỆU TỔNG HỢP/);
  await shot(page, 'desktop-province-2023', true);
  // Drill-down: a commune's explanation, then back to where we were.
  const first = page.locator('#communes tbody tr[data-unit] button.drill-open').first();
  await first.click();
  assert.equal(await page.locator('#drill').isVisible(), true);
  assert.match(await page.locator('#drill-text').textContent(), /Kết quả:/);
  for (const re of [/`/, /\[(V|P|I)\]/, /\d{4}-\d{2}-\d{2}/]) assert.doesNotMatch(await page.locator('#drill-text').textContent(), re);
  await shot(page, 'desktop-drill-down');
  await page.click('#drill-close');
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('drill-open')), true);
  await axe(page, 'desktop province');
  // 2025: no districts, no grouping.
  await page.selectOption('#p-year', '2025');
  await page.waitForFunction(() => document.querySelectorAll('#communes tbody tr[data-unit]').length > 0);
  assert.equal(await page.locator('#communes tr.group').count(), 0);
  assert.doesNotMatch(await page.locator('#communes thead').textContent(), /Huyện/);
  await page.selectOption('#p-year', '2023');
});

test('point 7: sort, filter, search and CSV export', async () => {
  const { page } = desk;
  await page.click('button.sort[data-sort="share"]');
  const shares = await page.locator('#communes tbody tr[data-unit] td.num:last-of-type').allTextContents();
  const nums = shares.map((s) => (s === '–' ? -1 : Number(s.replace('%', '').replace(',', '.'))));
  assert.deepEqual(nums, [...nums].sort((a, b) => a - b), 'sorted by share');
  assert.equal(await page.locator('th[aria-sort="ascending"]').count(), 1);
  await page.click('button.sort[data-sort="share"]');
  assert.equal(await page.locator('th[aria-sort="descending"]').count(), 1);
  const total = await page.locator('#communes tbody tr[data-unit]').count();
  await page.selectOption('#p-filter', 'Đạt');
  const meets = await page.locator('#communes tbody tr[data-unit]').count();
  assert.ok(meets < total && meets > 0, `${meets} of ${total}`);
  assert.deepEqual([...new Set(await page.locator('#communes tbody td.meets').allTextContents())], ['Đạt']);
  await page.selectOption('#p-filter', '');
  const name = await page.locator('#communes tbody tr[data-unit] button.drill-open').first().textContent();
  await page.fill('#p-search', name);
  assert.ok(await page.locator('#communes tbody tr[data-unit]').count() >= 1);
  assert.ok(await page.locator('#communes tbody tr[data-unit]').count() < total);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#p-csv')]);
  const csvPath = path.join(out, download.suggestedFilename());
  await download.saveAs(csvPath);
  const csv = readFileSync(csvPath, 'utf8');
  assert.match(csv, /^\uFEFFdistrict,unit,name,outcome/);
  assert.ok(csv.includes(name), 'the CSV has the searched commune');
  await page.fill('#p-search', '');
});

test('point 7: all three instruments', async () => {
  const { page } = desk;
  for (const [family, re] of [['vn.d510', /.+/], ['vn.typical.communes', /.+/], ['vn.c124', /^(Đạt|Chưa đạt|Chưa xác định)$/]]) {
    await page.selectOption('#p-instrument', family);
    await page.waitForFunction(() => document.querySelectorAll('#communes tbody tr[data-unit]').length > 0 || !document.getElementById('p-error').hidden);
    assert.equal(await page.locator('#p-error').isHidden(), true, `${family}: ${await page.locator('#p-error').textContent()}`);
    const outcomes = await page.locator('#communes tbody tr[data-unit] td:nth-child(4)').allTextContents();
    assert.ok(outcomes.length > 0 && outcomes.every((o) => re.test(o)), `${family}: ${outcomes}`);
    // No left-out part of the summary is written as the text "null".
    assert.doesNotMatch(await page.locator('#p-summary').textContent(), /null|undefined/, family);
    // The view names what decided it: rule set id, version and hash, its period, the reference date.
    const decided = await page.locator('#p-decided').textContent();
    assert.match(decided, /— vn\.[-.a-z0-9]+ \d+\.\d+\.\d+.* \(sha256:[0-9a-f]{12}\)/, decided);
    assert.match(decided, /Ngày tham chiếu: \d{2}\/\d{2}\/\d{4}/, decided);
    // Beyond Circular 124 (no share of units per commune), the chart counts the communes by outcome.
    if (family !== 'vn.c124') {
      const bars = await page.locator('#chart svg g[data-outcome] > text:last-of-type').allTextContents();
      const counts = bars.map((b) => Number(/^(\d+) \(/.exec(b)?.[1]));
      assert.equal(counts.reduce((a, b) => a + b, 0), outcomes.length, `${family}: ${JSON.stringify(bars)}`);
      assert.ok(bars.every((b) => !b.includes('–')), `${family}: ${bars}`);
    }
    await shot(page, `desktop-province-${family}`, true);
  }
});

test('point 7: the saved self-assessment opens in the province view; a failed open clears the old province', async () => {
  const { page } = desk;
  await page.setInputFiles('#file', savedFile);
  await page.waitForFunction(() => document.querySelector('#communes tbody tr[data-unit]'));
  assert.match(await page.locator('#p-title').textContent(), /Thôn Đông/);
  assert.match(await page.locator('#communes tbody').textContent(), /Xã An Bình/);
  const bad = path.join(out, 'broken.json');
  writeFileSync(bad, '{ "format_version": 1, "units": [ { "id": "X" } ] }');
  await page.setInputFiles('#file', bad);
  await page.waitForSelector('#p-error:not([hidden])');
  assert.match(await page.locator('#p-error').textContent(), /Không mở được «broken.json»:\nTệp dữ liệu chưa hợp lệ \(mã lỗi: invalid_dataset\)/);
  assert.match(await page.locator('#p-error').textContent(), /tệp broken\.json, dòng 1/);
  assert.equal(await page.locator('#communes tbody tr[data-unit]').count(), 0, 'the old province is gone');
  assert.equal(await page.locator('#p-title').textContent(), '');
  await shot(page, 'desktop-province-failed-open');
});

test('desktop: the self-assessment in English, axe clean', async () => {
  const { page } = desk;
  await page.click('#tab-self');
  await page.click('#lang-en');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.match(await page.locator('#explanation').textContent(), /Outcome:/);
  // The verdict names what decided it: the rule set's id, version and hash, its period, the reference date.
  const facts = await page.locator('#facts').innerText();
  assert.match(facts, /Rule set\s+.+ — vn\.c124-\d{4}(\.[a-z0-9-]+)? \d+\.\d+\.\d+ \(sha256:[0-9a-f]{12}\)/, facts);
  assert.match(facts, /Applies\s+\d{2}\/\d{2}\/\d{4} – (\d{2}\/\d{2}\/\d{4}|…) \((verified|inferred|partly known)\)/, facts);
  assert.match(facts, /Reference date\s+15\/11\/\d{4}/, facts);
  await shot(page, 'desktop-self-en', true);
  await axe(page, 'desktop self-assessment (en)');
  await page.click('#lang-vi');
  assert.match(await page.locator('#verdict').textContent(), /^(Chưa xác định|Đạt|Chưa đạt)/);
  await shot(page, 'desktop-self-vi', true);
});

test('no console errors', () => {
  assert.deepEqual(consoleErrors, []);
});
