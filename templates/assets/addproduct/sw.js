/* Etalase add-a-product page: the service worker's code, loaded by tambah-produk/sw.js (and
 * en/tambah-produk/sw.js), which sets self.ETALASE_ADDPRODUCT = {version, keep} first. Its scope
 * is the page's folder, so it answers for the page and for the requests the page makes, and for
 * nothing else of the site.
 *
 * - On install it keeps the page, its scripts, style sheet and the two record schemas (`keep`),
 *   and every same-site style sheet, script and icon the page's HTML names (Material's bundles,
 *   whose names carry a hash), so the page opens and works with no signal at all.
 * - The page itself: from the network when it answers within NETWORK_WAIT (and kept), else the
 *   kept copy; so a weak signal never leaves a maker staring at a blank screen.
 * - Everything else the page asks of its own site: the kept copy at once, refreshed in the
 *   background (stale-while-revalidate). Requests to other sites (wa.me) are not touched.
 * - A new version (any change to the page's assets or the schemas) keeps afresh and drops the
 *   old copies of this scope.
 */
"use strict";

const SETUP = self.ETALASE_ADDPRODUCT || { version: "0", keep: ["./"] };
const SCOPE = self.registration.scope;
const PREFIX = `etalase-tambah-produk:${SCOPE}:`;
const CACHE = PREFIX + SETUP.version;
const NETWORK_WAIT = 4000;
const NAMED = /\b(?:href|src)="([^"#?]+\.(?:css|js|png|svg|ico|woff2?|json|webmanifest))"/g;

/** Return the same-site addresses of style sheets, scripts and icons an HTML page names. */
function named(html, base) {
  const found = new Set();
  for (const match of html.matchAll(NAMED)) {
    const url = new URL(match[1], base);
    if (url.origin === self.location.origin) found.add(url.href);
  }
  return [...found];
}

async function keepAll() {
  const cache = await caches.open(CACHE);
  const urls = SETUP.keep.map((path) => new URL(path, self.location.href).href);
  await cache.addAll(urls);
  const page = await cache.match(SCOPE);
  if (page) {
    const more = named(await page.text(), SCOPE).filter((url) => !urls.includes(url));
    await Promise.all(more.map((url) => cache.add(url).catch(() => undefined)));
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(keepAll().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

/** The page: the network's answer within NETWORK_WAIT (kept for next time), else the kept copy. */
async function page(request) {
  const cache = await caches.open(CACHE);
  const network = fetch(request).then(async (response) => {
    if (response.ok && response.type === "basic") await cache.put(SCOPE, response.clone());
    return response;
  });
  network.catch(() => undefined); // answered below, or too late to matter
  const late = new Promise((resolve) => setTimeout(resolve, NETWORK_WAIT, null));
  try {
    const answer = await Promise.race([network, late]);
    if (answer) return answer;
  } catch {
    // offline: the kept copy below
  }
  const kept = await cache.match(SCOPE);
  return kept || network;
}

/** Anything else of the site: the kept copy at once, refreshed behind it; the network when none is kept. */
async function asset(request, event) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request, { ignoreSearch: true });
  const fresh = fetch(request)
    .then(async (response) => {
      if (response.ok && response.type === "basic") await cache.put(request, response.clone());
      return response;
    })
    .catch(() => kept || Response.error());
  if (kept) {
    event.waitUntil(fresh.then(() => undefined));
    return kept;
  }
  return fresh;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    if (url.href.split(/[?#]/)[0] === SCOPE || url.href.split(/[?#]/)[0] === `${SCOPE}index.html`) event.respondWith(page(request));
    return;
  }
  event.respondWith(asset(request, event));
});
