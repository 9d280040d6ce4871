// Small page helpers for every page (issue 14), run on each page Material shows:
// - scroll regions (wide tables, code blocks) get tabindex, role and a name, so a keyboard can scroll them;
// - tables of three or more columns get per-cell labels, which kb.css uses to stack rows on a phone;
// - the glossary opens the term a link points at (#term-id), and its filter folds the list;
// - POA letters get a working copy button.
// Without JavaScript every page still reads: tables scroll sideways, terms open on a tap.

const zh = () => (document.documentElement.lang || "zh").startsWith("zh");

function nameOf(el) {
  let node = el;
  while (node && node !== document.body) {
    let prev = node.previousElementSibling;
    while (prev) {
      if (/^H[1-6]$/.test(prev.tagName)) return prev.textContent.replace(/¶$/, "").trim();
      prev = prev.previousElementSibling;
    }
    node = node.parentElement;
  }
  return document.title;
}

function labelScrollRegion(el, kind) {
  const scrolls = el.scrollWidth > el.clientWidth + 1;
  if (!scrolls) {
    if (el.dataset.kbRegion) {
      ["tabindex", "role", "aria-label", "data-kb-region"].forEach((a) => el.removeAttribute(a));
    }
    return;
  }
  if (el.hasAttribute("tabindex") && !el.dataset.kbRegion) return; // Material's own (code blocks)
  el.dataset.kbRegion = "1";
  el.setAttribute("tabindex", "0");
  el.setAttribute("role", "region");
  const what = kind === "table" ? (zh() ? "表格" : "Table") : (zh() ? "代码" : "Code");
  el.setAttribute("aria-label", `${what}${zh() ? "：" : ": "}${nameOf(el)}`);
}

function scrollRegions() {
  document.querySelectorAll(".md-typeset .md-typeset__scrollwrap").forEach((el) => labelScrollRegion(el, "table"));
  document.querySelectorAll(".md-typeset pre > code").forEach((el) => labelScrollRegion(el, "code"));
}

function stackTables() {
  document.querySelectorAll(".md-content .md-typeset table:not([class])").forEach((table) => {
    if (table.closest(".kb-expiry, [data-kb-no-stack]")) return;
    const heads = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    if (heads.length < 3) return;
    table.querySelectorAll("tbody tr").forEach((tr) => {
      [...tr.cells].forEach((td, i) => td.setAttribute("data-label", heads[i] || ""));
    });
    table.setAttribute("data-kb-stack", "");
  });
}

function openTarget() {
  let id = "";
  try {
    id = decodeURIComponent(location.hash.slice(1));
  } catch {
    return; // a malformed fragment (a hostile or cut link) names no target
  }
  const target = id && document.getElementById(id);
  if (!target) return;
  const details = target.closest("details");
  if (details && !details.open) {
    details.open = true;
    target.scrollIntoView();
  }
}

function glossaryFilter() {
  const box = document.querySelector("[data-kb-filter]");
  if (!box || box.dataset.ready) return;
  box.dataset.ready = "1";
  box.hidden = false;
  const input = box.querySelector("input");
  const terms = [...document.querySelectorAll("details.kb-term")];
  const heads = [...document.querySelectorAll(".kb-letter-head")];
  const count = box.querySelector("[data-kb-count]");
  input.addEventListener("input", () => {
    const q = input.value.trim().toLowerCase();
    let shown = 0;
    terms.forEach((d) => {
      const hit = !q || d.textContent.toLowerCase().includes(q);
      d.hidden = !hit;
      if (hit) shown += 1;
      if (q && hit !== d.open) d.open = hit && shown <= 3;
    });
    heads.forEach((h) => {
      let el = h.nextElementSibling;
      let any = false;
      while (el && !el.classList.contains("kb-letter-head")) {
        if (el.matches("details.kb-term") && !el.hidden) any = true;
        el = el.nextElementSibling;
      }
      h.hidden = !any;
    });
    count.textContent = q ? (zh() ? `找到 ${shown} 条` : `${shown} found`) : "";
  });
}

function copyButtons() {
  if (!navigator.clipboard) return;
  document.querySelectorAll("[data-kb-copy]").forEach((button) => {
    if (button.dataset.ready) return;
    button.dataset.ready = "1";
    const letter = document.getElementById(button.dataset.kbCopy);
    if (!letter) return;
    button.hidden = false;
    const label = button.textContent;
    button.addEventListener("click", () => {
      const text = [...letter.querySelectorAll("p")].map((p) => p.innerText.trim()).join("\n\n");
      navigator.clipboard.writeText(text).then(
        () => { button.textContent = zh() ? "已复制" : "Copied"; },
        () => { button.textContent = zh() ? "复制失败，请手动选择" : "Copy failed: select the text"; },
      );
      setTimeout(() => { button.textContent = label; }, 2500);
    });
  });
}

function init() {
  stackTables();
  scrollRegions();
  glossaryFilter();
  copyButtons();
  openTarget();
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(init);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", init);
} else {
  init();
}
window.addEventListener("hashchange", openTarget);
let resizeTimer = 0;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(scrollRegions, 200);
});
