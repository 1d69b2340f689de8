"""The cells of Tables I and II in plain ``pdftotext`` text (``rendered_plain``): a table region's
lines cut into tokens, each one cell's value as printed with its kind (text, date, number, price,
letter, footnote marker) and the footnote markers printed after it.

The kinds follow the view's display rules (spec.md section 5): dates MM/DD/YYYY, one-letter codes,
A/D, D/I, numbers ###,##0.####, prices after "$", footnote references "(N)". Which column a token
belongs to is for ``_plain_table1`` and ``_plain_table2``.

Pure: lines in, tokens out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from section16.parse._rendered import Cell
from section16.parse._values import unescape_twice

__all__ = [
    "CODES",
    "COMMON",
    "FOOTNOTE_END",
    "NATURE_START",
    "Line",
    "Tok",
    "cell",
    "numbered",
    "tokens",
    "where",
]


class Line(str):
    """A line of the text as the reader works on it (stripped, spaces collapsed) that knows its
    ``number``: the 1-based line of the converted text it was read from, which names the place of the
    values read from it (issue 5: "each value carries where it was read"). Made by :func:`numbered`
    where the reader moves lines about before it knows their values (the Reporting Owners table's
    cells, a text cell's parts); elsewhere the lines stay plain ``str`` with their numbers beside them
    (``rendered_plain.lines_and_numbers``), which costs less per line."""

    __slots__ = ("number",)
    number: int


def numbered(text: str, number: int) -> Line:
    """``text`` as a :class:`Line` read from the text's line ``number``."""
    line = Line(text)
    line.number = number
    return line


def where(line: str) -> str:
    """``"line 40"``: the place of a value read from ``line`` (empty for a line that is not a
    :class:`Line`, such as a blanked one)."""
    return f"line {line.number}" if isinstance(line, Line) else ""


_DATE_LINE = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$")
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
    "Estimated", "hours per", "Filing(Check", "(Country)",
)  # fmt: skip
# A number as the stylesheets print it (###,##0.####): from 1,000 up with commas, so "2007" in
# "Alban 2007 Declaration of Trust" is text.
_NUM = re.compile(r"^\$?(\d{1,3}(,\d{3})*|0)(\.\d+)?$")
_MARK = re.compile(r"^\(\d{1,3}\)$")
_LETTER = re.compile(r"^[A-Z](\(K\)|/K)?$")
_VALUE_WORD = re.compile(
    r"^(\$|\$?(\d{1,3}(,\d{3})*|0)(\.\d+)?|\(\d{1,3}\)|[A-Z](\(K\)|/K)?|\d{1,2}/\d{1,2}/\d{4})$"
)
# the form's notes printed beside the tables ("Persons who respond to the collection ... OMB control
# number.", "Reminder: Report on a separate line ...")
_BOILER_WORDS = re.compile(
    r"\brespond\b|\bOMB\b|currently valid|collection of information|^number\.$|^Person \*$|Reporting Person"
    r"|owned directly or indirectly\.$|^SEC \d{4} \(\d"
)
_LABEL = re.compile(r"^\d{1,2}A?\.\s")
# "See footnote / 1": the number of a footnote named in a text cell wrapped before it
FOOTNOTE_END = re.compile(r"\b(footnotes?|notes?)$", re.IGNORECASE)
_ENDS_MARK = re.compile(r"\(\d{1,3}\)$")
_GLUED_MARK = re.compile(r"([\w)])(\(\d{1,3}\))")
_DATED = re.compile(r"(\bU/?A/?D|\bdated|\bDTD|\bU/A)$", re.IGNORECASE)
CODES = frozenset("ACDEFGHIJKLMOPSUWXZ")
NATURE_START = re.compile(r"^(By|See|Through|Held|Owned|Trust|Footnote|As |Custodian)", re.IGNORECASE)
COMMON = re.compile(r"^(Class [A-Z0-9]+ )?(Common|Ordinary|Series [A-Z0-9]+ Common)", re.IGNORECASE)


def _is_header(line: str, before: list[str]) -> bool:
    """A line of column labels; "Shares" alone is one when it ends "Amount or Number of Shares" (a
    line "of" just above it), else it is a value ("Common / Shares")."""
    if line == "Shares":
        return any(b == "of" or b.endswith(" of") for b in before[-4:])
    return all(word in _HEADER_WORDS for word in line.split())


@dataclass(slots=True)
class Tok:
    """One cell's value as printed: its kind (``text``, ``date``, ``num``, ``price``, ``dollar``,
    ``letter``, ``mark``), its text, the footnote markers printed after it, and the row it is known to
    stand in (``row``), where a cell of that row shares its line; ``label``: the line of column labels
    printed just before it or its flow's first cells (pdftotext goes on from a column's heading down
    into its cells); ``inline``: the markers printed on the cell's own lines, whose cell is therefore
    known; ``place``: where the cell was read (its first line, ``"line 40"``; a text's ``parts`` are
    :class:`Line` s, each numbered as the line it was read from)."""

    kind: str
    text: str
    marks: list[str] = field(default_factory=list)
    line: int = 0
    parts: list[str] = field(default_factory=list)
    row: int | None = None
    label: str = ""
    inline: list[str] = field(default_factory=list)
    place: str = ""


def tokens(lines: list[str], numbers: Sequence[int] = ()) -> list[Tok]:
    """The data cells of a table region, in text order: header labels and boilerplate dropped; the
    lines of one block that are text are one text cell; other lines split into values. ``numbers``:
    each line's number in the text, which makes a cell's place (none without them)."""
    out: list[Tok] = []
    text_tok: Tok | None = None
    label, since = "", 0
    for n, line in enumerate(lines):
        if not line:
            text_tok = None
            continue
        labels = line.startswith(_BOILERPLATE) or _BOILER_WORDS.search(line) or _LABEL.match(line)
        if labels or _is_header(line, lines[max(0, n - 4) : n]):
            text_tok = None
            label, since = line, 0
            continue
        words = _GLUED_MARK.sub(r"\1 \2", _GLUED_MARK.sub(r"\1 \2", line)).split()
        kinds = [bool(_VALUE_WORD.match(w)) for w in words]
        if FOOTNOTE_END.search(text_tok.text if text_tok is not None and text_tok.line == n - 1 else ""):
            kinds = [False if re.fullmatch(r"\d{1,2}", w) else k for w, k in zip(words, kinds, strict=True)]
        # "See footnote 1 (1)": the number named after the word is text
        kinds = [
            kinds[k] and not (k and FOOTNOTE_END.search(words[k - 1]) and re.fullmatch(r"\d{1,2}", words[k]))
            for k in range(len(words))
        ]
        all_values = all(kinds)
        # "Dunn Family Trust U/A/D" / "07/10/2001": the date a trust is dated under is its name's
        dated = bool(text_tok is not None and text_tok.line == n - 1 and _DATED.search(text_tok.parts[-1]))
        inside = {k for k in range(1, len(words) - 1) if kinds[k] and not kinds[k - 1] and not kinds[k + 1]}
        # "Common Stock, par value $0.0001" / "803,737 (1)" / "per share": a title's par value
        inside |= {k for k in range(1, len(words)) if words[k - 1] == "value" and words[k].startswith("$")}
        if words[0].startswith("$") and kinds[0]:
            # "par value / $0.0001 / per share", "Stock, / $0.0001 par value": inside a title
            continued = text_tok is not None and text_tok.line == n - 1
            if (len(words) > 1 and not kinds[1] and continued) or (
                len(words) == 1 and words[0] != "$" and _within_text(lines, n, text_tok)
            ):
                inside.add(0)
        values: list[Tok] = []
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
                    values.append(Tok("mark", word, [word], n))
                else:
                    target.marks.append(word)
                    target.inline.append(word)
            elif word == "$" and k + 1 < len(words) and _NUM.match(words[k + 1]):
                values.append(Tok("price", words[k + 1], [], n))
                k += 1
            elif word == "$":
                values.append(Tok("dollar", "$", [], n))
            elif word.startswith("$") and _NUM.match(word):
                values.append(Tok("price", word[1:], [], n))
            elif _DATE_LINE.match(word) and not (k == 0 and dated):
                values.append(Tok("date", word, [], n))
            elif _NUM.match(word) and text_words[-1:] != ["Class"] and kinds[k]:
                values.append(Tok("num", word, [], n))
            elif _LETTER.match(word) and (values or all_values):
                values.append(Tok("letter", word, [], n))
            else:
                text_words.append(word)
            k += 1
        here = f"line {numbers[n]}" if numbers else ""
        for value in values:
            value.place = here
        if text_words:
            joined = " ".join(text_words)
            # the view prints a cell's footnote markers after its text: a line ending in one ends the
            # cell when a capital starts the next ("Fund XV, L.P. (3)" / "Sequoia Capital ..." is two
            # rows' natures; "Warrants (right to (5)" / "buy)" is one title beside another's marker)
            closed = text_tok is not None and bool(_ENDS_MARK.search(text_tok.parts[-1]))
            closed = closed and joined[0].isupper()
            if text_tok is not None and text_tok.line == n - 1 and not closed:
                text_tok.text += " " + joined
                text_tok.parts.append(numbered(joined, numbers[n]) if numbers else joined)
                text_tok.line = n
            else:
                part = numbered(joined, numbers[n]) if numbers else joined
                text_tok = Tok("text", joined, [], n, [part], place=here)
                out.append(text_tok)
            if values:
                text_tok.line = n
        elif values and text_tok is not None:
            text_tok.line = n  # a value inside a text block ("Common / 732.00 / Stock")
        # the cells pdftotext prints right after a line of column labels, up to three, in that
        # column's flow ("Amount" / "5,866" / "A" / "(1)")
        for value in values:
            value.label = label if since < 3 else ""
            since += 1
        out.extend(values)
    result: list[Tok] = []
    for tok in out:
        if tok.kind == "text":
            # markers inside text ("LLC (6)") are the text cell's footnotes
            found = re.findall(r"\(\d{1,3}\)", tok.text)
            if found:
                tok.marks.extend(found)
                tok.inline.extend(found)
                tok.text = " ".join(re.sub(r"\(\d{1,3}\)", " ", tok.text).split())
            if not tok.text and not tok.marks:
                continue
            count, part = _repeated(tok.text)
            if count > 1 and not tok.marks:
                # rows' equal titles in one block, with no blank line between them
                # each copy read where its first line is, when each is one line of the block
                places = [where(p) for p in tok.parts] if len(tok.parts) == count else [tok.place] * count
                result.extend(Tok("text", part, [], tok.line, place=at) for at in places)
                continue
        result.append(tok)
    return _class_letters(_known_cells(result))


def _known_cells(toks: list[Tok]) -> list[Tok]:
    """Two rows' text cells in one block (no blank line between them, "By Trust / Series D Preferred
    Stock"): where the block's first or last lines are a cell the table prints on its own elsewhere,
    the block is cut there."""
    # a single word ("Stock") is too little to tell a cell of its own
    known = {t.text for t in toks if t.kind == "text" and " " in t.text}
    texts = [t.text for t in toks if t.kind == "text"]
    out: list[Tok] = []
    for tok in toks:
        cut = 0
        # a block printed whole in another row too ("Series A / Common / Shares" twice) is a cell of
        # its own, though its last lines are another cell's text ("Common Shares" underlying)
        if tok.kind == "text" and len(tok.parts) > 1 and texts.count(tok.text) == 1:
            for k in range(1, len(tok.parts)):
                head, tail = " ".join(tok.parts[:k]), " ".join(tok.parts[k:])
                if not tail[:1].isupper() and not tail[:1].isdigit():
                    continue  # "Through Trust" / "[Marital Trust-B]": the cell goes on
                if " " not in head or " " not in tail:
                    continue  # "Class A Common" / "Stock": one word is too little to be a cell
                if head in known - {tok.text} or tail in known - {tok.text}:
                    cut = k
                    break
        if not cut:
            out.append(tok)
            continue
        head_text = " ".join(re.sub(r"\(\d{1,3}\)", " ", p) for p in tok.parts[:cut])
        tail_text = " ".join(re.sub(r"\(\d{1,3}\)", " ", p) for p in tok.parts[cut:])
        out.append(Tok("text", " ".join(head_text.split()), [], tok.line, tok.parts[:cut], place=tok.place))
        rest = Tok("text", " ".join(tail_text.split()), tok.marks, tok.line, tok.parts[cut:])
        rest.place = where(tok.parts[cut])
        out.append(rest)
    return out


def _class_letters(toks: list[Tok]) -> list[Tok]:
    """``Class`` / ``A``: a title that wraps before its class letter; the letter, printed after the
    row's other values, is the title's, not a code."""
    for i, tok in enumerate(toks):
        if tok.kind == "text" and tok.text.endswith(("Class", "Series")):
            for k in range(i + 1, min(len(toks), i + 6)):
                other = toks[k]
                if other.kind == "letter" and len(other.text) == 1 and not other.marks:
                    tok.text += " " + other.text
                    del toks[k]
                    break
                if other.kind == "text":
                    break
    return toks


def _repeated(text: str) -> tuple[int, str]:
    """``"A B A B A B"`` -> ``(3, "A B")``; a text that is not one part repeated -> ``(1, text)``."""
    size = len(text) + 1
    for count in range(2, 13):
        if size % count == 0 and size // count > 4:
            part = text[: size // count - 1]
            if " ".join([part] * count) == text:
                return count, part
    return 1, text


def _within_text(lines: list[str], n: int, block: Tok | None) -> bool:
    """Line ``n`` continues a text cell and the line after it is text of the same block."""
    if block is None or block.line != n - 1 or n + 1 >= len(lines):
        return False
    after = lines[n + 1].split()
    return bool(after) and not _VALUE_WORD.match(after[0])


def cell(tok: Tok | None) -> Cell:
    if tok is None:
        return Cell()
    # a second level of escaping the view prints ("PG&amp;E") is undone, as the XML reader does
    text = unescape_twice(tok.text) if tok.kind == "text" else tok.text.removeprefix("$")
    return Cell(text, tuple(f"F{m.strip('()')}" for m in tok.marks), tok.place)
