"""Reading a printed Form 3, 4 or 5 from words and their places on the page: the shared core of the PDF
reader (``rendered_pdf``: word boxes from the PDF's text layer) and of the column-keeping converter text
(``pdftotext -layout``: a word's place is its character column and line).

The print is the SEC view (spec.md section 5): boxes 1-6 at the top, each a numbered label with its value
below it; Tables I and II with numbered column labels (and sub-columns such as "Code", "V", "(A)", "(D)"),
one row per filed row with its cells vertically centred; "Reporting Owners", "Signatures" and "Explanation
of Responses". Cells are assigned to columns by where their words start, and words to rows by the nearest
row anchor (the single-line "Ownership Form" cell, column 6/10 of Form 4, 3/5 of Form 3). Values are read
with the stylesheets' display rules (``_rendered``). Nothing is guessed: a value that is not found stays
None. Each value says where it was read (issue 5; :attr:`OwnershipDocument.places`): its line, as
``"page P, line L"`` in a PDF or ``"line N"`` in layout text, and a table cell's row and column after it.

The parts live by concern: the page model (words, lines, the page: ``_page``), Tables I and II
(``_positioned_tables``), the Reporting Owners table and the signatures (``_positioned_owners``) and the
footnotes and remarks (``_positioned_notes``); here the boxes above the tables and the document.

Pure: words in, model out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
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
    "READ_CONFIDENCE",
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


# The reader's share of visible fields read right on the project's benchmark of rendered corpus filings
# (bench/bench_rendered.py, 269 filings): PDFs 100.00%, ``pdftotext -layout`` text 99.21%.
READ_CONFIDENCE = {"PDF": 1.0, "layout text": 0.99}


def read_positioned(
    lines: list[Line],
    *,
    tol: float,
    height: float,
    kind: str,
    source: str | None,
    rules: Sequence[Rule] = (),
    page_tops: Sequence[float] = (),
) -> tuple[OwnershipDocument, tuple[str, ...]]:
    """The document printed on ``lines`` and reader notes. Raises :class:`UnsupportedFormat` when the
    lines are not a printed Form 3, 4 or 5. Each value's place (issue 5) is its line: ``"page P, line
    L"`` for a PDF (``page_tops``: where each page after the first begins), ``"line N"`` for layout text,
    with the table and cell for Tables I and II."""
    page = Page(lines, tol, height, kind == "PDF", rules, page_tops=page_tops)
    head = " ".join(line.text for line in lines[:40]).upper()
    form_match = re.search(r"\bFORM\s+([345])\b", head)
    if form_match is None or "BENEFICIAL OWNERSHIP" not in head:
        raise UnsupportedFormat(
            f"{kind} that is not a printed Form 3, 4 or 5 (no 'FORM 3/4/5' box and statement title)",
            source=source,
            line=1,
        )
    form = form_match[1]
    unread = Unread(confidence=READ_CONFIDENCE.get(kind, 1.0))
    t1 = page.find("Table I -")
    t2 = page.find("Table II -")
    end_top = t1[0] if t1 else (t2[0] if t2 else len(lines))
    boxes = _Boxes(page, end_top)

    # Box 2 (Form 3) wraps its label over two lines in the X06 stylesheets: the short phrase finds it
    period_labels = {
        "3": ("Date of Event Requiring Statement", "Date of Event"),
        "5": ("Fiscal Year Ended",),
    }.get(form, ("Date of Earliest Transaction", "Date of Earliest"))
    original_label = "Date Original Filed"
    original = boxes.date(original_label)
    if original is None:
        original_label = "Date of Original Filed"
        original = boxes.date(original_label)
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

    footnotes, remarks = read_explanations(page, spaced=kind == "PDF", unread=unread)
    owners, owner_places = read_owners(page)
    tick_labels = {
        "is_director": "Director",
        "is_ten_percent_owner": "10% Owner",
        "is_officer": "Officer (give title",
        "is_other": "Other (specify",
    }
    ticks = Relationship(
        is_director=boxes.ticked("Director"),
        is_ten_percent_owner=boxes.ticked("10% Owner"),
        is_officer=boxes.ticked("Officer (give title"),
        is_other=boxes.ticked("Other (specify"),
    )
    if owners and ticks.is_director is not None:
        if not page.pdf:  # layout text: an officer title printed nearer "Other" (_layout_text)
            owners = (title_by_box5(owners[0], ticks), *owners[1:])
            texts = owner_places[0]
            text_place = texts.get("relationship.officer_title") or texts.get("relationship.other_text")
            if text_place:
                texts["relationship.officer_title"] = texts["relationship.other_text"] = text_place
        owners = (_with_relationship(owners[0], ticks), *owners[1:])
        for flag, label in tick_labels.items():  # a tick in box 5 counts where the table has none
            if getattr(ticks, flag) and boxes.where(label):
                owner_places[0][f"relationship.{flag}"] = boxes.where(label)
    elif not owners:
        name = boxes.text("Name and Address of Reporting Person")
        if name:
            owners = (ReportingOwner(rpt_owner_name=name, relationship=ticks),)
            here = boxes.where("Name and Address of Reporting Person")
            owner_places = [{"rpt_owner_name": here}]
            for flag, label in tick_labels.items():
                owner_places[0][f"relationship.{flag}"] = boxes.where(label)
    for k, places in enumerate(owner_places):
        for path, where in places.items():
            unread.place(f"reporting_owners[{k}].{path}", where)
    signatures = read_signatures(page, unread)
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
        owner_signatures=signatures,
        unparsed=tuple(unread.items),
    )
    _place_top(doc, page, boxes, unread, period_labels, original_label)
    doc = replace(doc, places=tuple(unread.places))
    notes = (
        f"recovered from a rendered copy ({kind}): CIKs, schema version and codes not printed; "
        "checkboxes drawn as graphics are not read",
        *rendered_notes(doc),
    )
    return doc, notes


def _place_top(  # noqa: PLR0917
    doc: OwnershipDocument,
    page: Page,
    boxes: _Boxes,
    unread: Unread,
    period_labels: tuple[str, ...],
    original_label: str,
) -> None:
    """The places of the values above the tables: the form's number, the boxes and the checkboxes."""
    form_line = next((i for i, line in enumerate(page.lines[:40]) if _FORM_WORD.search(line.text.upper())), 0)
    # "Form 4/A": the form's number and, for an amendment, the box 4 date that makes it one
    unread.place("document_type", page.where_line(form_line))
    unread.place("period_of_report", next(filter(None, map(boxes.where, period_labels)), ""))
    unread.place("date_of_original_submission", boxes.where(original_label))
    if doc.no_securities_owned:
        hit = page.find("No securities are beneficially owned")
        unread.place("no_securities_owned", page.where_line(hit[0]) if hit else "")
    for path, label in (
        ("not_subject_to_section16", "Check this box if no longer"),
        ("aff10b5_one", "Check this box to indicate"),
        ("form3_holdings_reported", "Form 3 Holdings Reported"),
        ("form4_transactions_reported", "Form 4 Transactions Reported"),
    ):
        if getattr(doc, path) is not None:
            unread.place(path, boxes.where(label))
    unread.place("issuer.issuer_name", boxes.where("Ticker or Trading Symbol"))
    unread.place("issuer.issuer_trading_symbol", boxes.where("[") or boxes.where("Ticker or Trading Symbol"))


_FORM_WORD = re.compile(r"\bFORM\s+[345]\b")


def _first(page: Page, phrases: tuple[str, ...], start: int) -> int:
    found = [hit[0] for p in phrases if (hit := page.find(p, start)) is not None]
    return min(found) if found else len(page.lines)


class _Boxes:
    """Boxes 1-6 above Table I: a label's value is the text below it, left of the next box's label."""

    def __init__(self, page: Page, stop: int) -> None:
        self.page = page
        self.stop = stop
        self.at: dict[str, int] = {}  # label phrase -> the line its value was read from
        self.numbers = [
            (i, w) for i, line in enumerate(page.lines[:stop]) for w in line.words if _BOX.match(w.text)
        ]

    def _region(self, phrase: str) -> list[tuple[int, str]]:
        """The texts below ``phrase``'s label, each with its line's index."""
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
        out: list[tuple[int, str]] = []
        for i in range(row + 1, below):
            # the box ends at the next box on its right that has begun by this line (a box that starts
            # lower down, such as Form 3's box 5 under box 3's value, does not cut the lines above it)
            right = min(
                (w.x0 for j, w in self.numbers if j <= i and w.x0 > left + 3 * tol), default=float("inf")
            )
            words = [w for w in self.page.lines[i].words if left - 4 * tol <= w.x0 < right - tol]
            text = join_words(w.text for w in words)
            if text and not text.startswith("(") and not _BOX.match(text):
                out.append((i, text))
        return out

    def text(self, phrase: str) -> str | None:
        region = self._region(phrase)
        if not region:
            return None
        self.at[phrase] = region[0][0]
        if "Ticker" in phrase:  # an issuer name that wraps ends at its "[SYMBOL]"
            taken: list[str] = []
            for i, text in region[:3]:
                taken.append(text)
                if "]" in text:
                    self.at["["] = i  # the line that ends with the trading symbol
                    break
            return join_words(taken)
        return join_words(text for _, text in region[:1])

    def date(self, phrase: str) -> date | None:
        for i, text in self._region(phrase)[:2]:
            match = _DATE_WORD.search(text)
            if match:
                self.at[phrase] = i
                return parse_us_date(match[0])
        if not self.page.pdf and (hit := self.page.find(phrase, 0, self.stop)) is not None:
            # layout text: a date pushed left into the box before it (_layout_text.pushed_date)
            row, col = hit
            below = [line.words for line in self.page.lines[row + 1 : min(row + 3, self.stop)]]
            pushed = pushed_date(below, self.page.lines[row].words[col].x0)
            if pushed:
                self.at[phrase] = next(
                    (row + 1 + k for k, words in enumerate(below) if any(pushed in w.text for w in words)),
                    row + 1,
                )
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
        self.at[label] = row
        before = self.page.lines[row].words[col - 1].text
        if re.fullmatch(r"_*\[?X\]?_*", before, re.IGNORECASE) and "X" in before.upper():
            return True
        if re.fullmatch(r"_+|\[\s*\]", before):
            return False
        return None

    def where(self, key: str) -> str:
        """The place of the value last read for ``key`` (a label phrase), empty when none was."""
        i = self.at.get(key)
        return "" if i is None else self.page.where_line(i)
