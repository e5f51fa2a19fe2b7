// The big screen: keep marking the item on now and the next one, every minute, without a
// reload. The page says what time it was on the server (data-now, the programme's own wall
// clock); the browser only counts the minutes since, so a projector laptop in another time
// zone or with a wrong clock still marks the right item.
(function () {
  "use strict";

  function parse(text) {
    return new Date(text).getTime(); // no zone in the text: both sides read alike
  }

  document.addEventListener("DOMContentLoaded", function () {
    var main = document.querySelector(".projection[data-now]");
    var list = document.querySelector(".projection__list");
    if (!main || !list) {
      return;
    }
    var items = Array.prototype.slice.call(list.querySelectorAll(".projection__item[data-start]"));
    var skew = parse(main.dataset.now) - Date.now();

    function pad(n) {
      return (n < 10 ? "0" : "") + n;
    }
    function dayOf(time) {
      var d = new Date(time);
      return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
    }

    function mark() {
      var now = Date.now() + skew;
      if (dayOf(now) !== list.dataset.day) {
        return; // now and next only on the shown day; the page says the rest
      }
      var current = null;
      var upcoming = null;
      items.forEach(function (item) {
        var start = parse(item.dataset.start);
        var end = parse(item.dataset.end);
        if (!current && now >= start && now < end) {
          current = item;
        } else if (!upcoming && start > now) {
          upcoming = item;
        }
      });
      items.forEach(function (item) {
        var state = item === current ? "now" : item === upcoming ? "next" : "";
        item.classList.toggle("is-now", state === "now");
        item.classList.toggle("is-next", state === "next");
        item.classList.toggle("is-past", state === "" && parse(item.dataset.end) <= now);
        if (state === "now") {
          item.setAttribute("aria-current", "time");
        } else {
          item.removeAttribute("aria-current");
        }
        var badge = item.querySelector(".projection__badge");
        if (badge) {
          badge.textContent =
            state === "now" ? list.dataset.labelNow : state === "next" ? list.dataset.labelNext : "";
        }
      });
    }

    if (items.length) {
      mark();
      window.setInterval(mark, 60000);
    }
  });
})();
