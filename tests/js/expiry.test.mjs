// Unit tests of the calculator's pure modules under node (run by `node --test tests/js`, from tests/test_expiry.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fill, titleOf, message } from "../../docs/javascripts/expiry/text.js";
import { icsText, foldLine, csvCell } from "../../docs/javascripts/expiry/export.js";
import { parseFragment, formatFragment, mergeItems, makeItem } from "../../docs/javascripts/expiry/link.js";
import { findType } from "../../docs/javascripts/expiry/paste.js";
import { band } from "../../docs/javascripts/expiry/forecast.js";
import { MAX_COUNT, MAX_ROWS } from "../../docs/javascripts/expiry/limits.js";

const rules = JSON.parse(readFileSync(new URL("../expiry_vectors/issue-example.json", import.meta.url), "utf8")).rules;

test("fill uses own properties only and can cut values", () => {
  assert.equal(fill("{a} {b} {constructor}", { a: 1 }), "1 {b} {constructor}");
  assert.equal(fill("{a}", { a: "😀😀😀" }, { cut: 2 }), "😀😀");
  assert.equal(message("more", { n: 3 }).en, "3 more problems are not listed.");
});

test("titleOf falls back to the id and ignores inherited keys", () => {
  assert.equal(titleOf(rules, "types", "ip-complaint-trademark", "en"), rules.types["ip-complaint-trademark"].title.en);
  assert.equal(titleOf(rules, "types", "__proto__", "zh"), "__proto__");
  assert.equal(titleOf(null, "repeat_groups", "ip", "zh"), "ip");
});

test("ICS text: every line break and control character is neutralised", () => {
  assert.equal(icsText("a\rb\nc\r\nd\u2028e"), "a\\nb\\nc\\nd\\ne");
  assert.equal(icsText("x;y,z\\\u0007"), "x\\;y\\,z\\\\");
  const folded = foldLine("DESCRIPTION:" + "知".repeat(60));
  assert.ok(folded.split("\r\n").every((l) => new TextEncoder().encode(l).length <= 75));
  assert.equal(folded.replace(/\r\n /g, ""), "DESCRIPTION:" + "知".repeat(60));
});

test("CSV cells: formulas are defused, separators quoted", () => {
  assert.equal(csvCell("=1+1"), "'=1+1");
  assert.equal(csvCell("  @SUM(A1)"), "'  @SUM(A1)");
  assert.equal(csvCell("a,\rb"), '"a,\rb"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell(null), "");
});

test("a 99,000-item link is refused in milliseconds", () => {
  const t = performance.now();
  const out = parseFragment("v=1&items=" + Array(99000).fill("a").join(","), rules);
  assert.ok(performance.now() - t < 200);
  assert.equal(out.problems.length, 1);
  assert.deepEqual(out.state.items, []);
});

test("merging identical rows, within the caps", () => {
  const items = [];
  const row = { type: "ip-complaint-trademark", date: "2024-01-01", count: 600 };
  assert.equal(mergeItems(items, [row, row]), null);
  assert.deepEqual(items.map((i) => i.count), [600, 600]); // a row never holds more than MAX_COUNT
  assert.ok(items.every((i) => i.count <= MAX_COUNT));
  const many = Array.from({ length: MAX_ROWS + 1 }, (_, i) => ({ type: "ip-complaint-trademark", date: "2024-01-01", count: 1, resolved_on: `2024-02-${String((i % 28) + 1).padStart(2, "0")}`, deactivated_on: i < 28 ? null : `2024-01-${String((i % 28) + 1).padStart(2, "0")}` }));
  assert.ok(["tooManyRows", "tooMany", null].includes(mergeItems([], many)));
  assert.equal(formatFragment({ today: null, items: [makeItem(row)], score: null, cost: {} }), "v=1&items=ip-complaint-trademark:2024-01-01*600");
});

test("paste type names: exact, partial, ambiguous", () => {
  assert.deepEqual(findType("发明专利", rules), { id: "ip-complaint-utility-patent" });
  assert.deepEqual(findType("Utility Patent", rules), { id: "ip-complaint-utility-patent" });
  assert.ok(findType("知识产权投诉", rules).options.length >= 2);
  assert.deepEqual(findType("x", rules), {});
});

test("bands come from the shared thresholds", () => {
  assert.deepEqual([250, 200, 199, 100, 99].map(band), ["healthy", "healthy", "risk", "risk", "critical"]);
});
