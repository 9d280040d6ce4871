// Violation expiry: the JavaScript twin of kb_build/expiry.py (same contract, same test vectors in tests/expiry_vectors/).
// Dependency-free ES module; runs in the browser and under node.
// Dates are calendar dates, handled as whole days since 1970-01-01; no Date object, no time zone.

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

const MESSAGES = {
  input: { zh: "输入必须是一个 JSON 对象。", en: "The input must be a JSON object." },
  violations: { zh: "“violations” 必须是一个列表。", en: "'violations' must be a list." },
  item: { zh: "每条违规必须是一个对象。", en: "Each violation must be an object." },
  missing: { zh: "缺少此字段。", en: "This field is missing." },
  not_text: { zh: "此字段必须是文本。", en: "This field must be text." },
  type: { zh: "未知的违规类型“{value}”。", en: "Unknown violation type '{value}'." },
  date: { zh: "日期“{value}”无效，请使用 YYYY-MM-DD 格式的真实日期。", en: "'{value}' is not a real date in the form YYYY-MM-DD." },
  range: { zh: "日期“{value}”超出支持范围（1900–2200 年）。", en: "The date '{value}' is outside the supported years 1900–2200." },
  future: { zh: "日期 {value} 晚于计算日期 {today}。", en: "The date {value} is after the as-of date {today}." },
  before: { zh: "解决日期 {value} 早于违规日期 {date}。", en: "The resolution date {value} is before the violation date {date}." },
  deactivated_before: {
    zh: "下架日期 {value} 早于违规日期 {date}。",
    en: "The listing deactivation date {value} is before the violation date {date}.",
  },
};

const has = (obj, key) => obj !== null && typeof obj === "object" && Object.prototype.hasOwnProperty.call(obj, key);
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

// ---- calendar arithmetic (H. Hinnant's days_from_civil / civil_from_days) ----

export function daysFromCivil(y, m, d) {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(z) {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const pad = (n, w) => String(n).padStart(w, "0");

export function isoFromDays(z) {
  const [y, m, d] = civilFromDays(z);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a computed "YYYY-MM-DD" (an expiry may fall after MAX_YEAR); null if not in that form. */
export function dayNumber(iso) {
  const m = typeof iso === "string" ? DATE_RE.exec(iso) : null;
  return m ? daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** Days since 1970-01-01 for a valid "YYYY-MM-DD", or the key of the message saying why not. */
export function parseDate(value) {
  if (typeof value !== "string") return "not_text";
  const m = DATE_RE.exec(value);
  if (!m) return "date";
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return "date";
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const dim = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  if (d > dim) return "date";
  if (y < MIN_YEAR || y > MAX_YEAR) return "range";
  return daysFromCivil(y, mo, d);
}

// ---- errors ----

function error(index, field, key, values = {}) {
  const message = {};
  for (const lang of ["zh", "en"]) {
    message[lang] = MESSAGES[key][lang].replace(/\{(\w+)\}/g, (whole, name) =>
      has(values, name) ? Array.from(String(values[name])).slice(0, 80).join("") : whole,
    );
  }
  return { index, field, message };
}

function checkDate(raw, index, field, errors) {
  const parsed = parseDate(raw);
  if (typeof parsed === "string") {
    errors.push(error(index, field, parsed, { value: raw }));
    return null;
  }
  return parsed;
}

/** Check the input; returns {today, items: [{type, date, resolved, deactivated}], errors}. Dates are day numbers. */
export function validate(data, rules) {
  const errors = [];
  if (!isObject(data)) return { today: null, items: [], errors: [error(null, null, "input")] };
  let today = null;
  if (has(data, "today")) today = checkDate(data.today, null, "today", errors);
  else errors.push(error(null, "today", "missing"));
  let rawItems = has(data, "violations") ? data.violations : [];
  if (!Array.isArray(rawItems)) {
    errors.push(error(null, "violations", "violations"));
    rawItems = [];
  }
  const types = isObject(rules) && isObject(rules.types) ? rules.types : {};
  const items = [];
  rawItems.forEach((raw, i) => {
    if (!isObject(raw)) {
      errors.push(error(i, null, "item"));
      return;
    }
    const vtype = raw.type;
    if (!has(raw, "type")) errors.push(error(i, "type", "missing"));
    else if (typeof vtype !== "string") errors.push(error(i, "type", "not_text"));
    else if (!has(types, vtype)) errors.push(error(i, "type", "type", { value: vtype }));
    let date = null;
    if (has(raw, "date")) date = checkDate(raw.date, i, "date", errors);
    else errors.push(error(i, "date", "missing"));
    let resolved = null;
    if (has(raw, "resolved_on") && raw.resolved_on !== null) resolved = checkDate(raw.resolved_on, i, "resolved_on", errors);
    let deactivated = null;
    if (has(raw, "deactivated_on") && raw.deactivated_on !== null) {
      deactivated = checkDate(raw.deactivated_on, i, "deactivated_on", errors);
    }
    if (date !== null && today !== null && date > today) {
      errors.push(error(i, "date", "future", { value: isoFromDays(date), today: isoFromDays(today) }));
    }
    if (resolved !== null && today !== null && resolved > today) {
      errors.push(error(i, "resolved_on", "future", { value: isoFromDays(resolved), today: isoFromDays(today) }));
    }
    if (deactivated !== null && today !== null && deactivated > today) {
      errors.push(error(i, "deactivated_on", "future", { value: isoFromDays(deactivated), today: isoFromDays(today) }));
    }
    if (resolved !== null && date !== null && resolved < date) {
      errors.push(error(i, "resolved_on", "before", { value: isoFromDays(resolved), date: isoFromDays(date) }));
    }
    if (deactivated !== null && date !== null && deactivated < date) {
      errors.push(error(i, "deactivated_on", "deactivated_before", { value: isoFromDays(deactivated), date: isoFromDays(date) }));
    }
    if (date !== null && typeof vtype === "string" && has(types, vtype)) items.push({ type: vtype, date, resolved, deactivated });
  });
  return { today, items, errors };
}

function windowDays(rules, vtype) {
  const t = rules.types[vtype];
  return Math.trunc(Number(t.window_days || rules.default_window_days || 180));
}

/** The output object for one input, or {errors: [...]} with no partial result. */
export function computeExpiry(data, rules) {
  const { today, items, errors } = validate(data, rules);
  if (errors.length || today === null) return { errors };
  const outViolations = [];
  const counting = [];
  for (const it of items) {
    // The window runs from the listing's deactivation when it is given (Amazon's notice: "up to 180 days after
    // the listing was deactivated"), otherwise from the violation date.
    let expires = (it.deactivated !== null ? it.deactivated : it.date) + windowDays(rules, it.type);
    if (it.resolved !== null && it.resolved < expires) expires = it.resolved;
    const isCounting = today < expires;
    outViolations.push({ expires_on: isoFromDays(expires), counting: isCounting, days_left: Math.max(0, expires - today) });
    if (isCounting) counting.push({ type: it.type, expires });
  }
  const groups = {};
  const groupRules = isObject(rules.repeat_groups) ? rules.repeat_groups : {};
  for (const gid of Object.keys(groupRules).sort()) {
    const limit = Math.trunc(Number(groupRules[gid].limit));
    const ends = counting
      .filter((c) => rules.types[c.type].repeat_group === gid)
      .map((c) => c.expires)
      .sort((a, b) => a - b);
    // The count on day d >= today is #{e > d}; it is below the limit once d >= ends[len - limit].
    const under = ends.length < limit ? today : ends[ends.length - limit];
    groups[gid] = { limit, count_today: ends.length, under_limit_on: isoFromDays(under) };
  }
  const endsAll = counting.map((c) => c.expires).sort((a, b) => a - b);
  const timeline = [{ date: isoFromDays(today), counting: endsAll.length }];
  endsAll.forEach((e, i) => {
    if (i + 1 === endsAll.length || endsAll[i + 1] !== e) timeline.push({ date: isoFromDays(e), counting: endsAll.length - i - 1 });
  });
  return {
    violations: outViolations,
    all_clear_on: endsAll.length ? isoFromDays(endsAll[endsAll.length - 1]) : null,
    repeat_groups: groups,
    timeline,
  };
}
