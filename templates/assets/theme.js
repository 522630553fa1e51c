// The theme switch of the pages and the decks: a press switches to the theme not shown now and keeps the choice.
// `show(other)` labels the button with what a press does: switch to `other` ("light" or "dark").
window.lessonsThemeToggle = function (toggle, show) {
  "use strict";
  var root = document.documentElement;
  var other = function () {
    var chosen = root.dataset.theme;
    var dark = chosen ? chosen === "dark" : window.matchMedia("(prefers-color-scheme: dark)").matches;
    return dark ? "light" : "dark";
  };
  toggle.hidden = false;
  show(other());
  toggle.addEventListener("click", function () {
    root.dataset.theme = other();
    try {
      localStorage.setItem("lessons-theme", root.dataset.theme);
    } catch {
      /* storage may be unavailable from file:// */
    }
    show(other());
  });
};
