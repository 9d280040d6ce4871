// The node side of tests/test_poa_check.py and tests/test_letters.py. Reads a JSON list on stdin, prints a JSON list:
//   --check   cases {"text", "rules", "violation"}                 -> checkPoa outputs
//   --render  cases {"template", "request", "models"}              -> renderLetter outputs
//   --models  one case: the `data` list of the poa collection     -> modelsFromPoa output
import { readFileSync } from "node:fs";
import { checkPoa } from "../../docs/javascripts/letters/poa-check.js";
import { renderLetter, modelsFromPoa } from "../../docs/javascripts/letters/render.js";

const cases = JSON.parse(readFileSync(0, "utf8"));
const mode = process.argv[2];
const run = {
  "--check": (c) => checkPoa(c.text, c.rules, { violation: c.violation }),
  "--render": (c) => renderLetter(c.template, c.request, c.models),
  "--models": (c) => modelsFromPoa(c),
}[mode];
if (!run) throw new Error(`unknown mode ${mode}`);
process.stdout.write(JSON.stringify(cases.map(run)));
