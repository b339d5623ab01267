// Reading offline (issue 14 §6): keeps the pages of spaces and threads a
// reader has opened, and the small copies of their photos, so they can be
// read again without a connection. Network first: online, every page is the
// server's fresh answer (and the copy is renewed); offline, the saved copy is
// shown, marked on the page as an offline copy with the time it was saved.
// Sign-out empties the cache (app.js, and the server's Clear-Site-Data), and
// so does any answer that sends the reader to the login page, so another
// person on a shared device never reads these pages.
"use strict";

const CACHE = "crm-offline-v1";
// What is kept: spaces, threads, a space's materials list and photos' small
// copies; with each page, the fingerprinted assets it names (its CSS and JS),
// which are served from here only without a connection (online, the
// browser's own cache serves them as for every other page).
const KEPT = [
  /^\/spaces(\/\d+(\/materials)?)?$/,
  /^\/threads\/\d+$/,
  /^\/attachments\/\d+\/small$/,
];
const ASSET = /^\/assets\//;

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("message", (event) => {
  if (event.data === "forget") event.waitUntil(caches.delete(CACHE));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (ASSET.test(url.pathname)) {
    if (!self.navigator.onLine) event.respondWith(savedCopy(request));
    return;
  }
  if (!KEPT.some((pattern) => pattern.test(url.pathname))) return;
  event.respondWith(networkFirst(request));
});

async function networkFirst(request) {
  let response;
  try {
    response = await fetch(request);
  } catch (offline) {
    return savedCopy(request);
  }
  if (response.redirected && new URL(response.url).pathname === "/login") {
    await caches.delete(CACHE);  // signed out or the session ended
  } else if (response.ok && response.type === "basic" && !response.redirected) {
    const copy = response.clone();
    const headers = new Headers(copy.headers);
    headers.set("X-Crm-Saved-At", new Date().toISOString());
    const body = await copy.arrayBuffer();
    const cache = await caches.open(CACHE);
    await cache.put(request, new Response(body, { status: copy.status, headers }));
    if ((headers.get("Content-Type") || "").startsWith("text/html"))
      await keepAssets(cache, new TextDecoder().decode(body));
  }
  return response;
}

// The page's own CSS and JS (fingerprinted: a name never changes content), so
// the saved copy looks the same offline.
async function keepAssets(cache, html) {
  const urls = [...new Set(html.match(/\/assets\/[\w.-]+/g) || [])];
  for (const url of urls) {
    if (!(await cache.match(url))) await cache.add(url).catch(() => {});
  }
}

async function savedCopy(request) {
  const cache = await caches.open(CACHE);
  const saved = await cache.match(request);
  if (!saved) return Response.error();
  const type = saved.headers.get("Content-Type") || "";
  if (!type.startsWith("text/html")) return saved;
  // The page says it is an offline copy: app.js shows the note the server put
  // in every page (hidden), with the time it was saved.
  const html = (await saved.text()).replace(
    "<html ", `<html data-offline-saved="${saved.headers.get("X-Crm-Saved-At") || ""}" `);
  return new Response(html, { status: 200, headers: saved.headers });
}
