"""What is specific to ``pdftotext -layout`` text of a printed Form 3, 4 or 5, in one import: the rules
that the position-based reader (``_positioned``) applies where it reads layout text instead of a PDF.

pdftotext lays out each line on its own: a word's character column is its x on the page scaled to a
character grid, pushed right when the words before it on that line take more room than their share. So
the words of a table column do not line up with its heading, and neighbouring cells can be one space
apart. The rules live by concern:

- ``_layout_types``: what a word of a line is (marker, dollar, date, number, letter) and what its type
  costs in each kind of column (:func:`word_type`, :func:`column_kind`);
- ``_layout_columns``: which table column each word of a line belongs to, a whole line at a time by
  dynamic programming, and the column edges from the heading (:func:`assign_columns`,
  :func:`assign_table`, :func:`column_starts`);
- ``_layout_rows``: which table row each placed word belongs to;
- ``_layout_boxes``: a box's date pushed into the box before it, the "Reporting Owners" columns and an
  officer title moved by box 5 (:func:`pushed_date`, :func:`owner_columns`, :func:`title_by_box5`).

Pure: words in, columns out.
"""

from __future__ import annotations

from section16.parse._layout_boxes import owner_columns, pushed_date, title_by_box5
from section16.parse._layout_columns import assign_columns, assign_table, column_starts
from section16.parse._layout_types import MARKER, VALUE_TYPES, LayoutWord, column_kind, word_type

__all__ = [
    "MARKER",
    "VALUE_TYPES",
    "LayoutWord",
    "assign_columns",
    "assign_table",
    "column_kind",
    "column_starts",
    "owner_columns",
    "pushed_date",
    "title_by_box5",
    "word_type",
]
