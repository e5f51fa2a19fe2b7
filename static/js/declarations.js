// Declarations: show the own-threshold field only when "another threshold" is chosen.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var kind = document.getElementById("definition_kind");
    var threshold = document.getElementById("threshold_percent");
    if (!kind || !threshold) {
      return;
    }
    var field = threshold.closest(".form-field");
    function update() {
      // Keep the field visible while it shows an error, so nothing typed is hidden.
      var invalid = threshold.getAttribute("aria-invalid") === "true";
      field.hidden = kind.value !== "other" && !invalid;
    }
    kind.addEventListener("change", update);
    update();
  });
})();
