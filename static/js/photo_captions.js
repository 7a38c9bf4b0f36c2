// The story form: each photo chosen gets a row with a small preview (made in the
// browser, URL.createObjectURL; CSP img-src allows blob:) and its own caption field,
// posted as new_caption_0…, in the order of the files in the input. Without this
// script the page shows the old one-line-per-photo box (<noscript>) instead.
(function () {
  "use strict";
  var rows = document.getElementById("photo-captions");
  if (!rows) return;
  var input = document.getElementById(rows.dataset.for);
  if (!input) return;
  var max = parseInt(rows.dataset.max, 10) || 10;
  var urls = [];
  var typed = {}; // a file's caption survives choosing again (same name, size)

  function fileKey(file) {
    return file.name + "|" + file.size;
  }

  function remember() {
    rows.querySelectorAll("input[data-file]").forEach(function (field) {
      typed[field.dataset.file] = field.value;
    });
  }

  function render() {
    remember();
    urls.forEach(URL.revokeObjectURL);
    urls = [];
    rows.replaceChildren();
    Array.prototype.slice.call(input.files || [], 0, max).forEach(function (file, index) {
      var box = document.createElement("div");
      box.className = "border rounded p-1 small";
      box.style.width = "180px";
      box.dataset.photoRow = String(index);
      var label = rows.dataset.label.replace("{number}", String(index + 1));
      if (file.type.indexOf("image/") === 0) {
        var url = URL.createObjectURL(file);
        urls.push(url);
        var img = document.createElement("img");
        img.src = url;
        img.alt = label;
        img.className = "img-fluid";
        box.appendChild(img);
      }
      var name = document.createElement("div");
      name.className = "text-break text-body-secondary";
      name.textContent = file.name;
      box.appendChild(name);
      var id = "new-caption-" + index;
      var caption = document.createElement("label");
      caption.className = "form-label visually-hidden";
      caption.htmlFor = id;
      caption.textContent = label;
      box.appendChild(caption);
      var field = document.createElement("input");
      field.type = "text";
      field.id = id;
      field.name = rows.dataset.name + index;
      field.maxLength = 500;
      field.className = "form-control form-control-sm mt-1";
      field.placeholder = rows.dataset.placeholder;
      field.dataset.file = fileKey(file);
      field.value = typed[field.dataset.file] || "";
      box.appendChild(field);
      rows.appendChild(box);
    });
  }

  input.addEventListener("change", render);
  render();
})();
