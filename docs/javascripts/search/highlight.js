/* global NodeFilter, URLSearchParams */
// Marks the words of the search that led here (?h=...) in the page's content.
import { highlightTerms } from "./query.js";

const SKIP = new Set(["SCRIPT", "STYLE", "MARK", "TEXTAREA", "INPUT"]);
const MAX_MARKS = 300;

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}

function textNodes(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement && !SKIP.has(node.parentElement.tagName) && node.data.trim()
      ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT),
  });
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  return nodes;
}

function markNode(node, pattern) {
  const parts = node.data.split(pattern);
  if (parts.length === 1) return 0;
  const fragment = document.createDocumentFragment();
  let count = 0;
  parts.forEach((part, i) => {
    if (!part) return;
    if (i % 2 === 1) {
      const mark = document.createElement("mark");
      mark.setAttribute("data-md-highlight", "");
      mark.textContent = part;
      fragment.append(mark);
      count += 1;
    } else {
      fragment.append(document.createTextNode(part));
    }
  });
  node.replaceWith(fragment);
  return count;
}

/** Wrap every occurrence of the query's words in <mark>; return how many were marked. */
export function highlight(root, query) {
  const terms = highlightTerms(query);
  if (!root || !terms.length) return 0;
  const pattern = new RegExp(`(${terms.map(escapeRegExp).join("|")})`, "giu");
  let total = 0;
  for (const node of textNodes(root)) {
    if (total >= MAX_MARKS) break;
    total += markNode(node, pattern);
  }
  return total;
}

export function highlightFromLocation() {
  const query = new URLSearchParams(location.search).get("h");
  if (query) highlight(document.querySelector("[data-pagefind-body]") || document.querySelector("article"), query);
}
