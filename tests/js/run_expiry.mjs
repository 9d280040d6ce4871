// Reads a JSON list of {"input", "rules"} cases on stdin and prints the list of computeExpiry outputs.
// With --fragment, reads a JSON list of fragment strings and prints parseFragment results
// (rules from the first argument after the flag, a JSON file path).
import { readFileSync } from "node:fs";
import { computeExpiry } from "../../docs/javascripts/expiry.js";
import { parseFragment, formatFragment } from "../../docs/javascripts/expiry-state.js";

const cases = JSON.parse(readFileSync(0, "utf8"));
const args = process.argv.slice(2);
let out;
if (args[0] === "--fragment") {
  const rules = JSON.parse(readFileSync(args[1], "utf8"));
  out = cases.map((frag) => {
    const parsed = parseFragment(frag, rules);
    return { ...parsed, roundtrip: formatFragment(parsed.state) };
  });
} else {
  out = cases.map((c) => computeExpiry(c.input, c.rules));
}
process.stdout.write(JSON.stringify(out));
