// Search ranking for the BioTroy Knowledge Base (embedded by Sphinx as `html_search_scorer`).
// Pages whose title holds the whole query come first; numbers in a query are searched for.
"use strict";

var Scorer = {
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
  // A page whose own title holds the query outranks an index entry (100) that merely names it.
  pageTitleMatch: 100,

  score: (result) => {
    const [, title, , , score, , kind] = result;
    const query = Scorer.normalise(new URLSearchParams(window.location.search).get("q") || "");
    const pageTitle = Scorer.normalise(String(title).split(" > ")[0]);
    if (query && kind !== "object" && pageTitle.includes(query)) {
      return score + Scorer.pageTitleMatch;
    }
    return score;
  },

  normalise: (text) => text.toLowerCase().replace(/[\u2013\u2014]/g, "-").replace(/\s+/g, " ").trim(),
};

// Stock search skips query terms made only of digits; the index keeps them, so search them.
(function keepNumbersInQueries() {
  const patch = () => {
    if (typeof Search === "undefined" || Search._kbNumbers) return;
    const parse = Search._parseQuery;
    Search._parseQuery = (query) => {
      const parsed = parse(query);
      for (const term of splitQuery(query.trim())) {
        if (/^\d{2,}$/.test(term)) {
          parsed[1].add(term);
          parsed[3].add(term);
        }
      }
      return parsed;
    };
    Search._kbNumbers = true;
  };
  if (typeof Search !== "undefined") patch();
  else document.addEventListener("DOMContentLoaded", patch);
})();
