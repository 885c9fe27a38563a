// The language switcher keeps the reader's place: the same page in the other language, with the
// query (search.html?q=…) and the anchor (#term-IND). Where the editions are served as Read the
// Docs serves them (/en/latest/ and /zh-cn/latest/, on whatever host), the other edition's
// address is this one with the language's segment swapped; anywhere else (a local build, the
// editions side by side) the address the build wrote stands.
"use strict";

(function () {
  function otherEdition(link) {
    const url = new URL(link.getAttribute("href"), document.baseURI);
    const here = `/${link.dataset.kbSegmentHere}/`;
    const there = `/${link.dataset.kbSegmentThere}/`;
    const path = window.location.pathname;
    if (link.dataset.kbSegmentHere && path.includes(here)) {
      url.protocol = window.location.protocol;
      url.host = window.location.host;
      url.pathname = path.replace(here, there);
    }
    url.search = window.location.search;
    url.hash = window.location.hash;
    return url.href;
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".kb-language-switch a[hreflang]").forEach((link) => {
      const update = () => { link.href = otherEdition(link); };
      update();
      window.addEventListener("hashchange", update);
      link.addEventListener("click", update);
    });
  });
})();
