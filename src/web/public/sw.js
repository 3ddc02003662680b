/*
 * 安监 service worker: the app shell for offline field work (现场检查 in a plant without network).
 * - /assets/* are content-hashed and never change: served from the cache first, cached when first fetched.
 * - Pages (navigations) go to the network first; offline, the cached app shell (index.html) answers, and the app
 *   works from the device store (IndexedDB) until the network returns.
 * - /api/* is never cached here: the app decides what it keeps on the device.
 */
const CACHE = 'anjian-shell-v1';
const SHELL = ['/', '/manifest.webmanifest', '/icon.svg'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function fromCacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) (await caches.open(CACHE)).put(request, response.clone());
  return response;
}

async function pageFromNetworkFirst(request) {
  try {
    const response = await fetch(request);
    if (response.ok) (await caches.open(CACHE)).put('/', response.clone());
    return response;
  } catch (e) {
    const shell = await caches.match('/');
    if (shell) return shell;
    throw e;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (url.pathname.startsWith('/assets/')) event.respondWith(fromCacheFirst(request));
  else if (request.mode === 'navigate') event.respondWith(pageFromNetworkFirst(request));
});
