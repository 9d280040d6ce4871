"""The frames the build writes to a Pagefind feeder (kb_build/publish/pagefind_feeder.py).

Kept apart from the feeder so that importing kb_build.publish does not import the module that
`python -m` then runs as a program.
"""

from __future__ import annotations

import struct

HEADER = struct.Struct(">IB")
URL_LEN = struct.Struct(">I")


def frame(kind: bytes, body: bytes) -> bytes:
    return HEADER.pack(len(body), kind[0]) + body


def page_frame(url: str, html: str) -> bytes:
    raw_url = url.encode("utf-8", "surrogatepass")
    return frame(b"P", URL_LEN.pack(len(raw_url)) + raw_url + html.encode("utf-8", "surrogatepass"))
