// DOM building for the search dialog: elements from h(), never from HTML strings.

const ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&#x27;": "'" };

/** h("a", {href: "/"}, "text", child) -> <a href="/">text…</a> */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  el.append(...children.filter((c) => c !== null && c !== undefined));
  return el;
}

function decode(text) {
  return text.replace(/&(amp|lt|gt|quot|#39|#x27);/gu, (m) => ENTITIES[m]);
}

/** Pagefind's excerpt (escaped text with <mark> around the hits) as text and <mark> nodes. */
export function excerptNodes(excerpt) {
  const nodes = [];
  String(excerpt || "").split(/(<mark>.*?<\/mark>)/su).forEach((part) => {
    if (!part) return;
    const hit = /^<mark>(.*)<\/mark>$/su.exec(part);
    nodes.push(hit ? h("mark", {}, decode(hit[1])) : document.createTextNode(decode(part)));
  });
  return nodes;
}
