// decodeNotice(text, rules): what a pasted Amazon notice is. The JavaScript twin of kb_build/notice.py
// (`python -m kb_build notice`); both read /api/v1/notice-rules.json and print the same JSON for the
// fixtures in tests/fixtures/notices/. Pure ES module: runs in the browser and under node.

import { fold, plain } from "./fold.js";
import { asins, complaintIds, dates, deadlines, emails, marketplace } from "./extract.js";

export const MAX_TEXT = 200000;
const RANK = { "before-cause": 0, cause: 1, "after-cause": 2 };

function scoreKinds(text, rules) {
  const [folded, where] = fold(text);
  const scored = [];
  let evidence = [];
  rules.order.forEach((kid, order) => {
    const kind = rules.kinds[kid];
    let points = 0;
    const found = [];
    for (const phrase of kind.phrases) {
      const key = phrase.folded;
      const at = key ? folded.indexOf(key) : -1;
      if (at < 0) continue;
      points += phrase.weight;
      if (phrase.weight > 0) {
        const start = where[at];
        const end = where[at + key.length - 1] + 1;
        found.push({ kind: kid, phrase: phrase.text, start, end, text: text.slice(start, end) });
      }
    }
    if (points >= kind.threshold) {
      scored.push([points, order, kid]);
      evidence = evidence.concat(found);
    }
  });
  scored.sort((a, b) => RANK[rules.kinds[a[2]].position] - RANK[rules.kinds[b[2]].position] || b[0] - a[0] || a[1] - b[1]);
  const kinds = scored.map((s) => s[2]);
  evidence.sort((a, b) => a.start - b.start || a.end - b.end || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  return [kinds, evidence];
}

/** The decoder's output for one notice (see kb_build/notice.py for the contract). */
export function decodeNotice(text, rules) {
  const t = typeof text === "string" ? text.slice(0, MAX_TEXT) : "";
  const [kinds, evidence] = scoreKinds(t, rules);
  const flat = plain(t);
  return {
    kinds,
    marketplace: kinds.length ? marketplace(flat, rules) : null,
    asins: asins(flat),
    complaint_ids: complaintIds(flat),
    emails: emails(flat, rules),
    deadlines_days: deadlines(flat),
    dates: dates(flat),
    evidence,
  };
}
