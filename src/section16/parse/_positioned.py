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

The parts live by concern: the page model (words, lines, the page: ``_page``), Tables I and II
(``_positioned_tables``), the Reporting Owners table and the signatures (``_positioned_owners``) and the
footnotes and remarks (``_positioned_notes``); here the boxes above the tables and the document.

Pure: words in, model out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from section16.errors import UnsupportedFormat
from section16.model import (
    DerivativeRow,
    DocumentType,
    Issuer,
    NonDerivativeRow,
    OwnershipDocument,
    Relationship,
    ReportingOwner,
)
from section16.parse._layout_text import pushed_date, title_by_box5
from section16.parse._page import (
    SOFT_HYPHEN,
    Line,
    Page,
    Rule,
    Word,
    join_words,
    layout_lines,
    lines_of,
)
from section16.parse._positioned_notes import read_explanations, split_by_centres
from section16.parse._positioned_owners import read_owners, read_signatures
from section16.parse._positioned_tables import T1_3, T1_45, T2_3, T2_45, read_table
from section16.parse._rendered import (
    Unread,
    derivative_row,
    form5_coding,
    non_derivative_row,
    parse_us_date,
)
from section16.parse._rendered_checks import rendered_notes
from section16.parse.rendered_html import _issuer, _with_relationship

__all__ = [
    "SOFT_HYPHEN",
    "Line",
    "Rule",
    "Word",
    "join_words",
    "layout_lines",
    "lines_of",
    "read_positioned",
]

_split_by_centres = split_by_centres  # the plain-text reader's name for it (rendered_plain)

_BOX = re.compile(r"^([1-7])\.")
_DATE_WORD = re.compile(r"\d{1,2}/\d{1,2}/\d{4}")


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
    page = Page(lines, tol, height, kind == "PDF", rules)
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
        layout = T1_3 if form == "3" else T1_45
        for i, cells in enumerate(read_table(page, t1[0], stop, layout, unread, "nonDerivativeTable")):
            cells = form5_coding(cells) if form == "5" else cells  # noqa: PLW2901
            table1.append(non_derivative_row(cells, f"/nonDerivativeTable/row[{i + 1}]", unread))
    if t2 is not None:
        stop = _first(page, ("Explanation of Responses", "Reporting Owners", "Signatures"), t2[0] + 1)
        layout = T2_3 if form == "3" else T2_45
        for i, cells in enumerate(read_table(page, t2[0], stop, layout, unread, "derivativeTable")):
            cells = form5_coding(cells) if form == "5" else cells  # noqa: PLW2901
            table2.append(derivative_row(cells, f"/derivativeTable/row[{i + 1}]", unread))

    footnotes, remarks = read_explanations(page, spaced=kind == "PDF")
    owners = read_owners(page)
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
        owner_signatures=read_signatures(page),
        unparsed=tuple(unread.items),
    )
    notes = (
        f"recovered from a rendered copy ({kind}): CIKs, schema version and codes not printed; "
        "checkboxes drawn as graphics are not read",
        *rendered_notes(doc),
    )
    return doc, notes


def _first(page: Page, phrases: tuple[str, ...], start: int) -> int:
    found = [hit[0] for p in phrases if (hit := page.find(p, start)) is not None]
    return min(found) if found else len(page.lines)


class _Boxes:
    """Boxes 1-6 above Table I: a label's value is the text below it, left of the next box's label."""

    def __init__(self, page: Page, stop: int) -> None:
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
