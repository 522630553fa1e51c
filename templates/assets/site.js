// Progressive enhancements: everything on the page works without this file.
(function () {
  "use strict";
  var root = document.documentElement;
  var scriptUrl = (document.currentScript && document.currentScript.src) || location.href;

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
      } catch {
        /* storage may be unavailable from file:// */
      }
      show();
    });
  }

  // Glossary tooltips (CSS, on hover and focus): Escape hides one until the pointer or focus leaves the term (WCAG 1.4.13).
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
    term.addEventListener("mouseleave", restore);
    term.addEventListener("blur", restore);
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
    var item = function (page) {
      var entry = document.createElement("li");
      var link = document.createElement("a");
      link.href = page.url;
      link.textContent = (page.meta && page.meta.title) || page.url;
      var excerpt = document.createElement("p");
      // pagefind's excerpt is the page's own text, escaped, with <mark> around the matches.
      excerpt.innerHTML = page.excerpt;
      entry.append(link, excerpt);
      var sections = (page.sub_results || [])
        .filter(function (section) {
          return section.url !== page.url;
        })
        .slice(0, 3);
      if (sections.length > 0) {
        var sublist = document.createElement("ul");
        sections.forEach(function (section) {
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
    var pageSections = Array.prototype.slice.call(lesson.querySelectorAll("section.section[id]"));
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
