// The case: notices split out of one paste, the items the seller confirms, and the shared-link codec.
// Pure ES module (browser and node). The pasted text never goes into an item or a link: only the
// structured fields below do.

import { parseDate } from "../expiry/compute.js";
import { decodeNotice } from "./decode.js";

export const MAX_PASTE = 200000; // characters read from one paste (about 200 KB of notice text)
export const MAX_NOTICES = 20; // notices read from one paste
export const MAX_ITEMS = 50; // items in a case
export const STATUSES = ["open", "appealed", "retracted", "resolved"];
export const FRAGMENT_KEY = "case=";
const MAX_FRAGMENT = 20000;
const SEPARATOR = /\n[ \t]*(?:[-=_*~]{3,}|#{3,})[ \t]*(?=\n)/;
const GREETING = /\n[ \t]*\n(?=[ \t]*(?:Hello|Dear |Hi |Greetings from Amazon|尊敬的|亲爱的卖家|您好)[^\n]{0,80}\n)/;

/** Split one paste into notices: at separator lines (----, ====) and at a greeting after a blank line. */
export function splitNotices(text) {
  const messages = [];
  let body = typeof text === "string" ? text : "";
  if (body.length > MAX_PASTE) {
    messages.push({ key: "too_long", values: { n: MAX_PASTE } });
    body = body.slice(0, MAX_PASTE);
  }
  const parts = [];
  for (const block of body.replace(/\r\n?/g, "\n").split(SEPARATOR)) {
    for (const part of block.split(GREETING)) {
      if (part.trim()) parts.push(part.trim());
      if (parts.length > MAX_NOTICES) break;
    }
    if (parts.length > MAX_NOTICES) break;
  }
  if (parts.length > MAX_NOTICES) {
    messages.push({ key: "too_many", values: { n: MAX_NOTICES } });
    parts.length = MAX_NOTICES;
  }
  return { parts, messages };
}

const cause = (kinds, rules) => kinds.find((k) => rules.kinds[k] && rules.kinds[k].position === "cause");

/** One item per decoded notice: its main kind (the cause when it names one), dates, deadlines, store. */
export function itemFromDecoded(d, rules, today) {
  const kind = cause(d.kinds, rules) || d.kinds[0] || "";
  const past = d.dates.filter((x) => x <= today).sort();
  return normaliseItem({
    kind,
    date: past.length ? past[past.length - 1] : today,
    deactivated_on: null,
    store: d.marketplace || "",
    repeat: false,
    status: "open",
    deadlines: d.deadlines_days.slice(0, 10),
    account: d.kinds.filter((k) => k !== kind && rules.kinds[k] && rules.kinds[k].position !== "cause"),
  }, rules);
}

/** Read a paste: [{text, decoded, item}], plus messages for the page. */
export function readPaste(text, rules, today) {
  const { parts, messages } = splitNotices(text);
  const notices = parts.map((part) => {
    const decoded = decodeNotice(part, rules);
    return { text: part, decoded, item: decoded.kinds.length ? itemFromDecoded(decoded, rules, today) : null };
  });
  if (!notices.some((n) => n.item)) messages.push({ key: "no_notice", values: {} });
  return { notices, messages };
}

const isDate = (v) => typeof v === "string" && typeof parseDate(v) === "number";
const clip = (s, n) => String(s).replace(/[\u0000-\u001f\u007f]/g, " ").slice(0, n); // eslint-disable-line no-control-regex

/** A clean item: unknown kinds, bad dates and oversized values are dropped, never trusted. */
export function normaliseItem(raw, rules) {
  const r = raw && typeof raw === "object" ? raw : {};
  const kinds = rules && rules.kinds ? rules.kinds : {};
  const days = Array.isArray(r.deadlines) ? r.deadlines : [];
  const known = (k) => typeof k === "string" && Object.prototype.hasOwnProperty.call(kinds, k); // not "constructor"
  return {
    kind: known(r.kind) ? r.kind : "",
    date: isDate(r.date) ? r.date : null,
    deactivated_on: isDate(r.deactivated_on) ? r.deactivated_on : null,
    store: typeof r.store === "string" ? clip(r.store, 60) : "",
    repeat: r.repeat === true,
    status: STATUSES.includes(r.status) ? r.status : "open",
    resolved_on: isDate(r.resolved_on) ? r.resolved_on : null,
    deadlines: days.filter((n) => Number.isInteger(n) && n > 0 && n <= 3650).slice(0, 10),
    account: (Array.isArray(r.account) ? r.account : []).filter(known).slice(0, 6),
  };
}

const b64 = (s) => btoaUtf8(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

function btoaUtf8(s) {
  let bin = "";
  for (const byte of new TextEncoder().encode(s)) bin += String.fromCharCode(byte);
  return globalThis.btoa(bin);
}

function atobUtf8(s) {
  const bin = globalThis.atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  return new globalThis.TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** "#case=..." for a case: the structured items only (never the pasted text). */
export function formatFragment(items, today = null) {
  const data = { v: 1, items: items.map((it) => ({ ...it })) };
  if (today) data.today = today;
  return `#${FRAGMENT_KEY}${b64(JSON.stringify(data))}`;
}

/** Items (and the as-of date, when the link sets one) from a fragment; anything malformed is dropped. */
export function parseFragment(fragment, rules) {
  const s = String(fragment || "").replace(/^#/, "");
  if (!s.startsWith(FRAGMENT_KEY) || s.length > MAX_FRAGMENT) return { items: [], today: null, ok: !s };
  try {
    const data = JSON.parse(atobUtf8(s.slice(FRAGMENT_KEY.length)));
    const items = (Array.isArray(data.items) ? data.items : []).slice(0, MAX_ITEMS).map((it) => normaliseItem(it, rules));
    return { items: items.filter((it) => it.kind && it.date), today: isDate(data.today) ? data.today : null, ok: true };
  } catch {
    return { items: [], today: null, ok: false };
  }
}
