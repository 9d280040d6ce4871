// What the results mean over time: per-group counts and the score forecast. Pure ES module (browser and node).
// The forecast refuses to draw a line rather than draw a reassuring one it cannot back:
// never while a repeat-violation limit is reached, never with points the reader did not enter.

import { BANDS, MAX_SCORE } from "./limits.js";

export function band(score) {
  if (score >= BANDS.healthy) return "healthy";
  if (score >= BANDS.risk) return "risk";
  return "critical";
}

/** Repeat groups at or over their limit today: [{gid, count, limit, under}] in group id order. */
export function groupsAtLimit(result) {
  if (!result || result.errors) return [];
  return Object.keys(result.repeat_groups)
    .sort()
    .map((gid) => ({ gid, ...result.repeat_groups[gid] }))
    .filter((g) => g.count_today >= g.limit)
    .map((g) => ({ gid: g.gid, count: g.count_today, limit: g.limit, under: g.under_limit_on }));
}

/**
 * The counting violations of one repeat group, as steps [{date, value}] on the result's timeline dates.
 */
export function groupSteps(result, input, rules, gid) {
  const ends = [];
  result.violations.forEach((v, i) => {
    const t = rules.types[input.violations[i].type];
    if (v.counting && t && t.repeat_group === gid) ends.push(v.expires_on);
  });
  ends.sort();
  let k = 0;
  return result.timeline.map((p) => {
    while (k < ends.length && ends[k] <= p.date) k++;
    return { date: p.date, value: ends.length - k };
  });
}

/** The types of counting violations that have no points entered, in first-seen order. */
export function missingCosts(result, input, cost) {
  const out = [];
  result.violations.forEach((v, i) => {
    const type = input.violations[i].type;
    if (v.counting && !Number.isFinite(cost[type]) && !out.includes(type)) out.push(type);
  });
  return out;
}

/**
 * The score forecast: {status, series, groups, missing}.
 *   status "none"    no score entered (or the input has errors): nothing to show;
 *          "limit"   a repeat limit is reached: `groups` says which, no series;
 *          "unknown" points are missing for the types in `missing`, no series;
 *          "ok"      `series` = [{date, score}] from today: when a violation stops counting its points come back.
 */
export function forecast(result, input, score, cost) {
  const none = { status: "none", series: [], groups: [], missing: [] };
  if (score === null || score === undefined || !result || result.errors) return none;
  const groups = groupsAtLimit(result);
  if (groups.length) return { ...none, status: "limit", groups };
  const missing = missingCosts(result, input, cost || {});
  if (missing.length) return { ...none, status: "unknown", missing };
  return { ...none, status: "ok", series: scoreSeries(result, input, score, cost) };
}

/** [{date, score}] on each timeline date, from `score` today, capped at MAX_SCORE. */
export function scoreSeries(result, input, score, cost) {
  const back = new Map();
  result.violations.forEach((v, i) => {
    if (!v.counting) return;
    const pts = Number(cost[input.violations[i].type]) || 0;
    back.set(v.expires_on, (back.get(v.expires_on) || 0) + pts);
  });
  let s = score;
  return result.timeline.map((p, i) => {
    if (i > 0) s = Math.min(MAX_SCORE, s + (back.get(p.date) || 0));
    return { date: p.date, score: s };
  });
}
