// The letters page (/tools/letters/): pick a letter, enter your facts, get the English text to send with an
// explanation per paragraph; copy and print. State lives in the URL fragment (never sent to a server), so the
// case assistant can link here: #kind=retraction&violation=ID&reason=ID&asins=...&store=...
import { h, loadJson, readFragment, writeFragment, bilingual } from "./dom.js";
import { renderLetter, modelsFromPoa } from "./render.js";

const UI = {
  zh: {
    kind: "信件类型", violation: "违规类型", reason: "理由", facts: "你的信息",
    kinds: { retraction: "请权利人撤回投诉", dispute: "向亚马逊提出争议", poa: "POA 骨架" },
    noReason: "以上都不是 / 投诉并没有发错",
    noRetraction: "只有投诉确实发错了（上面列出的理由之一属实）才能请权利人撤回。亚马逊只接受权利人说明“投诉有误”的撤回，请对方作不属实的声明既不诚实，也会让处境更糟。请改看争议（如果投诉无效）或 POA 骨架，并参考“请权利人撤回投诉”一文。",
    pick: "请选择理由", recipient: "发给谁", letter: "要发送的英文信", copy: "复制全文", print: "打印",
    copied: (n) => `已复制 ${n} 个字符。`, copyFailed: "浏览器不允许复制，请手动选中上面的文字复制。",
    missing: "还缺这些信息（信里用 [方括号] 标出）：", why: "这一段的作用", example: "范例信的写法（虚构示例）",
    loading: "正在加载……", failed: "无法加载模板数据：", privacy: "所有内容只在你的浏览器里处理，不会上传。",
    model: "范例信",
  },
  en: {
    kind: "Letter", violation: "Violation type", reason: "Reason", facts: "Your facts",
    kinds: { retraction: "Ask the rights owner to retract", dispute: "Dispute with Amazon", poa: "POA skeleton" },
    noReason: "None of these / the complaint was not a mistake",
    noRetraction: "You can only ask the rights owner to retract when the complaint really was made in error (one of the reasons above is true). Amazon only accepts a retraction in which the owner says the complaint was made in error, and asking anyone for a statement that is not true is dishonest and makes things worse. Look at a dispute (if the complaint is invalid) or the POA skeleton instead, and read the page on asking for a retraction.",
    pick: "Choose a reason", recipient: "Send to", letter: "The English letter to send", copy: "Copy all", print: "Print",
    copied: (n) => `Copied ${n} characters.`, copyFailed: "The browser refused to copy; select the text above and copy it by hand.",
    missing: "Still missing (marked [in brackets] in the letter):", why: "What this paragraph does", example: "How the model letter writes it (fictional example)",
    loading: "Loading…", failed: "Could not load the templates: ", privacy: "Everything stays in your browser; nothing is uploaded.",
    model: "Model letter",
  },
};
const KINDS = ["retraction", "dispute", "poa"];

function byKind(templates) {
  const out = {};
  for (const t of templates) if (!out[t.kind]) out[t.kind] = t;
  return out;
}

function option(value, text, selected) {
  return h("option", { value, text, selected: selected || null });
}

async function copyText(text) {
  if (navigator.clipboard && navigator.clipboard.writeText) {
    await navigator.clipboard.writeText(text);
    return true;
  }
  return false;
}

function start(root) {
  const lang = root.dataset.lang === "en" ? "en" : "zh";
  const t = UI[lang];
  const base = root.dataset.api;
  root.replaceChildren(h("p", { class: "kb-letters__hint", text: t.loading }));
  loadJson([`${base}letters.json`, `${base}poa.json`, `${base}violations.json`]).then(([letters, poa, violations]) => {
    const templates = byKind(letters.entries.map((e) => e.data));
    const models = modelsFromPoa(poa.entries.map((e) => e.data));
    const titles = Object.fromEntries(violations.entries.map((e) => [e.id, e.data.title]));
    const frag = readFragment(location.hash);
    const state = { kind: KINDS.includes(frag.get("kind")) ? frag.get("kind") : "retraction", facts: {} };
    state.violation = frag.get("violation") || "";
    state.reason = frag.get("reason") || "";
    for (const [k, v] of frag) if (!["kind", "violation", "reason"].includes(k)) state.facts[k] = v;
    const form = h("form", { class: "kb-letters__form", onsubmit: (ev) => ev.preventDefault() });
    const output = h("div", { class: "kb-letters__output", "aria-live": "polite" });
    root.replaceChildren(h("p", { class: "kb-letters__hint", text: t.privacy }), form, output);
    root.dataset.ready = "";

    function template() { return templates[state.kind]; }

    function save() {
      const tpl = template();
      const pairs = [["kind", state.kind], ["violation", state.violation], ["reason", state.kind === "poa" ? "" : state.reason]];
      for (const f of tpl.facts) pairs.push([f.name, state.facts[f.name] || ""]);
      writeFragment(pairs);
    }

    function drawForm() {
      const tpl = template();
      if (!tpl.violation_types.includes(state.violation)) state.violation = tpl.violation_types[0];
      const kindSel = h("select", { id: "kb-letter-kind", onchange: (ev) => { state.kind = ev.target.value; update(true); } },
        KINDS.filter((k) => templates[k]).map((k) => option(k, t.kinds[k], k === state.kind)));
      const violSel = h("select", { id: "kb-letter-violation", onchange: (ev) => { state.violation = ev.target.value; update(false); } },
        tpl.violation_types.map((v) => option(v, titles[v] ? titles[v][lang] : v, v === state.violation)));
      const rows = [
        h("div", { class: "kb-letters__field" }, h("label", { for: kindSel.id, text: t.kind }), kindSel),
        h("div", { class: "kb-letters__field" }, h("label", { for: violSel.id, text: t.violation }), violSel),
      ];
      if (tpl.kind !== "poa") {
        const reasonSel = h("select", { id: "kb-letter-reason", onchange: (ev) => { state.reason = ev.target.value; update(false); } },
          option("", t.pick, !state.reason),
          tpl.reasons.map((r) => option(r.id, r.label[lang], r.id === state.reason)),
          tpl.kind === "retraction" ? option("none", t.noReason, state.reason === "none") : null);
        rows.push(h("div", { class: "kb-letters__field" }, h("label", { for: reasonSel.id, text: t.reason }), reasonSel));
      }
      const facts = tpl.facts.map((f) => {
        const id = `kb-letter-fact-${f.name}`;
        const attrs = { id, name: f.name, oninput: (ev) => { state.facts[f.name] = ev.target.value; drawLetter(); save(); } };
        const control = f.multiline ? h("textarea", { ...attrs, rows: 3 }) : h("input", { ...attrs, type: "text" });
        control.value = state.facts[f.name] || "";
        return h("div", { class: "kb-letters__field" }, h("label", { for: id, text: f.label[lang] }), control);
      });
      form.replaceChildren(...rows, h("fieldset", {}, h("legend", { text: t.facts }), facts));
    }

    function drawLetter() {
      const tpl = template();
      const result = renderLetter(tpl, { violation: state.violation, reason: state.reason, facts: state.facts }, models);
      const parts = [bilingual(tpl.recipient, lang, "kb-letters__recipient")];
      parts[0].prepend(h("strong", { text: t.recipient }));
      if (result.error) {
        const msg = result.error === "no-valid-reason" && state.reason === "none" ? t.noRetraction : t.pick;
        output.replaceChildren(...parts, h("p", { class: "kb-letters__notice", "data-kb": "letter-error", text: msg }));
        return;
      }
      const status = h("p", { class: "kb-letters__status", role: "status", "data-kb": "copy-status" });
      const copyBtn = h("button", { type: "button", class: "md-button", "data-kb": "copy", text: t.copy,
        onclick: () => copyText(result.text).then((ok) => { status.textContent = ok ? t.copied(result.text.length) : t.copyFailed; },
          () => { status.textContent = t.copyFailed; }) });
      const printBtn = h("button", { type: "button", class: "md-button", "data-kb": "print", text: t.print, onclick: () => window.print() });
      const paras = result.paragraphs.map((p) => h("section", { class: "kb-letters__para", "data-part": p.part },
        h("pre", { class: "kb-letters__text", lang: "en", text: p.text }),
        h("div", { class: "kb-letters__explain" }, h("strong", { text: t.why }),
          p.explain.map((e) => bilingual(e, lang, "kb-letters__why")),
          p.example ? h("details", { class: "kb-letters__example" }, h("summary", { text: t.example }),
            h("pre", { lang: "en", text: p.example.text }), bilingual(p.example.explain, lang, "kb-letters__why"),
            h("a", { href: `${root.dataset.poaBase}${encodeURIComponent(p.example.model)}/`, text: t.model })) : null)));
      const missing = result.missing.length
        ? h("p", { class: "kb-letters__missing", "data-kb": "missing", text: `${t.missing} ${result.missing.map((n) => {
          const f = tpl.facts.find((x) => x.name === n); return f ? f.label[lang] : n; }).join("、")}` })
        : null;
      output.replaceChildren(...parts, h("h2", { text: t.letter }), missing,
        h("div", { class: "kb-letters__actions" }, copyBtn, printBtn, status),
        h("div", { class: "kb-letters__letter", "data-kb": "letter" }, paras),
        h("textarea", { class: "kb-letters__plain", "data-kb": "plain", readonly: true, "aria-label": t.letter, rows: 6, text: result.text }));
    }

    function update(redrawForm) {
      if (redrawForm) drawForm();
      drawLetter();
      save();
    }
    update(true);
  }, (err) => {
    root.replaceChildren(h("p", { class: "kb-letters__notice", text: t.failed + String(err.message || err) }));
  });
}

for (const root of document.querySelectorAll(".kb-letters[data-api]")) start(root);
