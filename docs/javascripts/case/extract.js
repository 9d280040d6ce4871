// What a notice says besides its kind: ASINs, complaint IDs, e-mails, deadlines, dates, the store.
// JavaScript twin of kb_build/notice_extract.py (same regular expressions, same order, same output).

import { lower } from "./fold.js";

const RUN = /[A-Z0-9]+/g;
const ASIN = /^B0[A-Z0-9]{8}$/;
const ISBN = /^[0-9]{9}[0-9X]$/;
const LABEL = /(asin|isbn)s?[^A-Za-z0-9_]{0,4}$/i;

export function asins(text) {
  const out = [];
  for (const m of text.matchAll(RUN)) {
    let run = m[0];
    for (const prefix of ["ASINS", "ASIN", "ISBN"]) {
      if (run.startsWith(prefix) && run.length > prefix.length) {
        run = run.slice(prefix.length);
        break;
      }
    }
    if (!run || run.length % 10) continue;
    const chunks = [];
    for (let i = 0; i < run.length; i += 10) chunks.push(run.slice(i, i + 10));
    const labelled = LABEL.test(text.slice(Math.max(0, m.index - 12), m.index)) || run.length !== m[0].length;
    const ok = chunks.every((c) => (ASIN.test(c) && !c.includes("XXXX")) || (labelled && ISBN.test(c)));
    if (ok) for (const c of chunks) if (!out.includes(c)) out.push(c);
  }
  return out;
}

const COMPLAINT = new RegExp(
  "(?:complaint|reference|infringement)\\s*(?:id|number|no\\.?|#)\\s*[:#]?\\s*([A-Za-z0-9][A-Za-z0-9-]{4,29})" +
    "|投诉\\s*(?:编号|id|ID|号)\\s*[:]?\\s*([A-Za-z0-9][A-Za-z0-9-]{4,29})" +
    "|(?:complaint|投诉)[^.!?\\n#]{0,24}#\\s*([0-9][A-Za-z0-9-]{4,29})", "gi");

export function complaintIds(text) {
  const out = [];
  for (const m of text.matchAll(COMPLAINT)) {
    const value = m[1] || m[2] || m[3];
    if (/[0-9]/.test(value) && !out.includes(value)) out.push(value);
  }
  return out;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
const MASK = /^[xX*.#_-]+$/;
const PLACEHOLDER = ["example.com", "example.org", "example.net", "domain.com"];
const strip = (s, chars) => {
  let a = 0;
  let b = s.length;
  while (a < b && chars.includes(s[a])) a++;
  while (b > a && chars.includes(s[b - 1])) b--;
  return s.slice(a, b);
};
const rstrip = (s, chars) => {
  let b = s.length;
  while (b > 0 && chars.includes(s[b - 1])) b--;
  return s.slice(0, b);
};
const byLength = (list) => [...list].sort((a, b) => b.length - a.length);

export function emails(text, rules) {
  const known = byLength(rules.amazon_emails || []);
  const domains = byLength(rules.amazon_domains || []);
  const out = [];
  for (const m of text.matchAll(EMAIL)) {
    const at = m[0].indexOf("@");
    let local = strip(m[0].slice(0, at), "._-");
    let domain = rstrip(lower(m[0].slice(at + 1)), ".-");
    const amazon = domains.find((d) => domain.startsWith(d));
    if (amazon !== undefined) {
      domain = amazon;
      const low = lower(local);
      local = known.find((k) => low.endsWith(k)) ?? local;
    }
    if (!local || MASK.test(local) || domain.split(".").some((part) => MASK.test(part))) continue;
    if (PLACEHOLDER.includes(domain) || domain.endsWith(".example")) continue;
    const address = `${local}@${domain}`;
    if (!out.includes(address)) out.push(address);
  }
  return out;
}

const EN_NUM = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, fourteen: 14, fifteen: 15, twenty: 20, thirty: 30, sixty: 60, ninety: 90 };
const EN_WORDS = byLength(Object.keys(EN_NUM)).join("|");
// Group 1: Amazon's own pace ("we will respond within 5 business days"), not the seller's deadline.
const OWN_PACE = "((?<![a-z])(?:(?:we|amazon)\\s*(?:will|'ll|aim\\s*to|should|try\\s*to|typically|usually)\\s*" +
  "(?:respond|reply|review|get\\s*back|contact|follow\\s*up|notify|send|update|investigate|e-?mail|be\\s*in\\s*touch" +
  "|let\\s*you\\s*know)|you\\s*(?:will|'ll|should)\\s*(?:hear|receive|get))[^.!?\\n]{0,80}?)?";
const EN_DEADLINE = new RegExp(OWN_PACE +
  "(?:within|in\\s*the\\s*next)\\s*(?:the\\s*next\\s*|the\\s*following\\s*|a\\s*period\\s*of\\s*)?" +
    `([0-9]{1,3}|${EN_WORDS})\\s*(?:\\(\\s*[0-9]{1,3}\\s*\\)\\s*)?(?:business\\s*|calendar\\s*|working\\s*)?` +
    "(hour|day|week|month)s?(?![a-z])|you\\s*have\\s*([0-9]{1,3})\\s*(day|hour)s?\\s*to", "gi");
const ZH_DIGITS = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const ZH_DEADLINE = /(最近|过去|近)?\s*([0-9]{1,3}|[一二两三四五六七八九十百]{1,5})\s*个?\s*(小时|工作日|天|日|周|星期|月)\s*(?:时间)?\s*(?:之内|以内|内)(的)?/g;
const UNIT = { hour: 0, 小时: 0, day: 1, 天: 1, 日: 1, 工作日: 1, week: 7, 周: 7, 星期: 7, month: 30, 月: 30 };

export function zhNumber(s) {
  if (/^[0-9]+$/.test(s)) return Number(s);
  let total = 0;
  let cur = 0;
  for (const ch of s) {
    if (ZH_DIGITS[ch] !== undefined) cur = ZH_DIGITS[ch];
    else if (ch === "十") { total += (cur || 1) * 10; cur = 0; }
    else if (ch === "百") { total += (cur || 1) * 100; cur = 0; }
  }
  total += cur;
  return total || null;
}

const toDays = (n, unit) => (UNIT[unit] === 0 ? Math.ceil(n / 24) : n * UNIT[unit]);

export function deadlines(text) {
  const found = new Set();
  for (const m of text.matchAll(EN_DEADLINE)) {
    let n;
    let unit;
    if (m[1]) continue;
    if (m[2]) {
      const word = lower(m[2]);
      n = /^[0-9]+$/.test(word) ? Number(word) : EN_NUM[word];
      unit = lower(m[3]);
    } else {
      n = Number(m[4]);
      unit = lower(m[5]);
    }
    if (n > 0) found.add(toDays(n, unit));
  }
  for (const m of text.matchAll(ZH_DEADLINE)) {
    const n = zhNumber(m[2]);
    if (m[1] || m[4] || !n) continue; // '最近90天内', '90天内的发票': a look-back window
    found.add(toDays(n, m[3]));
  }
  return [...found].filter((d) => d > 0 && d <= 3650).sort((a, b) => a - b);
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MON = "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?";
const DATE = new RegExp(
  "([0-9]{4})\\s*[-/.年]\\s*([0-9]{1,2})\\s*[-/.月]\\s*([0-9]{1,2})(?![0-9])" +
    `|${MON}\\s*([0-9]{1,2})(?:st|nd|rd|th)?,?\\s*([0-9]{4})` +
    `|([0-9]{1,2})(?:st|nd|rd|th)?\\s*${MON},?\\s*([0-9]{4})`, "gi");
const p2 = (n) => String(n).padStart(2, "0");

function iso(y, m, d) {
  if (!(y >= 1900 && y <= 2200 && m >= 1 && m <= 12)) return null;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d >= 1 && d <= days ? `${String(y).padStart(4, "0")}-${p2(m)}-${p2(d)}` : null;
}

export function dates(text) {
  const out = [];
  for (const g of text.matchAll(DATE)) {
    let v;
    if (g[1]) v = iso(Number(g[1]), Number(g[2]), Number(g[3]));
    else if (g[4]) v = iso(Number(g[6]), MONTHS.indexOf(lower(g[4])) + 1, Number(g[5]));
    else v = iso(Number(g[9]), MONTHS.indexOf(lower(g[8])) + 1, Number(g[7]));
    if (v && !out.includes(v)) out.push(v);
  }
  return out;
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const LONGER_HOST = /^(?:[a-z0-9]|\.[a-z0-9])/; // sellercentral.amazon.com.au is not .com

export function marketplace(text, rules) {
  const low = lower(text);
  const stores = rules.marketplaces.stores;
  const tlds = byLength(Object.keys(stores)).map(escapeRe).join("|");
  const named = [];
  for (const m of low.matchAll(new RegExp(`(?:^|[^@.a-z0-9-])amazon\\.(${tlds})(?![a-z0-9])`, "g"))) {
    named.push([m.index + m[0].length - m[1].length, stores[m[1]]]);
  }
  if (!named.length) {
    for (const [marker, code] of Object.entries(rules.marketplaces.markers)) {
      for (let at = low.indexOf(marker); at >= 0; at = low.indexOf(marker, at + 1)) {
        if (!LONGER_HOST.test(low.slice(at + marker.length, at + marker.length + 2))) named.push([at, code]);
      }
    }
  }
  if (!named.length) return null;
  named.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const counts = {};
  for (const [, code] of named) counts[code] = (counts[code] || 0) + 1;
  const best = Math.max(...Object.values(counts));
  return named.find(([, code]) => counts[code] === best)[1];
}
