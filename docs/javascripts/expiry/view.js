// The calculator's views: pure functions from (app, derived results) to DOM nodes made with h().
// They read app.state / app.result and call app's actions; they never change state themselves.

import { MAX_COUNT, MAX_SCORE, MIN_DATE, MAX_DATE, MAX_PROBLEMS, FIRST_ROWS } from "./limits.js";
import { fill, titleOf, message } from "./text.js";
import { forecast, groupSteps, band } from "./forecast.js";
import { renderCountChart, renderScoreChart } from "./chart.js";
import { h, field } from "./dom.js";

const dateInput = (id, value, attrs = {}) => h("input", { type: "date", id, value: value || "", min: MIN_DATE, max: MAX_DATE, ...attrs });

/** A <select> of violation types. */
export function typeSelect(app, id, value, attrs = {}) {
  return h("select", { id, ...attrs }, h("option", { value: "", text: app.t.pick }),
    app.typeIds.map((tid) => h("option", { value: tid, text: app.title(tid), selected: tid === value })));
}

/** A list of problems ({zh, en}), the first MAX_PROBLEMS one by one and the rest counted. */
export function problemList(app, problems, heading) {
  if (!problems.length) return [];
  const shown = problems.slice(0, MAX_PROBLEMS).map((p) => h("li", { text: p[app.lang] }));
  if (problems.length > MAX_PROBLEMS) shown.push(h("li", { text: message("more", { n: problems.length - MAX_PROBLEMS })[app.lang] }));
  return heading ? [h("p", { text: heading }), h("ul", {}, shown)] : [h("ul", {}, shown)];
}

/** The editable rows (one per batch of identical violations). */
export function renderRows(app) {
  const t = app.t;
  const items = app.state.items;
  const limit = app.view.showAllInputs ? items.length : Math.min(items.length, FIRST_ROWS);
  const rows = items.slice(0, limit).map((it, i) => {
    const n = i + 1;
    const id = (name) => app.id(`r${i}-${name}`);
    const edit = (patch) => app.editRow(i, patch);
    const type = typeSelect(app, id("type"), it.type, { onchange: (e) => e.target.value && edit({ type: e.target.value }) });
    const date = dateInput(id("date"), it.date, { required: true, onchange: (e) => edit({ date: e.target.value }) });
    const deact = dateInput(id("deactivated"), it.deactivated_on, { onchange: (e) => edit({ deactivated_on: e.target.value || null }) });
    const res = dateInput(id("resolved"), it.resolved_on, { onchange: (e) => edit({ resolved_on: e.target.value || null }) });
    const count = h("input", { type: "number", id: id("count"), value: String(it.count || 1), min: "1", max: String(MAX_COUNT),
      step: "1", inputmode: "numeric", onchange: (e) => edit({ count: e.target.value }) });
    const repeat = h("input", { type: "checkbox", id: id("repeat"), checked: it.repeat, onchange: (e) => edit({ repeat: e.target.checked }) });
    return h("li", { class: "kb-expiry__row", "data-row": n },
      h("fieldset", {}, h("legend", { class: "kb-expiry__rowlabel", text: fill(t.row, { n }) }),
        field(t.type, type), field(t.date, date), field(t.deactivated, deact), field(t.resolved, res), field(t.count, count),
        h("div", { class: "kb-expiry__check" }, repeat, h("label", { for: repeat.id, text: t.repeat })),
        h("button", { type: "button", class: "md-button kb-expiry__remove", "aria-label": fill(t.removeRow, { n }), text: t.remove,
          onclick: () => app.removeRow(i) })));
  });
  if (limit < items.length) {
    rows.push(h("li", {}, h("button", { type: "button", class: "md-button", "data-kb": "show-all-rows",
      text: fill(t.showAll, { n: items.length }), onclick: () => app.showAll("showAllInputs") })));
  }
  return rows;
}

/** Score and points inputs for the types present. */
export function renderCosts(app) {
  const types = [...new Set(app.state.items.map((it) => it.type))];
  return types.map((tid) => field(fill(app.t.costLabel, { title: app.title(tid) }), h("input", { type: "number", id: app.id(`cost-${tid}`),
    min: "0", max: String(MAX_SCORE), step: "1", inputmode: "numeric", "data-type": tid,
    value: app.state.cost[tid] === undefined ? "" : String(app.state.cost[tid]), oninput: () => app.readScore() })));
}

/** The answer, right under the add form: all-clear date and repeat limits, or what to fix. */
export function renderAnswer(app) {
  const t = app.t;
  const r = app.result;
  if (r.errors) {
    const seen = new Set();
    const list = [];
    for (const e of r.errors) {
      const where = e.index === null ? (e.field === "today" ? t.asOfRef : "") : fill(t.rowRef, { n: app.rowOf[e.index] + 1 });
      const text = `${where ? where + t.colon : ""}${e.message[app.lang]}`;
      if (!seen.has(text)) list.push({ zh: text, en: text });
      seen.add(text);
    }
    return [h("div", { class: "kb-expiry__alert", role: "alert", "data-kb": "errors" }, problemList(app, list, t.errors))];
  }
  const allClear = h("p", { class: "kb-expiry__allclear", "data-kb": "all-clear" },
    r.all_clear_on ? [h("strong", { text: t.allClear + t.colon }), app.time(r.all_clear_on)] : t.allClearNone);
  const flagged = new Map();
  for (const it of app.state.items) {
    const gid = app.rules.types[it.type] && app.rules.types[it.type].repeat_group;
    if (it.repeat && gid) flagged.set(gid, (flagged.get(gid) || 0) + it.count);
  }
  const groups = Object.entries(r.repeat_groups).map(([gid, g]) => {
    const rule = app.rules.repeat_groups[gid] || {};
    const over = g.count_today >= g.limit;
    return h("li", { class: over ? "kb-expiry__group kb-expiry__group--over" : "kb-expiry__group", "data-group": gid },
      h("span", { text: fill(t.groupLine, { title: titleOf(app.rules, "repeat_groups", gid, app.lang), count: g.count_today, limit: g.limit }) }),
      flagged.get(gid) ? h("span", { "data-kb": "flagged", text: fill(t.flagged, { n: flagged.get(gid) }) }) : null, " ",
      rule.limit_basis ? h("span", { class: "kb-expiry__basis", text: `(${t.basis[rule.limit_basis] || rule.limit_basis})` }) : null,
      h("br"), over ? [h("strong", { text: t.atLimit }), " ", t.underOn + (app.lang === "en" ? " " : ""), app.time(g.under_limit_on)] : t.underNow);
  });
  return [allClear, h("div", { class: "kb-expiry__groups" }, h("h3", { text: t.groups }), h("ul", { "data-kb": "groups" }, groups))];
}

/** One table row per batch: the violation, its dates, when it stops counting. */
function tableRow(app, row) {
  const t = app.t;
  const it = app.state.items[row];
  const v = app.result.violations[app.firstOf[row]];
  const sub = (text) => h("small", { class: "kb-expiry__sub", text });
  return h("tr", { class: v.counting ? null : "kb-expiry__done", "data-row": row + 1, "data-count": it.count, "data-expires": v.expires_on,
    "data-left": v.days_left, "data-counting": v.counting ? "yes" : "no", "data-repeat": it.repeat ? "yes" : "no" },
  h("td", {}, h("a", { href: `${app.kbBase}${encodeURIComponent(it.type)}/`, text: app.title(it.type) }), " ",
    h("strong", { class: "kb-expiry__times", text: fill(t.times, { n: it.count }) }),
    it.repeat ? h("span", { class: "kb-expiry__badge", text: t.repeatBadge }) : null),
  h("td", {}, app.time(it.date),
    it.deactivated_on ? [h("br"), sub(fill(t.fromDeactivated, { date: app.fmt(it.deactivated_on) }))] : null,
    it.resolved_on ? [h("br"), sub(fill(t.resolvedOn, { date: app.fmt(it.resolved_on) }))] : null),
  h("td", {}, app.time(v.expires_on), h("br"), sub(v.counting ? fill(t.daysLeft, { n: v.days_left }) : t.stopped)));
}

function renderTable(app) {
  const t = app.t;
  const total = app.state.items.length;
  const shown = app.view.showAllResults ? total : Math.min(total, FIRST_ROWS);
  const rows = [];
  for (let row = 0; row < shown; row++) rows.push(tableRow(app, row));
  const table = h("table", { class: "kb-expiry__table", "data-kb": "table" }, h("caption", { text: t.table }),
    h("thead", {}, h("tr", {}, [t.thViolation, t.thDates, t.thExpires].map((x) => h("th", { scope: "col", text: x })))),
    h("tbody", {}, rows));
  return h("div", {}, h("div", { class: "kb-expiry__scroll", tabindex: "0", role: "region", "aria-label": t.table }, table),
    shown < total ? h("button", { type: "button", class: "md-button", "data-kb": "show-all-results", text: fill(t.showAll, { n: total }),
      onclick: () => app.showAll("showAllResults") }) : null);
}

function renderForecast(app, fc) {
  const t = app.t;
  if (fc.status === "limit") {
    return fc.groups.map((g) => h("p", { class: "kb-expiry__alert", "data-kb": "forecast-blocked", "data-reason": "limit",
      text: fill(t.forecastLimit, { title: titleOf(app.rules, "repeat_groups", g.gid, app.lang), count: g.count, limit: g.limit, date: app.fmt(g.under) }) }));
  }
  if (fc.status === "unknown") {
    const types = fc.missing.map((tid) => app.title(tid)).join(app.lang === "en" ? "; " : "；");
    return [h("p", { class: "kb-expiry__alert", "data-kb": "forecast-blocked", "data-reason": "unknown", text: fill(t.forecastUnknown, { types }) })];
  }
  if (fc.status !== "ok") return [];
  const first = fc.series[0];
  const last = fc.series[fc.series.length - 1];
  return [renderScoreChart(fc.series, { title: t.scoreChart, bands: t.bands, fmt: (d) => app.fmt(d), width: app.chartWidth(),
    desc: fill(t.scoreChartDesc, { a: first.score, from: app.fmt(first.date), b: last.score, to: app.fmt(last.date) }) }),
  h("p", { class: "kb-expiry__hint", text: t.scoreNote })];
}

function renderTimeline(app, series) {
  const t = app.t;
  const scoreOn = new Map(series.map((p) => [p.date, p.score]));
  const head = [t.thDay, t.thCounting, ...(series.length ? [t.thScore] : [])].map((x) => h("th", { scope: "col", text: x }));
  const rows = app.result.timeline.map((p) => h("tr", {}, h("td", {}, app.time(p.date)), h("td", { class: "kb-expiry__num", text: String(p.counting) }),
    series.length ? h("td", { class: `kb-expiry__num kb-expiry__band--${band(scoreOn.get(p.date))}`, text: String(scoreOn.get(p.date)) }) : null));
  return h("details", { class: "kb-expiry__timeline" }, h("summary", { text: t.timeline }),
    h("div", { class: "kb-expiry__scroll" }, h("table", { "data-kb": "timeline" }, h("thead", {}, h("tr", {}, head)), h("tbody", {}, rows))));
}

/** Everything below the rows: per-batch table, count chart with the repeat limits, score forecast, timeline. */
export function renderDetails(app) {
  const t = app.t;
  const r = app.result;
  if (r.errors) return [];
  const parts = [renderTable(app)];
  if (r.all_clear_on) {
    const limits = Object.entries(r.repeat_groups).filter(([, g]) => g.count_today > 0).map(([gid, g]) => {
      const steps = groupSteps(r, app.input, app.rules, gid);
      const same = steps.every((p, i) => p.value === r.timeline[i].counting);
      return { limit: g.limit, steps: same ? null : steps,
        label: fill(t.limitLine, { title: titleOf(app.rules, "repeat_groups", gid, app.lang), limit: g.limit }) };
    });
    parts.push(renderCountChart(r.timeline, { title: t.chart, fmt: (d) => app.fmt(d), width: app.chartWidth(), limits,
      desc: fill(t.chartDesc, { from: app.fmt(r.timeline[0].date), to: app.fmt(r.all_clear_on), a: r.timeline[0].counting, b: 0 }) }));
  }
  const fc = forecast(r, app.input, app.state.score, app.state.cost);
  parts.push(...renderForecast(app, fc), renderTimeline(app, fc.series));
  return parts;
}
