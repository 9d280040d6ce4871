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

/** The query's content words, as Pagefind would segment them, without stop words. */
export function contentWords(query) {
  const words = [];
  for (const piece of query.split(" ")) {
    const parts = segmenter ? [...segmenter.segment(piece)].filter((s) => s.isWordLike).map((s) => s.segment) : [piece];
    for (const word of parts) {
      if (!STOP.has(word) && !words.includes(word)) words.push(word);
    }
  }
  return words.slice(0, MAX_WORDS);
}

/** Pagefind results for `query`, best first (objects with id, score and data()). */
export async function rankedResults(pagefind, query) {
  const all = await pagefind.search(query);
  const results = all ? [...all.results] : [];
  const words = contentWords(query);
  if (results.length >= FEW || words.length < 2) return results;
  const seen = new Set(results.map((r) => r.id));
  const partial = new Map();
  for (const word of words) {
    const found = await pagefind.search(word);
    for (const r of found ? found.results : []) {
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
