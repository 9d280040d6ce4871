// The calculator's layout, built once: the controls that keep what the reader is typing, and the empty boxes
// that app.render() fills. Every node is made with h(); handlers call the app's actions (page.js).

import { MAX_COUNT, MAX_SCORE, MIN_DATE, MAX_DATE } from "./limits.js";
import { h, field } from "./dom.js";
import { typeSelect } from "./view.js";

/** Build the page into app.root and keep references to its controls and boxes on `app`. */
export function buildLayout(app) {
  const t = app.t;
  const box = (cls, kb, attrs = {}) => h("div", { class: cls, "data-kb": kb, ...attrs });
  const msg = (kb) => h("p", { class: "kb-expiry__hint", role: "status", "aria-live": "polite", "data-kb": kb });
  const button = (text, onclick, attrs = {}) => h("button", { type: "button", class: "md-button", text, onclick, ...attrs });
  app.fragmentBox = box("kb-expiry__problems", "fragment-problems", { role: "alert" });
  app.todayInput = h("input", { type: "date", id: app.id("today"), min: MIN_DATE, max: MAX_DATE, required: true,
    "aria-describedby": app.id("today-hint"), onchange: () => app.setToday(app.todayInput.value) });
  app.asOfHint = h("p", { id: app.id("today-hint"), class: "kb-expiry__hint", "data-kb": "asof-hint" });
  app.asOfMsg = msg("asof-msg");
  const asOf = h("div", { class: "kb-expiry__asof" }, field(t.asOf, app.todayInput),
    button(t.today, () => app.setToday(null), { "data-kb": "today" }),
    app.asOfHint, app.asOfMsg);

  app.addType = typeSelect(app, app.id("add-type"), "");
  const dateIn = (name) => h("input", { type: "date", id: app.id(name), min: MIN_DATE, max: MAX_DATE });
  app.addDate = dateIn("add-date");
  app.addDeactivated = dateIn("add-deactivated");
  app.addResolved = dateIn("add-resolved");
  app.addCount = h("input", { type: "number", id: app.id("add-count"), min: "1", max: String(MAX_COUNT), step: "1", value: "1", inputmode: "numeric" });
  app.addRepeat = h("input", { type: "checkbox", id: app.id("add-repeat") });
  app.addMsg = msg("add-msg");
  const addForm = h("form", { class: "kb-expiry__add", "data-kb": "add-form", novalidate: true, onsubmit: (e) => {
    e.preventDefault();
    app.addFromForm();
  } },
  h("fieldset", {}, h("legend", { text: t.add }),
    field(t.type, app.addType), field(t.date, app.addDate), field(t.deactivated, app.addDeactivated, t.deactivatedHint),
    field(t.resolved, app.addResolved), field(t.count, app.addCount),
    h("div", { class: "kb-expiry__check" }, app.addRepeat, h("label", { for: app.addRepeat.id, text: t.repeat })),
    h("button", { type: "submit", class: "md-button md-button--primary", text: t.addButton })),
  app.addMsg);

  app.answerBox = box("kb-expiry__answer", "answer", { "aria-live": "polite" });
  app.pasteArea = h("textarea", { id: app.id("paste"), rows: "5", spellcheck: "false",
    placeholder: "ip-complaint-trademark 2023-12-02 *3\n发明专利 2024-03-01 *6" });
  app.pasteMsg = box("kb-expiry__problems", "paste-msg", { role: "status", "aria-live": "polite" });
  const paste = h("details", { class: "kb-expiry__paste" }, h("summary", { text: t.paste }),
    h("p", { class: "kb-expiry__hint", text: t.pasteHelp }),
    h("pre", {}, h("code", { text: `ip-complaint-utility-patent 2024-03-01 *6\n${app.lang === "en" ? "trademark" : "商标"}, 2023-12-02, 2024-01-15` })),
    field(t.pasteLabel, app.pasteArea), button(t.pasteButton, () => app.importPaste(), { "data-kb": "paste-import" }), app.pasteMsg);

  app.rowsBox = h("ol", { class: "kb-expiry__rows", "data-kb": "rows" });
  app.noneMsg = h("p", { class: "kb-expiry__hint", text: t.none });
  app.rowsMsg = msg("rows-msg");
  const rows = h("section", { "aria-labelledby": app.id("yours") }, h("h2", { id: app.id("yours"), text: t.yours }),
    app.noneMsg, app.rowsMsg, app.rowsBox, button(t.clear, () => app.commit((s) => s.items.splice(0))));

  app.scoreInput = h("input", { type: "number", id: app.id("score"), min: "0", max: String(MAX_SCORE), step: "1", inputmode: "numeric",
    oninput: () => app.readScore() });
  app.costBox = h("div", { class: "kb-expiry__costs" });
  app.scoreDetails = h("details", { class: "kb-expiry__score", "data-kb": "score" }, h("summary", { text: t.score }),
    h("p", { class: "kb-expiry__hint", text: t.scoreHelp }), field(t.scoreLabel, app.scoreInput), app.costBox);

  app.detailsBox = box("kb-expiry__results", "results");
  app.outMsg = msg("out-msg");
  const exports = h("section", { "aria-labelledby": app.id("exports"), class: "kb-expiry__exports" },
    h("h2", { id: app.id("exports"), text: t.exports }),
    button(t.ics, () => app.exportFile("ics"), { "data-kb": "ics" }), button(t.csv, () => app.exportFile("csv"), { "data-kb": "csv" }),
    button(t.copy, () => app.copyLink(), { "data-kb": "copy" }), app.outMsg);

  app.root.replaceChildren(app.fragmentBox, asOf, addForm, app.answerBox, paste, rows, app.scoreDetails, app.detailsBox, exports);
}
