// Workbooks: pause autosave while a merge is open; copy the saved text under one's own.
(function () {
  "use strict";

  function formOf(element) {
    return element && element.closest ? element.closest("form.answer-form") : null;
  }

  // After a save: a merge panel pauses autosave for that answer, a successful save resumes it.
  document.addEventListener("htmx:afterSwap", function (event) {
    var form = formOf(event.detail.target);
    if (!form) {
      return;
    }
    if (event.detail.target.querySelector("[data-conflict-version]")) {
      form.dataset.conflict = "1";
    } else if (!event.detail.target.querySelector("[data-save-error]")) {
      delete form.dataset.conflict;
    }
  });

  // While a merge is open only an explicit save (the buttons) sends the answer.
  document.addEventListener("htmx:confirm", function (event) {
    var form = formOf(event.detail.elt);
    var trigger = event.detail.triggeringEvent;
    if (form && form.dataset.conflict && (!trigger || trigger.type !== "submit")) {
      event.preventDefault();
    }
  });

  // While someone types without a pause, save at least every three seconds.
  document.addEventListener("input", function (event) {
    var form = formOf(event.target);
    if (!form || form.dataset.autosaveTimer || !window.htmx) {
      return;
    }
    form.dataset.autosaveTimer = "1";
    window.setTimeout(function () {
      delete form.dataset.autosaveTimer;
      window.htmx.trigger(form, "autosave");
    }, 3000);
  });

  // "Put the saved text under mine": both texts end up in the writer's field.
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-merge-into]") : null;
    if (!button) {
      return;
    }
    var field = document.getElementById(button.dataset.mergeInto);
    var source = document.getElementById(button.dataset.mergeFrom);
    if (field && source) {
      field.value = field.value.replace(/\s+$/, "") + "\n\n" + source.value;
      field.focus();
    }
  });

  // Without a save answer for a while (server gone), tell the writer.
  document.addEventListener("htmx:sendError", function (event) {
    var form = formOf(event.detail.elt);
    if (!form) {
      return;
    }
    var status = form.querySelector(".save-status");
    if (status) {
      status.textContent = status.dataset.offline || "";
    }
  });
})();
