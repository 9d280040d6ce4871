// Ranking on top of Pagefind: pages with every word of the query first (Pagefind's AND search),
// then, when that finds few pages, pages with most of the query's words (a seller's question
// such as "不申诉会怎么样 等它自己消掉" rarely appears word for word on any page).

const FEW = 8;
const MAX_WORDS = 8;
// Words that say nothing about the topic (question words, particles, filler) in either language.
const STOP = new Set(("的 了 吗 呢 吧 啊 呀 是 在 和 与 或 就 也 都 要 被 把 让 给 对 会 能 该 还 又 我 你 他 它 " +
  "怎么 怎么样 什么 为什么 如何 多久 一下 哪些 哪个 还是 可以 需要 是否 会不会 有没有 自己 这个 那个 " +
  "a an the of to in on for and or is are was be my i do does did how what when why can with " +
  "after before about it this that from at by as not no").split(" "));

const segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter("zh", { granularity: "word" }) : null;

/** Split `query` into search words: domain words (data/jieba_user.txt) quoted, so Pagefind
 * matches them whole, the rest as typed: "实用新型专利 侵权" -> ['"实用新型"', "专利", "侵权"]. */
export function domainSplit(query, domainWords) {
  const out = [];
  for (const piece of query.split(" ").filter(Boolean)) {
    let plain = "";
    for (let i = 0; i < piece.length;) {
      const word = domainWords.find((w) => w.length >= 2 && piece.startsWith(w, i));
      if (word) {
        if (plain) out.push(plain);
        out.push(`"${word}"`);
        plain = "";
        i += word.length;
      } else {
        plain += piece[i];
        i += 1;
      }
    }
    if (plain) out.push(plain);
  }
  return out;
}

/** The query's content words, as Pagefind would segment them, without stop words. */
export function contentWords(parts) {
  const words = [];
  for (const part of parts) {
    const quoted = part.startsWith("\"");
    const pieces = quoted || !segmenter ? [part]
      : [...segmenter.segment(part)].filter((s) => s.isWordLike).map((s) => s.segment);
    for (const word of pieces) {
      if (!STOP.has(word) && !words.includes(word)) words.push(word);
    }
  }
  return words.slice(0, MAX_WORDS);
}

async function search(pagefind, query) {
  const found = await pagefind.search(query);
  return found ? [...found.results] : [];
}

/** Pagefind results for `query`, best first (objects with id, score and data()). */
export async function rankedResults(pagefind, query, domainWords = []) {
  const parts = domainSplit(query, domainWords);
  const phrased = parts.join(" ");
  let results = await search(pagefind, query);
  if (phrased !== query) {
    // Pagefind's phrase search finds the pages with the domain words whole, but does not rank
    // them: keep the ranked results that it found (plus any it found alone).
    const whole = await search(pagefind, phrased);
    const ids = new Set(whole.map((r) => r.id));
    const ranked = results.filter((r) => ids.has(r.id));
    const rankedIds = new Set(ranked.map((r) => r.id));
    if (whole.length) results = ranked.concat(whole.filter((r) => !rankedIds.has(r.id)));
  }
  const words = contentWords(parts);
  if (results.length >= FEW || words.length < 2) return results;
  const seen = new Set(results.map((r) => r.id));
  const partial = new Map();
  for (const word of words) {
    for (const r of await search(pagefind, word)) {
      if (seen.has(r.id)) continue;
      const entry = partial.get(r.id) || { result: r, words: 0, score: 0 };
      entry.words += 1;
      entry.score += r.score;
      partial.set(r.id, entry);
    }
  }
  const rest = [...partial.values()].sort((a, b) => b.words - a.words || b.score - a.score);
  return results.concat(rest.map((e) => e.result));
}

function titleRank(title, query, words) {
  const t = String(title || "").normalize("NFKC").toLowerCase();
  if (t.includes(query.replace(/ /gu, ""))) return 2;
  const plain = words.map((w) => w.replace(/"/gu, ""));
  return plain.length && plain.every((w) => t.includes(w)) ? 1 : 0;
}

/** Title matches over mentions: among the first results ({id, data} with Pagefind's data loaded),
 * pages whose title holds the whole query come first, then those whose title holds every word;
 * otherwise Pagefind's order stays. */
export function titleFirst(loaded, query, domainWords = []) {
  const words = contentWords(domainSplit(query, domainWords));
  return loaded
    .map((item, i) => ({ item, i, rank: titleRank(item.data.meta && item.data.meta.title, query, words) }))
    .sort((a, b) => b.rank - a.rank || a.i - b.i)
    .map((x) => x.item);
}
