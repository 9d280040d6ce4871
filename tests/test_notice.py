"""The notice decoder over the real notices in tests/fixtures/notices/: Python (kb_build/notice.py and
`python -m kb_build notice`) and JavaScript (docs/javascripts/case/decode.js) agree on every fixture, the
right kind comes first in at least 90% of them, every well-formed ASIN and every stated deadline is found,
and texts that are not notices get no kind."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from kb_build.check import check_corpus
from kb_build.model.entries import REF_PATTERN
from kb_build.model.notices import STEP_REF_PATTERN
from kb_build.notice import decode_notice
from kb_build.notice_extract import complaint_ids, deadlines, emails, plain
from kb_build.publish.notice_rules import notice_rules_from_corpus, write_notice_rules

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "notices").glob("*.json"))
RUNNER = ROOT / "tests" / "js" / "run_notice.mjs"
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed")
ACCOUNT_KINDS = {"deactivation", "related-account-deactivation", "apex-invitation", "ahr-at-risk", "inventory-removal",
                 "retraction-confirmation"}


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rules() -> dict[str, Any]:
    corpus = check_corpus(ROOT)
    assert corpus.errors == []
    return notice_rules_from_corpus(corpus)


@pytest.fixture(scope="module")
def rules_file(rules: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("rules") / "notice-rules.json"
    path.write_text(json.dumps(rules, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def python_out(rules: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p.name: decode_notice(load(p)["text"], rules) for p in FIXTURES}


def run_node(texts: list[str], rules_file: Path) -> list[dict[str, Any]]:
    assert NODE is not None
    proc = subprocess.run([NODE, str(RUNNER), str(rules_file)], input=json.dumps(texts), capture_output=True,
                          text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_fixtures_are_real_and_cover_the_kinds(rules: dict[str, Any]) -> None:
    assert len(FIXTURES) >= 25
    kinds = Counter(k for p in FIXTURES for k in load(p)["expect"]["kinds"])
    assert sum(load(p)["language"] == "zh" for p in FIXTURES) >= 6
    for p in FIXTURES:
        data = load(p)
        assert data["source_url"].startswith(("https://", "http://")), p.name
        assert set(data["expect"]["kinds"]) <= set(rules["kinds"]), p.name
    assert set(rules["kinds"]) >= ACCOUNT_KINDS
    assert len(kinds) >= 18


def test_every_violation_and_account_kind_has_rules(rules: dict[str, Any]) -> None:
    corpus = check_corpus(ROOT)
    assert set(corpus.entries["violations"]) | ACCOUNT_KINDS == set(rules["kinds"])
    for kid, kind in rules["kinds"].items():
        assert kind["plan"], kid
        for step in kind["plan"]:
            assert step["source"]["url"].startswith("https://"), (kid, step["ref"])
            assert step["ref_title"]["zh"] and step["ref_title"]["en"]
    assert STEP_REF_PATTERN == REF_PATTERN


@needs_node
def test_python_and_javascript_agree(python_out: dict[str, dict[str, Any]], rules_file: Path) -> None:
    js = run_node([load(p)["text"] for p in FIXTURES], rules_file)
    for p, out in zip(FIXTURES, js, strict=True):
        assert out == python_out[p.name], p.name


def test_right_kind_first(python_out: dict[str, dict[str, Any]]) -> None:
    per_kind: dict[str, list[bool]] = {}
    for p in FIXTURES:
        want = load(p)["expect"]["kinds"]
        if want:
            per_kind.setdefault(want[0], []).append(python_out[p.name]["kinds"][:1] == want[:1])
    hits = sum(sum(v) for v in per_kind.values())
    total = sum(len(v) for v in per_kind.values())
    report = ", ".join(f"{k} {sum(v)}/{len(v)}" for k, v in sorted(per_kind.items()))
    print(f"\nright kind first: {hits}/{total} ({hits / total:.0%}); {report}")
    assert hits / total >= 0.9, report


def test_expected_kinds_are_found(python_out: dict[str, dict[str, Any]]) -> None:
    """Every expected kind, secondary ones too, and a cause before the deactivation it caused."""
    missing = {p.name: sorted(set(load(p)["expect"]["kinds"]) - set(python_out[p.name]["kinds"])) for p in FIXTURES}
    missing = {k: v for k, v in missing.items() if v}
    assert len(missing) <= len(FIXTURES) // 10, missing
    for p in FIXTURES:
        kinds = python_out[p.name]["kinds"]
        if "deactivation" in kinds and len(kinds) > 1:
            assert kinds[-1] == "deactivation", (p.name, kinds)


def test_not_a_notice_gets_no_kind(python_out: dict[str, dict[str, Any]]) -> None:
    none = [p for p in FIXTURES if not load(p)["expect"]["kinds"]]
    assert len(none) >= 4
    for p in none:
        assert python_out[p.name]["kinds"] == [] and python_out[p.name]["marketplace"] is None, p.name


@pytest.mark.parametrize("field", ["asins", "deadlines_days", "emails", "complaint_ids", "marketplace"])
def test_extracted_fields(field: str, python_out: dict[str, dict[str, Any]]) -> None:
    for p in FIXTURES:
        want, got = load(p)["expect"][field], python_out[p.name][field]
        if field == "deadlines_days":
            want = sorted(set(want))
        assert got == want, (p.name, field)


def test_evidence_points_at_the_deciding_words(python_out: dict[str, dict[str, Any]]) -> None:
    for p in FIXTURES:
        text = load(p)["text"].encode("utf-16-le")
        for ev in python_out[p.name]["evidence"]:
            assert text[ev["start"] * 2 : ev["end"] * 2].decode("utf-16-le") == ev["text"]
            assert ev["kind"] in python_out[p.name]["kinds"]


@pytest.mark.parametrize(("text", "days"), [
    ("You must respond within 3 days.", [3]), ("within the next three weeks", [21]), ("within 17 days", [17]),
    ("at risk of deactivation within 72 hours", [3]), ("请在 90 天内提交", [90]), ("3天内回复", [3]),
    ("请在三周内联系权利人", [21]), ("Ｗｉｔｈｉｎ　１７　ｄａｙｓ", [17]), ("发票须为最近 90 天内开具", []),
    ("invoices issued in the last 365 days", []), ("After 90 days, the hold will be removed", []),
    ("We will respond with the outcome within 5 business days.", []), ("You will hear from us within 2 days", []),
    ("We will review your plan. If you do not send an acceptable plan within 17 days, we may", [17]),
    ("If you do not act, we will deactivate your account within 3 days", [3]),
    ("Within the next 30 days, please provide the following documents", [30]), ("需要提供90天内的采购单据", []),
    ("If you do not send the requested documents within 30 days, we may cancel your listings", [30]),
])
def test_deadline_phrasings(text: str, days: list[int]) -> None:
    assert deadlines(plain(text)) == days


def test_a_text_that_is_no_notice_has_no_deadline(rules: dict[str, Any]) -> None:
    """A scam line quoted in a warning about scams is not a deadline."""
    text = "Phishing guide. Scam texts say: “You have 24 hours to respond or your account will be terminated.”"
    assert decode_notice(text, rules)["kinds"] == [] and decode_notice(text, rules)["deadlines_days"] == []


def test_placeholder_addresses_are_not_emails(rules: dict[str, Any]) -> None:
    text = "write to no-replies-appeals@amazon.xx, seller@example.com or xxx@amazon.com; pq-review@amazon.com"
    assert emails(plain(text), rules) == ["pq-review@amazon.com"]


def test_a_capitalised_heading_adds_no_kind(rules: dict[str, Any]) -> None:
    text = "POLICY WARNING EMAIL\nwe removed some of your listings because we received a report from a rights owner " \
        "that they may infringe the rights owner’s copyright."
    assert decode_notice(text, rules)["kinds"] == ["ip-complaint-copyright"]
    assert "policy-warning" in decode_notice("Policy warning: we are contacting you because", rules)["kinds"]


def test_full_width_and_line_breaks(rules: dict[str, Any]) -> None:
    text = ("ＡＳＩＮ：Ｂ００ＫＫＦ８ＺＡ２\nWe removed some of your listings because we received a report from a "
            "rights owner that they may infringe the rights\nowner’s  copyright. Ｗｉｔｈｉｎ １７ ｄａｙｓ")
    out = decode_notice(text, rules)
    assert out["kinds"][0] == "ip-complaint-copyright"
    assert out["asins"] == ["B00KKF8ZA2"] and out["deadlines_days"] == [17]


def test_cli_prints_the_same_json(rules: dict[str, Any], rules_file: Path) -> None:
    text = load(FIXTURES[0])["text"]
    proc = subprocess.run([sys.executable, "-m", "kb_build", "notice", "--rules", str(rules_file)], input=text,
                          capture_output=True, text=True, timeout=120, check=False, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == decode_notice(text, rules)
    bad = subprocess.run([sys.executable, "-m", "kb_build", "notice", "--rules", str(ROOT / "mkdocs.yml")],
                         input="x", capture_output=True, text=True, timeout=60, check=False, cwd=ROOT)
    assert bad.returncode == 2 and "notice:" in bad.stderr


def test_hostile_input_is_bounded(rules: dict[str, Any]) -> None:
    out = decode_notice("<script>alert(1)</script>" * 50_000, rules)
    assert out["kinds"] == []
    assert decode_notice(None, rules)["kinds"] == []  # type: ignore[arg-type]


def test_rules_file_is_written(rules: dict[str, Any], tmp_path: Path) -> None:
    path = write_notice_rules(check_corpus(ROOT), tmp_path)
    assert path == tmp_path / "api/v1/notice-rules.json"
    assert json.loads(path.read_text("utf-8")) == json.loads(json.dumps(rules))


@pytest.mark.parametrize(("text", "store"), [
    ("Your account has been deactivated. https://sellercentral.amazon.com.au/gp/help", "AU"),
    ("Your account has been deactivated. See sellercentral.amazon.sa/help", "SA"),
    ("Your Amazon seller account has been deactivated under the Amazon Services Europe Business Solutions Agreement",
     "EU"),
])
def test_marketplace_hosts(text: str, store: str, rules: dict[str, Any]) -> None:
    assert decode_notice(text, rules)["marketplace"] == store


def test_a_page_that_addresses_no_seller_gets_no_kind(rules: dict[str, Any]) -> None:
    """Naming a right ('外观设计专利', 'neutral evaluation') is not a notice; addressing the seller makes one."""
    blog = "卖家收到外观设计专利侵权投诉后，72小时内提交反申诉。"
    assert decode_notice(blog, rules)["kinds"] == [] and decode_notice(blog, rules)["deadlines_days"] == []
    notice = "您的商品侵犯了外观设计专利。" + blog
    assert decode_notice(notice, rules)["kinds"] == ["ip-complaint-design-patent"]


def test_a_removal_footer_does_not_outrank_the_cause(rules: dict[str, Any]) -> None:
    text = ("We have removed your listings because the products are restricted: products that qualify as pesticides "
            "or pesticide devices need an EPA registration. If you are an FBA seller, create a removal order.")
    assert decode_notice(text, rules)["kinds"][0] == "restricted-products-violation"


def test_a_number_after_complaint_is_a_complaint_id() -> None:
    assert complaint_ids(plain("I got an IP complaint (#16914539521) on my ASIN")) == ["16914539521"]
    assert complaint_ids(plain("收到投诉 #16914539521")) == ["16914539521"]
