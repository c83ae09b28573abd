// The npm package as a user gets it: `npm pack` of pkg/, installed from the tarball into a
// fresh temporary project, then
//
// - its contents (one .wasm per module, README, both licences, the version of Cargo.toml);
// - Node: `import init, { Dataset, … } from 'antq'` (and 'antq/full', 'antq/package.json',
//   'antq/sample/…') evaluates the sample; `require('antq')` gives the same module;
// - TypeScript: a consumer type-checks against the installed package (exports map, .d.ts);
// - bundlers: the same browser app (test/package/app/main.js) bundled by Vite with no
//   configuration, and by esbuild (which does not emit `new URL(…, import.meta.url)` assets:
//   first without the .wasm, which must fail with a helpful AntqError, then with the one
//   documented step, copying the .wasm beside the bundle; and with the file loader), each
//   loaded in headless Chromium (Debian's, driven by playwright-core), where it evaluates
//   the sample and must give what Node gives.
//
//   node --test test/package/          (needs ./build.sh first, and `npm ci` here)
//
// esbuild, vite and playwright-core are pinned in bindings-wasm/package.json (lockfile).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const wasmDir = path.resolve(here, '..', '..');
const pkgDir = path.join(wasmDir, 'pkg');
const bin = (name) => path.join(wasmDir, 'node_modules', '.bin', name);
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

let work;
let project;
let tarball;
let packed;
let nodeResult;
let context;

const run = (cmd, args, cwd, env = {}) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });

before(() => {
  assert.ok(existsSync(path.join(pkgDir, 'package.json')), 'pkg/ is missing: run ./build.sh first');
  work = mkdtempSync(path.join(tmpdir(), 'antq-pack-'));
  [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], pkgDir));
  tarball = path.join(work, packed.filename);
  project = path.join(work, 'project');
  mkdirSync(project);
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'antq-user', private: true, type: 'module' }, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund', tarball], project);
  cpSync(path.join(here, 'app'), project, { recursive: true });
});

after(async () => {
  await context?.close();
  if (work && !process.env.ANTQ_KEEP) rmSync(work, { recursive: true, force: true });
});

test('the tarball: one .wasm per module, README, both licences, the workspace version, no placeholder', () => {
  const files = packed.files.map((f) => f.path).sort();
  assert.deepEqual(files.filter((f) => f.endsWith('.wasm')), ['antq_bg.wasm', 'antq_full_bg.wasm']);
  for (const f of ['README.md', 'LICENSE-MIT', 'LICENSE-APACHE', 'package.json', 'antq.js', 'antq.node.js', 'antq.d.ts',
    'full.js', 'full.node.js', 'full.d.ts', 'lib/error.js', 'lib/error.d.ts', 'lib/wrap.js', 'sample/province.json']) {
    assert.ok(files.includes(f), `${f} is not in the tarball: ${files.join(', ')}`);
  }
  const meta = JSON.parse(readFileSync(path.join(project, 'node_modules', 'antq', 'package.json'), 'utf8'));
  const cargo = readFileSync(path.resolve(wasmDir, '..', 'Cargo.toml'), 'utf8');
  assert.equal(meta.version, /\[workspace\.package\][^[]*?\nversion = "([^"]+)"/.exec(cargo)[1]);
  assert.equal(meta.license, 'MIT OR Apache-2.0');
  assert.ok(!JSON.stringify(meta).includes('example.invalid'), 'a placeholder address in package.json');
  assert.match(readFileSync(path.join(project, 'node_modules', 'antq', 'LICENSE-APACHE'), 'utf8'), /Apache License\s+Version 2\.0/);
  assert.match(readFileSync(path.join(project, 'node_modules', 'antq', 'LICENSE-MIT'), 'utf8'), /^MIT License/);
  console.log(`# tarball ${packed.filename}: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked, ${packed.entryCount} files`);
});

test('Node: the ES module import of the README evaluates the sample', () => {
  nodeResult = JSON.parse(run('node', ['node-esm.mjs'], project));
  assert.equal(nodeResult.ok, true);
  assert.equal(nodeResult.version, nodeResult.packageVersion);
  assert.ok(nodeResult.units > 100, `${nodeResult.units} units`);
  assert.match(nodeResult.explanation, /Kết quả: Chưa đạt/);
  assert.equal(nodeResult.verified, true);
  // whatIf says what its evaluation did not read (the sample's keys of other rule sets).
  assert.ok(nodeResult.lints.includes('unused_key'), JSON.stringify(nodeResult.lints));
  assert.equal(nodeResult.reviewed, nodeResult.units);
  assert.deepEqual(nodeResult.errors, { year: 'bad_argument', lang: 'bad_argument', freed: 'freed_object', wrongClass: 'bad_argument' });
  // CommonJS: require() of the ES module (Node ≥ 20.19 / 22.12) gives the same exports.
  const cjs = run('node', ['-e', `const a = require('antq'); console.log(typeof a.default, a.RuleSet.preset('vn.c124-2021').id)`], project);
  assert.equal(cjs.trim().split('\n').at(-1), 'function vn.c124-2021');
});

test('TypeScript: a consumer type-checks against the installed package (nodenext and bundler resolution)', () => {
  for (const resolution of ['nodenext', 'bundler']) {
    const tsconfig = {
      compilerOptions: {
        strict: true, noEmit: true, target: 'es2022', module: resolution === 'bundler' ? 'esnext' : 'nodenext',
        moduleResolution: resolution, lib: ['es2022', 'esnext.disposable', 'dom'], types: [], skipLibCheck: false,
      },
      files: ['consumer.ts'],
    };
    writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
    run(bin('tsc'), ['-p', project], project);
  }
});

/** Serves `dir` on 127.0.0.1 (with the .wasm MIME type); resolves to its base URL and a close function. */
function serve(dir) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
  const server = createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/\/$/, '/index.html'));
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ base: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() }));
  });
}

/** Loads the page in `dir` (or at the URL `dir`) in Chromium; returns window.__antq and the console errors. */
async function load(dir) {
  context ??= await chromium.launchPersistentContext(mkdtempSync(path.join(work, 'chromium-')), {
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const { base, close } = dir.startsWith('http') ? { base: dir, close: () => {} } : await serve(dir);
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await page.goto(base);
    await page.waitForFunction(() => document.body.dataset.done, null, { timeout: 30000 });
    return { result: await page.evaluate(() => window.__antq), errors };
  } finally {
    await page.close();
    close();
  }
}

function assertSameAsNode(result, errors, what) {
  assert.equal(result.ok, true, `${what}: ${result.error}`);
  assert.deepEqual(errors, [], `${what}: console errors`);
  const { beforeInit, ...errorCodes } = result.errors;
  assert.equal(beforeInit, 'not_initialised', `${what}: a call before init()`);
  const { errors: _, packageVersion: __, ...node } = nodeResult;
  const { errors: ___, ...page } = result;
  assert.deepEqual(page, node, `${what}: the page's evaluation differs from Node's`);
  assert.deepEqual(errorCodes, nodeResult.errors, `${what}: error codes`);
}

test('Vite: bundled with no configuration, evaluates the sample in Chromium as Node does', async () => {
  run(bin('vite'), ['build', '--logLevel', 'warn', '--outDir', 'dist-vite', '--emptyOutDir'], project);
  const assets = readdirSync(path.join(project, 'dist-vite', 'assets'));
  assert.equal(assets.filter((f) => f.endsWith('.wasm')).length, 2, `Vite emitted ${assets.join(', ')}`);
  const { result, errors } = await load(path.join(project, 'dist-vite'));
  assertSameAsNode(result, errors, 'Vite');
});

test('Vite dev server: no configuration either', async () => {
  const port = await new Promise((resolve) => {
    const s = createNetServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
  // Colour off, and escapes stripped anyway: with colour the port is wrapped in escape codes.
  const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  const dev = spawn(bin('vite'), ['--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    await new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`vite did not start: ${out}`)), 30000);
      const seen = (d) => { out += String(d).replace(/\x1b\[[0-9;]*m/g, ''); if (out.includes(`:${port}/`)) { clearTimeout(timer); resolve(); } };
      dev.stdout.on('data', seen);
      dev.stderr.on('data', seen);
      dev.on('exit', (code) => reject(new Error(`vite exited (${code}): ${out}`)));
    });
    const { result, errors } = await load(`http://127.0.0.1:${port}/`);
    assertSameAsNode(result, errors, 'Vite dev');
  } finally {
    dev.kill();
  }
});

test('esbuild: without the .wasm beside the bundle init() fails with a helpful AntqError; with it, the sample evaluates', async () => {
  const out = path.join(project, 'dist-esbuild');
  run(bin('esbuild'), ['main.js', '--bundle', '--format=esm', `--outdir=${out}`, '--log-level=warning'], project);
  writeFileSync(path.join(out, 'index.html'), readFileSync(path.join(project, 'index.html'), 'utf8'));
  const missing = await load(out);
  assert.equal(missing.result.ok, false);
  assert.match(missing.result.error, /^AntqError: io antq: could not load its WebAssembly module from http.*antq_bg\.wasm.*esbuild/);
  // The one documented step: the .wasm files beside the bundle.
  for (const f of ['antq_bg.wasm', 'antq_full_bg.wasm']) cpSync(path.join(project, 'node_modules', 'antq', f), path.join(out, f));
  const { result, errors } = await load(out);
  assertSameAsNode(result, errors, 'esbuild');
});

test("esbuild with the file loader: init(url) from `import wasm from 'antq/antq_bg.wasm'`", async () => {
  const out = path.join(project, 'dist-esbuild-loader');
  const main = readFileSync(path.join(project, 'main.js'), 'utf8')
    .replace("import sample from 'antq/sample/province.json';", "$&\nimport wasm from 'antq/antq_bg.wasm';\nimport wasmFull from 'antq/antq_full_bg.wasm';")
    .replace('await init();', 'await init(wasm);')
    .replace('await initFull();', 'await initFull(wasmFull);');
  assert.notEqual(main, readFileSync(path.join(project, 'main.js'), 'utf8'));
  writeFileSync(path.join(project, 'main-loader.js'), main);
  run(bin('esbuild'), ['main-loader.js', '--bundle', '--format=esm', '--loader:.wasm=file', `--outdir=${out}`, '--log-level=warning'], project);
  writeFileSync(path.join(out, 'index.html'), readFileSync(path.join(project, 'index.html'), 'utf8').replace('./main.js', './main-loader.js'));
  const { result, errors } = await load(out);
  assertSameAsNode(result, errors, 'esbuild --loader:.wasm=file');
});
