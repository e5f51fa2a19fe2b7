// Presentation mode of the gallery: arrow keys (and page up/down) move between stories.
(function () {
  "use strict";

  function follow(selector) {
    var link = document.querySelector(selector);
    if (link) {
      window.location.assign(link.getAttribute("href"));
      return true;
    }
    return false;
  }

  document.addEventListener("keydown", function (event) {
    if (!document.querySelector("[data-present]")) {
      return;
    }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    var handled = false;
    if (event.key === "ArrowRight" || event.key === "PageDown" || event.key === " ") {
      handled = follow("[data-present-next]");
    } else if (event.key === "ArrowLeft" || event.key === "PageUp") {
      handled = follow("[data-present-prev]");
    } else if (event.key === "Escape") {
      handled = follow("[data-present-exit]");
    }
    if (handled) {
      event.preventDefault();
    }
  });
})();
