// The node side of tests/test_notice.py: reads a JSON list of texts on stdin, prints decodeNotice() for each.
// Usage: node tests/js/run_notice.mjs RULES   (RULES: path of a notice-rules JSON file)
import { readFileSync } from "node:fs";
import { decodeNotice } from "../../docs/javascripts/case/decode.js";

const texts = JSON.parse(readFileSync(0, "utf8"));
const rules = JSON.parse(readFileSync(process.argv[2], "utf8"));
process.stdout.write(JSON.stringify(texts.map((t) => decodeNotice(t, rules))));
