// Live lead-time warning on the notice form. Thresholds and "now" come from the server,
// and the typed time is read in the portal's time zone, whatever the phone's clock says.
(function () {
  "use strict";
  var form = document.getElementById("notice-form");
  if (!form) return;
  var box = document.getElementById("lead-warning");
  var texts = document.getElementById("lead-messages").dataset;
  var kind = form.querySelector("[name=kind]");
  var start = form.querySelector("[name=starts_at]");
  var called = form.querySelector("[name=called_at]");
  var cause = document.getElementById("cause-wrapper");
  var confirmWrap = document.getElementById("confirm-late-wrapper");
  var confirmBox = form.querySelector("[name=confirm_late]");
  var clockSkew = Number(form.dataset.serverNow) * 1000 - Date.now();
  var offset = form.dataset.tzOffset.replace(/(\d\d)(\d\d)$/, "$1:$2");
  var judgedStart = form.dataset.judgedStart ? Number(form.dataset.judgedStart) * 1000 : null;
  var hasServerError = confirmWrap.querySelector(".invalid-feedback, .is-invalid") !== null;

  function parseLocal(value) {
    if (!value) return null;
    var m = value.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})[ T](\d{1,2}):(\d{2})$/);
    if (m) value = m[3] + "-" + m[2].padStart(2, "0") + "-" + m[1].padStart(2, "0") + "T" + m[4].padStart(2, "0") + ":" + m[5];
    var t = Date.parse(value.slice(0, 16) + ":00" + offset);
    return isNaN(t) ? null : t;
  }

  function fmt(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, k) { return values[k]; });
  }

  function duration(minutes) {
    minutes = Math.max(0, Math.ceil(minutes));
    var d = Math.floor(minutes / 1440), h = Math.floor((minutes % 1440) / 60), m = minutes % 60;
    var parts = [];
    if (d) parts.push(fmt(texts.day, { n: d }));
    if (h) parts.push(fmt(texts.hour, { n: h }));
    if (m || !parts.length) parts.push(fmt(texts.minute, { n: m }));
    return parts.join(" ");
  }

  function show(cls, text, late) {
    box.className = "alert alert-" + cls;
    box.textContent = text;
    confirmWrap.classList.toggle("d-none", !late && !hasServerError);
    if (!late && confirmBox && !hasServerError) confirmBox.checked = false;
  }

  function update() {
    cause.classList.toggle("d-none", kind.value !== "emergency");
    var startsAt = parseLocal(start.value);
    if (startsAt === null || (judgedStart !== null && startsAt === judgedStart)) {
      box.className = "alert d-none";
      confirmWrap.classList.toggle("d-none", !hasServerError);
      return;
    }
    if (kind.value === "emergency") return show("secondary", texts.exempt, false);
    var received = (called && parseLocal(called.value)) || Date.now() + clockSkew;
    var leadMinutes = (startsAt - received) / 60000;
    var required = Number(kind.value === "urgent" ? form.dataset.urgentMinutes : form.dataset.plannedMinutes);
    if (leadMinutes < 0) return show("danger", texts.after, true);
    if (leadMinutes >= required) return show("success", texts.onTime, false);
    show("warning", fmt(texts.late, { late: duration(required - leadMinutes), required: duration(required) }), true);
  }

  [kind, start, called].forEach(function (el) {
    if (!el) return;
    el.addEventListener("input", update);
    el.addEventListener("change", update);
  });
  update();
})();
