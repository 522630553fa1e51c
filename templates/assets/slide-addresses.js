// Slide addresses: #/http for a section's slide, #/http/2, #/http/3 … for the
// slides it continues on (slide-parts.js), and none for the title slide.
// reveal.js would read #/http/2 as the third fragment of the slide "http",
// so slides.js turns reveal.js's own addresses off and uses these instead.
window.lessonsSlideAddresses = (function () {
  "use strict";
  var parts = window.lessonsSlideParts;

  function partOf(slide) {
    return Number(slide.dataset.part || 1);
  }

  /** The address of `slide`, the `at`th of the deck: "" for the title slide. */
  function of(slide, at) {
    if (at === 0) return "";
    var part = partOf(slide);
    return "#/" + encodeURIComponent(parts.keyOf(slide)) + (part > 1 ? "/" + part : "");
  }

  /**
   * Which of `slides` `hash` names, by position: #/http/2, #/http (the first
   * part), an address reveal.js wrote (#/7, by number), or #/ (the title
   * slide); -1 if none. A part beyond the last opens the section's first.
   */
  function find(slides, hash) {
    var path = hash.replace(/^#\/?/, "");
    if (path === "") return 0;
    var bits = path.split("/");
    if (/^[0-9]+$/.test(bits[0])) return Math.min(Number(bits[0]), slides.length - 1);
    var key;
    try {
      key = decodeURIComponent(bits[0]);
    } catch {
      return -1;
    }
    var part = /^[0-9]+$/.test(bits[1] || "") ? Number(bits[1]) : 1;
    var named = function (wanted) {
      return slides.findIndex(function (slide) {
        return parts.keyOf(slide) === key && partOf(slide) === wanted;
      });
    };
    var found = named(part);
    return found >= 0 ? found : named(1);
  }

  return { of: of, find: find };
})();
