// The node side of tests/test_expiry.py. Reads a JSON list on stdin and prints a JSON list, one output per case:
//   (no flag)            cases {"input", "rules"}      -> computeExpiry outputs
//   --fragment RULES     fragment strings              -> parseFragment results plus "roundtrip" (formatFragment)
//   --paste RULES        {"text", "lang"}              -> parsePaste results
//   --export RULES       {"state", "today", "lang"}    -> {"ics", "csv", "forecast"} for that state
// RULES is the path of a rules JSON file.
import { readFileSync } from "node:fs";
import { computeExpiry } from "../../docs/javascripts/expiry/compute.js";
import { parseFragment, formatFragment, expandState } from "../../docs/javascripts/expiry/link.js";
import { parsePaste } from "../../docs/javascripts/expiry/paste.js";
import { buildIcs, buildCsv } from "../../docs/javascripts/expiry/export.js";
import { forecast } from "../../docs/javascripts/expiry/forecast.js";

const cases = JSON.parse(readFileSync(0, "utf8"));
const [mode, rulesPath] = process.argv.slice(2);
const rules = rulesPath ? JSON.parse(readFileSync(rulesPath, "utf8")) : null;
const STAMP = "20240516T020000Z";

const run = {
  "--fragment": (frag) => {
    const parsed = parseFragment(frag, rules);
    return { ...parsed, roundtrip: formatFragment(parsed.state) };
  },
  "--paste": (c) => parsePaste(c.text, rules, c.lang),
  "--export": (c) => {
    const { input } = expandState(c.state, c.today);
    const result = computeExpiry(input, rules);
    return {
      ics: buildIcs(result, input, rules, c.lang, STAMP),
      csv: buildCsv(result, input, rules, c.lang),
      forecast: forecast(result, input, c.state.score, c.state.cost || {}),
    };
  },
};
const one = mode ? run[mode] : (c) => computeExpiry(c.input, c.rules);
if (!one) throw new Error(`unknown mode ${mode}`);
process.stdout.write(JSON.stringify(cases.map(one)));
