// Progressive enhancements: everything on the page works without this file.
(function () {
  "use strict";
  var root = document.documentElement;
  var scriptUrl = (document.currentScript && document.currentScript.src) || location.href;

  // Styles that fold the menu and "On this page" behind buttons apply only once this script can open them.
  root.classList.add("js");

  // The theme button says what it does: switch to the theme not shown now.
  var toggle = document.querySelector(".theme-toggle");
  if (toggle) {
    var icon = toggle.querySelector(".theme-icon");
    var label = toggle.querySelector(".theme-label");
    lessonsThemeToggle(toggle, function (other) {
      if (label) label.textContent = other + " theme";
      if (icon) icon.textContent = other === "dark" ? "\u263e" : "\u2600";
      toggle.title = "Switch to " + other + " theme";
    });
  }

  // A disclosure button: opens and closes `panel` (by its class "open"); Escape and a click outside close it.
  var disclosure = function (button, panel, onChange) {
    var set = function (open) {
      button.setAttribute("aria-expanded", String(open));
      panel.classList.toggle("open", open);
      if (onChange) onChange(open);
    };
    button.hidden = false;
    button.addEventListener("click", function () {
      set(button.getAttribute("aria-expanded") !== "true");
    });
    panel.addEventListener("click", function (event) {
      if (event.target.closest && event.target.closest("a")) set(false);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        set(false);
        button.focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (!panel.contains(event.target) && !button.contains(event.target)) set(false);
    });
  };

  // On narrow screens the menu button opens a drawer with the menu and the course outline; while it is
  // open, nothing else on the page but the button can be reached, and the current lesson is in view.
  var menuButton = document.querySelector(".menu-toggle");
  var drawer = document.getElementById("site-drawer");
  var outline = document.getElementById("outline");
  var wide = window.matchMedia("(min-width: 64rem)");
  if (menuButton && drawer) {
    var behindDrawer = Array.prototype.slice.call(
      document.querySelectorAll("body > :not(.site-header):not(script), .site-header-bar > :not(.menu-toggle):not(.site-drawer)"),
    );
    disclosure(menuButton, drawer, function (open) {
      behindDrawer.forEach(function (element) {
        element.inert = open;
      });
      if (open) revealCurrentLesson();
    });
    wide.addEventListener("change", function () {
      if (wide.matches && menuButton.getAttribute("aria-expanded") === "true") menuButton.click();
    });
  }

  // The current lesson is in view in whichever box scrolls the outline: its own column, or the drawer.
  function revealCurrentLesson() {
    var current = outline && outline.querySelector("a[aria-current]");
    if (!current) return;
    [outline, drawer].forEach(function (box) {
      if (!box || box.scrollHeight <= box.clientHeight || getComputedStyle(box).overflowY !== "auto") return;
      var outer = box.getBoundingClientRect();
      var item = current.getBoundingClientRect();
      if (item.top < outer.top || item.bottom > outer.bottom) box.scrollTop += item.top - outer.top - (outer.height - item.height) / 2;
    });
  }
  revealCurrentLesson();

  // "On this page": marks the section being read; on narrow screens it folds behind a button naming that section.
  var toc = document.getElementById("toc");
  if (toc) setUpContents(toc);

  function setUpContents(nav) {
    var links = Array.prototype.slice.call(nav.querySelectorAll('ol a[href^="#"]'));
    var targets = links.map(function (link) {
      return document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    });
    var button = document.createElement("button");
    button.type = "button";
    button.className = "toc-toggle";
    button.setAttribute("aria-expanded", "false");
    var list = nav.querySelector("ol");
    list.id = "toc-list";
    button.setAttribute("aria-controls", list.id);
    var heading = document.createElement("span");
    heading.textContent = "On this page";
    var current = document.createElement("span");
    current.className = "toc-current";
    button.append(heading, current);
    nav.insertBefore(button, list);
    disclosure(button, nav, function (open) {
      if (open) revealMarked();
    });

    var header = document.querySelector(".site-header");
    var narrow = window.matchMedia("(max-width: 63.99rem)");
    var mark = function () {
      // The section being read is the last one whose heading has passed a line a little below what stays
      // stuck to the top of the window (the header, and on narrow screens this list's bar); at the very
      // end of the page, the last heading on screen.
      var stuck = Math.max(header ? header.getBoundingClientRect().bottom : 0, narrow.matches ? nav.getBoundingClientRect().bottom : 0);
      var line = stuck + Math.min(120, window.innerHeight / 5);
      var at = 0;
      targets.forEach(function (target, index) {
        if (target && target.getBoundingClientRect().top <= line) at = index;
      });
      if (window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2) {
        var lastVisible = targets.length - 1;
        while (lastVisible > at && targets[lastVisible] && targets[lastVisible].getBoundingClientRect().top > window.innerHeight)
          lastVisible--;
        at = lastVisible;
      }
      links.forEach(function (link, index) {
        if (index === at) link.setAttribute("aria-current", "true");
        else link.removeAttribute("aria-current");
      });
      current.textContent = at > 0 ? links[at].textContent : "";
      revealMarked();
    };
    // Keep the marked entry in sight in whichever box scrolls: the column on wide screens, the open list on narrow ones.
    var revealMarked = function () {
      var marked = nav.querySelector("a[aria-current]");
      [nav, list].forEach(function (box) {
        if (!marked || box.scrollHeight <= box.clientHeight || getComputedStyle(box).overflowY !== "auto") return;
        var outer = box.getBoundingClientRect();
        var item = marked.getBoundingClientRect();
        if (item.top < outer.top || item.bottom > outer.bottom) box.scrollTop += item.top - outer.top - (outer.height - item.height) / 2;
      });
    };
    var pending = false;
    var schedule = function () {
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () {
        pending = false;
        mark();
      });
    };
    window.addEventListener("scroll", schedule, { passive: true });
    window.addEventListener("resize", schedule);
    window.addEventListener("hashchange", schedule);
    mark();
  }

  // Glossary definitions: a CSS tooltip on hover and focus; Escape hides one until the pointer or focus leaves the term (WCAG 1.4.13).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll("a.glossary-term:hover, a.glossary-term:focus").forEach(function (term) {
      term.setAttribute("data-tooltip-dismissed", "");
    });
  });
  document.querySelectorAll("a.glossary-term[data-definition]").forEach(function (term) {
    var restore = function () {
      term.removeAttribute("data-tooltip-dismissed");
    };
    // A term near the right edge opens its tooltip leftwards, so that it stays on the screen (left of its scroll bar).
    var align = function () {
      var room = document.documentElement.clientWidth - term.getBoundingClientRect().left;
      term.toggleAttribute("data-tooltip-end", room < Math.min(384, window.innerWidth * 0.8) + 16);
    };
    term.addEventListener("mouseenter", align);
    term.addEventListener("focus", align);
    term.addEventListener("mouseleave", restore);
    term.addEventListener("blur", restore);
  });
  setUpDefinitionPopover();

  // A tap on a glossary term (touch or pen, where there is no hover) opens its definition in a popover
  // that stays inside the screen, with a link to the glossary entry; Escape or a tap outside closes it.
  function setUpDefinitionPopover() {
    var firstTerm = document.querySelector("a.glossary-term[data-definition]");
    var popover = document.createElement("div");
    if (!firstTerm || typeof popover.showPopover !== "function") return;
    popover.className = "glossary-popover";
    popover.setAttribute("popover", "auto");
    popover.setAttribute("role", "dialog");
    popover.setAttribute("aria-label", "Definition");
    var text = document.createElement("p");
    var more = document.createElement("a");
    more.textContent = "Open in the glossary";
    // A link with a target from the start, as every link should be; each opening points it at its own term.
    more.href = firstTerm.href;
    popover.append(text, more);
    document.body.appendChild(popover);
    var opener = null;
    var place = function () {
      if (!opener) return;
      var margin = 8;
      var term = opener.getBoundingClientRect();
      var box = popover.getBoundingClientRect();
      var left = Math.min(Math.max(margin, term.left), window.innerWidth - box.width - margin);
      var below = term.bottom + 6;
      var top = below + box.height <= window.innerHeight - margin ? below : Math.max(margin, term.top - 6 - box.height);
      popover.style.left = Math.max(margin, left) + "px";
      popover.style.top = top + "px";
    };
    var lastPointer = "mouse";
    document.addEventListener(
      "pointerdown",
      function (event) {
        lastPointer = event.pointerType;
      },
      { capture: true },
    );
    document.addEventListener("click", function (event) {
      var term = event.target.closest && event.target.closest("a.glossary-term[data-definition]");
      if (!term || lastPointer === "mouse" || event.defaultPrevented) return;
      event.preventDefault();
      opener = term;
      text.textContent = term.getAttribute("data-definition");
      more.href = term.href;
      popover.showPopover();
      place();
    });
    popover.addEventListener("toggle", function (event) {
      if (event.newState === "closed") opener = null;
    });
    window.addEventListener("resize", place);
    window.addEventListener("scroll", place, { passive: true });
  }

  // Figures open full size: the image becomes a link to its own file.
  document.querySelectorAll("figure.figure img").forEach(function (image) {
    if (image.closest("a")) return;
    var link = document.createElement("a");
    link.href = image.getAttribute("src");
    link.className = "figure-full-size";
    link.title = "Open the figure full size";
    image.parentNode.insertBefore(link, image);
    link.appendChild(image);
  });

  // Full-text search: pagefind's index is built with the site and loaded on first use.
  // Browsers block its requests from file://, so there the header says so instead.
  var searchBox = document.querySelector(".site-search");
  if (searchBox && location.protocol === "file:") {
    var unavailable = document.querySelector(".search-unavailable");
    if (unavailable) unavailable.hidden = false;
  } else if (searchBox) {
    setUpSearch(searchBox);
  }

  // A transcript's Copy copies its commands, one per line, without prompts or output (all of it if it has no command).
  function copiedText(pre) {
    var commands = Array.prototype.map
      .call(pre.querySelectorAll(".transcript .command"), function (command) {
        return command.textContent;
      })
      .filter(function (command) {
        return command.trim() !== "";
      });
    return commands.length > 0 ? commands.join("\n") : pre.textContent || "";
  }

  document.querySelectorAll(".copy-code").forEach(function (button) {
    var pre = button.closest("figure") && button.closest("figure").querySelector("pre");
    if (!pre || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(copiedText(pre)).then(
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

  function setUpSearch(box) {
    var input = box.querySelector("input");
    var status = box.querySelector("[role=status]");
    var panel = box.querySelector(".search-panel");
    var message = box.querySelector(".search-message");
    var list = box.querySelector(".search-results");
    var shown = 8;
    var loading = null;
    var latest = 0;
    var timer = 0;

    // A dynamic import in a classic script resolves against the script's own URL (assets/site.js),
    // so the index is found under any sub-path. The index comes in parts (pagefind/parts.json lists
    // all but the first), which pagefind merges into one search.
    var load = function () {
      if (!loading) {
        loading = import("../pagefind/pagefind.js").then(function (pagefind) {
          return pagefind
            .options({ excerptLength: 24 })
            .then(function () {
              return fetch(new URL("../pagefind/parts.json", scriptUrl));
            })
            .then(function (response) {
              if (!response.ok) throw new Error("no list of search index parts");
              return response.json();
            })
            .then(function (parts) {
              return Promise.all(
                parts.map(function (part) {
                  return pagefind.mergeIndex(new URL("../pagefind/" + part + "/", scriptUrl).pathname, { excerptLength: 24 });
                }),
              );
            })
            .then(function () {
              return pagefind;
            });
        });
      }
      return loading;
    };
    var say = function (text, visible) {
      status.textContent = text;
      message.textContent = text;
      message.hidden = !visible;
    };
    // A page's result opens the section that matched best (pagefind splits pages at headings with ids):
    // its title and excerpt lead, the page's title follows, and up to two more matching sections are listed.
    var item = function (page) {
      var sections = (page.sub_results || [])
        .filter(function (section) {
          return section.url !== page.url;
        })
        .map(function (section, order) {
          return { section: section, order: order, hits: (section.locations || []).length };
        })
        .sort(function (a, b) {
          return b.hits - a.hits || a.order - b.order;
        })
        .map(function (ranked) {
          return ranked.section;
        });
      var best = sections[0];
      var pageTitle = (page.meta && page.meta.title) || page.url;
      // Where the hit is comes first ("Lesson 14 · Database Migration"), then the section that matched, then its text.
      // A page of entries (the glossary) names a hit by its entry alone, on one line: "Glossary: cache".
      var lessonName = page.meta && page.meta.where;
      var entries = page.meta && page.meta.entries;
      var entry = document.createElement("li");
      var named = lessonName && lessonName !== pageTitle ? lessonName : "";
      var where = document.createElement("span");
      where.className = "search-page";
      if (!entries) where.textContent = best ? (named ? named + " · " : "") + pageTitle : named;
      var link = document.createElement("a");
      link.href = best ? best.url : page.url;
      link.textContent = best ? (entries ? entries + ": " : "") + best.title : pageTitle;
      if (where.textContent) entry.append(where);
      entry.append(link);
      var excerpt = document.createElement("p");
      // pagefind's excerpt is the page's own text, escaped, with <mark> around the matches.
      excerpt.innerHTML = best ? best.excerpt : page.excerpt;
      entry.append(excerpt);
      if (sections.length > 1) {
        var sublist = document.createElement("ul");
        sections.slice(1, 3).forEach(function (section) {
          var sectionItem = document.createElement("li");
          var sectionLink = document.createElement("a");
          sectionLink.href = section.url;
          sectionLink.textContent = section.title;
          sectionItem.append(sectionLink);
          sublist.append(sectionItem);
        });
        entry.append(sublist);
      }
      return entry;
    };
    var run = function () {
      var query = input.value.trim();
      var ticket = ++latest;
      if (!query) {
        list.replaceChildren();
        say("", false);
        panel.hidden = true;
        return;
      }
      load()
        .then(function (pagefind) {
          return pagefind.search(query);
        })
        .then(function (search) {
          return Promise.all(
            search.results.slice(0, shown).map(function (result) {
              return result.data();
            }),
          ).then(function (pages) {
            if (ticket !== latest) return;
            list.replaceChildren.apply(list, pages.map(item));
            var total = search.results.length;
            if (total === 0) say("No results for “" + query + "”.", true);
            else if (total > shown) say(total + " results; the first " + shown + " are shown.", false);
            else say(total === 1 ? "1 result." : total + " results.", false);
            panel.hidden = false;
          });
        })
        .catch(function () {
          if (ticket !== latest) return;
          list.replaceChildren();
          say("Search is not available.", true);
          panel.hidden = false;
        });
    };
    var links = function () {
      return Array.prototype.slice.call(list.querySelectorAll("a"));
    };

    box.hidden = false;
    input.addEventListener("focus", function () {
      load().catch(function () {
        /* reported when the reader searches */
      });
    });
    input.addEventListener("click", function () {
      if (input.value.trim() && list.children.length > 0) panel.hidden = false;
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 150);
    });
    // Enter searches at once; arrow keys move between the input and the results; Escape closes them.
    box.addEventListener("keydown", function (event) {
      var all = links();
      var at = all.indexOf(document.activeElement);
      if (event.key === "Enter" && event.target === input) {
        event.preventDefault();
        clearTimeout(timer);
        run();
      } else if (event.key === "Escape" && !panel.hidden) {
        event.preventDefault();
        panel.hidden = true;
        input.focus();
      } else if (event.key === "ArrowDown" && all.length > 0) {
        event.preventDefault();
        panel.hidden = false;
        all[Math.min(at + 1, all.length - 1)].focus();
      } else if (event.key === "ArrowUp" && at >= 0) {
        event.preventDefault();
        if (at === 0) input.focus();
        else all[at - 1].focus();
      }
    });
    box.addEventListener("focusout", function (event) {
      if (!box.contains(event.relatedTarget)) panel.hidden = true;
    });
    // "/" or Ctrl+K (Cmd+K) anywhere on the page goes to the search box.
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName || ""));
      var slash = event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !typing;
      var commandK = (event.key === "k" || event.key === "K") && (event.ctrlKey || event.metaKey) && !event.altKey;
      if (!slash && !commandK) return;
      event.preventDefault();
      input.focus();
      input.select();
    });
  }
  // On a lesson page, a floating "Slides" link and the S key open the deck at the slide of the section in view.
  var lesson = document.querySelector("article.lesson[data-slides]");
  if (lesson) {
    var deck = lesson.getAttribute("data-slides");
    var slidesSwitch = document.createElement("a");
    slidesSwitch.className = "slides-switch";
    slidesSwitch.textContent = "Slides";
    slidesSwitch.title = "Show the section you are reading as a slide (S)";
    slidesSwitch.setAttribute("aria-keyshortcuts", "s");
    slidesSwitch.setAttribute("data-pagefind-ignore", "");
    lesson.appendChild(slidesSwitch);
    var pageSections = Array.prototype.slice.call(lesson.querySelectorAll("section.section > .section-heading > h2[id]"));
    var slideInView = function () {
      var line = window.innerHeight / 3;
      var current = null;
      pageSections.forEach(function (section) {
        if (section.getBoundingClientRect().top <= line) current = section;
      });
      return deck + (current ? "#/" + encodeURIComponent(current.id) : "");
    };
    var switchPending = false;
    window.addEventListener(
      "scroll",
      function () {
        if (switchPending) return;
        switchPending = true;
        requestAnimationFrame(function () {
          switchPending = false;
          slidesSwitch.href = slideInView();
        });
      },
      { passive: true },
    );
    slidesSwitch.href = slideInView();
    document.addEventListener("keydown", function (event) {
      if (event.key !== "s" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      var target = event.target;
      if (target && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName || ""))) return;
      window.location.href = slideInView();
    });
  }
})();
