// The POA checker page (/tools/poa-check/): paste a POA, pick the violation type (prefilled from #violation=ID),
// see each finding with the words that triggered it, why it matters, how to fix it and its source.
// The text never leaves the browser and is only ever shown through textContent.
import { h, loadJson, readFragment, writeFragment, bilingual, safeLink } from "./dom.js";
import { checkPoa, rulesFromApi, normalise, MAX_UNITS } from "./poa-check.js";

const UI = {
  zh: {
    violation: "违规类型", paste: "粘贴你的 POA（英文）", check: "检查", none: "没有发现问题。这不代表信一定会通过，请再对照范例信检查一遍。",
    tooLarge: (n) => `文字太长（${n.toLocaleString("zh-CN")} 个字符，上限 ${MAX_UNITS.toLocaleString("zh-CN")}）。POA 应当简短；请只粘贴信的正文。`,
    empty: "请先粘贴信的内容。", markup: "这段文字里有 HTML 或脚本标记。检查器只把它当作普通文字，不会执行或显示成网页内容。",
    found: (n) => `发现 ${n} 个问题：`, words: "触发的词句", why: "为什么要改", fix: "怎么改", source: "来源", highlighted: "原文中的触发词句",
    severity: { high: "严重", medium: "中等", low: "轻微" }, loading: "正在加载……", failed: "无法加载检查规则：",
    privacy: "检查在你的浏览器里完成，信的内容不会上传。", missingSection: "（缺少这一部分，没有可标出的词句）",
  },
  en: {
    violation: "Violation type", paste: "Paste your POA (English)", check: "Check", none: "No findings. That does not mean the letter will pass; compare it with the model letter once more.",
    tooLarge: (n) => `The text is too long (${n.toLocaleString("en")} characters; the limit is ${MAX_UNITS.toLocaleString("en")}). A POA should be brief; paste only the letter itself.`,
    empty: "Paste the letter first.", markup: "This text contains HTML or script markup. The checker treats it as plain text; nothing is run or shown as page content.",
    found: (n) => `${n} finding(s):`, words: "Words that triggered it", why: "Why it matters", fix: "How to fix it", source: "Sources", highlighted: "Trigger words in your text",
    severity: { high: "high", medium: "medium", low: "low" }, loading: "Loading…", failed: "Could not load the checker rules: ",
    privacy: "The check runs in your browser; the letter is not uploaded.", missingSection: "(a missing section: no words to show)",
  },
};
const MARKUP = /<\s*\/?\s*(script|iframe|img|svg|style|a|div|p|html|body)\b|<!--/i;

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+");
}

/** The pasted text as text nodes with the evidence wrapped in <mark> (built with DOM calls only). */
function highlighted(text, evidence) {
  const words = [...new Set(evidence)].filter((w) => w.length > 0).slice(0, 60);
  const pre = h("pre", { class: "kb-check__source", lang: "en", "data-kb": "highlighted" });
  if (!words.length) { pre.textContent = text; return pre; }
  const rx = new RegExp(words.map(escapeRe).join("|"), "gi");
  let last = 0;
  let m;
  let count = 0;
  while ((m = rx.exec(text)) !== null && count < 2000) {
    if (m[0].length === 0) { rx.lastIndex += 1; continue; }
    pre.append(text.slice(last, m.index), h("mark", { text: m[0] }));
    last = m.index + m[0].length;
    count += 1;
  }
  pre.append(text.slice(last));
  return pre;
}

function start(root) {
  const lang = root.dataset.lang === "en" ? "en" : "zh";
  const t = UI[lang];
  const base = root.dataset.api;
  root.replaceChildren(h("p", { class: "kb-letters__hint", text: t.loading }));
  loadJson([`${base}poa-rules.json`, `${base}violations.json`]).then(([rulesDoc, violations]) => {
    const rules = rulesFromApi(rulesDoc);
    const byId = Object.fromEntries(rules.map((r) => [r.id, r]));
    const ids = violations.entries.map((e) => e.id);
    const frag = readFragment(location.hash);
    const wanted = ids.includes(frag.get("violation")) ? frag.get("violation") : "ip-complaint-utility-patent";
    const select = h("select", { id: "kb-check-violation", onchange: () => writeFragment([["violation", select.value]]) },
      violations.entries.map((e) => h("option", { value: e.id, text: e.data.title[lang], selected: e.id === wanted || null })));
    const area = h("textarea", { id: "kb-check-text", rows: 12, spellcheck: "false" });
    const results = h("div", { class: "kb-check__results", "aria-live": "polite", "data-kb": "results" });
    const run = () => {
      const text = area.value;
      const notes = [];
      if (text.length > MAX_UNITS) {
        results.replaceChildren(h("p", { class: "kb-letters__notice", "data-kb": "too-large", text: t.tooLarge(text.length) }));
        return;
      }
      if (MARKUP.test(text)) notes.push(h("p", { class: "kb-letters__notice", "data-kb": "markup", text: t.markup }));
      const result = checkPoa(text, rules, { violation: select.value });
      if (result.error) {
        results.replaceChildren(...notes, h("p", { class: "kb-letters__notice", "data-kb": "error", text: t.empty }));
        return;
      }
      const items = result.findings.map((f) => {
        const rule = byId[f.rule];
        return h("li", { class: `kb-check__finding kb-check__finding--${f.severity}`, "data-rule": f.rule },
          h("h3", {}, h("span", { text: rule.title[lang] }), " ",
            h("span", { class: "kb-check__severity", text: t.severity[f.severity] || f.severity }),
            h("code", { class: "kb-check__id", text: f.rule })),
          h("p", {}, h("strong", { text: `${t.words}: ` }),
            f.evidence.length ? f.evidence.map((w) => h("mark", { class: "kb-check__word", text: w })) : t.missingSection),
          h("strong", { text: t.why }), bilingual(rule.summary, lang, "kb-check__why"),
          h("strong", { text: t.fix }), bilingual(rule.fix, lang, "kb-check__fix"),
          h("p", { class: "kb-check__sources" }, h("strong", { text: `${t.source}: ` }),
            rule.sources.map((s, i) => [i ? "; " : "", safeLink(s.url, `${s.publisher}: ${s.title}`)])));
      });
      const evidence = result.findings.flatMap((f) => f.evidence);
      results.replaceChildren(...notes,
        h("p", { "data-kb": "summary", text: result.findings.length ? t.found(result.findings.length) : t.none }),
        h("ol", { class: "kb-check__list" }, items),
        evidence.length ? h("details", { class: "kb-check__view", open: true }, h("summary", { text: t.highlighted }),
          highlighted(normalise(text).length ? text : "", evidence)) : null);
    };
    const form = h("form", { class: "kb-letters__form", onsubmit: (ev) => { ev.preventDefault(); run(); } },
      h("div", { class: "kb-letters__field" }, h("label", { for: select.id, text: t.violation }), select),
      h("div", { class: "kb-letters__field" }, h("label", { for: area.id, text: t.paste }), area),
      h("button", { type: "submit", class: "md-button md-button--primary", "data-kb": "check", text: t.check }));
    root.replaceChildren(h("p", { class: "kb-letters__hint", text: t.privacy }), form, results);
    root.dataset.ready = "";
  }, (err) => {
    root.replaceChildren(h("p", { class: "kb-letters__notice", text: t.failed + String(err.message || err) }));
  });
}

for (const root of document.querySelectorAll(".kb-check[data-api]")) start(root);
