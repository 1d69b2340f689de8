"""Reading the text of one XML leaf as its type, once, at the edge: decimals, dates, booleans, codes and
strings, with the quirks of real filings (thousands separators, zone suffixes on dates, booleans spelled
every way, entities escaped twice). Downstream code never re-parses strings.

Each reader returns the typed value, or ``None`` when the text cannot be read as that type; the caller
keeps such text in ``OwnershipDocument.unparsed``.
"""

from __future__ import annotations

import html
import re
from datetime import date
from decimal import Decimal, InvalidOperation

from section16.model.text import ENTITY_REFERENCE

__all__ = ["clean_text", "read_bool", "read_date", "read_decimal", "unescape_twice"]

_NUMBER_NOISE = re.compile(r"[,\s$]")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?")
_TRUE = frozenset({"1", "true", "yes", "y", "x", "t"})
_FALSE = frozenset({"0", "false", "no", "n", "f"})


def unescape_twice(text: str) -> str:
    """Undo a second level of escaping (``PG&amp;amp;E`` in the bytes is ``PG&amp;E`` after the XML
    parser; the filer meant ``PG&E``)."""
    if "&" in text and ENTITY_REFERENCE.search(text):
        return html.unescape(text)
    return text


def clean_text(text: str | None) -> str | None:
    """A string leaf: padding white space removed, a second level of escaping undone; None when empty."""
    if text is None:
        return None
    text = text.strip()
    if not text:
        return None
    return unescape_twice(text)


def read_decimal(text: str) -> Decimal | None:
    """``"47,856"`` -> ``Decimal("47856")``; ``"$12.50"`` -> ``Decimal("12.50")``; words -> None."""
    try:
        number = Decimal(text)
    except InvalidOperation:
        cleaned = _NUMBER_NOISE.sub("", text)
        if not cleaned:
            return None
        try:
            number = Decimal(cleaned)
        except InvalidOperation:
            return None
    if not number.is_finite():
        return None
    return number


def read_date(text: str) -> date | None:
    """``"2023-12-08"``, also with a zone suffix (``"2021-09-30-05:00"``); anything else -> None."""
    if len(text) == 10:
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    match = _DATE.fullmatch(text)
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def read_bool(text: str) -> bool | None:
    """``0``/``1``/``true``/``false`` (any case; also yes/no, Y/N, X) -> bool; anything else -> None."""
    low = text.lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    return None
