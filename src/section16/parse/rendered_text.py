"""Reading plain text or markdown that a PDF converter made of a printed Form 3, 4 or 5 (the SEC view,
spec.md section 5) back into an :class:`~section16.model.OwnershipDocument`.

Such text is noisy: cells split by tabs, labels and values interleaved on one line, characters lost
("S. Relationship" for "5. Relationship"), markdown escapes (``\\$``) and headings (``###``). The reader
anchors on the words of the printed labels, never on their numbers, and reads values with the
stylesheets' display rules (``_rendered``). What the print does not show (CIKs, schema version, codes
of ticked boxes a converter dropped) stays None; an unticked box whose label is printed reads False.
Each value says where it was read (``OwnershipDocument.places``, issue 5): ``"line 40"``, the 1-based
line of the text.

Pure: text in, model out.
"""

from __future__ import annotations

import re

from section16.errors import UnsupportedFormat
from section16.model import (
    Address,
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
from section16.parse._positioned import SOFT_HYPHEN, Word, layout_lines, read_positioned
from section16.parse._rendered import (
    Cell,
    Unread,
    derivative_row,
    non_derivative_row,
    parse_us_date,
    split_markers,
)
from section16.parse.rendered_plain import is_plain_text, read_rendered_plain

__all__ = ["read_rendered_text"]

# The tab/markdown reader's confidence. It has no benchmark of its own (the bench's converters write
# layout or plain text, read by their own readers); it reads its one real sample, the seed, exactly,
# and is held below the measured readers for that.
CONFIDENCE = 0.9

_FORM = re.compile(r"^\W*FORM\s+([345])\b", re.IGNORECASE | re.MULTILINE)
_DATE = r"\d{1,2}/\d{1,2}/\d{4}"
_ISSUER = re.compile(
    r"Issuer Name and Ticker or Trading Symbol\s+(?P<name>[^\t\[]*?)\s*\[\s*(?P<symbol>[^\]]*?)\s*\]"
)
_NAME = re.compile(r"Name and Address of Reporting Person\s*\\?\*?\s*(?P<name>[^\t]*)")
_STREET = re.compile(r"\(Street\)\s*(?P<rest>.*)")
_MD = re.compile(r"\\([$*_\[\]#()])")
# The separator row under a markdown pipe table's head (``| --- | :---: |``), as converters that lay a
# PDF's tables out as markdown tables write them (markitdown, from pdfplumber's table finder).
_PIPE_TABLE_RULE = re.compile(r"^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$", re.MULTILINE)
_TABLE1 = {
    11: ("title", "date", "deemed", "code", "v", "amount", "ad", "price", "owned", "direct", "nature"),
    4: ("title", "owned", "direct", "nature"),
}
_TABLE2 = {
    16: (
        "title", "conversion", "date", "deemed", "code", "v", "a", "d", "exercisable", "expiration",
        "underlying_title", "underlying_shares", "price", "owned", "direct", "nature",
    ),
    8: (
        "title", "exercisable", "expiration", "underlying_title", "underlying_shares", "conversion",
        "direct", "nature",
    ),
}  # fmt: skip


def _line(text: str, at: int) -> str:
    """The place of the character at offset ``at``: ``"line N"``, 1-based."""
    return f"line {text.count(chr(10), 0, at) + 1}"


def _ticked(text: str, label: str, unread: Unread | None = None, path: str = "") -> bool | None:
    """``X`` printed just before a box's label: ticked; the label alone: not ticked; no label: None.
    With ``unread``, the value at ``path`` is placed at the label's line."""
    match = re.search(r"(\bX\s+)?" + re.escape(label), text)
    if match is None:
        return None
    if unread is not None:
        unread.place(path, _line(text, match.start(0) if match[1] is None else match.start(1)))
    return match[1] is not None


def _after(text: str, label: str, unread: Unread | None = None, path: str = "") -> str | None:
    match = re.search(re.escape(label) + r"[^\n\t]*?\(Month/Day/Year\)\s*(" + _DATE + ")?", text)
    if match and match[1]:
        if unread is not None and parse_us_date(match[1]) is not None:
            unread.place(path, _line(text, match.start(1)))
        return match[1]
    return None


def _unmark(text: str) -> str:
    return _MD.sub(r"\1", text).replace("\\", "")


def _rows(lines: list[str], start: str, stop: str) -> list[tuple[int, list[str]]]:
    """Data lines of a table, with their 1-based line numbers: tab-split lines between its title and the
    next section that hold a date or a number and whose first cell is a title (not a column label)."""
    rows: list[tuple[int, list[str]]] = []
    inside = False
    for number, line in enumerate(lines, 1):
        if start in line:
            inside = True
            continue
        if inside and stop in line:
            break
        if not inside or "\t" not in line:
            continue
        cells = [_unmark(c).strip() for c in line.split("\t")]
        first = cells[0]
        if not first or re.match(r"^\d+A?\.", first) or first in ("Code", "Title") or "Instr." in line:
            continue
        if not any(
            re.fullmatch(r"\$?\s*[\d,]+(\.\d+)?(\s*\(\d+\))*", c) or re.search(_DATE, c) for c in cells
        ):
            continue
        rows.append((number, cells))
    return rows


def read_rendered_text(
    data: bytes | str, *, source: str | None = None
) -> tuple[OwnershipDocument, tuple[str, ...]]:
    """Text or markdown of a printed Form 3, 4 or 5 -> the document and reader notes. Raises
    :class:`UnsupportedFormat` when the text is not such a form."""
    text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    text = text.replace("\r\n", "\n").replace("\xa0", " ")
    form_match = _FORM.search(text)
    if form_match is None or "BENEFICIAL OWNERSHIP" not in text.upper():
        raise UnsupportedFormat(
            "text that is not a printed Form 3, 4 or 5 (no 'FORM 3/4/5' line and statement title)",
            source=source,
            line=1,
        )
    if (rule := _PIPE_TABLE_RULE.search(text)) is not None:
        # Such a converter cuts the form's cells into table rows of its own making (one cell's lines
        # in several rows, columns merged): read with the readers below, its pipes and rules came out
        # as values. Refused rather than read into values that are not the form's.
        line = text.count("\n", 0, rule.start()) + 1
        raise UnsupportedFormat(
            "markdown whose tables a converter laid out as pipe tables (as markitdown writes) is not read: "
            "convert the PDF with pdftotext (plain or -layout), or read the PDF itself",
            source=source,
            line=line,
        )
    if _is_layout(text):
        return read_positioned(
            layout_lines(text),
            tol=1.0,
            height=1.0,
            kind="layout text",
            source=source,
        )
    if is_plain_text(text):  # plain pdftotext: reading order, no columns (its own reader)
        return read_rendered_plain(text, source=source)
    form = form_match[1]
    lines = text.split("\n")
    unread = Unread(confidence=CONFIDENCE)
    # The "FORM N" line; a document's "/A" follows from its date in "If Amendment, Date Original Filed".
    unread.place("document_type", _line(text, form_match.start(1)))
    original = parse_us_date(
        _after(text, "Date of Original Filed", unread, "date_of_original_submission")
        or _after(text, "Date Original Filed", unread, "date_of_original_submission")
        or ""
    )
    period_label = {"3": "Date of Event Requiring Statement", "5": "Fiscal Year Ended"}.get(
        form, "Date of Earliest Transaction"
    )
    issuer_match = _ISSUER.search(text)
    if issuer_match:
        if issuer_match["name"].strip():
            unread.place("issuer.issuer_name", _line(text, issuer_match.start("name")))
        if issuer_match["symbol"]:
            unread.place("issuer.issuer_trading_symbol", _line(text, issuer_match.start("symbol")))
    issuer = (
        Issuer(
            issuer_name=issuer_match["name"].strip() or None,
            issuer_trading_symbol=issuer_match["symbol"] or None,
        )
        if issuer_match
        else None
    )

    table1: list[NonDerivativeRow] = []
    for number, cells in _rows(lines, "Table I - Non-Derivative", "Table II"):
        cols = _TABLE1.get(len(cells)) or _TABLE1.get(len(cells) - 1)
        if cols is None:
            unread.keep(f"/nonDerivativeTable/row[{len(table1) + 1}]", "\t".join(cells))
            continue
        named = _named(cols, cells, number)
        table1.append(non_derivative_row(named, f"/nonDerivativeTable/row[{len(table1) + 1}]", unread))
    table2: list[DerivativeRow] = []
    for number, cells in _rows(lines, "Table II - Derivative", "Explanation of Responses"):
        cols = _TABLE2.get(len(cells)) or _TABLE2.get(len(cells) - 1)
        if cols is None:
            unread.keep(f"/derivativeTable/row[{len(table2) + 1}]", "\t".join(cells))
            continue
        named = _named(cols, cells, number)
        table2.append(derivative_row(named, f"/derivativeTable/row[{len(table2) + 1}]", unread))

    footnotes, remarks, signatures = _tail(lines, unread)
    doc = OwnershipDocument(
        document_type=DocumentType(form + "/A" if original else form),
        period_of_report=parse_us_date(_after(text, period_label, unread, "period_of_report") or ""),
        date_of_original_submission=original,
        not_subject_to_section16=_ticked(
            text, "Check this box if no longer subject", unread, "not_subject_to_section16"
        )
        if form != "3"
        else None,
        aff10b5_one=_ticked(text, "Check this box to indicate that a transaction", unread, "aff10b5_one")
        if form != "3"
        else None,
        form3_holdings_reported=_ticked(text, "Form 3 Holdings Reported", unread, "form3_holdings_reported")
        if form == "5"
        else None,
        form4_transactions_reported=_ticked(
            text, "Form 4 Transactions Reported", unread, "form4_transactions_reported"
        )
        if form == "5"
        else None,
        issuer=issuer,
        reporting_owners=_owner(text, lines, unread),
        non_derivative_table=tuple(table1),
        derivative_table=tuple(table2),
        footnotes=footnotes,
        remarks=remarks,
        owner_signatures=signatures,
        unparsed=tuple(unread.items),
        places=tuple(unread.places),  # last: the arguments above, read first, place their values
    )
    notes = ("recovered from a rendered copy (converted text): CIKs, schema version and codes not printed",)
    return doc, notes


def _named(columns: tuple[str, ...], cells: list[str], number: int) -> dict[str, Cell]:
    """A table row's cells by column name, each placed at its line."""
    where = f"line {number}"
    named: dict[str, Cell] = {}
    for name, text in zip(columns, cells, strict=False):
        cell = split_markers(text)
        named[name] = Cell(cell.text, cell.footnote_ids, where)
    return named


def _is_layout(text: str) -> bool:
    """Text that keeps the page's columns with runs of spaces (``pdftotext -layout``), no tabs."""
    if "\t" in text:
        return False
    lines = text.split("\n")
    need = max(10, len(lines) // 5)
    for line in lines:  # counted until there are enough (layout text has them on most lines)
        if _WIDE.search(line):
            need -= 1
            if not need:
                return True
    return False


_WIDE = re.compile(r"\S {3,}\S")  # a run of spaces between two words: columns kept


def layout_words(text: str) -> list[Word]:
    """Words of column-keeping text, placed by character column (x) and line number (y); pages
    (form feeds) follow one another."""
    words: list[Word] = []
    for y, line in enumerate(text.replace("\f", "\n").split("\n")):
        found = list(re.finditer(r"\S+", line))
        for k, match in enumerate(found):
            text = match[0]
            if k == len(found) - 1 and re.search(r"\w-$", text):  # broken after its hyphen
                text = text[:-1] + SOFT_HYPHEN
            words.append(Word(float(match.start()), float(match.end()), float(y), float(y + 1), text))
    return words


def _owner(text: str, lines: list[str], unread: Unread) -> tuple[ReportingOwner, ...]:
    """Box 1 (name, street, city/state/zip) and box 5 (relationship) of the first reporting person."""
    owner = "reporting_owners[0]."
    own = Unread(confidence=unread.confidence)  # the owner's places, kept when there is an owner
    name_match = _NAME.search(text)
    name = name_match["name"].strip() if name_match else None
    if name_match and name:
        own.place(owner + "rpt_owner_name", _line(text, name_match.start("name")))
    street1 = city = state = zipcode = None
    if name_match:
        # the match may span lines (plain converter text): then there is no box-1 line to read below
        at = next((i for i, line in enumerate(lines) if name_match[0] in line), len(lines))
        for number, line in enumerate(lines[at + 1 : at + 4], at + 2):
            street = _STREET.search(line)
            if street:
                parts = [p.strip() for p in street["rest"].split("\t")]
                city, state, zipcode = [*parts, None, None, None][:3]
                for attribute, value in zip(
                    ("rpt_owner_city", "rpt_owner_state", "rpt_owner_zip_code"), parts[:3], strict=False
                ):
                    if value:
                        own.place(f"{owner}address.{attribute}", f"line {number}")
                break
            first = line.split("\t")[0].strip()
            if first and not first.startswith("(") and street1 is None:
                street1 = first
                own.place(owner + "address.rpt_owner_street1", f"line {number}")
    # Box 5: "X" before a label ticks it; the officer title / other text follow "(specify below)".
    title_match = re.search(r"Other \(specify below\)\s*([^\t\n]*)", text)
    title = title_match[1].strip() if title_match else ""
    relation = owner + "relationship."
    officer = _ticked(text, "Officer (give title", own, relation + "is_officer")
    other = _ticked(text, "Other (specify", own, relation + "is_other")
    if title_match and title and (officer or other):
        attribute = "officer_title" if officer else "other_text"
        own.place(relation + attribute, _line(text, title_match.start(1)))
    relationship = Relationship(
        is_director=_ticked(text, "Director", own, relation + "is_director"),
        is_ten_percent_owner=_ticked(text, "10% Owner", own, relation + "is_ten_percent_owner"),
        is_officer=officer,
        is_other=other,
        officer_title=title if title and officer else None,
        other_text=title if title and other and not officer else None,
    )
    if not name and not street1:
        return ()
    for place in own.places:  # the owner's, now that it is one
        unread.place(place.path, place.place, place.confidence)
    return (
        ReportingOwner(
            rpt_owner_name=name or None,
            address=Address(
                rpt_owner_street1=street1,
                rpt_owner_city=city or None,
                rpt_owner_state=state or None,
                rpt_owner_zip_code=zipcode or None,
            ),
            relationship=relationship,
        ),
    )


def _tail(lines: list[str], unread: Unread) -> tuple[tuple[Footnote, ...], str | None, tuple[Signature, ...]]:
    """Footnotes after "Explanation of Responses:", remarks, and the signature(s) above "Signature of
    Reporting Person" (a name line, then its date line), each placed at its line."""
    footnotes: list[Footnote] = []
    remarks: str | None = None
    signatures: list[Signature] = []
    start = next((i for i, line in enumerate(lines) if "Explanation of Responses" in line), None)
    end = next((i for i, line in enumerate(lines) if "Signature of Reporting Person" in line), len(lines))
    if start is None:
        return (), None, ()
    body = [_unmark(line).strip() for line in lines[start + 1 : end]]
    pending: str | None = None
    pending_at = ""
    for i, line in enumerate(body):
        if not line:
            continue
        where = f"line {start + i + 2}"  # body[0] is the line after "Explanation of Responses"
        note = re.match(r"^\(?(\d{1,3})[.)]\)?\s+(.*)$", line)
        if line.startswith("Remarks:"):
            remarks = line[len("Remarks:") :].strip() or (body[i + 1] if i + 1 < len(body) else None) or None
            unread.place("remarks", where if line[len("Remarks:") :].strip() else f"line {start + i + 3}")
        elif note and pending is None and not parse_us_date(line):
            unread.place(f"footnotes[{len(footnotes)}].id", where)
            unread.place(f"footnotes[{len(footnotes)}].text", where)
            footnotes.append(Footnote(id=f"F{note[1]}", text=note[2].strip()))
        elif (when := parse_us_date(line)) is not None:
            unread.place(f"owner_signatures[{len(signatures)}].signature_name", pending_at)
            unread.place(f"owner_signatures[{len(signatures)}].signature_date", where)
            signatures.append(Signature(signature_name=pending, signature_date=when))
            pending, pending_at = None, ""
        else:
            pending, pending_at = line, where
    if pending is not None:
        unread.place(f"owner_signatures[{len(signatures)}].signature_name", pending_at)
        signatures.append(Signature(signature_name=pending))
    return tuple(footnotes), remarks, tuple(signatures)
