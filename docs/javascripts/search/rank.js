// Ranking on top of Pagefind. A seller's question ("收到律师函怎么办", "滞留库存 多少天会被自动移除")
// rarely appears word for word on any page, and the long pages (the glossary, the section lists)
// mention nearly every word once. So:
// 1. question words and filler are dropped, domain words kept whole (words.js);
// 2. each remaining word is searched alone; a page earns, for every word it has, the word's
//    rarity (idf) times a share for having it at all plus a share for how strongly it has it
//    (Pagefind's score: a title or search-terms hit weighs far more than a body mention), so
//    pages with more of the distinct words, and with them in the title, come first;
// 3. catch-all pages (the glossary, the section lists; marked by the kind filter,
//    overrides/partials/search-terms.html) count for less, unless the query is a glossary term;
// 4. among the first results, pages whose title or search terms hold the query come first.
import { fragmentRuns, phraseCandidates, queryWords, weightOf } from "./words.js";

export { contentWords, domainSplit, queryWords } from "./words.js";

const HUB_FACTOR = 0.55; // a catch-all page's score against a specific entry's
const PRESENCE = 0.5; // share of a word's credit for having it at all; the rest by Pagefind's score
const GLOSSARY_SHARE = 0.5; // a query is a glossary term when one covers this much of it

async function search(pagefind, query, options) {
  const found = await pagefind.search(query, options);
  return found ? [...found.results] : [];
}

const sites = new WeakMap();

/** Per index: how many pages it has and which are catch-all pages (id -> "glossary" | "list"). */
function siteFacts(pagefind) {
  if (!sites.has(pagefind)) {
    sites.set(pagefind, (async () => {
      const kinds = new Map();
      const [glossary, list, all] = await Promise.all([
        search(pagefind, null, { filters: { kind: "glossary" } }),
        search(pagefind, null, { filters: { kind: "list" } }),
        search(pagefind, null),
      ]);
      for (const r of glossary) kinds.set(r.id, "glossary");
      for (const r of list) kinds.set(r.id, "list");
      return { kinds, pages: all.length };
    })());
  }
  return sites.get(pagefind);
}

/** True when glossary terms (kb_build/publish/search_index.py) make up most of the query. */
export function isGlossaryQuery(query, glossaryTerms) {
  let rest = query.replace(/\s+/gu, "");
  const total = weightOf(rest);
  let covered = 0;
  for (const term of glossaryTerms) {
    const t = term.replace(/\s+/gu, "");
    if (t.length >= 2 && rest.includes(t)) {
      covered += weightOf(t);
      rest = rest.replace(t, " ");
    }
  }
  return total > 0 && covered / total >= GLOSSARY_SHARE;
}

/** Pieces of one unknown word searched whole when the site has them as a phrase (弃 + 号 -> "弃号"). */
async function mergeFragments(find, query, domainWords, words) {
  let out = [...words];
  for (const run of fragmentRuns(query, domainWords)) {
    for (const pieces of phraseCandidates(run)) {
      if (!pieces.every((w) => out.includes(w))) continue;
      const phrase = `"${pieces.join("")}"`;
      if (!(await find(phrase)).length) continue;
      const at = out.indexOf(pieces[0]);
      out = out.filter((w) => !pieces.includes(w));
      out.splice(at, 0, phrase);
    }
  }
  return out;
}

/** A word's results with Pagefind's scores. A quoted word: the pages with it whole, scored by
 * the unquoted search (Pagefind does not rank phrase matches). */
async function scored(find, word) {
  if (!word.startsWith("\"")) return find(word);
  const whole = await find(word);
  const ids = new Set(whole.map((r) => r.id));
  const ranked = (await find(word.replace(/"/gu, ""))).filter((r) => ids.has(r.id));
  const low = Math.min(...ranked.map((r) => r.score), 1);
  const rankedIds = new Set(ranked.map((r) => r.id));
  return ranked.concat(whole.filter((r) => !rankedIds.has(r.id)).map((r) => ({ ...r, score: low })));
}

/** Pagefind results for `query` (normalised), best first: objects with id, score and data(). */
export async function rankedResults(pagefind, query, domainWords = [], glossaryTerms = []) {
  const memo = new Map();
  const find = (q) => {
    if (!memo.has(q)) memo.set(q, search(pagefind, q));
    return memo.get(q);
  };
  // The searches are independent: run them at once (each may fetch index chunks).
  const [words, facts] = await Promise.all([
    mergeFragments(find, query, domainWords, queryWords(query, domainWords)),
    siteFacts(pagefind),
  ]);
  const glossaryQuery = isGlossaryQuery(query, glossaryTerms);
  const pages = new Map();
  for (const results of await Promise.all(words.map((word) => scored(find, word)))) {
    if (!results.length) continue;
    const idf = Math.log(1 + Math.max(facts.pages, results.length) / results.length);
    const top = Math.max(...results.map((r) => r.score)) || 1;
    for (const r of results) {
      const entry = pages.get(r.id) || { result: r, score: 0 };
      entry.score += idf * (PRESENCE + (1 - PRESENCE) * (r.score / top));
      pages.set(r.id, entry);
    }
  }
  for (const entry of pages.values()) {
    const kind = facts.kinds.get(entry.result.id);
    if (kind === "list" || (kind === "glossary" && !glossaryQuery)) entry.score *= HUB_FACTOR;
    entry.result.kbScore = entry.score;
  }
  return [...pages.values()].sort((a, b) => b.score - a.score).map((e) => e.result);
}

function titleRank(meta, query, words) {
  const t = `${meta.title || ""} ${meta.terms || ""}`.normalize("NFKC").toLowerCase();
  const bare = t.replace(/\s+/gu, "");
  if (bare.includes(query.replace(/\s+/gu, ""))) return 2;
  const plain = words.map((w) => w.replace(/"/gu, ""));
  return plain.length && plain.every((w) => t.includes(w)) ? 1 : 0;
}

/** Title matches over mentions: among the first results ({id, data} with Pagefind's data loaded),
 * pages whose title or search terms hold the whole query come first, then those that hold every
 * word of it; otherwise the order stays. */
export function titleFirst(loaded, query, domainWords = []) {
  const words = queryWords(query, domainWords);
  return loaded
    .map((item, i) => ({ item, i, rank: titleRank(item.data.meta || {}, query, words) }))
    .sort((a, b) => b.rank - a.rank || a.i - b.i)
    .map((x) => x.item);
}
