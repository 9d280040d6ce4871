"""Letter templates: they render with the seller's facts, missing facts become prompts, a retraction is only
offered for reasons that make 'submitted in error' true, the text is plain, and Python and JavaScript agree."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from kb_build.check import check_corpus
from kb_build.letters import clean_fact, models_from_poa, render_letter
from kb_build.model.letters import RETRACTION_REASONS
from tests.kb_project import make_project

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "tests" / "js" / "run_letters.mjs"
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed")
UP = "ip-complaint-utility-patent"
FACTS = {
    "store": "Lumi Charms", "marketplace": "amazon.com", "seller_name": "Chen Yu", "seller_email": "chen@example.com",
    "asins": "B0ABCDEFG1, B0ABCDEFG2", "complaint_ids": "1234567890", "complaint_dates": "September 8, 2025",
    "rights_owner": "Example Rights LLC", "right_number": "U.S. Patent No. 7,698,836",
    "reason_details": "Our order reports from January 2024 to today show no sale of this product.",
}


@pytest.fixture(scope="module")
def corpus() -> Any:
    c = check_corpus(ROOT)
    assert c.errors == []
    return c


def templates(corpus: Any) -> dict[str, dict[str, Any]]:
    return {e.model.kind: e.model.model_dump(mode="json") for e in corpus.entries["letters"].values()}


def models(corpus: Any) -> dict[str, Any]:
    return models_from_poa([e.model.model_dump(mode="json") for e in corpus.entries["poa"].values()])


def test_three_kinds_exist(corpus: Any) -> None:
    assert set(templates(corpus)) == {"retraction", "dispute", "poa"}


def test_retraction_renders_with_facts_and_amazon_wording(corpus: Any) -> None:
    tpl = templates(corpus)["retraction"]
    out = render_letter(tpl, {"violation": UP, "reason": "never-sold", "facts": FACTS})
    assert out["missing"] == []
    text = out["text"]
    for value in FACTS.values():
        assert value in text
    assert "submitted" in text and "in error" in text
    assert "notice-retraction@amazon.com" in text and "Brand Registry" in text
    assert "address used to file the complaint" in text
    assert "not asking you to state anything you do not believe to be accurate" in text
    assert "{" not in text and "[" not in text
    assert all(p["explain"][0]["zh"] and p["explain"][0]["en"] for p in out["paragraphs"])


def test_retraction_only_for_reasons_that_make_it_true(corpus: Any) -> None:
    tpl = templates(corpus)["retraction"]
    assert {r["id"] for r in tpl["reasons"]} <= set(RETRACTION_REASONS)
    for reason in ("", "none", "we-settled", "authorised", "we-stopped-selling"):
        assert render_letter(tpl, {"violation": UP, "reason": reason, "facts": FACTS}) == {"error": "no-valid-reason"}
    # Authorisation is a dispute reason, never a retraction reason.
    assert any(r["id"] == "authorised" for r in templates(corpus)["dispute"]["reasons"])


def test_model_refuses_a_retraction_for_another_reason(tmp_path: Path) -> None:
    src = (ROOT / "data" / "letters" / "retraction-request.yml").read_text("utf-8")
    bad = src.replace("  - id: wrong-asin\n", "  - id: we-settled\n", 1)
    assert bad != src
    project = make_project(tmp_path / "p", ROOT, extra={"data/letters/retraction-request.yml": bad})
    errors = [d for d in check_corpus(project).errors if d.path.endswith("retraction-request.yml")]
    assert [d.code for d in errors] == ["KB023"] and "made in error" in errors[0].message


def test_unknown_placeholder_is_reported_on_its_line(tmp_path: Path) -> None:
    src = (ROOT / "data" / "letters" / "dispute-request.yml").read_text("utf-8")
    bad = src.replace("Store: {store} ({marketplace})", "Store: {store} ({shop_url})", 1)
    assert bad != src
    project = make_project(tmp_path / "p", ROOT, extra={"data/letters/dispute-request.yml": bad})
    errors = [d for d in check_corpus(project).errors
              if d.path.endswith("dispute-request.yml") and d.code != "KB018"]  # the mini project has no refs
    line = next(i for i, ln in enumerate(bad.splitlines(), 1) if "{shop_url}" in ln)
    assert [(d.code, d.line) for d in errors] == [("KB023", line)]
    assert "{shop_url}" in errors[0].message


@pytest.mark.parametrize("snippet", ["**bold**", "<b>x</b>", "[link](https://a.example)", "中文", "a { b"])
def test_letter_text_must_be_plain(tmp_path: Path, snippet: str) -> None:
    src = (ROOT / "data" / "letters" / "dispute-request.yml").read_text("utf-8")
    bad = src.replace("I believe the complaint is invalid", f"I believe {snippet} the complaint is invalid", 1)
    project = make_project(tmp_path / "p", ROOT, extra={"data/letters/dispute-request.yml": bad})
    errors = [d for d in check_corpus(project).errors if d.path.endswith("dispute-request.yml")]
    assert [d for d in errors if d.code in ("KB020", "KB103", "KB023")], errors


def test_missing_facts_become_prompts(corpus: Any) -> None:
    tpl = templates(corpus)["dispute"]
    out = render_letter(tpl, {"violation": UP, "reason": "right-expired", "facts": {"store": "Lumi Charms"}})
    assert "store" not in out["missing"] and "asins" in out["missing"]
    assert "[every ASIN named in the notice]" in out["text"]
    assert "Lumi Charms" in out["text"]
    evidence = next(p for p in out["paragraphs"] if p["part"] == "evidence")
    assert re.search(r"^1\. Dated screenshots from the office database", evidence["text"], re.M)


def test_dispute_has_an_evidence_list_per_reason(corpus: Any) -> None:
    tpl = templates(corpus)["dispute"]
    for reason in tpl["reasons"]:
        out = render_letter(tpl, {"violation": UP, "reason": reason["id"], "facts": FACTS})
        assert "notice-retraction" not in out["text"]
        assert all(e["en"] in out["text"] for e in reason["evidence"])


def test_poa_skeleton_for_every_model_letter_type(corpus: Any) -> None:
    tpl = templates(corpus)["poa"]
    served = {v["violation"]: v for v in tpl["variants"]}
    for entry in corpus.entries["poa"].values():
        assert entry.model.violation_type in served, entry.id
        assert served[entry.model.violation_type]["model"] == entry.id
    ahr = {vid for vid, e in corpus.entries["violations"].items() if e.model.counts_toward_ahr}
    assert ahr - set(served) <= {"policy-warning"}  # a warning needs no appeal: stop the behaviour
    facts = {**FACTS, "deactivation_date": "October 2, 2025"}
    out = render_letter(tpl, {"violation": UP, "facts": facts}, models(corpus))
    parts = [p["part"] for p in out["paragraphs"]]
    assert parts == ["opening", "root-cause", "corrective", "preventive", "evidence", "closing"]
    assert "Received Intellectual Property Complaints (utility patent)" in out["text"]
    assert "[ROOT CAUSES:" in out["text"] and set(out["missing"]) == {"root_causes", "actions", "controls"}
    root = out["paragraphs"][1]
    assert root["example"]["model"] == "poa-crocs-charms-utility-patent"
    assert "No patent check" in root["example"]["text"]


def test_facts_are_plain_text() -> None:
    assert clean_fact("  B0A\u0000\u202eBC  \n  B0D ", False) == "B0ABC B0D"
    assert clean_fact("line 1  \r\nline 2\u2028", True) == "line 1\nline 2"
    assert clean_fact(None, False) == ""  # type: ignore[arg-type]


@needs_node
def test_python_and_javascript_agree(corpus: Any) -> None:
    tpls = templates(corpus)
    mods = models(corpus)
    hostile = {k: f"<script>alert('{k}')</script> {{asins}} \u00a0\u2028" for k in FACTS}
    cases = []
    for kind, tpl in tpls.items():
        reasons = [r["id"] for r in tpl["reasons"]] + ["", "none"] if kind != "poa" else [""]
        for violation in tpl["violation_types"] + ["not-a-type"]:
            for reason in reasons:
                for facts in (FACTS, {}, hostile, {"asins": 12, "__proto__": "x"}):
                    request = {"violation": violation, "reason": reason, "facts": facts}
                    cases.append({"template": tpl, "request": request, "models": mods})
    run = subprocess.run([str(NODE), str(RUNNER), "--render"], input=json.dumps(cases), capture_output=True,
                         text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout)
    for case, out in zip(cases, got, strict=True):
        assert out == render_letter(case["template"], case["request"], case["models"]), case["request"]
    poa_data = [e.model.model_dump(mode="json") for e in corpus.entries["poa"].values()]
    models_js = subprocess.run([str(NODE), str(RUNNER), "--models"], input=json.dumps([poa_data]),
                               capture_output=True, text=True, timeout=60, check=False)
    assert json.loads(models_js.stdout) == [models_from_poa(poa_data)]


def test_a_fact_named_like_a_javascript_object_member_is_refused(tmp_path: Path) -> None:
    # the letters page keeps facts in a plain object: 'constructor' would read Object's own member
    src = (ROOT / "data" / "letters" / "dispute-request.yml").read_text("utf-8")
    first = re.search(r"^  - name: (\w+)$", src, re.M)
    assert first is not None
    bad = src.replace(first.group(0), "  - name: constructor", 1).replace("{" + first.group(1) + "}", "{constructor}")
    project = make_project(tmp_path / "p", ROOT, extra={"data/letters/dispute-request.yml": bad})
    errors = [d for d in check_corpus(project).errors if d.path.endswith("dispute-request.yml")]
    assert any(d.code == "KB017" and "constructor" in d.message for d in errors), errors
