// The expiry calculator page (/tools/expiry/ and /en/tools/expiry/). Dependency-free ES module.
// Everything runs in the reader's browser; nothing is sent anywhere.
// Markup contract: <div class="kb-expiry" data-lang="zh|en" data-rules="<relative URL of expiry-rules.json>"
//                       data-kb-base="<relative URL of the violations section, ending in />">

import { computeExpiry, parseDate } from "./expiry.js";
import {
  parseFragment, formatFragment, expandState, parsePaste, scoreSeries, band, buildIcs, buildCsv, emptyState,
  MAX_COUNT, MAX_VIOLATIONS,
} from "./expiry-state.js";
import { renderCountChart, renderScoreChart } from "./expiry-chart.js";

const STORAGE_KEY = "kb-expiry:v1";
// Rows drawn at once; the rest appear on "Show all" (1,000 table rows cost ~250 ms of style and layout).
const FIRST_ROWS = 100;
const FIRST_INPUT_ROWS = 100;

const ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const esc = (value) => String(value).replace(/[&<>"']/g, (c) => ESC[c]);

const UI = {
  zh: {
    loading: "正在加载计算器…",
    rulesFailed: "无法加载到期规则（{url}）。请刷新页面重试。",
    asOf: "计算日期", asOfHint: "默认是你设备上的今天。", today: "今天",
    add: "添加违规", type: "违规类型", date: "违规日期", resolved: "解决日期（可选）", count: "数量", addButton: "添加",
    pick: "请选择类型…", pickFirst: "请先选择违规类型并填写日期。",
    paste: "批量粘贴", pasteHelp: "每行一条：类型 ID 或名称，然后是日期；可选第二个日期作为解决日期，末尾可加 *数量。例如：",
    pasteLabel: "粘贴内容", pasteButton: "导入", pasteDone: "已导入 {n} 行。", pasteNone: "没有可导入的行。",
    yours: "你的违规记录", none: "还没有违规记录。请在上方添加，或批量粘贴。",
    remove: "删除", removeRow: "删除第 {n} 行", row: "第 {n} 行", clear: "全部清除",
    results: "结果", errors: "输入有问题，修正后才能计算：", rowRef: "第 {n} 行", asOfRef: "计算日期",
    allClear: "全部停止计入日期", allClearNone: "今天没有计入中的违规。",
    groups: "重复违规上限", groupLine: "{title}：今天计入 {count} 条 / 上限 {limit} 条", underOn: "低于上限的日期：",
    underNow: "已低于上限。", atLimit: "已达到或超过上限——可能直接导致账户停用（与分数无关）。",
    basis: { official: "亚马逊官方", "third-party": "第三方转述", assumption: "本站假设" },
    table: "每条违规", thType: "违规类型", thDate: "违规日期", thResolved: "解决日期", thExpires: "停止计入",
    thLeft: "剩余天数", thCounts: "今天计入？", yes: "是", no: "否",
    chart: "计入中的违规数量", chartDesc: "从 {from} 到 {to}，计入中的违规从 {a} 条降到 {b} 条。",
    timeline: "变化明细", thDay: "日期", thCounting: "计入条数", thScore: "估算分数",
    score: "分数预测（可选）", scoreHelp: "填入账户状况页面上显示的当前分数和每类违规的扣分。本站不猜测分数：没填的类型按 0 分计算。",
    scoreLabel: "当前账户状况评级（0–1000）", costLabel: "{title}：每条扣分",
    scoreChart: "估算分数", scoreChartDesc: "按你填写的扣分估算：从 {from} 的 {a} 分到 {to} 的 {b} 分。",
    bands: { healthy: "健康（≥ 200）", risk: "有风险（100–199）", critical: "危险（< 100）" },
    scoreNote: "估算只在违规停止计入时把你填的扣分加回去，不包括订单带来的加分（每 200 单 +4 分）或新的违规。",
    exports: "导出与分享", ics: "下载日历（.ics）", csv: "下载表格（CSV）", copy: "复制分享链接", copied: "链接已复制。",
    copyFailed: "无法自动复制，请从地址栏复制链接。",
    fragment: "链接中有问题：",
    tooMany: "最多 {max} 条违规。",
    showAll: "显示全部 {n} 行", 
  },
  en: {
    loading: "Loading the calculator…",
    rulesFailed: "Could not load the expiry rules ({url}). Reload the page to try again.",
    asOf: "As of", asOfHint: "Defaults to today on your device.", today: "Today",
    add: "Add a violation", type: "Violation type", date: "Violation date", resolved: "Resolved on (optional)", count: "Count", addButton: "Add",
    pick: "Choose a type…", pickFirst: "Choose a violation type and enter a date first.",
    paste: "Paste several", pasteHelp: "One per line: the type id or title, then the date; an optional second date is the resolution date, and *N at the end repeats the line. For example:",
    pasteLabel: "Pasted lines", pasteButton: "Import", pasteDone: "Imported {n} line(s).", pasteNone: "Nothing to import.",
    yours: "Your violations", none: "No violations yet. Add one above, or paste several.",
    remove: "Remove", removeRow: "Remove row {n}", row: "Row {n}", clear: "Clear all",
    results: "Results", errors: "Please fix these before the calculator can answer:", rowRef: "Row {n}", asOfRef: "As-of date",
    allClear: "All clear on", allClearNone: "Nothing counts today.",
    groups: "Repeat-violation limits", groupLine: "{title}: {count} counting today / limit {limit}", underOn: "Under the limit on",
    underNow: "Already under the limit.", atLimit: "At or over the limit: this can deactivate the account whatever the score.",
    basis: { official: "Amazon, official", "third-party": "third-party report", assumption: "our assumption" },
    table: "Each violation", thType: "Violation type", thDate: "Date", thResolved: "Resolved", thExpires: "Stops counting",
    thLeft: "Days left", thCounts: "Counts today?", yes: "yes", no: "no",
    chart: "Violations counting", chartDesc: "From {from} to {to}, the number of counting violations falls from {a} to {b}.",
    timeline: "Day-by-day changes", thDay: "Date", thCounting: "Counting", thScore: "Estimated score",
    score: "Score forecast (optional)", scoreHelp: "Enter the current score and the points each type of violation cost, as shown on your Account Health page. This site guesses no points: a type left blank counts as 0.",
    scoreLabel: "Current Account Health Rating (0–1000)", costLabel: "{title}: points per violation",
    scoreChart: "Estimated score", scoreChartDesc: "From the points you entered: {a} on {from} to {b} on {to}.",
    bands: { healthy: "Healthy (≥ 200)", risk: "At risk (100–199)", critical: "Critical (< 100)" },
    scoreNote: "The estimate only adds back the points you entered when a violation stops counting; it leaves out order points (+4 per 200 orders) and any new violations.",
    exports: "Export and share", ics: "Download calendar (.ics)", csv: "Download table (CSV)", copy: "Copy share link", copied: "Link copied.",
    copyFailed: "Could not copy automatically; copy the link from the address bar.",
    fragment: "There is a problem with the link:",
    tooMany: "At most {max} violations.",
    showAll: "Show all {n} rows",
  },
};

const fill = (s, values) => s.replace(/\{(\w+)\}/g, (w, k) => (k in values ? String(values[k]) : w));

/** The reader's local calendar date (not UTC). */
export function localToday() {
  const d = new Date();
  return `${String(d.getFullYear()).padStart(4, "0")}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") el.textContent = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

class ExpiryApp {
  constructor(root) {
    this.root = root;
    this.lang = root.dataset.lang === "en" ? "en" : "zh";
    this.t = UI[this.lang];
    this.rulesUrl = new URL(root.dataset.rules || "../../api/v1/expiry-rules.json", document.baseURI).href;
    this.kbBase = root.dataset.kbBase || "../../violations/";
    this.state = emptyState(localToday());
    this.written = null;
    this.dateFmt = new Intl.DateTimeFormat(this.lang === "en" ? "en-GB" : "zh-CN", { dateStyle: "medium", timeZone: "UTC" });
    this.fmtCache = new Map();
    this.showAllResults = false;
    this.showAllInputs = false;
    this.uid = `kbx${Math.random().toString(36).slice(2, 8)}`;
  }

  async start() {
    this.root.setAttribute("aria-busy", "true");
    try {
      const res = await fetch(this.rulesUrl, { credentials: "same-origin" });
      if (!res.ok) throw new Error(String(res.status));
      this.rules = await res.json();
      if (!this.rules || typeof this.rules.types !== "object") throw new Error("bad rules");
    } catch {
      this.root.replaceChildren(h("p", { class: "kb-expiry__alert", role: "alert", text: fill(this.t.rulesFailed, { url: this.rulesUrl }) }));
      this.root.removeAttribute("aria-busy");
      return;
    }
    this.typeIds = Object.keys(this.rules.types).sort((a, b) => this.title(a).localeCompare(this.title(b), this.lang));
    this.build();
    this.loadFromLocation(true);
    window.addEventListener("hashchange", () => {
      if (location.hash.replace(/^#/, "") !== this.written) this.loadFromLocation(false);
    });
    this.root.removeAttribute("aria-busy");
    this.root.dataset.ready = "true";
  }

  title(id) {
    const t = this.rules.types[id];
    return (t && t.title && t.title[this.lang]) || id;
  }

  fmt(iso) {
    let out = this.fmtCache.get(iso);
    if (out === undefined) {
      const z = parseDate(iso);
      out = typeof z === "number" ? this.dateFmt.format(new Date(z * 86400000)) : iso;
      this.fmtCache.set(iso, out);
    }
    return out;
  }

  time(iso) {
    return h("time", { datetime: iso, text: this.fmt(iso) });
  }

  id(name) {
    return `${this.uid}-${name}`;
  }

  // ---- state ----

  loadFromLocation(first) {
    let parsed = parseFragment(location.hash, this.rules);
    let problems = parsed.problems;
    if (!parsed.present && first) {
      let stored = null;
      try {
        stored = localStorage.getItem(STORAGE_KEY);
      } catch {
        stored = null;
      }
      parsed = parseFragment(stored || "", this.rules);
      problems = [];
    }
    this.state = parsed.state;
    if (!this.state.today) this.state.today = localToday();
    this.showProblems(this.fragmentBox, problems, this.t.fragment);
    this.renderInputs();
    this.update();
  }

  save() {
    const frag = formatFragment(this.state);
    this.written = frag;
    try {
      history.replaceState(history.state, "", `${location.pathname}${location.search}#${frag}`);
    } catch {
      /* file:// or sandboxed: the link still works from the share button */
    }
    try {
      localStorage.setItem(STORAGE_KEY, frag);
    } catch {
      /* storage disabled */
    }
  }

  shareUrl() {
    return `${location.origin}${location.pathname}#${formatFragment(this.state)}`;
  }

  // ---- layout (built once) ----

  build() {
    const t = this.t;
    this.fragmentBox = h("div", { class: "kb-expiry__problems", role: "alert", "data-kb": "fragment-problems" });
    this.todayInput = h("input", { type: "date", id: this.id("today"), min: "1900-01-01", max: "2200-12-31", required: true,
      "aria-describedby": this.id("today-hint"), onchange: () => {
        if (typeof parseDate(this.todayInput.value) === "number") {
          this.state.today = this.todayInput.value;
          this.update();
        }
      } });
    const asOf = h("fieldset", { class: "kb-expiry__asof" },
      h("legend", { text: t.asOf }),
      h("label", { for: this.id("today"), text: t.asOf }), this.todayInput,
      h("button", { type: "button", class: "md-button", onclick: () => {
        this.state.today = localToday();
        this.todayInput.value = this.state.today;
        this.update();
      }, text: t.today }),
      h("p", { id: this.id("today-hint"), class: "kb-expiry__hint", text: t.asOfHint }));

    this.addType = this.typeSelect(this.id("add-type"), "");
    this.addDate = h("input", { type: "date", id: this.id("add-date"), min: "1900-01-01", max: "2200-12-31" });
    this.addResolved = h("input", { type: "date", id: this.id("add-resolved"), min: "1900-01-01", max: "2200-12-31" });
    this.addCount = h("input", { type: "number", id: this.id("add-count"), min: "1", max: String(MAX_COUNT), step: "1", value: "1", inputmode: "numeric" });
    this.addMsg = h("p", { class: "kb-expiry__hint", role: "status", "aria-live": "polite" });
    const addForm = h("form", { class: "kb-expiry__add", "data-kb": "add-form", onsubmit: (e) => {
      e.preventDefault();
      this.addFromForm();
    } },
      h("fieldset", {},
        h("legend", { text: t.add }),
        this.field(t.type, this.addType), this.field(t.date, this.addDate), this.field(t.resolved, this.addResolved),
        this.field(t.count, this.addCount),
        h("button", { type: "submit", class: "md-button md-button--primary", text: t.addButton })),
      this.addMsg);

    this.pasteArea = h("textarea", { id: this.id("paste"), rows: "5", spellcheck: "false",
      placeholder: "ip-complaint-trademark 2023-12-02 *3\nip-complaint-utility-patent 2024-03-01 2024-04-15" });
    this.pasteMsg = h("div", { class: "kb-expiry__problems", role: "status", "aria-live": "polite" });
    const example = "ip-complaint-utility-patent 2024-03-01 *6\n" + (this.typeIds[0] ? `${this.title(this.typeIds[0])}, 2024-05-05, 2024-06-01` : "");
    const paste = h("details", { class: "kb-expiry__paste" },
      h("summary", { text: t.paste }),
      h("p", { class: "kb-expiry__hint", text: t.pasteHelp }), h("pre", {}, h("code", { text: example })),
      h("label", { for: this.id("paste"), text: t.pasteLabel }), this.pasteArea,
      h("button", { type: "button", class: "md-button", "data-kb": "paste-import", onclick: () => this.importPaste(), text: t.pasteButton }),
      this.pasteMsg);

    this.rowsBox = h("ol", { class: "kb-expiry__rows", "data-kb": "rows" });
    this.noneMsg = h("p", { class: "kb-expiry__hint", text: t.none });
    const rows = h("section", { "aria-labelledby": this.id("yours") },
      h("h2", { id: this.id("yours"), text: t.yours }), this.noneMsg, this.rowsBox,
      h("button", { type: "button", class: "md-button", onclick: () => {
        this.state.items = [];
        this.renderInputs();
        this.update();
      }, text: t.clear }));

    this.scoreInput = h("input", { type: "number", id: this.id("score"), min: "0", max: "1000", step: "1", inputmode: "numeric",
      oninput: () => this.readScore() });
    this.costBox = h("div", { class: "kb-expiry__costs" });
    const score = h("details", { class: "kb-expiry__score", "data-kb": "score" },
      h("summary", { text: t.score }), h("p", { class: "kb-expiry__hint", text: t.scoreHelp }),
      this.field(t.scoreLabel, this.scoreInput), this.costBox);
    this.scoreDetails = score;

    this.resultsBox = h("div", { class: "kb-expiry__results", "data-kb": "results", "aria-live": "polite" });
    const results = h("section", { "aria-labelledby": this.id("results") }, h("h2", { id: this.id("results"), text: t.results }), this.resultsBox);

    this.copyMsg = h("span", { class: "kb-expiry__hint", role: "status", "aria-live": "polite" });
    const exports = h("section", { "aria-labelledby": this.id("exports"), class: "kb-expiry__exports" },
      h("h2", { id: this.id("exports"), text: t.exports }),
      h("button", { type: "button", class: "md-button", "data-kb": "ics", onclick: () => this.exportIcs(), text: t.ics }),
      h("button", { type: "button", class: "md-button", "data-kb": "csv", onclick: () => this.exportCsv(), text: t.csv }),
      h("button", { type: "button", class: "md-button", "data-kb": "copy", onclick: () => this.copyLink(), text: t.copy }),
      this.copyMsg);

    this.root.replaceChildren(this.fragmentBox, asOf, addForm, paste, rows, score, results, exports);
  }

  field(label, control) {
    return h("div", { class: "kb-expiry__field" }, h("label", { for: control.id, text: label }), control);
  }

  typeSelect(id, value) {
    const sel = h("select", { id }, h("option", { value: "", text: this.t.pick }));
    for (const tid of this.typeIds) sel.append(h("option", { value: tid, text: this.title(tid), selected: tid === value }));
    return sel;
  }

  // ---- input actions ----

  totalCount(extra = 0) {
    return this.state.items.reduce((s, it) => s + (it.count || 1), 0) + extra;
  }

  addFromForm() {
    const type = this.addType.value;
    const date = this.addDate.value;
    if (!type || typeof parseDate(date) !== "number") {
      this.addMsg.textContent = this.t.pickFirst;
      (type ? this.addDate : this.addType).focus();
      return;
    }
    const count = Math.min(MAX_COUNT, Math.max(1, Math.trunc(Number(this.addCount.value) || 1)));
    if (this.totalCount(count) > MAX_VIOLATIONS) {
      this.addMsg.textContent = fill(this.t.tooMany, { max: MAX_VIOLATIONS });
      return;
    }
    const resolved = typeof parseDate(this.addResolved.value) === "number" ? this.addResolved.value : null;
    this.state.items.push({ type, date, resolved_on: resolved, count });
    this.addMsg.textContent = "";
    this.addDate.value = "";
    this.addResolved.value = "";
    this.addCount.value = "1";
    this.renderInputs();
    this.update();
    this.addType.focus();
  }

  importPaste() {
    const { items, problems } = parsePaste(this.pasteArea.value, this.rules);
    const room = MAX_VIOLATIONS - this.totalCount();
    let used = 0;
    const kept = items.filter((it) => (used += it.count) <= room);
    this.state.items.push(...kept);
    const msgs = problems.map((p) => p[this.lang]);
    if (kept.length < items.length) msgs.push(fill(this.t.tooMany, { max: MAX_VIOLATIONS }));
    this.pasteMsg.replaceChildren(
      h("p", { text: kept.length ? fill(this.t.pasteDone, { n: kept.length }) : this.t.pasteNone }),
      msgs.length ? h("ul", {}, msgs.map((m) => h("li", { text: m }))) : null);
    if (kept.length && !problems.length) this.pasteArea.value = "";
    this.renderInputs();
    this.update();
  }

  readScore() {
    const raw = this.scoreInput.value.trim();
    const n = Number(raw);
    this.state.score = raw !== "" && Number.isInteger(n) && n >= 0 && n <= 1000 ? n : null;
    for (const inp of this.costBox.querySelectorAll("input[data-type]")) {
      const v = inp.value.trim();
      const p = Number(v);
      if (v !== "" && Number.isInteger(p) && p >= 0 && p <= 1000) this.state.cost[inp.dataset.type] = p;
      else delete this.state.cost[inp.dataset.type];
    }
    this.update();
  }

  // ---- rendering ----

  renderInputs() {
    const t = this.t;
    this.todayInput.value = this.state.today;
    const frag = document.createDocumentFragment();
    const limit = this.showAllInputs ? this.state.items.length : Math.min(this.state.items.length, FIRST_INPUT_ROWS);
    this.state.items.slice(0, limit).forEach((it, i) => {
      const n = i + 1;
      const sel = this.typeSelect(this.id(`r${i}-type`), it.type);
      sel.addEventListener("change", () => {
        if (sel.value) it.type = sel.value;
        this.renderCosts();
        this.update();
      });
      const date = h("input", { type: "date", id: this.id(`r${i}-date`), value: it.date, min: "1900-01-01", max: "2200-12-31", required: true });
      date.addEventListener("change", () => {
        if (typeof parseDate(date.value) === "number") it.date = date.value;
        this.update();
      });
      const res = h("input", { type: "date", id: this.id(`r${i}-resolved`), value: it.resolved_on || "", min: "1900-01-01", max: "2200-12-31" });
      res.addEventListener("change", () => {
        it.resolved_on = typeof parseDate(res.value) === "number" ? res.value : null;
        this.update();
      });
      const count = h("input", { type: "number", id: this.id(`r${i}-count`), value: String(it.count || 1), min: "1", max: String(MAX_COUNT), step: "1", inputmode: "numeric" });
      count.addEventListener("change", () => {
        const c = Math.trunc(Number(count.value));
        if (c >= 1 && c <= MAX_COUNT && this.totalCount(c - (it.count || 1)) <= MAX_VIOLATIONS) it.count = c;
        else count.value = String(it.count || 1);
        this.update();
      });
      const remove = h("button", { type: "button", class: "md-button kb-expiry__remove", "aria-label": fill(t.removeRow, { n }), text: t.remove });
      remove.addEventListener("click", () => {
        this.state.items.splice(i, 1);
        this.renderInputs();
        this.update();
        const next = this.rowsBox.querySelectorAll(".kb-expiry__remove")[Math.min(i, this.state.items.length - 1)];
        (next || this.addType).focus();
      });
      frag.append(h("li", { class: "kb-expiry__row", "data-row": n },
        h("fieldset", {}, h("legend", { class: "kb-expiry__rowlabel", text: fill(t.row, { n }) }),
          this.field(t.type, sel), this.field(t.date, date), this.field(t.resolved, res), this.field(t.count, count), remove)));
    });
    if (limit < this.state.items.length) {
      frag.append(h("li", {}, h("button", { type: "button", class: "md-button", "data-kb": "show-all-rows", onclick: () => {
        this.showAllInputs = true;
        this.renderInputs();
      }, text: fill(t.showAll, { n: this.state.items.length }) })));
    }
    this.rowsBox.replaceChildren(frag);
    this.noneMsg.hidden = this.state.items.length > 0;
    this.scoreInput.value = this.state.score === null ? "" : String(this.state.score);
    if (this.state.score !== null || Object.keys(this.state.cost).length) this.scoreDetails.open = true;
    this.renderCosts();
  }

  renderCosts() {
    const types = [...new Set(this.state.items.map((it) => it.type))];
    this.costBox.replaceChildren(...types.map((tid) => {
      const inp = h("input", { type: "number", id: this.id(`cost-${tid}`), min: "0", max: "1000", step: "1", inputmode: "numeric",
        "data-type": tid, value: this.state.cost[tid] === undefined ? "" : String(this.state.cost[tid]), oninput: () => this.readScore() });
      return this.field(fill(this.t.costLabel, { title: this.title(tid) }), inp);
    }));
  }

  update() {
    const { input, rowOf } = expandState(this.state);
    this.input = input;
    this.result = computeExpiry(input, this.rules);
    this.rowOf = rowOf;
    this.renderResults();
    // Writing a long URL and localStorage is not needed for the answer; do it right after.
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.save(), 0);
  }

  renderResults() {
    const t = this.t;
    const r = this.result;
    const box = this.resultsBox;
    if (r.errors) {
      const seen = new Set();
      const list = [];
      for (const e of r.errors) {
        const where = e.index === null ? (e.field === "today" ? t.asOfRef : "") : fill(t.rowRef, { n: this.rowOf[e.index] + 1 });
        const text = `${where ? `${where}: ` : ""}${e.message[this.lang]}`;
        if (!seen.has(text)) list.push(h("li", { text }));
        seen.add(text);
      }
      box.replaceChildren(h("div", { class: "kb-expiry__alert", role: "alert", "data-kb": "errors" }, h("p", { text: t.errors }), h("ul", {}, list)));
      return;
    }
    const parts = [];
    parts.push(h("p", { class: "kb-expiry__allclear", "data-kb": "all-clear" },
      r.all_clear_on ? [h("strong", { text: `${t.allClear}: ` }), this.time(r.all_clear_on)] : t.allClearNone));
    parts.push(this.renderGroups());
    parts.push(this.renderTable());
    if (r.all_clear_on) {
      parts.push(renderCountChart(r.timeline, { title: t.chart, desc: fill(t.chartDesc, {
        from: this.fmt(r.timeline[0].date), to: this.fmt(r.all_clear_on), a: r.timeline[0].counting, b: 0 }), fmt: (d) => this.fmt(d) }));
    }
    const series = scoreSeries(r, this.input, this.state.score, this.state.cost);
    if (series.length) {
      const last = series[series.length - 1];
      parts.push(renderScoreChart(series, { title: t.scoreChart, bands: t.bands, fmt: (d) => this.fmt(d), desc: fill(t.scoreChartDesc, {
        a: series[0].score, from: this.fmt(series[0].date), b: last.score, to: this.fmt(last.date) }) }));
      parts.push(h("p", { class: "kb-expiry__hint", text: t.scoreNote }));
    }
    parts.push(this.renderTimeline(series));
    box.replaceChildren(...parts);
  }

  renderGroups() {
    const t = this.t;
    const items = [];
    for (const [gid, g] of Object.entries(this.result.repeat_groups)) {
      const rule = this.rules.repeat_groups[gid] || {};
      const title = (rule.title && rule.title[this.lang]) || gid;
      const over = g.count_today >= g.limit;
      const li = h("li", { class: over ? "kb-expiry__group kb-expiry__group--over" : "kb-expiry__group", "data-group": gid },
        h("span", { text: fill(t.groupLine, { title, count: g.count_today, limit: g.limit }) }), " ",
        rule.limit_basis ? h("span", { class: "kb-expiry__basis", text: `(${t.basis[rule.limit_basis] || rule.limit_basis})` }) : null,
        h("br"),
        over ? [h("strong", { text: t.atLimit }), " ", `${t.underOn} `, this.time(g.under_limit_on)] : t.underNow);
      items.push(li);
    }
    return h("div", { class: "kb-expiry__groups" }, h("h3", { text: t.groups }), h("ul", { "data-kb": "groups" }, items));
  }

  tableRowsHtml(from, to) {
    const t = this.t;
    const out = [];
    const time = (iso) => `<time datetime="${iso}">${esc(this.fmt(iso))}</time>`;
    for (let i = from; i < to; i++) {
      const v = this.result.violations[i];
      const it = this.input.violations[i];
      const href = esc(`${this.kbBase}${encodeURIComponent(it.type)}/`);
      out.push(`<tr${v.counting ? "" : ' class="kb-expiry__done"'}><td><a href="${href}">${esc(this.title(it.type))}</a></td>`
        + `<td>${time(it.date)}</td><td>${it.resolved_on ? time(it.resolved_on) : "—"}</td><td>${time(v.expires_on)}</td>`
        + `<td class="kb-expiry__num">${v.days_left}</td><td>${v.counting ? t.yes : t.no}</td></tr>`);
    }
    return out.join("");
  }

  renderTable() {
    const t = this.t;
    const total = this.result.violations.length;
    const shown = this.showAllResults ? total : Math.min(total, FIRST_ROWS);
    const tbody = document.createElement("tbody");
    tbody.innerHTML = this.tableRowsHtml(0, shown);
    const head = h("tr", {}, [t.thType, t.thDate, t.thResolved, t.thExpires, t.thLeft, t.thCounts].map((x) => h("th", { scope: "col", text: x })));
    const table = h("table", { class: "kb-expiry__table", "data-kb": "table" }, h("caption", { text: t.table }), h("thead", {}, head), tbody);
    const more = shown < total
      ? h("button", { type: "button", class: "md-button", "data-kb": "show-all-results", text: fill(t.showAll, { n: total }), onclick: (e) => {
        this.showAllResults = true;
        tbody.insertAdjacentHTML("beforeend", this.tableRowsHtml(shown, total));
        e.currentTarget.remove();
      } })
      : null;
    return h("div", {}, h("div", { class: "kb-expiry__scroll", tabindex: "0", role: "region", "aria-label": t.table }, table), more);
  }

  renderTimeline(series) {
    const t = this.t;
    const scoreOn = new Map(series.map((p) => [p.date, p.score]));
    const head = [t.thDay, t.thCounting, ...(series.length ? [t.thScore] : [])].map((x) => h("th", { scope: "col", text: x }));
    const rows = this.result.timeline.map((p) => h("tr", {}, h("td", {}, this.time(p.date)), h("td", { class: "kb-expiry__num", text: String(p.counting) }),
      series.length ? h("td", { class: `kb-expiry__num kb-expiry__band--${band(scoreOn.get(p.date))}`, text: String(scoreOn.get(p.date)) }) : null));
    return h("details", { class: "kb-expiry__timeline" }, h("summary", { text: t.timeline }),
      h("div", { class: "kb-expiry__scroll" }, h("table", { "data-kb": "timeline" }, h("thead", {}, h("tr", {}, head)), h("tbody", {}, rows))));
  }

  // ---- exports ----

  exportIcs() {
    const now = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
    download(`violation-expiry-${this.state.today}.ics`, "text/calendar;charset=utf-8", buildIcs(this.result, this.input, this.rules, this.lang, now));
  }

  exportCsv() {
    download(`violation-expiry-${this.state.today}.csv`, "text/csv;charset=utf-8", "\ufeff" + buildCsv(this.result, this.input, this.rules, this.lang));
  }

  async copyLink() {
    try {
      await navigator.clipboard.writeText(this.shareUrl());
      this.copyMsg.textContent = this.t.copied;
    } catch {
      this.copyMsg.textContent = this.t.copyFailed;
    }
  }

  showProblems(box, problems, heading) {
    if (!problems.length) {
      box.replaceChildren();
      box.hidden = true;
      return;
    }
    box.hidden = false;
    box.replaceChildren(h("p", { text: heading }), h("ul", {}, problems.map((p) => h("li", { text: p[this.lang] }))));
  }
}

export function init() {
  for (const root of document.querySelectorAll(".kb-expiry[data-rules]")) {
    if (root.dataset.started) continue;
    root.dataset.started = "true";
    const app = new ExpiryApp(root);
    root.kbExpiry = app;
    app.start();
  }
}

init();
// Material's instant navigation (if it is ever enabled) swaps pages without reloading modules.
if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(() => init());

