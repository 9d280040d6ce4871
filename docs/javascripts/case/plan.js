// From confirmed items to the case: when each violation stops counting (expiry/compute.js with the rules from
// /api/v1/expiry-rules.json), when repeat counts fall under their limit, and a dated plan whose every step
// links to the entry that explains it. Pure ES module (browser and node).

import { computeExpiry, dayNumber, isoFromDays } from "../expiry/compute.js";

const WHEN_ORDER = { today: 0, "72h": 1, week: 2, deadline: 3, day180: 4 };
const OFFSET = { today: 0, "72h": 3, week: 7 };
const DONE = new Set(["retracted", "resolved"]);

/** The expiry input for the items that count toward the AHR (others have no expiry). */
export function expiryInput(items, expiryRules, today) {
  const t = dayNumber(today);
  const rows = [];
  items.forEach((it, index) => {
    if (!it.kind || !it.date || !expiryRules.types[it.kind] || dayNumber(it.date) > t) return;
    let deactivated = it.deactivated_on;
    if (deactivated && (dayNumber(deactivated) < dayNumber(it.date) || dayNumber(deactivated) > t)) deactivated = null;
    let resolved = DONE.has(it.status) ? it.resolved_on || today : null;
    if (resolved && (dayNumber(resolved) < dayNumber(it.date) || dayNumber(resolved) > t)) resolved = today;
    rows.push({ index, v: { type: it.kind, date: it.date, deactivated_on: deactivated, resolved_on: resolved, repeat: it.repeat } });
  });
  return { rows, input: { today, violations: rows.map((r) => r.v) } };
}

function stepsFor(it, index, kid, rules, today, expires) {
  const kind = Object.prototype.hasOwnProperty.call(rules.kinds, kid) ? rules.kinds[kid] : null;
  if (!kind) return [];
  const t = dayNumber(today);
  const out = [];
  const done = DONE.has(it.status);
  for (const step of kind.plan) {
    if (done && step.when !== "day180") continue;
    if (it.status === "appealed" && (step.when === "today" || step.when === "72h")) continue;
    const base = { index, kind: kid, when: step.when, text: step.text, ref: step.ref, ref_title: step.ref_title,
      url: step.url, source: step.source };
    if (step.when in OFFSET) out.push({ ...base, date: isoFromDays(t + OFFSET[step.when]) });
    else if (step.when === "deadline") {
      const stated = it.deadlines.length > 0;
      for (const days of stated ? it.deadlines : kind.deadlines_days) {
        const due = dayNumber(it.date) + days;
        out.push({ ...base, date: isoFromDays(due), days, usual: !stated, overdue: due < t });
      }
    } else if (step.when === "day180") {
      const end = expires || isoFromDays(dayNumber(it.deactivated_on || it.date) + 180);
      out.push({ ...base, date: end, overdue: dayNumber(end) < t });
    }
  }
  return out;
}

/** {expiry, rows, groups: [{id, limit, count, under_on}], steps: [...sorted by date]} for a list of items. */
export function buildCase(items, rules, expiryRules, today) {
  const { rows, input } = expiryInput(items, expiryRules, today);
  const expiry = rows.length ? computeExpiry(input, expiryRules) : { violations: [], repeat_groups: {}, all_clear_on: null };
  const expiresOf = new Map();
  if (!expiry.errors) rows.forEach((r, i) => expiresOf.set(r.index, expiry.violations[i]));
  const steps = [];
  items.forEach((it, index) => {
    if (!it.kind || !it.date) return;
    const ex = expiresOf.get(index);
    for (const kid of [it.kind, ...it.account]) steps.push(...stepsFor(it, index, kid, rules, today, ex ? ex.expires_on : null));
  });
  const seen = new Set();
  const unique = steps.filter((s) => {
    const key = `${s.date}|${s.when}|${s.ref}|${s.text.en}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  unique.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) || WHEN_ORDER[a.when] - WHEN_ORDER[b.when] || a.index - b.index);
  const groups = Object.entries(expiry.repeat_groups || {}).map(([id, g]) => ({ id, limit: g.limit, count: g.count_today,
    under_on: g.under_limit_on, at_limit: g.count_today >= g.limit }));
  return { expiry, expiresOf, groups, steps: unique, errors: expiry.errors || [] };
}
