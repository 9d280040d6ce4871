// The case assistant page (/tools/case/ and /en/tools/case/). Everything runs in the reader's browser:
// nothing is sent anywhere, the pasted text is never stored or put in a link (the share link carries only
// the structured case). Markup contract:
// <div class="kb-case" data-lang="zh|en" data-rules="…/notice-rules.json" data-expiry-rules="…/expiry-rules.json"
//      data-site="<relative URL of the site root, ending in />">

import { h, download } from "../expiry/dom.js";
import { readPaste, normaliseItem, formatFragment, parseFragment, MAX_ITEMS } from "./model.js";
import { buildCase } from "./plan.js";
import { buildCaseIcs } from "./ics.js";
import { CASE_TEXT, fillText } from "./text.js";
import { noticeView, itemView, resultView, planView, planText } from "./view.js";

/** The reader's local calendar date (not UTC). */
export function localToday(now = new Date()) {
  const p = (n, w) => String(n).padStart(w, "0");
  return `${p(now.getFullYear(), 4)}-${p(now.getMonth() + 1, 2)}-${p(now.getDate(), 2)}`;
}

class CaseApp {
  constructor(root) {
    this.root = root;
    this.lang = root.dataset.lang === "en" ? "en" : "zh";
    this.t = CASE_TEXT[this.lang];
    this.site = root.dataset.site || "../../";
    this.today = localToday();
    this.items = [];
    this.notices = [];
    this.messages = [];
    this.uid = `kbc${Math.random().toString(36).slice(2, 8)}`;
    const df = new Intl.DateTimeFormat(this.lang === "en" ? "en-GB" : "zh-CN", { dateStyle: "medium", timeZone: "UTC" });
    this.fmt = (iso) => `${iso} (${df.format(new Date(`${iso}T00:00:00Z`))})`;
  }

  link(path, absolute = false) {
    const rel = this.site + path;
    return absolute ? new URL(rel, document.baseURI).href : rel;
  }

  async start() {
    try {
      const [rules, expiryRules] = await Promise.all([this.root.dataset.rules, this.root.dataset.expiryRules].map(async (u) => {
        const r = await fetch(new URL(u, document.baseURI).href, { credentials: "same-origin" });
        if (!r.ok) throw new Error(String(r.status));
        return r.json();
      }));
      this.rules = rules;
      this.expiryRules = expiryRules;
    } catch {
      this.root.replaceChildren(h("p", { class: "kb-case__error", role: "alert", text: this.t.load_error }));
      return;
    }
    this.layout();
    this.fromFragment();
    this.render();
    this.root.dataset.ready = "";
    window.addEventListener("hashchange", () => {
      this.fromFragment();
      this.render();
    });
  }

  fromFragment() {
    const parsed = parseFragment(location.hash, this.rules);
    if (!parsed.ok) this.messages = [{ key: "link_bad", values: {} }];
    if (parsed.items.length) {
      this.items = parsed.items;
      this.notices = [];
    }
    if (parsed.today) this.today = parsed.today;
  }

  layout() {
    const t = this.t;
    this.paste = h("textarea", { id: `${this.uid}-paste`, rows: "8", spellcheck: "false", autocomplete: "off",
      "aria-describedby": `${this.uid}-paste-hint` });
    this.status = h("div", { class: "kb-case__status", role: "status", "aria-live": "polite" });
    this.noticesBox = h("div", { class: "kb-case__notices" });
    this.caseBox = h("div", { class: "kb-case__case" });
    this.root.replaceChildren(
      h("div", { class: "kb-case__input kb-case__noprint" },
        h("label", { for: this.paste.id, text: t.paste_label }), this.paste,
        h("small", { id: `${this.uid}-paste-hint`, class: "kb-case__hint", text: t.paste_hint }),
        h("div", { class: "kb-case__buttons" },
          h("button", { type: "button", class: "md-button md-button--primary", "data-action": "read", text: t.read,
            onclick: () => this.read() }),
          h("button", { type: "button", class: "md-button", "data-action": "clear", text: t.clear, onclick: () => this.clear() }))),
      this.status, this.noticesBox, this.caseBox);
    this.caseBox.addEventListener("change", (e) => this.edit(e.target));
  }

  read() {
    const { notices, messages } = readPaste(this.paste.value, this.rules, this.today);
    this.notices = notices;
    this.messages = messages;
    const fresh = notices.filter((n) => n.item).map((n) => n.item);
    this.items = this.items.concat(fresh).slice(0, MAX_ITEMS);
    this.render();
  }

  clear() {
    this.paste.value = "";
    this.notices = [];
    this.items = [];
    this.messages = [];
    if (location.hash) history.replaceState(null, "", location.pathname + location.search);
    this.render();
  }

  edit(el) {
    const i = Number(el.dataset.item);
    const name = el.dataset.field;
    if (!Number.isInteger(i) || !this.items[i] || !name) return;
    const value = el.type === "checkbox" ? el.checked : el.value || null;
    this.items[i] = normaliseItem({ ...this.items[i], [name]: name === "store" ? value || "" : value }, this.rules);
    this.render(`${this.uid}-${name}-${i}`);
  }

  render(focusId = null) {
    const t = this.t;
    this.status.replaceChildren(...this.messages.map((m) => h("p", { class: "kb-case__message", text: fillText(t[m.key], m.values) })));
    this.noticesBox.replaceChildren(...(this.notices.length
      ? [h("h2", { text: t.notices }), ...this.notices.map((n, i) => noticeView(this, n, i))] : []));
    if (!this.items.length) {
      this.caseBox.replaceChildren(h("button", { type: "button", class: "md-button kb-case__noprint", "data-action": "add",
        text: t.add_empty, onclick: () => this.addEmpty() }));
      return;
    }
    const c = buildCase(this.items, this.rules, this.expiryRules, this.today);
    this.current = c;
    const items = this.items.map((it, i) => itemView(this, it, i));
    this.caseBox.replaceChildren(
      h("h2", { text: t.case }), h("div", { class: "kb-case__items" }, items),
      h("button", { type: "button", class: "md-button kb-case__noprint", "data-action": "add", text: t.add_empty,
        onclick: () => this.addEmpty() }),
      h("h2", { text: t.result }), resultView(this, c),
      h("h2", { text: t.plan }), h("p", { text: fillText(t.today_is, { date: this.fmt(this.today) }) }), planView(this, c),
      h("p", { class: "kb-case__hint", text: t.disclaimer }),
      h("div", { class: "kb-case__buttons kb-case__noprint" },
        h("button", { type: "button", class: "md-button", "data-action": "ics", text: t.export_ics, onclick: () => this.exportIcs() }),
        h("button", { type: "button", class: "md-button", "data-action": "copy", text: t.copy, onclick: () => this.copy(planText(this, c)) }),
        h("button", { type: "button", class: "md-button", "data-action": "print", text: t.print, onclick: () => window.print() }),
        h("button", { type: "button", class: "md-button", "data-action": "share", text: t.share, onclick: () => this.share() })),
      h("p", { class: "kb-case__hint kb-case__noprint", text: t.share_note }));
    this.caseBox.querySelectorAll("[data-remove]").forEach((b) => b.addEventListener("click", () => {
      this.items.splice(Number(b.dataset.remove), 1);
      this.render();
    }));
    if (focusId) document.getElementById(focusId)?.focus();
  }

  addEmpty() {
    if (this.items.length >= MAX_ITEMS) return;
    this.items.push(normaliseItem({ kind: "", date: this.today }, this.rules));
    this.render();
  }

  exportIcs() {
    const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    const text = buildCaseIcs(this.current, this.items, this.rules, this.expiryRules, this.lang, stamp);
    download(`case-${this.today}.ics`, "text/calendar;charset=utf-8", text);
  }

  async copy(text) {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const area = h("textarea", { class: "kb-case__copy" });
      area.value = text;
      document.body.append(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    this.messages = [{ key: "copied", values: {} }];
    this.status.replaceChildren(h("p", { class: "kb-case__message", text: this.t.copied }));
  }

  share() {
    const frag = formatFragment(this.items, null);
    history.replaceState(null, "", location.pathname + location.search + frag);
    this.copy(location.href);
  }
}

export function init() {
  for (const root of document.querySelectorAll(".kb-case")) new CaseApp(root).start();
}

init();
