/* Archive search: the search box in the header, on Pagefind (see builder/search/).
 *
 * The reader's words are turned into the same "search forms" as the index-only block of
 * each article (builder.search.forms.search_form: builder.normalize folding, then clitics
 * stripped, with the rules of search-rules.json, which the build writes from
 * builder/data/search.yml, and the archive's lexicon, fetched one small shard per word from
 * search-words/), so any spelling finds the article, with or without its clitics. A query
 * of several words lists the articles holding all of them first, then those holding some. Pagefind itself is loaded on first use and fetches only
 * the index chunks a query needs; results come from the page's own language only (Pagefind
 * keeps one index per <html lang>). Snippets show the article's own words, highlighted.
 *
 * The index may come in several parts (builder.search): the main bundle, the further parts
 * of a large archive (named under "parts" in the main bundle's pagefind-entry.json) and a
 * recent one ("incremental indexing", named under "recent"), merged only when named.
 * Pagefind orders merged results by score, so a search sorted by date runs once per part
 * (a synthetic filter tells the parts apart) and the date-ordered lists are merged here
 * by date, loading results only as far as they are shown.
 */
(function () {
  "use strict";

  /* ------------------------------------------------------------------ normalisation -- */

  const HAS = Object.prototype.hasOwnProperty;
  /** Pagefind's split of a fragment's content into words (locations index into it). */
  const SPACES = /[\r\n\s]+/g;
  /** Leading and trailing characters that are neither letters nor digits. */
  const EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

  function foldChar(ch, fold) {
    if (HAS.call(fold, ch)) return fold[ch];
    const code = ch.codePointAt(0);
    if ((code >= 0xfb50 && code <= 0xfdff) || (code >= 0xfe70 && code <= 0xfeff)) {
      const expanded = ch.normalize("NFKC");
      if (expanded !== ch) {
        let out = "";
        for (const c of expanded) out += foldChar(c, fold);
        return out;
      }
    }
    return ch;
  }

  /** builder.normalize.normalize: ``normalize("إيران", rules)`` -> ``"ايران"``. */
  function normalize(text, rules) {
    let out = "";
    for (const ch of text) out += foldChar(ch, rules.fold);
    return out;
  }

  /** builder.search.forms.fold: normalised, lower case. */
  function fold(word, rules) {
    return normalize(word, rules).toLowerCase();
  }

  const length = (text) => [...text].length;

  /** builder.search.forms.core: every leading letter that could be a proclitic removed. */
  function core(form, c) {
    for (;;) {
      if (form.startsWith(c.article) && length(form) - length(c.article) >= c.min_rest) {
        form = form.slice(c.article.length);
      } else if (form && (c.conjunctions.includes(form[0]) || c.prepositions.includes(form[0]))
                 && length(form) - 1 >= c.min_rest) {
        form = form.slice(1);
      } else {
        return form;
      }
    }
  }

  /** builder.search.forms.steps: what a form may become without the proclitic of a layer. */
  function steps(form, layer, c) {
    if (layer === 0) {
      return form && c.conjunctions.includes(form[0]) && length(form) - 1 >= c.min_rest
        ? [form.slice(1)] : [];
    }
    if (layer === 1) {
      const out = [];
      const lam = "ل" + c.article.slice(1);
      if (form.startsWith(lam) && length(form) - length(lam) >= c.min_rest) {
        out.push(c.article + form.slice(lam.length));
      }
      if (form && c.prepositions.includes(form[0]) && length(form) - 1 >= c.min_rest) {
        out.push(form.slice(1));
      }
      return out;
    }
    return form.startsWith(c.article) && length(form) - length(c.article) >= c.min_rest
      ? [form.slice(c.article.length)] : [];
  }

  /** builder.search.forms.pronoun_stems: [pronoun, stem] readings, longest pronoun first. */
  function pronounStems(form, c) {
    const out = [];
    for (const pronoun of c.pronouns) {
      if (form.endsWith(pronoun) && length(form) - length(pronoun) >= c.min_stem) {
        const stem = form.slice(0, form.length - pronoun.length);
        if (stem.endsWith("ت")) out.push([pronoun, stem.slice(0, -1) + "ه"]);
        out.push([pronoun, stem]);
      }
    }
    return out;
  }

  /** A lexicon shard as fetched ({own: [...], stems: {...}}), ready to use. */
  function shardOf(data) {
    return {
      own: new Set((data && data.own) || []),
      stems: new Map(Object.entries((data && data.stems) || {})),
    };
  }
  const EMPTY = shardOf(null);

  /** builder.search.forms.Shard.is_own. */
  function isOwn(form, shard, c) {
    return shard.own.has(form) || pronounStems(form, c).some(([, s]) => shard.own.has(s));
  }

  /** builder.search.forms.strip_proclitics. */
  function stripProclitics(form, shard, c) {
    for (let layer = 0; layer < 3; layer++) {
      if (isOwn(form, shard, c)) return form;
      const options = steps(form, layer, c);
      if (options.length) form = options.find((o) => isOwn(o, shard, c)) || options[0];
    }
    return form;
  }

  /** builder.search.forms.word_shard: the shard key of a folded word. */
  function wordShard(form, c) {
    return shardKey(core(form, c), c.shard_letters);
  }

  /** builder.search.forms.needs_shard. */
  function needsShard(form, c) {
    return [0, 1, 2].some((layer) => steps(form, layer, c).length > 0)
      || pronounStems(form, c).length > 0;
  }

  /**
   * builder.search.forms.search_form: ``searchForm("بالحكومة", rules, shard)`` -> "حكومه".
   * ``shard`` is the lexicon shard of the word (shardOf; EMPTY: every proclitic stripped).
   */
  function searchForm(word, rules, shard) {
    const c = rules.clitics;
    const s = shard || EMPTY;
    const rest = stripProclitics(fold(word, rules), s, c);
    return s.stems.has(rest) ? s.stems.get(rest) : rest;
  }

  /**
   * builder.search.forms.pagefind_term: the word Pagefind is given for a search form (a
   * leading و or ف the form kept is protected from Pagefind's stemmer by the article).
   */
  function pagefindTerm(form, c) {
    if (form && c.conjunctions.includes(form[0]) && form[1] !== "ا"
        && length(form) - 1 >= c.min_rest) return c.article + form;
    return form;
  }

  /** The words of a query: separators split words, edges are trimmed. */
  function queryWords(query, rules) {
    let text = "";
    for (const ch of query) text += rules.separators.includes(ch) ? " " : ch;
    const out = [];
    for (const raw of text.split(SPACES)) {
      const word = raw.replace(EDGES, "");
      if (word) out.push(word);
    }
    return out;
  }

  /**
   * The search forms of a query: function words (rules.stopwords, compared folded) are
   * left out when other words remain. ``shards(key)`` resolves to the lexicon shard of
   * that key (shardOf); it is asked only for words whose form depends on it.
   */
  async function queryTerms(query, rules, shards) {
    const c = rules.clitics;
    const all = queryWords(query, rules);
    const stop = rules.stopwords || [];
    const kept = all.filter((w) => !stop.includes(fold(w, rules)));
    const chosen = kept.length ? kept : all;
    const forms = await Promise.all(chosen.map(async (word) => {
      const folded = fold(word, rules);
      const shard = shards && needsShard(folded, c) ? await shards(wordShard(folded, c)) : EMPTY;
      return searchForm(word, rules, shard);
    }));
    const terms = [];
    for (const form of forms) if (form && !terms.includes(form)) terms.push(form);
    return terms;
  }

  /** The forms of one word of a fragment's content (punctuation around it removed). */
  function contentForms(word, rules) {
    const bare = word.replace(EDGES, "");
    return bare ? [fold(bare, rules), searchForm(bare, rules, EMPTY)] : [];
  }

  /**
   * Results holding every word first, in Pagefind's order (``all``), then those holding
   * some of them (``each``: the results of each word), most words first, then by score.
   */
  function rankByWords(all, each) {
    const full = new Set(all.map((r) => r.id));
    const partial = new Map();
    for (const list of each) {
      for (const r of list) {
        if (full.has(r.id)) continue;
        const entry = partial.get(r.id) || { result: r, words: 0, score: 0 };
        entry.words += 1;
        entry.score += r.score || 0;
        partial.set(r.id, entry);
      }
    }
    const rest = [...partial.values()].sort((a, b) => b.words - a.words || b.score - a.score
      || (a.result.id < b.result.id ? -1 : a.result.id > b.result.id ? 1 : 0));
    return all.concat(rest.map((e) => e.result));
  }

  /**
   * A snippet of the article's own words around the densest cluster of matches.
   * Returns [{text, mark}] pieces. Matches are Pagefind's locations in the page's words
   * and, for locations inside the index-only forms block, every word of the page with the
   * same form; words whose form starts with a query term are marked too.
   */
  function snippet(data, terms, rules, length) {
    const words = (data.content || "").split(SPACES);
    let end = words.length;
    for (const anchor of data.anchors || []) {
      if (anchor.id === rules.forms_id) end = Math.min(end, anchor.location);
    }
    const marked = new Array(end).fill(false);
    const forms = new Set();
    for (const loc of data.locations || []) {
      if (loc < end) marked[loc] = true;
      else if (words[loc]) forms.add(words[loc]);
    }
    for (let i = 0; i < end; i++) {
      if (marked[i] || !words[i]) continue;
      if (contentForms(words[i], rules).some((f) => forms.has(f)
          || terms.some((t) => f.startsWith(t)))) marked[i] = true;
    }
    let best = 0;
    let bestCount = -1;
    let count = 0;
    for (let i = 0; i < end; i++) {
      if (marked[i]) count++;
      if (i >= length && marked[i - length]) count--;
      if (count > bestCount) {
        bestCount = count;
        best = Math.max(0, i - length + 1);
      }
    }
    const start = bestCount > 0 ? Math.max(0, Math.min(best, end - length)) : 0;
    const stop = Math.min(end, start + length);
    const pieces = [];
    if (start > 0) pieces.push({ text: "… ", mark: false });
    for (let i = start; i < stop; i++) {
      const sep = i + 1 < stop ? " " : "";
      pieces.push({ text: words[i], mark: marked[i] });
      if (sep) pieces.push({ text: sep, mark: false });
    }
    if (stop < end) pieces.push({ text: " …", mark: false });
    return pieces;
  }

  /** builder.search.forms.shard_key: the first three letters of a form as UTF-8 hex. */
  function shardKey(form, letters = 3) {
    const bytes = new TextEncoder().encode([...form].slice(0, letters).join(""));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  /** A search's results, shown a page at a time: ``take(n)`` -> data of the next n. */
  function plainList(found) {
    let next = 0;
    return {
      total: found.length,
      take(n) {
        const batch = found.slice(next, next + n);
        next += batch.length;
        return Promise.all(batch.map((r) => r.data()));
      },
    };
  }

  /** Does result data ``a`` come before ``b`` in date order (undated last)? */
  function before(a, b, direction) {
    const x = (a.meta && a.meta.date) || "";
    const y = (b.meta && b.meta.date) || "";
    if (!x || !y) return Boolean(x) && !y;
    return direction === "asc" ? x < y : x > y;
  }

  /**
   * Lists of results each in date order, merged by date: ``take(n)`` loads at most the
   * next n results of each list (those it could show) and returns the next n overall.
   * Ties keep the order of the lists (the main part first).
   */
  function dateList(lists, direction) {
    const heads = lists.map(() => 0);
    const loaded = new Map();
    const load = (r) => {
      if (!loaded.has(r)) loaded.set(r, r.data());
      return loaded.get(r);
    };
    return {
      total: lists.reduce((n, l) => n + l.length, 0),
      async take(n) {
        const batches = await Promise.all(lists.map((l, i) =>
          Promise.all(l.slice(heads[i], heads[i] + n).map(load))));
        const used = lists.map(() => 0);
        const out = [];
        while (out.length < n) {
          let best = -1;
          for (let i = 0; i < lists.length; i++) {
            const d = batches[i][used[i]];
            if (d && (best < 0 || before(d, batches[best][used[best]], direction))) best = i;
          }
          if (best < 0) break;
          out.push(batches[best][used[best]++]);
        }
        used.forEach((u, i) => { heads[i] += u; });
        return out;
      },
    };
  }

  const api = {
    normalize, fold, core, steps, pronounStems, shardOf, stripProclitics, wordShard,
    needsShard, searchForm, pagefindTerm, queryWords, queryTerms, rankByWords, snippet,
    shardKey, dateList,
  };
  if (typeof module === "object" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;
  window.naSearch = api; // for the recall checks of tests and benchmarks
  /* What the build writes as this file's first line (hooks/chrome.py, on_files): the
   * site's data the box needs before anything is fetched -- the box's strings in every
   * language, its icon, and where the index, rules and entity records lie (from the site
   * root, which is this script's address without its own path, "script"). */
  const SITE = window.naSearchSite || null;
  const SCRIPT = document.currentScript; // set while a (deferred) script first runs

  /* ------------------------------------------------------------------ search box -- */

  const PAGE = 8; // results rendered at a time
  const ENTITIES = 3; // entity pages (people, places, organisations) offered first
  const SNIPPET = 28; // words in a snippet
  const RECENT = "recent"; // key of the main part's entry naming the recent part
  const PARTS = "parts"; // key of the main part's entry listing its further parts
  const PART = "na-part"; // synthetic filter telling the parts apart ("main", "recent")

  /** The site root (a URL ending in "/"), from this script's address; null if unknown. */
  function scriptRoot() {
    const src = SCRIPT && SCRIPT.src ? new URL(SCRIPT.src, document.baseURI).href : "";
    return SITE && src.endsWith(SITE.script) ? src.slice(0, -SITE.script.length) : null;
  }

  /** Makes the box inside its empty place in the header (overrides/partials/search.html):
   * a toggle (narrow screens), a search form with its label, and the result panel. */
  function buildBox(root, ui, lang, top) {
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("class", SITE.icon);
    const toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "md-header__button md-icon na-search__toggle";
    toggle.setAttribute("aria-label", ui.open);
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("aria-controls", "na-search-panel");
    toggle.append(svg);
    const form = document.createElement("form");
    form.className = "na-search__form";
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", ui.label);
    form.setAttribute("autocomplete", "off");
    const label = document.createElement("label");
    label.className = "na-search__label";
    label.htmlFor = "na-search-input";
    label.textContent = ui.label;
    const input = document.createElement("input");
    Object.assign(input, { id: "na-search-input", className: "na-search__input",
      type: "search", name: "q", placeholder: ui.placeholder, spellcheck: false, dir: "auto" });
    for (const [name, value] of [["enterkeyhint", "search"], ["autocapitalize", "off"],
      ["autocorrect", "off"], ["aria-controls", "na-search-panel"]]) {
      input.setAttribute(name, value);
    }
    form.append(label, input);
    const panel = document.createElement("div");
    panel.id = "na-search-panel";
    panel.className = "na-search__panel md-typeset";
    panel.hidden = true;
    const status = document.createElement("p");
    status.className = "na-search__status";
    status.setAttribute("aria-live", "polite");
    status.setAttribute("aria-atomic", "true");
    const list = document.createElement("ol");
    list.className = "na-search__results";
    panel.append(status, list);
    root.dir = lang === "ar" ? "rtl" : "ltr";
    Object.assign(root.dataset, {
      lang, root: top, bundle: top + SITE.bundle, rules: top + SITE.rules,
      unavailable: ui.unavailable || "",
    });
    if (SITE.entities) root.dataset.entities = top + SITE.entities;
    root.append(toggle, form, panel);
  }

  function setup(root) {
    const lang = root.dataset.lang || document.documentElement.lang || "ar";
    if (!root.querySelector(".na-search__input")) {
      const top = scriptRoot();
      const ui = SITE && SITE.ui && (SITE.ui[lang] || SITE.ui.ar);
      if (!top || !ui) return; // no data from the build: no box (as without scripts)
      buildBox(root, ui, lang, top);
    }
    const input = root.querySelector(".na-search__input");
    const form = root.querySelector(".na-search__form");
    const panel = root.querySelector(".na-search__panel");
    const status = root.querySelector(".na-search__status");
    const list = root.querySelector(".na-search__results");
    const toggle = root.querySelector(".na-search__toggle");
    // the sort and filter fields and the "more" button: made by buildPanel() from the
    // strings of search-rules.json, which every page would otherwise carry
    let more = null;
    let options = null;
    let sortSelect = null;
    let yearSelect = null;
    const entityInputs = [];
    const dateFormat = new Intl.DateTimeFormat(lang === "ar" ? "ar-u-nu-latn" : "en-GB", {
      day: "numeric", month: "long", year: "numeric", timeZone: "UTC",
    });
    let ready = null;
    let rules = null;
    let pagefind = null;
    let results = plainList([]);
    let parts = null; // the filter values of the parts when other parts are merged
    let entities = [];
    const shards = new Map();
    const lexicon = new Map(); // shard key -> promise of the lexicon shard (shardOf)
    const siteRoot = new URL(root.dataset.root || "/", document.baseURI);
    const entitiesUrl = root.dataset.entities
      ? new URL(root.dataset.entities, document.baseURI).href : null;
    let shown = 0;
    let terms = [];
    let generation = 0;
    let filtersLoaded = false;

    const plural = new Intl.PluralRules(lang);
    const t = (key, n) => {
      const entry = rules && rules.ui[key];
      let text = entry ? entry[lang] || entry.ar : key;
      if (text && typeof text === "object") {
        text = (n === 0 && text.zero) || text[plural.select(n)] || text.other;
      }
      return n === undefined ? text : text.replace("{n}", String(n));
    };

    function load() {
      if (!ready) {
        const rulesUrl = new URL(root.dataset.rules, document.baseURI).href;
        const bundle = new URL(root.dataset.bundle, document.baseURI).href;
        // the main part's entry names the other parts, if there are any (no 404 otherwise):
        // [filter value, URL] of each that holds this language
        const mine = (part) => part && typeof part.path === "string"
          && Array.isArray(part.languages) && part.languages.includes(lang);
        const others = fetch(bundle + "pagefind-entry.json", { cache: "no-cache" })
          .then((r) => (r.ok ? r.json() : {})).catch(() => ({}))
          .then((entry) => [
            ...(Array.isArray(entry[PARTS]) ? entry[PARTS] : [])
              .map((part, k) => [`part${k + 2}`, part]),
            [RECENT, entry[RECENT]],
          ].filter(([, part]) => mine(part))
            .map(([name, part]) => [name, new URL(part.path, bundle).href]));
        ready = Promise.all([
          fetch(rulesUrl).then((r) => {
            if (!r.ok) throw new Error(`${rulesUrl}: ${r.status}`);
            return r.json();
          }).then((r) => {
            rules = r;
            buildPanel();
            return r;
          }),
          Promise.all([import(bundle + "pagefind.js"), others]).then(async ([pf, more]) => {
            const merged = more.length ? { mergeFilter: { [PART]: "main" } } : {};
            await pf.options({ noWorker: true, excerptLength: SNIPPET, ...merged });
            await pf.init();
            for (const [name, url] of more) {
              await pf.mergeIndex(url, { mergeFilter: { [PART]: name } });
            }
            return [pf, more.length ? ["main", ...more.map(([name]) => name)] : null];
          }),
        ]).then(([r, [pf, merged]]) => {
          rules = r;
          pagefind = pf;
          parts = merged;
          root.classList.add("na-search--ready");
        });
        ready.catch((err) => {
          console.warn("search unavailable:", err);
          root.classList.add("na-search--failed");
        });
      }
      return ready;
    }

    /** The archive's lexicon shard ``key`` (builder.search.forms); none: an empty one. */
    function lexiconShard(key) {
      if (!lexicon.has(key)) {
        const url = new URL(`${rules.words}${key}.json`, siteRoot).href;
        lexicon.set(key, fetch(url).then((r) => (r.ok ? r.json() : null)).catch(() => null)
          .then(shardOf));
      }
      return lexicon.get(key);
    }

    /** Makes an element: ``make("select", {name: "sort"}, child, ...)``. */
    function make(tag, props, ...children) {
      const el = Object.assign(document.createElement(tag), props);
      el.append(...children);
      return el;
    }

    /** The panel's sort and filter fields (a closed <details> before the status line) and
     * its "more" button (after the results), in the page's language: made once the rules,
     * which hold the strings (builder/data/search.yml, ui), have arrived. */
    function buildPanel() {
      if (options) return;
      sortSelect = make("select", { name: "sort" },
        new Option(t("sort_relevance"), ""), new Option(t("sort_newest"), "newest"),
        new Option(t("sort_oldest"), "oldest"));
      yearSelect = make("select", { name: "year" }, new Option(t("any"), ""));
      const fields = make("div", { className: "na-search__fields" },
        make("label", {}, t("sort") + " ", sortSelect),
        make("label", {}, t("year") + " ", yearSelect));
      for (const kind of ["person", "place", "organization"]) {
        const input = make("input", { type: "search", placeholder: t("any"), dir: "auto" });
        input.dataset.filter = kind;
        input.setAttribute("list", `na-search-${kind}`);
        entityInputs.push(input);
        fields.append(make("label", {}, t(kind) + " ", input,
          make("datalist", { id: `na-search-${kind}` })));
      }
      options = make("details", { className: "na-search__options" },
        make("summary", {}, t("filters")), fields);
      more = make("button", { type: "button", className: "na-search__more md-button",
        hidden: true }, t("more"));
      panel.prepend(options);
      panel.append(more);
      more.addEventListener("click", () => showMore(generation));
      options.addEventListener("toggle", () => {
        if (options.open) loadFilters().catch((err) => console.warn(err));
      });
      for (const el of [sortSelect, yearSelect, ...entityInputs]) {
        el.addEventListener("change", run);
      }
    }

    function open() {
      panel.hidden = false;
      root.classList.add("na-search--open");
      toggle.setAttribute("aria-expanded", "true");
    }

    function close() {
      panel.hidden = true;
      root.classList.remove("na-search--open");
      toggle.setAttribute("aria-expanded", "false");
    }

    function currentFilters() {
      const filters = {};
      if (yearSelect.value) filters.year = yearSelect.value;
      for (const el of entityInputs) {
        if (el.value.trim()) filters[el.dataset.filter] = el.value.trim();
      }
      return filters;
    }

    function currentSort() {
      if (sortSelect.value === "newest") return { date: "desc" };
      if (sortSelect.value === "oldest") return { date: "asc" };
      return {};
    }

    async function run() {
      const mine = ++generation;
      root.dataset.state = "loading";
      try {
        await load();
      } catch (err) {
        open();
        status.textContent = root.dataset.unavailable || "";
        root.dataset.state = "error";
        return;
      }
      if (mine !== generation) return;
      const typed = await queryTerms(input.value, rules, lexiconShard);
      if (mine !== generation) return;
      terms = typed;
      const filters = currentFilters();
      const hasFilters = Object.keys(filters).length > 0;
      if (!terms.length && !hasFilters) {
        list.replaceChildren();
        more.hidden = true;
        status.textContent = "";
        root.dataset.state = "idle";
        return;
      }
      open();
      root.dataset.state = "loading";
      status.textContent = t("loading");
      const query = terms.length
        ? terms.map((t) => pagefindTerm(t, rules.clitics)).join(" ") : null;
      const sort = currentSort();
      // articles, and (for a plain search) the entity pages whose names match, which are
      // offered first: "Lavrov" leads to Sergey Lavrov's page
      const plain = query && !hasFilters && !Object.keys(sort).length;
      const [found, named] = await Promise.all([
        search(query, filters, sort),
        plain ? findEntities(terms) : [],
      ]);
      if (mine !== generation || !found) return;
      results = found;
      entities = named;
      shown = 0;
      list.replaceChildren();
      await showMore(mine);
    }

    /**
     * The results of a search as a list (plainList, dateList): by date across the parts
     * when the search is sorted and other parts are merged, else as Pagefind orders them.
     */
    async function search(query, filters, sort) {
      const key = Object.keys(sort)[0];
      if (!parts || !key) {
        const found = await pagefind.search(query, { filters, sort });
        if (!found || key || !query || terms.length < 2) return found && plainList(found.results);
        // the articles holding every word first, then those holding some of them (the
        // index chunks of each word are loaded already)
        const each = await Promise.all(terms.map((t) =>
          pagefind.search(pagefindTerm(t, rules.clitics), { filters })));
        if (!each.every(Boolean)) return plainList(found.results);
        return plainList(rankByWords(found.results, each.map((f) => f.results)));
      }
      const found = await Promise.all(parts.map((part) =>
        pagefind.search(query, { filters: { ...filters, [PART]: part }, sort })));
      return found.every(Boolean) && dateList(found.map((f) => f.results), sort[key]);
    }

    async function showMore(mine) {
      const data = await results.take(PAGE);
      if (mine !== generation) return;
      if (shown === 0) for (const e of entities) list.appendChild(renderEntity(e));
      for (const d of data) list.appendChild(render(d));
      shown += data.length;
      more.hidden = shown >= results.total;
      status.textContent = t("results", results.total);
      if (mine === generation) {
        root.dataset.query = input.value; // what the browser tests wait for
        root.dataset.state = "done";
      }
    }

    /**
     * People, places and organisations whose names hold every term (as a word prefix),
     * from the shard of the longest term (a missing shard means no such name).
     */
    async function findEntities(words) {
      const anchor = words.reduce((a, b) => (b.length > a.length ? b : a), "");
      if (!entitiesUrl || [...anchor].length < 3) return [];
      const key = shardKey(anchor);
      if (!shards.has(key)) {
        shards.set(key, fetch(`${entitiesUrl}${lang}/${key}.json`)
          .then((r) => (r.ok ? r.json() : {})).catch(() => ({})));
      }
      const found = [];
      // a shard holds its entities by the folder of their pages: {folder: [entity, ...]}
      for (const [folder, entries] of Object.entries(await shards.get(key) || {})) {
        if (!Array.isArray(entries)) continue;
        for (const [title, slug, kind, count, forms] of entries) {
          const own = forms.split(" ");
          if (!words.every((w) => own.some((f) => f.startsWith(w)))) continue;
          const exact = words.filter((w) => own.includes(w)).length;
          found.push({ title, url: `${folder}${slug}/`, kind, count, exact });
        }
      }
      found.sort((a, b) => b.exact - a.exact || b.count - a.count
        || a.title.length - b.title.length || (a.title < b.title ? -1 : 1));
      return found.slice(0, ENTITIES);
    }

    function renderEntity(e) {
      const li = document.createElement("li");
      li.className = "na-search__result";
      li.dataset.kind = e.kind;
      const a = document.createElement("a");
      a.href = new URL(e.url, siteRoot).pathname;
      a.className = "na-search__link";
      const title = document.createElement("span");
      title.className = "na-search__title";
      title.dir = "auto";
      title.textContent = e.title;
      const meta = document.createElement("span");
      meta.className = "na-search__meta";
      const badge = document.createElement("span");
      badge.className = "na-search__badge";
      badge.textContent = t(e.kind);
      meta.append(badge, ` ${t("articles", e.count)}`);
      a.append(title, meta);
      li.appendChild(a);
      return li;
    }

    function render(d) {
      const li = document.createElement("li");
      li.className = "na-search__result";
      li.dataset.kind = "article";
      const a = document.createElement("a");
      a.href = d.url;
      a.className = "na-search__link";
      const title = document.createElement("span");
      title.className = "na-search__title";
      title.dir = "auto";
      title.textContent = (d.meta && d.meta.title) || d.url;
      const meta = document.createElement("span");
      meta.className = "na-search__meta";
      if (d.meta && d.meta.date) {
        const time = document.createElement("time");
        time.dateTime = d.meta.date;
        time.textContent = formatDate(d.meta.date);
        meta.appendChild(time);
      } else {
        meta.textContent = t("undated");
      }
      const p = document.createElement("span");
      p.className = "na-search__snippet";
      p.dir = "auto";
      for (const piece of snippet(d, terms, rules, SNIPPET)) {
        if (piece.mark) {
          const m = document.createElement("mark");
          m.textContent = piece.text;
          p.appendChild(m);
        } else {
          p.appendChild(document.createTextNode(piece.text));
        }
      }
      a.append(title, meta, p);
      li.appendChild(a);
      return li;
    }

    function formatDate(iso) {
      const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(iso);
      if (!m) return iso;
      const date = new Date(Date.UTC(+m[1], +m[2] - 1, m[3] ? +m[3] : 1));
      if (m[3]) return dateFormat.format(date);
      return new Intl.DateTimeFormat(lang === "ar" ? "ar-u-nu-latn" : "en-GB", {
        month: "long", year: "numeric", timeZone: "UTC",
      }).format(date);
    }

    async function loadFilters() {
      if (filtersLoaded) return;
      filtersLoaded = true;
      await load();
      const all = await pagefind.filters();
      const years = Object.keys(all.year || {}).sort().reverse();
      for (const y of years) yearSelect.appendChild(new Option(y, y));
      for (const el of entityInputs) {
        const values = Object.entries(all[el.dataset.filter] || {})
          .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
        const datalist = document.getElementById(el.getAttribute("list"));
        for (const [value] of values) datalist.appendChild(new Option(value));
      }
    }

    input.addEventListener("focus", () => {
      load().catch(() => {});
      open(); // filters and sort are there (once the rules are) before anything is typed
    });
    input.addEventListener("input", run);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const first = list.querySelector("a");
      if (first) first.click();
      else run();
    });
    toggle.addEventListener("click", () => {
      if (root.classList.contains("na-search--active")) {
        root.classList.remove("na-search--active");
        close();
      } else {
        root.classList.add("na-search--active");
        input.focus();
      }
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && root.contains(document.activeElement)) {
        close();
        root.classList.remove("na-search--active");
        input.blur();
      } else if (event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey) {
        const el = document.activeElement;
        const typing = el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
        if (!typing) {
          event.preventDefault();
          root.classList.add("na-search--active");
          input.focus();
        }
      }
    });
    // /?q=words (the 404 page's form, shared links) opens the search with those words
    const asked = new URLSearchParams(location.search).get("q");
    if (asked) {
      input.value = asked;
      root.classList.add("na-search--active");
      run();
    }
    document.addEventListener("click", (event) => {
      if (!root.contains(event.target)) {
        close();
        root.classList.remove("na-search--active");
      }
    });
  }

  function start() {
    for (const root of document.querySelectorAll("[data-na-search]")) setup(root);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
