// Search as you type, from the Pagefind index the build writes to _pagefind/ (html/search.py).
// The sidebar box is a WAI-ARIA combobox: results appear in a listbox under it while typing;
// arrows move, Enter opens, Esc closes; "/" or Ctrl/Cmd+K opens it from anywhere, also on a
// phone, where it sits in furo's navigation drawer. search.html?q= is the full results page.
//
// What the reader sees is the page's own words: every excerpt and highlight is built here from
// the page's text, read back from what the index holds (html/search_hidden.py): Chinese written
// as the codes of its bigrams, and hidden spans with other names of the page's terms (variants,
// synonyms, the other language's glossary terms) and its index entries, which are searched but
// never shown. A result counts only if it really holds every word of the query.
//
// A classic script, not a module: a page opened from disk runs it and can say why search
// cannot work there (Chromium loads no module from file://).
"use strict";
(() => {
  const ROOT = new URL(document.documentElement.dataset.content_root || "./", document.baseURI);
  const SEARCH_PAGE = new URL("search.html", ROOT);
  const SHOWN = 8; // results under the box
  const PAGE_SIZE = 30; // results on the full page
  const COUNTED = 60; // results the full page reads to count each part of the site exactly
  // One or two characters match most pages of a large site ("i" is in "in" and "is"): the
  // slowest searches, while the reader is most likely still typing. Such a query waits for a
  // pause in the typing first, so that it does not hold up the longer query coming after it.
  // So does a word of one to three letters typed after others ("regional draft no"): Pagefind
  // matches it as the start of every word it begins, and at 10,000 pages "regional draft not"
  // held up "regional draft notes" by 600 ms. A query of one such word (IND) is searched at once.
  // Two Chinese characters are not short: they are asked for as one whole code (see bigrams),
  // and are often a word of their own (日历), which the pause would only delay.
  const SHORT = 2;
  const SHORT_PAUSE = 200; // ms
  const SHORT_LAST_WORD = /\S\s+[a-z]{1,3}$/i;
  const isShort = (query) => {
    const length = [...query].length;
    return (length <= SHORT && !(length === 2 && IS_CJK.test(query))) || SHORT_LAST_WORD.test(query);
  };
  // The words the box says, in the page's language, and what the site is made of (the parts
  // left out unless asked for, where the glossary is): html/search.py writes them for each
  // build; English and nothing left out when a page has none.
  const WORDS = {
    results: "Search results",
    all: "All results for “{query}”",
    none: "Nothing found for “{query}”.",
    one: "1 page found for “{query}”.",
    many: "{count} pages found for “{query}”.",
    about: "About {count} pages found for “{query}”.",
    instead: "Nothing found for “{query}”. Showing what was found for “{instead}”.",
    glossary: "Look it up in the glossary",
    index: "Browse the index",
    other: "Search for “{query}” in {language}",
    try: "Try other words, or:",
    hiddenNote: "Pages of the {parts} are left out of the results unless you tick it above.",
    kind: "{kind} ({count})",
    offline:
      "Search needs the site to be served: run `make serve` and open http://127.0.0.1:8000/ " +
      "(a page opened straight from disk cannot load the search index).",
    hidden: [],
    places: {},
    ...(window.KB_SEARCH_WORDS || {}),
  };
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "");
  const HIDDEN = WORDS.hidden || [];
  // What a reader's search leaves out unless asked: the maintainers' pages, by a filter only
  // they carry, `hidden` (html/search_copy.py): its file lists those few pages, where `kind`'s
  // lists every page (21 kB at 10,000 pages).
  const READERS_FILTERS = HIDDEN.length ? { hidden: { none: HIDDEN } } : {};

  // ---- The engine ----

  // A large site's index comes in parts (html/search_index.py): the first is _pagefind/, the
  // others are listed beside it, and Pagefind searches them all and merges what they find.
  // After an edit, the pages a build wrote are in a part of their own; their records in their
  // own part are listed as stale, and the engine leaves them out of every answer.
  const BUNDLE = new URL("_pagefind/", ROOT);
  const PAGEFIND_OPTIONS = { excerptLength: 0, baseUrl: ROOT.pathname };
  let engine;
  function loadEngine() {
    engine ??= Promise.all([
      import(new URL("pagefind.js", BUNDLE).href),
      fetch(new URL("kb-index-parts.json", BUNDLE)).then((response) => (response.ok ? response.json() : {})),
    ]).then(async ([pagefind, { parts = [], stale = [] }]) => {
      await pagefind.options(PAGEFIND_OPTIONS);
      await pagefind.init();
      await Promise.all(parts.map((part) => pagefind.mergeIndex(new URL(part, BUNDLE).href, PAGEFIND_OPTIONS)));
      // A page's first search loads the filter and readies every part, which took 250-350 ms at
      // 10,000 pages, after the reader's last keystroke when the query is short (维普素). A search
      // of every page readers see does it while they type; the filter is loaded either way.
      if (HIDDEN.length) pagefind.search(null, { filters: READERS_FILTERS }).catch(() => {});
      return withoutStale(pagefind, new Set(stale));
    });
    return engine;
  }

  // Pagefind without the stale records.
  function withoutStale(pagefind, stale) {
    return {
      search: async (asked, options) => {
        const search = await pagefind.search(asked, options);
        return { ...search, results: search.results.filter((result) => !stale.has(result.id)) };
      },
      filters: () => pagefind.filters(),
    };
  }

  // ---- What the index holds beside the page's own words (html/search_hidden.py) ----

  const ALIAS = "\ue000";
  const CLOSE = "\ue001";
  const CJK = "\ue004";
  const JOINED = "\ue010";
  const CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  const CJK_SPLIT = new RegExp(`([${CJK_CLASS}]+)`, "u");
  const IS_CJK = new RegExp(`^[${CJK_CLASS}]+$`, "u");
  const WIDE = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u;
  // What Pagefind drops from a query word (its own rule), and what is left of a word to compare
  const PUNCTUATION = /[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]/gu;
  const core = (word) => word.toLowerCase().normalize("NFKC").replace(/[^\p{L}\p{N}]/gu, "");

  const charCode = (char) => {
    const number = char.normalize("NFKC").codePointAt(0) - 0x3400;
    return number >= 0 && number < 46656 ? number.toString(36).padStart(3, "0") : "000";
  };
  const codeChar = (code) => String.fromCodePoint(parseInt(code, 36) + 0x3400);
  const CODE = /^zq([0-9a-z]{3})(?:[0-9a-z]{3})?0$/;
  const readCodes = (codes) => codes.map((code) => CODE.exec(code)).filter(Boolean).map((m) => codeChar(m[1])).join("");

  // 单克隆抗体 is indexed as the codes of 单克 克隆 隆抗 抗体 (and 体 alone). A query asks for the
  // codes of bigrams that cover it, without overlap, at most four (each code costs a chunk of
  // the index per part): pages holding them all are then checked for the whole run (holdsAll).
  // A single character is the prefix of the codes of every bigram it starts.
  const MOST_CODES = 4;
  function bigrams(run) {
    const codes = [...run].map(charCode);
    if (codes.length === 1) return [`zq${codes[0]}`];
    const starts = [];
    for (let i = 0; i + 1 < codes.length; i += 2) starts.push(i);
    if (codes.length % 2) starts.push(codes.length - 2);
    const spread =
      starts.length <= MOST_CODES
        ? starts
        : [...new Set(Array.from({ length: MOST_CODES }, (_, k) => starts[Math.round((k * (starts.length - 1)) / (MOST_CODES - 1))]))];
    return spread.map((i) => `zq${codes[i]}${codes[i + 1]}0`);
  }

  // The query as Pagefind is asked it, and the words every result must really hold: Chinese
  // runs, and Latin words (an acronym typed in capitals, "IND", is not the start of "index").
  function parseQuery(query) {
    const terms = [];
    const asked = [];
    for (const piece of query.normalize("NFKC").split(CJK_SPLIT)) {
      if (IS_CJK.test(piece)) {
        terms.push({ cjk: piece });
        asked.push(...bigrams(piece));
        continue;
      }
      for (const word of piece.split(/\s+/)) {
        const latin = word.toLowerCase().replace(PUNCTUATION, "");
        if (!latin) continue;
        const letters = word.replace(/[^\p{L}\p{N}]/gu, "");
        const acronym = /^(?=.*\p{Lu}.*\p{Lu})[\p{Lu}\p{N}]+$/u.test(letters) ? letters : null;
        terms.push({ latin, acronym });
        asked.push(latin);
      }
    }
    return { asked: asked.join(" "), terms };
  }

  // The page's own text out of Pagefind's content: hidden spans taken out, Chinese read back
  // from its codes, the runs they split joined again; and for each word of the content (which
  // Pagefind's locations count), where it stands in that text, or which hidden word it is.
  function decode(content) {
    const words = content.split(/\s+/);
    let text = "";
    let gap = null; // what stood between the text so far and the next word: " " or ""
    const at = new Array(words.length);
    const spans = [];
    let span = null;
    const separator = () => (text ? (gap ?? " ") : "");
    words.forEach((word, index) => {
      if (span) {
        if (word[0] !== CLOSE) {
          at[index] = { span, k: span.words.length };
          span.words.push(word);
          return;
        }
        if (span.kind === CJK) {
          text += span.joined ? "" : separator();
          span.words.forEach((code, k) => {
            const place = span.first + k;
            at[place] = { start: text.length, end: text.length + (code.length > 6 ? 2 : 1) };
            text += readCodes([code]);
          });
          gap = word[1] === JOINED ? "" : " ";
        }
        span = null;
        return;
      }
      if (word[0] === ALIAS) {
        const length = (word.charCodeAt(2) - 0xe100) * 256 + (word.charCodeAt(3) - 0xe100);
        span = { kind: ALIAS, at: text.length, length, words: [] };
        spans.push(span);
        gap = word[1] === JOINED ? "" : " ";
      } else if (word[0] === CJK) {
        span = { kind: CJK, joined: word[1] === JOINED, first: index + 1, words: [] };
      } else if (word) {
        text += separator();
        gap = null;
        at[index] = { start: text.length, end: text.length + word.length };
        text += word;
      }
    });
    for (const s of spans) s.cjk = readCodes(s.words);
    // a bigram's place covers its two characters; the last of a run only itself
    for (const place of at) if (place && place.end > text.length) place.end = text.length;
    return { text, at, spans };
  }

  // A word the result matched really is the word asked for (or starts with it, as the reader
  // types), not the last resort of Pagefind's search, which answers a word it does not know
  // with the longest known word it starts with ("holiday" finds "H", Pagefind #599): up to
  // three letters may differ at the end, as stemming takes off ("studies", "study").
  function really(term, word, acronym = null) {
    if (acronym) {
      const parts = [word.replace(/[^\p{L}\p{N}]/gu, ""), ...word.split(/[^\p{L}\p{N}]+/u)];
      return parts.some((p) => p === acronym || p === `${acronym}s` || p === `${acronym}es`);
    }
    // the word whole ("PD-L1" is "pdl1"), and each of its parts ("non-rodent" holds "rodent")
    const parts = word.toLowerCase().normalize("NFKC").split(/[^\p{L}\p{N}]+/u);
    return [core(word), ...parts].some((w) => {
      if (!w) return false;
      if (w.startsWith(term)) return true;
      let common = 0;
      while (common < term.length && term[common] === w[common]) common++;
      return common >= Math.max(3, term.length - 3);
    });
  }

  const aliasHolds = (page, cjk) => page.spans.some((s) => s.kind === ALIAS && s.cjk.includes(cjk));

  // Whether the page holds every word of the query (its own word, or another name for it).
  function holdsAll(page, locations, terms) {
    return terms.every((term) => {
      if (term.cjk) return page.text.includes(term.cjk) || aliasHolds(page, term.cjk);
      return locations.some((location) => {
        const place = page.at[location];
        if (!place || (place.span && place.span.kind !== ALIAS)) return false;
        const word = place.span ? place.span.words[place.k] : page.text.slice(place.start, place.end);
        return really(term.latin, word, term.acronym);
      });
    });
  }

  // The ranges of the page's own text that match the query, to highlight: a hidden word's
  // match marks the page's words it stands after ("tumors" marks "tumours").
  function matches(page, locations, terms) {
    const ranges = [];
    const latin = terms.filter((t) => t.latin);
    for (const location of locations) {
      const place = page.at[location];
      if (!place) continue;
      if (place.span) {
        const { span } = place;
        if (span.kind === ALIAS && span.length && latin.some((t) => really(t.latin, span.words[place.k], t.acronym)))
          ranges.push([span.at - span.length, span.at]);
      } else if (latin.some((t) => really(t.latin, page.text.slice(place.start, place.end), t.acronym))) {
        let { start, end } = place;
        while (start < end && /[^\p{L}\p{N}]/u.test(page.text[start])) start++;
        while (end > start && /[^\p{L}\p{N}]/u.test(page.text[end - 1])) end--;
        ranges.push([start, end]);
      }
    }
    for (const { cjk } of terms.filter((t) => t.cjk)) {
      for (let i = page.text.indexOf(cjk); i >= 0; i = page.text.indexOf(cjk, i + 1)) ranges.push([i, i + cjk.length]);
      for (const span of page.spans)
        if (span.kind === ALIAS && span.length && span.cjk.includes(cjk)) ranges.push([span.at - span.length, span.at]);
    }
    return ranges.filter(([a, b]) => b > a).sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  }

  const escapeHtml = (text) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  const width = (char) => (WIDE.test(char) ? 2 : 1);
  const EXCERPT_WIDTH = 160; // about 26 English words or 80 Chinese characters

  // An excerpt of the page's own text, between `from` and `to`, around its densest matches,
  // cut at word boundaries (anywhere in Chinese), HTML-escaped, the matches marked.
  function excerptOf(text, ranges, from = 0, to = text.length) {
    const inside = ranges.filter(([a, b]) => a >= from && b <= to);
    let centre = from;
    if (inside.length) {
      let best = -1;
      for (const [a] of inside) {
        const near = inside.filter(([b]) => b >= a && b - a < EXCERPT_WIDTH / 2).length;
        if (near > best) [best, centre] = [near, a];
      }
    }
    let start = centre;
    let end = centre;
    let room = EXCERPT_WIDTH;
    const before = inside.length ? Math.round(EXCERPT_WIDTH / 4) : 0;
    while (start > from && EXCERPT_WIDTH - room < before) room -= width(text[--start]);
    while (end < to && room > 0) room -= width(text[end++]);
    // whole words: not from the middle of a Latin word (also where a section's excerpt is cut
    // from the text before it), not to the middle of one
    while (start > 0 && /[\p{L}\p{N}’']/u.test(text[start - 1]) && !WIDE.test(text[start]) && start < centre) start++;
    while (start < centre && /\s/u.test(text[start])) start++;
    while (end < to && /[\p{L}\p{N}]/u.test(text[end]) && !WIDE.test(text[end - 1]) && end > centre) end--;
    let html = "";
    let position = start;
    for (const [a, b] of inside) {
      const s = Math.max(a, position);
      const e = Math.min(b, end);
      if (e <= s) continue;
      html += `${escapeHtml(text.slice(position, s))}<mark>${escapeHtml(text.slice(s, e))}</mark>`;
      position = e;
    }
    html += escapeHtml(text.slice(position, end));
    return { html: (start > 0 ? "… " : "") + html.trim() + (end < text.length ? " …" : ""), start, end };
  }

  // Whether two excerpts show much the same text (half of the shorter or more): one is enough.
  const repeats = (a, b) => Math.min(a.end, b.end) - Math.max(a.start, b.start) >= Math.min(a.end - a.start, b.end - b.start) / 2;

  const cleanTitle = (title) => decode(title || "").text.replace(/[\s.]+$/, "");
  const TERM_PARTS = /[\s（）(),，、；;]+/u;

  // The glossary entry a result is about: the term (<dt>) that is the query or holds all of
  // it, with the fewest other words.
  function termAnchor(data, terms) {
    let best = null;
    let bestExtra = Infinity;
    for (const anchor of (data.anchors || []).filter((a) => a.element === "dt" && a.id)) {
      const decoded = decode(anchor.text || "");
      const text = decoded.text.replace(/[\s.]+$/, "");
      const aliases = decoded.spans.filter((s) => s.kind === ALIAS);
      const words = [...text.split(TERM_PARTS), ...aliases.flatMap((s) => s.words)].filter(Boolean);
      const holds = terms.every((t) =>
        t.cjk ? text.includes(t.cjk) || aliases.some((s) => s.cjk.includes(t.cjk)) : words.some((w) => really(t.latin, w, t.acronym)),
      );
      const extra = text.split(TERM_PARTS).filter(Boolean).length - terms.length;
      if (holds && extra < bestExtra) [best, bestExtra] = [anchor, extra];
    }
    return best && { id: best.id, title: cleanTitle(best.text), location: best.location };
  }

  // ---- Finding ----

  // Results for `query`, each verified and shown in the page's own words: Pagefind's order,
  // with pages whose title is (or holds) the query, or that define it or list it in the index,
  // first. Each result read is one request the first time, so the box reads only what it shows.
  // Nothing found: a Chinese word with one wrong character (a homophone from a pinyin
  // keyboard) or a misspelt English word is tried as the site writes it.
  async function find(query, options) {
    const parsed = parseQuery(query);
    const answer = await findParsed(query, parsed, options);
    if (!answer || answer.total || !parsed.terms.length) return answer;
    const near = await nearQuery(query, parsed);
    if (!near || (options.current && !options.current())) return answer;
    const nearAnswer = await findParsed(near, parseQuery(near), options);
    return nearAnswer?.total ? { ...nearAnswer, instead: near } : answer;
  }

  async function findParsed(query, { asked, terms }, { read, filters = {}, current = () => true }) {
    const pagefind = await loadEngine();
    if (!terms.length) return { total: 0, exact: true, results: [], kinds: {} };
    let found = await searchAndVerify(pagefind, asked, terms, { read, filters, current });
    if (!found) return null;
    // An identifier is matched whole, but Pagefind also finds the words it begins: on a large
    // site the pages of SX120 to SX129 can fill every place read, none of them holding SX12.
    // Then the identifiers are asked for as exact words.
    const identifiers = terms.filter((t) => t.acronym);
    if (!found.verified.length && found.candidates.length < found.search.results.length && identifiers.length) {
      const exactly = asked.split(" ").map((word) => (identifiers.some((t) => t.latin === word) ? `"${word}"` : word));
      found = await searchAndVerify(pagefind, exactly.join(" "), terms, { read, filters, current });
      if (!found) return null;
    }
    const { search, candidates, verified } = found;
    // Past the results read, pages hold the query in the same share as those read: Pagefind
    // answers a word it does not know the same way on every page.
    const exact = candidates.length === search.results.length;
    const share = candidates.length ? verified.length / candidates.length : 0;
    const total = exact ? verified.length : Math.round(search.results.length * share);
    const kinds = {};
    if (exact) for (const { data } of verified) for (const kind of data.filters?.kind || []) kinds[kind] = (kinds[kind] || 0) + 1;
    else for (const [kind, count] of Object.entries(search.totalFilters?.kind || {})) kinds[kind] = Math.round(count * share);
    const ranked = verified.map((item, rank) => [tier(item, query), rank, item]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    return { total, exact, kinds, results: ranked.map(([, , { data, page }]) => shown(data, page, terms)) };
  }

  // Pagefind's first `read` results for `asked`, and those that hold every term of the query;
  // null once the reader has typed on (a stale search reads no result).
  async function searchAndVerify(pagefind, asked, terms, { read, filters, current }) {
    const search = await pagefind.search(asked, { filters });
    if (!current()) return null;
    const candidates = search.results.slice(0, read);
    const datas = await Promise.all(candidates.map((result) => result.data()));
    if (!current()) return null;
    const verified = datas
      .map((data) => ({ data, page: decode(data.content) }))
      .filter(({ data, page }) => holdsAll(page, data.locations, terms));
    return { search, candidates, verified };
  }

  // As Sphinx's own search ranked: a page titled with the query, a page whose title holds it,
  // the page that defines it as a glossary term or is its home (an asset's page, of its code
  // and identifiers), pages with it as an index entry, the rest.
  function tier({ data }, query) {
    const wanted = core(query);
    const title = core(cleanTitle(data.meta.title));
    if (title === wanted) return 0;
    if (wanted && title.includes(wanted)) return 1;
    const listed = (field) => (data.meta[field] || "").split(/[|（）()，,、]/).some((item) => core(item) === wanted);
    if (listed("terms") || listed("names")) return 2;
    if (listed("entries")) return 3;
    return 4;
  }

  // What one result shows: its title, where it leads (the glossary term's own anchor, else the
  // section that matched best), and excerpts, all in the page's own words.
  function shown(data, page, terms) {
    const ranges = matches(page, data.locations, terms);
    const title = cleanTitle(data.meta.title) || data.url;
    // the page's own words that matched, each once (sphinx_highlight.js marks each word)
    const matched = ranges.flatMap(([a, b]) => page.text.slice(a, b).split(/\s+/)).filter(Boolean);
    const highlight = [...new Set(matched)].slice(0, 6).join(" ");
    const link = (url) => {
      if (!highlight) return url;
      const [path, hash] = url.split("#");
      return `${path}?highlight=${encodeURIComponent(highlight)}${hash ? `#${hash}` : ""}`;
    };
    // where a word of the content stands in the text: a span's opening mark (a heading or a
    // glossary term starting with Chinese) stands where the first word after it does
    const startOf = (location) => {
      for (let l = location ?? 0; l < page.at.length; l++) {
        const place = page.at[l];
        if (place && !(place.span && place.span.kind !== ALIAS)) return place.start ?? place.span.at;
      }
      return 0;
    };
    const sections = (data.sub_results || [])
      .filter((section) => section.url.includes("#"))
      .map((section) => {
        const locations = section.locations || [];
        const from = locations.length ? Math.min(...locations.map(startOf)) : 0;
        const score = (section.weighted_locations || []).reduce((sum, p) => sum + p.weight * (p.balanced_score || 1), 0);
        const excerpt = excerptOf(page.text, matches(page, locations, terms), Math.max(0, from - 40));
        return { url: link(section.url), title: cleanTitle(section.title), score, excerpt };
      });
    let best = sections.reduce((a, b) => (b.score > (a?.score ?? -1) ? b : a), null);
    const term = termAnchor(data, terms);
    if (term) {
      const start = startOf(term.location);
      const end = Math.min(page.text.length, start + 480);
      best = { url: link(`${data.url.split("#")[0]}#${term.id}`), title: term.title, excerpt: excerptOf(page.text, ranges, start, end) };
    }
    const kind = (data.filters?.kind || [])[0];
    return { url: link(data.url), title, kind, excerpt: excerptOf(page.text, ranges), best, sections };
  }

  // The query with its unknown words replaced by the site's nearest ones, or null.
  async function nearQuery(query, { terms }) {
    let changed = query.normalize("NFKC");
    let any = false;
    for (const { cjk } of terms.filter((t) => t.cjk && [...t.cjk].length >= 4)) {
      const written = await nearChinese(cjk);
      if (written) [changed, any] = [changed.replace(cjk, written), true];
    }
    for (const { latin } of terms.filter((t) => t.latin && t.latin.length >= 4)) {
      const written = await nearWord(latin);
      if (!written) continue;
      changed = changed
        .split(/\s+/)
        .map((w) => (w.toLowerCase().replace(PUNCTUATION, "") === latin ? written : w))
        .join(" ");
      any = true;
    }
    return any ? changed : null;
  }

  // 单克龙抗体 → 单克隆抗体: each character in turn may be wrong; the rest must stand as written.
  async function nearChinese(run) {
    const pagefind = await loadEngine();
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) {
      const left = chars.slice(0, i).join("");
      const right = chars.slice(i + 1).join("");
      const asked = [left, right].filter(Boolean).flatMap(bigrams).join(" ");
      const search = await pagefind.search(asked, { filters: READERS_FILTERS });
      const pattern = new RegExp(`${left}[${CJK_CLASS}]${right}`, "u");
      for (const result of search.results.slice(0, 5)) {
        const page = decode((await result.data()).content);
        const seen = page.text.match(pattern) || page.spans.map((s) => s.cjk.match(pattern)).find(Boolean);
        if (seen && seen[0] !== run) return seen[0];
      }
    }
    return null;
  }

  // A misspelt word → the site's word nearest to it (one edit in five letters, two beyond),
  // from the list of the site's words beginning with its letter, fetched only now.
  const vocabularies = {};
  async function nearWord(word) {
    const letter = word[0];
    if (!/[a-z]/.test(letter)) return null;
    vocabularies[letter] ??= fetch(new URL(`kb-words/${letter}.json`, BUNDLE))
      .then((response) => (response.ok ? response.json() : {}))
      .catch(() => ({}));
    const words = await vocabularies[letter];
    if (Object.keys(words).some((known) => known.startsWith(word) || really(word, known))) return null;
    const most = word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0;
    if (!most) return null;
    let best = null;
    let bestScore = Infinity;
    for (const [known, count] of Object.entries(words)) {
      if (Math.abs(known.length - word.length) > most) continue;
      const distance = edits(word, known, most);
      const score = distance * 1e6 - count;
      if (distance <= most && score < bestScore) [best, bestScore] = [known, score];
    }
    return best;
  }

  // Damerau-Levenshtein distance (optimal string alignment), given up past `most`.
  function edits(a, b, most) {
    let previous2 = null;
    let previous = [...Array(b.length + 1).keys()];
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      for (let j = 1; j <= b.length; j++) {
        let cost = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (previous2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cost = Math.min(cost, previous2[j - 2] + 1);
        row.push(cost);
      }
      if (Math.min(...row) > most) return most + 1;
      [previous2, previous] = [previous, row];
    }
    return previous[b.length];
  }

  // ---- Saying it ----

  function element(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  }

  function excerpt({ html }, tag = "span") {
    const node = element(tag, { class: "kb-search-excerpt" });
    node.innerHTML = html; // our own: escaped page text with <mark> around the matched words
    return node;
  }

  function summary(query, { total, exact, instead }) {
    if (!total) return fill(WORDS.none, { query });
    if (instead) return fill(WORDS.instead, { query, instead });
    const template = !exact ? WORDS.about : total === 1 ? WORDS.one : WORDS.many;
    return fill(template, { count: total, query });
  }

  // Where else to look, when nothing is found: the glossary, the general index, and the same
  // search in the other language's edition (the language switcher's edition).
  function elsewhere(query) {
    const places = [];
    const glossary = WORDS.places.glossary;
    if (glossary) places.push({ key: "glossary", label: WORDS.glossary, href: new URL(glossary, ROOT).href });
    if (WORDS.places.index) places.push({ key: "index", label: WORDS.index, href: new URL(WORDS.places.index, ROOT).href });
    const other = otherEdition();
    if (other) {
      const href = new URL("search.html", other.root);
      href.searchParams.set("q", query);
      places.push({ key: "other", label: fill(WORDS.other, { query, language: other.name }), href: href.href, lang: other.lang });
    }
    return places;
  }

  function otherEdition() {
    const link = document.querySelector(".kb-language-switch a[href]");
    if (!link) return null;
    const here = new URL(window.location.href);
    const relative = here.pathname.startsWith(ROOT.pathname) ? here.pathname.slice(ROOT.pathname.length) : "";
    const there = new URL(link.getAttribute("href"), here);
    if (relative && !there.pathname.endsWith(relative)) return null;
    const root = new URL(there.pathname.slice(0, there.pathname.length - relative.length), there);
    return { root, name: link.textContent.trim(), lang: link.getAttribute("hreflang") || "" };
  }

  // ---- The box ----

  class SearchBox {
    constructor(input) {
      this.input = input;
      this.list = element("ul", {
        id: "kb-search-listbox",
        role: "listbox",
        class: "kb-search-listbox",
        "aria-label": WORDS.results,
      });
      this.list.hidden = true;
      this.status = element("p", { class: "kb-search-status", role: "status", id: "kb-search-status" });
      // under the form, never beside the input (it would squeeze it): the status line, then
      // the list, which opens over the page below the status
      this.panel = element("div", { class: "kb-search-panel" }, this.status, this.list);
      input.form.after(this.panel);
      for (const [name, value] of Object.entries({
        role: "combobox",
        "aria-autocomplete": "list",
        "aria-expanded": "false",
        "aria-controls": this.list.id,
        "aria-describedby": this.status.id,
        autocomplete: "off",
      }))
        input.setAttribute(name, value);
      this.asked = 0; // keystrokes so far; a search's answer is shown only if none came since
      this.running = Promise.resolve(); // the search under way
      // a Chinese input method sends input events with the pinyin it is composing: wait for
      // the characters it ends with
      input.addEventListener("input", (event) => event.isComposing || this.update());
      input.addEventListener("compositionend", () => this.update());
      input.addEventListener("focus", () => loadEngine().catch(() => {}), { once: true });
      input.addEventListener("keydown", (event) => this.onKey(event));
      input.form.addEventListener("focusout", (event) => {
        if (!input.form.contains(event.relatedTarget) && !this.panel.contains(event.relatedTarget)) this.close();
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
    // keystroke stops before reading its results.
    async update() {
      const query = this.input.value.trim();
      const asked = ++this.asked;
      if (!query) return this.close();
      if (isShort(query)) await new Promise((resolve) => setTimeout(resolve, SHORT_PAUSE));
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
        answer = await find(query, { read: SHOWN, filters: READERS_FILTERS, current });
      } catch {
        this.close();
        return this.say(WORDS.offline); // stays: the reader needs to know why nothing comes
      }
      if (answer && current()) this.show(query, answer);
    }

    show(query, answer) {
      const options = answer.results.slice(0, SHOWN).map((result, index) => {
        const section = result.best;
        const inSection = section && section.title && section.title !== result.title;
        const label = element("span", { class: "kb-search-title" }, result.title);
        if (inSection) label.append(element("span", { class: "kb-search-section" }, ` › ${section.title}`));
        return element(
          "li",
          { role: "option", id: `kb-search-option-${index}`, "data-href": inSection ? section.url : result.url },
          label,
          excerpt(inSection ? section.excerpt : result.excerpt),
        );
      });
      if (answer.total) {
        const all = new URL(SEARCH_PAGE);
        all.searchParams.set("q", answer.instead || query);
        options.push(
          element("li", { role: "option", id: "kb-search-option-all", class: "kb-search-all", "data-href": all.href }, fill(WORDS.all, { query: answer.instead || query })),
        );
      } else {
        elsewhere(query).forEach((place, index) => {
          const attributes = { role: "option", id: `kb-search-elsewhere-${index}`, class: "kb-search-elsewhere", "data-href": place.href };
          options.push(element("li", attributes, place.label));
        });
      }
      this.list.replaceChildren(...options);
      this.list.hidden = !options.length;
      this.input.setAttribute("aria-expanded", String(!this.list.hidden));
      this.input.removeAttribute("aria-activedescendant");
      this.say(summary(query, answer));
    }

    say(text) {
      this.status.textContent = text;
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

  // ---- The results page: search.html?q=…&kind=… ----

  class ResultsPage {
    constructor(container, form) {
      this.container = container;
      this.form = form;
      this.summary = container.querySelector(".search-summary") || element("p", { class: "search-summary", role: "status" });
      this.kinds = JSON.parse(form.querySelector(".kb-search-kinds")?.dataset.kinds || "{}");
      this.asked = 0;
      // a new query or another choice of parts is shown in place, and kept in the address
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        this.go();
      });
      form.addEventListener("change", (event) => {
        if (event.target.name === "kind") this.go();
      });
      window.addEventListener("popstate", () => this.run());
    }

    go() {
      const params = new URLSearchParams();
      const query = this.form.elements.q.value.trim();
      if (query) params.set("q", query);
      for (const box of this.form.querySelectorAll("input[name=kind]:checked")) params.append("kind", box.value);
      const url = new URL(window.location.href);
      url.search = params.toString();
      window.history.pushState(null, "", url);
      this.run();
    }

    async run() {
      const params = new URLSearchParams(window.location.search);
      const query = (params.get("q") || "").trim();
      const chosen = params.getAll("kind");
      const asked = ++this.asked;
      const current = () => asked === this.asked;
      this.form.elements.q.value = query;
      try {
        // every part's count, also past the pages read: Pagefind counts loaded filters only
        await (await loadEngine()).filters();
      } catch {
        this.summary.textContent = WORDS.offline;
        return;
      }
      if (!query) {
        this.showKinds({}, chosen, false);
        this.summary.textContent = "";
        this.container.replaceChildren(this.summary);
        return;
      }
      this.container.setAttribute("aria-busy", "true");
      // every part of the site, to count each for the query; then what the reader chose
      const all = await find(query, { read: COUNTED, current });
      if (!all) return;
      const wanted = chosen.length ? (kind) => chosen.includes(kind) : (kind) => !HIDDEN.includes(kind);
      let answer = { ...all, results: all.results.filter((result) => wanted(result.kind)) };
      if (!all.exact) {
        const filters = chosen.length ? { kind: { any: chosen } } : READERS_FILTERS;
        answer = await find(all.instead || query, { read: PAGE_SIZE, filters, current });
        if (!answer) return;
        answer.instead = all.instead;
      } else {
        answer.total = answer.results.length;
      }
      this.showKinds(all.kinds, chosen, !all.exact);
      this.show(query, answer);
      this.container.removeAttribute("aria-busy");
    }

    show(query, answer) {
      const items = answer.results.slice(0, PAGE_SIZE).map((result) => this.item(result));
      const parts = [this.summary];
      this.summary.textContent = summary(query, answer);
      if (items.length) parts.push(element("ul", { class: "search kb-search-results" }, ...items));
      else parts.push(this.elsewhere(query));
      this.container.replaceChildren(...parts);
    }

    // One result: its title, its part of the site, then the sections that matched (the
    // glossary term first), each excerpt once.
    item(result) {
      const heading = element("p", { class: "kb-search-result-title" }, element("a", { href: result.url }, result.title));
      // the part of the site the page is in, unless the page is that part's own front page
      const part = result.kind && (this.kinds[result.kind] || result.kind);
      if (part && part !== result.title) heading.append(element("span", { class: "kb-search-kind" }, part));
      const item = element("li", { class: "kb-search-result" }, heading);
      const sections = [];
      if (result.best) sections.push(result.best);
      for (const section of [...result.sections].sort((a, b) => b.score - a.score))
        if (!sections.some((s) => s.url === section.url)) sections.push(section);
      // a section whose excerpt shows what one already listed shows is left out, and the
      // page's own excerpt too when a section listed shows it (with the section's link)
      const distinct = [];
      for (const section of sections)
        if (distinct.length < 3 && !distinct.some((shown) => repeats(shown.excerpt, section.excerpt))) distinct.push(section);
      if (!distinct.some((section) => repeats(section.excerpt, result.excerpt))) item.append(excerpt(result.excerpt, "p"));
      if (distinct.length) {
        const list = element("ul", { class: "kb-search-sections" });
        for (const section of distinct)
          list.append(element("li", {}, element("a", { href: section.url }, section.title), excerpt(section.excerpt)));
        item.append(list);
      }
      return item;
    }

    elsewhere(query) {
      const list = element("ul", { class: "kb-search-elsewhere" });
      for (const place of elsewhere(query)) {
        const link = element("a", { href: place.href }, place.label);
        if (place.lang) link.setAttribute("hreflang", place.lang);
        list.append(element("li", {}, link));
      }
      const advice = element("div", { class: "kb-search-advice" }, element("p", {}, WORDS.try));
      if (list.children.length) advice.append(list);
      return advice;
    }

    // The parts of the site, each ticked or not, with how many pages of it the query finds.
    showKinds(counts, chosen, estimated) {
      const fieldset = this.form.querySelector(".kb-search-kinds");
      if (!fieldset) return;
      const legend = fieldset.querySelector("legend");
      const boxes = Object.entries(this.kinds).map(([kind, title]) => {
        const box = element("input", { type: "checkbox", name: "kind", value: kind, id: `kb-kind-${kind}` });
        box.checked = chosen.includes(kind);
        const count = counts[kind] || 0;
        const shown = `${estimated && count ? "~" : ""}${count}`;
        const label = element("label", { for: box.id }, fill(WORDS.kind, { kind: title, count: shown }));
        return element("span", { class: `kb-search-kind-choice${count ? "" : " kb-search-empty"}` }, box, label);
      });
      fieldset.replaceChildren(legend, ...boxes);
      fieldset.hidden = !boxes.length;
      this.form.querySelector(".kb-search-hidden")?.remove();
      // said only when the parts left out hold pages for the query
      const hidden = HIDDEN.filter((kind) => this.kinds[kind] && counts[kind] && !chosen.length);
      if (hidden.length) {
        const parts = hidden.map((kind) => this.kinds[kind]).join(", ");
        fieldset.after(element("p", { class: "kb-search-hidden" }, fill(WORDS.hiddenNote, { parts })));
      }
    }
  }

  const sidebarBox = document.querySelector("input.sidebar-search");
  if (sidebarBox?.form) listenForShortcuts(new SearchBox(sidebarBox));
  const results = document.getElementById("search-results");
  const pageForm = document.querySelector("form.kb-search-page");
  if (results && pageForm) new ResultsPage(results, pageForm).run();
})();
