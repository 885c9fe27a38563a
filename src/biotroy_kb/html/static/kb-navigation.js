// Pruned navigation (kb_navigation_prune): a page holds only its own branch of furo's sidebar.
// When a reader expands another branch, its lists come from the site's shared navigation file
// (named by <meta name="kb-navigation">), loaded once and then kept by the browser. A closed
// item comes without furo's toggle (it names its branch in data-kb-branch): the toggle is drawn
// here, as furo writes it. Furo's toggles are hidden checkboxes; here their labels become
// buttons with aria-expanded, so that keyboards and screen readers can open and close every
// branch.
"use strict";

(function () {
  let loading = null;

  // Sphinx's relative_uri(): the link from the page at `base` to `to`, both from the site root.
  function relativeUri(base, to) {
    const b = base.split("#")[0].split("/");
    const t = to.split("#")[0].split("/");
    while (b.length > 1 && t.length > 1 && b[0] === t[0]) {
      b.shift();
      t.shift();
    }
    if (b.length === t.length && b.every((part, i) => part === t[i])) return "";
    if (b.length === 1 && t.length === 1 && t[0] === "") return "./";
    return "../".repeat(b.length - 1) + t.join("/");
  }

  function isInternal(href) {
    return !href.includes("://") && !href.startsWith("#") && !href.startsWith("mailto:");
  }

  function load(meta) {
    if (loading === null) {
      loading = new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = meta.content;
        script.onload = () => resolve(window.kbNavigation || {});
        script.onerror = () => { loading = null; reject(new Error(`cannot load ${meta.content}`)); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function toggleOf(item) {
    return item.querySelector(":scope > input.toctree-checkbox");
  }

  function makeButton(label) {
    const input = document.getElementById(label.htmlFor);
    if (!input || label.hasAttribute("role")) return;
    label.setAttribute("role", "button");
    label.tabIndex = 0;
    label.setAttribute("aria-label", input.getAttribute("aria-label") || "");
    label.setAttribute("aria-expanded", String(input.checked));
    label.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      input.click();
    });
  }

  // Furo's checkbox and label after the item's link (furo/navigation.py), in place of the
  // data-kb-branch attribute that names the checkbox's number.
  function drawToggle(item) {
    const id = `toctree-checkbox-${item.dataset.kbBranch}`;
    const link = item.querySelector(":scope > a");
    item.removeAttribute("data-kb-branch");
    if (!link) return;
    const input = document.createElement("input");
    const words = (window.KB_NAVIGATION_WORDS || {}).toggle || "Toggle navigation of {title}";
    input.setAttribute("aria-label", words.replace("{title}", link.textContent));
    input.className = "toctree-checkbox";
    input.id = id;
    input.name = id;
    input.setAttribute("role", "switch");
    input.type = "checkbox";
    const label = document.createElement("label");
    label.htmlFor = id;
    label.innerHTML = '<span class="icon"><svg><use href="#svg-arrow-right"></use></svg></span>';
    link.after(input, label);
  }

  function drawToggles(within) {
    within.querySelectorAll("li[data-kb-branch]").forEach(drawToggle);
    within.querySelectorAll("label[for]").forEach(makeButton);
  }

  function fill(item, branches, page) {
    const input = toggleOf(item);
    const html = branches[input.id];
    if (!html || item.querySelector(":scope > ul")) return;
    input.nextElementSibling.insertAdjacentHTML("afterend", html);
    item.querySelectorAll(":scope > ul a[href]").forEach((link) => {
      const href = link.getAttribute("href");
      if (!isInternal(href)) return;
      const [path, ...anchor] = href.split("#");
      const hash = anchor.length ? `#${anchor.join("#")}` : "";
      link.setAttribute("href", relativeUri(page, path) + hash || "#");
    });
    item.querySelectorAll(":scope > ul").forEach(drawToggles);
  }

  document.addEventListener("DOMContentLoaded", () => {
    const meta = document.querySelector('meta[name="kb-navigation"]');
    const tree = document.querySelector(".sidebar-tree");
    if (!meta || !tree) return;
    const page = meta.dataset.page;
    drawToggles(tree);
    // Start loading as soon as a reader reaches for the sidebar, so that expanding is instant.
    const prefetch = () => load(meta).catch(() => {});
    tree.addEventListener("pointerover", prefetch, { once: true });
    tree.addEventListener("focusin", prefetch, { once: true });
    tree.addEventListener("change", (event) => {
      const input = event.target;
      if (!input.classList.contains("toctree-checkbox")) return;
      const label = input.nextElementSibling;
      if (label) label.setAttribute("aria-expanded", String(input.checked));
      const item = input.parentElement;
      if (input.checked && !item.querySelector(":scope > ul")) {
        load(meta).then((branches) => fill(item, branches, page)).catch((error) => {
          console.warn(error.message);
        });
      }
    });
  });
})();
