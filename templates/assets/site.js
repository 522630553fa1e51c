// Progressive enhancements: everything on the page works without this file.
(function () {
  "use strict";
  var root = document.documentElement;

  var toggle = document.querySelector(".theme-toggle");
  if (toggle) {
    var isDark = function () {
      var chosen = root.dataset.theme;
      return chosen ? chosen === "dark" : window.matchMedia("(prefers-color-scheme: dark)").matches;
    };
    var show = function () {
      toggle.setAttribute("aria-pressed", String(isDark()));
    };
    toggle.hidden = false;
    show();
    toggle.addEventListener("click", function () {
      root.dataset.theme = isDark() ? "light" : "dark";
      try {
        localStorage.setItem("lessons-theme", root.dataset.theme);
      } catch (error) {
        /* storage may be unavailable from file:// */
      }
      show();
    });
  }

  document.querySelectorAll(".copy-code").forEach(function (button) {
    var pre = button.closest("figure") && button.closest("figure").querySelector("pre");
    if (!pre || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(pre.textContent || "").then(
        function () {
          button.textContent = "Copied";
          setTimeout(function () {
            button.textContent = "Copy";
          }, 1500);
        },
        function () {
          button.textContent = "Copy failed";
        },
      );
    });
  });
})();
