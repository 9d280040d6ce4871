// The expiry calculator page (/tools/expiry/ and /en/tools/expiry/). Dependency-free ES module.
// Everything runs in the reader's browser; nothing is sent anywhere.
// Markup contract: <div class="kb-expiry" data-lang="zh|en" data-rules="<relative URL of expiry-rules.json>"
//                       data-kb-base="<relative URL of the violations section, ending in />">
//
// One way to change anything: commit(mutate) runs mutate(state, view) and then render(), which derives the
// results from the state and redraws. Views (view.js) are functions of the app that return nodes made with h().

import { computeExpiry, parseDate, dayNumber } from "./compute.js";
import { MAX_COUNT, MAX_SCORE, MAX_VIOLATIONS, MAX_ROWS } from "./limits.js";
import { UI, fill, langOf } from "./text.js";
import { parseFragment, formatFragment, expandState, emptyState, mergeItems, makeItem, totalCount } from "./link.js";
import { parsePaste } from "./paste.js";
import { buildIcs, buildCsv } from "./export.js";
import { h, download } from "./dom.js";
import { problemList, renderRows, renderCosts, renderAnswer, renderDetails } from "./view.js";
import { buildLayout } from "./layout.js";

const STORAGE_KEY = "kb-expiry:v1";
const isDate = (v) => typeof parseDate(v) === "number";

/** The reader's local calendar date (not UTC). */
export function localToday(now = new Date()) {
  const p = (n, w) => String(n).padStart(w, "0");
  return `${p(now.getFullYear(), 4)}-${p(now.getMonth() + 1, 2)}-${p(now.getDate(), 2)}`;
}

class ExpiryApp {
  constructor(root) {
    this.root = root;
    this.lang = langOf(root.dataset.lang);
    this.t = UI[this.lang];
    this.rulesUrl = new URL(root.dataset.rules || "../../api/v1/expiry-rules.json", document.baseURI).href;
    this.kbBase = root.dataset.kbBase || "../../violations/";
    this.state = emptyState();
    this.view = { showAllResults: false, showAllInputs: false, fragment: [], paste: null, add: "", rows: "", asOf: "", out: "" };
    this.written = null;
    this.dateFmt = new Intl.DateTimeFormat(this.lang === "en" ? "en-GB" : "zh-CN", { dateStyle: "medium", timeZone: "UTC" });
    this.fmtCache = new Map();
    this.uid = `kbx${Math.random().toString(36).slice(2, 8)}`;
  }

  async start() {
    this.root.setAttribute("aria-busy", "true");
    try {
      const res = await fetch(this.rulesUrl, { credentials: "same-origin" });
      if (!res.ok) throw new Error(String(res.status));
      this.rules = await res.json();
      if (!this.rules || typeof this.rules.types !== "object" || !this.rules.types) throw new Error("bad rules");
      if (typeof this.rules.repeat_groups !== "object" || !this.rules.repeat_groups) this.rules.repeat_groups = {};
    } catch {
      this.root.replaceChildren(h("p", { class: "kb-expiry__alert", role: "alert", text: fill(this.t.rulesFailed, { url: this.rulesUrl }) }));
      this.root.removeAttribute("aria-busy");
      return;
    }
    this.typeIds = Object.keys(this.rules.types).sort((a, b) => this.title(a).localeCompare(this.title(b), this.lang));
    buildLayout(this);
    this.load(true);
    window.addEventListener("hashchange", () => {
      if (location.hash.replace(/^#/, "") !== this.written) this.load(false);
    });
    if (typeof ResizeObserver === "function") {
      // Charts are drawn at their real width (12 px labels on a phone too): redraw when it changes a lot.
      new ResizeObserver(() => Math.abs(this.chartWidth() - this.drawnWidth) > 24 && this.render({ inputs: false })).observe(this.root);
    }
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
      const z = dayNumber(iso);
      out = z === null ? String(iso) : this.dateFmt.format(new Date(z * 86400000));
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

  chartWidth() {
    return this.detailsBox.clientWidth || 640;
  }

  // ---- the one state-change path ----

  commit(mutate, { inputs = true } = {}) {
    mutate(this.state, this.view);
    this.render({ inputs });
    // Writing a long URL and localStorage is not needed for the answer; do it right after.
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.save(), 0);
  }

  render({ inputs = true } = {}) {
    const { input, rowOf, firstOf } = expandState(this.state, localToday());
    Object.assign(this, { input, rowOf, firstOf, result: computeExpiry(input, this.rules) });
    if (inputs) this.renderInputs();
    const v = this.view;
    const t = this.t;
    this.fragmentBox.replaceChildren(...problemList(this, v.fragment, t.fragment));
    this.fragmentBox.hidden = !v.fragment.length;
    this.pasteMsg.replaceChildren(...(v.paste ? [h("p", { text: v.paste.done }), ...problemList(this, v.paste.problems, null)] : []));
    for (const [el, text] of [[this.addMsg, v.add], [this.rowsMsg, v.rows], [this.asOfMsg, v.asOf], [this.outMsg, v.out]]) el.textContent = text;
    this.asOfHint.textContent = this.state.today ? t.asOfFixed : t.asOfToday;
    this.answerBox.replaceChildren(...renderAnswer(this));
    this.drawnWidth = this.chartWidth();
    this.detailsBox.replaceChildren(...renderDetails(this));
  }

  renderInputs() {
    const focused = document.activeElement && this.root.contains(document.activeElement) ? document.activeElement.id : null;
    this.todayInput.value = this.state.today || localToday();
    this.rowsBox.replaceChildren(...renderRows(this));
    this.noneMsg.hidden = this.state.items.length > 0;
    if (document.activeElement !== this.scoreInput) this.scoreInput.value = this.state.score === null ? "" : String(this.state.score);
    this.costBox.replaceChildren(...renderCosts(this));
    if (this.state.score !== null || Object.keys(this.state.cost).length) this.scoreDetails.open = true;
    const again = focused && document.getElementById(focused);
    if (again && again !== document.activeElement) again.focus();
  }

  // ---- persistence ----

  load(first) {
    let parsed = parseFragment(location.hash, this.rules);
    let problems = parsed.problems;
    if (!parsed.present && first) {
      let stored = null;
      try {
        stored = localStorage.getItem(STORAGE_KEY);
      } catch {
        stored = null; // storage disabled
      }
      parsed = parseFragment(stored || "", this.rules);
      parsed.state.today = null; // a stored as-of date is stale on a later visit: only a link sets one
      problems = [];
    }
    this.commit((s, v) => {
      Object.assign(s, parsed.state);
      Object.assign(v, { fragment: problems, paste: null, add: "", rows: "", asOf: "", out: "" });
    });
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

  // ---- actions: each is one commit ----

  /** A chosen as-of date, or null for the reader's today. */
  setToday(value) {
    const ok = value === null || isDate(value);
    this.commit((s, v) => {
      if (ok) s.today = value;
      v.asOf = ok ? "" : this.t.asOfBad;
    });
  }

  addFromForm() {
    const t = this.t;
    const [type, date, deact, res] = [this.addType.value, this.addDate.value, this.addDeactivated.value, this.addResolved.value];
    const bad = [date, deact, res].some((d) => d && parseDate(d) === "range");
    const problem = !type ? t.pickType : bad ? t.dateRange : !isDate(date) ? t.pickDate : "";
    if (problem) {
      this.commit((s, v) => (v.add = problem), { inputs: false });
      (!type ? this.addType : this.addDate).focus();
      return;
    }
    const count = Math.min(MAX_COUNT, Math.max(1, Math.trunc(Number(this.addCount.value) || 1)));
    const item = makeItem({ type, date, deactivated_on: isDate(deact) ? deact : null, resolved_on: isDate(res) ? res : null,
      count, repeat: this.addRepeat.checked });
    this.commit((s, v) => {
      const stopped = mergeItems(s.items, [item]);
      v.add = stopped ? fill(t[stopped], { max: stopped === "tooMany" ? MAX_VIOLATIONS : MAX_ROWS }) : fill(t.added, { title: this.title(type), n: count });
    });
    for (const el of [this.addDate, this.addDeactivated, this.addResolved]) el.value = "";
    this.addCount.value = "1";
    this.addRepeat.checked = false;
    this.addType.focus({ preventScroll: true });
    this.answerBox.scrollIntoView({ block: "nearest" }); // the answer stays on screen after adding
  }

  importPaste() {
    const { items, problems } = parsePaste(this.pasteArea.value, this.rules, this.lang);
    this.commit((s, v) => {
      const before = s.items.length;
      const stopped = mergeItems(s.items, items);
      const extra = stopped ? [{ zh: fill(UI.zh[stopped], { max: stopped === "tooMany" ? MAX_VIOLATIONS : MAX_ROWS }),
        en: fill(UI.en[stopped], { max: stopped === "tooMany" ? MAX_VIOLATIONS : MAX_ROWS }) }] : [];
      const n = items.length && !stopped ? items.length : s.items.length - before;
      v.paste = { done: n ? fill(this.t.pasteDone, { n }) : this.t.pasteNone, problems: [...problems, ...extra] };
    });
    if (items.length && !problems.length) this.pasteArea.value = "";
  }

  editRow(i, patch) {
    const it = this.state.items[i];
    const next = { ...it, ...patch };
    const dates = [next.date, next.deactivated_on, next.resolved_on];
    if (patch.count !== undefined) {
      const c = Math.trunc(Number(patch.count));
      next.count = c >= 1 && c <= MAX_COUNT && totalCount(this.state.items) - it.count + c <= MAX_VIOLATIONS ? c : it.count;
    }
    const problem = dates.some((d) => d && parseDate(d) === "range") ? this.t.dateRange : !isDate(next.date) ? this.t.pickDate : "";
    this.commit((s, v) => {
      if (!problem) s.items[i] = makeItem({ ...next, deactivated_on: isDate(next.deactivated_on) ? next.deactivated_on : null,
        resolved_on: isDate(next.resolved_on) ? next.resolved_on : null });
      v.rows = problem;
    });
  }

  removeRow(i) {
    this.commit((s, v) => {
      s.items.splice(i, 1);
      v.rows = "";
    });
    const next = this.rowsBox.querySelectorAll(".kb-expiry__remove")[Math.min(i, this.state.items.length - 1)];
    (next || this.addType).focus();
  }

  readScore() {
    const read = (raw) => (raw.trim() !== "" && Number.isInteger(Number(raw)) && Number(raw) >= 0 && Number(raw) <= MAX_SCORE ? Number(raw) : null);
    this.commit((s) => {
      s.score = read(this.scoreInput.value);
      for (const inp of this.costBox.querySelectorAll("input[data-type]")) {
        const p = read(inp.value);
        if (p === null) delete s.cost[inp.dataset.type];
        else s.cost[inp.dataset.type] = p;
      }
    }, { inputs: false });
  }

  showAll(flag) {
    this.commit((s, v) => (v[flag] = true), { inputs: flag === "showAllInputs" });
  }

  // ---- exports ----

  exportFile(kind) {
    if (this.result.errors) {
      this.commit((s, v) => (v.out = this.t.exportBlocked), { inputs: false });
      return;
    }
    const name = `violation-expiry-${this.input.today}.${kind}`;
    if (kind === "ics") {
      const now = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
      download(name, "text/calendar;charset=utf-8", buildIcs(this.result, this.input, this.rules, this.lang, now));
    } else {
      download(name, "text/csv;charset=utf-8", "\ufeff" + buildCsv(this.result, this.input, this.rules, this.lang));
    }
  }

  async copyLink() {
    let text = this.t.copied;
    try {
      await navigator.clipboard.writeText(`${location.origin}${location.pathname}#${formatFragment(this.state)}`);
    } catch {
      text = this.t.copyFailed;
    }
    this.commit((s, v) => (v.out = text), { inputs: false });
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
