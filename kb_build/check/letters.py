"""Stage 3, check: letter templates against their own facts and the rest of the corpus.

- every `{placeholder}` in a letter text is a fact the template declares (or a built-in one),
  reported on the line where the placeholder stands;
- a paragraph's `reasons` name reasons of the same template;
- a POA skeleton's variants name existing violation types, and their model letters exist in
  data/poa/ and were written for that violation type.
"""

from __future__ import annotations

from kb_build.diagnostics import Diagnostic
from kb_build.load.corpus import Corpus, Entry, report
from kb_build.load.yaml_safe import Path_
from kb_build.model.letters import BUILTIN_FACTS, PLACEHOLDER


def _texts(model: object) -> list[tuple[Path_, str]]:
    out: list[tuple[Path_, str]] = []
    for i, p in enumerate(getattr(model, "paragraphs", [])):
        out.append((("paragraphs", i, "text"), p.text))
    for i, r in enumerate(getattr(model, "reasons", [])):
        out.append((("reasons", i, "text"), r.text))
        out.extend((("reasons", i, "evidence", j, "en"), e.en) for j, e in enumerate(r.evidence))
    for i, v in enumerate(getattr(model, "variants", [])):
        out.extend((("variants", i, "evidence", j, "en"), e.en) for j, e in enumerate(v.evidence))
    for i, f in enumerate(getattr(model, "facts", [])):
        out.append((("facts", i, "prompt"), f.prompt))
    return out


def _line_of(entry: Entry, loc: Path_, needle: str) -> tuple[int, int]:
    """The line and column of `needle` at or below the field's own line (block scalars start below it)."""
    line, col = entry.yaml.position(loc)
    try:
        lines = entry.path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return line, col
    for n in range(line - 1, min(len(lines), line + 200)):
        at = lines[n].find(needle)
        if at >= 0:
            return n + 1, at + 1
    return line, col


def check_letters(corpus: Corpus) -> None:
    for entry in sorted(corpus.entries.get("letters", {}).values(), key=lambda e: e.id):
        m = entry.model
        known = {f.name for f in m.facts} | set(BUILTIN_FACTS)
        for loc, text in _texts(m):
            for name in PLACEHOLDER.findall(text):
                if name not in known:
                    line, col = _line_of(entry, loc, "{" + name + "}")
                    corpus.diagnostics.append(Diagnostic(
                        entry.relpath, line, col, "KB023", f"unknown placeholder '{{{name}}}'",
                        "declare it under 'facts' or use one of: " + ", ".join(sorted(known)),
                    ))
        reason_ids = {r.id for r in m.reasons}
        for i, p in enumerate(m.paragraphs):
            for j, rid in enumerate(p.reasons):
                if rid not in reason_ids:
                    report(corpus, entry, ("paragraphs", i, "reasons", j), "KB018",
                           f"reason '{rid}' is not defined in this template's 'reasons'")
        for i, v in enumerate(m.variants):
            if v.violation not in corpus.entries.get("violations", {}):
                report(corpus, entry, ("variants", i, "violation"), "KB018",
                       f"'violations/{v.violation}' does not exist")
            if v.model is None:
                continue
            poa = corpus.entries.get("poa", {}).get(v.model)
            if poa is None:
                report(corpus, entry, ("variants", i, "model"), "KB018", f"'poa/{v.model}' does not exist")
            elif poa.model.violation_type != v.violation:
                report(corpus, entry, ("variants", i, "model"), "KB023",
                       f"model letter '{v.model}' is written for '{poa.model.violation_type}', not '{v.violation}'")
