"""What the build's caches share: where they live, what invalidates all of them, how they are saved.

The caches (.cache/kb_build/, git-ignored) only save time. Each file records a context (this
kb_build's code and templates, and whatever else its owner names); a file written under another
context, or one that cannot be read, is ignored, never trusted. Files are replaced atomically,
so a build killed half-way leaves the previous file.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from kb_build.project import PACKAGE_DIR

CACHE_DIR = Path(".cache") / "kb_build"


def sha(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


@cache
def code_digest() -> str:
    """kb_build's own code and templates: a change to any of them empties every cache."""
    h = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.suffix in (".py", ".j2") and "__pycache__" not in path.parts:
            h.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def read(file: Path, context: str) -> dict[str, Any]:
    """The cached records in `file` if it was written under `context`, else nothing."""
    try:
        saved = json.loads(file.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(saved, dict) or saved.get("context") != context:
        return {}
    records = saved.get("records")
    return records if isinstance(records, dict) else {}


def library_versions(names: tuple[str, ...]) -> list[str]:
    """'name==version' for each distribution whose output a cache holds ('==?' if not installed)."""
    versions = []
    for name in names:
        try:
            versions.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}==?")
    return versions


def context(fmt: int, libraries: tuple[str, ...], *inputs: str) -> str:
    """The context a cache file is written under: its format, kb_build's code, the libraries whose
    output it holds and the owner's own inputs."""
    return sha("\0".join([str(fmt), code_digest(), *library_versions(libraries), *inputs]))


def write_json(file: Path, obj: Any) -> None:
    """Replace file with obj as JSON, atomically; a cache that cannot be written is skipped (the
    next build is slower, not wrong)."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp = file.with_name(f"{file.name}.{os.getpid()}.tmp")
        try:
            data = json.dumps(obj, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate from a YAML escape: JSON's \u form keeps it
            data = json.dumps(obj).encode("ascii")
        tmp.write_bytes(data)
        tmp.replace(file)
    except (OSError, ValueError):
        pass


def write(file: Path, context: str, records: dict[str, Any]) -> None:
    """Save records under context (read() gives them back while the context is the same)."""
    write_json(file, {"context": context, "records": records})
