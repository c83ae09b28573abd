// The demo page's service worker: after the first visit the page works offline. The page's
// files and the default module are kept on install; everything else the page fetches (the
// analysis module, the sample) is kept when first used. Network first, so a new version
// shows at once (serve.py answers an unchanged file with a 304 through its ETag, which is
// cheap); the cache answers when the network fails or is slower than 4 s.
const CACHE = 'antq-page-v1';
const CORE = [
  './', 'index.html', 'app.js', 'style.css',
  'pkg/antq.js', 'pkg/antq_glue.js', 'pkg/antq_bg.wasm', 'pkg/lib/error.js', 'pkg/lib/wrap.js',
];
const TIMEOUT_MS = 4000;

self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(CORE)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (e) => {
  e.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('antq-page-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.origin !== self.location.origin) return;
  e.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const network = fetch(e.request).then((r) => {
      if (r.ok) e.waitUntil(cache.put(e.request, r.clone()));
      return r;
    });
    const cached = () => cache.match(e.request, { ignoreSearch: true });
    let timer;
    const slow = new Promise((resolve) => { timer = setTimeout(resolve, TIMEOUT_MS); });
    try {
      const first = await Promise.race([network, slow.then(() => null)]);
      if (first) return first;
      return (await cached()) ?? await network;
    } catch {
      const hit = await cached();
      if (hit) return hit;
      throw new Error(`offline and not cached: ${url.pathname}`);
    } finally {
      clearTimeout(timer);
    }
  })());
});
