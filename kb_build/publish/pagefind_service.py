"""Pagefind's service mode, driven from Python: pages are indexed while MkDocs is still building.

`pagefind_extended --service` reads requests on stdin and answers on stdout; each message is
JSON, base64-encoded and ended by a comma (the protocol of the npm package's lib/service.js,
which this mirrors). The build sends each finished page as MkDocs writes it, so Pagefind
parses and indexes on the second core while MkDocs renders the next pages on the first; at
the end one WriteFiles request writes the bundle.

A writer thread owns stdin (a slow consumer never blocks MkDocs) and a reader thread owns
stdout; the calling thread only queues pages and, at the end, waits.
"""

from __future__ import annotations

import base64
import json
import queue
import subprocess
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

_DONE = object()  # the writer thread's stop signal
# The binary answers every request; WriteFiles on thousands of pages takes seconds, not minutes.
_REPLY_TIMEOUT_S = 600


class PagefindServiceError(RuntimeError):
    pass


def encode(message: dict[str, Any]) -> bytes:
    return base64.b64encode(json.dumps(message, ensure_ascii=False).encode("utf-8")) + b","


def decode(chunk: bytes) -> dict[str, Any]:
    return json.loads(base64.b64decode(chunk))


class PagefindService:
    """One index in one `pagefind_extended --service` process."""

    def __init__(self, binary: Path, config: dict[str, Any], transform: Callable[[str], str] = str) -> None:
        self._transform = transform  # applied to each page's HTML on the writer thread
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 (open as long as the process)
        try:
            self._proc = subprocess.Popen(
                [str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr
            )
        except OSError as exc:
            self._stderr.close()
            raise PagefindServiceError(f"cannot run Pagefind ({binary}): {exc}") from None
        self._next_id = 0
        self._lock = threading.Lock()
        self._replies: dict[int, dict[str, Any]] = {}
        self._arrived = threading.Condition(self._lock)
        self._outbox: queue.Queue[Any] = queue.Queue()
        self._broken: str | None = None
        self.pages = 0
        self._page_ids: list[int] = []
        self._reader = threading.Thread(target=self._read, name="pagefind-reader", daemon=True)
        self._writer = threading.Thread(target=self._write, name="pagefind-writer", daemon=True)
        self._reader.start()
        self._writer.start()
        reply = self._call({"type": "NewIndex", "config": config})
        self._index_id = int(reply["index_id"])

    # -- the two threads -------------------------------------------------------------------

    def _read(self) -> None:
        assert self._proc.stdout is not None
        pending = b""
        while True:
            data = self._proc.stdout.read1(1 << 16)
            if not data:
                break
            *complete, pending = (pending + data).split(b",")
            for chunk in complete:
                try:
                    message = decode(chunk)
                except ValueError:
                    self._fail("Pagefind sent a message that is not base64 JSON")
                    continue
                with self._arrived:
                    self._replies[int(message.get("message_id") or 0)] = message
                    self._arrived.notify_all()
        self._fail("Pagefind stopped")

    def _write(self) -> None:
        assert self._proc.stdin is not None
        while True:
            item = self._outbox.get()
            if item is _DONE:
                return
            if callable(item):  # a page: turned into its message here, off the build's thread
                item = item()
            try:
                self._proc.stdin.write(item)
                self._proc.stdin.flush()
            except (BrokenPipeError, OSError):
                self._fail("Pagefind closed its input")
                return

    def _fail(self, why: str) -> None:
        with self._arrived:
            if self._broken is None:
                self._broken = why
            self._arrived.notify_all()

    # -- requests ----------------------------------------------------------------------------

    def _send(self, payload: dict[str, Any]) -> int:
        with self._lock:
            self._next_id += 1
            message_id = self._next_id
        self._outbox.put(encode({"message_id": message_id, "payload": payload}))
        return message_id

    def _wait(self, message_id: int) -> dict[str, Any]:
        with self._arrived:
            ok = self._arrived.wait_for(lambda: message_id in self._replies or self._broken, _REPLY_TIMEOUT_S)
            reply = self._replies.pop(message_id, None)
        if reply is None:
            raise PagefindServiceError(f"{self._broken or 'no answer from Pagefind'}{self._log()}")
        payload = reply.get("payload") or {}
        if payload.get("type") == "Error" or not ok:
            raise PagefindServiceError(f"Pagefind: {payload.get('message', 'error')}{self._log()}")
        return payload

    def _call(self, payload: dict[str, Any]) -> dict[str, Any]:
        return self._wait(self._send(payload))

    def _log(self) -> str:
        self._stderr.seek(0)
        text = self._stderr.read().decode("utf-8", "replace").strip()
        return f"\n{text[-2000:]}" if text else ""

    def add_page(self, url: str, html: str) -> None:
        """Queue one page (its URL as the site serves it, from the root); returns at once."""
        with self._lock:
            self._next_id += 1
            message_id = self._next_id
        self.pages += 1
        self._page_ids.append(message_id)

        def message() -> bytes:
            page = {"type": "AddFile", "index_id": self._index_id, "url": url, "file_contents": self._transform(html)}
            return encode({"message_id": message_id, "payload": page})

        self._outbox.put(message)

    def write(self, output_path: Path) -> dict[str, Any]:
        """Wait until every queued page is indexed, write the bundle to output_path, stop."""
        try:
            # The service may answer requests out of order: the bundle is written only once
            # every page has been answered, so none is left out.
            errors = []
            for message_id in self._page_ids:
                try:
                    self._wait(message_id)
                except PagefindServiceError as exc:
                    if self._broken:
                        raise
                    errors.append(str(exc))
            if errors:
                raise PagefindServiceError(f"Pagefind refused {len(errors)} page(s): {errors[0]}")
            return self._call({"type": "WriteFiles", "index_id": self._index_id, "output_path": str(output_path)})
        finally:
            self.close()

    def close(self) -> None:
        """Stop the process (idempotent): after write(), or when the build failed."""
        self._outbox.put(_DONE)
        if self._proc.poll() is None:
            try:
                if self._proc.stdin:
                    self._writer.join(timeout=5)
                    self._proc.stdin.close()
                self._proc.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self._proc.kill()
                self._proc.wait()
        self._stderr.close()
