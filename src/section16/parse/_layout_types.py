"""What a word of a ``pdftotext -layout`` table line is, and what it costs in a column of each kind: the
costs that :mod:`section16.parse._layout_columns` adds up when it gives a line's words to columns.

A table column of the view prints one kind of value (spec.md section 5, the stylesheets' display rules):
free text, a date ``MM/DD/YYYY``, one code letter, "V", "A"/"D", "D"/"I", or a number (``$`` for
money); footnote markers ``(N)`` go anywhere. A word whose type does not fit a column's kind costs
more there, or cannot be there at all.

Pure: words in, costs out. Words are anything with ``x0``, ``x1`` (character columns) and ``text``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Protocol

__all__ = [
    "AMOUNT_IN_TEXT",
    "DATE",
    "FAR",
    "MARKER",
    "VALUE_TYPES",
    "LayoutWord",
    "column_kind",
    "table_kinds",
    "word_fits",
    "word_type",
]


class LayoutWord(Protocol):
    """A word of layout text: its first and one-past-last character column, and its text."""

    @property
    def x0(self) -> float: ...

    @property
    def x1(self) -> float: ...

    @property
    def text(self) -> str: ...

    @property
    def top(self) -> float: ...


# What each table column of the view prints (spec.md section 5; Form 4 General Instructions, Tables I
# and II): free text, a date, one code letter, "V", "A"/"D", "D"/"I", or a number (``$`` for money).
_KINDS = {
    "title": "text",
    "nature": "text",
    "underlying_title": "text",
    "date": "date",
    "deemed": "date",
    "exercisable": "date",
    "expiration": "date",
    "code": "code",
    "v": "v",
    "ad": "ad",
    "direct": "direct",
}

MARKER = re.compile(r"(\(\d{1,3}\))+")  # "(1)" or several glued: "(1)(2)"
DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{4}")
_NUMBER = re.compile(r"\$?-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?|\$?-?\.\d+")
# Transaction codes (Form 4 General Instruction 8) are one letter; an equity swap adds "/K" or "(K)".
_LETTER = re.compile(r"[A-Z](/K|\(K\))?")

FAR = 1000.0  # a word that cannot be in a column
_OTHER_IN_TYPED = 30.0  # text in a typed column: only when nothing else fits
_TYPED_IN_TEXT = 4.0  # a bare number in a free-text column (titles and natures can hold "2010")
_DATE_IN_TEXT = 20.0  # a date as the view prints it: the date columns' (titles hold none)
# "13,031,306" or "186.00": an amount with thousands separators, or a number with decimals and no "$",
# is never part of a title (titles hold whole numbers, "Series 4", and "$0.0001" par values)
AMOUNT_IN_TEXT = 60.0
_LETTER_IN_TEXT = 5.0  # one capital letter in a free-text column ("Class A" keeps it by its neighbour)
_DOLLAR_IN_TEXT = 10.0  # "$" opens a money cell; titles do not hold one


@lru_cache(maxsize=64)
def table_kinds(names: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """The kinds of a table's columns, and which of them are free text."""
    kinds = tuple(column_kind(name) for name in names)
    return kinds, tuple(kind == "text" for kind in kinds)


def column_kind(name: str) -> str:
    """The kind of a table column by its reader name: text, date, code, v, ad, direct or number."""
    return _KINDS.get(name, "number")


_TRAILING_MARKERS = re.compile(r"(\(\d{1,3}\))+$")


@lru_cache(maxsize=4096)
def word_type(text: str) -> str:
    """What a word of a table line is: marker, dollar, date, number, letter or other."""
    if MARKER.fullmatch(text):
        return "marker"
    text = _TRAILING_MARKERS.sub("", text) or text  # "02/01/2020(2)": a value and its marker
    if text == "$":
        return "dollar"
    if DATE.fullmatch(text):
        return "date"
    if _NUMBER.fullmatch(text):
        return "number"
    if _LETTER.fullmatch(text):
        return "letter"
    return "other"


@lru_cache(maxsize=16384)
def _fit(kind: str, wtype: str, text: str) -> float:
    """The cost of a word of type ``wtype`` in a column of ``kind`` (0: it fits)."""
    if wtype == "marker":
        return 0.0
    if kind == "text":
        if wtype == "number" and ("," in text or ("." in text and "$" not in text)):
            return AMOUNT_IN_TEXT
        return {
            "letter": _LETTER_IN_TEXT,
            "date": _DATE_IN_TEXT,
            "number": _TYPED_IN_TEXT,
            "dollar": _DOLLAR_IN_TEXT,
        }.get(wtype, 0.0)
    if wtype == "other":
        return _OTHER_IN_TYPED
    if kind == "number":
        return 0.0 if wtype in ("number", "dollar") else FAR
    if kind == "date":
        return 0.0 if wtype == "date" else FAR
    if wtype != "letter":
        return FAR
    bare = _TRAILING_MARKERS.sub("", text) or text
    letter = bare[0]
    ok = {
        "code": True,
        "v": letter == "V" and len(bare) == 1,
        "ad": letter in "AD" and len(bare) == 1,
        "direct": letter in "DI" and len(bare) == 1,
    }[kind]
    return 0.0 if ok else FAR


@lru_cache(maxsize=16384)
def word_fits(kinds: tuple[str, ...], wtype: str, text: str) -> tuple[float, ...]:
    """:func:`_fit` of a word in each column of a table (most words recur: markers, codes, "$")."""
    return tuple(_fit(kind, wtype, text) for kind in kinds)


VALUE_TYPES = frozenset({"number", "date", "letter"})
