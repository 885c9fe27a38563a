// Search as you type, from the Pagefind index the build writes to _pagefind/ (html/search.py).
// The sidebar box is a WAI-ARIA combobox: results appear in a listbox under it while typing;
// arrows move, Enter opens, Esc closes; "/" or Ctrl/Cmd+K opens it from anywhere, also on a
// phone, where it sits in furo's navigation drawer. search.html?q= is the full results page.
// A classic script, not a module: a page opened from disk runs it and can say why search
// cannot work there (Chromium loads no module from file://).
"use strict";
(() => {
  const ROOT = new URL(document.documentElement.dataset.content_root || "./", document.baseURI);
  const SEARCH_PAGE = new URL("search.html", ROOT);
  const SHOWN = 8; // results under the box
  const PAGE_SIZE = 30; // results on the full page
  const CHECKED = 20; // results read to prove an identifier is there
  // One or two characters match most pages of a large site ("i" is in "in" and "is"): the
  // slowest searches, while the reader is most likely still typing. Such a query waits for a
  // pause in the typing first, so that it does not hold up the longer query coming after it.
  const SHORT = 2;
  const SHORT_PAUSE = 200; // ms
  // CXSL2300740, 2300740: Pagefind answers an absent one with every page that shares its
  // letters (its prefix fallback, Pagefind #599), so such results are kept only when they hold it.
  const IDENTIFIER = /^[\p{L}]*\d{4,}$/u;
  // The words the box says, in the page's language: html/search.py writes them for each build
  // through the extension's message catalog; English when a page has none.
  const WORDS = {
    results: "Search results",
    all: "All results for “{query}”",
    none: "Nothing found for “{query}”.",
    one: "1 page found for “{query}”.",
    many: "{count} pages found for “{query}”.",
    kind: "{kind} ({count})",
    offline:
      "Search needs the site to be served: run `make serve` and open http://127.0.0.1:8000/ " +
      "(a page opened straight from disk cannot load the search index).",
    hiddenNote: "Pages of the {parts} are left out of the results unless you tick it above.",
    ...(window.KB_SEARCH_WORDS || {}),
  };
  // The parts of the site the results page filters by, each named by its title (html/search.py)
  const KIND_TITLES = JSON.parse(document.querySelector(".kb-search-kinds")?.dataset.kinds || "{}");
  // Parts left out unless the reader ticks them: the maintainers' handbook (core/parts.py)
  const HIDDEN = WORDS.hidden || [];
  const DEFAULT_FILTERS = HIDDEN.length ? { kind: { none: HIDDEN } } : {};
  const kindName = (kind) => KIND_TITLES[kind] || kind;
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, name) => values[name]);
  const LABELS = {
    results: WORDS.results,
    all: (query) => fill(WORDS.all, { query }),
    none: (query) => fill(WORDS.none, { query }),
    count: (count, query) => fill(count === 1 ? WORDS.one : WORDS.many, { count, query }),
    offline: WORDS.offline,
  };

  // A large site's index comes in parts (html/search_index.py): the first is _pagefind/, the
  // others are listed beside it, and Pagefind searches them all and merges what they find.
  const BUNDLE = new URL("_pagefind/", ROOT);
  const PAGEFIND_OPTIONS = { excerptLength: 24, highlightParam: "highlight" };
  let engine;
  function loadEngine() {
    engine ??= Promise.all([
      import(new URL("pagefind.js", BUNDLE).href),
      fetch(new URL("kb-index-parts.json", BUNDLE)).then((response) => (response.ok ? response.json() : [])),
    ]).then(async ([pagefind, parts]) => {
      await pagefind.options(PAGEFIND_OPTIONS);
      await pagefind.init();
      await Promise.all(parts.map((part) => pagefind.mergeIndex(new URL(part, BUNDLE).href, PAGEFIND_OPTIONS)));
      return pagefind;
    });
    return engine;
  }

  const normalise = (text) => text.toLowerCase().replace(/[\u2010-\u2015]/g, "-").trim();

  function holds(content, word) {
    const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}`, "u").test(normalise(content));
  }

  // The section that matched best: the sub-result whose matched words weigh most.
  function bestSection(data) {
    let best = null;
    let bestScore = -1;
    for (const section of data.sub_results || []) {
      const score = (section.weighted_locations || []).reduce(
        (sum, place) => sum + place.weight * (place.balanced_score || 1),
        0,
      );
      if (score > bestScore) [best, bestScore] = [section, score];
    }
    return best;
  }

  // Results for `query`: Pagefind's order, with pages whose title holds the query first. Each
  // result read is one request the first time, so the box reads only the `read` it can show;
  // when the query holds an identifier, CHECKED at least, to prove it is there. A search whose
  // query has been replaced (`current()` false) stops before reading any and answers null.
  async function find(query, { limit, read = Math.max(limit, CHECKED), filters = {}, current = () => true }) {
    const pagefind = await loadEngine();
    const search = await pagefind.search(query, { filters });
    if (!current()) return null;
    const identifiers = query.split(/\s+/).filter((word) => IDENTIFIER.test(word));
    const count = identifiers.length ? Math.max(read, CHECKED) : read;
    let found = await Promise.all(search.results.slice(0, count).map((result) => result.data()));
    let total = search.results.length;
    if (identifiers.length) {
      found = found.filter((data) => identifiers.every((word) => holds(data.content, normalise(word))));
      total = found.length;
    }
    // as Sphinx's own search did: a page titled with the query, a page whose title holds it,
    // the page that defines it as a glossary term, pages with it as an index entry, the rest
    const wanted = normalise(query);
    const tier = (data) => {
      const title = normalise(data.meta.title || "");
      if (title === wanted) return 0;
      if (title.includes(wanted)) return 1;
      const listed = (field) => normalise(data.meta[field] || "").split("|").includes(wanted);
      return listed("terms") ? 2 : listed("entries") ? 3 : 4;
    };
    found = found.map((data, rank) => [tier(data), rank, data]);
    found = found.sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, , data]) => data);
    return { total, results: found.slice(0, limit) };
  }

  function element(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  }

  function excerpt(html) {
    const node = element("span", { class: "kb-search-excerpt" });
    node.innerHTML = html; // Pagefind's excerpt: escaped text with <mark> around matched words
    return node;
  }

  class SearchBox {
    constructor(input) {
      this.input = input;
      this.list = element("ul", {
        id: "kb-search-listbox",
        role: "listbox",
        class: "kb-search-listbox",
        "aria-label": LABELS.results,
      });
      this.list.hidden = true;
      this.status = element("p", { class: "kb-search-status", role: "status" });
      input.form.append(this.list, this.status);
      input.form.classList.add("kb-search-form");
      for (const [name, value] of Object.entries({
        role: "combobox",
        "aria-autocomplete": "list",
        "aria-expanded": "false",
        "aria-controls": this.list.id,
        autocomplete: "off",
      }))
        input.setAttribute(name, value);
      this.asked = 0; // keystrokes so far; a search's answer is shown only if none came since
      this.running = Promise.resolve(); // the search under way
      input.addEventListener("input", () => this.update());
      input.addEventListener("focus", () => loadEngine().catch(() => {}), { once: true });
      input.addEventListener("keydown", (event) => this.onKey(event));
      input.form.addEventListener("focusout", (event) => {
        if (!input.form.contains(event.relatedTarget)) this.close();
      });
      this.list.addEventListener("mousedown", (event) => event.preventDefault());
      this.list.addEventListener("click", (event) => {
        const option = event.target.closest("[role=option]");
        if (option) window.location.href = option.dataset.href;
      });
    }

    get options() {
      return [...this.list.querySelectorAll("[role=option]")];
    }

    // One search at a time. Keystrokes while it runs wait for it, and only the latest of them
    // then searches: at 10,000 pages a search per keystroke queued up behind the others, each
    // reading its results, and the list lagged far behind the typing. A search overtaken by a
    // keystroke stops before reading its results. (Pagefind's own debouncedSearch would wait a
    // fixed 300 ms before every search, also the last.)
    async update() {
      const query = this.input.value.trim();
      const asked = ++this.asked;
      if (!query) return this.close();
      if ([...query].length <= SHORT) await new Promise((resolve) => setTimeout(resolve, SHORT_PAUSE));
      if (asked !== this.asked) return;
      await this.running;
      const current = () => asked === this.asked;
      if (!current()) return;
      // a failure is reported, and the next keystroke searches all the same
      this.running = this.answer(query, current).catch((error) => console.error(error));
    }

    async answer(query, current) {
      let answer;
      try {
        answer = await find(query, { limit: SHOWN, read: SHOWN, filters: DEFAULT_FILTERS, current });
      } catch {
        this.close();
        return this.say(LABELS.offline); // stays: the reader needs to know why nothing comes
      }
      if (answer && current()) this.show(query, answer);
    }

    show(query, { total, results }) {
      const options = results.map((data, index) => {
        const section = bestSection(data);
        const title = data.meta.title || data.url;
        const inSection = section && section.title && section.title !== title;
        const label = element("span", { class: "kb-search-title" }, title);
        if (inSection) label.append(element("span", { class: "kb-search-section" }, ` › ${section.title}`));
        return element(
          "li",
          { role: "option", id: `kb-search-option-${index}`, "data-href": inSection ? section.url : data.url },
          label,
          excerpt(inSection ? section.excerpt : data.excerpt),
        );
      });
      const all = new URL(SEARCH_PAGE);
      all.searchParams.set("q", query);
      options.push(
        element(
          "li",
          { role: "option", id: "kb-search-option-all", class: "kb-search-all", "data-href": all.href },
          LABELS.all(query),
        ),
      );
      this.list.replaceChildren(...options);
      this.list.hidden = false;
      this.input.setAttribute("aria-expanded", "true");
      this.input.removeAttribute("aria-activedescendant");
      this.say(total ? LABELS.count(total, query) : LABELS.none(query));
    }

    say(text) {
      this.status.textContent = text;
      this.status.hidden = !text;
    }

    close() {
      this.asked++; // a search still under way must not open the list again
      this.list.hidden = true;
      this.input.setAttribute("aria-expanded", "false");
      this.input.removeAttribute("aria-activedescendant");
      this.say("");
    }

    move(step) {
      const options = this.options;
      if (this.list.hidden || !options.length) return;
      const current = options.findIndex((option) => option.getAttribute("aria-selected") === "true");
      const next = (current + step + options.length + (current < 0 && step < 0 ? 1 : 0)) % options.length;
      options.forEach((option, index) => option.setAttribute("aria-selected", String(index === next)));
      this.input.setAttribute("aria-activedescendant", options[next].id);
      options[next].scrollIntoView({ block: "nearest" });
    }

    onKey(event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (this.list.hidden && this.input.value.trim()) this.update();
        else this.move(event.key === "ArrowDown" ? 1 : -1);
      } else if (event.key === "Enter") {
        const active = this.list.querySelector("[aria-selected=true]");
        if (active && !this.list.hidden) {
          event.preventDefault();
          window.location.href = active.dataset.href;
        }
      } else if (event.key === "Escape") {
        if (!this.list.hidden) {
          event.preventDefault();
          this.close();
        } else this.input.blur();
      }
    }

    // "/" and Ctrl/Cmd+K: on a phone the box is in furo's closed drawer, which opens first.
    open() {
      const drawer = document.getElementById("__navigation");
      if (drawer && this.input.getBoundingClientRect().right <= 0) drawer.checked = true;
      this.input.focus();
      this.input.select();
    }
  }

  function typingIn(target) {
    return target.closest?.("input, textarea, select, [contenteditable=true]");
  }

  function listenForShortcuts(box) {
    document.addEventListener(
      "keydown",
      (event) => {
        const slash = event.key === "/" && !event.ctrlKey && !event.metaKey && !typingIn(event.target);
        const k = event.key.toLowerCase() === "k" && (event.ctrlKey || event.metaKey) && !event.altKey;
        if (!slash && !k) return;
        event.preventDefault();
        event.stopImmediatePropagation(); // Sphinx's own "/" would focus the hidden box
        box.open();
      },
      true,
    );
  }

  // The full results page: search.html?q=…&kind=…
  async function resultsPage(container, form) {
    const params = new URLSearchParams(window.location.search);
    const query = (params.get("q") || "").trim();
    const kinds = params.getAll("kind");
    form.elements.q.value = query;
    let pagefind;
    try {
      pagefind = await loadEngine();
    } catch {
      container.replaceChildren(element("p", { class: "search-summary" }, LABELS.offline));
      return;
    }
    showKinds(form, await pagefind.filters(), kinds);
    if (!query) return;
    const filters = kinds.length ? { kind: { any: kinds } } : DEFAULT_FILTERS;
    const { total, results } = await find(query, { limit: PAGE_SIZE, filters });
    const items = results.map((data) => {
      const item = element("li", {}, element("a", { href: data.url }, data.meta.title || data.url));
      const kind = (data.filters?.kind || [])[0];
      if (kind) item.append(" ", element("span", { class: "kb-search-kind" }, kindName(kind)));
      item.append(element("p", { class: "context" }, excerpt(data.excerpt)));
      const sections = (data.sub_results || []).filter((section) => section.url.includes("#"));
      if (sections.length) {
        const list = element("ul", { class: "kb-search-sections" });
        for (const section of sections.slice(0, 3))
          list.append(element("li", {}, element("a", { href: section.url }, section.title), " ", excerpt(section.excerpt)));
        item.append(list);
      }
      return item;
    });
    container.replaceChildren(
      element("p", { class: "search-summary" }, total ? LABELS.count(total, query) : LABELS.none(query)),
      element("ul", { class: "search" }, ...items),
    );
  }

  function showKinds(form, filters, chosen) {
    const fieldset = form.querySelector(".kb-search-kinds");
    const counts = filters.kind || {};
    for (const kind of Object.keys(counts).sort()) {
      const box = element("input", { type: "checkbox", name: "kind", value: kind, id: `kb-kind-${kind}` });
      box.checked = chosen.includes(kind);
      box.addEventListener("change", () => form.requestSubmit());
      fieldset.append(element("span", {}, box, element("label", { for: box.id }, fill(WORDS.kind, { kind: kindName(kind), count: counts[kind] }))));
    }
    fieldset.hidden = !Object.keys(counts).length;
    const hidden = HIDDEN.filter((kind) => counts[kind] && !chosen.length);
    if (hidden.length) {
      const parts = hidden.map((kind) => kindName(kind)).join(", ");
      fieldset.after(element("p", { class: "kb-search-hidden" }, fill(WORDS.hiddenNote, { parts })));
    }
  }

  const sidebarBox = document.querySelector("input.sidebar-search");
  if (sidebarBox?.form) listenForShortcuts(new SearchBox(sidebarBox));
  const results = document.getElementById("search-results");
  const pageForm = document.querySelector("form.kb-search-page");
  if (results && pageForm) resultsPage(results, pageForm);
})();
