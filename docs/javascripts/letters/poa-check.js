// The POA checker: a pasted Plan of Action against the rules of /api/v1/poa-rules.json.
// Twin of kb_build/poa_check.py (tests/test_poa_check.py runs both on the same fixtures).
// checkPoa(text, rules, {violation}) -> {findings: [{rule, severity, evidence: [...]}]}
// Rules are the `data` objects of the API file (rulesFromApi); patterns use the flags "gi"
// without "u", which matches Python's re.IGNORECASE | re.ASCII for the ASCII patterns the
// build accepts. Nothing here touches the DOM or the network.

export const MAX_UNITS = 100000;
const MAX_EVIDENCE = 8;
const MAX_EVIDENCE_CHARS = 80;
const MAX_MATCHES_PER_PATTERN = 50;
const SPACES = /[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/g;
const TRIM = /^[ \t\n\v\f]+|[ \t\n\v\f]+$/g;

export function normalise(text) {
  return text.replace(SPACES, " ").replace(/\s+/g, " ");
}

export function wordCount(text) {
  const m = text.match(/\S+/g);
  return m ? m.length : 0;
}

export function applies(rule, violation) {
  const targets = rule.applies_to || [];
  return targets.length === 0 || targets.includes(violation);
}

function compiled(pattern, cache) {
  if (!cache.has(pattern)) cache.set(pattern, new RegExp(pattern, "gi"));
  const rx = cache.get(pattern);
  rx.lastIndex = 0;
  return rx;
}

function clip(text) {
  const chars = Array.from(text);
  return chars.length <= MAX_EVIDENCE_CHARS ? text : chars.slice(0, MAX_EVIDENCE_CHARS).join("");
}

function matches(rule, text, cache) {
  let score = 0;
  const found = [];
  (rule.patterns || []).forEach((pattern, index) => {
    const hits = [];
    const rx = compiled(pattern.re, cache);
    let m;
    while ((m = rx.exec(text)) !== null) {
      hits.push([m.index, index, m[0]]);
      if (m[0].length === 0) rx.lastIndex += 1;
      if (hits.length >= MAX_MATCHES_PER_PATTERN) break;
    }
    if (hits.length) {
      score += Number(pattern.weight || 1);
      found.push(...hits);
    }
  });
  found.sort((a, b) => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
  const evidence = [];
  for (const [, , hit] of found) {
    const clipped = clip(hit.replace(TRIM, "") || hit);
    if (!evidence.includes(clipped)) evidence.push(clipped);
  }
  return [score, evidence.slice(0, MAX_EVIDENCE)];
}

export function checkRule(rule, text, cache) {
  if (rule.check === "length") {
    const words = wordCount(text);
    return words > Number(rule.max_words)
      ? { rule: rule.id, severity: rule.severity, evidence: [`${words} words`] }
      : null;
  }
  for (const u of rule.unless || []) if (compiled(u, cache).test(text)) return null;
  const [score, evidence] = matches(rule, text, cache);
  const threshold = Number(rule.threshold || 1);
  if (rule.check === "present" && score >= threshold) return { rule: rule.id, severity: rule.severity, evidence };
  if (rule.check === "absent" && score < threshold) return { rule: rule.id, severity: rule.severity, evidence: [] };
  return null;
}

export function checkPoa(text, rules, options = {}) {
  if (typeof text !== "string") return { findings: [], error: { code: "not-text" } };
  if (text.length > MAX_UNITS) return { findings: [], error: { code: "too-large", limit: MAX_UNITS } };
  const body = normalise(text);
  if (!body.trim()) return { findings: [], error: { code: "empty" } };
  const cache = new Map();
  const findings = [];
  const sorted = [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const rule of sorted) {
    if (!applies(rule, options.violation)) continue;
    const finding = checkRule(rule, body, cache);
    if (finding) findings.push(finding);
  }
  return { findings };
}

export function rulesFromApi(doc) {
  if (Array.isArray(doc)) return doc;
  if (doc && Array.isArray(doc.entries)) return doc.entries.map((e) => e.data);
  throw new Error("not a POA rules file");
}
