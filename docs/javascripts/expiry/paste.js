// Paste import: lines of "type, date[, resolved date][ *count]" into rows. Pure ES module (browser and node).

import { parseDate } from "./compute.js";
import { MAX_COUNT, MAX_PASTE, MAX_PASTE_LINES } from "./limits.js";
import { message, titleOf } from "./text.js";

const PASTE_DATE = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/g;
const norm = (s) => String(s).toLowerCase().replace(/[\s\u3000:：,，;；|「」“”"'()（）—–\-_.。、]+/g, "");

/**
 * Find a type id from an id, a title in either language, or a distinctive part of a title
 * ("发明专利", "utility patent"): case, spaces and punctuation ignored.
 * Returns {id} for one match, {options: [ids]} when the words fit several types, or {} for none.
 */
export function findType(label, rules) {
  const types = rules && rules.types ? rules.types : {};
  const key = norm(label);
  if (!key) return {};
  const ids = Object.keys(types);
  const names = (id) => [id, titleOf(rules, "types", id, "zh"), titleOf(rules, "types", id, "en")].map(norm);
  const exact = ids.find((id) => names(id).includes(key));
  if (exact) return { id: exact };
  // A part of a title: at least two Chinese characters or four letters, and only one type may contain it.
  if (Array.from(key).length < (/^[\x20-\x7e]+$/.test(key) ? 4 : 2)) return {};
  const partial = ids.filter((id) => names(id).some((n) => n.includes(key)));
  if (partial.length === 1) return { id: partial[0] };
  return partial.length ? { options: partial } : {};
}

/** The type id for a label, or null (kept for callers that only want a yes/no answer). */
export function matchType(label, rules) {
  return findType(label, rules).id || null;
}

/**
 * Parse pasted lines: "type id or title, date[, resolved date][ *count]" per line.
 * Returns {items, problems}. Empty lines and lines starting with # are skipped. Oversized pastes are refused
 * (or cut to the first lines) with a message before any line is read.
 */
export function parsePaste(text, rules, lang = "zh") {
  const items = [];
  const problems = [];
  const all = String(text || "");
  if (all.length > MAX_PASTE) return { items, problems: [message("pasteTooLong", { n: all.length, max: MAX_PASTE })] };
  let lines = all.split(/\r\n|\r|\n/);
  if (lines.length > MAX_PASTE_LINES) {
    problems.push(message("pasteTooManyLines", { n: lines.length, max: MAX_PASTE_LINES }));
    lines = lines.slice(0, MAX_PASTE_LINES);
  }
  lines.forEach((line, i) => {
    const n = i + 1;
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith("#")) return;
    const dates = [...trimmed.matchAll(PASTE_DATE)];
    if (!dates.length) {
      problems.push(message("pasteLine", { n }));
      return;
    }
    const label = trimmed.slice(0, dates[0].index).replace(/[\s,，;；:：|\t]+$/, "");
    const found = findType(label, rules);
    if (found.options) {
      const options = found.options.map((id) => `“${titleOf(rules, "types", id, lang)}”`).join(lang === "en" ? ", " : "、");
      problems.push(message("pasteAmbiguous", { n, value: label, options }));
      return;
    }
    if (!found.id) {
      problems.push(message("pasteType", { n, value: label }));
      return;
    }
    const iso = dates.slice(0, 2).map((m) => `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`);
    const bad = iso.find((d) => typeof parseDate(d) !== "number");
    if (bad) {
      problems.push(message(parseDate(bad) === "range" ? "pasteRange" : "pasteDate", { n, value: bad }));
      return;
    }
    const last = dates[dates.length - 1];
    const rest = trimmed.slice(last.index + last[0].length);
    const cm = /[*x×]\s*(\d{1,4})\s*$/i.exec(rest);
    const count = cm ? Math.min(MAX_COUNT, Math.max(1, Number(cm[1]))) : 1;
    items.push({ type: found.id, date: iso[0], resolved_on: iso[1] ?? null, deactivated_on: null, count, repeat: false });
  });
  return { items, problems };
}
