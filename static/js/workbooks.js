// Workbooks: autosave of answers (and what a failed save says), the merge view, table rows.
(function () {
  "use strict";

  function formOf(element) {
    return element && element.closest ? element.closest("form.answer-form") : null;
  }

  // The autosave works: say so above the first answer.
  document.addEventListener("DOMContentLoaded", function () {
    var note = document.querySelector("[data-autosave-note]");
    if (note) {
      note.hidden = false;
    }
  });

  // ---- a save that failed ------------------------------------------------------------------
  // The one place that tells the writer: the message beside the answer (a live region), the
  // text left in the field, and "Prøv igjen" (a submit button, so it sends the form again).
  // The next change retries by itself. The messages are in the page's language
  // (workbooks/_macros.html, autosave_failure).

  function loginPath() {
    var link = document.querySelector("#autosave-failure");
    link = link ? link.content.querySelector("[data-login]") : null;
    return link ? new URL(link.getAttribute("href"), window.location.href).pathname : "/login";
  }

  function redirectedToLogin(xhr) {
    return Boolean(xhr && xhr.responseURL) && new URL(xhr.responseURL).pathname === loginPath();
  }

  function failureOf(xhr) {
    if (!xhr || !xhr.status) {
      return "offline";
    }
    if (xhr.status === 401 || redirectedToLogin(xhr)) {
      return "expired";
    }
    if (xhr.status === 400) {
      return "stale"; // the CSRF token of an ended session
    }
    if (xhr.status === 409) {
      return "conflict";
    }
    if (xhr.status === 403 || xhr.status === 404) {
      return "refused";
    }
    return "server";
  }

  function fail(form, kind) {
    var status = form.querySelector(".save-status");
    var template = document.getElementById("autosave-failure");
    var texts = document.getElementById("autosave-messages");
    if (!status || !template || !texts) {
      return;
    }
    var failure = template.content.firstElementChild.cloneNode(true);
    failure.querySelector("[data-message]").textContent = texts.dataset[kind] || texts.dataset.server;
    failure.querySelector("[data-login]").hidden = kind !== "expired";
    status.replaceChildren(failure);
    form.dataset.unsaved = "1";
    if (kind === "expired" || kind === "stale") {
      form.dataset.stale = "1";
    }
  }

  // A new login gives a new CSRF token: read it from the page again before the next try.
  function refreshToken() {
    return window.fetch(window.location.href, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok || new URL(response.url).pathname === loginPath()) {
        throw new Error("logged out");
      }
      return response.text();
    }).then(function (html) {
      var fresh = new DOMParser().parseFromString(html, "text/html").querySelector('meta[name="csrf-token"]');
      if (!fresh) {
        throw new Error("no token");
      }
      var token = fresh.getAttribute("content");
      document.querySelector('meta[name="csrf-token"]').setAttribute("content", token);
      document.querySelectorAll('input[name="csrf_token"]').forEach(function (input) {
        input.value = token;
      });
    });
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var form = formOf(event.detail.elt);
    if (form && redirectedToLogin(event.detail.xhr)) {
      event.detail.shouldSwap = false; // the login page, reached by the redirect
      fail(form, "expired");
    }
  });

  document.addEventListener("htmx:responseError", function (event) {
    var form = formOf(event.detail.elt);
    if (form) {
      fail(form, failureOf(event.detail.xhr));
    }
  });

  ["htmx:sendError", "htmx:timeout"].forEach(function (name) {
    document.addEventListener(name, function (event) {
      var form = formOf(event.detail.elt);
      if (form) {
        fail(form, "offline");
      }
    });
  });

  // Leaving the page with an answer that did not save: ask first.
  window.addEventListener("beforeunload", function (event) {
    if (document.querySelector("form.answer-form[data-unsaved]")) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // After a save: a merge panel pauses autosave for that answer, a successful save resumes it.
  document.addEventListener("htmx:afterSwap", function (event) {
    var form = formOf(event.detail.target);
    if (!form) {
      return;
    }
    if (event.detail.target.querySelector("[data-conflict-version]")) {
      form.dataset.conflict = "1";
    } else if (event.detail.target.querySelector("[data-save-error]")) {
      form.dataset.unsaved = "1";
    } else {
      delete form.dataset.conflict;
      delete form.dataset.unsaved;
    }
  });

  // While a merge is open only an explicit save (the buttons) sends the answer; after the
  // session ended, a fresh token is fetched first.
  document.addEventListener("htmx:confirm", function (event) {
    var form = formOf(event.detail.elt);
    var trigger = event.detail.triggeringEvent;
    if (!form) {
      return;
    }
    if (form.dataset.conflict && (!trigger || trigger.type !== "submit")) {
      event.preventDefault();
    } else if (form.dataset.stale) {
      event.preventDefault();
      refreshToken().then(function () {
        delete form.dataset.stale;
        event.detail.issueRequest(true);
      }, function () {
        fail(form, "expired");
      });
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

  // ---- table rows: added and removed in the page (without JavaScript the buttons post) ------

  function renumber(tbody) {
    Array.prototype.forEach.call(tbody.rows, function (row, r) {
      row.querySelectorAll("[data-label]").forEach(function (element) {
        element.setAttribute("aria-label", element.dataset.label.replace("{n}", String(r + 1)));
      });
      row.querySelectorAll("input").forEach(function (input) {
        input.name = input.name.replace(/^cell-\d+-/, "cell-" + r + "-");
        input.id = input.id.replace(/-\d+-(\d+)$/, "-" + r + "-$1");
      });
      row.querySelector("[data-remove-row]").value = String(r);
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-add-row], [data-remove-row]") : null;
    var form = formOf(button);
    var table = form ? form.querySelector("table.table-input") : null;
    if (!table) {
      return;
    }
    var tbody = table.tBodies[0];
    event.preventDefault();
    if (button.hasAttribute("data-add-row")) {
      if (tbody.rows.length >= Number(table.dataset.maxRows || 60)) {
        return;
      }
      var copy = tbody.rows[tbody.rows.length - 1].cloneNode(true);
      copy.querySelectorAll("input").forEach(function (input) {
        input.value = "";
      });
      tbody.appendChild(copy);
      renumber(tbody);
      copy.querySelector("input").focus();
      return;
    }
    var row = button.closest("tr");
    var filled = Array.prototype.some.call(row.querySelectorAll("input"), function (input) {
      return input.value.trim() !== "";
    });
    if (filled && !window.confirm(button.dataset.confirmRemove)) {
      return;
    }
    var next = row.nextElementSibling || row.previousElementSibling;
    if (tbody.rows.length > 1) {
      row.remove();
      renumber(tbody);
    } else {
      row.querySelectorAll("input").forEach(function (input) {
        input.value = "";
      });
      next = row;
    }
    next.querySelector("input").focus();
    if (filled && window.htmx) {
      window.htmx.trigger(form, "autosave");
    }
  });
})();
