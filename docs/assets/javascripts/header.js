/*
 * The header's behaviour that Material's bundle no longer gives, or gives wrongly, with the
 * archive's header (overrides/partials/header.html and the partials it includes).
 *
 * 1. Language links. Material's bundle (integrations/alternate) fetches sitemap.xml beside
 * the address of every <link rel="alternate"> of the page once the page is parsed
 * (DOMContentLoaded), to map the page into another language or version when a link to one
 * is clicked. Here every hreflang alternate already is the page's twin, and the feeds are
 * alternates too: the look-ups were 404s (/en/articles/<id>/sitemap.xml,
 * /feeds/ar/sitemap.xml) or, on the home page, the download of the whole sitemap, and the
 * mapping sent a language link to the twin's address without its final slash (one
 * redirect more). This script (deferred: it runs after parsing, before DOMContentLoaded)
 * takes rel="alternate" off those links until Material has looked for them, and puts it
 * back once DOMContentLoaded has been handled: Material finds no alternate, the language
 * link stays a plain link to the twin page, and the links are in the document again for
 * anything that reads them later. tests/browser/test_rendering_browser.py checks both.
 *
 * 2. Colour palette: one button (overrides/partials/palette.html) in place of Material's
 * form of radio inputs; its options, and their names in each language, are the first
 * line of this file (window.naPalette, written by the build: hooks/chrome.py). It shows
 * the toggle of the palette in use and moves to the next option when pressed; like
 * Material's, it writes the scheme and colours on <body>, keeps the choice where
 * Material's inline script reads it before the next page is painted
 * (__md_set("__palette", {index, color})), first follows the reader's system preference
 * (each option's media query), and sets <meta name="theme-color"> and "color-scheme"
 * from the header's colours.
 *
 * 3. Header topic. The header shows the page's title once its heading has scrolled away
 * (Material's header-title component); the title is written once, in the page's <h1>, and
 * copied here into the header's empty topic.
 */
(function () {
  "use strict";

  var links = Array.prototype.slice.call(document.querySelectorAll('link[rel="alternate"]'));
  links.forEach(function (link) {
    link.removeAttribute("rel");
  });
  document.addEventListener("DOMContentLoaded", function () {
    // after every listener of this event, Material's included
    setTimeout(function () {
      links.forEach(function (link) {
        link.setAttribute("rel", "alternate");
      });
    }, 0);
  }, { once: true });
})();

(function () {
  "use strict";

  var topic = document.querySelector('[data-md-component="header-topic"]');
  var heading = document.querySelector(".md-content h1");
  if (topic && heading && !topic.textContent.trim()) {
    topic.textContent = heading.textContent.trim();
  }

  // the palette's options and their names in every language: the first line of this
  // file, written by the build (hooks/chrome.py, on_files)
  var button = document.querySelector(".na-palette");
  var data = window.naPalette;
  if (!button || !data || typeof __md_get !== "function") return;
  var lang = document.documentElement.lang;
  var names = data.names[lang] || data.names[Object.keys(data.names)[0]] || [];
  var options = data.options.map(function (option, i) {
    return Object.assign({ name: names[i] || "" }, option);
  });
  if (!options.length) return;
  var icon = button.querySelector("svg");
  var themeColor = meta("theme-color");
  var colorScheme = meta("color-scheme");

  function meta(name) {
    var el = document.createElement("meta");
    el.name = name;
    document.head.appendChild(el);
    return el;
  }

  function current() {
    var stored = __md_get("__palette");
    var index = stored && typeof stored.index === "number" ? stored.index
      : options.findIndex(function (o) { return o.media && matchMedia(o.media).matches; });
    return Math.max(0, Math.min(index, options.length - 1));
  }

  function apply(index) {
    var option = options[index];
    var color = { media: option.media, scheme: option.scheme,
                  primary: option.primary, accent: option.accent };
    var body = document.body;
    body.setAttribute("data-md-color-switching", "");
    Object.keys(color).forEach(function (key) {
      body.setAttribute("data-md-color-" + key, color[key]);
    });
    __md_set("__palette", { index: index, color: color });
    button.title = option.name;
    if (icon && option.icon && /^na-i-/.test(icon.getAttribute("class") || "")) {
      icon.setAttribute("class", option.icon);
    }
    var header = getComputedStyle(document.querySelector(".md-header"));
    colorScheme.content = header.colorScheme;
    var rgb = (header.backgroundColor.match(/\d+/g) || []).slice(0, 3);
    themeColor.content = "#" + rgb.map(function (c) {
      return (+c).toString(16).padStart(2, "0");
    }).join("");
    requestAnimationFrame(function () {
      body.removeAttribute("data-md-color-switching");
    });
  }

  var index = current();
  apply(index);
  button.addEventListener("click", function () {
    index = (index + 1) % options.length;
    apply(index);
  });
})();
