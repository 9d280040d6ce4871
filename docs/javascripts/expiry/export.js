// Exports: an iCalendar file (RFC 5545) and a CSV table. Pure ES module (browser and node).
// Every text value goes through one encoder per format: icsText() + foldLine() for .ics, csvCell() for CSV.

import { dayNumber, isoFromDays } from "./compute.js";
import { ICS_TEXT, CSV_TEXT, fill, titleOf, langOf } from "./text.js";

const enc = new TextEncoder();

/**
 * An RFC 5545 TEXT value: backslash, ";" and "," escaped; every line break (CRLF, a lone CR or LF, U+2028/9)
 * becomes "\n"; other control characters (which TEXT does not allow) are dropped.
 */
export function icsText(value) {
  return String(value)
    .replace(/\r\n|[\r\n\u2028\u2029]/g, "\n")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "") // eslint-disable-line no-control-regex
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\n/g, "\\n");
}

/** Fold a content line at 75 octets (RFC 5545 §3.1) without splitting a character. */
export function foldLine(line) {
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

const icsDate = (iso) => iso.replace(/-/g, "");
const uidPart = (s) => String(s).replace(/[^A-Za-z0-9-]/g, "_").slice(0, 60);

/**
 * An iCalendar file with an all-day event (and a same-day 09:00 reminder) on each expiry date of a counting
 * violation and on each date a repeat group at or over its limit falls under it. `stamp` is the DTSTAMP
 * (YYYYMMDDTHHMMSSZ). Without a result (input errors) the calendar has no events.
 */
export function buildIcs(result, input, rules, lang, stamp) {
  const L = langOf(lang);
  const T = ICS_TEXT[L];
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:-//Account Health KB//Expiry calculator//${L.toUpperCase()}`,
    "CALSCALE:GREGORIAN", "METHOD:PUBLISH", `X-WR-CALNAME:${icsText(T.calendar)}`];
  const event = (uid, date, summary, description) => {
    const end = isoFromDays(dayNumber(date) + 1);
    lines.push("BEGIN:VEVENT", `UID:${uidPart(uid)}@expiry.account-health-kb`, `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${icsDate(date)}`, `DTEND;VALUE=DATE:${icsDate(end)}`, `SUMMARY:${icsText(summary)}`,
      `DESCRIPTION:${icsText(description)}`, "TRANSP:TRANSPARENT",
      "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER;RELATED=START:PT9H", `DESCRIPTION:${icsText(summary)}`, "END:VALARM",
      "END:VEVENT");
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
      const detail = [...counts].map(([t, n]) => fill(T.line, { title: titleOf(rules, "types", t, L), n })).join("\n");
      event(`expire-${icsDate(date)}`, date, fill(T.expire, { n: list.length }), `${detail}\n\n${T.note}`);
    }
    for (const gid of Object.keys(result.repeat_groups).sort()) {
      const g = result.repeat_groups[gid];
      if (g.count_today < g.limit) continue;
      const group = titleOf(rules, "repeat_groups", gid, L);
      event(`under-${gid}-${icsDate(g.under_limit_on)}`, g.under_limit_on, fill(T.under, { group, limit: g.limit }), T.note);
    }
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

/**
 * One CSV cell (RFC 4180): quoted when it holds a quote, comma or line break; a value a spreadsheet would run as
 * a formula (starting, after any spaces, with = + - @, or starting with a tab or CR) gets a leading apostrophe.
 */
export function csvCell(value) {
  let s = value === null || value === undefined ? "" : String(value);
  if (/^[\t\r]|^\s*[=+\-@＝＋－＠]/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The results as CSV: one row per violation, CRLF line ends, no BOM (the page adds one for Excel). */
export function buildCsv(result, input, rules, lang) {
  const L = langOf(lang);
  const T = CSV_TEXT[L];
  const rows = [T.head];
  if (result && !result.errors) {
    result.violations.forEach((v, i) => {
      const it = input.violations[i];
      rows.push([it.type, titleOf(rules, "types", it.type, L), it.date, it.deactivated_on || "", it.resolved_on || "",
        v.expires_on, v.days_left, v.counting ? T.yes : T.no, it.repeat ? T.yes : T.no]);
    });
  }
  return rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
