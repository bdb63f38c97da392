/*
 * Material's bundle (integrations/alternate) fetches sitemap.xml beside the address of every
 * <link rel="alternate"> of the page once the page is parsed (DOMContentLoaded), to map the
 * page into another language or version when a link to one is clicked. Here every hreflang
 * alternate already is the page's twin, and the feeds are alternates too: the look-ups were
 * 404s (/en/articles/<id>/sitemap.xml, /feeds/ar/sitemap.xml) or, on the home page, the
 * download of the whole sitemap, and the mapping sent a language link to the twin's address
 * without its final slash (one redirect more).
 *
 * This script (deferred: it runs after parsing, before DOMContentLoaded) takes rel="alternate"
 * off those links until Material has looked for them, and puts it back once DOMContentLoaded
 * has been handled: Material finds no alternate, the language links stay plain links to the
 * twin page, and the links are in the document again for anything that reads them later.
 * tests/browser/test_rendering_browser.py checks both.
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
