"""Shared expiry vectors against the Python and JavaScript implementations, the CLI, the rules export, and the
calculator's pure JS modules (docs/javascripts/expiry/: link codec, paste, forecast, .ics and CSV exports)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import icalendar
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
        "deactivation-date",
        "deactivation-window-ends-on-today",
        "error-deactivation-dates",
        "expiry-after-max-year",
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
    optional={
        "resolved_on": st.one_of(st.none(), maybe_bad_day),
        "deactivated_on": st.one_of(st.none(), maybe_bad_day),
    },
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


# ---- URL fragment (docs/javascripts/expiry/link.js) ----


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


@needs_node
def test_fragment_new_fields_round_trip_and_old_links_still_read(tmp_path: Path) -> None:
    rules_file = tmp_path / "rules.json"
    rules_file.write_text(json.dumps(RULES), encoding="utf-8")
    tm, up = "ip-complaint-trademark", "ip-complaint-utility-patent"
    new = f"v=1&items={tm}:2023-12-02~2023-12-20*3!,{up}:2024-03-01:2024-05-01~2024-03-05,{up}:2024-03-01"
    dup = f"v=1&today=2024-05-16&items={tm}:2024-01-01,{tm}:2024-01-01*2,{tm}:2024-01-01!"
    out = run_node([new, dup], "--fragment", str(rules_file))
    assert out[0]["problems"] == []
    assert out[0]["state"]["today"] is None  # no date in the link: the reader's today
    assert out[0]["state"]["items"][0] == {
        "type": tm,
        "date": "2023-12-02",
        "resolved_on": None,
        "deactivated_on": "2023-12-20",
        "count": 3,
        "repeat": True,
    }
    assert out[0]["state"]["items"][1]["resolved_on"] == "2024-05-01"
    assert out[0]["roundtrip"] == new
    # Identical violations are one row with a count; a repeat flag makes a row of its own.
    assert [(i["count"], i["repeat"]) for i in out[1]["state"]["items"]] == [(3, False), (1, True)]


@needs_node
@pytest.mark.parametrize(
    ("fragment", "words"),
    [
        ("v=1&items=" + ",".join(["a"] * 49_000), "only the first 1000"),
        ("v=1&items=" + ",".join(["a"] * 99_000), "too long"),
        ("v=1&items=" + "x" * 100_001, "too long"),
        ("v=1&today=2201-01-01&items=ip-complaint-trademark:2300-01-01", "outside 1900–2200"),
    ],
    ids=["49000-items", "99000-items", "oversized", "after-2200"],
)
def test_fragment_caps_give_a_clear_message_fast(tmp_path: Path, fragment: str, words: str) -> None:
    rules_file = tmp_path / "rules.json"
    rules_file.write_text(json.dumps(RULES), encoding="utf-8")
    started = time.perf_counter()
    (out,) = run_node([fragment], "--fragment", str(rules_file))
    assert time.perf_counter() - started < 5  # node start-up included; the parse itself takes milliseconds
    assert any(words in p["en"] for p in out["problems"]), out["problems"][:3]
    assert all(p["zh"] and p["en"] for p in out["problems"])
    assert out["state"]["items"] == []


@needs_node
def test_paste_takes_chinese_and_partial_names(tmp_path: Path) -> None:
    rules_file = tmp_path / "rules.json"
    rules_file.write_text(json.dumps(RULES), encoding="utf-8")
    zh = RULES["types"]["ip-complaint-utility-patent"]["title"]["zh"]
    cases = [
        {"text": "发明专利 2024-03-01 *6\n商标，2023/12/2 ×3\nutility patent 2024-05-05", "lang": "zh"},
        {
            "text": f"{zh} 2024-03-01\n知识产权投诉 2024-03-01\nnonsense 2024-01-01\nno date\n商标 2301-01-01",
            "lang": "en",
        },
        {"text": "x" * 200_001, "lang": "zh"},
        {"text": "商标 2024-01-01\n" * 5000, "lang": "zh"},
    ]
    ok, mixed, huge, many = run_node(cases, "--paste", str(rules_file))
    assert ok["problems"] == []
    assert [(i["type"], i["date"], i["count"]) for i in ok["items"]] == [
        ("ip-complaint-utility-patent", "2024-03-01", 6),
        ("ip-complaint-trademark", "2023-12-02", 3),
        ("ip-complaint-utility-patent", "2024-05-05", 1),
    ]
    assert len(mixed["items"]) == 1
    problems = [p["en"] for p in mixed["problems"]]
    assert problems[0].startswith("Line 2: '知识产权投诉' could be")  # ambiguous: named, not guessed
    assert problems[1:3] == ["Line 3: unknown violation type 'nonsense'.", "Line 4: no date (YYYY-MM-DD) found."]
    assert problems[3] == "Line 5: the date '2301-01-01' is outside 1900–2200."
    assert huge["items"] == [] and "too long" in huge["problems"][0]["en"]
    assert len(many["items"]) == 1000 and "only the first 1000" in many["problems"][0]["en"]


HOSTILE_TITLE = 'Evil\rX-INJECTED:1\nDESCRIPTION:forged;,\\ =HYPERLINK("http://x")'


def export_rules() -> dict[str, Any]:
    rules = json.loads(json.dumps(RULES))
    rules["types"]["ip-complaint-trademark"]["title"] = {"zh": HOSTILE_TITLE, "en": "=cmd|' /C calc'!A0"}
    rules["repeat_groups"]["ip"]["title"] = {"zh": "组\r\nBEGIN:VEVENT", "en": "@SUM(1+1)\r"}
    return rules


@needs_node
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ics_export_parses_and_every_text_field_is_escaped(tmp_path: Path, lang: str) -> None:
    rules_file = tmp_path / "rules.json"
    rules_file.write_text(json.dumps(export_rules()), encoding="utf-8")
    state = {
        "today": "2024-05-16",
        "items": [
            {"type": "ip-complaint-trademark", "date": "2023-12-02", "count": 3, "repeat": True},
            {"type": "ip-complaint-utility-patent", "date": "2024-03-01", "deactivated_on": "2024-03-10", "count": 6},
        ],
        "score": None,
        "cost": {},
    }
    (out,) = run_node([{"state": state, "today": "2030-01-01", "lang": lang}], "--export", str(rules_file))
    ics = out["ics"]
    lines = ics.split("\r\n")
    assert ics.endswith("\r\n") and "\r" not in ics.replace("\r\n", "") and "\n" not in ics.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert not any(line.startswith(("X-INJECTED", "DESCRIPTION:forged")) for line in lines)
    cal = icalendar.Calendar.from_ical(ics)
    events = list(cal.walk("VEVENT"))
    assert [e.decoded("DTSTART").isoformat() for e in events] == ["2024-05-30", "2024-09-06", "2024-09-06"]
    assert [len(list(e.walk("VALARM"))) for e in events] == [1, 1, 1]
    if lang == "zh":
        assert HOSTILE_TITLE in str(events[0]["DESCRIPTION"]).replace("\n", "\r", 1)  # one field, text intact
        assert "组\nBEGIN:VEVENT" in str(events[2]["SUMMARY"])
    csv_lines = out["csv"].split("\r\n")
    assert csv_lines[0].split(",")[:4] == (
        ["类型", "名称", "违规日期", "下架日期"] if lang == "zh" else ["type", "title", "date", "deactivated_on"]
    )
    cells = [c for line in csv_lines[1:] for c in line.split(",")]
    assert not any(c.lstrip('"').startswith(("=", "+", "-", "@")) for c in cells)
    assert csv_lines[-1] == "" and len(csv_lines) == 11  # header + 9 violations + final CRLF


@needs_node
def test_forecast_is_never_drawn_over_a_limit_or_with_unknown_points(tmp_path: Path) -> None:
    rules_file = tmp_path / "rules.json"
    rules_file.write_text(json.dumps(RULES), encoding="utf-8")
    tm, up = "ip-complaint-trademark", "ip-complaint-utility-patent"
    over = {
        "today": "2024-05-16",
        "items": [{"type": tm, "date": "2024-01-01", "count": 6}],
        "score": 230,
        "cost": {tm: 10},
    }
    unknown = {
        "today": "2024-05-16",
        "items": [{"type": tm, "date": "2024-01-01"}, {"type": up, "date": "2024-02-01"}],
        "score": 230,
        "cost": {tm: 10},
    }
    ok = {**unknown, "cost": {tm: 10, up: 20}}
    outs = run_node(
        [{"state": s, "today": "2030-01-01", "lang": "en"} for s in (over, unknown, ok)], "--export", str(rules_file)
    )
    limit, missing, fine = (o["forecast"] for o in outs)
    assert limit["status"] == "limit" and limit["series"] == [] and limit["groups"][0]["gid"] == "ip"
    assert missing["status"] == "unknown" and missing["missing"] == [up] and missing["series"] == []
    assert fine["status"] == "ok"
    assert [p["score"] for p in fine["series"]] == [230, 240, 260]


@needs_node
def test_node_unit_tests() -> None:
    proc = subprocess.run(
        [NODE, "--test", str(ROOT / "tests" / "js")], capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
