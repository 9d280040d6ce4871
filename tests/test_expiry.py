"""Shared expiry vectors against the Python and JavaScript implementations, the CLI, and the rules export."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb_build.check import check_corpus
from kb_build.expiry import compute_expiry
from kb_build.publish.rules import rules_from_corpus, write_rules

ROOT = Path(__file__).resolve().parent.parent
VECTORS = sorted((ROOT / "tests" / "expiry_vectors").glob("*.json"))
RUNNER = ROOT / "tests" / "js" / "run_expiry.mjs"
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed")


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def run_node(cases: list[Any], *args: str) -> list[Any]:
    assert NODE is not None
    proc = subprocess.run(
        [NODE, str(RUNNER), *args], input=json.dumps(cases), capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_vectors_cover_the_issue() -> None:
    names = {p.stem for p in VECTORS}
    needed = {
        "issue-example",
        "empty-list",
        "leap-days",
        "year-end-last-day",
        "resolution",
        "several-groups",
        "error-unknown-type",
        "error-impossible-dates",
        "error-date-after-today",
        "error-resolved-before-date",
    }
    assert needed <= names


@pytest.mark.parametrize("path", VECTORS, ids=[p.stem for p in VECTORS])
def test_python_vector(path: Path) -> None:
    vec = load(path)
    assert compute_expiry(vec["input"], vec["rules"]) == vec["expected"]


@needs_node
def test_node_vectors() -> None:
    vecs = [load(p) for p in VECTORS]
    outputs = run_node([{"input": v["input"], "rules": v["rules"]} for v in vecs])
    for path, vec, out in zip(VECTORS, vecs, outputs, strict=True):
        assert out == vec["expected"], path.stem


def test_issue_example_in_words() -> None:
    vec = load(ROOT / "tests/expiry_vectors/issue-example.json")
    out = compute_expiry(vec["input"], vec["rules"])
    assert {v["expires_on"] for v in out["violations"]} == {"2024-05-30", "2024-08-28", "2024-11-01"}
    assert out["repeat_groups"]["ip"] == {"limit": 5, "count_today": 12, "under_limit_on": "2024-08-28"}
    assert out["all_clear_on"] == "2024-11-01"


# ---- Python and JavaScript agree on random inputs ----

RULES = load(ROOT / "tests/expiry_vectors/issue-example.json")["rules"]
TYPES = [*RULES["types"], "unknown-type"]
day = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2026, 12, 31)).map(dt.date.isoformat)
maybe_bad_day = st.one_of(day, day, day, st.sampled_from(["2024-02-30", "2023-02-29", "2024-13-01", "x"]))
violation = st.fixed_dictionaries(
    {"type": st.sampled_from(TYPES), "date": maybe_bad_day},
    optional={"resolved_on": st.one_of(st.none(), maybe_bad_day)},
)
inputs = st.fixed_dictionaries({"today": maybe_bad_day, "violations": st.lists(violation, max_size=15)})


@needs_node
@settings(max_examples=1, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(inputs, min_size=300, max_size=300))
def test_python_and_node_agree(batch: list[dict[str, Any]]) -> None:
    outputs = run_node([{"input": i, "rules": RULES} for i in batch])
    for data, out in zip(batch, outputs, strict=True):
        assert out == compute_expiry(data, RULES), data


# ---- CLI ----


def cli(stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kb_build", "expiry", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_cli_with_rules_file(tmp_path: Path) -> None:
    vec = load(ROOT / "tests/expiry_vectors/issue-example.json")
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps(vec["rules"]), encoding="utf-8")
    proc = cli(json.dumps(vec["input"]), "--rules", str(rules))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == vec["expected"]


def test_cli_reports_input_errors_as_json(tmp_path: Path) -> None:
    vec = load(ROOT / "tests/expiry_vectors/error-several-at-once.json")
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps(vec["rules"]), encoding="utf-8")
    proc = cli(json.dumps(vec["input"]), "--rules", str(rules))
    assert proc.returncode == 1
    assert json.loads(proc.stdout) == vec["expected"]


@pytest.mark.parametrize("stdin", ["{bad", "", "\xff", "[" * 100000])
def test_cli_bad_json_gives_a_clear_error(stdin: str) -> None:
    proc = cli(stdin)
    assert proc.returncode in (1, 2)
    assert "Traceback" not in proc.stderr
    if proc.returncode == 2:
        assert proc.stderr.startswith("expiry: ")


def test_cli_missing_rules_file(tmp_path: Path) -> None:
    proc = cli("{}", "--rules", str(tmp_path / "nope.json"))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "rules" in proc.stderr


def test_cli_default_rules_come_from_data() -> None:
    proc = cli(json.dumps({"today": "2024-05-16", "violations": []}))
    assert proc.returncode == 0, proc.stderr
    assert "ip" in json.loads(proc.stdout)["repeat_groups"]


# ---- rules export ----


def test_rules_from_corpus_and_write_rules(tmp_path: Path) -> None:

    corpus = check_corpus(ROOT)
    rules = rules_from_corpus(corpus)
    assert rules["schema_version"] == 1
    assert rules["default_window_days"] == 180
    assert rules["repeat_groups"]["ip"]["limit"] == 5
    assert rules["repeat_groups"]["ip"]["sources"]
    for vid, t in rules["types"].items():
        model = corpus.entries["violations"][vid].model
        assert t["window_days"] == model.window_days
        assert t["repeat_group"] in (None, *rules["repeat_groups"])
        assert set(t["title"]) == {"zh", "en"}
    scored = {vid for vid, e in corpus.entries["violations"].items() if e.model.counts_toward_ahr}
    assert set(rules["types"]) == scored  # performance metrics never enter the calculator
    path = write_rules(corpus, tmp_path)
    assert path == tmp_path / "api" / "v1" / "expiry-rules.json"
    assert json.loads(path.read_text(encoding="utf-8")) == rules
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == [path]


# ---- URL fragment (docs/javascripts/expiry-state.js) ----


@needs_node
def test_fragments_parse_and_round_trip(tmp_path: Path) -> None:
    rules_file = tmp_path / "rules.json"
    rules_file.write_text(json.dumps(RULES), encoding="utf-8")
    writer_link = (
        "#v=1&today=2024-05-16&items=ip-complaint-trademark:2023-12-02*3,"
        "ip-complaint-utility-patent:2024-03-01*6,ip-complaint-utility-patent:2024-05-05*3"
    )
    hostile = [
        "#v=1&items=%3Cimg%20src=x%20onerror=alert(1)%3E:2024-01-01",
        "#v=1&items=__proto__:2024-01-01,ip-complaint-trademark:2024-02-30,ip-complaint-trademark:2024-01-01*0",
        "#v=2",
        "#v=1&today=%E0%A4%A",
        "#v=1&score=1001&cost=nope:5,ip-complaint-trademark:x",
        "",
    ]
    out = run_node([writer_link, *hostile], "--fragment", str(rules_file))
    first = out[0]
    assert first["problems"] == []
    assert first["state"]["today"] == "2024-05-16"
    assert [(i["type"], i["date"], i["count"]) for i in first["state"]["items"]] == [
        ("ip-complaint-trademark", "2023-12-02", 3),
        ("ip-complaint-utility-patent", "2024-03-01", 6),
        ("ip-complaint-utility-patent", "2024-05-05", 3),
    ]
    assert "#" + first["roundtrip"] == writer_link + ""
    for result in out[1:-1]:
        assert result["problems"], result
        assert result["state"]["items"] == []
        assert all(set(p) == {"zh", "en"} for p in result["problems"])
    assert out[-1]["present"] is False
