"""Tables I and II of plain ``pdftotext`` text (``rendered_plain``): the cells of each table, in the
order pdftotext prints them, to columns and rows.

pdftotext cuts a table into flows of columns and prints each flow row by row, so one column's cells
keep their order while two columns' cells interleave in ways that depend on the print's geometry.
Each cell is therefore given its column from its own kind of value and its neighbours (the view's
display rules, spec.md section 5: dates MM/DD/YYYY, one-letter codes, A/D, D/I, numbers ###,##0.####,
prices after "$", footnote references "(N)"), and the k-th cell of a column belongs to the k-th row
that has that column (Table I lists transactions before holdings; a row's ownership form, column 6/10
of Form 4, 3/5 of Form 3, is never empty).

The work is split by concern: ``_plain_cells`` cuts a region's lines into cells (tokens),
``_plain_table1`` and ``_plain_table2`` give each table's cells their columns and rows,
``_plain_chain`` checks Table I's rows against the holdings arithmetic, and this module places the
weighted-average price notes and makes the model's rows.

Pure: lines in, rows out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from section16.model import DerivativeRow, DerivativeTransaction, NonDerivativeRow
from section16.parse._plain_cells import FOOTNOTE_END, Tok, tokens
from section16.parse._plain_chain import chain_holdings
from section16.parse._plain_table1 import (
    balance_letters,
    columns_t1,
    columns_t1_3,
    every_row_markers,
    rows_t1,
)
from section16.parse._plain_table2 import columns_t2, rows_t2, under_acquired
from section16.parse._rendered import Unread, derivative_row, form5_coding, non_derivative_row

__all__ = ["read_tables"]


def read_tables(
    table1: list[str],
    table2: list[str],
    form: str,
    unread: Unread,
    notes: Mapping[str, str] | None = None,
    *,
    numbers: tuple[Sequence[int], Sequence[int]] = ((), ()),
) -> tuple[tuple[NonDerivativeRow, ...], tuple[DerivativeRow, ...]]:
    """Tables I and II from the lines of their regions; ``notes``: the footnotes' texts by id, whose
    price ranges tell which price a weighted-average footnote explains (:func:`price_notes`);
    ``numbers``: each region's lines' numbers in the text, which place the cells read there."""
    ranges = price_ranges(notes or {})
    toks1 = tokens(table1, numbers[0])
    q1 = columns_t1_3(toks1) if form == "3" else columns_t1(toks1)
    if form != "3":
        balance_letters(q1)
        chain_holdings(q1)
        balance_letters(q1)  # the letter of an amount the arithmetic found among the amounts owned
    price_notes(q1, ranges)
    price_notes_by_row(q1, notes or {})
    every_row_markers(q1)
    rows1: list[NonDerivativeRow] = [
        non_derivative_row(
            form5_coding(cells) if form == "5" else cells, f"/nonDerivativeTable/row[{i + 1}]", unread
        )
        for i, cells in enumerate(rows_t1(q1))
    ]
    rows2: list[DerivativeRow] = []
    q2 = columns_t2(tokens(table2, numbers[1]), form)
    price_notes(q2, ranges)
    acquired = under_acquired(table2, q2["amount"])
    for i, cells in enumerate(rows_t2(q2, form)):
        cells = form5_coding(cells) if form == "5" else cells  # noqa: PLW2901
        row = derivative_row(cells, f"/derivativeTable/row[{i + 1}]", unread)
        if isinstance(row, DerivativeTransaction) and i not in acquired:
            # whether the amount stood under (A) or (D) is not in plain text: not guessed (nor placed)
            row = replace(row, transaction_acquired_disposed_code=None)
            unread.unplace(f"derivative_table[{i}].transaction_acquired_disposed_code")
        rows2.append(row)
    return tuple(rows1), tuple(rows2)


# "... at prices ranging from $432.11 to $432.97, inclusive": the range of the trades whose weighted
# average a price cell reports (the SEC staff's Form 4 guidance asks for the range of prices when a
# weighted average is reported, with the full detail on request)
_RANGE = re.compile(r"\$\s?(\d[\d,]*(?:\.\d+)?)\s*(?:to|and|through|-|\u2013)\s*\$\s?(\d[\d,]*(?:\.\d+)?)")


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "")) if text else None
    except InvalidOperation:
        return None


def _note_number(note_id: str) -> int:
    return int(note_id.removeprefix("F")) if note_id.removeprefix("F").isdigit() else 0


def price_ranges(notes: Mapping[str, str]) -> dict[str, list[tuple[Decimal, Decimal]]]:
    """Footnote id -> the price ranges its text names ("prices ranging from $X to $Y")."""
    out: dict[str, list[tuple[Decimal, Decimal]]] = {}
    for note_id, text in notes.items():
        for low_text, high_text in _RANGE.findall(text):
            low, high = _decimal(low_text), _decimal(high_text)
            if low is not None and high is not None and low <= high:
                out.setdefault(note_id, []).append((low, high))
    return out


def price_notes(q: dict[str, list[Tok]], ranges: Mapping[str, list[tuple[Decimal, Decimal]]]) -> None:
    """A footnote that names the range of prices a weighted average price was made of explains a
    price of the table that lies in that range: its marker goes to that price, wherever pdftotext
    printed it (a price's superscript is printed below the price's line, often in another row's flow).

    Each price is explained by one such note, so a note whose range holds several prices takes the
    one the other notes leave it, found as a puzzle is solved: a note with one price left takes it and
    that price is no longer the others'. Where k notes are left with the same k prices, the notes
    explain them in their order (the form numbers its notes as it first cites them, row by row). A
    note that names several ranges takes one price in each, when each holds exactly one. A note left
    with no price, or whose marker is printed on the line of a cell (the filer may cite the note at
    the title), leaves its marker where it is."""
    prices = [_decimal(tok.text) for tok in q["price"]]

    def inside(low: Decimal, high: Decimal) -> set[int]:
        return {k for k, p in enumerate(prices) if p is not None and low <= p <= high}

    found: dict[str, set[int]] = {}
    left: dict[str, set[int]] = {}
    for note_id, spans in ranges.items():
        if len(spans) == 1:
            left[note_id] = inside(*spans[0])
        elif all(len(inside(*span)) == 1 for span in spans):
            found[note_id] = set().union(*(inside(*span) for span in spans))
    claimed: set[int] = set().union(*found.values()) if found else set()
    left = {note_id: rows - claimed for note_id, rows in left.items()}
    while left:
        groups: dict[frozenset[int], list[str]] = {}
        for note_id, candidates in left.items():
            groups.setdefault(frozenset(candidates), []).append(note_id)
        closed = {rows: notes for rows, notes in groups.items() if rows and len(rows) == len(notes)}
        if not closed:
            break
        for group, notes in closed.items():
            for note_id, row in zip(sorted(notes, key=_note_number), sorted(group), strict=True):
                found[note_id] = {row}
                del left[note_id]
        settled: set[int] = set().union(*closed)
        left = {note_id: rows - settled for note_id, rows in left.items()}
    for note_id, rows in found.items():
        mark = f"({note_id.removeprefix('F')})"
        if any(mark in tok.inline for toks in q.values() for tok in toks):
            continue  # printed on the line of its cell: where the filer put it (a title's, say)
        for column, toks in q.items():
            for k, tok in enumerate(toks):
                if mark in tok.marks and not (column == "price" and k in rows):
                    tok.marks[:] = [m for m in tok.marks if m != mark]
        for k in rows:
            if mark not in q["price"][k].marks:
                q["price"][k].marks.append(mark)


# a note that says it explains the price of its row ("The price reported is a weighted average ...")
_PRICE_NOTE = re.compile(
    r"weighted[- ]average|price reported|reported price|sales? price|purchase price", re.IGNORECASE
)


def price_notes_by_row(q: dict[str, list[Tok]], notes: Mapping[str, str]) -> None:
    """A footnote whose text says it explains a price (a weighted average price, "the price
    reported"), whose marker pdftotext printed off its cell's line and that was read as another cell's
    of a transaction row, is that row's price's: the price cell's superscript wraps below the price
    and lands among the row's other cells. Markers printed on a cell's line stay."""
    price_marks = {f"({i.removeprefix('F')})" for i, text in notes.items() if _PRICE_NOTE.search(text)}
    if not price_marks:
        return
    indirect = [k for k, t in enumerate(q["direct"]) if t.text.startswith("I")]
    rows = {"nature": indirect}
    for column in ("date", "code", "amount", "ad", "direct", "nature"):
        for k, tok in enumerate(q[column]):
            row = rows[column][k] if column in rows and k < len(rows[column]) else k
            if column in rows and k >= len(rows[column]):
                continue
            if row >= len(q["price"]) or not q["price"][row].text:
                continue
            price = q["price"][row]
            for mark in [m for m in tok.marks if m in price_marks and m not in tok.inline]:
                tok.marks.remove(mark)
                if mark not in price.marks:
                    price.marks.append(mark)
    # a nature "See footnote" that got no marker names one: a marker printed off its line among the
    # same row's other cells (not a price's) is its
    for k, row in enumerate(indirect[: len(q["nature"])]):
        nature = q["nature"][k]
        if nature.marks or not FOOTNOTE_END.search(nature.text):
            continue
        for column in ("amount", "ad", "date", "code", "direct"):
            if row >= len(q[column]):
                continue
            tok = q[column][row]
            floating = [m for m in tok.marks if m not in tok.inline and m not in price_marks]
            if floating:
                tok.marks.remove(floating[0])
                nature.marks.append(floating[0])
                break
