"""What is specific to ``pdftotext -layout`` text of a printed Form 3, 4 or 5: which table column each
word of a line belongs to.

pdftotext lays out each line on its own: a word's character column is its x on the page scaled to a
character grid, pushed right when the words before it on that line take more room than their share. So
the words of one table column do not line up with its heading (the heading lines, full of long labels,
are pushed further than the data lines), and two neighbouring cells are sometimes one space apart
(``$ 0 2,368``: a price and the amount owned after it). Cutting columns at fixed edges then splits and
merges cells. Here each line is read as a whole instead: its words are given to the table's columns left
to right (never out of order) by dynamic programming over a cost that adds

- how far a word's centre lies outside its column's span (the spans come from the heading lines);
- whether the word's type fits the column (spec.md section 5, the stylesheets' display rules: dates
  ``MM/DD/YYYY`` in the date columns, one letter in "Code", "V", "(A) or (D)" and "Ownership Form",
  numbers and ``$`` in the amount and price columns, footnote markers ``(N)`` anywhere);
- that a typed cell holds one value per line (a second number goes to the next column);
- that words one space apart are one cell, unless their types say otherwise.

Pure: words in, columns out. Words are anything with ``x0``, ``x1`` (character columns) and ``text``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

__all__ = ["LayoutWord", "assign_columns", "column_kind"]


class LayoutWord(Protocol):
    """A word of layout text: its first and one-past-last character column, and its text."""

    @property
    def x0(self) -> float: ...

    @property
    def x1(self) -> float: ...

    @property
    def text(self) -> str: ...


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

_MARKER = re.compile(r"\(\d{1,3}\)")
_DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{4}")
_NUMBER = re.compile(r"\$?-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?|\$?-?\.\d+")
# Transaction codes (Form 4 General Instruction 8) are one letter; an equity swap adds "/K" or "(K)".
_LETTER = re.compile(r"[A-Z](/K|\(K\))?")

_FAR = 1000.0  # a word that cannot be in a column
_OTHER_IN_TYPED = 30.0  # text in a typed column: only when nothing else fits
_TYPED_IN_TEXT = 4.0  # a date or number in a free-text column (titles can hold numbers)
_LETTER_IN_TEXT = 5.0  # one capital letter in a free-text column ("Class A" keeps it by its neighbour)
_SPLIT = 2.5  # words one space apart given to two columns


def column_kind(name: str) -> str:
    """The kind of a table column by its reader name: text, date, code, v, ad, direct or number."""
    return _KINDS.get(name, "number")


def _word_type(text: str) -> str:
    if _MARKER.fullmatch(text):
        return "marker"
    if text == "$":
        return "dollar"
    if _DATE.fullmatch(text):
        return "date"
    if _NUMBER.fullmatch(text):
        return "number"
    if _LETTER.fullmatch(text):
        return "letter"
    return "other"


def _fit(kind: str, wtype: str, text: str) -> float:
    """The cost of a word of type ``wtype`` in a column of ``kind`` (0: it fits)."""
    if wtype == "marker":
        return 0.0
    if kind == "text":
        return {"letter": _LETTER_IN_TEXT, "date": _TYPED_IN_TEXT, "number": _TYPED_IN_TEXT}.get(wtype, 0.0)
    if wtype == "other":
        return _OTHER_IN_TYPED
    if kind == "number":
        return 0.0 if wtype in ("number", "dollar") else _FAR
    if kind == "date":
        return 0.0 if wtype == "date" else _FAR
    if wtype != "letter":
        return _FAR
    letter = text[0]
    ok = {
        "code": True,
        "v": letter == "V" and len(text) == 1,
        "ad": letter in "AD" and len(text) == 1,
        "direct": letter in "DI" and len(text) == 1,
    }[kind]
    return 0.0 if ok else _FAR


def assign_columns(words: Sequence[LayoutWord], names: Sequence[str], starts: Sequence[float]) -> list[str]:
    """The column name of each word of one line (``words`` left to right), given the table's columns
    ``names`` and their left edges ``starts`` (ascending, from the heading), by the least total cost
    over assignments that keep the columns' order (module docstring)."""
    n, k = len(words), len(names)
    if n == 0 or k == 0:
        return []
    kinds = [column_kind(name) for name in names]
    rights = [*starts[1:], float("inf")]
    types = [_word_type(w.text) for w in words]
    inf = float("inf")
    # state: (column, whether that column already holds a value on this line)
    best: list[list[list[float]]] = [[[inf, inf] for _ in range(k)] for _ in range(n)]
    back: list[list[list[tuple[int, int]]]] = [[[(-1, 0), (-1, 0)] for _ in range(k)] for _ in range(n)]
    for i, word in enumerate(words):
        wtype = types[i]
        centre = (word.x0 + word.x1) / 2
        holds_value = wtype not in ("marker", "dollar")
        after_dollar = i > 0 and types[i - 1] == "dollar"
        # a new cell after the word before: words one space apart are one cell; "$" is its number's
        step = (_SPLIT if i > 0 and word.x0 - words[i - 1].x1 <= 1.0 else 0.0) + (
            _FAR / 2 if after_dollar else 0.0
        )
        running, running_at = inf, (-1, 0)  # the cheapest state in a column left of c
        for c in range(k):
            if i > 0 and c > 0:
                for filled in (0, 1):
                    if best[i - 1][c - 1][filled] < running:
                        running, running_at = best[i - 1][c - 1][filled], (c - 1, filled)
            place = max(0.0, starts[c] - centre, centre - rights[c])
            own = place + _fit(kinds[c], wtype, word.text)
            if own >= _FAR:
                continue
            if i == 0:
                best[0][c][int(holds_value)] = own
                continue
            state = int(holds_value)
            if running + step + own < best[i][c][state]:
                best[i][c][state] = running + step + own
                back[i][c][state] = running_at
            for filled in (0, 1):  # the same cell as the word before
                prev = best[i - 1][c][filled]
                if prev == inf or (holds_value and filled and kinds[c] != "text"):
                    continue  # a typed cell holds one value per line
                cost = prev + own + (_SPLIT if after_dollar and wtype not in ("number", "marker") else 0.0)
                state = int(bool(filled) or holds_value)
                if cost < best[i][c][state]:
                    best[i][c][state] = cost
                    back[i][c][state] = (c, filled)
    last = [(best[n - 1][c][s], c, s) for c in range(k) for s in (0, 1)]
    cost, c, s = min(last)
    if cost == inf:  # nothing fits (noise): fall back to the nearest span
        return [_nearest(w, starts, names) for w in words]
    out = [""] * n
    for i in range(n - 1, -1, -1):
        out[i] = names[c]
        c, s = back[i][c][s]
    return out


def _nearest(word: LayoutWord, starts: Sequence[float], names: Sequence[str]) -> str:
    centre = (word.x0 + word.x1) / 2
    at = 0
    for j, x in enumerate(starts):
        if centre >= x:
            at = j
    return names[at]
