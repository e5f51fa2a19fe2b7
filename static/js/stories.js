// Presentation mode of the gallery walk: one story fills the screen; the arrow keys (and
// page up/down) move between stories without leaving the page, so full screen (F) holds.
// Without JavaScript the previous/next links load the same stories one page at a time.
(function () {
  "use strict";

  var present = null;

  function urlFor(n) {
    return present.dataset.urlPattern.replace(/([?&])n=0(?=&|$)/, "$1n=" + n);
  }

  function show(n) {
    var total = parseInt(present.dataset.total, 10);
    if (n < 1 || n > total) {
      return false;
    }
    present.querySelectorAll("[data-present-story]").forEach(function (story) {
      story.hidden = story.dataset.presentStory !== String(n);
    });
    present.dataset.number = String(n);
    var count = present.querySelector("[data-present-count]");
    count.textContent = count.dataset.template.replace("{n}", String(n));
    var prev = present.querySelector("[data-present-prev]");
    var next = present.querySelector("[data-present-next]");
    prev.hidden = n <= 1;
    next.hidden = n >= total;
    prev.setAttribute("href", urlFor(n - 1));
    next.setAttribute("href", urlFor(n + 1));
    var title = present.querySelector('[data-present-story="' + n + '"] h1');
    if (title) {
      document.title = title.textContent + " – " + document.title.split(" – ").slice(1).join(" – ");
    }
    window.history.replaceState(null, "", urlFor(n));
    return true;
  }

  function step(delta) {
    return show(parseInt(present.dataset.number, 10) + delta);
  }

  function toggleFullscreen() {
    if (!document.fullscreenEnabled) {
      return false;
    }
    if (document.fullscreenElement) {
      document.exitFullscreen();
    } else {
      present.requestFullscreen();
    }
    return true;
  }

  document.addEventListener("DOMContentLoaded", function () {
    present = document.querySelector("[data-present]");
    if (!present) {
      return;
    }
    var button = present.querySelector("[data-present-fullscreen]");
    if (button && document.fullscreenEnabled) {
      button.hidden = false;
      button.addEventListener("click", toggleFullscreen);
    }
    present.querySelector("[data-present-prev]").addEventListener("click", function (event) {
      if (step(-1)) {
        event.preventDefault();
      }
    });
    present.querySelector("[data-present-next]").addEventListener("click", function (event) {
      if (step(1)) {
        event.preventDefault();
      }
    });
  });

  document.addEventListener("keydown", function (event) {
    if (!present) {
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
      handled = step(1);
    } else if (event.key === "ArrowLeft" || event.key === "PageUp") {
      handled = step(-1);
    } else if (event.key === "f" || event.key === "F") {
      handled = toggleFullscreen();
    } else if (event.key === "Escape" && !document.fullscreenElement) {
      var exit = present.querySelector("[data-present-exit]");
      window.location.assign(exit.getAttribute("href"));
      handled = true;
    }
    if (handled) {
      event.preventDefault();
    }
  });
})();
