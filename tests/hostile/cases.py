"""The hostile-input corpus: each case is a file a stranger could put in a pull request.

Each case yields (relative path under data/, bytes, expected code). Large cases are
generated here rather than committed, so the repository stays small.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

FIXTURE = (
    Path(__file__).resolve().parent.parent / "fixtures" / "corpus" / "data" / "strategies" / "fixture-strategy.yml"
)


def _base(entry_id: str) -> str:
    text = FIXTURE.read_text("utf-8").split("\n", 1)[1]
    return "# yaml-language-server: $schema=../../schemas/strategies.schema.json\n" + text.replace(
        "id: fixture-strategy", f"id: {entry_id}"
    )


def _sub(entry_id: str, old: str, new: str) -> bytes:
    text = _base(entry_id)
    assert old in text, old
    return text.replace(old, new, 1).encode()


TIMELINE = "timeline: {zh: 数天到数周。, en: Days to weeks.}"
SUMMARY = "summary: {zh: 策略摘要。, en: Strategy summary.}"


def _bomb() -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for cur, prev in zip("bcdefghij", "abcdefghi", strict=True):
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    return ("\n".join(lines) + "\n").encode()


def _term(entry_id: str) -> bytes:
    """A glossary term: all terms share one page, where its id is the term's HTML id (#id)."""
    text = (FIXTURE.parent.parent / "glossary" / "fixture-term.yml").read_text("utf-8").split("\n", 1)[1]
    return ("# yaml-language-server: $schema=../../schemas/glossary.schema.json\n"
            + text.replace("id: fixture-term", f"id: {entry_id}")).encode()


CASES: dict[str, Callable[[], tuple[str, bytes, str]]] = {
    "yaml-syntax-error": lambda: (
        "strategies/h-syntax.yml",
        _sub("h-syntax", TIMELINE, "timeline: {zh: x, en: [y}"),
        "KB001",
    ),
    "tabs": lambda: ("strategies/h-tabs.yml", _sub("h-tabs", "steps:\n  - ", "steps:\n\t- "), "KB001"),
    "duplicate-keys": lambda: ("strategies/h-dup.yml", _sub("h-dup", TIMELINE, TIMELINE + "\n" + TIMELINE), "KB003"),
    "missing-language": lambda: (
        "strategies/h-lang.yml",
        _sub("h-lang", SUMMARY, "summary: {zh: 策略摘要。}"),
        "KB012",
    ),
    "unknown-field": lambda: (
        "strategies/h-unknown.yml",
        _sub("h-unknown", TIMELINE, TIMELINE + "\nextra: 1"),
        "KB011",
    ),
    "impossible-date": lambda: (
        "strategies/h-date.yml",
        _sub("h-date", "added: 2026-01-01", "added: 2024-02-30"),
        "KB014",
    ),
    "malformed-date": lambda: (
        "strategies/h-date2.yml",
        _sub("h-date2", "added: 2026-01-01", "added: yesterday"),
        "KB014",
    ),
    "wrong-type": lambda: (
        "strategies/h-type.yml",
        _sub("h-type", "get_counsel: true", "get_counsel: [1, 2]"),
        "KB013",
    ),
    "empty-file": lambda: ("strategies/h-empty.yml", b"", "KB006"),
    "non-utf8": lambda: (
        "strategies/h-latin1.yml",
        _base("h-latin1").encode().replace("策略".encode(), b"\xb2\xdf"),
        "KB002",
    ),
    "bom": lambda: ("strategies/h-bom.yml", b"\xef\xbb\xbf" + _base("h-bom").encode(), "KB002"),
    "alias-bomb": lambda: ("strategies/h-bomb.yml", _bomb(), "KB004"),
    "python-tag": lambda: (
        "strategies/h-tag.yml",
        _sub("h-tag", TIMELINE, "timeline: !!python/object/apply:os.system ['touch /tmp/pwned']"),
        "KB004",
    ),
    "deep-nesting": lambda: (
        "strategies/h-deep.yml",
        b"id: h-deep\nx: " + b"[" * 20000 + b"]" * 20000 + b"\n",
        "KB005",
    ),
    "ten-mb-field": lambda: (
        "strategies/h-huge.yml",
        _sub("h-huge", "en: Strategy summary.", "en: " + "A" * 10_000_000),
        "KB005",
    ),
    "javascript-url": lambda: (
        "strategies/h-js.yml",
        _sub("h-js", "url: https://example.com/official", "url: javascript:alert(1)"),
        "KB019",
    ),
    "http-url": lambda: (
        "strategies/h-http.yml",
        _sub("h-http", "url: https://example.com/official", "url: http://example.com/official"),
        "KB019",
    ),
    "javascript-link-in-text": lambda: (
        "strategies/h-jslink.yml",
        _sub("h-jslink", SUMMARY, 'summary: {zh: 摘要, en: "[x](javascript:alert(1))"}'),
        "KB019",
    ),
    "raw-html": lambda: (
        "strategies/h-html.yml",
        _sub("h-html", SUMMARY, 'summary: {zh: "<b>粗体</b>", en: Summary.}'),
        "KB020",
    ),
    "script-tag": lambda: (
        "strategies/h-script.yml",
        _sub("h-script", SUMMARY, 'summary: {zh: 摘要, en: "<script>alert(1)</script>"}'),
        "KB020",
    ),
    "image-onerror": lambda: (
        "strategies/h-img.yml",
        _sub("h-img", SUMMARY, 'summary: {zh: 摘要, en: "<img src=x onerror=alert(1)>"}'),
        "KB020",
    ),
    "unknown-reference": lambda: (
        "strategies/h-ref.yml",
        _sub("h-ref", "applies_to: [fixture-violation]", "applies_to: [nope]"),
        "KB018",
    ),
    "id-not-filename": lambda: ("strategies/h-name.yml", _base("h-other-name").encode(), "KB016"),
    "duplicate-id": lambda: ("strategies/h-dupid.yml", _base("fixture-strategy").encode(), "KB017"),
    # issue 9, input side
    "yaml11-sexagesimal-boolean": lambda: (
        "strategies/h-yes.yml", _sub("h-yes", "get_counsel: true", "get_counsel: yes"), "KB013"),
    "int-as-boolean": lambda: ("strategies/h-one.yml", _sub("h-one", "get_counsel: true", "get_counsel: 1"), "KB013"),
    "bad-int-tag": lambda: (
        "strategies/h-inttag.yml", _sub("h-inttag", "get_counsel: true", "get_counsel: !!int abc"), "KB013"),
    "bad-bool-tag": lambda: (
        "strategies/h-booltag.yml", _sub("h-booltag", "get_counsel: true", "get_counsel: !!bool maybe"), "KB013"),
    "huge-integer": lambda: (
        "strategies/h-bigint.yml", _sub("h-bigint", "get_counsel: true", "get_counsel: " + "9" * 5000), "KB022"),
    "date-from-number": lambda: ("strategies/h-zero.yml", _sub("h-zero", "added: 2026-01-01", "added: 0"), "KB014"),
    "year-9999": lambda: (
        "strategies/h-9999.yml", _sub("h-9999", "accessed: 2026-11-01", "accessed: 9999-12-31"), "KB022"),
    "userinfo-url": lambda: (
        "strategies/h-userinfo.yml",
        _sub("h-userinfo", "url: https://example.com/official", "url: https://sellercentral.amazon.com@evil.example/"),
        "KB019",
    ),
    "markdown-in-url": lambda: (
        "strategies/h-mdurl.yml",
        _sub("h-mdurl", "url: https://example.com/official", "url: https://example.com/)[click](javascript:alert(1))"),
        "KB019",
    ),
    "quote-in-url": lambda: (
        "strategies/h-quoteurl.yml",
        _sub("h-quoteurl", "url: https://example.com/official", "url: 'https://example.com/\"><script>'"),
        "KB019",
    ),
    "bell-in-title": lambda: (
        "strategies/h-bell.yml",
        _sub("h-bell", "en: Fixture strategy", 'en: "Fixture \\a\\e strategy"'),
        "KB026",
    ),
    "c1-in-title": lambda: (
        "strategies/h-c1.yml", _sub("h-c1", "en: Fixture strategy", 'en: "Fixture \\x80"'), "KB026"),
    "newline-in-publisher": lambda: (
        "strategies/h-nlpub.yml", _sub("h-nlpub", "publisher: Amazon", 'publisher: "Amazon\\n\\nEvil"'), "KB026"),
    "reserved-id": lambda: ("strategies/index.yml", _base("index").encode(), "KB024"),
    # the glossary page's own ids: the A-Z jump links (#letter-a) and the filter box's label target
    "glossary-id-is-a-letter-anchor": lambda: ("glossary/letter-a.yml", _term("letter-a"), "KB024"),
    "glossary-id-is-the-filter-box": lambda: ("glossary/kb-filter.yml", _term("kb-filter"), "KB024"),
}
