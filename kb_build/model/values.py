"""Value types shared by the models: strict numbers and booleans, real dates, parsed https URLs.

Numbers are never read from booleans or text, booleans never from numbers, and dates only from
real `YYYY-MM-DD` text (`added: 0` is not 1970-01-01). URLs are parsed with urllib.parse and
stored re-serialised, so the value every output uses is the checked one.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any
from urllib.parse import urlsplit, urlunsplit

from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

# Plausible dates: nothing in this knowledge base predates Amazon's seller programmes (1990 for
# when an entry was written or a source read; 1980 for court cases and trademarks), and nothing
# is dated past 2100. "Not in the future" depends on today and is checked in kb_build.check.
MIN_DATE = dt.date(1990, 1, 1)
MIN_EVENT_DATE = dt.date(1980, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _got(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"{value[:40]!r}"
    return "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else "nothing"


def _iso_date(value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("KB014", "{value} is not a real calendar day", {"value": value}) from None
    raise PydanticCustomError("KB014", "must be a date written YYYY-MM-DD, not {got}", {"got": _got(value)})


def _date_range(low: dt.date) -> AfterValidator:
    def check(value: dt.date) -> dt.date:
        if not low <= value <= MAX_DATE:
            raise PydanticCustomError(
                "KB022",
                "date {value} is outside {low} .. {high}",
                {"value": str(value), "low": str(low), "high": str(MAX_DATE)},
            )
        return value

    return AfterValidator(check)


Date = Annotated[dt.date, BeforeValidator(_iso_date), _date_range(MIN_DATE)]
EventDate = Annotated[dt.date, BeforeValidator(_iso_date), _date_range(MIN_EVENT_DATE)]


def Int(low: int, high: int, **kwargs: Any) -> Any:
    """A whole number in low..high, never read from true/false, text or a float."""
    return Field(strict=True, ge=low, le=high, **kwargs)


def Bool(**kwargs: Any) -> Any:
    """true or false, never 0/1 or text."""
    return Field(strict=True, **kwargs)


# ---- URLs ----

# Characters a URL never holds unencoded (RFC 3986), plus every control and space character.
_URL_BAD = re.compile(r"[\s\x00-\x1f\x7f-\x9f\"<>\\^`{|}\[\]\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_LABEL = re.compile(r"(?!-)[a-z0-9_-]{1,63}(?<!-)")


def _bad_url(message: str, url: str, hint: str = "") -> PydanticCustomError:
    context = {"url": url[:80], **({"hint": hint} if hint else {})}
    return PydanticCustomError("KB019", message + " ({url})", context)


def _ascii_host(host: str, url: str) -> str:
    try:
        ascii_host = host.encode("idna").decode("ascii").lower() if not host.isascii() else host.lower()
    except UnicodeError:
        raise _bad_url("the host is not a valid domain name", url) from None
    labels = ascii_host.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels) or labels[-1].isdigit():
        raise _bad_url("the host is not a domain name such as sellercentral.amazon.com", url)
    return ascii_host


def check_url(value: str) -> str:
    """An https URL with a real host and nothing that could change where it goes; re-serialised."""
    bad = _URL_BAD.search(value)
    if bad:
        raise _bad_url(
            f"the link contains {bad.group(0)!r}", value, "copy the link again, or percent-encode it (space = %20)"
        )
    parts = urlsplit(value)
    if parts.scheme.lower() != "https" or not value.lower().startswith("https://"):
        raise _bad_url("the link must start with https://", value)
    if "@" in parts.netloc:
        raise _bad_url(
            "the link has a user name before '@', so it goes to the host after it", value, "link to the real host"
        )
    if not parts.hostname:
        raise _bad_url("the link has no host", value)
    try:
        port = parts.port
    except ValueError:
        raise _bad_url("the link has an invalid port", value) from None
    if port == 0 or (port is None and parts.netloc.endswith(":")):
        raise _bad_url("the link has an invalid port", value)
    host = _ascii_host(parts.hostname, value)
    netloc = host if port is None else f"{host}:{port}"
    return urlunsplit(("https", netloc, parts.path, parts.query, parts.fragment))


Url = Annotated[str, Field(max_length=2000), AfterValidator(check_url)]
