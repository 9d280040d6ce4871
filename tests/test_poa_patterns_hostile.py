"""Hostile POA-rule patterns: what `check` accepts compiles in JavaScript, finds the same matches as Python's re,
and cannot freeze the reader's browser (the POA checker runs every rule's patterns on the pasted letter)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from kb_build.model.poa_rules import FLAGS, check_pattern

NODE = shutil.which("node")
# Each compiles in Python's re (re.I | re.ASCII) but JavaScript ("gi") rejects it or reads it otherwise.
ENGINE_DIFFERENCES = [
    "sorry?+",  # possessive: a SyntaxError in JavaScript, so the whole checker page would fail
    "sorr{2}+",
    "sorry{,3}",  # Python {0,3}; JavaScript the text "{,3}"
    r"x[]y]",  # Python: ']' or 'y'; JavaScript: an empty class, never matches
    r"x[^]]",
    r"f\u00fcr",  # JavaScript's "i" matches FÜR, Python's re.ASCII does not
    r"[\u00e0-\u00ff]",
    r"[^\u00e9]",
    r"\u01c4",  # Ǆ: JavaScript also matches ǅ and ǆ
]
# Each passes the old "one unbounded quantifier, repeats up to {0,100}" rules and takes seconds to minutes in V8.
CATASTROPHIC = [
    "[a-z ]?" * 30 + "zq",
    r"\w{0,100}\w{0,100}\w{0,100}!",
    "a?" * 20 + "a" * 20 + "z",
    r"[a-z ]{0,100}[a-z ]{0,100}zq",
]
# Legal and a little tricky: both engines must agree on them.
TRICKY = [r"\?+x", r"[?+]x", r"[\u00e9\u00c9]t", r"[\uff21-\uff3a\uff41-\uff5a]+", r"a{2}?x", r"\[\]x", r"[\]a]x",
          r"\bnever\b[a-z ,']{0,40}\bagain\b", r"\u00df", r"[a-z ]{0,30}[a-z ]{0,30}zq", r"\d{1,2}/\d{1,2}/\d{2,4}"]
TEXTS = ["?? x ?x ]x ax [[]x", "\u00e9t\u00e9 \u00c9T\u00c9 \u00c9t", "\uff21\uff42\uff43 ABC", "aax aaax a{2}x",
         "never ever again NEVER, I say, AGAIN", "\u00df SS ss \u1e9e", "the quick zq", "12/3/2024 1/1/99",
         "F\u00dcR f\u00fcr sorry{,3} \u01c4 \u01c5 \u01c6"]


@pytest.mark.parametrize("pattern", ENGINE_DIFFERENCES + CATASTROPHIC)
def test_pattern_is_refused(pattern: str) -> None:
    with pytest.raises(ValueError, match="pattern"):
        check_pattern(pattern)


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_accepted_tricky_patterns_match_the_same_in_both_engines() -> None:
    for pattern in TRICKY:
        assert check_pattern(pattern) == pattern
    script = """
      const {patterns, texts} = JSON.parse(require("fs").readFileSync(0, "utf8"));
      const all = (p, t) => [...t.matchAll(new RegExp(p, "gi"))].map((m) => [m.index, m[0]]);
      const out = patterns.map((p) => texts.map((t) => all(p, t)));
      process.stdout.write(JSON.stringify(out));
    """
    proc = subprocess.run([NODE, "-e", script], input=json.dumps({"patterns": TRICKY, "texts": TEXTS}),
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    js = json.loads(proc.stdout)
    for pattern, got in zip(TRICKY, js, strict=True):
        py = [[[m.start(), m.group(0)] for m in re.finditer(pattern, t, FLAGS)] for t in TEXTS]
        assert got == py, pattern
