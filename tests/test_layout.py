"""The package's shape, checked: small modules, no import cycles, MkDocs behind one hook,
and one source for the languages (project.py agrees with mkdocs.yml)."""

from __future__ import annotations

import ast
from pathlib import Path

import yaml

from kb_build import project

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kb_build"
MAX_LINES = 300


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {m for m in _imports(path) if m in modules and m != name} for name, path in modules.items()}


def test_no_module_is_over_300_lines() -> None:
    sources = [*PACKAGE.rglob("*.py"), *(ROOT / "docs" / "javascripts").rglob("*.js")]
    lines = {p.relative_to(ROOT).as_posix(): len(p.read_text("utf-8").splitlines()) for p in sources}
    long = {path: n for path, n in lines.items() if n > MAX_LINES}
    assert long == {}


def test_no_import_cycles() -> None:
    graph = _graph()
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                raise AssertionError("import cycle: " + " -> ".join([*stack[stack.index(nxt):], nxt]))
            if nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])


def test_only_the_hook_imports_mkdocs() -> None:
    importers = {
        _module_name(p) for p in PACKAGE.rglob("*.py") if any(m.split(".")[0] == "mkdocs" for m in _imports(p))
    }
    assert importers == {"kb_build.mkdocs_hook"}


def test_languages_match_mkdocs_yml() -> None:
    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !ENV, !!python/...: not needed here
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=_Loader)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    locales = [lang["locale"] for lang in i18n["languages"]]
    default = next(lang["locale"] for lang in i18n["languages"] if lang.get("default"))
    assert tuple(locales) == project.LANGS
    assert default == project.DEFAULT_LANG
