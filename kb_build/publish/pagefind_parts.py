"""One Pagefind process per page language, written as soon as that language's pages are all in.

Pagefind keeps a separate index per `<html lang>` anyway; giving each language its own process
lets the build write the Chinese index (the slow one: ICU segmentation, a large vocabulary) on
the second core while MkDocs is still rendering the English pages, and then merge the bundles,
whose file names never collide (per-language index, filter and meta files, content-hashed
fragments; the shared scripts are the same bytes in each, which merge() checks). Each part's
bundle is also kept in .cache/kb_build/pagefind/<lang>/ under the digest of everything it was
written from, so a language whose pages did not change is copied instead of written again.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from kb_build import build_cache
from kb_build.project import PACKAGE_DIR
from kb_build.publish.pagefind_frames import frame, page_frame
from kb_build.publish.pagefind_service import PagefindServiceError

KEEP_DIR = build_cache.CACHE_DIR / "pagefind"
ENTRY = "pagefind-entry.json"
_LANG = re.compile(rb"<html\b[^>]*?\blang=[\"']?([A-Za-z0-9_-]*)", re.IGNORECASE)
_NAME = re.compile(r"[^a-z0-9_-]")
# The feeder and its Pagefind run at a lower priority: on a 2-core machine they should take the
# core MkDocs leaves, not share MkDocs' own (they inherit it; both cores are theirs at the end).
_NICE = ["nice", "-n", "10"] if shutil.which("nice") else []


def page_language(html: str) -> str:
    """The `<html lang>` Pagefind will file the page under (lower case; '' when there is none)."""
    found = _LANG.search(html[:4096].encode("utf-8", "surrogatepass"))
    return found.group(1).decode("ascii").lower() if found else ""


class Part:
    """The pages of one language, handed to a feeder process (kb_build/publish/pagefind_feeder.py)
    that folds them, feeds its own Pagefind process and writes or reuses the bundle."""

    def __init__(self, lang: str, binary: Path, config: dict[str, Any], context: str, keep_root: Path) -> None:
        self.lang = lang
        self.out = Path(tempfile.mkdtemp(prefix=f"kb-pagefind-{lang or 'unknown'}-"))
        keep = keep_root / KEEP_DIR / (_NAME.sub("_", lang) or "unknown")
        settings = {"binary": str(binary), "config": config, "context": context, "keep": str(keep)}
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PACKAGE_DIR.parent), os.environ.get("PYTHONPATH", "")])}
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 (open as long as the process)
        try:
            self._proc = subprocess.Popen(
                [*_NICE, sys.executable, "-m", "kb_build.publish.pagefind_feeder", json.dumps(settings)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr, env=env,
            )
        except OSError as exc:
            raise PagefindServiceError(f"cannot start the Pagefind feeder: {exc}") from None
        self._outbox: queue.Queue[bytes | None] = queue.Queue()
        self._writer = threading.Thread(target=self._write, name=f"pagefind-feed-{lang}", daemon=True)
        self._writer.start()
        self._broken = False
        self.sealed = False
        self.reused = False
        self.pages = 0

    def _write(self) -> None:
        assert self._proc.stdin is not None
        while (item := self._outbox.get()) is not None:
            try:
                self._proc.stdin.write(item)  # the lock is released while the pipe is written
            except OSError:
                self._broken = True
                return
        try:
            self._proc.stdin.close()
        except OSError:
            self._broken = True

    def add(self, url: str, html: str) -> None:
        self._outbox.put(page_frame(url, html))
        self.pages += 1

    def seal(self) -> None:
        """No more pages: the feeder reuses or writes this language's bundle, beside the build."""
        if not self.sealed:
            self.sealed = True
            self._outbox.put(frame(b"S", json.dumps({"out": str(self.out)}).encode()))
            self._outbox.put(None)

    def wait(self) -> None:
        """Block until the bundle is in self.out; raise PagefindServiceError if it could not be."""
        self.seal()
        self._writer.join()
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline()
        self._proc.wait()
        try:
            result = json.loads(line)
        except ValueError:
            result = {"error": "the Pagefind feeder stopped"}
        if not isinstance(result, dict) or "error" in result or self._broken:
            self._stderr.seek(0)
            log = self._stderr.read().decode("utf-8", "replace").strip()[-2000:]
            why = result.get("error") if isinstance(result, dict) else "no answer"
            where = f"Pagefind ({self.lang or 'unknown'} pages)"
            raise PagefindServiceError(f"{where}: {why}" + (f"\n{log}" if log else ""))
        self.reused = bool(result.get("reused"))

    def discard(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        self._outbox.put(None)
        self._stderr.close()
        shutil.rmtree(self.out, ignore_errors=True)


def merge(parts: list[Part], bundle: Path) -> None:
    """Copy every part's files into bundle/, with one pagefind-entry.json listing every language."""
    entry: dict[str, object] = {}
    languages: dict[str, object] = {}
    bundle.mkdir(parents=True, exist_ok=True)
    for part in parts:
        for path in sorted(p for p in part.out.rglob("*") if p.is_file()):
            rel = path.relative_to(part.out)
            target = bundle / rel
            if rel.as_posix() == ENTRY:
                own = json.loads(path.read_text("utf-8"))
                languages.update(own.get("languages", {}))
                if entry and {**own, "languages": None} != {**entry, "languages": None}:
                    raise PagefindServiceError(f"the {part.lang or 'unknown'} index was written with other settings")
                entry = entry or own
                continue
            if target.exists():
                if target.read_bytes() != path.read_bytes():
                    raise PagefindServiceError(f"two language indexes both wrote {rel.as_posix()}, differently")
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    if entry:
        # Pagefind's own key order and compact form
        merged = {k: (dict(sorted(languages.items())) if k == "languages" else v) for k, v in entry.items()}
        (bundle / ENTRY).write_text(json.dumps(merged, ensure_ascii=False, separators=(",", ":")), "utf-8")
