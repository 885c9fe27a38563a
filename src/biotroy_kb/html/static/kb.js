// Tooltips for the two kinds of link: a glossary term's definition and a fact's source (each
// link's title), shown on hover, on keyboard focus and on a tap. A first tap on a phone shows
// the tooltip; a second follows the link. Esc or a tap elsewhere closes it.
"use strict";

(function () {
  const open = new Set();

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
    tip.id = `kb-tip-${index}`;
    tip.setAttribute("role", "tooltip");
    tip.textContent = link.getAttribute("title");
    tip.hidden = true;
    link.removeAttribute("title");
    link.setAttribute("aria-describedby", tip.id);
    document.body.appendChild(tip);
    const show = () => {
      for (const other of open) if (other !== tip) other.hidden = true;
      open.clear();
      open.add(tip);
      tip.hidden = false;
      place(tip, link);
    };
    const hide = () => {
      tip.hidden = true;
      open.delete(tip);
    };
    let tapped = false; // a touch began on the link while its tooltip was closed
    link.addEventListener("pointerdown", (event) => {
      tapped = event.pointerType === "touch" && tip.hidden;
    });
    link.addEventListener("click", (event) => {
      if (!tapped) return;
      tapped = false;
      event.preventDefault(); // the first tap explains; the next one follows the link
      show();
    });
    // Hover means a mouse or a pen. The mouse events a browser makes up after a touch are no
    // hover: some browsers send a mouseleave straight after the tap, which closed the tooltip.
    const hovering = (event) => event.pointerType !== "touch";
    link.addEventListener("pointerenter", (event) => {
      if (hovering(event)) show();
    });
    link.addEventListener("focus", show);
    link.addEventListener("pointerleave", (event) => {
      if (hovering(event)) hide();
    });
    link.addEventListener("blur", hide);
    link.addEventListener("keydown", (event) => {
      if (event.key === "Escape") hide();
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("a.kb-term[title], a.kb-fact[title], span.kb-fact[title]").forEach(attach);
    document.addEventListener("pointerdown", (event) => {
      if (event.target.closest?.("a.kb-term, a.kb-fact, span.kb-fact, .kb-tooltip")) return;
      for (const tip of open) tip.hidden = true;
      open.clear();
    });
  });
})();
