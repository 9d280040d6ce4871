"""`kb_build new` templates for the tools' data-only collections: letters and poa-rules.

Kept apart from kb_build/cli/new.py so that module stays small; new.py merges these fields.
"""

from __future__ import annotations


def _text(indent: int = 2) -> str:
    pad = " " * indent
    return f'{pad}zh: ""\n{pad}en: ""\n'


def _items(indent: int = 2) -> str:
    pad = " " * indent
    return f'{pad}- zh: ""\n{pad}  en: ""\n'


def tool_fields(collection: str) -> dict[str, str]:
    """field name -> template lines for a tool collection (empty for any other collection)."""
    if collection == "letters":
        para = (
            "  - part: {part}\n"
            "    text: \"\"   # English plain text as sent, {{placeholders}} from facts / 英文纯文本\n"
            "    explain:\n" + _text(6)
        )
        return {
            "kind": "# retraction | dispute | poa (a retraction only for reasons that make 'submitted in error' true)\n"
                    "kind: poa\n",
            "violation_types": "# 违规类型 id / violation ids\nviolation_types:\n  - \"\"\n",
            "recipient": "# 发给谁、怎么发 / who receives it and how\nrecipient:\n" + _text(),
            "facts": (
                "# 信里可用的 {placeholder} / the facts the letter may use as {name}\nfacts:\n"
                "  - name: store\n    label:\n" + _text(6) + "    prompt: \"\"   # shown as [prompt] while missing\n"
            ),
            "paragraphs": "paragraphs:\n" + para.format(part="opening") + para.format(part="closing"),
            "reasons": "# retraction and dispute: id, label, text, explain, evidence\nreasons: []\n",
            "variants": (
                "# poa: one per violation type; model = a data/poa/ id (optional)\nvariants:\n"
                "  - violation: \"\"\n    name: \"\"   # the violation as the letter names it\n"
                "    hint:\n" + _text(6) + "    evidence:\n" + _items(6)
            ),
        }
    if collection == "poa-rules":
        return {
            "check": "# present | absent (a missing section) | length\ncheck: present\n",
            "applies_to": "# 违规类型 id；空 = 全部 / violation ids; empty = every type\napplies_to: []\n",
            "severity": "# high | medium | low\nseverity: \"\"\n",
            "patterns": (
                "# 英文正则，不区分大小写；不要嵌套量词 / English regex, case-insensitive; no nested quantifiers\n"
                "patterns:\n  - re: \"\"\n    weight: 1\n"
            ),
            "unless": "# 匹配任一条则不报告 / stay silent if any of these matches\nunless: []\n",
            "threshold": "threshold: 1\n",
            "max_words": "# length rules only\n# max_words: 1200\n",
            "fix": "# 怎么改 / how to fix it\nfix:\n" + _text(),
        }
    return {}
