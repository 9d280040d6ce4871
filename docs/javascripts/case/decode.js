// decodeNotice(text, rules): what a pasted Amazon notice is. The JavaScript twin of kb_build/notice.py
// (`python -m kb_build notice`); both read /api/v1/notice-rules.json and print the same JSON for the
// fixtures in tests/fixtures/notices/. Pure ES module: runs in the browser and under node.

import { fold, plain } from "./fold.js";
import { asins, complaintIds, dates, deadlines, emails, marketplace } from "./extract.js";

export const MAX_TEXT = 200000;
const RANK = { "before-cause": 0, cause: 1, "after-cause": 2 };

// All capitals (a forum poster's "POLICY WARNING EMAIL"), not Amazon's sentence case: half weight.
const isHeading = (span) => /[A-Z]/.test(span) && !/[a-z]/.test(span);

function points(text, folded, where, kid, kind) {
  let total = 0;
  const found = [];
  for (const phrase of kind.phrases) {
    const key = phrase.folded;
    const at = key ? folded.indexOf(key) : -1;
    if (at < 0) continue;
    const start = where[at];
    const end = where[at + key.length - 1] + 1;
    const span = text.slice(start, end);
    let weight = phrase.weight;
    if (weight > 0 && isHeading(span)) weight = Math.floor(weight / 2);
    total += weight;
    if (weight > 0) found.push({ kind: kid, phrase: phrase.text, start, end, text: span });
  }
  return [total, found];
}

// Whether the text reads as a notice to a seller (one of rules.context: "your account", "您的账户"...):
// a blog naming a right gets no kind. No list: no check. As addressed() in kb_build/notice.py.
function addressed(folded, rules) {
  const context = rules.context || [];
  return !context.length || context.some((c) => folded.includes(c.folded));
}

// A deactivation names its cause, often in other words: once one is found, cause kinds need only
// rules.cause_fallback points (they still rank below full matches), as in kb_build/notice.py.
function scoreKinds(text, rules) {
  const [folded, where] = fold(text);
  const scored = [];
  let evidence = [];
  const weak = [];
  rules.order.forEach((kid, order) => {
    const kind = rules.kinds[kid];
    const [total, found] = points(text, folded, where, kid, kind);
    if (total >= kind.threshold) {
      scored.push([total, order, kid]);
      evidence = evidence.concat(found);
    } else if (kind.position === "cause" && total >= rules.cause_fallback) {
      weak.push([total, order, kid, found]);
    }
  });
  if (!scored.length || !addressed(folded, rules)) return [[], []];
  const positions = new Set(scored.map((s) => rules.kinds[s[2]].position));
  if (positions.has("after-cause")) {
    for (const w of weak) {
      scored.push(w.slice(0, 3));
      evidence = evidence.concat(w[3]);
    }
  }
  // A before-cause kind leads only when the notice is mainly about it: with fewer points than the best
  // cause (an FBA footer "create a removal order") it ranks among the causes, as in kb_build/notice.py.
  let bestCause = 0;
  for (const s of scored) if (rules.kinds[s[2]].position === "cause") bestCause = Math.max(bestCause, s[0]);
  const rank = (s) => {
    const r = RANK[rules.kinds[s[2]].position];
    return r === 0 && s[0] < bestCause ? 1 : r;
  };
  scored.sort((a, b) => rank(a) - rank(b) || b[0] - a[0] || a[1] - b[1]);
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
    deadlines_days: kinds.length ? deadlines(flat) : [],
    dates: dates(flat),
    evidence,
  };
}
