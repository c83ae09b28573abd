// The demo page's service worker: after the first visit the page works offline. The page's
// files and the default module are kept on install; everything else the page fetches (the
// analysis module, the sample) is kept when first used. Answers come from the cache at once
// and are refreshed from the network behind them (stale-while-revalidate), so a new
// version shows on the next visit.
const CACHE = 'antq-page-v1';
const CORE = [
  './', 'index.html', 'app.js', 'style.css',
  'pkg/antq.js', 'pkg/antq_glue.js', 'pkg/antq_bg.wasm', 'pkg/lib/error.js', 'pkg/lib/wrap.js',
];

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
  e.respondWith(caches.open(CACHE).then(async (cache) => {
    const cached = await cache.match(e.request, { ignoreSearch: true });
    const fresh = fetch(e.request).then((r) => {
      if (r.ok) cache.put(e.request, r.clone());
      return r;
    });
    if (cached) {
      e.waitUntil(fresh.catch(() => {}));
      return cached;
    }
    return fresh;
  }));
});
