// The notice form's emergency-cause field shows only for an emergency. The lead-time
// warning is not here: htmx asks the server (events/leadtime_preview.py) for it.
(function () {
  "use strict";
  var kind = document.querySelector("#notice-form [name=kind]");
  var cause = document.getElementById("cause-wrapper");
  if (!kind || !cause) return;
  function update() {
    cause.classList.toggle("d-none", kind.value !== "emergency");
  }
  kind.addEventListener("change", update);
  update();
})();
