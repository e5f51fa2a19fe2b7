// A file larger than its field takes is refused here, before anything is sent: the error
// (data-too-large, translated by the server) is shown on the field as the server would show
// it, and what was typed in the form stays where it is. The server checks again.
// A form with a file that is sent anyway (a request above the server's limit, answered by the
// 413 page) is kept in sessionStorage as it is sent; coming back from that page to the form
// fills in what was typed again.
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

  var DRAFT = "heltidnett.upload-draft";
  var REFUSED = "heltidnett.upload-refused";
  var KEPT = 'input:not([type="file"]):not([type="hidden"]):not([type="password"])' +
    ':not([type="submit"]):not([type="button"]), textarea, select';

  function storage() {
    try {
      return window.sessionStorage;
    } catch (error) {
      return null;
    }
  }

  function hasFile(form) {
    return form.querySelector('input[type="file"]') !== null;
  }

  // What was typed in a form with a file, kept as it is sent.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var store = storage();
    if (event.defaultPrevented || !store || !(form instanceof HTMLFormElement) || !hasFile(form)) {
      return;
    }
    var fields = Array.prototype.map.call(form.querySelectorAll(KEPT), function (field) {
      var checkable = field.type === "checkbox" || field.type === "radio";
      return { name: field.name, value: field.value, checked: checkable ? field.checked : null };
    });
    try {
      store.setItem(DRAFT, JSON.stringify({ page: location.pathname + location.search, fields: fields }));
    } catch (error) {
      // Storage full or refused: the browser's back button still keeps the text.
    }
  });

  function restore(form, fields) {
    fields.forEach(function (kept) {
      if (!kept.name) {
        return;
      }
      Array.prototype.forEach.call(form.elements.namedItem(kept.name) instanceof RadioNodeList ?
        form.elements.namedItem(kept.name) : [form.elements.namedItem(kept.name)], function (field) {
        if (!field || !field.matches || !field.matches(KEPT)) {
          return;
        }
        if (kept.checked !== null) {
          if (field.value === kept.value) {
            field.checked = kept.checked;
          }
        } else if (!field.value || field.tagName === "SELECT") {
          field.value = kept.value;
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var store = storage();
    if (!store) {
      return;
    }
    if (document.querySelector("[data-upload-refused]")) {
      store.setItem(REFUSED, "1");  // the 413 page: the draft is wanted back
      return;
    }
    var draft = null;
    if (store.getItem(REFUSED)) {
      try {
        draft = JSON.parse(store.getItem(DRAFT) || "null");
      } catch (error) {
        draft = null;
      }
    }
    store.removeItem(REFUSED);
    store.removeItem(DRAFT);
    if (!draft || draft.page !== location.pathname + location.search) {
      return;
    }
    Array.prototype.forEach.call(document.forms, function (form) {
      if (hasFile(form)) {
        restore(form, draft.fields || []);
      }
    });
  });
})();
