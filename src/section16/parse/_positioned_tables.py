"""Tables I and II of a printed Form 3, 4 or 5 read from positioned words (``_positioned``): the
columns each form prints, the column edges from the numbered labels and sub-column heads of a table's
heading, the body's words given to those columns and to rows, and each cell's text split from its
footnote markers.

Words go to columns by where they sit (PDFs: a word's centre against the column edges; layout text: a
whole line at a time, ``_layout_text``) and to rows by the nearest row anchor, the single-line
"Ownership Form" cell (column 6/10 of Form 4, 3/5 of Form 3), as the view centres every cell in its
row (spec.md section 5).

Pure: lines in, cells out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from section16.parse._layout_rows import row_of_words, spill_values
from section16.parse._layout_text import assign_table, column_starts
from section16.parse._page import Line, Page, Rule, Word, join_words, reading_order
from section16.parse._rendered import Cell, Unread, split_markers

__all__ = ["T1_3", "T1_45", "T2_3", "T2_45", "read_table"]

_LABEL_NUMBER = re.compile(r"^(\d{1,2}A?)\.")

# Columns of the tables by form: (number of the printed label, sub-columns under it, with the word that
# heads each sub-column). Form 4 General Instructions; spec.md section 5.
_Sub = tuple[tuple[str, str], ...]
T1_45: tuple[tuple[str, _Sub], ...] = (
    ("1", (("title", ""),)),
    ("2", (("date", ""),)),
    ("2A", (("deemed", ""),)),
    ("3", (("code", "Code"), ("v", "V"))),
    ("4", (("amount", "Amount"), ("ad", "(A)"), ("price", "Price"))),
    ("5", (("owned", ""),)),
    ("6", (("direct", ""),)),
    ("7", (("nature", ""),)),
)
T2_45: tuple[tuple[str, _Sub], ...] = (
    ("1", (("title", ""),)),
    ("2", (("conversion", ""),)),
    ("3", (("date", ""),)),
    ("3A", (("deemed", ""),)),
    ("4", (("code", "Code"), ("v", "V"))),
    ("5", (("a", "(A)"), ("d", "(D)"))),
    ("6", (("exercisable", "Date"), ("expiration", "Expiration"))),
    ("7", (("underlying_title", "Title"), ("underlying_shares", "Amount"))),
    ("8", (("price", ""),)),
    ("9", (("owned", ""),)),
    ("10", (("direct", ""),)),
    ("11", (("nature", ""),)),
)
T1_3: tuple[tuple[str, _Sub], ...] = (
    ("1", (("title", ""),)),
    ("2", (("owned", ""),)),
    ("3", (("direct", ""),)),
    ("4", (("nature", ""),)),
)
T2_3: tuple[tuple[str, _Sub], ...] = (
    ("1", (("title", ""),)),
    ("2", (("exercisable", "Date"), ("expiration", "Expiration"))),
    ("3", (("underlying_title", "Title"), ("underlying_shares", "Amount"))),
    ("4", (("conversion", ""),)),
    ("5", (("direct", ""),)),
    ("6", (("nature", ""),)),
)
# A line of a table's heading: label words ("(Instr. 3)", "(I)") or the sub-column heads.
_HEADER_LINE = re.compile(
    r"\(Instr|\(I\)|^Code\b|\bCode V\b|Exercisable|\bof Shares\b|\(A\) or\b|\(D\) Price|^Amount$|^Title$"
    r"|\(A\) \(D\)"  # Form 5's Table II: no "Code V" beside the sub-columns "(A)" and "(D)"
)
_HEAD_TAIL = re.compile(r"(?:or|Number|of|Shares)(?: (?:or|Number|of|Shares))*")
_TEXT_COLUMNS = frozenset({"title", "nature", "underlying_title"})


def read_table(  # noqa: PLR0917
    page: Page,
    title: int,
    stop: int,
    layout: tuple[tuple[str, _Sub], ...],
    unread: Unread,
    name: str,
) -> list[dict[str, Cell]]:
    """The rows of one table (lines ``title`` to ``stop``), each as cells by column name."""
    lines = page.lines[title + 1 : stop]
    header_end = -1
    for i, line in enumerate(lines):
        if _HEADER_LINE.search(line.text):
            header_end = i
    if header_end < 0:
        return []
    # "Amount or Number of Shares" ends on lines of its own under "Amount", maybe on the next page
    amount = [w for line in lines[: header_end + 1] for w in line.words if w.text in {"Amount", "Number"}]
    while header_end + 1 < len(lines) and _HEAD_TAIL.fullmatch(lines[header_end + 1].text):
        tail = lines[header_end + 1].words
        middle = (tail[0].x0 + tail[-1].x1) / 2
        if not any(w.x0 - 2 * page.tol <= middle <= w.x1 + 2 * page.tol for w in amount):
            break  # a cell's line, such as "Shares" of "Shares held by Trust" under column 7
        header_end += 1
    header, body = lines[: header_end + 1], lines[header_end + 1 :]
    if not body:
        return []
    # layout text keeps too little of a word's place for the gap search: the middle between heads
    spread = [w for line in body for w in line.words] if page.pdf else []
    starts = (
        _column_starts(header, layout, page.tol, spread)
        if page.pdf
        else column_starts([line.words for line in header], layout, [line.words for line in body])
    )
    if starts is None:
        for line in body:
            unread.keep(f"/{name}", line.text)
        return []
    names = [n for n, _ in starts]
    xs = [x for _, x in starts]
    tol = page.tol

    def column(word: Word) -> str:
        # Numbers and codes are centred in their cells: the word's centre decides.
        centre = (word.x0 + word.x1) / 2
        at = 0
        for k, x in enumerate(xs):
            if centre + tol >= x:
                at = k
        return names[at]

    if page.pdf:
        placed = [(column(w), w) for line in body for w in line.words]
    else:  # layout text: each line's words to columns as a whole (_layout_text)
        columns = assign_table([line.words for line in body], names, xs)
        placed = [
            (col, w)
            for line, cols in zip(body, columns, strict=True)
            for col, w in zip(cols, line.words, strict=True)
        ]
    anchors = sorted({round(w.middle, 2) for c, w in placed if c == "direct"})
    if page.pdf and anchors:
        # a raised "(2)" after "D" is a word of the same cell: one anchor per block of touching words
        blocks = _blocks([w for c, w in placed if c == "direct"])
        anchors = [
            (min(w.top for w in b) + max(w.bottom for w in b)) / 2 for b in _joined(blocks, page.rules)
        ]
    if not anchors:
        anchors = sorted({round(w.middle, 2) for c, w in placed if c not in _TEXT_COLUMNS})
    if not anchors:
        return []
    if page.pdf:
        rows = _by_blocks(placed, anchors, page.rules)
    else:  # layout text: rows as bands of whole lines (_layout_text)
        rows = [{} for _ in anchors]
        for (col, w), r in zip(placed, row_of_words(placed, anchors), strict=True):
            rows[r].setdefault(col, []).append(w)
        for row in rows:
            spill_values(row, names)
    out: list[dict[str, Cell]] = []
    label = {sub: number for number, subs in layout for sub, _ in subs}
    table = "Table I" if name == "nonDerivativeTable" else "Table II"
    for r, row in enumerate(rows, 1):
        cells: dict[str, Cell] = {}
        for col, words in row.items():
            ordered = reading_order(words, page.height)
            cell = split_markers(join_words(w.text for w in ordered))
            # where the cell's first word is, and the cell: "page 1, line 23, Table I row 1, column 4"
            where = page.where(ordered[0]) if ordered else ""
            if where:
                cell = Cell(cell.text, cell.footnote_ids, f"{where}, {table} row {r}, column {label[col]}")
            cells[col] = cell
        out.append(cells)
    return out


def _by_blocks(
    placed: list[tuple[str, Word]], anchors: list[float], rules: Sequence[Rule] = ()
) -> list[dict[str, list[Word]]]:
    """Words to rows, one cell at a time (PDFs): a column's words form blocks of touching lines (the
    lines of one cell follow each other without a gap; cells of two rows are apart by their padding),
    and a block goes to the anchor nearest its centre, as the view centres every cell in its row.

    A row that the print breaks across two pages leaves the rest of its taller cells at the top of the
    next page, nearer the next row's anchor. The view draws a border under every cell (the stylesheets'
    ``td`` rule: ``border-bottom-width: 1``), and the first part of a broken row has no bottom border:
    so a block goes to the nearest anchor that no drawn rule below the block's words separates from it."""
    rows: list[dict[str, list[Word]]] = [{} for _ in anchors]
    columns: dict[str, list[Word]] = {}
    for col, word in placed:
        columns.setdefault(col, []).append(word)
    for col, words in columns.items():
        for block in _blocks(words):
            centre = (min(w.top for w in block) + max(w.bottom for w in block)) / 2
            left, right = min(w.x0 for w in block), max(w.x1 for w in block)
            spans = [(y, x0, x1) for x0, x1, y in rules if x0 < right and x1 > left]
            order = sorted(range(len(anchors)), key=lambda j: abs(anchors[j] - centre))
            at = next(
                (
                    j
                    for j in order
                    if not any(min(centre, anchors[j]) < y < max(centre, anchors[j]) for y, _, _ in spans)
                ),
                order[0],
            )
            rows[at].setdefault(col, []).extend(block)
    return rows


def _joined(blocks: list[list[Word]], rules: Sequence[Rule]) -> list[list[Word]]:
    """Blocks of one column with the parts of a cell broken across two pages joined again: with drawn
    borders (PDFs), a block that no border under the column separates from the block above it is the
    rest of that block's cell (its footnote markers, at the next page's top); the first part is kept,
    as the row's other cells stand beside it."""
    if not rules:
        return blocks
    out: list[list[Word]] = []
    for block in blocks:
        if out:
            above = out[-1]
            bottom, top = max(w.bottom for w in above), min(w.top for w in block)
            left, right = min(w.x0 for w in above + block), max(w.x1 for w in above + block)
            if not any(bottom < y < top and x0 < right and x1 > left for x0, x1, y in rules):
                continue
        out.append(block)
    return out


def _blocks(words: list[Word]) -> list[list[Word]]:
    """Words of one column in blocks of touching lines, top to bottom: a word starts a new block when
    its top is below everything so far by more than 30% of its height (the lines of one cell touch)."""
    blocks: list[list[Word]] = []
    bottom = float("-inf")
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if not blocks or word.top - bottom > 0.3 * (word.bottom - word.top):
            blocks.append([])
            bottom = word.bottom
        blocks[-1].append(word)
        bottom = max(bottom, word.bottom)
    return blocks


def _column_starts(
    header: list[Line], layout: tuple[tuple[str, _Sub], ...], tol: float, body: list[Word]
) -> list[tuple[str, float]] | None:
    """Column name -> left edge, from the numbered labels and, under a spanning label, its sub-column
    heads (the lowest such word, as the heads sit at the bottom of the header). Between two sub-column
    heads, the edge is the middle of the widest stretch that no word of the body crosses: the
    stylesheet versions align the sub-columns differently (X06-X08 centre "Title" but put "Amount or
    Number of Shares" at its cell's left), so the middle between the heads can cut a cell."""
    label_x: dict[str, float] = {}
    for line in header:
        for word in line.words:
            match = _LABEL_NUMBER.match(word.text)
            if match and match[1] not in label_x:
                label_x[match[1]] = word.x0
    if any(number not in label_x for number, _ in layout):
        return None
    starts: list[tuple[str, float]] = []
    numbers = [n for n, _ in layout]
    for k, (number, subs) in enumerate(layout):
        left = label_x[number]
        right = label_x[numbers[k + 1]] if k + 1 < len(layout) else float("inf")
        starts.append((subs[0][0], left - tol))
        prev_head = subs[0][1] or ""
        for sub, head in subs[1:]:
            heads = [
                w
                for line in header
                for w in line.words
                if w.text == head and left - tol <= w.x0 < right - tol and w.x0 > starts[-1][1] + tol
            ]
            if heads:
                # Sub-column heads are centred: the boundary is halfway between two heads.
                head_word = max(heads, key=lambda w: w.top)
                previous = [
                    w for line in header for w in line.words if w.text == prev_head and w.x0 < head_word.x0
                ]
                edge = max(previous, key=lambda w: w.top).x1 if previous else head_word.x0
                starts.append((sub, _free_middle(edge, head_word.x0, body)))
                prev_head = head
    xs = [x for _, x in starts]
    return starts if xs == sorted(xs) else None


def _free_middle(left: float, right: float, body: list[Word]) -> float:
    """The middle of the widest part of ``left``..``right`` that no word of ``body`` covers (the middle
    of the whole when words cover all of it)."""
    if right <= left:
        return (left + right) / 2
    covered = sorted((max(w.x0, left), min(w.x1, right)) for w in body if w.x1 > left and w.x0 < right)
    best, best_width, at = (left + right) / 2, 0.0, left
    for x0, x1 in [*covered, (right, right)]:
        if x0 - at > best_width:
            best, best_width = (at + x0) / 2, x0 - at
        at = max(at, x1)
    return best
