"""The process that feeds one language's pages to Pagefind, so the build's own process does not.

Folding a page (NFKC), encoding it for Pagefind's protocol and hashing it take about a
millisecond of Python per page; in the build's process that time would be taken from MkDocs
(one interpreter lock). The build writes raw pages to this process's stdin instead:

    frame   = length (4 bytes, big-endian) + kind (1 byte) + body
    'P'     page: url length (4 bytes) + url + HTML, all UTF-8
    'S'     seal: no more pages; body = JSON {"out": dir}

On 'S' it takes the kept bundle if it was written from the same pages (kb_build/publish/
pagefind_parts.py says how), or has Pagefind write one, and answers one JSON line on stdout:
{"pages": n, "reused": bool} or {"error": "..."}. Started as
`python -m kb_build.publish.pagefind_feeder` with JSON settings as its one argument.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path
from typing import Any, BinaryIO

from kb_build.publish.nfkc import fold
from kb_build.publish.pagefind_frames import HEADER, URL_LEN
from kb_build.publish.pagefind_service import PagefindService, PagefindServiceError


def _read_exact(stream: BinaryIO, n: int) -> bytes:
    data = stream.read(n)
    if len(data) != n:
        raise EOFError
    return data


def _seal(service: PagefindService, fed: Any, keep: Path, out: Path) -> dict[str, Any]:
    key = fed.hexdigest()
    try:
        if (keep / "KEY").read_text("utf-8").strip() == key:
            shutil.copytree(keep / "bundle", out, dirs_exist_ok=True)
            service.close()
            return {"pages": service.pages, "reused": True}
    except OSError:  # nothing kept, or another build is replacing it
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True, exist_ok=True)
    service.write(out)
    try:
        shutil.rmtree(keep, ignore_errors=True)
        shutil.copytree(out, keep / "bundle")
        (keep / "KEY").write_text(key + "\n", "utf-8")  # last: a half copy is never used
    except OSError:
        shutil.rmtree(keep, ignore_errors=True)
    return {"pages": service.pages, "reused": False}


def serve(settings: dict[str, Any], stdin: BinaryIO, stdout: BinaryIO) -> None:
    fed = hashlib.sha256(str(settings["context"]).encode())
    service: PagefindService | None = None
    try:
        service = PagefindService(Path(settings["binary"]), settings["config"], transform=fold)
        while True:
            size, kind = HEADER.unpack(_read_exact(stdin, HEADER.size))
            body = _read_exact(stdin, size)
            if kind == ord("P"):
                (url_len,) = URL_LEN.unpack_from(body)
                url = body[4 : 4 + url_len].decode("utf-8", "surrogatepass")
                html = body[4 + url_len :].decode("utf-8", "surrogatepass")
                service.add_page(url, html)
                fed.update(f"{len(url)}:{url}{len(html)}:".encode() + body[4 + url_len :])
            elif kind == ord("S"):
                result = _seal(service, fed, Path(settings["keep"]), Path(json.loads(body)["out"]))
                stdout.write(json.dumps(result).encode() + b"\n")
                stdout.flush()
                return
    except (PagefindServiceError, OSError, ValueError, EOFError) as exc:
        if service is not None:
            service.close()
        stdout.write(json.dumps({"error": str(exc) or type(exc).__name__}).encode() + b"\n")
        stdout.flush()


if __name__ == "__main__":
    serve(json.loads(sys.argv[1]), sys.stdin.buffer, sys.stdout.buffer)
