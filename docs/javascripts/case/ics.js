// The case as an iCalendar file (RFC 5545): one all-day event per plan step, each expiry and each date a repeat
// group falls under its limit, with reminders (VALARM) three days and one day before every deadline. Text goes
// through the calculator's encoder (icsText + foldLine from expiry/export.js). Pure ES module.

import { dayNumber, isoFromDays } from "../expiry/compute.js";
import { icsText, foldLine } from "../expiry/export.js";
import { CASE_TEXT, fillText } from "./text.js";

const icsDate = (iso) => iso.replace(/-/g, "");
const uidPart = (s) => String(s).replace(/[^A-Za-z0-9-]/g, "_").slice(0, 60);

/** The .ics text. `stamp` is the DTSTAMP (YYYYMMDDTHHMMSSZ); `c` is buildCase()'s result. */
export function buildCaseIcs(c, items, rules, expiryRules, lang, stamp) {
  const T = CASE_TEXT[lang];
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:-//Account Health KB//Case assistant//${lang.toUpperCase()}`,
    "CALSCALE:GREGORIAN", "METHOD:PUBLISH", `X-WR-CALNAME:${icsText(T.calendar)}`];
  const storeOf = (i) => (items[i] && items[i].store ? `[${items[i].store}] ` : "");
  const event = (uid, date, summary, description, alarms) => {
    lines.push("BEGIN:VEVENT", `UID:${uidPart(uid)}@case.account-health-kb`, `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${icsDate(date)}`, `DTEND;VALUE=DATE:${icsDate(isoFromDays(dayNumber(date) + 1))}`,
      `SUMMARY:${icsText(summary)}`, `DESCRIPTION:${icsText(description)}`, "TRANSP:TRANSPARENT");
    for (const trigger of alarms) {
      lines.push("BEGIN:VALARM", "ACTION:DISPLAY", `TRIGGER;RELATED=START:${trigger}`, `DESCRIPTION:${icsText(summary)}`,
        "END:VALARM");
    }
    lines.push("END:VEVENT");
  };
  c.steps.forEach((s, n) => {
    const title = rules.kinds[s.kind] ? rules.kinds[s.kind].title[lang] : s.kind;
    const summary = `${storeOf(s.index)}${s.when === "deadline" ? T.deadline_prefix : ""}${title}: ${s.text[lang]}`;
    const source = s.source ? `\n${T.source}: ${s.source.title} ${s.source.url}` : "";
    const alarms = s.when === "deadline" ? ["-P3D", "-P1D", "PT9H"] : ["PT9H"];
    event(`step-${n}-${s.when}-${icsDate(s.date)}`, s.date, summary, `${s.ref_title ? s.ref_title[lang] : s.ref}${source}`, alarms);
  });
  items.forEach((it, i) => {
    const ex = c.expiresOf.get(i);
    if (!ex || !ex.counting) return;
    const title = expiryRules.types[it.kind] ? expiryRules.types[it.kind].title[lang] : it.kind;
    event(`expire-${i}-${icsDate(ex.expires_on)}`, ex.expires_on, `${storeOf(i)}${fillText(T.expires, { title })}`, T.note, ["PT9H"]);
  });
  for (const g of c.groups) {
    if (!g.at_limit) continue;
    const group = expiryRules.repeat_groups[g.id] ? expiryRules.repeat_groups[g.id].title[lang] : g.id;
    event(`under-${g.id}-${icsDate(g.under_on)}`, g.under_on, fillText(T.under, { group, limit: g.limit }), T.note, ["PT9H"]);
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
