"""Reading the SEC HTML view of a Form 3, 4 or 5 (the ownership XML run through the SEC's stylesheets,
spec.md section 5) back into an :class:`~section16.model.OwnershipDocument`.

The view shows what a person reads on the printed form, no more: CIKs, the schema version and the ``/A``
of the document type are not printed and stay None (a date in "If Amendment, Date Original Filed" is
printed, and makes the document an amendment). Booleans of ticked boxes are True or False as shown.
Values are read back through the stylesheets' display rules (``_rendered``): dates ``MM/DD/YYYY``,
numbers ``###,##0.####`` (more decimals were rounded by the view), ``$`` before prices, ``(N)`` after a
value for its footnote ``FN``.

Each value says where it was read (``OwnershipDocument.places``, issue 5): a table cell
(``"Table I row 2, column 6"``, rows counted as the model counts them, columns as the printed cells of
the row, 1-based), a numbered box of the form's head (``"box 3"``, its number as printed) or an
unnumbered one by its label (``'box "Check this box if no longer subject to Section 16"'``), a footnote
(``"Explanation of Responses, note 2"``), ``"Remarks"``, or a signature row.

Pure: bytes in, model out; lxml.html parses without network access.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import fields, replace

from lxml import etree, html

from section16.errors import ParseError, UnsupportedFormat
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
    SourceFormat,
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
from section16.parse._state_codes import CODE_BY_NAME
from section16.parse._values import unescape_twice

__all__ = ["detect_rendered", "read_rendered_html"]

# Every value of the view is read exactly as the stylesheet printed it: 100.00% of visible fields right
# over the 269 rendered corpus filings of bench/bench_rendered.py (99.99% over all 1182).
CONFIDENCE = 1.0

_FORM_TITLES = (
    b"STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP",  # Form 4
    b"INITIAL STATEMENT OF BENEFICIAL OWNERSHIP",  # Form 3
    b"ANNUAL STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP",  # Form 5
)
_FORM_LINE = re.compile(r"^(?:SEC\s+)?FORM\s+([345])\b", re.IGNORECASE)
_BLOCKS = frozenset(
    [
        "td",
        "th",
        "tr",
        "table",
        "br",
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "dd",
        "dt",
        "center",
        "thead",
        "tbody",
        "hr",
        "ul",
        "ol",
        "body",
        "form",
    ]
)

# Columns of the tables as printed, left to right (Form 3/4/5 instructions; spec.md section 5), by the
# number of cells in a row. Form 5 prints no "V" column.
_TABLE1 = {
    11: ("title", "date", "deemed", "code", "v", "amount", "ad", "price", "owned", "direct", "nature"),
    10: ("title", "date", "deemed", "code", "amount", "ad", "price", "owned", "direct", "nature"),
    4: ("title", "owned", "direct", "nature"),
}
_TABLE2 = {
    16: (
        "title", "conversion", "date", "deemed", "code", "v", "a", "d", "exercisable", "expiration",
        "underlying_title", "underlying_shares", "price", "owned", "direct", "nature",
    ),
    15: (
        "title", "conversion", "date", "deemed", "code", "a", "d", "exercisable", "expiration",
        "underlying_title", "underlying_shares", "price", "owned", "direct", "nature",
    ),
    8: (
        "title", "exercisable", "expiration", "underlying_title", "underlying_shares", "conversion",
        "direct", "nature",
    ),
}  # fmt: skip


def detect_rendered(data: bytes) -> SourceFormat | None:
    """``RENDERED_HTML`` for HTML whose text is a Section 16 form (its title line), ``RENDERED_TEXT`` for
    plain text or markdown of one, ``RENDERED_PDF`` for any PDF (whether it is a form is known only once
    its text is read); None otherwise. Looks at content only."""
    if data[:1024].lstrip().startswith(b"%PDF-"):  # ISO 32000-1 7.5.2: a PDF starts with its header line
        return SourceFormat.RENDERED_PDF
    head = data[:200_000].upper()
    if not any(title in head for title in _FORM_TITLES) and b"BENEFICIAL OWNERSHIP" not in head:
        return None
    if b"<HTML" in head[:4000] or b"<TABLE" in head or b"<BODY" in head[:4000]:
        return SourceFormat.RENDERED_HTML
    if b"SECURITIES AND EXCHANGE COMMISSION" in head and b"TABLE I" in head:
        return SourceFormat.RENDERED_TEXT
    return None


def _cell(element: etree._Element, place: str = "") -> Cell:
    """Text of a cell, footnote references ``<sup>(N)</sup>`` taken out as ids; ``place`` says where."""
    parts: list[str] = []
    ids: list[str] = []

    def walk(el: etree._Element) -> None:
        if el.tag == "sup":
            ids.extend(split_markers(el.text_content()).footnote_ids)  # type: ignore[attr-defined]
        else:
            if el.text:
                parts.append(el.text)
            for child in el:
                if child.tag == "br":  # the stylesheets print a line break of the text as <br>
                    parts.append("\n")
                elif isinstance(child.tag, str):
                    walk(child)
                if child.tail:
                    parts.append(child.tail)

    walk(element)
    lines = "".join(parts).replace("\xa0", " ").split("\n")
    text = "\n".join(" ".join(line.split()) for line in lines).strip()
    return Cell(unescape_twice(text), tuple(ids), place)


def _lines(body: etree._Element) -> list[str]:
    """The visible text, one line per block (cell, row, break), empty lines dropped."""
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        line = " ".join("".join(buf).replace("\xa0", " ").split())
        if line:
            out.append(line)
        buf.clear()

    def walk(el: etree._Element) -> None:
        block = el.tag in _BLOCKS
        if el.tag in ("script", "style", "head", "title"):
            return
        if el.tag == "input":
            buf.append(" [X] " if el.get("checked") is not None else " [ ] ")
        if block:
            flush()
        if el.text:
            buf.append(el.text)
        for child in el:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                buf.append(child.tail)
        if block:
            flush()

    walk(body)
    flush()
    return out


def _leaf_rows(root: etree._Element) -> Iterator[tuple[str, etree._Element]]:
    """Each table row without nested tables, with the section it is in (``"I"``, ``"II"``, ``"owners"``,
    ``"notes"``, ``"signatures"`` or ``""``), in document order."""
    section = ""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        text = (el.text or "").strip()
        if text:
            upper = text.upper()
            if upper.startswith("TABLE I -") or upper.startswith("TABLE I –"):
                section = "I"
            elif upper.startswith("TABLE II"):
                section = "II"
            elif upper.startswith("REPORTING OWNERS"):
                section = "owners"
            elif upper.startswith("EXPLANATION OF RESPONSES"):
                section = "notes"
            elif upper == "SIGNATURES":
                section = "signatures"
        if el.tag == "tr" and el.find(".//table") is None:
            yield section, el


def _cells(row: etree._Element, where: str = "") -> list[Cell]:
    """The row's cells, a cell that spans columns followed by empty ones; with ``where`` (the row's
    place, ``"Table I row 2"``), each placed at its column (``"Table I row 2, column 6"``)."""
    cells: list[Cell] = []
    for td in row:
        if not isinstance(td.tag, str) or td.tag not in ("td", "th"):
            continue
        cell = _cell(td, f"{where}, column {len(cells) + 1}" if where else "")
        span = td.get("colspan", "1")
        cells.append(cell)
        if span.isdigit() and int(span) > 1 and not cell.text:
            cells.extend(Cell() for _ in range(int(span) - 1))
    return cells


def _after(lines: list[str], label: str, *, stop: tuple[str, ...] = ()) -> str | None:
    """The first line after the line that contains ``label`` (case-insensitive), unless it is a label."""
    low = label.lower()
    for i, line in enumerate(lines):
        if low in line.lower():
            tail = line[line.lower().index(low) + len(low) :].strip(" *:")
            tail = re.sub(r"^\(Month/Day/Year\)\s*", "", tail).strip()
            if tail:
                return tail
            if i + 1 < len(lines):
                nxt = lines[i + 1]
                if (
                    nxt.startswith("(")
                    or any(s.lower() in nxt.lower() for s in stop)
                    or re.match(r"^\d+A?\. ", nxt)
                ):
                    return None
                return nxt
    return None


def _ticked(lines: list[str], label: str) -> bool | None:
    """Whether the box before ``label`` is ticked: ``[X]`` (a checkbox), ``__X__``/``_X_`` (the spec
    stylesheets) or an ``X`` alone in the cell before the label (EDGAR's view); None when not printed."""
    low = label.lower()
    for i, line in enumerate(lines):
        at = line.lower().find(low)
        if at < 0:
            continue
        before = line[:at].strip()
        if before:
            return "X" in before.upper().replace("BOX", "")
        return i > 0 and lines[i - 1].strip() in ("X", "[X]")
    return None


def _owner_lines(td: etree._Element) -> list[str]:
    lines: list[str] = []
    buf: list[str] = [td.text or ""]
    for child in td:
        if child.tag == "br":
            lines.append(" ".join("".join(buf).replace("\xa0", " ").split()))
            buf = [child.tail or ""]
        else:
            buf.append(child.text_content() if isinstance(child.tag, str) else "")  # type: ignore[attr-defined]
            buf.append(child.tail or "")
    lines.append(" ".join("".join(buf).replace("\xa0", " ").split()))
    return [unescape_twice(line) for line in lines]


# The city is everything before the last comma: a city filed with a comma of its own ("HOUSTON,")
# prints as "HOUSTON,, TX 77002".
_CITY_STATE_ZIP = re.compile(r"^(?P<city>.*),\s*(?P<state>[A-Z0-9]{2}(?=\s|$))?\s*(?P<zip>.*)$")


def _address(lines: list[str]) -> tuple[str | None, Address | None]:
    """An owner cell of the "Reporting Owners" table: name, street 1, street 2, then either
    ``CITY, ST ZIP`` (stylesheets X06-X08) or city, state or country name, zip, country (X09)."""
    if not lines:
        return None, None
    name = lines[0] or None
    rest = lines[1:]
    city = state = zipcode = None
    if rest and rest[-1] == "UNITED STATES" and len(rest) >= 4:
        city, state_name, zipcode = rest[-4], rest[-3], rest[-2]
        state = CODE_BY_NAME.get(state_name, state_name or None) if state_name else None
        streets = rest[:-4]
    elif rest and (match := _CITY_STATE_ZIP.match(rest[-1])):
        city, state, zipcode = match["city"], match["state"], match["zip"]
        streets = rest[:-1]
    else:
        streets = rest
    street1 = streets[0] if streets else None
    street2 = streets[1] if len(streets) > 1 else None
    return name, Address(
        rpt_owner_street1=street1 or None,
        rpt_owner_street2=street2 or None,
        rpt_owner_city=city or None,
        rpt_owner_state=state or None,
        rpt_owner_zip_code=zipcode or None,
    )


def read_rendered_html(
    data: bytes, *, source: str | None = None
) -> tuple[OwnershipDocument, tuple[str, ...]]:
    """The SEC HTML view of a Form 3, 4 or 5 -> the document and reader notes. Raises
    :class:`UnsupportedFormat` for HTML that is not such a form, :class:`ParseError` for bytes that are
    not HTML at all."""
    try:
        root = html.document_fromstring(data, parser=html.HTMLParser(no_network=True, recover=True))
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"not readable as HTML: {exc}", source=source, line=1) from None
    body = root.find("body")
    lines = _lines(body if body is not None else root)
    form = next((m[1] for line in lines[:40] if (m := _FORM_LINE.match(line))), None)
    if form is None or not any(t.decode().lower() in " ".join(lines[:60]).lower() for t in _FORM_TITLES):
        raise UnsupportedFormat(
            "HTML that is not the SEC view of a Form 3, 4 or 5 (no 'FORM 3/4/5' box and statement title)",
            source=source,
            line=1,
        )
    notes = ["recovered from a rendered copy (SEC HTML view): CIKs, schema version and codes not printed"]
    unread = Unread(confidence=CONFIDENCE)

    table1: list[NonDerivativeRow] = []
    table2: list[DerivativeRow] = []
    owner_cells: list[tuple[list[Cell], etree._Element]] = []
    footnotes: list[Footnote] = []
    signatures: list[Signature] = []
    remarks: str | None = None
    for section, row in _leaf_rows(root):
        # a row of Table I or II is placed as the next data row (a header row's places go unused)
        where = f"Table I row {len(table1) + 1}" if section == "I" else ""
        where = f"Table II row {len(table2) + 1}" if section == "II" else where
        cells = _cells(row, where)
        if section == "I" and len(cells) in _TABLE1 and not _is_header(cells):
            named = _named(_TABLE1[len(cells)], cells, form)
            table1.append(non_derivative_row(named, f"/nonDerivativeTable/row[{len(table1) + 1}]", unread))
        elif section == "II" and len(cells) in _TABLE2 and not _is_header(cells):
            named = _named(_TABLE2[len(cells)], cells, form)
            table2.append(derivative_row(named, f"/derivativeTable/row[{len(table2) + 1}]", unread))
        elif section == "owners" and len(cells) == 5:
            owner_cells.append((cells, row))
        elif section in ("notes", "signatures", "I", "II", ""):
            note = _footnote(cells, in_notes=section == "notes")
            if note is not None:
                where = f"Explanation of Responses, note {note.id.removeprefix('F')}"
                unread.place(f"footnotes[{len(footnotes)}].id", where)
                unread.place(f"footnotes[{len(footnotes)}].text", where)
                footnotes.append(note)
            elif section == "notes" and cells and cells[-1].text.startswith("Remarks:"):
                remarks = cells[-1].text[len("Remarks:") :].strip() or None
            else:
                signature = _signature(cells)
                if signature is not None:
                    _place_signature(cells, len(signatures), unread)
                    signatures.append(signature)
    if remarks is None:
        remarks = _remarks(lines)
    if remarks is not None:
        unread.place("remarks", "Remarks")

    owners = _read_owners(owner_cells, lines, unread)
    original = parse_us_date(
        _after(lines, "Date Original Filed") or _after(lines, "Date of Original Filed") or ""
    )
    period_label = {"3": "Date of Event Requiring Statement", "5": "Fiscal Year Ended"}.get(
        form, "Date of Earliest Transaction"
    )
    period = parse_us_date((_after(lines, period_label) or "").split(" ")[0])
    issuer_line = _after(lines, "Ticker or Trading Symbol") or ""
    doc = OwnershipDocument(
        document_type=DocumentType(form + "/A" if original else form),
        period_of_report=period,
        date_of_original_submission=original,
        no_securities_owned=True
        if form == "3" and _says(lines, "No securities are beneficially owned")
        else None,
        not_subject_to_section16=_ticked(lines, "Check this box if no longer subject")
        if form != "3"
        else None,
        form3_holdings_reported=_ticked(lines, "Form 3 Holdings Reported") if form == "5" else None,
        form4_transactions_reported=_ticked(lines, "Form 4 Transactions Reported") if form == "5" else None,
        issuer=_issuer(issuer_line),
        reporting_owners=owners,
        aff10b5_one=_ticked(lines, "Check this box to indicate that a transaction was made pursuant")
        if form != "3"
        else None,
        non_derivative_table=tuple(table1),
        derivative_table=tuple(table2),
        footnotes=tuple(footnotes),
        remarks=remarks,
        owner_signatures=tuple(signatures),
        unparsed=tuple(unread.items),
    )
    _place_head(lines, form, doc, unread)
    return replace(doc, places=tuple(unread.places)), tuple(notes)


def _named(columns: tuple[str, ...], cells: list[Cell], form: str) -> dict[str, Cell]:
    """A table row's (placed) cells by column name; Form 5's code column read as code and "V"."""
    named = dict(zip(columns, cells, strict=True))
    return form5_coding(named) if form == "5" else named


def _place_signature(cells: list[Cell], index: int, unread: Unread) -> None:
    """The signature's name and date: the first two filled cells of its row (``_signature``)."""
    columns = [k for k, cell in enumerate(cells, 1) if cell.text]
    for attribute, column in zip(("signature_name", "signature_date"), columns, strict=False):
        unread.place(f"owner_signatures[{index}].{attribute}", f"Signatures row {index + 1}, column {column}")


_NUMBERED = re.compile(r"^(\d{1,2})A?\.\s*[A-Za-z]")


def _box(lines: list[str], label: str) -> str:
    """Where a value of the form's head was read: the numbered box its label is in (``"box 3"``, the
    box's number as printed on its first line, at or above the label), else the label's own box
    (``'box "Form 3 Holdings Reported"'``)."""
    low = label.lower()
    at = next((i for i, line in enumerate(lines) if low in line.lower()), None)
    if at is not None:
        for line in reversed(lines[: at + 1]):
            if (match := _NUMBERED.match(line)) is not None:
                return f"box {match[1]}"
    return f'box "{label}"'


def _place_head(lines: list[str], form: str, doc: OwnershipDocument, unread: Unread) -> None:
    """The places of the values of the form's head that ``doc`` holds, by the labels the reader reads
    them by."""
    form_line = next((line for line in lines[:40] if _FORM_LINE.match(line)), f"FORM {form}")
    # Document type: the "FORM N" box; its "/A" follows from box "If Amendment, Date Original Filed".
    unread.place("document_type", f'box "{form_line}"')
    if doc.date_of_original_submission is not None:
        original = "Date Original Filed" if _says(lines, "Date Original Filed") else "Date of Original Filed"
        unread.place("date_of_original_submission", _box(lines, original))
    if doc.period_of_report is not None:
        period = {"3": "Date of Event Requiring Statement", "5": "Fiscal Year Ended"}.get(
            form, "Date of Earliest Transaction"
        )
        unread.place("period_of_report", _box(lines, period))
    for path, label in (
        ("no_securities_owned", "No securities are beneficially owned"),
        ("not_subject_to_section16", "Check this box if no longer subject to Section 16"),
        ("form3_holdings_reported", "Form 3 Holdings Reported"),
        ("form4_transactions_reported", "Form 4 Transactions Reported"),
        ("aff10b5_one", "Check this box to indicate that a transaction was made pursuant"),
    ):
        if getattr(doc, path) is not None:
            unread.place(path, _box(lines, label))
    if doc.issuer is not None:
        issuer = _box(lines, "Ticker or Trading Symbol")
        if doc.issuer.issuer_name is not None:
            unread.place("issuer.issuer_name", issuer)
        if doc.issuer.issuer_trading_symbol is not None:
            unread.place("issuer.issuer_trading_symbol", issuer)


def _says(lines: list[str], text: str) -> bool:
    low = text.lower()
    return any(low in line.lower() for line in lines)


def _is_header(cells: list[Cell]) -> bool:
    first = cells[0].text
    return bool(re.match(r"^1\.\s*Title", first)) or first in ("Code", "Title")


_ISSUER = re.compile(r"^(?P<name>.*?)\s*\[\s*(?P<symbol>[^\]]*?)\s*\]\s*$")


def _issuer(line: str) -> Issuer | None:
    if not line:
        return None
    match = _ISSUER.match(line)
    if match is None:
        return Issuer(issuer_name=line)
    return Issuer(issuer_name=match["name"] or None, issuer_trading_symbol=match["symbol"] or None)


_FOOTNOTE_CELL = re.compile(r"^\(?(\d{1,3})[.)]\s*(.*)$", re.DOTALL)


def _footnote(cells: list[Cell], *, in_notes: bool) -> Footnote | None:
    """``(N)`` + text in two cells (spec stylesheets) or ``N. text`` in one (EDGAR's view)."""
    filled = [c for c in cells if c.text or c.footnote_ids]
    if in_notes and len(filled) == 1 and (match := re.match(r"^(\d{1,3})\.\s+(.+)$", filled[0].text)):
        return Footnote(id=f"F{match[1]}", text=match[2])
    if len(filled) == 2 and not filled[0].text and len(filled[0].footnote_ids) == 1 and filled[1].text:
        return Footnote(id=filled[0].footnote_ids[0], text=filled[1].text)
    if len(filled) == 2 and re.fullmatch(r"\(\d{1,3}\)", filled[0].text):
        return Footnote(id="F" + filled[0].text.strip("()"), text=filled[1].text)
    return None


def _signature(cells: list[Cell]) -> Signature | None:
    filled = [c.text for c in cells if c.text]
    if (
        len(filled) == 2
        and (when := parse_us_date(filled[1])) is not None
        and parse_us_date(filled[0]) is None
    ):
        if "Signature of Reporting Person" in filled[0] or filled[0].startswith("**"):
            return None
        return Signature(signature_name=filled[0], signature_date=when)
    return None


def _remarks(lines: list[str]) -> str | None:
    for i, line in enumerate(lines):
        if line.startswith("Remarks:"):
            rest = line[len("Remarks:") :].strip()
            if rest:
                return rest
            if i + 1 < len(lines) and not lines[i + 1].startswith(("/s/", "**", "Reminder")):
                return lines[i + 1]
    return None


# The "Reporting Owners" table's columns: name and address, Director, 10% Owner, Officer, Other.
_OWNER_COLUMNS = {
    "is_director": 2,
    "is_ten_percent_owner": 3,
    "is_officer": 4,
    "officer_title": 4,
    "is_other": 5,
    "other_text": 5,
}


_OWNER_PARTS = {
    "address": tuple(f.name for f in fields(Address)),
    "relationship": tuple(f.name for f in fields(Relationship)),
}


def _place_owner(index: int, owner: ReportingOwner, where: Callable[[str], str], unread: Unread) -> None:
    """Every value of a reporting owner (its name, address and relationship: flat texts and flags),
    placed by ``where`` (its attribute's name -> its place)."""
    base = f"reporting_owners[{index}]."
    if owner.rpt_owner_name is not None:
        unread.place(base + "rpt_owner_name", where("rpt_owner_name"))
    for part, names in _OWNER_PARTS.items():
        values = getattr(owner, part)
        if values is not None:
            for name in names:
                if getattr(values, name) is not None:
                    unread.place(f"{base}{part}.{name}", where(name))


def _read_owners(
    owner_cells: list[tuple[list[Cell], etree._Element]], lines: list[str], unread: Unread
) -> tuple[ReportingOwner, ...]:
    owners: list[ReportingOwner] = []
    for cells, row in owner_cells:
        if not cells[0].text or cells[0].text.startswith("Reporting Owner"):
            continue
        tds = [td for td in row if isinstance(td.tag, str) and td.tag in ("td", "th")]
        name, address = _address(_owner_lines(tds[0]))
        owners.append(
            ReportingOwner(
                rpt_owner_name=name,
                address=address,
                relationship=Relationship(
                    is_director=bool(cells[1].text),
                    is_ten_percent_owner=bool(cells[2].text),
                    is_officer=bool(cells[3].text),
                    is_other=bool(cells[4].text),
                    officer_title=cells[3].text or None,
                    other_text=cells[4].text or None,
                ),
            )
        )
    relationship_box = _box(lines, "Relationship of Reporting Person")
    if owners:
        first = _first_owner_relationship(lines)
        if first is not None:
            owners[0] = _with_relationship(owners[0], first)
        for i, owner in enumerate(owners):

            def cell(attribute: str, row: int = i + 1) -> str:
                return f"Reporting Owners row {row}, column {_OWNER_COLUMNS.get(attribute, 1)}"

            def ticked_or_cell(attribute: str) -> str:
                # the first owner's boxes ticked in box 5 count as much as the table's (_with_relationship)
                ticked = getattr(first, attribute, None) is True and attribute.startswith("is_")
                return relationship_box if ticked else cell(attribute)

            _place_owner(i, owner, ticked_or_cell if i == 0 else cell, unread)
        return tuple(owners)
    name = _after(lines, "Name and Address of Reporting Person", stop=("(Last)",))
    relationship = _first_owner_relationship(lines)
    if relationship is not None and relationship.is_officer:
        title = _after(lines, "Other (specify below)", stop=("Date of", "Individual or Joint"))
        relationship = Relationship(
            is_director=relationship.is_director,
            is_ten_percent_owner=relationship.is_ten_percent_owner,
            is_officer=True,
            is_other=relationship.is_other,
            officer_title=title,
        )
    address = _box1_address(lines)
    if not (name or relationship):
        return ()
    owner = ReportingOwner(rpt_owner_name=name, address=address, relationship=relationship)
    name_box = _box(lines, "Name and Address of Reporting Person")
    _place_owner(0, owner, lambda a: relationship_box if a in _OWNER_COLUMNS else name_box, unread)
    return (owner,)


def _box1_address(lines: list[str]) -> Address | None:
    """Box 1 of EDGAR's own view: street lines between "(Middle)" and "(Street)", then city, state and
    zip, one per cell, before "(City)"."""
    try:
        middle = lines.index("(Middle)")
        street = lines.index("(Street)", middle)
        city = lines.index("(City)", street)
    except ValueError:
        return None
    streets, place = lines[middle + 1 : street], lines[street + 1 : city]
    if len(place) != 3:
        return None
    return Address(
        rpt_owner_street1=streets[0] if streets else None,
        rpt_owner_street2=streets[1] if len(streets) > 1 else None,
        rpt_owner_city=place[0],
        rpt_owner_state=place[1],
        rpt_owner_zip_code=place[2],
    )


def _first_owner_relationship(lines: list[str]) -> Relationship | None:
    """Box 5 (Form 3: box 4) ticks of the first reporting person."""
    director = _ticked(lines, "Director")
    if director is None:
        return None
    return Relationship(
        is_director=director,
        is_ten_percent_owner=_ticked(lines, "10% Owner"),
        is_officer=_ticked(lines, "Officer (give title"),
        is_other=_ticked(lines, "Other (specify"),
    )


def _with_relationship(owner: ReportingOwner, ticks: Relationship) -> ReportingOwner:
    """The owners table shows titles; box 5 the ticks (an officer without a title, too): either counts."""
    table = owner.relationship or Relationship()
    return ReportingOwner(
        rpt_owner_name=owner.rpt_owner_name,
        address=owner.address,
        relationship=Relationship(
            is_director=bool(ticks.is_director or table.is_director),
            is_ten_percent_owner=bool(ticks.is_ten_percent_owner or table.is_ten_percent_owner),
            is_officer=bool(ticks.is_officer or table.is_officer),
            is_other=bool(ticks.is_other or table.is_other),
            officer_title=table.officer_title,
            other_text=table.other_text,
        ),
    )
