/* The queue of actions a reporter takes without signal (accept, decline, covered, note).
 *
 * Shared by the page (static/js/offline.js) and the service worker (/sw.js, which is built
 * from this file and sw.js). Each action is one IndexedDB record keyed by a UUID made on
 * the phone: the idempotency key the server uses to apply it exactly once, however many
 * times it is sent (newsroom/services/queued.py).
 */
(function (scope) {
  "use strict";
  var DB = "duatin-offline";
  var STORE = "actions";
  var META = "meta"; // who is signed in on this phone: the service worker sends only theirs

  function open() {
    return new Promise(function (resolve, reject) {
      var request = scope.indexedDB.open(DB, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: "key" });
        request.result.createObjectStore(META);
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function run(mode, work, storeName) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(storeName || STORE, mode);
        var request = work(tx.objectStore(storeName || STORE));
        tx.oncomplete = function () { db.close(); resolve(request.result); };
        tx.onerror = function () { db.close(); reject(tx.error); };
      });
    });
  }

  function all(user) {
    return run("readonly", function (store) { return store.getAll(); }).then(function (items) {
      return items
        .filter(function (item) { return user === undefined || item.user === user; })
        .sort(function (a, b) { return a.queuedAt - b.queuedAt; });
    });
  }

  function add(item) {
    return run("readwrite", function (store) { return store.put(item); });
  }

  function remove(key) {
    return run("readwrite", function (store) { return store.delete(key); });
  }

  function setUser(user) {
    return run("readwrite", function (store) { return store.put(user, "user"); }, META);
  }

  function getUser() {
    return run("readonly", function (store) { return store.get("user"); }, META);
  }

  /* Send one action. Resolves to {done, status, answer}: done when the server decided
   * (applied or refused: JSON, or 404 when the assignment is no longer the reporter's);
   * not done when it must stay queued (signed out, CSRF refused). Rejects when the
   * network fails. */
  function send(item, csrfToken) {
    var body = new FormData();
    body.append("key", item.key);
    body.append("action", item.action);
    Object.keys(item.fields || {}).forEach(function (name) { body.append(name, item.fields[name]); });
    return fetch(item.url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-CSRFToken": csrfToken || item.csrf, Accept: "application/json" },
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") === 0) {
        return response.json().then(function (answer) {
          return { done: true, status: response.status, answer: answer };
        });
      }
      if (response.status === 404) return { done: true, status: 404, answer: { ok: false } };
      return { done: false, status: response.status, answer: null };
    });
  }

  var draining = null;

  /* Send every queued action of `user`, oldest first; `report(item, outcome)` after each
   * decided one. Stops at the first network failure (the rest waits for the next try). */
  function drain(user, csrfToken, report) {
    if (draining) return draining;
    draining = all(user).then(function (items) {
      return items.reduce(function (previous, item) {
        return previous.then(function (goOn) {
          if (!goOn) return false;
          return send(item, csrfToken).then(function (outcome) {
            if (!outcome.done) { if (report) report(item, outcome); return false; }
            return remove(item.key).then(function () {
              if (report) report(item, outcome);
              return true;
            });
          }, function () { return false; });
        });
      }, Promise.resolve(true));
    }).finally(function () { draining = null; });
    return draining;
  }

  scope.DuaTinQueue = {
    all: all, add: add, remove: remove, send: send, drain: drain, setUser: setUser, getUser: getUser,
  };
})(self);
