// Glossary term tooltips: each term link's definition (its title) shown on hover and on focus.
"use strict";

(function () {
  function place(tip, link) {
    const box = link.getBoundingClientRect();
    const width = Math.min(tip.offsetWidth, document.documentElement.clientWidth - 16);
    const left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    tip.style.left = `${left + window.scrollX}px`;
    tip.style.top = `${box.bottom + window.scrollY + 6}px`;
  }

  function attach(link, index) {
    const tip = document.createElement("span");
    tip.className = "kb-tooltip";
    tip.id = `kb-term-tip-${index}`;
    tip.setAttribute("role", "tooltip");
    tip.textContent = link.getAttribute("title");
    tip.hidden = true;
    link.removeAttribute("title");
    link.setAttribute("aria-describedby", tip.id);
    document.body.appendChild(tip);
    const show = () => { tip.hidden = false; place(tip, link); };
    const hide = () => { tip.hidden = true; };
    link.addEventListener("mouseenter", show);
    link.addEventListener("focus", show);
    link.addEventListener("mouseleave", hide);
    link.addEventListener("blur", hide);
    link.addEventListener("keydown", (event) => { if (event.key === "Escape") hide(); });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("a.kb-term[title]").forEach(attach);
  });
})();
