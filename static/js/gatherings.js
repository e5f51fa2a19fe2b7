// Gatherings: fill an agenda item's steps from the chosen method; mark the current item.
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

    var items = document.querySelectorAll(".projection__item[data-start]");
    function mark() {
      var now = new Date();
      items.forEach(function (item) {
        var start = new Date(item.dataset.start);
        var end = new Date(item.dataset.end);
        item.classList.toggle("is-now", now >= start && now < end);
        item.classList.toggle("is-past", now >= end);
      });
    }
    if (items.length) {
      mark();
      window.setInterval(mark, 30000);
    }
  });
})();
