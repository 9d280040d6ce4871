// State of the expiry calculator page: URL fragment, paste import, score forecast, .ics and CSV.
// Pure functions only (no DOM), so node can test them. Dependency-free ES module.
//
// Fragment format (version 1):
//   #v=1&today=YYYY-MM-DD&items=TYPE:DATE[:RESOLVED][*COUNT],...[&score=N][&cost=TYPE:POINTS,...]

import { parseDate, isoFromDays } from "./expiry.js";

export const FRAGMENT_VERSION = "1";
export const MAX_FRAGMENT = 200000;
export const MAX_COUNT = 1000;
export const MAX_VIOLATIONS = 5000;
export const MAX_SCORE = 1000;

const has = (obj, key) => obj !== null && typeof obj === "object" && Object.prototype.hasOwnProperty.call(obj, key);
const ITEM_RE = /^([a-z0-9]+(?:-[a-z0-9]+)*):(\d{4}-\d{2}-\d{2})(?::(\d{4}-\d{2}-\d{2}))?(?:\*(\d{1,6}))?$/;
const COST_RE = /^([a-z0-9]+(?:-[a-z0-9]+)*):(\d{1,6})$/;

const PROBLEMS = {
  version: { zh: "链接版本“{value}”不受支持，只支持 v=1。", en: "Link version '{value}' is not supported; only v=1 is." },
  tooLong: { zh: "链接太长，已忽略。", en: "The link is too long and was ignored." },
  encoding: { zh: "链接中“{key}”的编码无效，已忽略。", en: "The value of '{key}' in the link is not valid URL encoding and was ignored." },
  today: { zh: "链接中的计算日期“{value}”无效，已改用今天。", en: "The as-of date '{value}' in the link is not a real date; today is used instead." },
  item: { zh: "第 {n} 项“{value}”格式不对（应为 类型:日期[:解决日期][*数量]），已跳过。", en: "Item {n} '{value}' is not TYPE:DATE[:RESOLVED][*COUNT] and was skipped." },
  itemType: { zh: "第 {n} 项的违规类型“{value}”未知，已跳过。", en: "Item {n} has an unknown violation type '{value}' and was skipped." },
  itemDate: { zh: "第 {n} 项的日期“{value}”无效，已跳过。", en: "Item {n} has an impossible date '{value}' and was skipped." },
  itemCount: { zh: "第 {n} 项的数量必须在 1 到 {max} 之间，已跳过。", en: "Item {n} must have a count from 1 to {max}; it was skipped." },
  tooMany: { zh: "违规总数超过 {max} 条，其余已忽略。", en: "More than {max} violations in total; the rest were ignored." },
  score: { zh: "链接中的分数“{value}”无效（应为 0–1000 的整数），已忽略。", en: "The score '{value}' in the link is not a whole number from 0 to 1000 and was ignored." },
  cost: { zh: "扣分项“{value}”格式不对（应为 类型:分数），已忽略。", en: "The points entry '{value}' is not TYPE:POINTS and was ignored." },
  pasteLine: { zh: "第 {n} 行：找不到日期（YYYY-MM-DD）。", en: "Line {n}: no date (YYYY-MM-DD) found." },
  pasteType: { zh: "第 {n} 行：无法识别违规类型“{value}”。", en: "Line {n}: unknown violation type '{value}'." },
  pasteDate: { zh: "第 {n} 行：日期“{value}”无效。", en: "Line {n}: '{value}' is not a real date." },
};

/** A message in both languages, values cut to 80 characters. */
export function problem(key, values = {}) {
  const out = {};
  for (const lang of ["zh", "en"]) {
    out[lang] = PROBLEMS[key][lang].replace(/\{(\w+)\}/g, (whole, name) =>
      has(values, name) ? Array.from(String(values[name])).slice(0, 80).join("") : whole,
    );
  }
  return out;
}

export function emptyState(today = null) {
  return { today, items: [], score: null, cost: {} };
}

function decode(value, key, problems) {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    problems.push(problem("encoding", { key }));
    return null;
  }
}

/**
 * Parse a fragment ("#v=1&..." or "v=1&...") into {state, problems, present}.
 * Never throws; anything malformed is dropped and reported. `present` is false for an empty fragment.
 */
export function parseFragment(fragment, rules) {
  const state = emptyState();
  const problems = [];
  let text = typeof fragment === "string" ? fragment : "";
  if (text.startsWith("#")) text = text.slice(1);
  if (!text.trim()) return { state, problems, present: false };
  if (text.length > MAX_FRAGMENT) return { state, problems: [problem("tooLong")], present: true };
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
    problems.push(problem("version", { value: version ?? "" }));
    return { state, problems, present: true };
  }
  const types = rules && typeof rules.types === "object" && rules.types ? rules.types : {};
  if (params.has("today")) {
    const today = params.get("today");
    if (typeof parseDate(today) === "number") state.today = today;
    else problems.push(problem("today", { value: today }));
  }
  let total = 0;
  const rawItems = (params.get("items") || "").split(",").filter((s) => s.trim() !== "");
  for (let i = 0; i < rawItems.length; i++) {
    const raw = rawItems[i].trim();
    const n = i + 1;
    const m = ITEM_RE.exec(raw);
    if (!m) {
      problems.push(problem("item", { n, value: raw }));
      continue;
    }
    const [, type, date, resolved, countText] = m;
    if (!has(types, type)) {
      problems.push(problem("itemType", { n, value: type }));
      continue;
    }
    const bad = [date, resolved].find((d) => d !== undefined && typeof parseDate(d) !== "number");
    if (bad !== undefined) {
      problems.push(problem("itemDate", { n, value: bad }));
      continue;
    }
    const count = countText === undefined ? 1 : Number(countText);
    if (count < 1 || count > MAX_COUNT) {
      problems.push(problem("itemCount", { n, max: MAX_COUNT }));
      continue;
    }
    if (total + count > MAX_VIOLATIONS) {
      problems.push(problem("tooMany", { max: MAX_VIOLATIONS }));
      break;
    }
    total += count;
    state.items.push({ type, date, resolved_on: resolved ?? null, count });
  }
  if (params.has("score") && params.get("score") !== "") {
    const s = params.get("score");
    if (/^\d{1,4}$/.test(s) && Number(s) <= MAX_SCORE) state.score = Number(s);
    else problems.push(problem("score", { value: s }));
  }
  for (const raw of (params.get("cost") || "").split(",").filter((s) => s.trim() !== "")) {
    const m = COST_RE.exec(raw.trim());
    if (!m || !has(types, m[1]) || Number(m[2]) > MAX_SCORE) {
      problems.push(problem("cost", { value: raw }));
      continue;
    }
    state.cost[m[1]] = Number(m[2]);
  }
  return { state, problems, present: true };
}

/** The fragment (without "#") for a state. Only valid-looking items are written. */
export function formatFragment(state) {
  const parts = [`v=${FRAGMENT_VERSION}`];
  if (state.today) parts.push(`today=${state.today}`);
  const items = state.items.map((it) => {
    let s = `${it.type}:${it.date}`;
    if (it.resolved_on) s += `:${it.resolved_on}`;
    if (it.count && it.count !== 1) s += `*${it.count}`;
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

/** The computeExpiry input for a state: items with a count are repeated. Returns {input, rowOf}. */
export function expandState(state) {
  const violations = [];
  const rowOf = [];
  state.items.forEach((it, row) => {
    for (let k = 0; k < (it.count || 1); k++) {
      const v = { type: it.type, date: it.date };
      if (it.resolved_on) v.resolved_on = it.resolved_on;
      violations.push(v);
      rowOf.push(row);
    }
  });
  return { input: { today: state.today, violations }, rowOf };
}

// ---- paste import ----

const PASTE_DATE = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/g;
const norm = (s) => s.toLowerCase().replace(/[\s\u3000:：,，;；|「」“”"'()（）—–\-_]+/g, "");

/** Find a type id from an id or a title in either language (case, spaces and punctuation ignored). */
export function matchType(label, rules) {
  const types = rules && rules.types ? rules.types : {};
  const key = norm(label);
  if (!key) return null;
  for (const id of Object.keys(types)) {
    const t = types[id];
    const names = [id, t.title && t.title.zh, t.title && t.title.en].filter(Boolean);
    if (names.some((n) => norm(n) === key)) return id;
  }
  return null;
}

/**
 * Parse pasted lines: "type id or title, date[, resolved date][ *count]" per line.
 * Returns {items, problems}. Empty lines and lines starting with # are skipped.
 */
export function parsePaste(text, rules) {
  const items = [];
  const problems = [];
  const lines = String(text || "").split(/\r?\n/);
  lines.forEach((line, i) => {
    const n = i + 1;
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith("#")) return;
    const dates = [...trimmed.matchAll(PASTE_DATE)];
    if (!dates.length) {
      problems.push(problem("pasteLine", { n }));
      return;
    }
    const label = trimmed.slice(0, dates[0].index).replace(/[\s,，;；:：|\t]+$/, "");
    const type = matchType(label, rules);
    if (!type) {
      problems.push(problem("pasteType", { n, value: label }));
      return;
    }
    const iso = dates.slice(0, 2).map((m) => `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`);
    const bad = iso.find((d) => typeof parseDate(d) !== "number");
    if (bad) {
      problems.push(problem("pasteDate", { n, value: bad }));
      return;
    }
    const rest = trimmed.slice(dates[dates.length - 1].index + dates[dates.length - 1][0].length);
    const cm = /[*x×]\s*(\d{1,4})\s*$/i.exec(rest);
    const count = cm ? Math.min(MAX_COUNT, Math.max(1, Number(cm[1]))) : 1;
    items.push({ type, date: iso[0], resolved_on: iso[1] ?? null, count });
  });
  return { items, problems };
}

// ---- score forecast ----

/**
 * Estimated score on each day the count changes, from the score entered today:
 * when a violation stops counting, the points entered for its type come back (capped at 1000).
 * Returns [{date, score}] starting today, or [] without a score.
 */
export function scoreSeries(result, input, score, cost) {
  if (score === null || score === undefined || !result || result.errors) return [];
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

export function band(score) {
  if (score >= 200) return "healthy";
  if (score >= 100) return "risk";
  return "critical";
}

// ---- exports ----

const icsDate = (iso) => iso.replace(/-/g, "");
const icsText = (s) => String(s).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");

/** Fold a content line at 75 octets (RFC 5545 §3.1) without splitting a character. */
export function foldLine(line) {
  const enc = new TextEncoder();
  const out = [];
  let cur = "";
  let bytes = 0;
  for (const ch of line) {
    const b = enc.encode(ch).length;
    const limit = out.length ? 74 : 75;
    if (bytes + b > limit) {
      out.push(cur);
      cur = "";
      bytes = 0;
    }
    cur += ch;
    bytes += b;
  }
  out.push(cur);
  return out.join("\r\n ");
}

const ICS_TEXT = {
  expire: { zh: "{n} 条违规停止计入账户状况评级", en: "{n} violation(s) stop counting toward Account Health" },
  under: { zh: "{group}：回到上限以下（少于 {limit} 条）", en: "{group}: back under the limit (fewer than {limit})" },
  note: {
    zh: "按违规日期 + 计分窗口估算（通常 180 天）。未解决的违规是否会自动到期存在争议，请以卖家平台为准。",
    en: "Estimated as violation date + window (usually 180 days). Whether unresolved violations expire on their own is disputed; check Seller Central.",
  },
};
const fill = (s, values) => s.replace(/\{(\w+)\}/g, (w, k) => (has(values, k) ? String(values[k]) : w));

/**
 * An iCalendar file with an all-day event on each expiry date of a counting violation and on each
 * date a repeat group over its limit falls under it. `stamp` is the DTSTAMP (YYYYMMDDTHHMMSSZ).
 */
export function buildIcs(result, input, rules, lang, stamp) {
  const L = lang === "en" ? "en" : "zh";
  const title = (id) => (rules.types[id] && rules.types[id].title && rules.types[id].title[L]) || id;
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Account Health KB//Expiry calculator//" + L.toUpperCase(), "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
  const event = (uid, date, summary, description) => {
    const end = isoFromDays(parseDate(date) + 1);
    lines.push("BEGIN:VEVENT", `UID:${uid}@expiry.account-health-kb`, `DTSTAMP:${stamp}`, `DTSTART;VALUE=DATE:${icsDate(date)}`,
      `DTEND;VALUE=DATE:${icsDate(end)}`, `SUMMARY:${icsText(summary)}`, `DESCRIPTION:${icsText(description)}`, "TRANSP:TRANSPARENT", "END:VEVENT");
  };
  if (result && !result.errors) {
    const byDate = new Map();
    result.violations.forEach((v, i) => {
      if (!v.counting) return;
      if (!byDate.has(v.expires_on)) byDate.set(v.expires_on, []);
      byDate.get(v.expires_on).push(input.violations[i]);
    });
    for (const date of [...byDate.keys()].sort()) {
      const list = byDate.get(date);
      const counts = new Map();
      for (const v of list) counts.set(v.type, (counts.get(v.type) || 0) + 1);
      const detail = [...counts].map(([t, c]) => `${title(t)} × ${c}`).join("\n");
      event(`expire-${icsDate(date)}`, date, fill(ICS_TEXT.expire[L], { n: list.length }), `${detail}\n\n${ICS_TEXT.note[L]}`);
    }
    for (const gid of Object.keys(result.repeat_groups).sort()) {
      const g = result.repeat_groups[gid];
      if (g.count_today < g.limit) continue;
      const gt = (rules.repeat_groups[gid] && rules.repeat_groups[gid].title && rules.repeat_groups[gid].title[L]) || gid;
      event(`under-${gid}-${icsDate(g.under_limit_on)}`, g.under_limit_on, fill(ICS_TEXT.under[L], { group: gt, limit: g.limit }), ICS_TEXT.note[L]);
    }
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

const csvCell = (value) => {
  let s = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

const CSV_HEAD = {
  zh: ["类型", "名称", "违规日期", "解决日期", "停止计入日期", "剩余天数", "今天是否计入"],
  en: ["type", "title", "date", "resolved_on", "expires_on", "days_left", "counting"],
};

/** The results table as CSV (one row per violation, CRLF line ends, no BOM). */
export function buildCsv(result, input, rules, lang) {
  const L = lang === "en" ? "en" : "zh";
  const rows = [CSV_HEAD[L]];
  if (result && !result.errors) {
    result.violations.forEach((v, i) => {
      const it = input.violations[i];
      const t = rules.types[it.type];
      rows.push([it.type, (t && t.title && t.title[L]) || it.type, it.date, it.resolved_on || "", v.expires_on, v.days_left, v.counting ? (L === "zh" ? "是" : "yes") : L === "zh" ? "否" : "no"]);
    });
  }
  return rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
