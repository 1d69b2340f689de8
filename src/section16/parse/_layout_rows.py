"""What is specific to ``pdftotext -layout`` text of a printed Form 3, 4 or 5: which table row each word
belongs to, once :mod:`section16.parse._layout_text` has given it a column.

The view centres every cell of a row vertically (spec.md section 5), and pdftotext prints each line on
its own baseline: a row's one-line cells (the "Ownership Form" letter, the amounts) share a line, its
wrapped cells (titles, natures of ownership) spread over lines above and below it, and often lie two or
three lines off. So rows are bands of whole lines chosen together (:func:`row_of_words`), and a typed
cell left with two values gives one to an empty neighbour of its kind (:func:`spill_values`).

Pure: placed words in, rows out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from section16.parse._layout_text import (
    MARKER,
    VALUE_TYPES,
    LayoutWord,
    column_kind,
    word_type,
)

__all__ = ["row_of_words", "spill_values"]

_W = TypeVar("_W", bound=LayoutWord)

_CELL_GAP = 3  # lines: a cell's wrapped lines are at most this far apart (other cells' lines between)
_SECOND_BLOCK = 2.0  # a column with two cells in one row
_SECOND_VALUE = 2.0  # a typed column with two values in one row
_CENTRING = 2.0  # per line a tall free-text cell's middle lies off its row's title
_TALL = 1  # lines from a free-text cell's first to its last for its centring to count (wrapped cells)
_OFF_ANCHOR = 2.0  # per line a one-line free-text cell lies off its row's anchor line


def row_of_words(placed: Sequence[tuple[str, LayoutWord]], anchors: Sequence[float]) -> list[int]:
    """The row of each placed word (column, word) of a table's body, given one anchor per row (the
    line of its single-line "Ownership Form" cell, top to bottom).

    Every row is a band of whole lines, and rows follow one another, so what is chosen is where each
    band ends, between its anchor and the next (dynamic programming). A line costs its distance from
    its row's anchor (the anchor is near the row's middle, cells being centred), and a row that holds
    two cells of one column (two stretches of its lines more than :data:`_CELL_GAP` apart) costs
    :data:`_SECOND_BLOCK` each: pdftotext often prints a row's single-line cells a few lines below its
    wrapped ones (their baselines differ), so the anchor alone puts a row's upper lines into the row
    above it. Words after a line of a free-text cell that ended with footnote markers are a second cell
    (the view prints a cell's markers after its text), and a one-line free-text cell other than the
    title lies on its row's anchor line (:data:`_OFF_ANCHOR` per line off). A line of markers alone in a
    typed column above that column's value is the cell above's (a value's markers print after it)."""
    tops = sorted({w.top for _, w in placed})
    if not tops or not anchors:
        return [0] * len(placed)
    line_of = {t: j for j, t in enumerate(tops)}
    m, k = len(tops), len(anchors)
    at = [min(range(m), key=lambda j: abs(tops[j] + 0.5 - a)) for a in anchors]
    if any(at[r + 1] <= at[r] for r in range(k - 1)):
        return [min(range(k), key=lambda r: abs(anchors[r] - w.top - 0.5)) for _, w in placed]
    cols_at: list[set[str]] = [set() for _ in tops]
    values_at: list[dict[str, int]] = [{} for _ in tops]
    for col, w in placed:
        cols_at[line_of[w.top]].add(col)
        if column_kind(col) != "text" and word_type(w.text) in VALUE_TYPES:
            counts = values_at[line_of[w.top]]
            counts[col] = counts.get(col, 0) + 1

    text_col = {col: column_kind(col) == "text" for col, _ in placed}
    # per line, the free-text columns whose words there end with a footnote marker, and those with a
    # word that is not a marker (placed is left to right on each line)
    last_at: list[dict[str, str]] = [{} for _ in tops]
    worded_at: list[set[str]] = [set() for _ in tops]
    for col, w in placed:
        if text_col[col]:
            j = line_of[w.top]
            last_at[j][col] = w.text
            if not MARKER.fullmatch(w.text):
                worded_at[j].add(col)
    marked_at = [{c for c, text in last.items() if MARKER.fullmatch(text)} for last in last_at]
    # per line, the typed columns whose words there are all footnote markers
    unmarked: list[set[str]] = [set() for _ in tops]
    for col, w in placed:
        if not text_col[col] and not MARKER.fullmatch(w.text):
            unmarked[line_of[w.top]].add(col)
    marks_only_at = [
        {c for c in cols if not text_col[c]} - no for cols, no in zip(cols_at, unmarked, strict=True)
    ]
    ends = [range(at[r], at[r + 1]) for r in range(k - 1)] + [range(m - 1, m)]

    def costs(first: int, r: int) -> dict[int, float]:
        """The cost of row ``r`` over lines ``first`` to each of its possible ends (one pass down
        the lines; every term is a whole or half line count, so sums are exact in any order)."""
        anchor = tops[at[r]]
        dist = 0.0
        blocks = extra = 0
        seen: dict[str, float] = {}
        low: dict[str, float] = {}
        values: dict[str, int] = {}
        marked: set[str] = set()
        early: set[str] = set()
        out: dict[int, float] = {}
        for j in range(first, ends[r][-1] + 1):
            top = tops[j]
            dist += abs(top - anchor)
            for col in cols_at[j]:
                # a column with two cells in the row: two stretches more than _CELL_GAP lines apart, or
                # words after a line that ended with footnote markers (the view prints a cell's markers
                # after its text: Sequoia's natures "... Fund IV, / L.P. (3)" then "Sequoia / Capital")
                if col in seen and (top - seen[col] > _CELL_GAP or (col in marked and col in worded_at[j])):
                    blocks += 1
                seen[col] = top
                low.setdefault(col, top)
            marked = (marked - cols_at[j]) | marked_at[j]
            early |= {c for c in marks_only_at[j] if c not in values}
            for col, count in values_at[j].items():
                # a value below a line of markers alone in its column: the markers are the cell above's
                # (the view prints a value's markers after it, "$ 20.9021 (4)" wrapped on three lines)
                if col in early:
                    blocks += 1
                    early.discard(col)
                # a typed cell holds one value (a date, a code, an amount)
                had = values.get(col, 0)
                values[col] = had + count
                extra += max(had + count - 1, 0) - max(had - 1, 0)
            if j < ends[r][0]:
                continue
            total = dist + _SECOND_BLOCK * blocks + _SECOND_VALUE * extra
            # a tall free-text cell is centred on its row, as its title cell is
            if "title" in low:
                middle = (low["title"] + seen["title"]) / 2
                for c, first_top in low.items():
                    if c != "title" and text_col[c] and seen[c] - first_top >= _TALL:
                        total += _CENTRING * abs((first_top + seen[c]) / 2 - middle)
            # a one-line nature or underlying title prints on its row's anchor line, as the one-line
            # "Ownership Form" cell does (both centred in the row); the title may sit lines above
            for c, first_top in low.items():
                if c != "title" and text_col[c] and seen[c] == first_top:
                    total += _OFF_ANCHOR * abs(first_top - anchor)
            out[j] = total
        return out

    best: list[dict[int, tuple[float, int]]] = []
    for r in range(k):
        here: dict[int, tuple[float, int]] = {}
        if r == 0:
            here = {end: (cost, -1) for end, cost in costs(0, 0).items()}
        for e, (before, _) in best[r - 1].items() if r else ():
            for end, cost in costs(e + 1, r).items():
                found = (before + cost, e)
                if end not in here or found < here[end]:
                    here[end] = found
        best.append(here)
    row_of_line = [0] * m
    end = m - 1
    for r in range(k - 1, -1, -1):
        start = best[r][end][1]
        for j in range(start + 1, end + 1):
            row_of_line[j] = r
        end = start
    return [row_of_line[line_of[w.top]] for _, w in placed]


def spill_values(row: dict[str, list[_W]], names: Sequence[str]) -> None:
    """A typed cell of one row that got two values, beside an empty cell of the same kind: the value
    nearer that cell moves there (in place). A value alone on its line was put in its neighbour's span
    (a wrapped price's lines hold the price; the amount owned sits alone between them, on the edge)."""
    for k, name in enumerate(names):
        kind = column_kind(name)
        words = row.get(name, [])
        values = [w for w in words if word_type(w.text) in VALUE_TYPES]
        if kind == "text" or len(values) != 2:
            continue
        for step in (1, -1):
            j = k + step
            if 0 <= j < len(names) and column_kind(names[j]) == kind and not row.get(names[j]):
                moved = max(values, key=lambda w: step * (w.x0 + w.x1))
                words.remove(moved)
                row[names[j]] = [moved]
                break
