/* global Element */
// The search dialog: Pagefind (loaded from the site root on first use) behind Material's markup.
// Results are grouped by page: the page, then up to three of its sections. Links carry ?h=.
import { normalise, withHighlight } from "./query.js";
import { excerptNodes, h } from "./dom.js";
import { rankedResults, titleFirst } from "./rank.js";

const PAGE_SIZE = 10;
const TITLE_WINDOW = PAGE_SIZE; // results whose titles are compared with the query (their fragments load anyway)
const SECTIONS = 3;
// Pagefind's ranking, tuned on tests/search/queries.yml: long hub pages (the AHR page, the
// decision guide) must not lose to short pages that mention a word once.
const RANKING = { pageLength: 0.2, termFrequency: 0.6, termSaturation: 1.6, termSimilarity: 1.0 };

function resultItem(data, query) {
  const base = location.href;
  const page = h("a", { class: "md-search-result__link", href: withHighlight(data.url, query, base) },
    h("article", { class: "md-search-result__article md-typeset" },
      h("div", { class: "md-search-result__icon md-icon" }),
      h("h1", {}, data.meta.title || data.url),
      h("p", {}, ...excerptNodes(data.excerpt))));
  const sections = (data.sub_results || [])
    .filter((s) => s.url !== data.url && s.url.includes("#") && s.title !== data.meta.title)
    .slice(0, SECTIONS)
    .map((s) => h("a", { class: "md-search-result__link", href: withHighlight(s.url, query, base) },
      h("article", { class: "md-search-result__article md-typeset" },
        h("h2", {}, s.title), h("p", {}, ...excerptNodes(s.excerpt)))));
  return h("li", { class: "md-search-result__item" }, page, ...sections);
}

function countText(box, n) {
  if (n === 0) return box.dataset.kbNone;
  return (n === 1 ? box.dataset.kbOne : box.dataset.kbOther).replace("#", String(n));
}

export async function start(box, toggle, input) {
  const meta = box.querySelector(".md-search-result__meta");
  const list = box.querySelector(".md-search-result__list");
  const root = new URL(box.dataset.kbRoot.replace(/\/+$/u, "/"), location.href);
  meta.textContent = box.dataset.kbLoading;
  const pagefind = await import(new URL("pagefind/pagefind.js", root).href);
  await pagefind.options({ baseUrl: root.pathname, ranking: RANKING, excerptLength: 24 });
  await pagefind.init();
  // written by the build (kb_build/publish/search_index.py); search still works without it
  const domainWords = (await import("./domain-words.js").catch(() => ({ default: [] }))).default;
  const glossaryTerms = (await import("./glossary-terms.js").catch(() => ({ default: [] }))).default;
  let seq = 0;
  let more = null;

  async function show(results, from, query, mine) {
    const slice = await Promise.all(results.slice(from, from + PAGE_SIZE).map((r) => r.loaded || r.data()));
    if (mine !== seq) return;
    more?.remove();
    list.append(...slice.map((d) => resultItem(d, query)));
    if (results.length > from + PAGE_SIZE) {
      more = h("li", { class: "md-search-result__more kb-search-more" },
        h("button", { type: "button", class: "md-button" }, box.dataset.kbMore));
      more.firstChild.addEventListener("click", () => show(results, from + PAGE_SIZE, query, mine));
      list.append(more);
    }
  }

  async function run() {
    const typed = input.value;
    const query = normalise(typed);
    const mine = ++seq;
    if (!query) {
      list.replaceChildren();
      meta.textContent = box.dataset.kbPlaceholder;
      return;
    }
    const ranked = await rankedResults(pagefind, query, domainWords, glossaryTerms);
    if (mine !== seq) return;
    const head = await Promise.all(ranked.slice(0, TITLE_WINDOW).map(async (r) => ({ id: r.id, data: await r.data() })));
    if (mine !== seq) return;
    const results = titleFirst(head, query, domainWords)
      .map((item) => ({ id: item.id, loaded: item.data }))
      .concat(ranked.slice(TITLE_WINDOW));
    list.replaceChildren();
    more = null;
    meta.textContent = countText(box, results.length);
    await show(results, 0, typed, mine);
    if (mine === seq) box.dataset.kbQuery = query; // rendered: tests and benchmarks wait for this
  }

  input.addEventListener("input", (event) => { if (!event.isComposing) run(); });
  input.addEventListener("compositionend", run);
  box.querySelector("button[type=reset]").addEventListener("click", () => {
    input.value = "";
    run();
    input.focus();
  });
  box.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("a")) toggle.checked = false;
  });
  box.addEventListener("keydown", (event) => {
    const links = [...list.querySelectorAll("a")];
    if (event.key === "Enter" && event.target === input && links.length) {
      event.preventDefault();
      links[0].click();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const stops = [input, ...links];
      const at = stops.indexOf(document.activeElement);
      const next = (Math.max(at, 0) + (event.key === "ArrowDown" ? 1 : stops.length - 1)) % stops.length;
      event.preventDefault();
      stops[next].focus();
    }
  });
  if (input.value) run();
  else meta.textContent = box.dataset.kbPlaceholder;
}
