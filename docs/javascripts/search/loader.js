/* global HTMLElement, URLSearchParams */
// On every page: opens Material's header search box and loads the search itself (ui.js,
// then Pagefind's script and index) only when the reader starts searching. No index bytes
// before that. Keyboard: / s f open the box (as in Material), Esc closes it.

const box = document.querySelector("[data-kb-search]");
const toggle = document.getElementById("__search");
const input = box && box.querySelector(".md-search__input");
let started = null;

function start() {
  if (!started) {
    started = import("./ui.js").then((ui) => ui.start(box, toggle, input));
    started.catch(() => {
      started = null;
      const meta = box.querySelector(".md-search-result__meta");
      if (meta) meta.textContent = box.dataset.kbFailed;
    });
  }
  return started;
}

function open() {
  toggle.checked = true;
  input.focus();
  input.select();
  start();
}

function typing(target) {
  return target instanceof HTMLElement
    && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/u.test(target.tagName));
}

if (box && toggle && input) {
  input.addEventListener("focus", () => { toggle.checked = true; start(); });
  input.addEventListener("input", start, { once: true }); // a paste before focus settles
  toggle.addEventListener("change", () => { if (toggle.checked) open(); else input.blur(); });
  box.querySelector("form").addEventListener("submit", (event) => event.preventDefault());
  window.addEventListener("keydown", (event) => {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    if (!toggle.checked && !typing(event.target) && ["/", "s", "f"].includes(event.key)) {
      event.preventDefault();
      open();
    } else if (toggle.checked && event.key === "Escape") {
      toggle.checked = false;
      input.blur();
    }
  });
}

if (new URLSearchParams(location.search).has("h")) {
  import("./highlight.js").then((h) => h.highlightFromLocation());
}
