"""JSON API, Atom feeds, feed autodiscovery, redirects for renamed entries, tag pages, guides."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kb_build import codes
from kb_build.check import check_corpus
from kb_build.cli.codes import codes_table, update_guides
from kb_build.model.entries import COLLECTIONS
from kb_build.publish.api import SCHEMA_VERSION, build_api, generated_at
from kb_build.publish.feeds import ATOM, build_feed
from kb_build.publish.redirects import redirect_html, redirect_pages
from tests.conftest import mkdocs_env
from tests.kb_project import make_project

A = f"{{{ATOM}}}"
SITE_URL = "https://example.org/kb/"
TRICKY = "R&D <= 5 \"quoted\" ]]> & 中文"


@pytest.fixture
def project(tmp_path: Path, root: Path) -> Path:
    project = make_project(tmp_path / "p", root)
    path = project / "data" / "warnings" / "test-warnings.yml"
    text = path.read_text("utf-8").replace("related: []", "related: []\naliases: [old-warning]")
    old = "title:\n  zh: 测试内容，提到 Amazon 和 2026 年。\n  en: Test content that mentions Amazon and 2026."
    text = text.replace(old, f"title:\n  zh: '{TRICKY}'\n  en: '{TRICKY.replace(' & 中文', '')}'", 1)
    path.write_text(text, "utf-8")
    return project


# ---- JSON API --------------------------------------------------------------------------


def test_api_files(project: Path) -> None:
    corpus = check_corpus(project)
    assert corpus.errors == []
    files = build_api(corpus, SITE_URL)
    expected = {"api/v1/index.json", "api/v1/vocab.json"}
    for c in COLLECTIONS:
        expected.add(f"api/v1/{c}.json")
        expected |= {f"api/v1/{c}/{i}.json" for i in corpus.entries[c]}
    assert set(files) == expected
    for text in files.values():
        doc = json.loads(text)
        assert doc["schema_version"] == SCHEMA_VERSION
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", doc["generated_at"])
    index = json.loads(files["api/v1/index.json"])
    assert index["files"]["expiry_rules"] == SITE_URL + "api/v1/expiry-rules.json"
    assert index["feeds"]["zh"] == SITE_URL + "feeds/warnings.zh.xml"
    assert index["collections"]["warnings"]["ids"] == ["test-warnings"]
    entry = json.loads(files["api/v1/warnings/test-warnings.json"])["entry"]
    assert entry["data"]["title"]["zh"] == TRICKY
    assert entry["url"]["en"] == SITE_URL + "en/warnings/test-warnings/"
    assert entry["data"]["aliases"] == ["old-warning"]
    glossary = json.loads(files["api/v1/glossary.json"])["entries"][0]
    assert glossary["url"]["zh"] == SITE_URL + "glossary/#test-glossary"


def test_api_is_deterministic(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = build_api(check_corpus(project), SITE_URL)
    second = build_api(check_corpus(project), SITE_URL)
    assert first == second


def test_generated_at(project: Path) -> None:
    corpus = check_corpus(project)
    newest = max(e.model.reviewed for e in corpus.all_entries())
    assert generated_at(corpus, env={}) == f"{newest.isoformat()}T00:00:00Z"
    assert generated_at(corpus, env={"SOURCE_DATE_EPOCH": "1700000000"}) == "2023-11-14T22:13:20Z"
    assert generated_at(corpus, env={"SOURCE_DATE_EPOCH": "garbage"}) == f"{newest.isoformat()}T00:00:00Z"


# ---- feeds -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_feed_is_valid_escaped_atom(project: Path, lang: str) -> None:
    corpus = check_corpus(project)
    text = build_feed(corpus, lang, SITE_URL)
    assert text == build_feed(check_corpus(project), lang, SITE_URL)  # deterministic
    feed = ET.fromstring(text.encode())
    assert feed.tag == f"{A}feed"
    assert feed.find(f"{A}id").text == f"{SITE_URL}feeds/warnings.{lang}.xml"
    entries = feed.findall(f"{A}entry")
    assert len(entries) == len(corpus.entries["warnings"])
    entry = entries[0]
    expected_title = TRICKY if lang == "zh" else TRICKY.replace(" & 中文", "")
    assert entry.find(f"{A}title").text == expected_title  # round-trips: it was escaped correctly
    assert "&amp;" in text and "&lt;=" in text
    link = entry.find(f"{A}link").get("href")
    assert link == SITE_URL + ("" if lang == "zh" else "en/") + "warnings/test-warnings/"
    assert entry.find(f"{A}id").text.startswith("tag:example.org,")


def test_feed_marks_updated_entries(project: Path) -> None:
    path = project / "data" / "warnings" / "test-warnings.yml"
    path.write_text(re.sub(r"^added: .*$", "added: 2020-01-05", path.read_text("utf-8"), flags=re.M), "utf-8")
    corpus = check_corpus(project)
    assert corpus.errors == []
    feed = ET.fromstring(build_feed(corpus, "en", SITE_URL).encode())
    assert feed.find(f"{A}entry/{A}title").text.startswith("Updated: ")
    assert feed.find(f"{A}entry/{A}published").text == "2020-01-05T00:00:00Z"


# ---- redirects ---------------------------------------------------------------------------


def test_redirect_pages(project: Path) -> None:
    corpus = check_corpus(project)
    pages = redirect_pages(corpus.entries["warnings"]["test-warnings"], SITE_URL)
    assert set(pages) == {"warnings/old-warning/index.html", "en/warnings/old-warning/index.html"}
    zh = pages["warnings/old-warning/index.html"]
    assert '<meta http-equiv="refresh" content="0; url=../test-warnings/">' in zh
    assert f'<link rel="canonical" href="{SITE_URL}warnings/test-warnings/">' in zh
    assert '<a href="../test-warnings/">' in zh
    assert "R&amp;D &lt;= 5 &quot;quoted&quot;" in zh
    assert f'href="{SITE_URL}en/warnings/test-warnings/"' in pages["en/warnings/old-warning/index.html"]


def test_redirect_html_escapes_everything() -> None:
    page = redirect_html('x" onload="alert(1)', "https://e.org/?a=<b>", "<script>", "en")
    assert "<script>" not in page and 'x" onload' not in page


# ---- contributor guides ------------------------------------------------------------------


def test_guides_tables_match_the_code_registry(root: Path) -> None:
    assert update_guides(root, check=True) == [], "run `python -m kb_build codes`"
    for lang in ("zh", "en"):
        table = codes_table(lang)
        assert [line.split("`")[1] for line in table.splitlines()[2:]] == list(codes.CODES)
    assert set(codes.ZH) == set(codes.CODES)


# ---- a small site built end to end (our outputs, independent of the state of data/) -------


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory: pytest.TempPathFactory, root: Path) -> Path:
    project = make_project(tmp_path_factory.mktemp("mini") / "p", root, site=True)
    path = project / "data" / "warnings" / "test-warnings.yml"
    path.write_text(path.read_text("utf-8").replace("related: []", "related: []\naliases: [old-warning]"), "utf-8")
    site = project / "site"
    # --no-strict: hand-written pages link to real entries this small project does not have
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--no-strict", "-q", "-d", str(site)],
                            cwd=project, env=mkdocs_env(), capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    return site


def test_mini_site_outputs(mini_site: Path) -> None:
    index = json.loads((mini_site / "api/v1/index.json").read_text("utf-8"))
    assert (mini_site / "api/v1/expiry-rules.json").exists()
    assert index["files"]["expiry_rules"].endswith("api/v1/expiry-rules.json")
    for c in COLLECTIONS:
        assert (mini_site / f"api/v1/{c}.json").exists()
    for lang in ("zh", "en"):
        ET.parse(mini_site / f"feeds/warnings.{lang}.xml")
    zh_head = (mini_site / "warnings/index.html").read_text("utf-8").split("</head>")[0]
    assert 'type="application/atom+xml"' in zh_head and "feeds/warnings.zh.xml" in zh_head
    en_head = (mini_site / "en/warnings/test-warnings/index.html").read_text("utf-8").split("</head>")[0]
    assert "feeds/warnings.en.xml" in en_head


def test_mini_site_redirects_resolve(mini_site: Path) -> None:
    for prefix in ("", "en/"):
        page = mini_site / f"{prefix}warnings/old-warning/index.html"
        assert page.exists()
        assert (page.parent / "../test-warnings/index.html").resolve().exists()


def test_mini_site_tag_pages_per_language(mini_site: Path) -> None:
    zh = (mini_site / "tags/index.html").read_text("utf-8")
    en = (mini_site / "en/tags/index.html").read_text("utf-8")
    assert "知识产权" in zh and "warnings/test-warnings/" in zh
    assert "Intellectual property" in en and "warnings/test-warnings/" in en
    assert "知识产权" not in en.split('<article')[1]


# ---- the real site -------------------------------------------------------------------------


def test_built_site_api_and_feeds(built_site: Path, root: Path) -> None:
    corpus = check_corpus(root)
    index = json.loads((built_site / "api/v1/index.json").read_text("utf-8"))
    assert index["schema_version"] == SCHEMA_VERSION
    assert (built_site / "api/v1/expiry-rules.json").exists()
    for c in COLLECTIONS:
        assert index["collections"][c]["total"] == len(corpus.entries[c])
        for entry_id in corpus.entries[c]:
            assert (built_site / f"api/v1/{c}/{entry_id}.json").exists()
    for lang in ("zh", "en"):
        feed = ET.parse(built_site / f"feeds/warnings.{lang}.xml").getroot()
        assert len(feed.findall(f"{A}entry")) == min(100, len(corpus.entries["warnings"]))
    for entry in corpus.all_entries():
        for alias in entry.model.aliases if entry.collection != "glossary" else []:
            assert (built_site / f"{entry.collection}/{alias}/index.html").exists()


def test_built_site_feed_links_resolve(built_site: Path) -> None:
    """The warnings index pages link to the feeds (button and <head> autodiscovery)."""
    for page, feed in (("warnings/index.html", "warnings.zh.xml"), ("en/warnings/index.html", "warnings.en.xml")):
        html = (built_site / page).read_text("utf-8")
        hrefs = re.findall(r'href="([^"]*feeds/[^"]+)"', html)
        assert hrefs and all(h.endswith(feed) for h in hrefs)
        relative = [h for h in hrefs if not h.startswith("http")]
        target = (built_site / "feeds" / feed).resolve()
        assert all(((built_site / page).parent / h).resolve() == target for h in relative)


def test_built_site_pages(built_site: Path) -> None:
    for page in ("tags", "contributing", "api"):
        assert (built_site / page / "index.html").exists()
        assert (built_site / "en" / page / "index.html").exists()
    assert "KB107" in (built_site / "contributing/index.html").read_text("utf-8")
    assert "KB107" in (built_site / "en/contributing/index.html").read_text("utf-8")
