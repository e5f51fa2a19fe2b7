// A file larger than its field takes is refused here, before anything is sent: the error
// (data-too-large, translated by the server) is shown on the field as the server would show
// it, and what was typed in the form stays where it is. The server checks again.
(function () {
  "use strict";

  function tooLarge(input) {
    var limit = Number(input.dataset.maxBytes);
    return Array.prototype.some.call(input.files || [], function (file) {
      return limit > 0 && file.size > limit;
    });
  }

  function errorFor(input) {
    var id = input.id + "-error";
    var message = document.getElementById(id);
    if (!message) {
      message = document.createElement("div");
      message.className = "ds-validation-message";
      message.dataset.field = "validation";
      message.id = id;
      input.insertAdjacentElement("afterend", message);
    }
    return message;
  }

  function describedBy(input, id, on) {
    var ids = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (x) {
      return x && x !== id;
    });
    if (on) {
      ids.push(id);
    }
    if (ids.length) {
      input.setAttribute("aria-describedby", ids.join(" "));
    } else {
      input.removeAttribute("aria-describedby");
    }
  }

  // Show or clear the size error on one file input; true when the file is too large.
  function check(input) {
    var refused = tooLarge(input);
    var message = errorFor(input);
    if (refused) {
      message.textContent = input.dataset.tooLarge;
      message.hidden = false;
      input.setAttribute("aria-invalid", "true");
    } else if (message.textContent === input.dataset.tooLarge) {
      message.hidden = true;
      message.textContent = "";
      input.setAttribute("aria-invalid", "false");
    }
    describedBy(input, message.id, !message.hidden && message.textContent !== "");
    return refused;
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input instanceof HTMLInputElement && input.type === "file" && input.dataset.maxBytes) {
      check(input);
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) {
      return;
    }
    var refused = Array.prototype.filter.call(
      form.querySelectorAll('input[type="file"][data-max-bytes]'),
      check
    );
    if (refused.length) {
      event.preventDefault();
      event.stopImmediatePropagation();
      refused[0].focus();
    }
  }, true);
})();
