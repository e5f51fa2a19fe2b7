// Gatherings: fill an agenda item's steps from the chosen method (the big screen: projection.js).
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-methods]");
    if (form) {
      var methods = JSON.parse(form.dataset.methods || "{}");
      var select = form.querySelector("select[name='method']");
      if (select) {
        select.addEventListener("change", function () {
          var method = methods[select.value];
          if (!method) {
            return;
          }
          ["steps", "roles", "timing"].forEach(function (name) {
            var field = form.querySelector("[name='" + name + "']");
            if (field && method[name]) {
              field.value = method[name];
            }
          });
        });
      }
    }

    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () {
        window.print();
      });
    });
  });
})();
