"""Reading plain ``pdftotext`` text (no ``-layout``) of a printed Form 3, 4 or 5 back into an
:class:`~section16.model.OwnershipDocument`.

Plain pdftotext prints the page in its own reading order, one block of lines per cell or paragraph,
blocks separated by blank lines, with no columns: a label stands on its own line ("(Street)",
"Reporting Owners") and a value on the lines near it, the boxes in any order. The reader works on
those lines:

- boxes 1-6 of the view (spec.md section 5) by their labels' words: the form number, the issuer line
  ``NAME [SYMBOL]``, each box's date as the first date after its label (the period; the date of the
  original filing, which makes an amendment), the box-5 ticks ``__X__ Director``;
- the "Reporting Owners" table: each owner's name and address lines, closed by the ``CITY, ST ZIP``
  line, and the ``X`` ticks and titles printed after them;
- the signature blocks, each closed by "Signature of Reporting Person", with the dates in order;
- "Explanation of Responses": footnotes split by the centring of their markers, and "Remarks:";
- Tables I and II from their cells (``_plain_tables``).

The browser's print header and footer (time, page title, ``file:`` URL, page numbers) are skipped, and
a hyphen pdftotext dropped when it joined a broken word is put back where the document prints the word
whole. Nothing is guessed: what the text does not show (CIKs, schema version, the drawn checkboxes
"no longer subject to Section 16" and "10b5-1(c)", the (A)/(D) column of Table II unless the amount
is printed between its sub-headings or the row's own numbers tell it, ``_plain_chain``) stays None.

Each value carries where it was read (``OwnershipDocument.places``, issue 5): ``"line N"``, the 1-based
line of the text as given (a form feed ends a page, not a line), with the reader's confidence, its
share of fields read right on the project's benchmark (0.98); a value a rule moved (the holdings
arithmetic's rearrangement, a marker moved to its column) keeps the line it was read from, a flag that
follows from another box the place of that box, and Table II's (A)/(D) deduced from the amounts owned
the place of its amount with the low confidence of a deduction (``DEDUCED``).

Pure: text in, model out.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from datetime import date
from itertools import accumulate

from section16.errors import UnsupportedFormat
from section16.model import (
    DocumentType,
    Footnote,
    Issuer,
    OwnershipDocument,
    Relationship,
    ReportingOwner,
    Signature,
    ValuePlace,
)
from section16.parse._plain_cells import numbered, where
from section16.parse._plain_chain import acquired_disposed_by_arithmetic
from section16.parse._plain_tables import read_tables
from section16.parse._positioned import SOFT_HYPHEN, _split_by_centres, join_words
from section16.parse._positioned_notes import runs_from_back
from section16.parse._rendered import DEDUCED, Unread, parse_us_date
from section16.parse._rendered_checks import rendered_notes
from section16.parse.rendered_html import _CITY_STATE_ZIP, _address, _issuer

__all__ = ["is_plain_text", "plain_lines", "read_rendered_plain"]

# Chromium's print header ("11/24/26, 6:33 PM", the page title) and footer (the page's URL, "1/2").
_CHROME = re.compile(
    r"^(\d{1,2}/\d{1,2}/\d{2},\s+\d{1,2}:\d{2}\s*[AP]M|Ownership Submission"
    r"|(file|https?|about):\S*|\d{1,3}/\d{1,3})$"
)
_FORM = re.compile(r"^FORM\s+([345])$")
_DATE_LINE = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$")
# a box's date may share its line with the text of a neighbouring box ("2800 SAND HILL 05/31/2018")
_DATE_END = re.compile(r"(?:^|\s)(\d{1,2}/\d{1,2}/\d{4})$")
# Box 5 (Form 4/5) or box 4 (Form 3): "__X__ Director", "_____ Officer (give title below)".
_TICK = re.compile(r"(_*X?_*)\s+(Director|10% Owner|Officer \(give|Other \(specify)")
_NOTE = re.compile(r"^\((\d{1,3})\)\s*(.*)$")
_OWN_LABELS = frozenset({"Director", "10%", "Owner", "Officer", "Other"})
# Labels printed on lines of their own only by plain pdftotext (layout text puts them beside others).
_OWN_LINE = re.compile(r"^\s*\((?:Street|City|State|Zip|Last|First|Middle)\)\s*$", re.MULTILINE)
_WIDE = re.compile(r"\S {3,}\S")


def is_plain_text(text: str) -> bool:
    """Plain pdftotext output: no tabs or markdown headings, few runs of spaces, and the view's box-1
    labels ("(Street)", "(City)", ...) each on a line of its own."""
    if "\t" in text or re.search(r"^#{1,6} ", text, re.MULTILINE):
        return False
    own = len(_OWN_LINE.findall(text))
    return own >= 3 and len(_WIDE.findall(text)) < max(3, text.count("\n") // 20)


def plain_lines(text: str) -> list[str]:
    """The text's lines as the reader reads them (:func:`lines_and_numbers`)."""
    return lines_and_numbers(text)[0]


def lines_and_numbers(text: str) -> tuple[list[str], list[int]]:
    """The text's lines, stripped, without the browser's print header and footer (a page break joins
    the blocks around it); blank lines (block breaks) are kept as ``""``. Plain pdftotext joins a word
    that the print broke after its hyphen and drops the hyphen (``FF-`` / ``VIIP`` -> ``FFVIIP``):
    where the same document prints the word whole with its hyphen, the hyphen is put back. Beside
    them, each line's 1-based number in ``text`` (0 for a blank line), which names its values' place."""
    # a form feed (a page's end) breaks a line as a newline does, but the lines keep their numbers in
    # the text as given (``sed -n Np``), so it is split off last; no rewriting below spans a line
    text = text.replace("\r\n", "\n").replace("\xa0", " ")
    hyphenated = {
        joined: word for word in _HYPHENATED.findall(text) if (joined := word.replace("-", "")) in text
    }
    if hyphenated:
        text = _WORD.sub(lambda m: hyphenated.get(m[0], m[0]), text)
    # "Non-" before a capitalised word is always written with its hyphen ("Non-Qualified Stock
    # Option"): joined to the next line's word as "NonQualified", the hyphen was the line's end
    text = _NON.sub("Non-", text)
    # so is a compound of a number word and a unit of time ("four-" / "year period" -> "fouryear")
    text = _hyphenate_units(text)
    # a dash between spaces that ended a printed line is dropped the same way ("Fund III -" /
    # "Endurance" -> "Fund III Endurance")
    for left, right in set(_SPACED_DASH.findall(text)):
        text = re.sub(rf"\b{left} {right}\b", f"{left} - {right}", text)
    numbers = list(range(1, text.count("\n") + 2))
    # each form feed splits its row in two pieces of the same number
    for row in reversed([text.count("\n", 0, feed.start()) for feed in re.finditer("\f", text)]):
        numbers.insert(row, row + 1)
    rows = text.replace("\f", "\n").split("\n")
    out: list[str] = []
    kept: list[int] = []
    after_break = False  # blank lines right after a page break are not a block break
    for raw, number in zip(rows, numbers, strict=True):
        line = " ".join(raw.split())
        if _CHROME.match(line):
            while out and out[-1] == "":
                out.pop()
                kept.pop()
            after_break = True
        elif line:
            out.append(line)
            kept.append(number)
            after_break = False
        elif not after_break:
            out.append(line)
            kept.append(0)
    return out, kept


_HYPHENATED = re.compile(r"\b[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+\b")
_WORD = re.compile(r"\b[A-Za-z0-9]{4,}\b")
_NON = re.compile(r"\bNon(?=[A-Z][a-z])")
# a unit of time joined to the word before it ("fouryear"); the few matches are then checked
_JOINED_UNIT = re.compile(r"(?<=[a-z])(?:year|month|week|day|quarter)s?\b")
_NUMBER_WORDS = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "fifteen",
        "twenty",
        "thirty",
    ]
)


def _hyphenate_units(text: str) -> str:
    """``fouryear`` -> ``four-year``: a number word joined to a unit of time."""
    parts: list[str] = []
    last = 0
    for match in _JOINED_UNIT.finditer(text):
        head = re.search(r"[A-Za-z]+$", text[max(0, match.start() - 8) : match.start()])
        if head and head[0].lower() in _NUMBER_WORDS:
            parts += [text[last : match.start()], "-"]
            last = match.start()
    return "".join(parts) + text[last:] if parts else text


_SPACED_DASH = re.compile(r"\b([A-Za-z0-9]+) - ([A-Za-z0-9]+)\b")


def _index(lines: list[str], prefix: str, start: int = 0) -> int | None:
    return next((i for i in range(start, len(lines)) if lines[i].startswith(prefix)), None)


def read_rendered_plain(text: str, *, source: str | None = None) -> tuple[OwnershipDocument, tuple[str, ...]]:
    """Plain pdftotext text of a printed Form 3, 4 or 5 -> the document and reader notes. Raises
    :class:`UnsupportedFormat` when the text is not such a form."""
    lines, numbers = lines_and_numbers(text)
    form_at, form = next(
        ((i, m[1]) for i, line in enumerate(lines[:80]) if (m := _FORM.match(line))), (0, None)
    )
    t1 = _index(lines, "Table I -")
    if form is None or t1 is None:
        raise UnsupportedFormat(
            "plain text that is not a printed Form 3, 4 or 5 (no 'FORM 3/4/5' line or Table I)",
            source=source,
            line=1,
        )
    t2 = _index(lines, "Table II -", t1)
    owners_at = _index(lines, "Reporting Owner Name", t1)
    owners_title = _index(lines, "Reporting Owners", t1)
    signatures_at = _index(lines, "Signatures", owners_at or t1)
    explain_at = _index(lines, "Explanation of Responses", signatures_at or t1)
    head = lines[:t1]
    starts = [
        i for p in ("1.Title of Security", "1. Title of Security") if (i := _index(lines, p)) is not None
    ]
    t1_start = min([t1, *starts])
    t1_end = t2 if t2 is not None else (owners_at or len(lines))
    period_labels = {
        "3": ("Date of Event",),
        "5": ("Fiscal Year Ended",),
    }.get(form, ("Date of Earliest Transaction",))
    period = _date_after(lines, period_labels, t1_end)
    original = _date_after(lines, ("Date Original Filed", "Date of Original"), t1_end, alone=True)
    if original is not None and period is not None and original[0] == period[0]:
        original = None
    if period is None:  # the label was not found: the first date printed on a line of its own
        period = next(
            ((i, d) for i, line in enumerate(head) if _DATE_LINE.match(line) and (d := parse_us_date(line))),
            None,
        )
    ticks, tick_places = _ticks(lines[: t2 or owners_at or len(lines)], numbers)
    end_owners = signatures_at or explain_at or len(lines)
    owner_lines = _numbered(lines, numbers, owners_at + 1, end_owners) if owners_at is not None else []
    titles = _box5_titles(lines[: t2 or owners_at or len(lines)], set(owner_lines))
    # the reader's measured accuracy on the benchmark of rendered corpus filings
    # (bench/bench_rendered.py --formats text-plain: 38096/38872 visible fields = 98.00%)
    unread = Unread(confidence=0.98)
    unread.place("document_type", f"line {numbers[form_at]}")
    if period is not None:
        unread.place("period_of_report", f"line {numbers[period[0]]}")
    if original is not None:
        unread.place("date_of_original_submission", f"line {numbers[original[0]]}")
    owners = _owners(owner_lines, ticks, titles, tick_places, unread)
    issuer_at, issuer = _issuer_of(lines[:t1_end], numbers, unread)
    # boxes 1-6 may be printed among the rows of Table I: their values are not cells
    taken = {i for i in (period and period[0], original and original[0], issuer_at) if i is not None}
    values = _owner_strings(owners)
    notes_at = explain_at + 1 if explain_at is not None else len(lines)
    footnotes, remarks = _explanations(lines[notes_at:], numbers[notes_at:], unread)
    end2 = owners_title or owners_at or explain_at or len(lines)
    table1, table2 = read_tables(
        ["" if i in taken or lines[i] in values else lines[i] for i in range(t1_start, t1_end)],
        lines[t2:end2] if t2 is not None else [],
        form,
        unread,
        {note.id: note.text or "" for note in footnotes},
        numbers=(numbers[t1_start:t1_end], numbers[t2:end2] if t2 is not None else []),
    )
    table2, by_arithmetic = acquired_disposed_by_arithmetic(table2)
    read_at = {p.path: p.place for p in unread.places}
    for i, _ in by_arithmetic:
        # deduced from the amounts owned, not read: placed at the amount whose sub-column it names
        base = f"derivative_table[{i}]"
        amount = read_at.get(f"{base}.transaction_shares") or read_at.get(f"{base}.transaction_total_value")
        unread.place(f"{base}.transaction_acquired_disposed_code", amount or "", DEDUCED)
    signed_at, signed_end = (
        (signatures_at + 1, explain_at or len(lines)) if signatures_at is not None else (0, 0)
    )
    doc = OwnershipDocument(
        document_type=DocumentType(form + "/A" if original else form),
        period_of_report=period[1] if period else None,
        date_of_original_submission=original[1] if original else None,
        issuer=issuer or Issuer(),
        reporting_owners=owners,
        non_derivative_table=table1,
        derivative_table=table2,
        footnotes=footnotes,
        remarks=remarks,
        owner_signatures=_signatures(lines[signed_at:signed_end], numbers[signed_at:signed_end], unread),
        unparsed=tuple(unread.items),
        places=_places(unread),  # after every value above was read (and placed)
    )
    notes = (
        "recovered from a rendered copy (plain converted text): CIKs, schema version and codes not "
        "printed; checkboxes drawn as graphics are not read",
        *(
            f"derivativeTable/row[{i + 1}]/transactionAcquiredDisposedCode: deduced, not read "
            f"(confidence low: plain text does not place Table II's (A)/(D)); {rule}"
            for i, rule in by_arithmetic
        ),
        *rendered_notes(doc),
    )
    return doc, notes


def _places(unread: Unread) -> tuple[ValuePlace, ...]:
    """Where each value was read, in the order the reader read them: the first place said for a
    path (a value set from two cells, a code with its "V", keeps its first cell's). Only values are
    placed (the places of a value the reader then left None are taken back where it does so), so
    :func:`~section16.parse._rendered.value_paths` need not walk the document again."""
    first: dict[str, ValuePlace] = {}
    for place in unread.places:
        first.setdefault(place.path, place)
    return tuple(first.values())


def _numbered(lines: list[str], numbers: list[int], start: int, stop: int) -> list[str]:
    """``lines[start:stop]``, each that is not blank a :class:`~section16.parse._plain_cells.Line`
    that knows its number (the regions read line by line, whose lines the reader rearranges)."""
    return [numbered(lines[i], numbers[i]) if lines[i] else "" for i in range(start, min(stop, len(lines)))]


def _ticks(head: list[str], numbers: list[int]) -> tuple[Relationship, dict[str, str]]:
    """The box-5 ticks: ``__X__`` before a label ticks it, underscores alone leave it unticked; and
    the place of each label's tick (the line where its mark, or its label when it has none, starts)."""
    found: dict[str, bool] = {}
    places: dict[str, str] = {}
    joined = " ".join(head)
    lengths = list(accumulate(map(len, head), initial=0))  # line k starts at lengths[k] + k
    for match in _TICK.finditer(joined):
        label = match[2]
        if label not in found:
            found[label] = "X" in match[1]
            k = bisect_right(range(len(head)), match.start(), key=lambda k: lengths[k] + k) - 1
            places[label] = f"line {numbers[k]}"
    relationship = Relationship(
        is_director=found.get("Director"),
        is_ten_percent_owner=found.get("10% Owner"),
        is_officer=found.get("Officer (give"),
        is_other=found.get("Other (specify"),
    )
    return relationship, places


def _date_after(
    lines: list[str], labels: tuple[str, ...], stop: int, *, alone: bool = False
) -> tuple[int, date] | None:
    """A box's date: the first date printed at the end of a line (``alone``: on a line of its own)
    within the few lines after its label, before a table's column labels."""
    at = next((i for i in range(stop) if any(label in lines[i] for label in labels)), None)
    if at is None:
        return None
    for i in range(at + 1, min(stop, at + 16)):
        line = lines[i]
        if line.startswith(("1.Title", "1. Title", "Table I", "(Instr.")):
            return None
        match = (_DATE_LINE if alone else _DATE_END).search(line)
        if match and (when := parse_us_date(match[0].strip())):
            return i, when
    return None


def _issuer_of(head: list[str], numbers: list[int], unread: Unread) -> tuple[int | None, Issuer | None]:
    """Box 2 (Form 4/5) or 3 (Form 3): the first line after its label that holds ``[SYMBOL]``, joined
    with the lines of its block above it when the issuer's name wraps; and the line's index. The name
    is placed at its first line, the symbol at the line that holds it."""
    at = next((i for i, line in enumerate(head) if "Ticker or Trading Symbol" in line), None)
    if at is None:
        return None, None
    # the line may end with the last word of box 5's label beside it ("... to" / "Issuer"); a Form 3's
    # issuer line may come before its label (pdftotext's order of the boxes)
    after = [i for i in range(at + 1, min(len(head), at + 40)) if _ISSUER_LINE.search(head[i])]
    before = [i for i in range(max(0, at - 20), at) if _ISSUER_LINE.search(head[i])]
    for i in after[:1] or before[-1:]:
        start, first = i, (at + 1 if i > at else max(0, at - 20))
        while start > first and head[start - 1] and not head[start - 1].startswith(("(", "_")):
            if re.match(r"^\d\.", head[start - 1]):
                break
            start -= 1
        lines = [*head[start:i], head[i].removesuffix(" Issuer")]
        unread.place("issuer.issuer_name", f"line {numbers[start]}")
        unread.place("issuer.issuer_trading_symbol", f"line {numbers[i]}")
        return i, _issuer(join_words(lines))
    return None, None


_ISSUER_LINE = re.compile(r"\[[^\]]*\]( Issuer)?$")


def _owner_strings(owners: tuple[ReportingOwner, ...]) -> set[str]:
    """What boxes 1 and 5 print of the owners (names, address lines, titles)."""
    out: set[str] = set()
    for owner in owners:
        a, r = owner.address, owner.relationship
        parts = [owner.rpt_owner_name]
        if a is not None:
            parts += [a.rpt_owner_street1, a.rpt_owner_street2]
            if a.rpt_owner_city:
                out.add(f"{a.rpt_owner_city}, {a.rpt_owner_state or ''} {a.rpt_owner_zip_code or ''}".strip())
                out.update((a.rpt_owner_city, a.rpt_owner_zip_code or "", "UNITED STATES"))
        if r is not None:
            parts += [r.officer_title, r.other_text]
        out.update(p for p in parts if p)
    return out


def _owners(
    lines: list[str], ticks: Relationship, titles: set[str], tick_places: dict[str, str], unread: Unread
) -> tuple[ReportingOwner, ...]:
    """The "Reporting Owners" table: owner cells (name, address lines, ``CITY, ST ZIP``), then the
    ticks ``X`` and the officer title or other text of the Relationships columns. Each value is
    placed at its line; the first owner's relationship at box 5's ticks (``tick_places``), a further
    owner's at his ``X`` marks (their count says it), a flag nothing ticks at the owner's name."""
    body = [
        line for line in lines if line != "Relationships" and not (line and set(line.split()) <= _OWN_LABELS)
    ]
    ends = [i for i, line in enumerate(body) if _is_city_line(line, body[i - 1] if i else "")]
    if not ends:
        return ()
    if len(ends) == 1:
        body = _one_owner(body, ends[0], titles)
        ends = [i for i, line in enumerate(body) if _is_city_line(line, body[i - 1] if i else "")]
    cells: list[tuple[list[str], list[str]]] = []
    previous = -1
    for k, end in enumerate(ends):
        start = end
        # a tick "X" is never a cell's line (a page break may join it to the next owner's block)
        while start - 1 > previous and body[start - 1] and body[start - 1] != "X":
            start -= 1
        after_end = ends[k + 1] if k + 1 < len(ends) else len(body)
        # the owner cell of the next owner starts at the first line of its block
        nxt = after_end
        while k + 1 < len(ends) and nxt - 1 > end and body[nxt - 1] and body[nxt - 1] != "X":
            nxt -= 1
        cells.append((body[start : end + 1], [line for line in body[end + 1 : nxt] if line]))
        previous = end
    if len(cells) > 1 and not set(cells[0][1]) & titles:
        # box 5 prints the first owner's title: printed after a later owner's cell, it is still his
        for _, marks in cells[1:]:
            cells[0][1].extend(m for m in marks if m in titles)
            marks[:] = [m for m in marks if m not in titles]
    owners: list[ReportingOwner] = []
    for k, (cell, marks) in enumerate(cells):
        name, address = _address([join_words([line]) for line in cell])
        count = sum(1 for m in marks if m == "X")
        title = join_words(m for m in marks if m != "X") or None
        if k == 0 or len(cells) == 1:
            rel = _relationship(ticks, title)
        else:
            rel = _other_relationship(ticks, count, title)
            first = owners[0].relationship if owners else None
            if first is not None and title is not None and title == first.other_text:
                # the first owner's other text, which box 5 ticks as "Other": the same column
                rel = replace(rel, is_officer=False, officer_title=None, is_other=True, other_text=title)
        owners.append(ReportingOwner(rpt_owner_name=name, address=address, relationship=rel))
        _owner_places(
            f"reporting_owners[{k}]",
            cell,
            marks,
            relationship=rel,
            tick_places=tick_places if k == 0 else None,
            unread=unread,
        )
    return tuple(owners)


_FLAG_LABELS = {
    "is_director": "Director",
    "is_ten_percent_owner": "10% Owner",
    "is_officer": "Officer (give",
    "is_other": "Other (specify",
}


def _owner_places(
    base: str,
    cell: list[str],
    marks: list[str],
    *,
    relationship: Relationship,
    tick_places: dict[str, str] | None,
    unread: Unread,
) -> None:
    """The places of one owner's values, his cell's lines split as :func:`_address` splits them."""
    unread.place(f"{base}.rpt_owner_name", where(cell[0]))
    rest = cell[1:]
    address = f"{base}.address"
    if rest and rest[-1] == "UNITED STATES" and len(rest) >= 4:
        for name, line in zip(("city", "state", "zip_code"), rest[-4:-1], strict=True):
            unread.place(f"{address}.rpt_owner_{name}", where(line))
        streets = rest[:-4]
    elif rest and _CITY_STATE_ZIP.match(join_words([rest[-1]])):
        for name in ("city", "state", "zip_code"):
            unread.place(f"{address}.rpt_owner_{name}", where(rest[-1]))
        streets = rest[:-1]
    else:
        streets = rest
    for name, line in zip(("street1", "street2"), streets, strict=False):
        unread.place(f"{address}.rpt_owner_{name}", where(line))
    ticked = next((m for m in marks if m == "X"), None)
    titled = next((m for m in marks if m != "X"), None)
    for flag, label in _FLAG_LABELS.items():
        at = tick_places.get(label, "") if tick_places is not None else where(ticked or "")
        unread.place(f"{base}.relationship.{flag}", at or where(cell[0]))
    for text in ("officer_title", "other_text"):
        if getattr(relationship, text) is not None:
            unread.place(f"{base}.relationship.{text}", where(titled or ""))


def _one_owner(body: list[str], end: int, titles: set[str]) -> list[str]:
    """One owner whose cell a page break split: the block holding the name (the first text block) and
    the block closed by the city line are one cell; the ticks and the title (box 5's) go after it."""
    blocks: list[list[str]] = [[]]
    for line in body:
        if line and (line == "X") != (blocks[-1][-1:] == ["X"]) and blocks[-1]:
            blocks.append([])  # ticks joined to a cell's block by a page break ("X" / "406 BROADWAY")
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    cell = [b for b in blocks if b and b[0] != "X" and not set(b) <= titles]
    if (
        len(cell) < 2
        or not cell[-1]
        or not _is_city_line(cell[-1][-1], cell[-1][-2:-1][0] if len(cell[-1]) > 1 else "")
    ):
        return body
    cell_lines = [line for line in cell[0] + cell[-1] if line not in titles]
    rest = [line for b in blocks if b not in (cell[0], cell[-1]) for line in b]
    rest += [line for line in cell[0] + cell[-1] if line in titles]
    return [*cell_lines, "", *rest] if len(cell) == 2 else body


def _box5_titles(head: list[str], owner_lines: set[str]) -> set[str]:
    """The officer title or other text printed under box 5's ticks (the line after "(specify
    below)"), when it is not a label; or the first line after "Officer (give title below)" that is
    not a label or a date and that the Reporting Owners table prints again (pdftotext may print box
    3's label between the ticks and the title)."""
    found: set[str] = set()
    at = next((i for i, line in enumerate(head) if "Other (specify" in line), None)
    if at is not None:
        after = [line for line in head[at + 1 : at + 4] if line and line != "below)"]
        if after and not after[0].startswith(("(", "_")) and not re.match(r"^\d\.", after[0]):
            found.add(after[0])
    at = next((i for i, line in enumerate(head) if "Officer (give" in line), None)
    if at is not None:
        for line in head[at + 1 : at + 8]:
            if not line or line.startswith(("(", "_", "below)")) or re.match(r"^\d\.|\d+/\d+/\d{4}$", line):
                continue
            if line in owner_lines:
                found.add(line)
            break
    return found


def _is_city_line(line: str, before: str = "") -> bool:
    """The last line of an owner's cell: ``CITY, ST ZIP``, or the country after the zip code (the
    X09 stylesheets print city, state name, zip and country on lines of their own)."""
    if line == "UNITED STATES" and re.fullmatch(r"\d{5}(-\d{4})?", before):
        return True
    match = _CITY_STATE_ZIP.match(line)
    return bool(match and match["state"] and re.fullmatch(r"[A-Z0-9][A-Z0-9 -]{2,9}", match["zip"] or ""))


def _relationship(ticks: Relationship, title: str | None) -> Relationship:
    return Relationship(
        is_director=bool(ticks.is_director),
        is_ten_percent_owner=bool(ticks.is_ten_percent_owner),
        is_officer=bool(ticks.is_officer),
        is_other=bool(ticks.is_other),
        officer_title=title if ticks.is_officer else None,
        other_text=title if ticks.is_other and not ticks.is_officer else None,
    )


def _other_relationship(first: Relationship, count: int, title: str | None) -> Relationship:
    """A further owner: the table's ``X`` marks do not say their column in plain text; when their
    number matches the first owner's ticks (director, 10% owner), the columns are taken to be the same;
    a title is an officer's."""
    same = count == sum(1 for t in (first.is_director, first.is_ten_percent_owner) if t)
    director = bool(first.is_director) if same else count > 0
    ten = bool(first.is_ten_percent_owner) if same else count > 1
    return Relationship(
        is_director=director,
        is_ten_percent_owner=ten,
        is_officer=title is not None,
        is_other=False,
        officer_title=title,
    )


def _signatures(lines: list[str], numbers: list[int], unread: Unread) -> tuple[Signature, ...]:
    """Signature blocks: the name lines before each "** Signature of Reporting Person", and the dates
    printed under "Date", in order; each placed at its (first) line."""
    names: list[str | None] = []
    name_places: list[str] = []
    dates: list[date] = []
    date_places: list[str] = []
    pending: list[str] = []
    first = ""  # the place of the pending name's first line
    for at, line in enumerate(lines):
        if line.startswith("Signature of Reporting Person") or line.startswith("** Signature"):
            names.append(join_words(pending) or None)
            name_places.append(first)
            pending, first = [], ""
        elif _DATE_LINE.match(line):
            when = parse_us_date(line)
            if when is not None:
                dates.append(when)
                date_places.append(f"line {numbers[at]}")
        elif line and line not in ("**", "Date"):
            first = first or f"line {numbers[at]}"
            pending.append(line.removesuffix(" **"))
    out = [
        Signature(signature_name=name, signature_date=dates[i] if i < len(dates) else None)
        for i, name in enumerate(names)
    ]
    kept = [k for k, s in enumerate(out) if s.signature_name or s.signature_date]
    for at, k in enumerate(kept):
        unread.place(f"owner_signatures[{at}].signature_name", name_places[k])
        unread.place(f"owner_signatures[{at}].signature_date", date_places[k] if k < len(date_places) else "")
    return tuple(out[k] for k in kept)


_STOP = (
    "Note:", "Potential persons", "* If the form", "** Intentional", "If the form is filed",
    "Intentional misstatements", "displays a currently valid OMB",
)  # fmt: skip


def _explanations(
    lines: list[str], numbers: list[int], unread: Unread
) -> tuple[tuple[Footnote, ...], str | None]:
    """Footnotes and the remarks after "Explanation of Responses:".

    The view prints the footnotes as a two-column table whose marker ``(N)`` is centred against its
    text, and pdftotext puts the marker in front of the line beside it: the middle line of a note,
    not its first (a marker between two lines gets a line of its own). So the text lines are split
    into one run per marker with each run's centre nearest its marker, as the positioned readers do
    (``_split_by_centres``). A note's id is placed at its marker's line, its text at its first line,
    the remarks at their first line."""
    texts: list[str] = []
    text_places: list[str] = []
    marks: list[tuple[float, str]] = []
    mark_places: list[str] = []
    remark: list[str] | None = None
    label_at = remark_at = ""  # the places of "Remarks:" and of the remarks' first line
    starts = [m[1] for line in lines if (m := _NOTE.match(line))]
    for at, line in enumerate(lines):
        if not line or line in ("*", "**"):
            continue
        if line.startswith(_STOP):
            if remark is not None:
                break
            continue
        if remark is not None:
            remark_at = remark_at or f"line {numbers[at]}"
            remark.append(line)
            continue
        if line.startswith("Remarks:"):
            remark = [line[len("Remarks:") :].strip()]
            label_at = f"line {numbers[at]}"
            remark_at = label_at if remark[0] else ""
            continue
        match = _NOTE.match(line)
        if match and match[2][:1].islower() and starts.count(match[1]) > 1 and texts:
            # "...; and" / "(3) on the final conversion date": a list inside a note's sentence,
            # where the note's own marker "(3)" is printed too, on another line
            texts.append(line)
            text_places.append(f"line {numbers[at]}")
            continue
        expected = f"({int(marks[-1][1][1:]) + 1 if marks else 1})"
        if match is None and expected in line:
            # the next marker printed inside a line ("general partner of FF(8) IIP"): pdftotext set
            # it where it stands across from the note's middle
            marks.append((float(len(texts)), f"F{expected[1:-1]}"))
            texts.append(" ".join(line.replace(expected, " ", 1).split()))
        elif match is None:
            texts.append(line)
        elif match[2]:
            marks.append((float(len(texts)), f"F{match[1]}"))
            texts.append(match[2])
        elif at + 1 < len(lines) and not lines[at + 1]:  # alone in its block: before a two-line note
            marks.append((len(texts) + 0.5, f"F{match[1]}"))
        else:  # alone inside the text: between the lines around it
            marks.append((len(texts) - 0.5, f"F{match[1]}"))
        # each line gives at most one text and one marker, placed at it
        if len(texts) > len(text_places):
            text_places.append(f"line {numbers[at]}")
        if len(marks) > len(mark_places):
            mark_places.append(f"line {numbers[at]}")
    footnotes: tuple[Footnote, ...] = ()
    if marks:
        runs = _runs(texts, [y for y, _ in marks])
        footnotes = tuple(
            Footnote(id=note_id, text=_joined([texts[k] for k in run]))
            for (_, note_id), run in zip(marks, runs, strict=True)
        )
        for k, (run, marked) in enumerate(zip(runs, mark_places, strict=True)):
            unread.place(f"footnotes[{k}].id", marked)
            unread.place(f"footnotes[{k}].text", text_places[run[0]] if run else marked)
    remarks = _joined(remark) if remark else None
    unread.place("remarks", remark_at or label_at)
    return footnotes, remarks or None


def _runs(texts: list[str], marks: list[float]) -> list[range]:
    """Consecutive runs of the note lines, one per marker, each run's centre nearest its marker (the
    least total distance, by dynamic programming); a cut where the line before does not end a sentence
    or the line after does not start one costs a little more, so that of two splits equally near
    their markers, the one at sentence ends wins."""
    n, k = len(texts), len(marks)
    if n < k or n * n * k > 4_000_000:
        return _split_by_centres([float(i) for i in range(n)], marks, spaced=False)
    clean = [
        i > 0 and texts[i - 1].rstrip().endswith((".", ")", '"', ";")) and texts[i][:1] in _STARTS
        for i in range(n)
    ]
    inf = float("inf")
    best = [[inf] * (n + 1) for _ in range(k + 1)]
    back = [[0] * (n + 1) for _ in range(k + 1)]
    best[0][0] = 0.0
    for i in range(1, k + 1):
        for a in range(i - 1, n - (k - i)):
            if best[i - 1][a] == inf:
                continue
            base = best[i - 1][a] + (0.0 if a == 0 or clean[a] else _UNCLEAN_CUT)
            for b in range(a + 1, n - (k - i) + 1):  # the run is lines a .. b-1
                cost = base + abs((a + b - 1) / 2 - marks[i - 1])
                if cost < best[i][b]:
                    best[i][b], back[i][b] = cost, a
    return runs_from_back(back, n)


_STARTS = frozenset('ABCDEFGHIJKLMNOPQRSTUVWXYZ("0123456789')
_UNCLEAN_CUT = 1.0


def _joined(parts: list[str]) -> str:
    marked = [p[:-1] + SOFT_HYPHEN if re.search(r"\w-$", p) else p for p in parts]
    return join_words(marked)
