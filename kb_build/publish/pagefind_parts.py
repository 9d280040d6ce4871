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

import hashlib
import json
import re
import shutil
import tempfile
import threading
from pathlib import Path

from kb_build import build_cache
from kb_build.publish.pagefind_service import PagefindService, PagefindServiceError

KEEP_DIR = build_cache.CACHE_DIR / "pagefind"
ENTRY = "pagefind-entry.json"
_LANG = re.compile(rb"<html\b[^>]*?\blang=[\"']?([A-Za-z0-9_-]*)", re.IGNORECASE)
_NAME = re.compile(r"[^a-z0-9_-]")


def page_language(html: str) -> str:
    """The `<html lang>` Pagefind will file the page under (lower case; '' when there is none)."""
    found = _LANG.search(html[:4096].encode("utf-8", "surrogatepass"))
    return found.group(1).decode("ascii").lower() if found else ""


class Part:
    """The pages of one language: a Pagefind process, the digest of what it was fed, its bundle."""

    def __init__(self, lang: str, service: PagefindService, context: str, keep_root: Path) -> None:
        self.lang, self.service = lang, service
        self.keep = keep_root / KEEP_DIR / (_NAME.sub("_", lang) or "unknown")
        self.fed = hashlib.sha256(context.encode())
        self.out = Path(tempfile.mkdtemp(prefix=f"kb-pagefind-{lang or 'unknown'}-"))
        self.sealed = False
        self.reused = False
        self._thread: threading.Thread | None = None
        self._error: str | None = None

    def add(self, url: str, html: str) -> None:
        self.service.add_page(url, html)
        self.fed.update(f"{len(url)}:{url}{len(html)}:".encode() + html.encode("utf-8", "surrogatepass"))

    def seal(self) -> None:
        """No more pages: take the kept bundle if it was written from the same pages, else write."""
        if self.sealed:
            return
        self.sealed = True
        key = self.fed.hexdigest()
        try:
            if (self.keep / "KEY").read_text("utf-8").strip() == key:
                shutil.copytree(self.keep / "bundle", self.out, dirs_exist_ok=True)
                self.reused = True
                self.service.close()
                return
        except OSError:  # nothing kept, or another build is replacing it
            shutil.rmtree(self.out, ignore_errors=True)
            self.out.mkdir(parents=True, exist_ok=True)
        self._thread = threading.Thread(target=self._write, args=(key,), name=f"pagefind-write-{self.lang}")
        self._thread.start()

    def _write(self, key: str) -> None:
        try:
            self.service.write(self.out)
        except PagefindServiceError as exc:
            self._error = str(exc)
            return
        try:
            shutil.rmtree(self.keep, ignore_errors=True)
            shutil.copytree(self.out, self.keep / "bundle")
            (self.keep / "KEY").write_text(key + "\n", "utf-8")  # last: a half copy is never used
        except OSError:
            shutil.rmtree(self.keep, ignore_errors=True)

    def wait(self) -> None:
        """Block until the bundle is in self.out; raise PagefindServiceError if Pagefind failed."""
        self.seal()
        if self._thread is not None:
            self._thread.join()
        if self._error:
            raise PagefindServiceError(self._error)

    def discard(self) -> None:
        self.service.close()
        if self._thread is not None:
            self._thread.join()
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
