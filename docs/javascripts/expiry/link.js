// The calculator's state and its link (URL fragment) codec. Pure ES module (no DOM): browser and node.
//
// State: {today: "YYYY-MM-DD" | null (null: the reader's today), items: [row], score: number | null, cost: {type: points}}
//   row: {type, date, resolved_on, deactivated_on, count, repeat}; identical violations are one row with a count.
//
// Fragment format, version 1 (links written before the deactivation date and the repeat flag still read the same):
//   #v=1[&today=YYYY-MM-DD]&items=ITEM,...[&score=N][&cost=TYPE:POINTS,...]
//   ITEM = TYPE:DATE[:RESOLVED][~DEACTIVATED][*COUNT][!]     ("!" = marked as a repeat on Account Health)

import { parseDate } from "./compute.js";
import { MAX_COUNT, MAX_VIOLATIONS, MAX_ROWS, MAX_SCORE, MAX_FRAGMENT, MAX_FRAGMENT_ITEMS } from "./limits.js";
import { message } from "./text.js";

export const FRAGMENT_VERSION = "1";

const has = (obj, key) => obj !== null && typeof obj === "object" && Object.prototype.hasOwnProperty.call(obj, key);
const D = "(\\d{4}-\\d{2}-\\d{2})";
const ITEM_RE = new RegExp(`^([a-z0-9]+(?:-[a-z0-9]+)*):${D}(?::${D})?(?:~${D})?(?:\\*(\\d{1,6}))?(!)?$`);
const COST_RE = /^([a-z0-9]+(?:-[a-z0-9]+)*):(\d{1,6})$/;

export function emptyState(today = null) {
  return { today, items: [], score: null, cost: {} };
}

/** A row with every field present and defaulted. */
export function makeItem({ type, date, resolved_on = null, deactivated_on = null, count = 1, repeat = false }) {
  return { type, date, resolved_on: resolved_on || null, deactivated_on: deactivated_on || null, count: count || 1, repeat: Boolean(repeat) };
}

const itemKey = (it) => [it.type, it.date, it.resolved_on || "", it.deactivated_on || "", it.repeat ? 1 : 0].join("|");

export const totalCount = (items) => items.reduce((sum, it) => sum + (it.count || 1), 0);

/**
 * Add rows to `items` (in place), merging a row identical to an existing one into its count.
 * Returns the problem key that stopped it ("tooMany" or "tooManyRows"), or null when everything fit.
 */
export function mergeItems(items, more) {
  const index = new Map(items.map((it, i) => [itemKey(it), i]));
  let total = totalCount(items);
  for (const raw of more) {
    const it = makeItem(raw);
    if (total + it.count > MAX_VIOLATIONS) return "tooMany";
    const at = index.get(itemKey(it));
    if (at !== undefined && items[at].count + it.count <= MAX_COUNT) {
      items[at].count += it.count;
    } else {
      if (items.length >= MAX_ROWS) return "tooManyRows";
      index.set(itemKey(it), items.length);
      items.push(it);
    }
    total += it.count;
  }
  return null;
}

function decode(value, key, problems) {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    problems.push(message("encoding", { key }));
    return null;
  }
}

const dateProblem = (value) => (parseDate(value) === "range" ? "itemRange" : "itemDate");

/**
 * Parse a fragment ("#v=1&..." or "v=1&...") into {state, problems, present}.
 * Never throws; anything malformed is dropped and reported. `present` is false for an empty fragment.
 * The size caps are checked before any splitting, so a hostile link costs next to nothing.
 */
export function parseFragment(fragment, rules) {
  const state = emptyState();
  const problems = [];
  let text = typeof fragment === "string" ? fragment : "";
  if (text.startsWith("#")) text = text.slice(1);
  if (!text.trim()) return { state, problems, present: false };
  if (text.length > MAX_FRAGMENT) return { state, problems: [message("tooLong", { n: text.length, max: MAX_FRAGMENT })], present: true };
  const params = new Map();
  for (const part of text.split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = decode(eq < 0 ? "" : part.slice(eq + 1), key, problems);
    if (value !== null && !params.has(key)) params.set(key, value);
  }
  const version = params.get("v");
  if (version !== FRAGMENT_VERSION) {
    problems.push(message("version", { value: version ?? "" }));
    return { state, problems, present: true };
  }
  const types = rules && typeof rules.types === "object" && rules.types ? rules.types : {};
  if (params.has("today")) {
    const today = params.get("today");
    const parsed = parseDate(today);
    if (typeof parsed === "number") state.today = today;
    else problems.push(message(parsed === "range" ? "todayRange" : "today", { value: today }));
  }
  let rawItems = (params.get("items") || "").split(",").filter((s) => s.trim() !== "");
  if (rawItems.length > MAX_FRAGMENT_ITEMS) {
    problems.push(message("tooManyItems", { n: rawItems.length, max: MAX_FRAGMENT_ITEMS }));
    rawItems = rawItems.slice(0, MAX_FRAGMENT_ITEMS);
  }
  const rows = [];
  for (let i = 0; i < rawItems.length; i++) {
    const raw = rawItems[i].trim();
    const n = i + 1;
    const m = ITEM_RE.exec(raw);
    if (!m) {
      problems.push(message("item", { n, value: raw }));
      continue;
    }
    const [, type, date, resolved, deactivated, countText, bang] = m;
    if (!has(types, type)) {
      problems.push(message("itemType", { n, value: type }));
      continue;
    }
    const bad = [date, resolved, deactivated].find((d) => d !== undefined && typeof parseDate(d) !== "number");
    if (bad !== undefined) {
      problems.push(message(dateProblem(bad), { n, value: bad }));
      continue;
    }
    const count = countText === undefined ? 1 : Number(countText);
    if (count < 1 || count > MAX_COUNT) {
      problems.push(message("itemCount", { n, max: MAX_COUNT }));
      continue;
    }
    rows.push({ type, date, resolved_on: resolved ?? null, deactivated_on: deactivated ?? null, count, repeat: bang === "!" });
  }
  const stopped = mergeItems(state.items, rows);
  if (stopped) problems.push(message(stopped, { max: stopped === "tooMany" ? MAX_VIOLATIONS : MAX_ROWS }));
  if (params.has("score") && params.get("score") !== "") {
    const s = params.get("score");
    if (/^\d{1,4}$/.test(s) && Number(s) <= MAX_SCORE) state.score = Number(s);
    else problems.push(message("score", { value: s }));
  }
  const costs = (params.get("cost") || "").split(",").filter((s) => s.trim() !== "");
  for (const raw of costs.slice(0, MAX_FRAGMENT_ITEMS)) {
    const m = COST_RE.exec(raw.trim());
    if (!m || !has(types, m[1]) || Number(m[2]) > MAX_SCORE) {
      problems.push(message("cost", { value: raw }));
      continue;
    }
    state.cost[m[1]] = Number(m[2]);
  }
  return { state, problems, present: true };
}

/** The fragment (without "#") for a state. `today` is written only when it was chosen (not the reader's today). */
export function formatFragment(state) {
  const parts = [`v=${FRAGMENT_VERSION}`];
  if (state.today) parts.push(`today=${state.today}`);
  const items = state.items.map((it) => {
    let s = `${it.type}:${it.date}`;
    if (it.resolved_on) s += `:${it.resolved_on}`;
    if (it.deactivated_on) s += `~${it.deactivated_on}`;
    if (it.count && it.count !== 1) s += `*${it.count}`;
    if (it.repeat) s += "!";
    return s;
  });
  parts.push(`items=${items.join(",")}`);
  if (state.score !== null && state.score !== undefined) parts.push(`score=${state.score}`);
  const costs = Object.keys(state.cost || {})
    .filter((t) => Number.isFinite(state.cost[t]))
    .map((t) => `${t}:${state.cost[t]}`);
  if (costs.length) parts.push(`cost=${costs.join(",")}`);
  return parts.join("&");
}

/**
 * The computeExpiry input for a state as of `today` (the state's own date wins): rows with a count are repeated.
 * Returns {input, rowOf, firstOf}: rowOf[i] is the row of violation i, firstOf[row] its first violation.
 */
export function expandState(state, today) {
  const violations = [];
  const rowOf = [];
  const firstOf = [];
  state.items.forEach((it, row) => {
    firstOf.push(violations.length);
    const v = { type: it.type, date: it.date };
    if (it.resolved_on) v.resolved_on = it.resolved_on;
    if (it.deactivated_on) v.deactivated_on = it.deactivated_on;
    if (it.repeat) v.repeat = true; // not read by computeExpiry (extra keys are ignored); the exports show it
    for (let k = 0; k < (it.count || 1); k++) {
      violations.push(k ? { ...v } : v);
      rowOf.push(row);
    }
  });
  return { input: { today: state.today || today, violations }, rowOf, firstOf };
}
