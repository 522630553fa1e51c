// Slides: reveal.js set-up for slides.html, and long slides made to fit or scroll.
//
// The deck is WIDTH×HEIGHT pixels and reveal.js scales it as a whole to the
// window, so whether a slide fits does not depend on the window: it is
// measured once per slide in the deck's own pixels. Before reveal.js starts,
// a slide that does not fit even a little smaller continues on slides of its
// own (slide-parts.js). A slide whose content (.slide-body) is too tall or
// too wide gets a smaller figure, then smaller text and code, step by step
// down to a floor that stays legible (code never below 19px, 18px on a
// 1280×720 screen); if it still does not fit (a code block taller than the
// deck) it scrolls (a visible scrollbar, a "more below" hint,
// ArrowDown/ArrowUp scroll before moving on). When printing (?print-pdf)
// nothing can scroll, so such a slide continues on the next page instead.
// A phone held upright gets a deck as narrow as its screen, with the same
// slides, in type that stays readable.
(function () {
  "use strict";
  var WIDTH = 1280;
  var HEIGHT = 720;
  /**
   * How much smaller a crowded slide may get, tried in turn: scales for its
   * text (28px, headings follow) and for its code (22px). The last one is
   * the floor: 22px text and 19px code in a 1280px-wide deck, which a
   * 1280×720 window shows at 96 % (reveal.js's margin): 18px.
   */
  var LEVELS = [
    { text: 1, code: 1 },
    { text: 0.95, code: 0.95 },
    { text: 0.9, code: 0.91 },
    { text: 0.85, code: 0.87 },
    { text: 0.8, code: 0.87 },
  ];
  /** The size of a phone deck's text on the screen, in CSS pixels: a phone shows the deck at this size and does not shrink it. */
  var PHONE_TEXT = 17;
  /** A window narrower than this and taller than wide is a phone held upright. */
  var PHONE_WIDTH = 640;
  var printing = /print-pdf/.test(location.search);
  var parts = window.lessonsSlideParts;
  var addresses = window.lessonsSlideAddresses;
  /** A figure's image may shrink to make room, but not below this height (deck pixels). */
  var IMAGE_FLOOR = 240;
  var root = document.documentElement;
  var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var MARGIN = 0.04;
  /** Whether the deck is laid out for a phone held upright (deckSize). */
  var phone = false;
  root.style.setProperty("--deck-height", HEIGHT + "px");
  // The height of a printed page, as reveal.js computes it: the deck and its margin.
  root.style.setProperty("--page-height", Math.floor(HEIGHT * (1 + MARGIN)) + "px");

  function bodyOf(slide) {
    return slide ? slide.querySelector(":scope > .slide-body") : null;
  }

  function tooTall(body) {
    return body.scrollHeight > body.clientHeight + 1;
  }

  function tooWide(body) {
    if (body.scrollWidth > body.clientWidth + 1) return true;
    return Array.prototype.some.call(body.querySelectorAll("pre"), function (pre) {
      return pre.scrollWidth > pre.clientWidth + 1;
    });
  }

  // reveal.js hides slides far from the current one (display: none); show one for as long as it is measured.
  function whileShown(slide, measure) {
    var display = slide.style.display;
    if (window.getComputedStyle(slide).display === "none") slide.style.display = "block";
    try {
      return measure();
    } finally {
      slide.style.display = display;
    }
  }

  function setLevel(body, level) {
    body.style.setProperty("--text-scale", String(level.text));
    body.style.setProperty("--code-scale", String(level.code));
  }

  function reset(body) {
    body.style.removeProperty("--text-scale");
    body.style.removeProperty("--code-scale");
    body.classList.remove("is-scrollable", "side-by-side");
    body.removeAttribute("tabindex");
    body.removeAttribute("data-prevent-swipe");
    resetImages(body);
  }

  function resetImages(body) {
    body.querySelectorAll("figure img").forEach(function (image) {
      image.style.maxHeight = "";
    });
  }

  /** Let the figures' images give up the height the slide lacks, down to IMAGE_FLOOR. */
  function shrinkImages(body) {
    var images = Array.prototype.filter.call(body.querySelectorAll("figure img"), function (image) {
      return image.offsetHeight > IMAGE_FLOOR;
    });
    if (images.length === 0 || !tooTall(body)) return;
    var lacking = (body.scrollHeight - body.clientHeight) / images.length;
    images.forEach(function (image) {
      image.style.maxHeight = Math.max(IMAGE_FLOOR, Math.floor(image.offsetHeight - lacking)) + "px";
    });
  }

  function applyLevel(body, level) {
    setLevel(body, level);
    resetImages(body);
    shrinkImages(body);
  }

  /**
   * A slide whose text ends with a figure: the text and the figure are
   * wrapped together (.figure-pair), so that a slide too tall to show both
   * one above the other can set them side by side and give the figure the
   * slide's height instead of shrinking it.
   */
  function pairFigures(body) {
    var figure = body.lastElementChild;
    if (!figure || !figure.matches("figure.figure")) return;
    var text = Array.prototype.filter.call(body.children, function (child) {
      return child !== figure && !/^H[1-6]$/.test(child.tagName);
    });
    if (text.length === 0) return;
    var pair = document.createElement("div");
    pair.className = "figure-pair";
    var column = document.createElement("div");
    column.className = "figure-text";
    text[0].before(pair);
    text.forEach(function (child) {
      column.appendChild(child);
    });
    pair.append(column, figure);
  }

  /** Set text and figure side by side when, one above the other, they do not fit. */
  function arrange(body) {
    if (body.querySelector(":scope > .figure-pair") && tooTall(body)) body.classList.add("side-by-side");
  }

  /**
   * Make a slide's content fit: the first level (with its figures shrunk as
   * far as needed) at which everything fits; else the first at which it
   * fits in height (a long line scrolls inside its <pre>: shrinking would
   * not help it); else the floor. Returns whether it now fits in height.
   */
  function squeeze(body) {
    if (!tooTall(body) && !tooWide(body)) return true;
    // On a phone the text is as small as it can be read already: a slide that does not fit scrolls.
    var levels = phone ? LEVELS.slice(0, 1) : LEVELS;
    var fitsInHeight = null;
    for (var at = 0; at < levels.length; at += 1) {
      applyLevel(body, levels[at]);
      if (tooTall(body)) continue;
      if (!tooWide(body)) return true;
      if (fitsInHeight === null) fitsInHeight = levels[at];
    }
    applyLevel(body, fitsInHeight || levels[levels.length - 1]);
    return fitsInHeight !== null;
  }

  function showHint(slide) {
    var body = bodyOf(slide);
    var more = !!body && body.classList.contains("is-scrollable") && body.scrollTop + body.clientHeight < body.scrollHeight - 2;
    slide.classList.toggle("has-more", more);
  }

  /** Fit one slide on screen: a little smaller where that is enough, else scrollable. */
  function fit(slide) {
    var body = bodyOf(slide);
    if (!body) return;
    whileShown(slide, function () {
      reset(body);
      arrange(body);
      if (!squeeze(body)) {
        body.classList.add("is-scrollable");
        body.setAttribute("tabindex", "0");
        // A finger scrolls the slide instead of turning it (reveal.js's arrows still turn it).
        body.setAttribute("data-prevent-swipe", "");
      }
    });
    showHint(slide);
  }

  /** Fit one printed slide: as on screen, then, since paper cannot scroll, the rest continues on the next page. */
  function fitForPrint(slide) {
    var body = bodyOf(slide);
    if (!body) return;
    // Text and figure stay one above the other: on paper the slide can go on to the next page instead.
    reset(body);
    slide.classList.remove("has-more");
    slide.classList.toggle("continues", !squeeze(body));
  }

  function allSlides() {
    return Array.prototype.slice.call(document.querySelectorAll(".reveal section.slide"));
  }

  function fitAll() {
    allSlides().forEach(fit);
  }

  /** ArrowDown / ArrowUp scroll a long slide first, then move to the next or previous slide. */
  function scrollOrMove(direction) {
    return function () {
      var body = bodyOf(Reveal.getCurrentSlide());
      var scrollable = body && body.classList.contains("is-scrollable") && !Reveal.isOverview();
      var atEnd = scrollable && (direction > 0 ? body.scrollTop + body.clientHeight >= body.scrollHeight - 2 : body.scrollTop <= 0);
      if (scrollable && !atEnd) {
        body.scrollBy({ top: direction * body.clientHeight * 0.6, behavior: reduceMotion ? "auto" : "smooth" });
      } else if (direction > 0) {
        Reveal.next();
      } else {
        Reveal.prev();
      }
    };
  }

  // The speaker view shows the deck in frames (?receiver) with its labels over their top edge: the deck keeps clear of them.
  var speakerPreview = /[?&]receiver(&|=|$)/.test(location.search);
  if (speakerPreview) root.classList.add("speaker-preview");

  var themeToggle = document.querySelector(".deck-theme-toggle");
  if (themeToggle) {
    lessonsThemeToggle(themeToggle, function (other) {
      themeToggle.textContent = other === "dark" ? "Dark theme" : "Light theme";
    });
  }

  /** Whether `slide` fits the deck as it is or a little smaller, its figure beside its text if need be. */
  function fitsWhole(slide) {
    var body = bodyOf(slide);
    reset(body);
    arrange(body);
    var fits = squeeze(body);
    reset(body);
    return fits;
  }

  /** Undo pairFigures, so that the text and the figure can go onto different slides. */
  function unpairFigures(body) {
    var pair = body.querySelector(":scope > .figure-pair");
    if (!pair) return;
    pair.replaceWith.apply(pair, Array.prototype.slice.call(pair.firstElementChild.children).concat([pair.lastElementChild]));
  }

  /** Cut every slide that does not fit into parts (slide-parts.js), in the deck's own box, as reveal.js will lay it out on a 16:9 screen. */
  function cutTooTall() {
    var slides = document.querySelector(".reveal .slides");
    slides.style.width = WIDTH + "px";
    slides.style.height = HEIGHT + "px";
    allSlides().forEach(function (slide) {
      var body = bodyOf(slide);
      if (!body) return;
      pairFigures(body);
      whileShown(slide, function () {
        if (fitsWhole(slide)) return;
        unpairFigures(body);
        parts.cut(slide).forEach(function (part) {
          pairFigures(bodyOf(part));
        });
      });
    });
    slides.style.removeProperty("width");
    slides.style.removeProperty("height");
  }

  /** The deck's size in its own pixels: WIDTH×HEIGHT, or on a phone held upright the shape of its screen, with text of PHONE_TEXT. */
  function deckSize() {
    var width = window.innerWidth;
    var height = window.innerHeight;
    // The speaker view's frames show the slides as the room sees them.
    phone = !printing && !speakerPreview && width < PHONE_WIDTH && height > width;
    root.classList.toggle("phone-deck", phone);
    if (!phone) return { width: WIDTH, height: HEIGHT };
    // Deck pixels per CSS pixel: reveal.js then scales the deck's 28px text to PHONE_TEXT.
    var perPixel = ((1 - MARGIN) * 28) / PHONE_TEXT;
    return { width: Math.floor(width * perPixel), height: Math.floor(height * perPixel) };
  }

  /** Follow a window that turns or resizes across the phone's threshold, or a phone's changing shape. */
  function resizeDeck() {
    var size = deckSize();
    var config = Reveal.getConfig();
    if (size.width === config.width && size.height === config.height) return;
    Reveal.configure(size);
    fitAll();
  }

  /** Show the current slide's address in the location bar, without adding to the history. */
  function writeAddress() {
    var address = addresses.of(Reveal.getCurrentSlide(), Reveal.getIndices().h);
    if (address !== location.hash) history.replaceState(null, "", address || location.pathname + location.search);
  }

  /** Go to the slide a changed address names. */
  function readAddress() {
    var at = addresses.find(allSlides(), location.hash);
    if (at >= 0) Reveal.slide(at);
  }

  Reveal.on("ready", function () {
    if (Reveal.isPrintView()) return;
    fitAll();
    writeAddress();
    window.addEventListener("hashchange", readAddress);
    window.addEventListener("resize", resizeDeck);
    root.dataset.slides = "ready";
  });
  Reveal.on("slidechanged", function (event) {
    fit(event.currentSlide);
    writeAddress();
  });
  Reveal.on("resize", function () {
    fit(Reveal.getCurrentSlide());
  });
  /** Resolves once every slide image has loaded (or failed), since an image changes its slide's height. */
  function imagesSettled() {
    var images = document.querySelectorAll(".reveal .slide-body img");
    return Promise.all(
      Array.prototype.map.call(images, function (image) {
        if (image.complete) return null;
        return new Promise(function (resolve) {
          image.addEventListener("load", resolve, { once: true });
          image.addEventListener("error", resolve, { once: true });
        });
      }),
    );
  }

  Reveal.on("pdf-ready", function () {
    imagesSettled().then(function () {
      allSlides().forEach(fitForPrint);
      root.dataset.slides = "print-ready";
    });
  });
  /** Cut the slides that need it and start reveal.js, at the slide the address names. */
  function start() {
    cutTooTall();
    document.querySelectorAll(".reveal .slide-body").forEach(function (body) {
      body.addEventListener(
        "scroll",
        function () {
          showHint(body.parentElement);
        },
        { passive: true },
      );
    });
    // reveal.js opens the slide a number names (#/7): the one the address names, which it would misread.
    var at = addresses.find(allSlides(), location.hash);
    if (location.hash) history.replaceState(null, "", at > 0 ? "#/" + at : location.pathname + location.search);
    var size = deckSize();
    Reveal.initialize({
      width: size.width,
      height: size.height,
      margin: MARGIN,
      center: false,
      hash: false,
      respondToHashChanges: false,
      // A phone gets a deck of its own size (deckSize), not reveal.js's scrolling view of tiny slides.
      scrollActivationWidth: null,
      controls: true,
      progress: true,
      slideNumber: "c/t",
      transition: reduceMotion ? "none" : "slide",
      transitionSpeed: "fast",
      backgroundTransition: "none",
      keyboard: { 38: scrollOrMove(-1), 40: scrollOrMove(1) },
      plugins: window.RevealNotes ? [window.RevealNotes] : [],
    });
  }

  // Images are measured (an image's height is its slide's), so they load at once, and the slides are cut once they have.
  document.querySelectorAll(".reveal .slide-body img").forEach(function (image) {
    image.removeAttribute("loading");
  });
  Promise.all([document.fonts ? document.fonts.ready : null, imagesSettled()]).then(start);
})();
