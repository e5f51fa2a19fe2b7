// Small progressive enhancements; the pages work without them.
(function () {
  "use strict";

  // Ask before destructive form posts marked with data-confirm.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.confirm) {
      if (!window.confirm(form.dataset.confirm)) {
        event.preventDefault();
      }
    }
  });

  // Move focus to an error summary so screen readers hear the errors first.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-autofocus]");
    if (summary) {
      summary.focus();
    }
  });

  // A table box that scrolls sideways can be reached and scrolled with the keyboard, and a
  // screen reader names it by the table's caption (see .table-wrap in app.css).
  function labelScrollingTables() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      if (wrap.hasAttribute("tabindex") && !wrap.hasAttribute("data-scroll-region")) {
        return; // focusable and named in the template
      }
      var caption = wrap.querySelector("caption");
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("data-scroll-region", "");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        if (caption && caption.textContent.trim()) {
          wrap.setAttribute("aria-label", caption.textContent.trim());
        }
      } else if (wrap.hasAttribute("data-scroll-region")) {
        ["data-scroll-region", "tabindex", "role", "aria-label"].forEach(function (name) {
          wrap.removeAttribute(name);
        });
      }
    });
  }

  // <details data-open-when="(media query)"> opens while the query matches: on a narrow
  // screen a chart gives way to its table, which its details hold.
  function openWhenMatching() {
    document.querySelectorAll("details[data-open-when]").forEach(function (details) {
      var query = window.matchMedia(details.dataset.openWhen);
      function follow() {
        details.open = query.matches;
      }
      follow();
      query.addEventListener("change", follow);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    labelScrollingTables();
    openWhenMatching();
    var pending = null;
    window.addEventListener("resize", function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(labelScrollingTables, 200);
    });
  });

  // htmx requests carry the CSRF token of the page.
  document.addEventListener("htmx:configRequest", function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) {
      event.detail.headers["X-CSRFToken"] = meta.getAttribute("content");
    }
  });
})();
