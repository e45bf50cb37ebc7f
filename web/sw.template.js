// Stillpoint service worker. `cargo xtask post-build` fills in VERSION,
// PRECACHE (every file of the build and the hash of its contents), BASE (the build's
// public URL: "/" for the tablet, "/phone/" for the client's phone app),
// CACHE_PREFIX and ELSEWHERE, and writes sw.js into that build. Each build
// has its own worker, scope and caches, so a phone never downloads the
// tablet's files and neither worker removes the other's cache.
//
// Navigations are answered cache-first with the precached index.html, so the
// page always matches the assets of the worker that serves it and opens at
// once with no network. A new build installs beside the running one and waits;
// the page shows "A new version is ready" and sends "skip-waiting" only when
// the therapist presses Reload. Each file is cached under its URL and its
// content hash, so installing a new build copies every file whose contents
// did not change from the caches already on the device and fetches only
// the rest: an update downloads what changed, not the whole app.
const VERSION = "__VERSION__";
const BASE = "__BASE__";
const CACHE_PREFIX = "__CACHE_PREFIX__";
const CACHE = `${CACHE_PREFIX}${VERSION}`;
const PRECACHE = __PRECACHE__;
// Paths inside this worker's scope that belong to another build with its
// own worker (the tablet's leaves the phone app alone, even before the
// phone's worker is installed).
const ELSEWHERE = __ELSEWHERE__;

/** Whether `name` is a cache this worker made: its prefix and a version. */
const ours = (name) => name.startsWith(CACHE_PREFIX) && /^[0-9a-f]+$/.test(name.slice(CACHE_PREFIX.length));
const elsewhere = (path) => ELSEWHERE.some((folder) => path.startsWith(folder) || `${path}/` === folder);

/** The cache key of a precached file: its URL and its content hash. The
 * tablet's app folder is named after all it holds (`/app-<hash>/`, so any
 * change renames it): the key names it `/app/`, so a file that did not
 * change is still found in the caches of the build before. */
const keyOf = (path) => `${path.replace(/^\/app-[0-9a-f]{16}\//, "/app/")}?sp=${PRECACHE[path]}`;

/** Puts `path` in `cache`: a copy with the same contents from any cache on
 * the device if there is one, else fetched. "reload" skips the HTTP cache:
 * the sync worker's files keep their names across builds. A copy is a new
 * response with the same body and headers but no URL of its own: a kept
 * copy may come from an earlier app folder, and a module script resolves
 * its imports against the URL of the response it was served. */
async function precache(cache, path) {
  const key = keyOf(path);
  const kept = await caches.match(key);
  if (kept) return cache.put(key, new Response(kept.body, kept));
  const response = await fetch(new Request(path, { cache: "reload" }));
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return cache.put(key, response);
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => Promise.all(Object.keys(PRECACHE).map((path) => precache(cache, path)))),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((name) => ours(name) && name !== CACHE).map((name) => caches.delete(name)),
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
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || elsewhere(url.pathname)) {
    return;
  }
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const path = request.mode === "navigate" ? `${BASE}index.html` : url.pathname;
      const cached = path in PRECACHE ? await cache.match(keyOf(path)) : undefined;
      return cached || fetch(request);
    })(),
  );
});
