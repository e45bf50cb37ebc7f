// Stillpoint service worker. `cargo xtask post-build` fills in VERSION and
// PRECACHE (every file of the build, with hashed names) and writes sw.js.
//
// Navigations are answered cache-first with the precached index.html, so the
// page always matches the assets of the worker that serves it and opens at
// once with no network. A new build installs beside the running one and waits;
// the page shows "A new version is ready" and sends "skip-waiting" only when
// the therapist presses Reload.
const VERSION = "__VERSION__";
const CACHE = `stillpoint-${VERSION}`;
const PRECACHE = __PRECACHE__;

self.addEventListener("install", (event) => {
  // "reload" skips the HTTP cache: the sync worker's files keep their names
  // across builds, so a cached copy could be an older build's.
  const requests = PRECACHE.map((url) => new Request(url, { cache: "reload" }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((name) => name.startsWith("stillpoint-") && name !== CACHE).map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") {
    self.skipWaiting();
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const key = request.mode === "navigate" ? "/index.html" : request;
      return (await cache.match(key)) || fetch(request);
    })(),
  );
});
