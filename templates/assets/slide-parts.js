// Slide parts: a slide too tall for the deck continues on slides of its own
// ("HTTP (2/3)"), cut between blocks (paragraphs, lists, code blocks,
// figures, tables), never inside one.
//
// The cuts are measured, not estimated: slides.js calls cut() before
// reveal.js initialises, once fonts and images have loaded, with the deck
// laid out in its own 1280×720 box. Where lines break depends on the
// reader's fonts and an image's height on the image, which only the browser
// knows; an estimate made at build time would cut too early (a half-empty
// slide) or too late (a slide that scrolls). The box does not depend on the
// window, so a slide is cut in the same places on every screen, in the
// speaker view and in the print view (?print-pdf), and an address such as
// #/http/2 names the same slide in all of them.
window.lessonsSlideParts = (function () {
  "use strict";

  function bodyOf(slide) {
    return slide.querySelector(":scope > .slide-body");
  }

  function overflows(body) {
    return body.scrollHeight > body.clientHeight + 1;
  }

  /** A heading or a paragraph ending with a colon leads into the block after it, and moves with it to the next slide. */
  function leadsIn(block) {
    return /^H[3-6]$/.test(block.tagName) || (block.tagName === "P" && /:\s*$/.test(block.textContent));
  }

  /** The heading a slide's continuations repeat: the section's own, or the lesson's title for the title slide. */
  function continuedHeading(heading) {
    if (heading.tagName === "H2") {
      var copy = heading.cloneNode(true);
      copy.removeAttribute("id");
      copy.querySelectorAll("[id]").forEach(function (element) {
        element.removeAttribute("id");
      });
      return copy;
    }
    var title = document.createElement("h2");
    title.textContent = heading.textContent;
    return title;
  }

  /** The name of a slide in addresses: the section's id, or "top" for the title slide. */
  function keyOf(slide) {
    return slide.dataset.section || slide.id || "top";
  }

  /** A new, empty slide continuing `slide` as its part `number`: the same kind of slide, heading and link back to the page. */
  function continuation(slide, heading, number) {
    var part = document.createElement("section");
    slide.classList.forEach(function (name) {
      if (name !== "title-slide") part.classList.add(name);
    });
    part.dataset.section = keyOf(slide);
    part.dataset.part = String(number);
    var body = document.createElement("div");
    body.className = "slide-body";
    if (heading) body.appendChild(continuedHeading(heading));
    part.appendChild(body);
    var source = slide.querySelector(":scope > .slide-source");
    if (source) part.appendChild(source.cloneNode(true));
    part.style.display = "block";
    return part;
  }

  /** "(2/3)" after each part's heading (not after the lesson's title on the title slide). */
  function number(parts) {
    parts.forEach(function (part, at) {
      var heading = bodyOf(part).querySelector(":scope > h2");
      if (!heading) return;
      var label = document.createElement("span");
      label.className = "slide-part";
      label.textContent = " (" + (at + 1) + "/" + parts.length + ")";
      heading.appendChild(label);
    });
  }

  /**
   * Cut `slide`, shown and in the deck's box, into as many slides as its
   * blocks need: each part takes the next blocks while they fit below its
   * heading; a block that does not fit alone (a long code block) gets a
   * part of its own, where slides.js makes it smaller or lets it scroll.
   * Speaker notes stay on the first part. Returns the parts, `slide` first.
   */
  function cut(slide) {
    var body = bodyOf(slide);
    var children = Array.prototype.slice.call(body.children);
    var headingAt = children.findIndex(function (child) {
      return /^H[12]$/.test(child.tagName);
    });
    var heading = children[headingAt] || null;
    // The title slide's last line, the site's name, stays on the title slide.
    var last = body.querySelector(":scope > .deck-site");
    var blocks = children.slice(headingAt + 1).filter(function (child) {
      return child !== last;
    });
    var parts = [slide];
    var partBody = body;
    var placed = [];
    var place = function (block) {
      partBody.insertBefore(block, partBody === body ? last : null);
      placed.push(block);
    };
    blocks.forEach(function (block) {
      block.remove();
    });
    blocks.forEach(function (block) {
      place(block);
      if (!overflows(partBody) || placed.length === 1) return;
      block.remove();
      placed.pop();
      var carried = [];
      while (placed.length > 1 && leadsIn(placed[placed.length - 1])) carried.unshift(placed.pop());
      var previous = partBody;
      var part = continuation(slide, heading, parts.length + 1);
      parts[parts.length - 1].after(part);
      parts.push(part);
      partBody = bodyOf(part);
      placed = [];
      place(block);
      // What leads into the block goes with it, unless the block would fit alone but not below it.
      var alone = !overflows(partBody);
      carried.forEach(function (lead) {
        partBody.insertBefore(lead, block);
      });
      if (alone && overflows(partBody)) {
        carried.forEach(function (lead) {
          previous.insertBefore(lead, previous === body ? last : null);
        });
      } else {
        placed = carried.concat(placed);
      }
    });
    if (parts.length > 1) number(parts);
    parts.forEach(function (part) {
      if (part !== slide) part.style.removeProperty("display");
    });
    return parts;
  }

  return { cut: cut, keyOf: keyOf };
})();
