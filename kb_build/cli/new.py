"""`python -m kb_build new <collection> <id>`: write a commented, bilingual entry template.

The template has the schema comment on its first line (editor completion), today's date in
`added` and `reviewed`, and empty "" placeholders: until each one is filled, `check` reports
it with its line number (KB010/KB012/KB015/KB019), so a half-filled entry cannot be published.
Keys come in the canonical order of `kb_build.fix.field_order`, so `check --fix` leaves the
file alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from kb_build import project
from kb_build.check.fix import field_order, modeline
from kb_build.cli.new_tools import tool_fields
from kb_build.load.corpus import data_files
from kb_build.load.yaml_safe import load_bytes
from kb_build.model.entries import COLLECTIONS, ID_PATTERN, MODELS, PAGE_COLLECTIONS
from kb_build.project import project_root

MAX_ID = 80


def _text(indent: int = 2) -> str:
    pad = " " * indent
    return f'{pad}zh: ""\n{pad}en: ""\n'


def _text_items(n: int = 1, indent: int = 2) -> str:
    pad = " " * indent
    item = f'{pad}- zh: ""\n{pad}  en: ""\n'
    return item * n


def _vocab_values(root: Path, name: str) -> str:
    """Allowed values of a vocabulary, read from data/vocab.yml (for the comments)."""
    path = root / "data" / "vocab.yml"
    try:
        data = load_bytes(path.read_bytes()).data or {}
    except OSError:
        return ""
    return ", ".join(sorted((data.get(name) or {}).keys()))


SOURCE = """\
  - url: ""          # https:// only
    title: ""        # the source's own title, in its own language / 来源自己的标题
    publisher: ""    # e.g. Amazon Seller Central, USPTO, a law firm
    kind: ""         # official (Amazon, courts, patent/trademark offices) | third-party
    accessed: {today}
    # note:          # optional, {{zh: "", en: ""}}, e.g. "copy of an Amazon page on another site"
"""


def _fields(collection: str, root: Path, today: str, entry_id: str) -> dict[str, str]:
    """field name -> template lines (comment + YAML) for one collection."""
    v = lambda name: _vocab_values(root, name)  # noqa: E731
    f: dict[str, str] = {
        "id": f"# 文件名必须是 <id>.yml / the file name must be <id>.yml\nid: {entry_id}\n",
        "title": "# 标题 / Title\ntitle:\n" + _text(),
        "summary": "# 一段话讲清要点 / One paragraph: the essentials\nsummary:\n" + _text(),
        "tags": f"# 可选 / optional, from data/vocab.yml: {v('tags')}\ntags: []\n",
        "related": "# 相关条目 / related entries, e.g. violations/ip-complaint-trademark\nrelated: []\n",
        "aliases": "",  # only when renaming; documented in the contributor guide
        "search_terms": (
            "# 可选：卖家会搜的别称、俗称、错别字 / optional: nicknames and words sellers search for\n"
            "# search_terms: {zh: [斯坦利杯], en: [stanley cup]}\n"
        ),
        "disagreements": (
            "# 来源之间有分歧时并列写出 / where sources disagree, list the views side by side:\n"
            "# disagreements:\n"
            "#   - topic: {zh: \"\", en: \"\"}\n"
            "#     views:\n"
            "#       - {text: {zh: \"\", en: \"\"}, sources: [1]}\n"
            "#       - {text: {zh: \"\", en: \"\"}, sources: [2]}\n"
            "#     our_reading: {zh: \"\", en: \"\"}\n"
        ),
        "sources": (
            "# 来源：官方优先，只用 https / sources: official first, https only\nsources:\n"
            + SOURCE.format(today=today)
        ),
        "added": f"added: {today}\n",
        "reviewed": f"# 每次核对来源后更新 / update whenever you re-check the sources\nreviewed: {today}\n",
    }
    if collection == "violations":
        f |= {
            "category": f"# one of: {v('categories')}\ncategory: \"\"\n",
            "right_type": f"# 知识产权类才填 / IP complaints only, one of: {v('right_types')}\n# right_type: \n",
            "counts_toward_ahr": "# 是否计入账户状况评级 / counts toward the AHR?\ncounts_toward_ahr: true\n",
            "page_label": (
                "# 账户状况页面上显示的名称 / the label shown on the Account Health page\npage_label:\n" + _text()
            ),
            "triggers": "# 什么情况会触发 / what triggers it\ntriggers:\n" + _text_items(),
            "severity": f"# one of: {v('severities')}\nseverity: \"\"\n",
            "severity_basis": "# official | third-party | unknown\nseverity_basis: \"\"\n",
            "appeal": "# required | not-required | depends | not-applicable\nappeal: \"\"\n",
            "appeal_note": "appeal_note:\n" + _text(),
            "window_days": "# 计入多少天 / days it counts (default 180)\nwindow_days: 180\n",
            "window_note": "window_note:\n" + _text(),
            "repeat_group": f"# 可选 / optional, one of: {v('repeat_groups')}\n# repeat_group: \n",
            "removal": "removal:\n  removes:\n" + _text_items(1, 4) + "  does_not_remove:\n" + _text_items(1, 4),
            "actions": "# 建议操作 / recommended actions\nactions:\n" + _text_items(),
            "notice": "# 可选：案件助手如何识别这类通知 / optional: how the case assistant spots it (data/notices/)\n",
        }
    elif collection == "notices":
        f |= {
            "position": "# 在它提到的违规之前还是之后列出 / before-cause | after-cause\nposition: \"\"\n",
            "notice": (
                "# 识别这类通知的原文词句和权重 / the notice's own words that identify it, with weights\nnotice:\n"
                "  phrases:\n    - text: \"\"\n      weight: 6\n  deadlines_days: []\n  plan:\n"
                "    - when: \"\"     # today | 72h | week | deadline | day180\n      text:\n" + _text(8)
                + "      ref: \"\"      # e.g. strategies/acknowledge-vs-appeal\n"
            ),
        }
    elif collection == "strategies":
        f |= {
            "applies_to": "# 违规类型 id（data/violations/ 里的文件名）/ violation ids\napplies_to:\n  - \"\"\n",
            "marketplaces": f"# one or more of: {v('marketplaces')}\nmarketplaces: []\n",
            "when_to_use": "when_to_use:\n" + _text_items(),
            "when_not_to_use": "when_not_to_use: []\n",
            "steps": "# 每一步一条 / one item per step\nsteps:\n" + _text_items(),
            "documents": "documents: []\n",
            "pitfalls": "pitfalls:\n" + _text_items(),
            "timeline": "timeline:\n" + _text(),
            "cost": "# cost: {zh: \"\", en: \"\"}   # optional\n",
            "get_counsel": (
                "# 涉及诉讼时设为 true / true when lawsuits or court deadlines are involved\nget_counsel: false\n"
            ),
        }
    elif collection == "warnings":
        f |= {
            "niche": "# 涉及的品类 / the product niche\nniche:\n" + _text(),
            "violation_types": (
                "# 违规类型 id / violation ids, e.g. ip-complaint-utility-patent\nviolation_types:\n  - \"\"\n"
            ),
            "marketplaces": f"# one or more of: {v('marketplaces')}\nmarketplaces: []\n",
            "risk": f"# one of: {v('risk_levels')}\nrisk: \"\"\n",
            "risk_note": "risk_note:\n" + _text(),
            "rights": (
                "# 权利人主张的权利 / rights asserted\nrights:\n"
                f"  - type: \"\"        # one of: {v('right_types')}\n"
                "    holder: \"\"\n"
                "    numbers: []      # e.g. [\"US 7,698,836\"]\n"
                f"    jurisdiction: \"\" # one of: {v('jurisdictions')}\n"
            ),
            "enforcement": (
                "# 维权记录，每条引用一个来源 / enforcement on record, each citing one source\nenforcement:\n"
                "  - kind: \"\"        # case | tro-wave | amazon-action | other\n"
                "    # court: \"\"     # case and tro-wave need court and number\n"
                "    # number: \"\"\n"
                f"    date: {today}\n"
                "    summary:\n" + _text(6) + "    source: 1         # 1-based position in sources\n"
            ),
            "check_before_listing": "check_before_listing:\n" + _text_items(),
            "if_already_listed": "if_already_listed:\n" + _text_items(),
        }
    elif collection == "poa":
        parts = ("opening", "corrective", "closing")
        letter = "".join(
            f"  - part: {p}\n    text: \"\"   # English, exactly as sent to Amazon\n    explain:\n" + _text(6)
            for p in parts
        )
        f |= {
            "violation_type": "# 违规类型 id / violation id, e.g. ip-complaint-utility-patent\nviolation_type: \"\"\n",
            "scenario": "scenario:\n" + _text(),
            "letter": (
                "# 至少 3 段；part 可选 / at least 3 parts; part is one of: "
                "opening, root-cause, corrective, preventive, evidence, closing\nletter:\n" + letter
            ),
            "why_it_works": "why_it_works:\n" + _text_items(),
            "common_mistakes": "common_mistakes:\n" + _text_items(),
            "avoids_rejections": "avoids_rejections:\n" + _text_items(),
        }
    elif collection == "glossary":
        f |= {
            "seller_usage": "# 卖家的说法，俗称在前 / how sellers say it, slang first\nseller_usage:\n  - \"\"\n",
            "official_zh": (
                "# 亚马逊官方中文（核实过才填）/ Amazon's official Chinese term, if verified\n# official_zh: \"\"\n"
            ),
            "english": "english: \"\"\n",
            "definition": "definition:\n" + _text(),
            "confusable_with": "# 容易混淆的术语 id / glossary ids often confused with this one\nconfusable_with: []\n",
            "see_also": "see_also: []\n",
        }
    f |= tool_fields(collection)
    return f


def render_template(collection: str, entry_id: str, root: Path, today: dt.date | None = None) -> str:
    day = (today or project.today()).isoformat()
    fields = _fields(collection, root, day, entry_id)
    missing = [n for n in field_order(collection) if n not in fields]
    assert not missing, f"scaffold has no template for {collection}: {missing}"
    head = (
        f"{modeline(collection)}\n"
        "# 新条目模板 / New entry template. 把每个 \"\" 填上；中文和英文说同样的事实。\n"
        "# Fill in every \"\"; zh and en say the same facts. Then run: python -m kb_build check\n"
        "# Guide: CONTRIBUTING.md (English) / docs/contributing.md (中文)\n"
    )
    text = head + "".join(fields[n] for n in field_order(collection))
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def validate_id(collection: str, entry_id: str, root: Path) -> str | None:
    """Why `entry_id` cannot be used, or None if it can."""
    if collection not in MODELS:
        return f"unknown collection '{collection}'; use one of: {', '.join(COLLECTIONS)}"
    if len(entry_id) > MAX_ID or not re.match(ID_PATTERN, entry_id):
        return (f"'{entry_id}' is not a valid id: use lowercase letters, digits and single hyphens "
                f"(kebab-case, at most {MAX_ID} characters), e.g. 'crocs-jibbitz-charms'")
    if project.reserved_id(collection, entry_id):
        return (f"'{entry_id}' is reserved: the build writes a page with that name "
                f"({', '.join(sorted(project.RESERVED_IDS))}); choose another id")
    for path in data_files(root / "data"):
        if (path.parent.name in PAGE_COLLECTIONS) != (collection in PAGE_COLLECTIONS) or (
            collection not in PAGE_COLLECTIONS and path.parent.name != collection
        ):
            continue  # ids are unique across the page collections; a data-only collection has its own
        if path.stem == entry_id:
            where = path.relative_to(root).as_posix()
            return f"id '{entry_id}' already exists: {where} (ids are unique across collections)"
        if entry_id in _aliases(path):
            return f"id '{entry_id}' is an alias (old id) in {path.relative_to(root).as_posix()}; choose another id"
    return None


def _aliases(path: Path) -> list[str]:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    if "aliases" not in text:
        return []
    data = load_bytes(text.encode()).data
    aliases = data.get("aliases") if isinstance(data, dict) else None
    return [str(a) for a in aliases] if isinstance(aliases, list) else []


def create(collection: str, entry_id: str, root: Path, today: dt.date | None = None) -> Path:
    problem = validate_id(collection, entry_id, root)
    if problem:
        raise ValueError(problem)
    path = root / "data" / collection / f"{entry_id}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as fh:  # "x": never overwrite, even in a race
        fh.write(render_template(collection, entry_id, root, today))
    return path


def cmd_new(args: argparse.Namespace) -> int:
    root = project_root()
    try:
        path = create(args.collection, args.id, root)
    except (ValueError, FileExistsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    rel = path.relative_to(root).as_posix()
    print(f"wrote {rel}")
    print(f"fill in every \"\", then run: python -m kb_build check {rel}   (preview: make serve)")
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    new = sub.add_parser("new", help="write a commented bilingual template for a new entry")
    new.add_argument("collection", choices=COLLECTIONS)
    new.add_argument("id", help="lowercase kebab-case id; also the file name")
    new.set_defaults(func=cmd_new)
