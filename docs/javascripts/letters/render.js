// Letters: a template from /api/v1/letters.json plus the seller's facts -> plain English text.
// Twin of kb_build/letters.py (tests/test_letters.py compares them). No DOM, no network.
// renderLetter(template, {violation, reason, facts}, models) -> {paragraphs, text, missing} or {error}.

const MAX_FACT = 4000;
const PLACEHOLDER = /\{([a-z][a-z0-9_]*)\}/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

export function cleanFact(value, multiline) {
  if (typeof value !== "string") return "";
  let text = Array.from(value.replace(/\r\n?/g, "\n").replace(CONTROL, ""));
  text = text.slice(0, MAX_FACT).join("");
  if (!multiline) text = text.split(/[ \t\n\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u0085]+/)
    .filter(Boolean).join(" ");
  return text.replace(/^[\s\u0085]+|[\s\u0085]+$/g, "").split("\n").map((l) => l.replace(/[\s\u0085]+$/, "")).join("\n");
}

function numbered(items) {
  return items.map((item, i) => `${i + 1}. ${item.en}`).join("\n");
}

function choose(template, request) {
  const violation = request.violation;
  if (!template.violation_types.includes(violation)) return { error: "violation-not-served" };
  if (template.kind === "poa") {
    const variant = template.variants.find((v) => v.violation === violation);
    return variant ? { variant } : { error: "violation-not-served" };
  }
  const reason = template.reasons.find((r) => r.id === request.reason);
  if (!reason) return { error: template.kind === "retraction" ? "no-valid-reason" : "no-reason" };
  return { reason };
}

export function renderLetter(template, request, models = {}) {
  const { reason, variant, error } = choose(template, request);
  if (error) return { error };
  const given = request.facts || {};
  const facts = new Map();
  const prompts = new Map();
  for (const fact of template.facts) {
    prompts.set(fact.name, fact.prompt);
    const value = cleanFact(Object.prototype.hasOwnProperty.call(given, fact.name) ? given[fact.name] : "",
      Boolean(fact.multiline));
    if (value) facts.set(fact.name, value);
  }
  const source = reason || variant || {};
  const builtins = new Map([
    ["reason", reason ? reason.text : ""],
    ["evidence", numbered(source.evidence || [])],
    ["violation", variant ? variant.name : ""],
  ]);
  const model = variant && variant.model && Object.prototype.hasOwnProperty.call(models, variant.model)
    ? models[variant.model] : null;
  const out = [];
  const allMissing = [];
  for (const para of template.paragraphs) {
    if (para.reasons && para.reasons.length && (!reason || !para.reasons.includes(reason.id))) continue;
    const missing = [];
    const raw = para.text.replace(PLACEHOLDER, (m, name) => (builtins.has(name) ? builtins.get(name) : m));
    const text = raw.replace(PLACEHOLDER, (m, name) => {
      if (facts.has(name)) return facts.get(name);
      if (!missing.includes(name)) missing.push(name);
      return `[${prompts.has(name) ? prompts.get(name) : name}]`;
    });
    const explain = [para.explain];
    if (reason && para.text.includes("{reason}")) explain.push(reason.explain);
    if (variant && para.part === "root-cause") explain.push(variant.hint);
    if (para.text.includes("{evidence}")) explain.push(...(source.evidence || []));
    const item = { part: para.part, text, explain, missing };
    if (model && Object.prototype.hasOwnProperty.call(model, para.part)) {
      item.example = { model: variant.model, ...model[para.part] };
    }
    out.push(item);
    for (const n of missing) if (!allMissing.includes(n)) allMissing.push(n);
  }
  return { paragraphs: out, text: out.map((p) => p.text).join("\n\n"), missing: allMissing };
}

export function modelsFromPoa(entries) {
  const out = {};
  for (const data of entries) {
    const parts = {};
    for (const part of data.letter || []) {
      if (!Object.prototype.hasOwnProperty.call(parts, part.part)) {
        parts[part.part] = { text: part.text.trim(), explain: part.explain };
      }
    }
    out[data.id] = parts;
  }
  return out;
}
