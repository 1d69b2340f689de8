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
``_plain_table1`` and ``_plain_table2`` give each table's cells their columns and rows, and this module
makes the model's rows of them.

Pure: lines in, rows out.
"""

from __future__ import annotations

from dataclasses import replace

from section16.model import DerivativeRow, DerivativeTransaction, NonDerivativeRow
from section16.parse._plain_cells import tokens
from section16.parse._plain_table1 import columns_t1, columns_t1_3, rows_t1
from section16.parse._plain_table2 import columns_t2, rows_t2, under_acquired
from section16.parse._rendered import Unread, derivative_row, form5_coding, non_derivative_row

__all__ = ["read_tables"]


def read_tables(
    table1: list[str], table2: list[str], form: str, unread: Unread
) -> tuple[tuple[NonDerivativeRow, ...], tuple[DerivativeRow, ...]]:
    """Tables I and II from the lines of their regions."""
    q1 = columns_t1_3(tokens(table1)) if form == "3" else columns_t1(tokens(table1))
    rows1: list[NonDerivativeRow] = [
        non_derivative_row(
            form5_coding(cells) if form == "5" else cells, f"/nonDerivativeTable/row[{i + 1}]", unread
        )
        for i, cells in enumerate(rows_t1(q1))
    ]
    rows2: list[DerivativeRow] = []
    q2 = columns_t2(tokens(table2), form)
    acquired = under_acquired(table2, q2["amount"])
    for i, cells in enumerate(rows_t2(q2, form)):
        cells = form5_coding(cells) if form == "5" else cells  # noqa: PLW2901
        row = derivative_row(cells, f"/derivativeTable/row[{i + 1}]", unread)
        if isinstance(row, DerivativeTransaction) and i not in acquired:
            # whether the amount stood under (A) or (D) is not in plain text: not guessed
            row = replace(row, transaction_acquired_disposed_code=None)
        rows2.append(row)
    return tuple(rows1), tuple(rows2)
