/*
 * Links that work everywhere (guide/pages.md): on article pages (.na-article), a "copy link" button
 * under the headline, a "¶" button on every paragraph anchor (#p1, #p2, ...) that copies the
 * paragraph's permalink, and a citation line (source, headline, date, permalink) with a copy
 * button. The page gives the canonical URL (<link rel=canonical>) and the JSON-LD NewsArticle
 * (#na-article-ld, written by overrides/partials/archive-meta.html); the interface strings,
 * the same on every article page of a language, are fetched once from links-ui.json beside
 * this script (written by hooks/links.py), in the page's language (<html lang>). The
 * controls are added here, not in the Markdown, so they stay out of the search index and
 * out of copied article text.
 * On the 404 page, the search form hands its words to the site search when there is one.
 */
(function () {
  "use strict";

  /* links-ui.json beside this script (read while it runs: currentScript is set then) */
  var script = document.currentScript;
  var stringsUrl = script && script.src ? new URL("links-ui.json", script.src).href : null;
  var strings = null;

  /* The interface strings of the page's language: a promise of an object, or of null. */
  function articleStrings() {
    if (!strings) {
      strings = !stringsUrl || !window.fetch ? Promise.resolve(null) :
        fetch(stringsUrl).then(
          function (r) { return r.ok ? r.json() : null; }
        ).catch(function () { return null; });
    }
    var lang = document.documentElement.lang;
    return strings.then(function (all) { return all && (all[lang] || null); });
  }

  function json(id) {
    var el = document.getElementById(id);
    if (!el) return null;
    try {
      return JSON.parse(el.textContent);
    } catch (err) {
      return null;
    }
  }

  function canonical() {
    var link = document.querySelector('link[rel="canonical"]');
    return link ? link.href : location.href.split("#")[0];
  }

  function siteName() {
    var meta = document.querySelector('meta[property="og:site_name"]');
    return meta ? meta.content : document.title;
  }

  /* Copy text to the clipboard; resolves to true when it worked. */
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return legacyCopy(text); }
      );
    }
    return Promise.resolve(legacyCopy(text));
  }

  function legacyCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (err) {
      ok = false;
    }
    document.body.removeChild(area);
    return ok;
  }

  function button(cls, label, text) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = cls;
    b.title = label;
    b.setAttribute("aria-label", label);
    b.textContent = text;
    return b;
  }

  /* Copy, then say so in the button's title and in the polite live region. */
  function copyWithFeedback(b, text, ui, status) {
    copy(text).then(function (ok) {
      var message = ok ? ui.copied : ui.copy_failed;
      b.classList.add(ok ? "na-copied" : "na-copy-failed");
      b.dataset.copied = ok ? "true" : "false";
      status.textContent = message;
      window.setTimeout(function () {
        b.classList.remove("na-copied", "na-copy-failed");
        status.textContent = "";
      }, 2000);
    });
  }

  /* "Source, “Headline”, 2015-11-20. Site, https://…/articles/<id>/" in the page language. */
  function citation(ld, ui, url) {
    var sep = ui.cite_separator || ", ";
    var parts = [];
    if (ld.sourceOrganization && ld.sourceOrganization.name) parts.push(ld.sourceOrganization.name);
    parts.push((ui.quote_open || "\u201c") + ld.headline + (ui.quote_close || "\u201d"));
    parts.push(ld.datePublished || ui.undated);
    return parts.join(sep) + ". " + siteName() + sep + url;
  }

  function setupArticle(ui) {
    var article = document.querySelector(".na-article");
    if (!article || article.dataset.naLinks) return;
    article.dataset.naLinks = "ready";
    var url = canonical();
    var ld = json("na-article-ld") || { headline: document.title };

    var status = document.createElement("span");
    status.className = "na-visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    article.appendChild(status);

    var bar = document.createElement("div");
    bar.className = "na-links";
    var copyLink = button("md-button na-copy-link", ui.copy_link, ui.copy_link);
    copyLink.dataset.url = url;
    copyLink.addEventListener("click", function () {
      copyWithFeedback(copyLink, url, ui, status);
    });
    bar.appendChild(copyLink);
    var heading = article.querySelector("h1");
    if (heading) heading.insertAdjacentElement("afterend", bar);
    else article.insertBefore(bar, article.firstChild);

    var paragraphs = article.querySelectorAll("p[id]");
    Array.prototype.forEach.call(paragraphs, function (p) {
      if (!/^p\d+$/.test(p.id)) return;
      var target = url + "#" + p.id;
      var b = button("na-anchor", ui.copy_paragraph_link, "\u00b6");
      b.dataset.url = target;
      b.addEventListener("click", function () {
        if (history.replaceState) history.replaceState(null, "", "#" + p.id);
        copyWithFeedback(b, target, ui, status);
      });
      p.appendChild(document.createTextNode(" "));
      p.appendChild(b);
    });

    var cite = document.createElement("p");
    cite.className = "na-cite";
    var label = document.createElement("span");
    label.className = "na-cite__label";
    label.textContent = ui.cite + " ";
    var text = document.createElement("span");
    text.className = "na-cite__text";
    text.textContent = citation(ld, ui, url);
    var copyCite = button("na-copy-cite", ui.copy_citation, ui.copy_citation);
    copyCite.addEventListener("click", function () {
      copyWithFeedback(copyCite, text.textContent, ui, status);
    });
    cite.appendChild(label);
    cite.appendChild(text);
    cite.appendChild(document.createTextNode(" "));
    cite.appendChild(copyCite);
    article.appendChild(cite);
  }

  /* 404: put the words into the header search if the theme has one, else submit as ?q=. */
  function setup404() {
    var forms = document.querySelectorAll("[data-na-404] form");
    Array.prototype.forEach.call(forms, function (form) {
      if (form.dataset.naLinks) return;
      form.dataset.naLinks = "ready";
      form.addEventListener("submit", function (event) {
        var query = form.querySelector("input[name=q]").value;
        var search = document.querySelector(
          "#na-search-input, .pagefind-ui__search-input, .md-search__input"
        );
        if (!search || !query) return;
        event.preventDefault();
        search.value = query;
        search.focus();
        search.dispatchEvent(new Event("input", { bubbles: true }));
      });
    });
  }

  function setup() {
    if (document.querySelector(".na-article")) {
      articleStrings().then(function (ui) { if (ui) setupArticle(ui); });
    }
    setup404();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
