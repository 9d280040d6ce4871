// The words of a query that say something about its topic. A seller's question carries question
// words, particles and filler ("被投诉了怎么办", "what do I do if my ...") that every long page
// has too: they are dropped before matching, the domain words are kept (and quoted whole).
// Kept free of DOM access so tests/js can run it under node.

export const MAX_WORDS = 8;

// Question phrases removed from the text before it is split into words: the segmenter cuts
// 怎么办 into 怎么 + 办 and 多少天 into 多少 + 天, so they are taken out whole, longest first.
const ZH_PHRASES = ["怎么回事", "怎么处理", "怎么解决", "怎么办", "怎么样", "怎么", "如何处理", "如何", "为什么",
  "什么样", "什么", "多少", "多久", "能不能", "会不会", "行不行", "可不可以", "是不是", "有没有", "要不要",
  "该不该", "还能", "一下", "请问", "求助", "吗", "呢", "吧", "啊", "呀"];
const PHRASE_RE = new RegExp(ZH_PHRASES.sort((a, b) => b.length - a.length).join("|"), "gu");

// Single words (as the segmenter yields them) that say nothing about the topic.
export const STOP = new Set(("的 了 着 过 是 在 和 与 或 就 也 都 要 被 把 让 给 对 会 能 该 还 又 再 " +
  "还是 我 我们 你 他 它 她 这 那 有 没 不 很 可以 需要 是否 自己 这个 那个 哪些 哪个 之后 以后 后 时候 " +
  "一个 这种 那种 已经 现在 结果 然后 如果 但是 因为 所以 应该 直接 " +
  "a an the of to in on for and or is are was were be been being am my me i we our us you your " +
  "do does did done doing how what whats which who whom where when why will would should could can " +
  "with after before about it its this that these those from at by as not no so if any there " +
  "have has had get got just still also then than into out up please help vs versus").split(" "));

const segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter("zh", { granularity: "word" }) : null;
const HAN = /\p{Script=Han}/u;

/** The query without Chinese question phrases and particles: "被投诉了怎么办" -> "被投诉了 ". */
export function withoutQuestion(query) {
  return query.replace(PHRASE_RE, " ").replace(/\s+/gu, " ").trim();
}

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

function pieces(part) {
  if (part.startsWith("\"") || !segmenter) return [part];
  return [...segmenter.segment(part)].filter((s) => s.isWordLike).map((s) => s.segment);
}

/** The query's content words, as Pagefind would segment them, without stop words. */
export function contentWords(parts) {
  const words = [];
  for (const part of parts) {
    for (const word of pieces(part)) {
      if (!STOP.has(word) && !words.includes(word)) words.push(word);
    }
  }
  return words.slice(0, MAX_WORDS);
}

/** The words to match for a normalised query: question phrases and stop words out, domain
 * words quoted. A query made only of such words keeps them (a search for "how" still runs). */
export function queryWords(query, domainWords = []) {
  const words = contentWords(domainSplit(withoutQuestion(query), domainWords));
  if (words.length) return words;
  return [...new Set(domainSplit(query, domainWords).flatMap(pieces))].slice(0, MAX_WORDS);
}

/** Runs of adjacent content pieces that the segmenter cut out of a Chinese word it does not know
 * (律师函 -> 律师 + 函, 弃号 -> 弃 + 号): lists of two or more pieces, one of them a single character. */
export function fragmentRuns(query, domainWords = []) {
  const runs = [];
  for (const part of domainSplit(withoutQuestion(query), domainWords)) {
    let run = [];
    const flush = () => {
      if (run.length >= 2 && run.some((w) => w.length === 1)) runs.push(run);
      run = [];
    };
    for (const word of pieces(part)) {
      if (HAN.test(word) && !word.startsWith("\"") && !STOP.has(word)) run.push(word);
      else flush();
    }
    flush();
  }
  return runs;
}

/** The phrases worth trying for a run, longest first: the whole run (up to 6 characters), then
 * each single character with its neighbour. */
export function phraseCandidates(run) {
  const out = run.join("").length <= 6 ? [run] : [];
  run.forEach((w, i) => {
    if (w.length !== 1) return;
    if (i > 0) out.push(run.slice(i - 1, i + 1));
    if (i + 1 < run.length) out.push(run.slice(i, i + 2));
  });
  return out;
}

/** Letters of `text` that carry meaning (Han characters count one each, other words by length). */
export function weightOf(text) {
  return [...String(text).replace(/["\s]/gu, "")].reduce((n, ch) => n + (HAN.test(ch) ? 1 : 0.5), 0);
}
