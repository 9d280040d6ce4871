"""Export JSON Schema files for editors (yaml-language-server) from the models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kb_build.model.entries import MODELS
from kb_build.model.vocab import Vocab

SCHEMA_DIR = "schemas"


def _inject_vocab(node: Any, vocab: Vocab | None) -> None:
    """Replace `x-vocab` markers with the allowed values from data/vocab.yml."""
    if isinstance(node, dict):
        name = node.pop("x-vocab", None)
        if name and vocab is not None:
            values = sorted(getattr(vocab, name))
            if node.get("type") == "array":
                node.setdefault("items", {})["enum"] = values
            elif "anyOf" in node:
                for option in node["anyOf"]:
                    if option.get("type") == "string":
                        option["enum"] = values
            else:
                node["enum"] = values
        for value in node.values():
            _inject_vocab(value, vocab)
    elif isinstance(node, list):
        for value in node:
            _inject_vocab(value, vocab)


def schemas(vocab: Vocab | None) -> dict[str, str]:
    """File name -> JSON text for every collection plus the vocabulary."""
    out: dict[str, str] = {}
    for name, model in {**MODELS, "vocab": Vocab}.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"{name}.schema.json"
        _inject_vocab(schema, vocab)
        out[f"{name}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return out


def write_schemas(root: Path, vocab: Vocab | None) -> list[Path]:
    """Write the schema files; return those that changed."""
    folder = root / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    changed = []
    for name, text in schemas(vocab).items():
        path = folder / name
        if not path.exists() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8")
            changed.append(path)
    return changed
