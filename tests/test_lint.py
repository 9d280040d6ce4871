"""KB1xx style warnings: the rules one by one, their positions, and a run over the real data."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb_build import codes
from kb_build.check import check_corpus
from kb_build.check.lint import drift, en_cjk, lint_corpus, zh_punctuation, zh_spacing
from kb_build.cli import main
from tests.clock import TODAY
from tests.kb_project import make_project


@pytest.mark.parametrize(
    "text",
    [
        "收到投诉后,先别急着申诉。",
        "这是第一步;然后等待。",
        "注意:不要删除 Listing。",
        "真的吗?",
        "侵权(外观专利)很常见。",
        "他说\"撤回\"就好。",
        "这是结尾.",
    ],
)
def test_kb101_flags_half_width_punctuation_in_chinese(text: str) -> None:
    assert zh_punctuation(text), text


@pytest.mark.parametrize(
    "text",
    [
        "权利人 Jibbitz, Inc. 在美国起诉。",
        "专利号 US 7,698,836，授权日 2010-04-20。",
        "案号 1:23-cv-12209，见 [USPTO](https://www.uspto.gov/a,b(c)) 和 `a, b; c: d`。",
        "金额约 1.8 亿美元，比例 0.5%。",
        "鞋饰套装（Shoe charms, buttons）。",
        "用 “compatible with” 这样的兼容用语。",
    ],
)
def test_kb101_leaves_latin_names_numbers_links_and_code_alone(text: str) -> None:
    assert zh_punctuation(text) == [], text


@pytest.mark.parametrize("text", ["收到5次投诉", "Amazon的流程", "使用APEX流程", "2026年", "第3方"])
def test_kb102_flags_missing_space(text: str) -> None:
    assert zh_spacing(text), text


@pytest.mark.parametrize(
    "text",
    [
        "收到 5 次投诉",
        "Amazon 的 APEX 流程",
        "买了一件T恤",
        "鞋饰套装（Shoe charms）",
        "写 “Stanley” 字样",
        "**注意**：先停售",
        "见[官方页面](https://sellercentral.amazon.com/x)",
        "运行`check`命令",
    ],
)
def test_kb102_accepts_common_zh_style(text: str) -> None:
    assert zh_spacing(text) == [], text


def test_kb102_flags_space_beside_full_width_punctuation() -> None:
    assert zh_spacing("先停售 ，再申诉")
    assert zh_spacing("先停售， 再申诉")


def test_kb103_cjk_in_english() -> None:
    assert en_cjk("Sellers call it 封号.")
    assert en_cjk("Stop selling，then appeal.")
    assert en_cjk("Plain English, with “quotes” and a – dash.") == []


def test_kb104_drift_is_structural() -> None:
    assert drift("第一段。\n\n第二段。", "One paragraph.") == ["paragraphs: zh has 2, en has 1"]
    assert drift("- 一\n- 二\n", "- one\n") == ["list lines: zh has 2, en has 1"]
    assert drift("见[这里](https://a.example)", "See the page.")[0].startswith("links")
    assert drift("**重要**", "Important")[0].startswith("bold")
    assert "only in zh: 2024-01-02" in drift("日期 2024-01-02。", "The date 2024-01-03.")[0]
    assert drift("专利 US 7,698,836", "patent US 7698836") == []
    # amounts are counted differently in Chinese: never compared
    assert drift("赔偿 5600 万美元", "damages of $56 million") == []
    assert drift("收到 3 次投诉", "three complaints") == []


def _project(tmp_path: Path, root: Path, extra: dict[str, str] | None = None) -> Path:
    return make_project(tmp_path / "p", root, extra=extra)


def test_clean_template_entries_have_no_warnings(tmp_path: Path, root: Path) -> None:
    project = _project(tmp_path, root)
    corpus = check_corpus(project)
    assert corpus.errors == []
    assert lint_corpus(corpus, today=TODAY) == []


def test_positions_and_codes_on_a_bad_entry(tmp_path: Path, root: Path) -> None:
    project = _project(tmp_path, root)
    path = project / "data" / "warnings" / "test-warnings.yml"
    text = path.read_text("utf-8")
    text = text.replace("# yaml-language-server: $schema=../../schemas/warnings.schema.json\n", "")
    old = "niche:\n  zh: 测试内容，提到 Amazon 和 2026 年。\n  en: Test content that mentions Amazon and 2026."
    text = text.replace(old, "niche:\n  zh: 鞋花,适用于Crocs\n  en: Shoe charms (鞋花)")
    text = text.replace("reviewed: ", "reviewed: 2020-01-01\n#").replace("added: ", "added: 2020-01-01\n#")
    path.write_text(text + "   \n", "utf-8")
    corpus = check_corpus(project, today=TODAY)
    assert corpus.errors == []
    diags = [d for d in lint_corpus(corpus, today=TODAY) if d.path.endswith("test-warnings.yml")]
    found = {d.code: d for d in diags}
    assert set(found) == {"KB101", "KB102", "KB103", "KB105", "KB106", "KB107"}
    lines = text.splitlines()
    assert lines[found["KB101"].line - 1].strip().startswith("zh: 鞋花")
    assert found["KB101"].line == found["KB102"].line
    assert lines[found["KB103"].line - 1].strip().startswith("en: Shoe charms")
    assert lines[found["KB105"].line - 1].startswith("reviewed:")
    assert (found["KB106"].line, found["KB106"].col) == (1, 1)
    assert all(codes.get(d.code).severity == "warning" for d in diags)


def test_kb107_sees_crlf(tmp_path: Path, root: Path) -> None:
    project = _project(tmp_path, root)
    path = project / "data" / "poa" / "test-poa.yml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    diags = lint_corpus(check_corpus(project))
    assert [d.code for d in diags if d.path.endswith("test-poa.yml")] == ["KB107"]


def test_check_exit_code_ignores_warnings(tmp_path: Path, root: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:

    project = _project(tmp_path, root)
    path = project / "data" / "glossary" / "test-glossary.yml"
    path.write_text(path.read_text("utf-8").replace("en: Test content", "en: 测试 Test content"), "utf-8")
    monkeypatch.chdir(project)
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "data/glossary/test-glossary.yml:" in out and "KB103" in out
    assert main(["check", "--format", "github"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(ln.startswith("::warning file=data/glossary/test-glossary.yml,line=") for ln in lines)
    assert "title=KB103::" in lines[0]


def test_github_format_reports_errors(tmp_path: Path, root: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:

    project = _project(tmp_path, root)
    path = project / "data" / "poa" / "test-poa.yml"
    path.write_text(path.read_text("utf-8").replace("violation_type: test-violation", "violation_type: nope"), "utf-8")
    monkeypatch.chdir(project)
    assert main(["check", "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert "::error file=data/poa/test-poa.yml,line=" in out and "title=KB018::" in out


def test_real_data_lints_cleanly_enough(root: Path) -> None:
    """The rules run on the real corpus without crashing and only ever produce KB1xx codes."""
    corpus = check_corpus(root)
    diags = lint_corpus(corpus)
    assert all(d.code.startswith("KB1") and d.code in codes.CODES for d in diags)
