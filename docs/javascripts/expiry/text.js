// Every string the calculator shows or exports, in zh and en, and the one placeholder filler.
// Pure ES module (browser and node). The compute twin keeps its own messages (compute.js), as the Python does.

import { MIN_YEAR, MAX_YEAR, MAX_SCORE, BANDS } from "./limits.js";

const has = (obj, key) => obj !== null && typeof obj === "object" && Object.prototype.hasOwnProperty.call(obj, key);
const YEARS = `${MIN_YEAR}–${MAX_YEAR}`;
const { healthy: HEALTHY, risk: RISK } = BANDS;

/**
 * Replace {name} in `template` with values[name] (own properties only; unknown names stay as written).
 * With {cut: n}, each value is cut to n characters (whole code points), so a hostile value cannot flood a message.
 */
export function fill(template, values = {}, { cut = 0 } = {}) {
  return String(template).replace(/\{(\w+)\}/g, (whole, name) => {
    if (!has(values, name)) return whole;
    const text = String(values[name]);
    return cut > 0 ? Array.from(text).slice(0, cut).join("") : text;
  });
}

/** The title of a violation type ("types") or repeat group ("repeat_groups") in `lang`, or its id. */
export function titleOf(rules, kind, id, lang) {
  const table = rules && has(rules, kind) ? rules[kind] : null;
  const entry = table && has(table, id) ? table[id] : null;
  const title = entry && entry.title && typeof entry.title[lang] === "string" ? entry.title[lang] : "";
  return title || String(id);
}

export const langOf = (lang) => (lang === "en" ? "en" : "zh");

// ---- problems found in a link or a paste: {zh, en} pairs, filled by message() ----

const PROBLEMS = {
  version: { zh: "链接版本“{value}”不受支持，只支持 v=1。", en: "Link version '{value}' is not supported; only v=1 is." },
  tooLong: { zh: "链接太长（{n} 个字符，上限 {max}），已整体忽略。", en: "The link is too long ({n} characters, limit {max}) and was ignored." },
  tooManyItems: { zh: "链接中有 {n} 项，只读取前 {max} 项，其余已忽略。", en: "The link has {n} items; only the first {max} were read." },
  encoding: { zh: "链接中“{key}”的编码无效，已忽略。", en: "The value of '{key}' in the link is not valid URL encoding and was ignored." },
  today: { zh: "链接中的计算日期“{value}”无效，已改用今天。", en: "The as-of date '{value}' in the link is not a real date; today is used instead." },
  todayRange: { zh: `链接中的计算日期“{value}”超出支持范围（${YEARS} 年），已改用今天。`, en: `The as-of date '{value}' in the link is outside ${YEARS}; today is used instead.` },
  item: { zh: "第 {n} 项“{value}”格式不对（应为 类型:日期[:解决日期][~下架日期][*数量][!]），已跳过。", en: "Item {n} '{value}' is not TYPE:DATE[:RESOLVED][~DEACTIVATED][*COUNT][!] and was skipped." },
  itemType: { zh: "第 {n} 项的违规类型“{value}”未知，已跳过。", en: "Item {n} has an unknown violation type '{value}' and was skipped." },
  itemDate: { zh: "第 {n} 项的日期“{value}”无效，已跳过。", en: "Item {n} has an impossible date '{value}' and was skipped." },
  itemRange: { zh: `第 {n} 项的日期“{value}”超出支持范围（${YEARS} 年），已跳过。`, en: `Item {n} has a date '{value}' outside ${YEARS} and was skipped.` },
  itemCount: { zh: "第 {n} 项的数量必须在 1 到 {max} 之间，已跳过。", en: "Item {n} must have a count from 1 to {max}; it was skipped." },
  tooMany: { zh: "违规总数超过 {max} 条，其余已忽略。", en: "More than {max} violations in total; the rest were ignored." },
  tooManyRows: { zh: "最多 {max} 行不同的违规，其余已忽略。", en: "At most {max} different rows; the rest were ignored." },
  score: { zh: `链接中的分数“{value}”无效（应为 0–${MAX_SCORE} 的整数），已忽略。`, en: `The score '{value}' in the link is not a whole number from 0 to ${MAX_SCORE} and was ignored.` },
  cost: { zh: "扣分项“{value}”格式不对（应为 类型:分数），已忽略。", en: "The points entry '{value}' is not TYPE:POINTS and was ignored." },
  pasteTooLong: { zh: "粘贴内容太长（{n} 个字符，上限 {max}），没有导入。", en: "The pasted text is too long ({n} characters, limit {max}); nothing was imported." },
  pasteTooManyLines: { zh: "粘贴了 {n} 行，只读取前 {max} 行。", en: "{n} lines were pasted; only the first {max} were read." },
  pasteLine: { zh: "第 {n} 行：找不到日期（YYYY-MM-DD）。", en: "Line {n}: no date (YYYY-MM-DD) found." },
  pasteType: { zh: "第 {n} 行：无法识别违规类型“{value}”。", en: "Line {n}: unknown violation type '{value}'." },
  pasteAmbiguous: { zh: "第 {n} 行：“{value}”可以指 {options}，请写得更具体。", en: "Line {n}: '{value}' could be {options}; please be more specific." },
  pasteDate: { zh: "第 {n} 行：日期“{value}”无效。", en: "Line {n}: '{value}' is not a real date." },
  pasteRange: { zh: `第 {n} 行：日期“{value}”超出支持范围（${YEARS} 年）。`, en: `Line {n}: the date '{value}' is outside ${YEARS}.` },
  more: { zh: "还有 {n} 个问题未列出。", en: "{n} more problems are not listed." },
};

/** A problem in both languages, values cut to 80 characters. */
export function message(key, values = {}) {
  return { zh: fill(PROBLEMS[key].zh, values, { cut: 80 }), en: fill(PROBLEMS[key].en, values, { cut: 80 }) };
}

// ---- the page ----

export const UI = {
  zh: {
    colon: "：",
    loading: "正在加载计算器…",
    rulesFailed: "无法加载到期规则（{url}）。请刷新页面重试。",
    asOf: "计算日期", asOfToday: "默认是你设备上的今天。", asOfFixed: "正在按所选日期计算，不是今天。", today: "今天",
    asOfBad: `计算日期必须是 ${YEARS} 年之间的真实日期。`,
    add: "添加违规", type: "违规类型", date: "违规日期", resolved: "解决日期（可选）", count: "数量",
    deactivated: "下架日期（可选）", deactivatedHint: "Listing 被下架的日期与通知日期不同时填写：亚马逊的通知说，记录保留到“Listing 下架后最多 180 天”。",
    repeat: "账户状况页面标为“重复违规”", addButton: "添加",
    pick: "请选择类型…", pickType: "请先选择违规类型。", pickDate: "请填写违规日期。",
    dateRange: `日期必须在 ${YEARS} 年之间。`, added: "已添加：{title} × {n}。",
    paste: "批量粘贴", pasteHelp: "每行一条：类型 ID 或名称（中文或英文，写出能区分的部分即可，例如“发明专利”“商标”），然后是日期；可选第二个日期作为解决日期，末尾可加 *数量。例如：",
    pasteLabel: "粘贴内容", pasteButton: "导入", pasteDone: "已导入 {n} 行。", pasteNone: "没有可导入的行。",
    yours: "你的违规记录", none: "还没有违规记录。请在上方添加，或批量粘贴。",
    remove: "删除", removeRow: "删除第 {n} 行", row: "第 {n} 行", clear: "全部清除",
    answer: "结论", errors: "输入有问题，修正后才能计算：", rowRef: "第 {n} 行", asOfRef: "计算日期",
    allClear: "全部停止计入日期", allClearNone: "今天没有计入中的违规。",
    groups: "重复违规上限", groupLine: "{title}：今天计入 {count} 条 / 上限 {limit} 条", flagged: "（其中 {n} 条标为重复违规）",
    underOn: "回到上限以下的日期：", underNow: "已低于上限。", atLimit: "已达到或超过上限——可能直接导致账户停用（与分数无关）。",
    basis: { official: "亚马逊官方", "third-party": "第三方转述", assumption: "本站假设" },
    table: "每批违规", thViolation: "违规", thDates: "日期", thExpires: "停止计入",
    times: "× {n}", repeatBadge: "重复", fromDeactivated: "下架 {date}", resolvedOn: "解决 {date}",
    daysLeft: "还剩 {n} 天", stopped: "已停止计入",
    chart: "计入中的违规数量", chartDesc: "从 {from} 到 {to}，计入中的违规从 {a} 条降到 {b} 条。",
    limitLine: "{title}上限 {limit}", groupCount: "{title}计入条数",
    timeline: "变化明细", thDay: "日期", thCounting: "计入条数", thScore: "估算分数",
    score: "分数预测（可选）",
    scoreHelp: "亚马逊不公开每条违规扣多少分。只有当你从账户状况页面抄下当前分数和每类违规的扣分时，才会画出预测；本站不猜测任何分数。",
    scoreLabel: `当前账户状况评级（0–${MAX_SCORE}）`, costLabel: "{title}：每条扣分",
    forecastLimit: "{title}已达到重复违规上限（{count} / {limit}）：账户可能被停用，与分数无关。在 {date} 回到上限以下之前，不显示分数预测。",
    forecastUnknown: "缺少扣分，不显示分数预测。请填入账户状况页面上这些类型的扣分：{types}。",
    scoreChart: "估算分数", scoreChartDesc: "按你填写的扣分估算：从 {from} 的 {a} 分到 {to} 的 {b} 分。",
    bands: { healthy: `健康（≥ ${HEALTHY}）`, risk: `有风险（${RISK}–${HEALTHY - 1}）`, critical: `危险（< ${RISK}）` },
    scoreNote: "估算只在违规停止计入时把你填的扣分加回去，不包括订单带来的加分（每 200 单 +4 分）或新的违规。",
    exports: "导出与分享", ics: "下载日历（.ics）", csv: "下载表格（CSV）", copy: "复制分享链接", copied: "链接已复制。",
    copyFailed: "无法自动复制，请从地址栏复制链接。", exportBlocked: "输入有问题，修正后才能导出。",
    fragment: "链接中有问题：", tooMany: "最多 {max} 条违规。", tooManyRows: "最多 {max} 行不同的违规。",
    showAll: "显示全部 {n} 行",
  },
  en: {
    colon: ": ",
    loading: "Loading the calculator…",
    rulesFailed: "Could not load the expiry rules ({url}). Reload the page to try again.",
    asOf: "As of", asOfToday: "Defaults to today on your device.", asOfFixed: "Calculating as of the chosen date, not today.", today: "Today",
    asOfBad: `The as-of date must be a real date in ${YEARS}.`,
    add: "Add a violation", type: "Violation type", date: "Violation date", resolved: "Resolved on (optional)", count: "Count",
    deactivated: "Listing deactivated on (optional)", deactivatedHint: "Enter it when the listing was deactivated on another day than the notice: Amazon's notice says the record stays \"up to 180 days after the listing was deactivated\".",
    repeat: "Marked as a repeat on Account Health", addButton: "Add",
    pick: "Choose a type…", pickType: "Choose a violation type first.", pickDate: "Enter the violation date.",
    dateRange: `Dates must be in ${YEARS}.`, added: "Added: {title} × {n}.",
    paste: "Paste several", pasteHelp: "One per line: the type id or title (English or Chinese; a distinctive part is enough, such as \"utility patent\" or \"trademark\"), then the date; an optional second date is the resolution date, and *N at the end repeats the line. For example:",
    pasteLabel: "Pasted lines", pasteButton: "Import", pasteDone: "Imported {n} line(s).", pasteNone: "Nothing to import.",
    yours: "Your violations", none: "No violations yet. Add one above, or paste several.",
    remove: "Remove", removeRow: "Remove row {n}", row: "Row {n}", clear: "Clear all",
    answer: "Answer", errors: "Please fix these before the calculator can answer:", rowRef: "Row {n}", asOfRef: "As-of date",
    allClear: "All clear on", allClearNone: "Nothing counts today.",
    groups: "Repeat-violation limits", groupLine: "{title}: {count} counting today / limit {limit}", flagged: " ({n} marked as repeats)",
    underOn: "Under the limit on", underNow: "Already under the limit.", atLimit: "At or over the limit: this can deactivate the account whatever the score.",
    basis: { official: "Amazon, official", "third-party": "third-party report", assumption: "our assumption" },
    table: "Each batch", thViolation: "Violation", thDates: "Dates", thExpires: "Stops counting",
    times: "× {n}", repeatBadge: "repeat", fromDeactivated: "deactivated {date}", resolvedOn: "resolved {date}",
    daysLeft: "{n} days left", stopped: "no longer counts",
    chart: "Violations counting", chartDesc: "From {from} to {to}, the number of counting violations falls from {a} to {b}.",
    limitLine: "{title} limit {limit}", groupCount: "{title} counting",
    timeline: "Day-by-day changes", thDay: "Date", thCounting: "Counting", thScore: "Estimated score",
    score: "Score forecast (optional)",
    scoreHelp: "Amazon does not publish how many points a violation costs. A forecast is drawn only from the score and the points per type you copy from your Account Health page; this site guesses no points.",
    scoreLabel: `Current Account Health Rating (0–${MAX_SCORE})`, costLabel: "{title}: points per violation",
    forecastLimit: "{title} is at the repeat-violation limit ({count} / {limit}): the account can be deactivated whatever the score. No score forecast is shown until it is back under the limit on {date}.",
    forecastUnknown: "Points missing, so no score forecast. Enter the points your Account Health page shows for: {types}.",
    scoreChart: "Estimated score", scoreChartDesc: "From the points you entered: {a} on {from} to {b} on {to}.",
    bands: { healthy: `Healthy (≥ ${HEALTHY})`, risk: `At risk (${RISK}–${HEALTHY - 1})`, critical: `Critical (< ${RISK})` },
    scoreNote: "The estimate only adds back the points you entered when a violation stops counting; it leaves out order points (+4 per 200 orders) and any new violations.",
    exports: "Export and share", ics: "Download calendar (.ics)", csv: "Download table (CSV)", copy: "Copy share link", copied: "Link copied.",
    copyFailed: "Could not copy automatically; copy the link from the address bar.", exportBlocked: "Please fix the input first; nothing to export yet.",
    fragment: "There is a problem with the link:", tooMany: "At most {max} violations.", tooManyRows: "At most {max} different rows.",
    showAll: "Show all {n} rows",
  },
};

// ---- exports (.ics and CSV) ----

export const ICS_TEXT = {
  zh: {
    calendar: "违规到期（账户状况）",
    expire: "{n} 条违规停止计入账户状况评级",
    under: "{group}：回到上限以下（少于 {limit} 条）",
    note: "按违规日期（或下架日期）+ 计分窗口估算（通常 180 天）。未解决的违规是否会自动到期存在争议，请以卖家平台为准。",
    line: "{title} × {n}",
  },
  en: {
    calendar: "Violation expiry (Account Health)",
    expire: "{n} violation(s) stop counting toward Account Health",
    under: "{group}: back under the limit (fewer than {limit})",
    note: "Estimated as violation date (or listing deactivation date) + window (usually 180 days). Whether unresolved violations expire on their own is disputed; check Seller Central.",
    line: "{title} × {n}",
  },
};

export const CSV_TEXT = {
  zh: { head: ["类型", "名称", "违规日期", "下架日期", "解决日期", "停止计入日期", "剩余天数", "今天是否计入", "标为重复"], yes: "是", no: "否" },
  en: { head: ["type", "title", "date", "deactivated_on", "resolved_on", "expires_on", "days_left", "counting", "repeat"], yes: "yes", no: "no" },
};
