/* The reporter's pages without signal (progressive: without this file the forms post as usual).
 *
 * - Registers the service worker (/sw.js) for a signed-in user; on a page seen signed out
 *   (the login page) forgets the saved pages, so a shared phone keeps nobody's assignments.
 * - Shows the offline banner when the phone is offline or the page is a saved copy.
 * - Intercepts the assignment forms (data-offline-action) only when offline or when the
 *   page is a saved copy (the network failed): the action is queued in IndexedDB with a
 *   fresh idempotency key (static/js/offline_queue.js) and listed as waiting.
 * - Sends the queue when the connection returns (`online`), on page load, and when the
 *   service worker's Background Sync asks; shows what was applied or refused.
 * Every text comes from the page (data-* attributes of [data-offline-root]), translated.
 */
(function () {
  "use strict";
  var body = document.body;
  var signedIn = body.dataset.signedIn === "1";
  var worker = "serviceWorker" in navigator ? navigator.serviceWorker : null;
  if (worker && signedIn) {
    worker.register(body.dataset.serviceWorker, { scope: "/" }).catch(function () {});
  }
  if (!signedIn && "caches" in window) caches.delete("duatin-pages");

  var root = document.querySelector("[data-offline-root]");
  var Q = window.DuaTinQueue;
  if (!root || !Q || !("indexedDB" in window)) return;
  var user = root.dataset.user;
  var banner = root.querySelector("[data-offline-banner]");
  var pending = root.querySelector("[data-offline-pending]");
  var pendingTitle = root.querySelector("[data-offline-pending-title]");
  var pendingList = root.querySelector("[data-offline-pending-list]");
  var results = root.querySelector("[data-offline-results]");
  Q.setUser(user).catch(function () {});

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join("-");
  }

  function csrf() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function offline() {
    return !navigator.onLine || root.dataset.copy === "saved";
  }

  function showBanner() {
    banner.hidden = !offline();
  }

  function line(text, className) {
    var li = document.createElement("li");
    li.textContent = text;
    if (className) li.className = className;
    return li;
  }

  function describe(item) {
    var label = root.getAttribute("data-label-" + item.action) || item.action;
    var text = label + ": " + item.title;
    if (item.fields.reason) text += " — " + item.fields.reason;
    if (item.fields.note) text += " — " + item.fields.note;
    if (item.fields.link) text += " — " + item.fields.link;
    return text;
  }

  function render() {
    return Q.all(user).then(function (items) {
      pending.hidden = items.length === 0;
      pendingTitle.textContent = root.dataset.pendingLabel.replace("__N__", String(items.length));
      pendingList.replaceChildren.apply(pendingList, items.map(function (item) {
        return line(describe(item), "");
      }));
    });
  }

  var SENT = "duatin-sent"; // answers kept across the reload that shows the new state
  var decided = 0;

  function show(text, ok) {
    results.hidden = false;
    results.appendChild(line(text, ok ? "text-success" : "text-danger"));
  }

  function report(item, outcome) {
    var answer = outcome.answer || {};
    var message = outcome.done ? answer.message || root.dataset.gone : root.dataset.signIn;
    var text = describe(item) + " · " + message;
    var ok = Boolean(outcome.done && answer.ok);
    show(text, ok);
    if (!outcome.done) return;
    decided += 1;
    var kept = JSON.parse(sessionStorage.getItem(SENT) || "[]");
    kept.push({ text: text, ok: ok });
    sessionStorage.setItem(SENT, JSON.stringify(kept));
  }

  function drain() {
    if (!navigator.onLine) return Promise.resolve(false);
    decided = 0;
    return Q.drain(user, csrf(), report).then(function (sent) {
      // What was sent changed the cards: reload them (the answers stay listed).
      if (decided) window.location.reload();
      return render().then(function () { return sent; });
    });
  }

  JSON.parse(sessionStorage.getItem(SENT) || "[]").forEach(function (kept) { show(kept.text, kept.ok); });
  sessionStorage.removeItem(SENT);

  function askForSync() {
    if (!worker) return;
    worker.ready.then(function (registration) {
      if (registration.sync) return registration.sync.register("duatin-queue");
      return null;
    }).catch(function () {});
  }

  document.querySelectorAll("form[data-offline-action]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!offline()) return; // online: the form posts as it always did
      event.preventDefault();
      var submitter = event.submitter;
      var data = new FormData(form);
      var fields = {};
      ["reason", "note", "link"].forEach(function (name) {
        if (data.has(name)) fields[name] = String(data.get(name)).trim();
      });
      var item = {
        key: uuid(),
        user: user,
        action: (submitter && submitter.dataset.offlineAction) || form.dataset.offlineAction,
        url: form.dataset.queueUrl,
        title: form.dataset.title,
        fields: fields,
        csrf: String(data.get("csrfmiddlewaretoken") || ""),
        queuedAt: Date.now(),
      };
      Q.add(item).then(render).then(function () {
        pending.scrollIntoView({ block: "nearest" });
        askForSync();
        return drain(); // the network may be back already (a saved copy shown online)
      });
      var details = form.closest("details");
      if (details) details.open = false;
    });
  });

  window.addEventListener("online", function () { showBanner(); drain(); });
  window.addEventListener("offline", showBanner);
  if (worker) {
    worker.addEventListener("message", function (event) {
      if (event.data && event.data.type === "duatin-drain") drain();
    });
  }
  showBanner();
  render().then(drain);
})();
