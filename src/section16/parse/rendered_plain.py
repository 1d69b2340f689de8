"""Reading plain ``pdftotext`` text (no ``-layout``) of a printed Form 3, 4 or 5 back into an
:class:`~section16.model.OwnershipDocument`.

Plain pdftotext prints the page in its own reading order, one block of lines per cell or paragraph,
blocks separated by blank lines, with no columns: a label stands on its own line ("(Street)",
"Reporting Owners") and a value on the lines near it. The reader works on those lines:

- the boxes above Table I by their labels' words (box 1-6 of the view, spec.md section 5): the form
  number, the issuer line ``NAME [SYMBOL]``, the dates printed on their own line (the period first, then
  the date of the original filing of an amendment), the box-5 ticks ``__X__ Director``;
- the "Reporting Owners" table: each owner's name and address lines, closed by the ``CITY, ST ZIP``
  line, and the ``X`` ticks and titles printed after them;
- the signature blocks, each closed by "Signature of Reporting Person", with the dates in order;
- "Explanation of Responses": one footnote per ``(N)`` line and the lines that follow it, and
  "Remarks:";
- Tables I and II from their cells (``_plain_table``).

The browser's print header and footer (time, page title, ``file:`` URL, page numbers) are skipped.
Nothing is guessed: what the text does not show (CIKs, schema version, the drawn checkboxes "no longer
subject to Section 16" and "10b5-1(c)") stays None.

Pure: text in, model out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from section16.errors import UnsupportedFormat
from section16.model import (
    DerivativeRow,
    DerivativeTransaction,
    DocumentType,
    Footnote,
    Issuer,
    NonDerivativeRow,
    OwnershipDocument,
    Relationship,
    ReportingOwner,
    Signature,
)
from section16.parse._positioned import SOFT_HYPHEN, _split_by_centres, join_words
from section16.parse._rendered import Cell, Unread, derivative_row, non_derivative_row, parse_us_date
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
    """The text's lines, stripped, without the browser's print header and footer (a page break joins
    the blocks around it); blank lines (block breaks) are kept as ``""``. Plain pdftotext joins a word
    that the print broke after its hyphen and drops the hyphen (``FF-`` / ``VIIP`` -> ``FFVIIP``):
    where the same document prints the word whole with its hyphen, the hyphen is put back."""
    text = text.replace("\r\n", "\n").replace("\xa0", " ").replace("\f", "\n")
    hyphenated = {word.replace("-", ""): word for word in _HYPHENATED.findall(text)}
    if hyphenated:
        text = _WORD.sub(lambda m: hyphenated.get(m[0], m[0]), text)
    out: list[str] = []
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if _CHROME.match(line):
            while out and out[-1] in ("", PAGE_BREAK):
                out.pop()
            out.append(PAGE_BREAK)
        elif not (line == "" and out and out[-1] == PAGE_BREAK):
            out.append(line)
    return [line for line in out if line != PAGE_BREAK]


_HYPHENATED = re.compile(r"\b[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+\b")
_WORD = re.compile(r"\b[A-Za-z0-9]{4,}\b")
PAGE_BREAK = "\f"
"""Where the print header or footer was: a page break, which may fall inside a cell; the blank lines
around it are not a block break."""


def _index(lines: list[str], prefix: str, start: int = 0) -> int | None:
    return next((i for i in range(start, len(lines)) if lines[i].startswith(prefix)), None)


def read_rendered_plain(text: str, *, source: str | None = None) -> tuple[OwnershipDocument, tuple[str, ...]]:
    """Plain pdftotext text of a printed Form 3, 4 or 5 -> the document and reader notes. Raises
    :class:`UnsupportedFormat` when the text is not such a form."""
    lines = plain_lines(text)
    form = next((m[1] for line in lines[:80] if (m := _FORM.match(line))), None)
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
    ticks = _ticks(" ".join(lines[: t2 or owners_at or len(lines)]))
    end_owners = signatures_at or explain_at or len(lines)
    owners = _owners(lines[owners_at + 1 : end_owners] if owners_at is not None else [], ticks)
    issuer_at, issuer = _issuer_of(lines[:t1_end])
    # boxes 1-6 may be printed among the rows of Table I: their values are not cells
    taken = {i for i in (period and period[0], original and original[0], issuer_at) if i is not None}
    values = _owner_strings(owners)
    unread = Unread()
    table1, table2 = read_tables(
        ["" if i in taken or lines[i] in values else lines[i] for i in range(t1_start, t1_end)],
        lines[t2 : owners_title or owners_at or explain_at or len(lines)] if t2 is not None else [],
        form,
        unread,
    )
    footnotes, remarks = _explanations(lines[explain_at + 1 :] if explain_at is not None else [])
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
        owner_signatures=_signatures(
            lines[signatures_at + 1 : explain_at or len(lines)] if signatures_at is not None else []
        ),
        unparsed=tuple(unread.items),
    )
    notes = (
        "recovered from a rendered copy (plain converted text): CIKs, schema version and codes not "
        "printed; checkboxes drawn as graphics are not read",
        *rendered_notes(doc),
    )
    return doc, notes


def _ticks(head: str) -> Relationship:
    """The box-5 ticks: ``__X__`` before a label ticks it, underscores alone leave it unticked."""
    found: dict[str, bool] = {}
    for mark, label in _TICK.findall(head):
        found.setdefault(label, "X" in mark)
    return Relationship(
        is_director=found.get("Director"),
        is_ten_percent_owner=found.get("10% Owner"),
        is_officer=found.get("Officer (give"),
        is_other=found.get("Other (specify"),
    )


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


def _issuer_of(head: list[str]) -> tuple[int | None, Issuer | None]:
    """Box 2 (Form 4/5) or 3 (Form 3): the first line after its label that holds ``[SYMBOL]``, joined
    with the lines of its block above it when the issuer's name wraps; and the line's index."""
    at = next((i for i, line in enumerate(head) if "Ticker or Trading Symbol" in line), None)
    if at is None:
        return None, None
    for i in range(at + 1, min(len(head), at + 40)):
        if re.search(r"\[[^\]]*\]$", head[i]):
            start = i
            while start > at + 1 and head[start - 1] and not head[start - 1].startswith(("(", "_")):
                if re.match(r"^\d\.", head[start - 1]):
                    break
                start -= 1
            return i, _issuer(join_words(head[start : i + 1]))
    return None, None


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
        if r is not None:
            parts += [r.officer_title, r.other_text]
        out.update(p for p in parts if p)
    return out


def _owners(lines: list[str], ticks: Relationship) -> tuple[ReportingOwner, ...]:
    """The "Reporting Owners" table: owner cells (name, address lines, ``CITY, ST ZIP``), then the
    ticks ``X`` and the officer title or other text of the Relationships columns."""
    body = [
        line for line in lines if line != "Relationships" and not (line and set(line.split()) <= _OWN_LABELS)
    ]
    ends = [i for i, line in enumerate(body) if _is_city_line(line)]
    if not ends:
        return ()
    cells: list[tuple[list[str], list[str]]] = []
    previous = -1
    for k, end in enumerate(ends):
        start = end
        while start - 1 > previous and body[start - 1]:
            start -= 1
        after_end = ends[k + 1] if k + 1 < len(ends) else len(body)
        # the owner cell of the next owner starts at the first line of its block
        nxt = after_end
        while nxt - 1 > end and body[nxt - 1]:
            nxt -= 1
        cells.append((body[start : end + 1], [line for line in body[end + 1 : nxt] if line]))
        previous = end
    owners: list[ReportingOwner] = []
    for k, (cell, marks) in enumerate(cells):
        name, address = _address(cell)
        count = sum(1 for m in marks if m == "X")
        title = join_words(m for m in marks if m != "X") or None
        if k == 0 or len(cells) == 1:
            rel = _relationship(ticks, title)
        else:
            rel = _other_relationship(ticks, count, title)
        owners.append(ReportingOwner(rpt_owner_name=name, address=address, relationship=rel))
    return tuple(owners)


def _is_city_line(line: str) -> bool:
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


def _signatures(lines: list[str]) -> tuple[Signature, ...]:
    """Signature blocks: the name lines before each "** Signature of Reporting Person", and the dates
    printed under "Date", in order."""
    names: list[str | None] = []
    dates: list[date] = []
    pending: list[str] = []
    for line in lines:
        if line.startswith("Signature of Reporting Person") or line.startswith("** Signature"):
            names.append(join_words(pending) or None)
            pending = []
        elif _DATE_LINE.match(line):
            when = parse_us_date(line)
            if when is not None:
                dates.append(when)
        elif line and line not in ("**", "Date"):
            pending.append(line.removesuffix(" **"))
    out = [
        Signature(signature_name=name, signature_date=dates[i] if i < len(dates) else None)
        for i, name in enumerate(names)
    ]
    return tuple(s for s in out if s.signature_name or s.signature_date)


_STOP = (
    "Note:", "Potential persons", "* If the form", "** Intentional", "If the form is filed",
    "Intentional misstatements",
)  # fmt: skip


def _explanations(lines: list[str]) -> tuple[tuple[Footnote, ...], str | None]:
    """Footnotes and the remarks after "Explanation of Responses:".

    The view prints the footnotes as a two-column table whose marker ``(N)`` is centred against its
    text, and pdftotext puts the marker in front of the line beside it: the middle line of a note,
    not its first (a marker between two lines gets a line of its own). So the text lines are split
    into one run per marker with each run's centre nearest its marker, as the positioned readers do
    (``_split_by_centres``)."""
    texts: list[str] = []
    marks: list[tuple[float, str]] = []
    remark: list[str] | None = None
    for at, line in enumerate(lines):
        if not line or line in ("*", "**"):
            continue
        if line.startswith(_STOP):
            if remark is not None:
                break
            continue
        if remark is not None:
            remark.append(line)
            continue
        if line.startswith("Remarks:"):
            remark = [line[len("Remarks:") :].strip()]
            continue
        match = _NOTE.match(line)
        if match is None:
            texts.append(line)
        elif match[2]:
            marks.append((float(len(texts)), f"F{match[1]}"))
            texts.append(match[2])
        elif at + 1 < len(lines) and not lines[at + 1]:  # alone in its block: before a two-line note
            marks.append((len(texts) + 0.5, f"F{match[1]}"))
        else:  # alone inside the text: between the lines around it
            marks.append((len(texts) - 0.5, f"F{match[1]}"))
    footnotes: tuple[Footnote, ...] = ()
    if marks:
        runs = _split_by_centres([float(i) for i in range(len(texts))], [y for y, _ in marks], spaced=False)
        footnotes = tuple(
            Footnote(id=note_id, text=_joined([texts[k] for k in run]))
            for (_, note_id), run in zip(marks, runs, strict=True)
        )
    remarks = _joined(remark) if remark else None
    return footnotes, remarks or None


def _joined(parts: list[str]) -> str:
    marked = [p[:-1] + SOFT_HYPHEN if re.search(r"\w-$", p) else p for p in parts]
    return join_words(marked)


# --- Tables I and II -------------------------------------------------------------------------------
#
# pdftotext cuts a table into flows of columns and prints each flow row by row, so one column's cells
# keep their order while two columns' cells interleave in ways that depend on the print's geometry.
# Each cell is therefore given its column from its own kind of value and its neighbours (the view's
# display rules, spec.md section 5: dates MM/DD/YYYY, one-letter codes, A/D, D/I, numbers ###,##0.####,
# prices after "$", footnote references "(N)"), and the k-th cell of a column belongs to the k-th row
# that has that column (Table I lists transactions before holdings; a row's ownership form, column 6/10
# of Form 4, 3/5 of Form 3, is never empty).

# Words of the tables' column labels (the stylesheets' headings); a line of only these is a label.
_HEADER_WORDS = frozenset(
    " ".join(
        (
            "1. 1.Title 2. 2A. 3. 3A. 4. 5. 6. 7. 8. 9. 10. 11. Title of Security Securities (Instr.",
            "3) 3, 3 4 5 4) 5) 4, and 8) Transaction Date Deemed Execution if any (Month/Day/Year) Code V",
            "Amount (A) or (D) Price Disposed Acquired Beneficially Owned Following Reported",
            "Transaction(s) Ownership Form: Form Direct Indirect (I) Nature Beneficial Derivative",
            "Conversion Exercise Exercisable Expiration Underlying Number Shares Security: Date, Acquired,",
            "of, at End end Issuer's Fiscal Year",
        )
    ).split()
)
_BOILERPLATE = (
    "Reminder:", "Persons who respond", "in this form are", "contained in this form",
    "this form are not", "the form displays", "form displays", "displays a currently", "a currently valid",
    "currently valid", "SEC 147", "number.", "Table I", "Table II", "(e.g.,", "(Print or Type",
    "(Check all", "(Street)", "(City)", "(State)", "(Zip)", "(Last)", "(First)", "(Middle)", "_", "OMB",
    "Estimated", "hours per",
)  # fmt: skip
_NUM = re.compile(r"^\$?\d[\d,]*(\.\d+)?$")
_MARK = re.compile(r"^\(\d{1,3}\)$")
_LETTER = re.compile(r"^[A-Z](\(K\)|/K)?$")
_VALUE_WORD = re.compile(r"^(\$|\$?\d[\d,]*(\.\d+)?|\(\d{1,3}\)|[A-Z](\(K\)|/K)?|\d{1,2}/\d{1,2}/\d{4})$")
# the form's notes printed beside the tables ("Persons who respond to the collection ... OMB control
# number.", "Reminder: Report on a separate line ...")
_BOILER_WORDS = re.compile(
    r"\brespond\b|\bOMB\b|currently valid|collection of information|^number\.$|^Person \*$|Reporting Person"
    r"|owned directly or indirectly\.$|^SEC \d{4} \(\d"
)
_LABEL = re.compile(r"^\d{1,2}A?\.\s")
_GLUED_MARK = re.compile(r"(\w)(\(\d{1,3}\))")
_CODES = frozenset("ACDEFGHIJKLMOPSUWXZ")
_NATURE_START = re.compile(r"^(By|See|Through|Held|Owned|Trust|Footnote|As |Custodian)", re.IGNORECASE)
_COMMON = re.compile(r"^(Class [A-Z0-9]+ )?(Common|Ordinary|Series [A-Z0-9]+ Common)", re.IGNORECASE)


def _is_header(line: str, before: list[str]) -> bool:
    """A line of column labels; "Shares" alone is one when it ends "Amount or Number of Shares" (a
    line "of" just above it), else it is a value ("Common / Shares")."""
    if line == "Shares":
        return any(b == "of" or b.endswith(" of") for b in before[-4:])
    return all(word in _HEADER_WORDS for word in line.split())


@dataclass(slots=True)
class _Tok:
    """One cell's value as printed: its kind (``text``, ``date``, ``num``, ``price``, ``dollar``,
    ``letter``, ``mark``), its text, and the footnote markers printed after it."""

    kind: str
    text: str
    marks: list[str] = field(default_factory=list)
    line: int = 0


def _tokens(lines: list[str]) -> list[_Tok]:
    """The data cells of a table region, in text order: header labels and boilerplate dropped; the
    lines of one block that are text are one text cell; other lines split into values."""
    out: list[_Tok] = []
    text_tok: _Tok | None = None
    for n, line in enumerate(lines):
        if not line:
            text_tok = None
            continue
        labels = line.startswith(_BOILERPLATE) or _BOILER_WORDS.search(line) or _LABEL.match(line)
        if labels or _is_header(line, lines[max(0, n - 4) : n]):
            text_tok = None
            continue
        words = _GLUED_MARK.sub(r"\1 \2", line).split()
        kinds = [bool(_VALUE_WORD.match(w)) for w in words]
        all_values = all(kinds)
        inside = {k for k in range(1, len(words) - 1) if kinds[k] and not kinds[k - 1] and not kinds[k + 1]}
        if len(words) == 1 and words[0].startswith("$") and _within_text(lines, n, text_tok):
            inside.add(0)  # "par / value / $0.0001 / per share": a dollar amount inside a title
        values: list[_Tok] = []
        text_words: list[str] = []
        k = 0
        while k < len(words):
            word = words[k]
            if k in inside and not _MARK.match(word):
                text_words.append(word)
            elif _MARK.match(word):
                target = values[-1] if values else None
                if target is None and text_words:
                    text_words.append(word)
                elif target is None:
                    values.append(_Tok("mark", word, [word], n))
                else:
                    target.marks.append(word)
            elif word == "$" and k + 1 < len(words) and _NUM.match(words[k + 1]):
                values.append(_Tok("price", words[k + 1], [], n))
                k += 1
            elif word == "$":
                values.append(_Tok("dollar", "$", [], n))
            elif word.startswith("$") and _NUM.match(word):
                values.append(_Tok("price", word[1:], [], n))
            elif _DATE_LINE.match(word):
                values.append(_Tok("date", word, [], n))
            elif _NUM.match(word) and text_words[-1:] != ["Class"]:
                values.append(_Tok("num", word, [], n))
            elif _LETTER.match(word) and (values or all_values):
                values.append(_Tok("letter", word, [], n))
            else:
                text_words.append(word)
            k += 1
        if text_words:
            joined = " ".join(text_words)
            if text_tok is not None and text_tok.line == n - 1:
                text_tok.text += " " + joined
                text_tok.line = n
            else:
                text_tok = _Tok("text", joined, [], n)
                out.append(text_tok)
            if values:
                text_tok.line = n
        elif values and text_tok is not None:
            text_tok.line = n  # a value inside a text block ("Common / 732.00 / Stock")
        out.extend(values)
    result: list[_Tok] = []
    for tok in out:
        if tok.kind == "text":
            # markers inside text ("LLC (6)") are the text cell's footnotes
            found = re.findall(r"\(\d{1,3}\)", tok.text)
            if found:
                tok.marks.extend(found)
                tok.text = " ".join(re.sub(r"\(\d{1,3}\)", " ", tok.text).split())
            if not tok.text and not tok.marks:
                continue
            count, part = _repeated(tok.text)
            if count > 1 and not tok.marks:
                # rows' equal titles in one block, with no blank line between them
                result.extend(_Tok("text", part, [], tok.line) for _ in range(count))
                continue
        result.append(tok)
    return result


def _repeated(text: str) -> tuple[int, str]:
    """``"A B A B A B"`` -> ``(3, "A B")``; a text that is not one part repeated -> ``(1, text)``."""
    size = len(text) + 1
    for count in range(2, 13):
        if size % count == 0 and size // count > 4:
            part = text[: size // count - 1]
            if " ".join([part] * count) == text:
                return count, part
    return 1, text


def _within_text(lines: list[str], n: int, block: _Tok | None) -> bool:
    """Line ``n`` continues a text cell and the line after it is text of the same block."""
    if block is None or block.line != n - 1 or n + 1 >= len(lines):
        return False
    after = lines[n + 1].split()
    return bool(after) and not _VALUE_WORD.match(after[0])


_T1_COLUMNS = ("title", "date", "code", "amount", "ad", "price", "owned", "direct", "nature")


def _columns_t1(toks: list[_Tok]) -> dict[str, list[_Tok]]:
    """Table I of Form 4/5: each cell to its column by its kind and its neighbours."""
    q: dict[str, list[_Tok]] = {c: [] for c in _T1_COLUMNS}
    prev: str | None = None
    last: _Tok | None = None
    dollar = False
    forced: dict[int, str] = {}
    for i, tok in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        col: str | None = forced.get(i)
        cell = tok
        if col is not None:
            pass
        elif tok.kind == "mark":
            ahead = next((t for t in toks[i + 1 :] if t.kind != "mark"), None)
            pair = toks[i + 1 : i + 3]
            if not dollar and _price_only(q, prev, ahead):
                col = "price"  # a price cell that prints only its footnote
                cell = _Tok("price", "", list(tok.marks), tok.line)
            elif len(pair) == 2 and all(t.kind == "num" for t in pair) and pair[0].line == pair[1].line:
                # raised above a price and amount owned printed on one line: the amount owned's
                pair[1].marks.extend(tok.marks)
                continue
            elif prev == "code" and q["amount"] and len(q["amount"]) == len(q["code"]):
                # a code's footnote is printed with it ("F(1)"); one on a line of its own after the
                # code is the superscript of the amount printed before it
                q["amount"][-1].marks.extend(tok.marks)
                continue
            else:
                target = _mark_target(q, prev, last, tok.line)
                if target is not None:
                    target.marks.extend(tok.marks)
                continue
        elif tok.kind == "dollar":
            dollar = True
            continue
        elif tok.kind == "num" and not dollar and (pairs := _pairs(toks, i, q)) is not None:
            for at, name in pairs.items():
                forced[at] = name
            col = forced[i]
        elif tok.kind == "text":
            col = "nature" if _is_nature(tok, q, prev) else "title"
        elif tok.kind == "date":
            col = "date"
        elif tok.kind == "price":
            col, dollar = "price", False
        elif tok.kind == "num":
            if last is not None and last.line == tok.line and prev == "price":
                col = "owned"
            elif dollar:
                pair = nxt is not None and nxt.kind == "num" and nxt.line != tok.line
                same = nxt is not None and nxt.kind == "num" and nxt.line == tok.line
                if pair and not same and len(q["owned"]) < len(q["amount"]) + 0:
                    col = "owned"
                else:
                    col, dollar = "price", False
            elif len(q["amount"]) < len(q["date"]) and prev != "amount":
                col = "amount"
            else:
                col = "owned"
        elif tok.kind == "letter":
            col = _letter_t1(tok.text, q, prev)
        if col is None:
            continue
        q[col].append(cell)
        prev, last = col, cell
    return q


def _pairs(toks: list[_Tok], i: int, q: dict[str, list[_Tok]]) -> dict[int, str] | None:
    """Columns 4 and 5-6 of one transaction printed as two pairs ``NUM letter``, in either order: the
    pair whose letter is A, or whose partner's letter is I, is the amount and its (A)/(D), the other
    the amount owned after and its ownership form (D/I). Only while one amount is awaited: with more,
    two pairs may be two transactions' amounts. None when the cells do not pair up so."""

    def pair_at(k: int) -> str | None:
        if k + 1 < len(toks) and toks[k].kind == "num" and toks[k + 1].kind == "letter":
            letter = toks[k + 1].text
            return letter if letter in ("A", "D", "I") else None
        return None

    first = pair_at(i)
    if first is None:
        return None
    k = i + 2
    while k < len(toks) and toks[k].kind in ("mark", "letter") and k < i + 5:
        k += 1
    second = pair_at(k) if k < len(toks) and toks[k].kind == "num" else None
    if second is None:
        return None
    if len(q["date"]) - len(q["amount"]) != 1:
        return None
    if second == "I" or (first == "A" and second == "D"):
        amount, owned = i, k
    elif first == "I" or (second == "A" and first == "D"):
        amount, owned = k, i
    else:
        return None
    return {amount: "amount", amount + 1: "ad", owned: "owned", owned + 1: "direct"}


def _letter_t1(text: str, q: dict[str, list[_Tok]], prev: str | None) -> str:
    letter = text[0]
    if prev == "date" and letter in _CODES:
        return "code"
    if letter in ("A", "D"):
        if prev == "amount" and len(q["ad"]) < len(q["amount"]):
            return "ad"
        if prev in ("owned", "price") and letter == "D" and len(q["direct"]) < len(q["owned"]) + 1:
            return "direct"
        if len(q["ad"]) < len(q["amount"]):
            return "ad"
        if len(q["code"]) < len(q["date"]):
            return "code"
        return "direct" if letter == "D" else "ad"
    if letter == "I":
        return "direct"
    return "code"


def _price_only(q: dict[str, list[_Tok]], prev: str | None, ahead: _Tok | None) -> bool:
    """A marker alone after a transaction's amount and (A)/(D) (or its amount owned and ownership
    form), when no ``$`` follows for the row: the price column prints only a footnote."""
    if prev not in ("ad", "owned", "direct") or not q["amount"]:
        return False
    if len(q["price"]) >= len(q["amount"]) or len(q["amount"]) != len(q["date"]):
        return False  # the row has its price, or the amounts of several rows are still awaited
    if prev != "ad" and len(q["owned"]) != len(q["amount"]):
        return False
    return ahead is None or ahead.kind not in ("dollar", "price")


def _mark_target(q: dict[str, list[_Tok]], prev: str | None, last: _Tok | None, line: int) -> _Tok | None:
    """A footnote marker on a line of its own: a superscript printed off its cell's baseline, after
    the cells of that baseline; it belongs to the amount before an (A)/(D) code, to a price on the
    line just above it ("$" over "1,031.578 167,339,820"), and to the price before an ownership form;
    otherwise to the cell before it."""
    if prev == "ad" and q["amount"]:
        return q["amount"][-1]
    if prev == "owned" and q["price"] and q["price"][-1].line == line - 1 and not q["price"][-1].marks:
        return q["price"][-1]
    price = q["price"][-1] if q["price"] else None
    if prev == "direct" and price and last is not None and price.line >= last.line - 3 and not price.marks:
        return price
    return last


def _is_nature(tok: _Tok, q: dict[str, list[_Tok]], prev: str | None) -> bool:
    """Column 7 (Form 4/5; 4 of Form 3) or the title: a text that repeats a title, or names a class of
    stock, is a title; one after an "I" or after a title, a nature."""
    if _NATURE_START.match(tok.text):
        return True
    if _COMMON.match(tok.text) or any(t.text == tok.text for t in q["title"]):
        return False
    if prev == "direct" and q["direct"][-1].text.startswith("I"):
        return True
    if prev == "title":
        return True
    titles = {t.text for t in q["title"]}
    return (
        bool(titles)
        and tok.text not in titles
        and len(q["title"]) > len(q["nature"])
        and any(d.text.startswith("I") for d in q["direct"])
    )


def _cell(tok: _Tok | None) -> Cell:
    if tok is None:
        return Cell()
    return Cell(tok.text.removeprefix("$"), tuple(f"F{m.strip('()')}" for m in tok.marks))


def _rows_t1(q: dict[str, list[_Tok]]) -> list[dict[str, Cell]]:
    """Rows from the columns: transactions first (as many as dates, codes or amounts), then holdings;
    natures to the rows owned indirectly, in order."""
    count = max(len(q["title"]), len(q["owned"]), len(q["direct"]))
    deals = max(len(q["date"]), len(q["code"]), len(q["amount"]))
    count = max(count, deals)
    rows: list[dict[str, Cell]] = []
    indirect = [i for i, t in enumerate(q["direct"]) if t.text.startswith("I")]
    natures = dict(zip(indirect, q["nature"], strict=False))
    for i in range(count):
        row: dict[str, Cell] = {}
        for col in ("title", "owned", "direct"):
            row[col] = _cell(q[col][i] if i < len(q[col]) else None)
        if i < deals:
            for col in ("date", "code", "amount", "ad", "price"):
                row[col] = _cell(q[col][i] if i < len(q[col]) else None)
        row["nature"] = _cell(natures.get(i))
        rows.append(row)
    return rows


def _columns_t2(toks: list[_Tok], form: str) -> dict[str, list[_Tok]]:
    """Table II: each cell to its column by its kind and its neighbours. The amount of column 5 (Form
    4/5) is printed under "(A)" or "(D)", which plain text cannot tell apart."""
    q: dict[str, list[_Tok]] = {c: [] for c in _T2_COLUMNS}
    prev: str | None = None
    last: _Tok | None = None
    dollar = False
    for i, tok in enumerate(toks):
        later = [t for t in toks[i + 1 : i + 3] if t.kind != "mark"]
        nxt = later[0] if later else None
        if tok.kind == "dollar" and not tok.marks:
            dollar = True
            continue
        cell = tok
        if tok.kind == "mark":
            col = _mark_t2(q, prev, form, toks[i + 1] if i + 1 < len(toks) else None)
            if col is None:
                if last is not None:
                    last.marks.extend(tok.marks)
                continue
            cell = _Tok("mark", "", list(tok.marks), tok.line)
        elif tok.kind == "text":
            col = _text_t2(tok, q, prev, nxt)
        elif tok.kind == "date":
            col = _date_t2(q, prev, nxt, form)
        elif tok.kind in ("price", "dollar") or (tok.kind == "num" and dollar):
            dollar = False
            cell = _Tok("price", tok.text if tok.kind != "dollar" else "", tok.marks, tok.line)
            col = "conversion" if form == "3" else _dollar_t2(q, prev)
        elif tok.kind == "num":
            col = _num_t2(tok, q, prev, last, form)
        else:
            col = _letter_t2(tok.text[0], q, prev, form)
        q[col].append(cell)
        prev, last = col, cell
    return q


def _dollar_t2(q: dict[str, list[_Tok]], prev: str | None) -> str:
    """A ``$`` value of Table II (Form 4/5): the conversion or exercise price (column 2, right after
    the title) or the price of a transaction (column 8, after the underlying securities)."""
    early = prev in (None, "title") or (prev != "under_shares" and len(q["conversion"]) < len(q["title"]))
    return "conversion" if early else "price"


def _date_t2(q: dict[str, list[_Tok]], prev: str | None, nxt: _Tok | None, form: str) -> str:
    """The transaction date is followed by its code; the others are the dates exercisable and of
    expiration, in that order."""
    coded = nxt is not None and nxt.kind == "letter" and nxt.text[0] != "D"
    early = prev in ("title", "conversion") and len(q["date"]) < len(q["title"])
    if form != "3" and (coded or early):
        return "date"
    return "exercisable" if len(q["exercisable"]) <= len(q["expiration"]) else "expiration"


def _letter_t2(letter: str, q: dict[str, list[_Tok]], prev: str | None, form: str) -> str:
    if form == "3" or letter == "I" or (letter == "D" and prev in ("owned", "price", "under_shares")):
        return "direct"
    if len(q["code"]) < len(q["date"]) or prev == "date":
        return "code"
    return "direct" if letter == "D" else "code"


_T2_COLUMNS = (
    "title", "conversion", "date", "code", "amount", "exercisable", "expiration", "under_title",
    "under_shares", "price", "owned", "direct", "nature",
)  # fmt: skip


def _mark_t2(q: dict[str, list[_Tok]], prev: str | None, form: str, ahead: _Tok | None) -> str | None:
    """A marker alone: a cell that prints only a footnote (conversion price, dates exercisable and of
    expiration), or a superscript of the cell before it (None)."""
    # a conversion price printed as its footnote alone comes before the transaction date (or, raised,
    # just after it); alone before other markers, the markers are the dates exercisable and of expiration
    waiting = form != "3" and len(q["conversion"]) < len(q["title"])
    if waiting and (prev == "date" or (prev == "title" and ahead is not None and ahead.kind == "date")):
        return "conversion"
    # after a row's last cells (the next row's footnote-only dates, printed before its other cells)
    after = prev in ("code", "amount", "conversion", "direct", "owned") or (form == "3" and prev == "title")
    if after and len(q["exercisable"]) < len(q["title"]):
        return "exercisable"
    if prev == "exercisable" and len(q["expiration"]) < len(q["exercisable"]):
        return "expiration"
    return None


def _text_t2(tok: _Tok, q: dict[str, list[_Tok]], prev: str | None, nxt: _Tok | None) -> str:
    if (prev == "direct" and q["direct"][-1].text.startswith("I")) or _NATURE_START.match(tok.text):
        return "nature"
    if prev in ("exercisable", "expiration"):
        return "under_title"
    if nxt is not None and nxt.kind == "num" and nxt.line - tok.line <= 1 and prev != "under_title":
        return "under_title"
    if _COMMON.match(tok.text) and len(q["under_title"]) < len(q["title"]):
        return "under_title"
    return "title"


def _num_t2(tok: _Tok, q: dict[str, list[_Tok]], prev: str | None, last: _Tok | None, form: str) -> str:
    if prev == "under_title" and len(q["under_shares"]) < len(q["under_title"]):
        return "under_shares"
    if prev == "price" and last is not None and last.line == tok.line:
        return "owned"
    if form != "3" and prev in ("code", "amount") and len(q["amount"]) < len(q["code"]):
        return "amount"
    if prev == "price":
        return "owned"
    if len(q["under_shares"]) < len(q["under_title"]):
        return "under_shares"
    if form != "3" and len(q["amount"]) < len(q["code"]):
        return "amount"
    return "owned" if form != "3" else "under_shares"


def _columns_t1_3(toks: list[_Tok]) -> dict[str, list[_Tok]]:
    """Table I of Form 3: title, amount owned, ownership form, nature."""
    q: dict[str, list[_Tok]] = {c: [] for c in _T1_COLUMNS}
    prev: str | None = None
    last: _Tok | None = None
    for tok in toks:
        if tok.kind == "mark" or (tok.kind == "dollar" and not tok.marks):
            if last is not None:
                last.marks.extend(tok.marks)
            continue
        if tok.kind == "text":
            col = "nature" if _is_nature(tok, q, prev) else "title"
        elif tok.kind in ("num", "price", "dollar"):
            col = "owned"
        elif tok.kind == "letter":
            col = "direct"
        else:
            continue
        q[col].append(tok)
        prev, last = col, tok
    return q


def _rows_t2(q: dict[str, list[_Tok]], form: str) -> list[dict[str, Cell]]:
    count = max(len(q["title"]), len(q["direct"]))
    deals = max(len(q["date"]), len(q["code"]), len(q["amount"])) if form != "3" else 0
    count = max(count, deals)
    indirect = [i for i, t in enumerate(q["direct"]) if t.text.startswith("I")]
    natures = dict(zip(indirect, q["nature"], strict=False))
    rows: list[dict[str, Cell]] = []
    for i in range(count):
        row: dict[str, Cell] = {}
        for col in ("title", "conversion", "exercisable", "expiration", "price", "owned", "direct"):
            row[col] = _cell(q[col][i] if i < len(q[col]) else None)
        row["underlying_title"] = _cell(q["under_title"][i] if i < len(q["under_title"]) else None)
        row["underlying_shares"] = _cell(q["under_shares"][i] if i < len(q["under_shares"]) else None)
        if i < deals:
            for col in ("date", "code"):
                row[col] = _cell(q[col][i] if i < len(q[col]) else None)
            row["a"] = _cell(q["amount"][i] if i < len(q["amount"]) else None)
        row["nature"] = _cell(natures.get(i))
        rows.append(row)
    return rows


def read_tables(
    table1: list[str], table2: list[str], form: str, unread: Unread
) -> tuple[tuple[NonDerivativeRow, ...], tuple[DerivativeRow, ...]]:
    """Tables I and II from the lines of their regions."""
    q1 = _columns_t1_3(_tokens(table1)) if form == "3" else _columns_t1(_tokens(table1))
    rows1: list[NonDerivativeRow] = [
        non_derivative_row(cells, f"/nonDerivativeTable/row[{i + 1}]", unread)
        for i, cells in enumerate(_rows_t1(q1))
    ]
    rows2: list[DerivativeRow] = []
    for i, cells in enumerate(_rows_t2(_columns_t2(_tokens(table2), form), form)):
        row = derivative_row(cells, f"/derivativeTable/row[{i + 1}]", unread)
        if isinstance(row, DerivativeTransaction):
            # whether the amount stood under (A) or (D) is not in plain text: not guessed
            row = replace(row, transaction_acquired_disposed_code=None)
        rows2.append(row)
    return tuple(rows1), tuple(rows2)
