"""Which files under data/ are entries, and a problem for everything else.

Nothing under data/ is skipped silently: a subfolder, a symlink (never followed, so a link to a
file outside the repository is never read), a hidden or odd file name (a newline, a byte that is
not UTF-8, capitals), a file outside the collection folders — each is a KB016/KB025 problem.
Allowed besides entries: data/vocab.yml, data/jieba_user.txt and README files.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from kb_build.model.entries import COLLECTIONS, ID_PATTERN

TOP_LEVEL_FILES = frozenset({"vocab.yml", "jieba_user.txt"})
_README = re.compile(r"README(\.[a-z]{2})?(\.(md|txt))?", re.I)


@dataclass(frozen=True)
class FileProblem:
    path: Path
    code: str
    message: str
    hint: str = ""


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    try:
        return sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return []


def _kind(entry: os.DirEntry[str]) -> str:
    try:
        if entry.is_symlink():
            return "symlink"
        if entry.is_dir(follow_symlinks=False):
            return "dir"
        if entry.is_file(follow_symlinks=False):
            return "file"
    except OSError:
        pass
    return "other"


def check_name(path: Path) -> FileProblem | None:
    """A problem if `path`'s name cannot be an entry file ('<kebab-case id>.yml')."""
    if path.suffix != ".yml":
        return FileProblem(path, "KB016", f"file name must end in .yml, not '{path.suffix}'",
                           "rename it to '<id>.yml'" if path.suffix in (".yaml", ".YML") else "")
    if not re.match(ID_PATTERN, path.stem) or len(path.stem) > 80:
        return FileProblem(
            path,
            "KB016",
            f"file name '{path.name}' is not '<id>.yml' with a lowercase kebab-case id",
            "rename it: lowercase letters, digits and single hyphens, e.g. 'crocs-jibbitz-charms.yml'",
        )
    return None


_LINK = FileProblem(Path(), "KB025", "symbolic links are not followed",
                    "replace the link with the file itself (a link could point outside the repository)")


def _collection(folder: Path, problems: list[FileProblem]) -> list[Path]:
    files = []
    for entry in _entries(folder):
        path = Path(entry.path)
        kind = _kind(entry)
        if kind == "symlink":
            problems.append(FileProblem(path, _LINK.code, _LINK.message, _LINK.hint))
        elif kind == "dir":
            problems.append(FileProblem(path, "KB025", f"subfolder '{entry.name}' is not read",
                                        f"move its entries up into {folder.name}/ (one level only)"))
        elif kind != "file":
            problems.append(FileProblem(path, "KB025", "not a regular file", "delete it"))
        elif _README.fullmatch(entry.name):
            continue
        elif (problem := check_name(path)) is not None:
            problems.append(problem)
        else:
            files.append(path)
    return files


def walk(data_dir: Path) -> tuple[list[Path], list[FileProblem]]:
    """(entry files in collection order, problems with everything else under data_dir)."""
    problems: list[FileProblem] = []
    found: dict[str, list[Path]] = {}
    for entry in _entries(data_dir):
        path = Path(entry.path)
        kind = _kind(entry)
        if kind == "symlink":
            problems.append(FileProblem(path, _LINK.code, _LINK.message, _LINK.hint))
        elif kind == "dir" and entry.name in COLLECTIONS:
            found[entry.name] = _collection(path, problems)
        elif kind == "dir":
            problems.append(FileProblem(path, "KB025", f"folder '{entry.name}' is not a collection",
                                        f"collections are: {', '.join(COLLECTIONS)}"))
        elif kind == "file" and (entry.name in TOP_LEVEL_FILES or _README.fullmatch(entry.name)):
            continue
        else:
            problems.append(FileProblem(path, "KB025", "file is not part of the knowledge base",
                                        "entries go in data/<collection>/<id>.yml; move or delete it"))
    files = [p for c in COLLECTIONS for p in found.get(c, [])]
    return files, problems
