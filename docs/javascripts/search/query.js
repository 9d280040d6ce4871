// How a query is read before Pagefind sees it, and which words to mark on the result page.
// Kept free of DOM access so tests/js can run it under node.

const CJK = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}";
const GLUED = [
  [new RegExp(`([0-9])([${CJK}])`, "gu"), "$1 $2"], // 180天 -> 180 天
  [new RegExp(`([${CJK}])([0-9])`, "gu"), "$1 $2"], // 低于100 -> 低于 100
];

/** Full-width and half-width forms alike (NFKC, as the index was built), lower case, one space. */
export function normalise(query) {
  let q = String(query ?? "").normalize("NFKC").toLowerCase();
  for (const [pattern, replacement] of GLUED) q = q.replace(pattern, replacement);
  return q.replace(/["\s]+/gu, " ").trim();
}

/** The words to highlight on the page a result leads to: the typed pieces, longest first. */
export function highlightTerms(query) {
  const pieces = String(query ?? "").normalize("NFKC").toLowerCase().split(/\s+/u);
  const terms = [...new Set(pieces.filter((p) => p.length >= 2 || /[^ -~]/u.test(p)))];
  return terms.sort((a, b) => b.length - a.length).slice(0, 8);
}

/** Result links carry the query in ?h=, as Material's highlight did. */
export function withHighlight(url, query, base) {
  const target = new URL(url, base);
  target.searchParams.set("h", String(query).trim());
  return target.href;
}
