"""Reading a printed Form 3, 4 or 5 from words and their places on the page: the shared core of the PDF
reader (``rendered_pdf``: word boxes from the PDF's text layer) and of the column-keeping converter text
(``pdftotext -layout``: a word's place is its character column and line).

The print is the SEC view (spec.md section 5): boxes 1-6 at the top, each a numbered label with its value
below it; Tables I and II with numbered column labels (and sub-columns such as "Code", "V", "(A)", "(D)"),
one row per filed row with its cells vertically centred; "Reporting Owners", "Signatures" and "Explanation
of Responses". Cells are assigned to columns by where their words start, and words to rows by the nearest
row anchor (the single-line "Ownership Form" cell, column 6/10 of Form 4, 3/5 of Form 3). Values are read
with the stylesheets' display rules (``_rendered``). Nothing is guessed: a value that is not found stays
None.

Pure: words in, model out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from section16.errors import UnsupportedFormat
from section16.model import (
    DerivativeRow,
    DocumentType,
    Footnote,
    Issuer,
    NonDerivativeRow,
    OwnershipDocument,
    Relationship,
    ReportingOwner,
    Signature,
)
from section16.parse._layout_rows import row_of_words, spill_values
from section16.parse._layout_text import (
    assign_table,
    column_starts,
    owner_columns,
    pushed_date,
    title_by_box5,
)
from section16.parse._rendered import (
    Cell,
    Unread,
    derivative_row,
    form5_coding,
    non_derivative_row,
    parse_us_date,
    split_markers,
)
from section16.parse._rendered_checks import rendered_notes
from section16.parse._values import unescape_twice
from section16.parse.rendered_html import _address, _issuer, _with_relationship

__all__ = ["SOFT_HYPHEN", "Rule", "Word", "join_words", "layout_lines", "lines_of", "read_positioned"]


@dataclass(frozen=True, slots=True)
class Word:
    """One word and its box: ``x0``/``x1`` left and right, ``top``/``bottom`` (down the page grows)."""

    x0: float
    x1: float
    top: float
    bottom: float
    text: str

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Line:
    """Words whose vertical middles agree, left to right. Its words are not changed once its text has
    been read (the text is joined once: the readers look at every line's text many times)."""

    words: list[Word] = field(default_factory=list)
    _text: str | None = field(default=None, repr=False, compare=False)

    @property
    def middle(self) -> float:
        return sum(w.middle for w in self.words) / len(self.words)

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = " ".join(w.text for w in self.words)
        return self._text


# Browser print header ("11/24/26, 6:30 PM  Ownership Submission") and footer ("file:///...  1/2").
_CHROME = re.compile(r"^\d{1,2}/\d{1,2}/\d{2,4},\s+\d{1,2}:\d{2}\s*[AP]M\b|file:/|^about:blank")
_BOX = re.compile(r"^([1-7])\.")
_LABEL_NUMBER = re.compile(r"^(\d{1,2}A?)\.")
_DATE_WORD = re.compile(r"\d{1,2}/\d{1,2}/\d{4}")

# Columns of the tables by form: (number of the printed label, sub-columns under it, with the word that
# heads each sub-column). Form 4 General Instructions; spec.md section 5.
_Sub = tuple[tuple[str, str], ...]
Rule = tuple[float, float, float]
"""A horizontal line drawn on the page (a cell's border): left, right and its height on the page."""
_T1_45: tuple[tuple[str, _Sub], ...] = (
    ("1", (("title", ""),)),
    ("2", (("date", ""),)),
    ("2A", (("deemed", ""),)),
    ("3", (("code", "Code"), ("v", "V"))),
    ("4", (("amount", "Amount"), ("ad", "(A)"), ("price", "Price"))),
    ("5", (("owned", ""),)),
    ("6", (("direct", ""),)),
    ("7", (("nature", ""),)),
)
_T2_45: tuple[tuple[str, _Sub], ...] = (
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
_T1_3: tuple[tuple[str, _Sub], ...] = (
    ("1", (("title", ""),)),
    ("2", (("owned", ""),)),
    ("3", (("direct", ""),)),
    ("4", (("nature", ""),)),
)
_T2_3: tuple[tuple[str, _Sub], ...] = (
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


SOFT_HYPHEN = "\ufffe"
"""What a word ends with when the print broke it after a hyphen at the end of a line: PDFium reports
such a hyphen as U+FFFE; the layout-text reader marks a line-final ``word-`` the same way."""
_SOFT = re.compile(SOFT_HYPHEN + r"\s*")


def join_words(parts: Iterable[str]) -> str:
    """Words or lines of one value joined by single spaces; a word broken after its hyphen at a line's
    end is joined to the next one again (``four-`` + ``year`` -> ``four-year``), and a second level of
    escaping that the view prints (``PG&amp;E``) is undone as the XML reader does."""
    return unescape_twice(_SOFT.sub("-", " ".join(" ".join(parts).split())))


def lines_of(words: Sequence[Word], tolerance: float) -> list[Line]:
    """Words grouped into lines: sorted by middle, a word joins the line whose middle is within
    ``tolerance`` (superscript footnote markers sit a little higher and still join)."""
    lines: list[Line] = []
    total = 0.0  # the sum of the last line's middles, kept as it grows (Line.middle per word is slow)
    for word in sorted(words, key=lambda w: (w.middle, w.x0)):
        middle = word.middle
        if lines and abs(total / len(lines[-1].words) - middle) <= tolerance:
            lines[-1].words.append(word)
            total += middle
        else:
            lines.append(Line([word]))
            total = middle
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return [line for line in lines if not _CHROME.search(line.text)]


_RUN = re.compile(r"\S+")  # a word of layout text
_BROKEN = re.compile(r"\w-$")  # a line-final word broken after its hyphen


def layout_lines(text: str) -> list[Line]:
    """The lines of column-keeping text (``pdftotext -layout``), as :func:`lines_of` groups the words
    of ``rendered_text.layout_words`` (a word's x its character column, its y its line number): every
    text line is one line, its words left to right, empty lines and the browser's header and footer
    left out. Made straight from the text lines, without sorting words by their middles."""
    lines: list[Line] = []
    for y, row in enumerate(text.replace("\f", "\n").split("\n")):
        found = _RUN.findall(row)
        if not found:
            continue
        if _CHROME.search(" ".join(found)):
            continue
        top, bottom = float(y), float(y + 1)
        words: list[Word] = []
        at = 0
        for word in found:
            x0 = row.index(word, at)
            at = x0 + len(word)
            words.append(_word(float(x0), float(at), top, bottom, word))
        last = found[-1]
        if _BROKEN.search(last):  # broken after its hyphen
            words[-1] = _word(words[-1].x0, words[-1].x1, top, bottom, last[:-1] + SOFT_HYPHEN)
        lines.append(Line(words))
    return lines


def _word_maker() -> Callable[[float, float, float, float, str], Word]:
    """A maker of :class:`Word` that sets its five slots directly, as the frozen dataclass's own
    ``__init__`` does through ``object.__setattr__`` but without a call per field: layout text makes
    about a thousand words a document."""
    new = object.__new__
    set_x0, set_x1, set_top, set_bottom, set_text = (
        getattr(Word, name).__set__ for name in ("x0", "x1", "top", "bottom", "text")
    )

    def make(x0: float, x1: float, top: float, bottom: float, text: str) -> Word:
        word: Word = new(Word)
        set_x0(word, x0)
        set_x1(word, x1)
        set_top(word, top)
        set_bottom(word, bottom)
        set_text(word, text)
        return word

    return make


_word = _word_maker()


@dataclass(slots=True)
class _Page:
    """The lines of the whole document, and the reader's scale: ``tol`` is the slack in x when matching
    a word to a column start (a PDF point or so; one character in layout text)."""

    lines: list[Line]
    tol: float
    height: float
    pdf: bool = True
    rules: Sequence[Rule] = ()
    lowered: list[str] = field(default_factory=list)  # each line's text in lower case, made once

    def find(self, phrase: str, start: int = 0, stop: int | None = None) -> tuple[int, int] | None:
        """(line, word) where ``phrase`` starts, case-insensitively, searching lines ``start`` to
        ``stop``."""
        low = phrase.lower()
        if not self.lowered:
            self.lowered = [line.text.lower() for line in self.lines]
        for i in range(start, len(self.lines) if stop is None else stop):
            text = self.lowered[i]
            at = text.find(low)
            if at < 0:
                continue
            offset = 0
            for j, word in enumerate(self.lines[i].words):
                if offset + len(word.text) > at:
                    return i, j
                offset += len(word.text) + 1
        return None


def read_positioned(
    lines: list[Line],
    *,
    tol: float,
    height: float,
    kind: str,
    source: str | None,
    rules: Sequence[Rule] = (),
) -> tuple[OwnershipDocument, tuple[str, ...]]:
    """The document printed on ``lines`` and reader notes. Raises :class:`UnsupportedFormat` when the
    lines are not a printed Form 3, 4 or 5."""
    page = _Page(lines, tol, height, kind == "PDF", rules)
    head = " ".join(line.text for line in lines[:40]).upper()
    form_match = re.search(r"\bFORM\s+([345])\b", head)
    if form_match is None or "BENEFICIAL OWNERSHIP" not in head:
        raise UnsupportedFormat(
            f"{kind} that is not a printed Form 3, 4 or 5 (no 'FORM 3/4/5' box and statement title)",
            source=source,
            line=1,
        )
    form = form_match[1]
    unread = Unread()
    t1 = page.find("Table I -")
    t2 = page.find("Table II -")
    end_top = t1[0] if t1 else (t2[0] if t2 else len(lines))
    boxes = _Boxes(page, end_top)

    # Box 2 (Form 3) wraps its label over two lines in the X06 stylesheets: the short phrase finds it
    period_labels = {
        "3": ("Date of Event Requiring Statement", "Date of Event"),
        "5": ("Fiscal Year Ended",),
    }.get(form, ("Date of Earliest Transaction", "Date of Earliest"))
    original = boxes.date("Date Original Filed") or boxes.date("Date of Original Filed")
    issuer = _issuer(boxes.text("Ticker or Trading Symbol") or "")

    table1: list[NonDerivativeRow] = []
    table2: list[DerivativeRow] = []
    if t1 is not None:
        stop = _first(page, ("Reminder:", "Table II -", "Explanation of Responses"), t1[0] + 1)
        layout = _T1_3 if form == "3" else _T1_45
        for i, cells in enumerate(_table(page, t1[0], stop, layout, unread, "nonDerivativeTable")):
            cells = form5_coding(cells) if form == "5" else cells  # noqa: PLW2901
            table1.append(non_derivative_row(cells, f"/nonDerivativeTable/row[{i + 1}]", unread))
    if t2 is not None:
        stop = _first(page, ("Explanation of Responses", "Reporting Owners", "Signatures"), t2[0] + 1)
        layout = _T2_3 if form == "3" else _T2_45
        for i, cells in enumerate(_table(page, t2[0], stop, layout, unread, "derivativeTable")):
            cells = form5_coding(cells) if form == "5" else cells  # noqa: PLW2901
            table2.append(derivative_row(cells, f"/derivativeTable/row[{i + 1}]", unread))

    footnotes, remarks = _explanations(page, spaced=kind == "PDF")
    owners = _owners(page)
    ticks = Relationship(
        is_director=boxes.ticked("Director"),
        is_ten_percent_owner=boxes.ticked("10% Owner"),
        is_officer=boxes.ticked("Officer (give title"),
        is_other=boxes.ticked("Other (specify"),
    )
    if owners and ticks.is_director is not None:
        if not page.pdf:  # layout text: an officer title printed nearer "Other" (_layout_text)
            owners = (title_by_box5(owners[0], ticks), *owners[1:])
        owners = (_with_relationship(owners[0], ticks), *owners[1:])
    elif not owners:
        name = boxes.text("Name and Address of Reporting Person")
        if name:
            owners = (ReportingOwner(rpt_owner_name=name, relationship=ticks),)
    doc = OwnershipDocument(
        document_type=DocumentType(form + "/A" if original else form),
        period_of_report=next(filter(None, map(boxes.date, period_labels)), None),
        date_of_original_submission=original,
        no_securities_owned=True
        if form == "3" and page.find("No securities are beneficially owned")
        else None,
        not_subject_to_section16=boxes.ticked("Check this box if no longer") if form != "3" else None,
        aff10b5_one=boxes.ticked("Check this box to indicate") if form != "3" else None,
        form3_holdings_reported=boxes.ticked("Form 3 Holdings Reported") if form == "5" else None,
        form4_transactions_reported=boxes.ticked("Form 4 Transactions Reported") if form == "5" else None,
        issuer=issuer if issuer is not None else Issuer(),
        reporting_owners=owners,
        non_derivative_table=tuple(table1),
        derivative_table=tuple(table2),
        footnotes=footnotes,
        remarks=remarks,
        owner_signatures=_signatures(page),
        unparsed=tuple(unread.items),
    )
    notes = (
        f"recovered from a rendered copy ({kind}): CIKs, schema version and codes not printed; "
        "checkboxes drawn as graphics are not read",
        *rendered_notes(doc),
    )
    return doc, notes


def _first(page: _Page, phrases: tuple[str, ...], start: int) -> int:
    found = [hit[0] for p in phrases if (hit := page.find(p, start)) is not None]
    return min(found) if found else len(page.lines)


class _Boxes:
    """Boxes 1-6 above Table I: a label's value is the text below it, left of the next box's label."""

    def __init__(self, page: _Page, stop: int) -> None:
        self.page = page
        self.stop = stop
        self.numbers = [
            (i, w) for i, line in enumerate(page.lines[:stop]) for w in line.words if _BOX.match(w.text)
        ]

    def _region(self, phrase: str) -> list[str]:
        hit = self.page.find(phrase, 0, self.stop)
        if hit is None:
            return []
        row, col = hit
        line = self.page.lines[row]
        left = line.words[col].x0
        numbers = [w.x0 for w in line.words[: col + 1] if _BOX.fullmatch(w.text)]
        if numbers:  # the box's number ("2.") before its label's words
            left = numbers[-1]
        tol = self.page.tol
        below = min(
            (i for i, w in self.numbers if i > row and abs(w.x0 - left) <= 4 * tol), default=self.stop
        )
        out: list[str] = []
        for i in range(row + 1, below):
            # the box ends at the next box on its right that has begun by this line (a box that starts
            # lower down, such as Form 3's box 5 under box 3's value, does not cut the lines above it)
            right = min(
                (w.x0 for j, w in self.numbers if j <= i and w.x0 > left + 3 * tol), default=float("inf")
            )
            words = [w for w in self.page.lines[i].words if left - 4 * tol <= w.x0 < right - tol]
            text = join_words(w.text for w in words)
            if text and not text.startswith("(") and not _BOX.match(text):
                out.append(text)
        return out

    def text(self, phrase: str) -> str | None:
        region = self._region(phrase)
        if not region:
            return None
        if "Ticker" in phrase:  # an issuer name that wraps ends at its "[SYMBOL]"
            taken: list[str] = []
            for text in region[:3]:
                taken.append(text)
                if "]" in text:
                    break
            return join_words(taken)
        return join_words(region[:1])

    def date(self, phrase: str) -> date | None:
        for text in self._region(phrase)[:2]:
            match = _DATE_WORD.search(text)
            if match:
                return parse_us_date(match[0])
        if not self.page.pdf and (hit := self.page.find(phrase, 0, self.stop)) is not None:
            # layout text: a date pushed left into the box before it (_layout_text.pushed_date)
            row, col = hit
            below = [line.words for line in self.page.lines[row + 1 : min(row + 3, self.stop)]]
            pushed = pushed_date(below, self.page.lines[row].words[col].x0)
            return parse_us_date(pushed) if pushed else None
        return None

    def ticked(self, label: str) -> bool | None:
        """``__X__ Director``: the word before the label is underscores (ticked when it holds an X);
        None when the label is not printed or its box is a drawn checkbox."""
        hit = self.page.find(label, 0, self.stop)
        if hit is None:
            return None
        row, col = hit
        if col == 0:
            return None
        before = self.page.lines[row].words[col - 1].text
        if re.fullmatch(r"_*\[?X\]?_*", before, re.IGNORECASE) and "X" in before.upper():
            return True
        if re.fullmatch(r"_+|\[\s*\]", before):
            return False
        return None


def _table(  # noqa: PLR0917
    page: _Page,
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
    for row in rows:
        cells: dict[str, Cell] = {}
        for col, words in row.items():
            cells[col] = split_markers(join_words(w.text for w in _reading_order(words, page.height)))
        out.append(cells)
    return out


def _by_anchor(placed: list[tuple[str, Word]], anchors: list[float]) -> list[dict[str, list[Word]]]:
    """Words to the row of the nearest anchor. A word halfway between two anchors (layout text has
    whole lines only) goes where it balances its cell around the anchor, cells being centred."""
    rows: list[dict[str, list[Word]]] = [{} for _ in anchors]
    ties: list[tuple[str, Word, int, int]] = []
    for col, word in placed:
        order = sorted(range(len(anchors)), key=lambda j: abs(anchors[j] - word.middle))
        if (
            len(order) > 1
            and abs(abs(anchors[order[0]] - word.middle) - abs(anchors[order[1]] - word.middle)) < 1e-6
        ):
            ties.append((col, word, min(order[:2]), max(order[:2])))
        else:
            rows[order[0]].setdefault(col, []).append(word)
    for col, word, upper, lower in ties:
        # the lower row's cell has lines below its anchor: this line above it balances them
        below = sum(w.middle - anchors[lower] for w in rows[lower].get(col, []))
        rows[lower if below > 0 else upper].setdefault(col, []).append(word)
    return rows


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


def _reading_order(words: list[Word], height: float) -> list[Word]:
    """Words of one cell, line by line: baselines within 60% of a line height are one line (a raised
    footnote marker stays on its line)."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.bottom):
        if rows and abs(rows[-1][-1].bottom - word.bottom) <= 0.6 * height:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [w for row in rows for w in sorted(row, key=lambda w: w.x0)]


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


_STOP_EXPLAIN = ("Note:", "Potential persons", "Reminder:", "Signatures", "Reporting Owners")
_NOTE_MARK = re.compile(r"\((\d{1,3})\)")


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


def _explanations(page: _Page, *, spaced: bool) -> tuple[tuple[Footnote, ...], str | None]:
    """Footnotes and the text after "Remarks:", below "Explanation of Responses:".

    The stylesheets print the footnotes as a two-column table after the rows ``*`` and ``**``: the
    marker ``(N)`` in the left cell, the text in the right one, and the marker is centred against its
    text (``<td>`` default vertical alignment). So a marker often sits beside the middle line of its
    note, or between two lines, never reliably at its first line: the text lines are split into one run
    per marker so that each run's centre comes closest to its marker (:func:`_split_by_centres`).
    """
    # the heading starts its line ("See Explanation of Responses" can be an owner's "Other" text)
    start = next(
        (i for i, line in enumerate(page.lines) if line.text.startswith("Explanation of Responses")), None
    )
    if start is None:
        hit = page.find("Explanation of Responses")
        if hit is None:
            return (), None
        start = hit[0]
    region: list[Line] = []
    remark_lines: list[str] | None = None
    for line in page.lines[start + 1 :]:
        text = line.text
        if text.startswith(_STOP_EXPLAIN):
            if remark_lines is not None or region:
                break
            continue
        if remark_lines is not None:
            remark_lines.append(text)
        elif text.startswith("Remarks:"):
            remark_lines = [text[len("Remarks:") :].strip()]
        else:
            region.append(line)
    remark = join_words(remark_lines) if remark_lines else None
    return _footnotes(region, page.tol, spaced=spaced), remark or None


def _footnotes(region: list[Line], tol: float, *, spaced: bool) -> tuple[Footnote, ...]:
    """The footnote table's lines -> footnotes, by the centring of each marker against its text;
    ``spaced``: rows are further apart than lines (a PDF; layout text has whole lines only)."""
    start, text_left = 0, None
    for i, line in enumerate(region):
        if line.words[0].text.startswith("*"):  # the "*" and "**" rows: their text column is the notes'
            start = i + 1
            if len(line.words) > 1:
                text_left = line.words[1].x0
    markers: list[tuple[float, str]] = []
    rows: list[tuple[float, str]] = []
    for line in region[start:]:
        words = list(line.words)
        first = words[0]
        if _NOTE_MARK.fullmatch(first.text) and (text_left is None or first.x1 <= text_left + tol):
            markers.append((first.middle, f"F{_NOTE_MARK.fullmatch(first.text)[1]}"))  # type: ignore[index]
            words = words[1:]
            if text_left is None and words:
                text_left = words[0].x0
        if words:
            rows.append((sum(w.middle for w in words) / len(words), " ".join(w.text for w in words)))
    if not markers:
        return ()
    runs = _split_by_centres([y for y, _ in rows], [y for y, _ in markers], spaced=spaced)
    return tuple(
        Footnote(id=note_id, text=join_words(rows[j][1] for j in run))
        for (_, note_id), run in zip(markers, runs, strict=True)
    )


def _split_by_centres(ys: list[float], marks: list[float], *, spaced: bool) -> list[range]:
    """Consecutive runs of the lines at ``ys``, one per marker at ``marks`` (both top to bottom), that
    put each marker nearest the centre of its run, by dynamic programming over the least total cost.

    The gaps between lines help where they differ: rows of the footnote table are further apart than
    the lines of one note (cell padding), so a run that holds a row-sized gap, or a cut inside a
    paragraph, costs extra; a page break (a gap of several lines) is neutral, and a note broken across
    pages is centred on its first part. With fewer lines than markers, a line goes to its nearest
    marker and the others stay empty."""
    n, k = len(ys), len(marks)
    if n < k or n * n * k > 4_000_000:
        nearest: list[list[int]] = [[] for _ in marks]
        for j, y in enumerate(ys):
            nearest[min(range(k), key=lambda i: abs(marks[i] - y))].append(j)
        return [range(r[0], r[-1] + 1) if r else range(0) for r in nearest]
    gaps = [ys[j + 1] - ys[j] for j in range(n - 1)]
    pitch = sorted(gaps)[len(gaps) // 2] if gaps else 1.0
    # per gap j (between lines j and j+1): 0 = within a note, 1 = between rows, 2 = a page break
    kind = [0 if g < 1.2 * pitch else (2 if g > 3 * pitch else 1) for g in gaps]
    penalty = 2 * pitch if spaced and any(x == 1 for x in kind) and any(x == 0 for x in kind) else 0.0
    inf = float("inf")
    best = [[inf] * (n + 1) for _ in range(k + 1)]
    back = [[0] * (n + 1) for _ in range(k + 1)]
    best[0][0] = 0.0
    for i in range(1, k + 1):
        mark = marks[i - 1]
        for a in range(i - 1, n - (k - i)):
            if best[i - 1][a] == inf:
                continue
            # the boundary before line a: a cut inside a paragraph costs extra
            base = best[i - 1][a] + (penalty if a > 0 and kind[a - 1] == 0 else 0.0)
            first_end, inner = a, 0.0
            for j in range(a + 1, n - (k - i) + 1):  # the run is lines a .. j-1
                if j - 1 > a:
                    g = kind[j - 2]
                    if g == 1:
                        inner += penalty
                    if g != 2 and first_end == j - 2:
                        first_end = j - 1
                cost = base + inner + abs((ys[a] + ys[first_end]) / 2 - mark)
                if cost < best[i][j]:
                    best[i][j], back[i][j] = cost, a
    runs: list[range] = []
    j = n
    for i in range(k, 0, -1):
        a = back[i][j]
        runs.append(range(a, j))
        j = a
    return runs[::-1]


def _owners(page: _Page) -> tuple[ReportingOwner, ...]:
    """The "Reporting Owners" table: name and address lines in the first column, and the
    Director / 10% Owner / Officer / Other columns (a tick ``X``, the officer title, the other text)."""
    hit = page.find("Reporting Owner Name")
    if hit is None:
        return ()
    head = page.find("Director", hit[0])
    if head is None:
        return ()
    words = page.lines[head[0]].words

    def x_of(text: str) -> float | None:
        return next((w.x0 for w in words if w.text.startswith(text)), None)

    cols = [
        ("director", x_of("Director")),
        ("ten", x_of("10%")),
        ("officer", x_of("Officer")),
        ("other", x_of("Other")),
    ]
    if any(x is None for _, x in cols):
        return ()
    xs = [(n, float(x) - 3 * page.tol) for n, x in cols if x is not None]
    # the section after the table starts a line ("See Explanation of Responses" can be an owner's
    # "Other" text)
    ends = ("Signatures", "Explanation of Responses", "Reminder:")
    stop = next(
        (i for i in range(head[0] + 1, len(page.lines)) if page.lines[i].text.startswith(ends)),
        len(page.lines),
    )
    placed: list[tuple[str, Word]] = []
    for line in page.lines[head[0] + 1 : stop]:
        owner_cols = None if page.pdf else owner_columns(words, line.words)  # layout text
        if owner_cols is not None:
            placed.extend(zip(owner_cols, line.words, strict=True))
            continue
        for w in line.words:
            # ticks and texts are centred under their heads; the name and address lines are left-aligned
            # in the first column, so a word that starts there is the first column's ("FLOOR 15" can end
            # under "Director")
            col = "name"
            for n, x in xs:
                if (w.x0 + w.x1) / 2 >= x and w.x0 >= xs[0][1]:
                    col = n
            placed.append((col, w))
    anchors = sorted({round(w.middle, 2) for c, w in placed if c != "name"})
    if not anchors:
        anchors = [placed[0][1].middle] if placed else []
    # the borders between owners: below the first owner's top (the heading's borders differ by column)
    body_top = min((w.top for _, w in placed), default=0.0)
    banded = _by_rules(placed, [r for r in page.rules if r[2] > body_top]) if page.pdf else None
    rows = banded if banded is not None else _by_anchor(placed, anchors)
    owners: list[ReportingOwner] = []
    for row in rows:
        name_lines = [join_words([line.text]) for line in lines_of(row.get("name", []), page.height * 0.4)]
        name, address = _address(name_lines)
        cell = {n: join_words(w.text for w in _reading_order(row.get(n, []), page.height)) for n, _ in xs}
        owners.append(
            ReportingOwner(
                rpt_owner_name=name,
                address=address,
                relationship=Relationship(
                    is_director=bool(cell["director"]),
                    is_ten_percent_owner=bool(cell["ten"]),
                    is_officer=bool(cell["officer"]),
                    is_other=bool(cell["other"]),
                    officer_title=cell["officer"] or None,
                    other_text=cell["other"] or None,
                ),
            )
        )
    return tuple(owners)


def _by_rules(placed: list[tuple[str, Word]], rules: Sequence[Rule]) -> list[dict[str, list[Word]]] | None:
    """Words to the rows of a table whose cells have drawn bottom borders (PDFs; the stylesheets' ``td``
    rule ``border-bottom-width: 1``): a word's row is the number of borders under its cell above it. A row
    broken across two pages has no border at the break, so its two parts stay one row. None when no
    border lies under the first column's words (nothing to count by)."""
    name_words = [w for c, w in placed if c == "name"]
    if not name_words or not rules:
        return None
    left, right = min(w.x0 for w in name_words), max(w.x1 for w in name_words)
    if not any(x0 < right and x1 > left for x0, x1, _ in rules):
        return None
    bands: dict[int, dict[str, list[Word]]] = {}
    for col, word in placed:
        band = sum(1 for x0, x1, y in rules if y < word.middle and x0 < word.x1 and x1 > word.x0)
        bands.setdefault(band, {}).setdefault(col, []).append(word)
    return [bands[b] for b in sorted(bands)]


def _signatures(page: _Page) -> tuple[Signature, ...]:
    """The blocks under "Signatures", each closed by its "** Signature of Reporting Person  Date" line:
    the name in reading order (it may wrap) and the date, the one word that reads as a date."""
    hit = page.find("Signatures")
    if hit is None:
        return ()
    out: list[Signature] = []
    block: list[Word] = []
    for line in page.lines[hit[0] + 1 :]:
        text = line.text
        if "Signature of Reporting Person" in text:
            dates = [w for w in block if parse_us_date(w.text) is not None]
            when = parse_us_date(dates[-1].text) if dates else None
            name = join_words(w.text for w in _reading_order([w for w in block if w not in dates], 0.0))
            if name or when:
                out.append(Signature(signature_name=name or None, signature_date=when))
            block = []
        elif text.startswith(("Reminder:", "Note:", "Potential persons", "Explanation of Responses")):
            break
        elif not {w.text for w in line.words} <= {"**", "Date"}:  # layout text: the label's first line
            block.extend(line.words)
    return tuple(out)
