// The case assistant's views: functions of the app that return DOM nodes made with h() (text is always
// textContent, never markup). The pasted text is shown with its deciding words in <mark> elements.

import { h } from "../expiry/dom.js";
import { dayNumber } from "../expiry/compute.js";
import { STATUSES } from "./model.js";
import { fillText } from "./text.js";

export const MAX_SHOWN = 20000; // characters of a notice shown with highlights

/** The text as text nodes, with each evidence range wrapped in <mark>. */
export function highlighted(text, evidence) {
  const shown = text.slice(0, MAX_SHOWN);
  const ranges = evidence.filter((e) => e.end <= shown.length).map((e) => [e.start, e.end]).sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  const nodes = [];
  let at = 0;
  for (const [a, b] of merged) {
    if (a > at) nodes.push(shown.slice(at, a));
    nodes.push(h("mark", { text: shown.slice(a, b) }));
    at = b;
  }
  if (at < shown.length) nodes.push(shown.slice(at));
  if (text.length > shown.length) nodes.push("…");
  return h("div", { class: "kb-case__text", tabindex: "0" }, nodes);
}

const kindTitle = (app, k) => (app.rules.kinds[k] ? app.rules.kinds[k].title[app.lang] : k);

export function noticeView(app, n, i) {
  const t = app.t;
  const d = n.decoded;
  const list = (label, values) => h("li", {}, h("strong", { text: `${label}: ` }), values.length ? values.join(", ") : t.none);
  const head = d.kinds.length ? d.kinds.map((k) => kindTitle(app, k)).join(" + ") : t.not_notice;
  return h("section", { class: "kb-case__notice", "data-notice": String(i) },
    h("h3", { text: `${fillText(t.notice_n, { n: i + 1 })}: ${head}` }),
    d.kinds.length ? h("p", { class: "kb-case__label", text: t.evidence }) : null,
    highlighted(n.text, d.evidence),
    h("ul", { class: "kb-case__found" },
      list(t.store, d.marketplace ? [d.marketplace] : []), list(t.asins, d.asins), list(t.complaint_ids, d.complaint_ids),
      list(t.emails, d.emails), list(t.deadlines, d.deadlines_days.map((x) => fillText(t.days, { n: x }))), list(t.dates, d.dates)));
}

function control(app, i, name, el) {
  el.id = `${app.uid}-${name}-${i}`;
  el.name = name;
  el.dataset.item = String(i);
  el.dataset.field = name;
  return el;
}

export function itemView(app, it, i) {
  const t = app.t;
  const kinds = h("select", {}, h("option", { value: "", text: "—" }),
    app.rules.order.map((k) => h("option", { value: k, text: kindTitle(app, k), selected: k === it.kind })));
  const status = h("select", {}, STATUSES.map((s) => h("option", { value: s, text: t[`status_${s}`], selected: s === it.status })));
  const field = (label, el) => h("div", { class: "kb-case__field" }, h("label", { for: el.id, text: label }), el);
  const date = (v) => h("input", { type: "date", value: v || "", min: "1900-01-01", max: app.today });
  return h("fieldset", { class: "kb-case__item", "data-item": String(i) },
    h("legend", { text: `${i + 1}. ${it.kind ? kindTitle(app, it.kind) : "—"}` }),
    field(t.kind, control(app, i, "kind", kinds)),
    field(t.date, control(app, i, "date", date(it.date))),
    field(t.deactivated, control(app, i, "deactivated_on", date(it.deactivated_on))),
    field(t.store_label, control(app, i, "store", h("input", { type: "text", value: it.store, maxlength: "60" }))),
    field(t.status, control(app, i, "status", status)),
    h("div", { class: "kb-case__field kb-case__check" },
      control(app, i, "repeat", h("input", { type: "checkbox", checked: it.repeat })),
      h("label", { for: `${app.uid}-repeat-${i}`, text: t.repeat })),
    h("button", { type: "button", class: "md-button kb-case__remove", "data-remove": String(i), text: t.remove }));
}

export function resultView(app, c) {
  const t = app.t;
  const lines = app.items.map((it, i) => {
    if (!it.kind) return null;
    const title = kindTitle(app, it.kind);
    const ex = c.expiresOf.get(i);
    if (!app.expiryRules.types[it.kind]) return h("li", { text: fillText(t.not_counted, { title }) });
    if (!ex) return null;
    const key = ex.counting ? t.stops : t.stopped;
    return h("li", { text: fillText(key, { title, date: app.fmt(ex.expires_on), days: ex.days_left }) });
  });
  const groups = c.groups.filter((g) => g.count > 0).map((g) => {
    const group = app.expiryRules.repeat_groups[g.id].title[app.lang];
    return h("li", { class: g.at_limit ? "kb-case__limit" : null,
      text: fillText(g.at_limit ? t.group : t.group_ok, { group, count: g.count, limit: g.limit, date: app.fmt(g.under_on) }) });
  });
  return h("ul", { class: "kb-case__result" }, lines, groups);
}

export function planView(app, c) {
  const t = app.t;
  const today = dayNumber(app.today);
  const rows = c.steps.map((s) => {
    const store = app.items[s.index] && app.items[s.index].store ? ` [${app.items[s.index].store}]` : "";
    const when = t[`when_${s.when}`] + (s.days ? ` (${fillText(t.days, { n: s.days })})` : "");
    return h("li", { class: `kb-case__step${s.overdue ? " kb-case__overdue" : ""}`, "data-when": s.when },
      h("span", { class: "kb-case__date", text: `${app.fmt(s.date)}${dayNumber(s.date) < today ? ` · ${t.overdue}` : ""}` }),
      h("span", { class: "kb-case__when", text: `${when}${store} · ${kindTitle(app, s.kind)}` }),
      h("span", { class: "kb-case__what", text: s.text[app.lang] + (s.usual ? ` ${fillText(t.usual, { n: s.days })}` : "") }),
      h("span", { class: "kb-case__refs" },
        `${t.explains}: `, h("a", { href: app.link(s.url[app.lang]), text: s.ref_title ? s.ref_title[app.lang] : s.ref }),
        s.source ? [` · ${t.source}: `, h("a", { href: s.source.url, rel: "noopener noreferrer", text: s.source.title })] : null));
  });
  return h("ol", { class: "kb-case__plan" }, rows);
}

/** The plan as plain text (for "copy"). */
export function planText(app, c) {
  const t = app.t;
  const out = [t.plan, fillText(t.today_is, { date: app.today }), ""];
  for (const s of c.steps) {
    const store = app.items[s.index] && app.items[s.index].store ? ` [${app.items[s.index].store}]` : "";
    out.push(`${s.date} · ${t[`when_${s.when}`]}${store} · ${kindTitle(app, s.kind)}`);
    out.push(`  ${s.text[app.lang]}`);
    out.push(`  ${t.explains}: ${s.ref_title ? s.ref_title[app.lang] : s.ref} (${app.link(s.url[app.lang], true)})`);
    if (s.source) out.push(`  ${t.source}: ${s.source.title} (${s.source.url})`);
  }
  out.push("", t.disclaimer);
  return out.join("\n");
}
