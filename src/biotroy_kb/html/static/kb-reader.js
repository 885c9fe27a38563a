// What the reader's browser remembers (html/reader_memory.py), in local storage and nowhere
// else: which pages the reader read to the end, and the fingerprint of each section it showed
// them. A page that changed since then marks its changed sections and says so at the top;
// Start here ticks the pages of the reading path already read; What's new for you lists the
// pages changed since the reader read them. Nothing is sent anywhere.
"use strict";
(() => {
  const WORDS = {
    locale: "en-GB",
    changed: "Changed since you last read this page on {date}:",
    updated: "The page was last updated on {date}.",
    removed: "Removed: {titles}.",
    sectionChanged: "Changed",
    sectionNew: "New",
    read: "Read",
    progress: "You have read {read} of {count} pages on the path.",
    continue: "Continue with step {number}:",
    done: "You have read every page on the path.",
    forget: "Forget what I have read",
    forgotten: "Your browser has forgotten what you read here.",
    nothing: "None of the pages you have read has changed since you read it.",
    never: "This browser has not shown you any page of the site yet. Start with the reading path.",
    changedPages: "Changed since you read them:",
    readOn: "you read it on {date}",
    newPages: "New since you last looked here:",
    unavailable: "The list of pages could not be loaded; open the site from a server.",
    ...(window.KB_READER_WORDS || {}),
  };
  const ROOT = new URL(document.documentElement.dataset.content_root || "./", document.baseURI);
  // one memory per site and language: each edition has its own root
  const KEY = `kb-reader:${ROOT.pathname}`;
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, name) => values[name]);
  const list = (items) => items.join(WORDS.locale.startsWith("zh") ? "、" : ", ");

  function load() {
    try {
      const memory = JSON.parse(window.localStorage.getItem(KEY) || "null");
      if (memory && typeof memory.pages === "object") return memory;
    } catch {
      // no storage (a private window may refuse it): the site reads as it would without
    }
    return { pages: {} };
  }

  function save(memory) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(memory));
    } catch {
      // as above: nothing is remembered
    }
  }

  function shownDate(iso) {
    const options = { day: "numeric", month: "long", year: "numeric" };
    return new Date(iso).toLocaleDateString(WORDS.locale, options);
  }

  // A page's key: its path from the site's root, `index.html` for a folder.
  function normal(path) {
    return path === "" || path.endsWith("/") ? `${path}index.html` : path;
  }
  function keyOf(href) {
    const url = new URL(href, document.baseURI);
    if (url.origin !== ROOT.origin || !url.pathname.startsWith(ROOT.pathname)) return null;
    return normal(decodeURI(url.pathname.slice(ROOT.pathname.length)));
  }

  function element(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  }

  function headingOf(section) {
    return section?.querySelector(":scope > h1, :scope > h2, :scope > h3, :scope > h4, :scope > h5, :scope > h6");
  }
  function titleOf(section) {
    const heading = headingOf(section);
    if (!heading) return "";
    const copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink, .kb-change-badge").forEach((node) => node.remove());
    return copy.textContent.trim();
  }

  // --- the page: what changed since the reader last saw it ---------------------------------
  function pageData() {
    const node = document.getElementById("kb-page-memory");
    if (!node) return null;
    try {
      return JSON.parse(node.textContent);
    } catch {
      return null;
    }
  }

  function changesSince(data, before) {
    const changed = [];
    const now = new Set();
    for (const [anchor, hash] of data.sections) {
      now.add(anchor);
      const old = before.s?.[anchor];
      if (!old) changed.push([anchor, "new"]);
      else if (old[0] !== hash) changed.push([anchor, "changed"]);
    }
    const removed = Object.entries(before.s || {})
      .filter(([anchor]) => !now.has(anchor))
      .map(([, [, title]]) => title)
      .filter(Boolean);
    return { changed, removed };
  }

  function markChanges(data, before) {
    const { changed, removed } = changesSince(data, before);
    if (!changed.length && !removed.length) return;
    const links = [];
    for (const [anchor, how] of changed) {
      const section = document.getElementById(anchor);
      if (!section) continue;
      section.classList.add("kb-changed");
      const label = how === "new" ? WORDS.sectionNew : WORDS.sectionChanged;
      headingOf(section)?.append(" ", element("span", { class: "kb-change-badge" }, label));
      links.push(element("a", { href: `#${anchor}` }, titleOf(section)));
    }
    const line = element("p", {}, fill(WORDS.changed, { date: shownDate(before.t) }), " ");
    links.forEach((link, index) => line.append(...(index ? [", ", link] : [link])));
    if (removed.length) line.append(" ", fill(WORDS.removed, { titles: list(removed) }));
    if (data.updated) line.append(" ", fill(WORDS.updated, { date: data.updated }));
    const notice = element("div", { class: "kb-change-notice", role: "status" }, line);
    const article = document.querySelector("[role=main]") || document.body;
    const title = article.querySelector("h1");
    const after = title?.closest("section")?.querySelector(":scope > .kb-path-step") || title;
    if (after) after.after(notice);
    else article.prepend(notice);
  }

  function remember(memory, data) {
    const key = normal(data.page);
    const before = memory.pages[key];
    if (before) markChanges(data, before);
    const sections = {};
    for (const [anchor, hash] of data.sections) sections[anchor] = [hash, titleOf(document.getElementById(anchor))];
    memory.pages[key] = { h: data.hash, s: sections, t: new Date().toISOString(), read: Boolean(before?.read) };
    memory.visit = new Date().toISOString();
    save(memory);
    watchForTheEnd(key);
  }

  // A page counts as read once its end has been on screen.
  function watchForTheEnd(key) {
    const article = document.querySelector("[role=main]");
    if (!article || !("IntersectionObserver" in window)) return;
    const end = element("div", { class: "kb-end-of-page", "aria-hidden": "true" });
    article.append(end);
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      const memory = load(); // another tab may have written since
      if (!memory.pages[key]) return;
      memory.pages[key].read = true;
      save(memory);
    });
    observer.observe(end);
  }

  // --- Start here and the first week: the path's pages already read --------------------------
  function stepLink(item) {
    return item.querySelector(":scope > p > a");
  }

  function markPaths(memory) {
    for (const path of document.querySelectorAll("ol.kb-reading-path")) {
      for (const item of path.querySelectorAll(":scope > li")) {
        const link = stepLink(item);
        const read = link && memory.pages[keyOf(link.href)]?.read;
        item.classList.toggle("kb-read", Boolean(read));
        item.querySelector(".kb-read-mark")?.remove();
        if (read) link.parentElement.append(" ", element("span", { class: "kb-read-mark" }, `✓ ${WORDS.read}`));
      }
    }
  }

  function showProgress(memory) {
    const whole = document.querySelector("ol.kb-reading-path.kb-path-whole");
    if (!whole) return;
    const items = [...whole.querySelectorAll(":scope > li")];
    const done = items.filter((item) => item.classList.contains("kb-read")).length;
    const box = element("div", { class: "kb-path-progress", role: "status" });
    const line = element("p", {}, fill(WORDS.progress, { read: done, count: items.length }), " ");
    const next = items.findIndex((item) => !item.classList.contains("kb-read"));
    if (next < 0) line.append(WORDS.done);
    else {
      const link = stepLink(items[next]);
      line.append(fill(WORDS.continue, { number: next + 1 }), " ", element("a", { href: link.href }, link.textContent));
    }
    const forget = element("button", { type: "button", class: "kb-forget" }, WORDS.forget);
    forget.addEventListener("click", () => {
      try {
        window.localStorage.removeItem(KEY);
      } catch {
        // nothing was stored
      }
      markPaths({ pages: {} });
      box.replaceChildren(element("p", {}, WORDS.forgotten));
    });
    box.append(line, forget);
    const total = whole.nextElementSibling?.classList.contains("kb-reading-total") ? whole.nextElementSibling : whole;
    document.querySelector(".kb-path-progress")?.remove();
    total.after(box);
  }

  // --- What's new for you -------------------------------------------------------------------
  async function whatsNew(container, memory) {
    const say = (...children) => container.replaceChildren(...children);
    let site;
    try {
      const response = await fetch(new URL("kb-fingerprints.json", ROOT));
      if (!response.ok) throw new Error(response.statusText);
      site = (await response.json()).pages || {};
    } catch {
      return say(element("p", {}, WORDS.unavailable));
    }
    const here = keyOf(window.location.href);
    const read = Object.entries(memory.pages).filter(([key]) => key !== here);
    const changed = read.filter(([key, seen]) => site[key] && site[key][1] !== seen.h);
    const parts = [];
    if (!read.length) parts.push(element("p", {}, WORDS.never));
    else if (!changed.length) parts.push(element("p", {}, WORDS.nothing));
    else parts.push(element("p", {}, WORDS.changedPages), pageList(changed, site, (seen) => fill(WORDS.readOn, { date: shownDate(seen.t) })));
    if (Array.isArray(memory.known)) {
      const known = new Set(memory.known);
      const added = Object.keys(site).filter((key) => !known.has(key)).map((key) => [key, null]);
      if (added.length) parts.push(element("p", {}, WORDS.newPages), pageList(added, site, () => ""));
    }
    say(...parts);
    const latest = load();
    latest.known = Object.keys(site);
    save(latest);
  }

  function pageList(entries, site, note) {
    return element(
      "ul",
      { class: "kb-whats-new-list" },
      ...entries.map(([key, seen]) => {
        const item = element("li", {}, element("a", { href: new URL(key, ROOT).href }, site[key][0]));
        const said = note(seen);
        if (said) item.append(" (", said, ")");
        return item;
      }),
    );
  }

  const memory = load();
  const data = pageData();
  if (data) remember(memory, data);
  markPaths(memory);
  showProgress(memory);
  const listing = document.querySelector(".kb-whats-new");
  if (listing) whatsNew(listing, memory);
})();
