"""Shared fixtures: the project root, one strict build of the real site, and a local server for it."""

from __future__ import annotations

import contextlib
import functools
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import tests.clock  # noqa: F401  (freezes KB_TODAY before anything reads the date)
from tests.browser_launch import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent


def mkdocs_env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def builder() -> str:
    """The engine the build tests use: MkDocs (default) or ProperDocs."""
    name = os.environ.get("KB_BUILDER", "mkdocs")
    if name not in ("mkdocs", "properdocs"):
        raise pytest.UsageError(f"KB_BUILDER must be 'mkdocs' or 'properdocs', not {name!r}")
    return name


def build_site(
    project: Path, dest: Path, *, strict: bool = True, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build` for `project` into `dest` (a subprocess, as a maintainer would).

    KB_BUILDER=properdocs builds with ProperDocs instead (`make properdocs`)."""
    return subprocess.run(
        [sys.executable, "-m", builder(), "build", "--strict" if strict else "--no-strict", "-q", "-d", str(dest)],
        cwd=project,
        env={**mkdocs_env(), **(env or {})},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the real site once per test session with --strict."""
    site = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, site)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return site


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 (a random free port); yields the base URL without a slash."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Serve the built site on 127.0.0.1 (a random free port)."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """pytest-playwright: always Debian's Chromium, never a downloaded browser."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}
