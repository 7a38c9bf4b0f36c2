/* The service worker (served as /sw.js by portal/pwa.py, after offline_queue.js and the
 * configuration in self.DUATIN).
 *
 * - Static files: cache first, in a cache named by the version; a new version drops the
 *   old cache when it activates.
 * - The reporter's pages (home, my assignments): network first; the last good copy is
 *   kept and shown when the network fails, marked as a saved copy (data-copy="saved") so
 *   that the page shows the offline banner.
 * - Background Sync (where the browser has it): sends the queued actions when the
 *   connection returns, even if the page was closed.
 */
/* global DuaTinQueue */
(function () {
  "use strict";
  var config = self.DUATIN;
  var STATIC = "duatin-static-" + config.version;
  var PAGES = "duatin-pages";

  self.addEventListener("install", function (event) {
    event.waitUntil(
      caches.open(STATIC)
        .then(function (cache) { return cache.addAll(config.static); })
        .then(function () { return self.skipWaiting(); })
    );
  });

  self.addEventListener("activate", function (event) {
    event.waitUntil(
      caches.keys().then(function (keys) {
        return Promise.all(keys.filter(function (key) {
          return key.indexOf("duatin-static-") === 0 && key !== STATIC;
        }).map(function (key) { return caches.delete(key); }));
      }).then(function () { return self.clients.claim(); })
    );
  });

  function cacheFirst(event) {
    return caches.open(STATIC).then(function (cache) {
      return cache.match(event.request).then(function (hit) {
        return hit || fetch(event.request).then(function (response) {
          if (response.ok) event.waitUntil(cache.put(event.request, response.clone()));
          return response;
        });
      });
    });
  }

  function savedCopy(response) {
    return response.text().then(function (html) {
      return new Response(html.replace('data-copy="live"', 'data-copy="saved"'), {
        status: 200, headers: response.headers,
      });
    });
  }

  function networkFirst(event, key) {
    return fetch(event.request).then(function (response) {
      if (response.ok && !response.redirected && response.type === "basic") {
        var copy = response.clone();
        event.waitUntil(caches.open(PAGES).then(function (cache) { return cache.put(key, copy); }));
      }
      return response;
    }, function () {
      return caches.open(PAGES).then(function (cache) { return cache.match(key); }).then(function (hit) {
        return hit ? savedCopy(hit) : Response.error();
      });
    });
  }

  self.addEventListener("fetch", function (event) {
    var request = event.request;
    var url = new URL(request.url);
    if (request.method !== "GET" || url.origin !== self.location.origin) return;
    if (url.pathname.indexOf(config.staticPrefix) === 0) {
      event.respondWith(cacheFirst(event));
    } else if (request.mode === "navigate" && config.pages.indexOf(url.pathname) !== -1) {
      event.respondWith(networkFirst(event, url.pathname));
    }
  });

  function tellPages(message) {
    return self.clients.matchAll({ type: "window" }).then(function (pages) {
      pages.forEach(function (page) { page.postMessage(message); });
      return pages;
    });
  }

  self.addEventListener("sync", function (event) {
    if (event.tag !== "duatin-queue") return;
    event.waitUntil(
      tellPages({ type: "duatin-drain" }).then(function (pages) {
        if (pages.length) return null; // an open page sends them and shows the answers
        return DuaTinQueue.getUser().then(function (user) {
          if (user === undefined) return null;
          return DuaTinQueue.drain(user, null).then(function (sent) {
            if (!sent) throw new Error("Still offline: the browser tries again later.");
          });
        });
      })
    );
  });
})();
