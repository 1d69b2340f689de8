"""Tables I and II of plain ``pdftotext`` text (``rendered_plain``): the cells of each table, in the
order pdftotext prints them, to columns and rows.

pdftotext cuts a table into flows of columns and prints each flow row by row, so one column's cells
keep their order while two columns' cells interleave in ways that depend on the print's geometry.
Each cell is therefore given its column from its own kind of value and its neighbours (the view's
display rules, spec.md section 5: dates MM/DD/YYYY, one-letter codes, A/D, D/I, numbers ###,##0.####,
prices after "$", footnote references "(N)"), and the k-th cell of a column belongs to the k-th row
that has that column (Table I lists transactions before holdings; a row's ownership form, column 6/10
of Form 4, 3/5 of Form 3, is never empty).

Pure: lines in, rows out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from section16.model import DerivativeRow, DerivativeTransaction, NonDerivativeRow
from section16.parse._rendered import Cell, Unread, derivative_row, form5_coding, non_derivative_row
from section16.parse._values import unescape_twice

__all__ = ["read_tables"]

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
_FOOTNOTE_END = re.compile(r"\b(footnotes?|notes?)$", re.IGNORECASE)
_ENDS_MARK = re.compile(r"\(\d{1,3}\)$")
_GLUED_MARK = re.compile(r"([\w)])(\(\d{1,3}\))")
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
    parts: list[str] = field(default_factory=list)


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
        words = _GLUED_MARK.sub(r"\1 \2", _GLUED_MARK.sub(r"\1 \2", line)).split()
        kinds = [bool(_VALUE_WORD.match(w)) for w in words]
        if _FOOTNOTE_END.search(text_tok.text if text_tok is not None and text_tok.line == n - 1 else ""):
            kinds = [False if re.fullmatch(r"\d{1,2}", w) else k for w, k in zip(words, kinds, strict=True)]
        # "See footnote 1 (1)": the number named after the word is text
        kinds = [
            kinds[k] and not (k and _FOOTNOTE_END.search(words[k - 1]) and re.fullmatch(r"\d{1,2}", words[k]))
            for k in range(len(words))
        ]
        all_values = all(kinds)
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
            elif _NUM.match(word) and text_words[-1:] != ["Class"] and kinds[k]:
                values.append(_Tok("num", word, [], n))
            elif _LETTER.match(word) and (values or all_values):
                values.append(_Tok("letter", word, [], n))
            else:
                text_words.append(word)
            k += 1
        if text_words:
            joined = " ".join(text_words)
            # the view prints a cell's footnote markers after its text: a line ending in one ends the
            # cell when a capital starts the next ("Fund XV, L.P. (3)" / "Sequoia Capital ..." is two
            # rows' natures; "Warrants (right to (5)" / "buy)" is one title beside another's marker)
            closed = text_tok is not None and bool(_ENDS_MARK.search(text_tok.parts[-1]))
            closed = closed and joined[0].isupper()
            if text_tok is not None and text_tok.line == n - 1 and not closed:
                text_tok.text += " " + joined
                text_tok.parts.append(joined)
                text_tok.line = n
            else:
                text_tok = _Tok("text", joined, [], n, [joined])
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
    return _class_letters(_known_cells(result))


def _known_cells(toks: list[_Tok]) -> list[_Tok]:
    """Two rows' text cells in one block (no blank line between them, "By Trust / Series D Preferred
    Stock"): where the block's first or last lines are a cell the table prints on its own elsewhere,
    the block is cut there."""
    # a single word ("Stock") is too little to tell a cell of its own
    known = {t.text for t in toks if t.kind == "text" and " " in t.text}
    out: list[_Tok] = []
    for tok in toks:
        cut = 0
        if tok.kind == "text" and len(tok.parts) > 1:
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
        out.append(_Tok("text", " ".join(head_text.split()), [], tok.line, tok.parts[:cut]))
        out.append(_Tok("text", " ".join(tail_text.split()), tok.marks, tok.line, tok.parts[cut:]))
    return out


def _class_letters(toks: list[_Tok]) -> list[_Tok]:
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


def _within_text(lines: list[str], n: int, block: _Tok | None) -> bool:
    """Line ``n`` continues a text cell and the line after it is text of the same block."""
    if block is None or block.line != n - 1 or n + 1 >= len(lines):
        return False
    after = lines[n + 1].split()
    return bool(after) and not _VALUE_WORD.match(after[0])


_T1_COLUMNS = ("title", "date", "code", "v", "amount", "ad", "price", "owned", "direct", "nature")


def _columns_t1(toks: list[_Tok]) -> dict[str, list[_Tok]]:
    """Table I of Form 4/5: each cell to its column by its kind and its neighbours."""
    q: dict[str, list[_Tok]] = {c: [] for c in _T1_COLUMNS}
    prev: str | None = None
    last: _Tok | None = None
    dollar = False
    forced: dict[int, str] = {}
    skip: set[int] = set()
    for i, tok in enumerate(toks):
        if i in skip:
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        col: str | None = forced.get(i)
        cell = tok
        if col is not None:
            pass
        elif tok.kind == "mark":
            ahead = next((t for t in toks[i + 1 :] if t.kind != "mark"), None)
            pair = toks[i + 1 : i + 3]
            if prev == "amount" and (run := _rising_run(toks, i)) > 1:
                bare = q["amount"][-run:]
                if len(bare) == run and not any(t.marks for t in bare):
                    # "488" ... "278" / "(1)" / "(3)": the superscripts of the amounts just read, in
                    # their order, printed after the last of them
                    for k, amount in enumerate(bare):
                        amount.marks.extend(toks[i + k].marks)
                    skip.update(range(i, i + run))
                    continue
            if _in_run(toks, i) and (bare_nature := _unmarked_nature(q)) is not None:
                bare_nature.marks.extend(tok.marks)
                continue
            # the row's price may follow the next row's title ("(1)" / "Common Stock" / "$0 227,280")
            beyond = next((t for t in toks[i + 1 :] if t.kind not in ("mark", "text")), None)
            if not dollar and _price_only(q, prev, ahead) and _price_only(q, prev, beyond):
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
                if target is last and prev not in ("nature", "title"):
                    # "See Footnotes" names footnotes its markers give: one still without them
                    waiting = (t for t in q["nature"] if not t.marks and _FOOTNOTE_END.search(t.text))
                    target = next(waiting, target)
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
            if prev == "date" and len(q["code"]) < len(q["date"]) and len(q["owned"]) < len(q["amount"]):
                # between a date and its code: not that row's amount (column 4 follows column 3), the
                # amount owned of a row before ("12/09/2021" / "2,126,667" / "D" / "S")
                col = "owned"
            elif last is not None and last.line == tok.line and prev == "price":
                col = "owned"
            elif dollar:
                # "$" over two numbers on lines of their own: the price and the amount owned, in
                # either order; a price with cents beside a whole number of shares tells them apart
                below = nxt is not None and nxt.kind == "num" and nxt.line != tok.line
                # a number in a block of its own is not the "$" cell's other line
                below = below and nxt is not None and nxt.line - tok.line == 1
                owned_first = len(q["owned"]) < len(q["amount"])
                if below and nxt is not None and ("." in tok.text) != ("." in nxt.text):
                    owned_first = "." in nxt.text
                if below and owned_first:
                    col = "owned"
                else:
                    col, dollar = "price", False
            elif len(q["amount"]) < len(q["date"]) and (
                prev != "amount" or len(q["date"]) - len(q["amount"]) > 1
            ):
                col = "amount"  # after an amount, another only while several rows await theirs
            else:
                col = "owned"
        elif tok.kind == "letter":
            col = _letter_t1(tok.text, q, prev)
        if col is None:
            continue
        q[col].append(cell)
        prev, last = col, cell
    return q


def _rising_run(toks: list[_Tok], i: int) -> int:
    """The number of markers alone from token ``i`` on whose numbers rise one after another."""
    k, last = i, 0
    while k < len(toks) and toks[k].kind == "mark" and len(toks[k].marks) == 1:
        number = int(toks[k].text.strip("()"))
        if number <= last:
            break
        last, k = number, k + 1
    return k - i


def _in_run(toks: list[_Tok], i: int) -> bool:
    """Token ``i`` is one of two or more equal markers printed one after another, each alone: the
    superscripts of one column's cells, which pdftotext prints as a flow of their own when the
    marker wraps under its cell's text ("by Trust" / "(2)" in every row)."""
    text = toks[i].text
    return any(
        0 <= k < len(toks) and toks[k].kind == "mark" and toks[k].text == text and len(toks[k].marks) == 1
        for k in (i - 1, i + 1)
    )


def _unmarked_nature(q: dict[str, list[_Tok]]) -> _Tok | None:
    """The first nature of ownership read so far that has no footnote marker yet."""
    return next((t for t in q["nature"] if not t.marks), None)


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
    if text == "V":  # column "V": a transaction reported voluntarily (Form 4 General Instruction 8)
        return "v"
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
    if prev == "direct" and q["price"] and len(q["price"]) == len(q["amount"]):
        # after the row's last cell: the superscript of the row's price, else of its amount
        price, amount = q["price"][-1], q["amount"][-1]
        if not price.marks:
            return price
        if not amount.marks:
            return amount
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
    if prev in ("owned", "direct") and q["owned"] and len(q["title"]) >= len(q["owned"]):
        return True  # the row has its title: a text after its amount owned is its nature
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
    # a second level of escaping the view prints ("PG&amp;E") is undone, as the XML reader does
    text = unescape_twice(tok.text) if tok.kind == "text" else tok.text.removeprefix("$")
    return Cell(text, tuple(f"F{m.strip('()')}" for m in tok.marks))


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
            for col in ("date", "code", "v", "amount", "ad", "price"):
                row[col] = _cell(q[col][i] if i < len(q[col]) else None)
        row["nature"] = _cell(natures.get(i))
        rows.append(row)
    return rows


def _columns_t2(toks: list[_Tok], form: str) -> dict[str, list[_Tok]]:
    """Table II: each cell to its column by its kind and its neighbours. The amount of column 5 (Form
    4/5) is printed under "(A)" or "(D)", which plain text mostly cannot tell apart
    (:func:`_under_acquired`)."""
    q: dict[str, list[_Tok]] = {c: [] for c in _T2_COLUMNS}
    prev: str | None = None
    last: _Tok | None = None
    dollar = False
    skip: set[int] = set()
    for i, tok in enumerate(toks):
        if i in skip:
            continue
        later = [t for t in toks[i + 1 : i + 3] if t.kind != "mark"]
        nxt = later[0] if later else None
        if tok.kind == "dollar" and not tok.marks:
            dollar = True
            continue
        cell = tok
        if tok.kind == "mark" and prev == "amount" and (odd := _odd_mark(toks, i)) is not None:
            # three markers alone after an amount: two equal ones are the dates exercisable and of
            # expiration printed as footnotes only, the third is the amount's superscript
            q["amount"][-1].marks.extend(toks[odd].marks)
            skip.add(odd)
            if odd == i:
                continue
        if tok.kind == "mark":
            col = _mark_t2(q, prev, form, toks[i + 1] if i + 1 < len(toks) else None)
            if col is None and _expiration_only(q, tok):
                col = "expiration"
            if col is None and _price_only_t2(q, prev, tok, toks[i + 1] if i + 1 < len(toks) else None):
                col = "price"
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


def _price_only_t2(q: dict[str, list[_Tok]], prev: str | None, tok: _Tok, ahead: _Tok | None) -> bool:
    """A marker alone below a transaction's underlying amount, before the amount owned after it: the
    price of column 8 printed as its footnote only ("1,429.00" / "(1)" / "0" / "D")."""
    if prev != "under_shares" or ahead is None or ahead.kind != "num" or not q["under_shares"]:
        return False
    deals = max(len(q["date"]), len(q["code"]), len(q["amount"]))
    row = len(q["under_shares"])
    return row <= deals and len(q["price"]) < row and q["under_shares"][-1].line != tok.line


def _odd_mark(toks: list[_Tok], i: int) -> int | None:
    """Of three markers alone from token ``i`` on, two equal and one not: the index of the odd one."""
    run = toks[i : i + 3]
    if len(run) < 3 or any(t.kind != "mark" or len(t.marks) != 1 for t in run):
        return None
    texts = [t.text for t in run]
    odd = [k for k in range(3) if texts.count(texts[k]) == 1]
    return i + odd[0] if len(odd) == 1 else None


def _dollar_t2(q: dict[str, list[_Tok]], prev: str | None) -> str:
    """A ``$`` value of Table II (Form 4/5): the conversion or exercise price (column 2, right after
    the title) or the price of a transaction (column 8, after the underlying securities)."""
    early = prev in (None, "title") or (prev != "under_shares" and len(q["conversion"]) < len(q["title"]))
    return "conversion" if early else "price"


def _date_t2(q: dict[str, list[_Tok]], prev: str | None, nxt: _Tok | None, form: str) -> str:
    """The transaction date is followed by its code (or follows it, when pdftotext prints the code
    first); the others are the dates exercisable and of expiration, in that order."""
    coded = nxt is not None and nxt.kind == "letter" and nxt.text[0] != "D"
    coded = coded or (prev == "code" and len(q["date"]) < len(q["code"]))
    early = prev in ("title", "conversion") and len(q["date"]) < len(q["title"])
    if form != "3" and (coded or early):
        return "date"
    return "exercisable" if len(q["exercisable"]) <= len(q["expiration"]) else "expiration"


def _letter_t2(letter: str, q: dict[str, list[_Tok]], prev: str | None, form: str) -> str:
    if letter == "V" and form != "3":
        return "v"
    if form == "3" or letter == "I" or (letter == "D" and prev in ("owned", "price", "under_shares")):
        return "direct"
    if len(q["code"]) < len(q["date"]) or prev == "date":
        return "code"
    return "direct" if letter == "D" else "code"


_T2_COLUMNS = (
    "title", "conversion", "date", "code", "v", "amount", "exercisable", "expiration", "under_title",
    "under_shares", "price", "owned", "direct", "nature",
)  # fmt: skip


def _expiration_only(q: dict[str, list[_Tok]], tok: _Tok) -> bool:
    """A marker alone equal to the footnote of the last row's date exercisable, which printed only
    that footnote, while the row has no expiration date yet: the expiration date printed as the same
    footnote (pdftotext may print a value between the two, "(2) / 328 / (2)")."""
    if len(q["expiration"]) >= len(q["exercisable"]) or not q["exercisable"]:
        return False
    exercisable = q["exercisable"][-1]
    return exercisable.kind == "mark" and not exercisable.text and exercisable.marks == tok.marks


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
    # a pair of markers after a title: the footnote-only dates of a holding
    pair = prev == "title" and ahead is not None and ahead.kind == "mark"
    if (after or pair) and len(q["exercisable"]) < len(q["title"]):
        return "exercisable"
    if prev == "exercisable" and len(q["expiration"]) < len(q["exercisable"]):
        return "expiration"
    # rows printed one column after another: the next row's pair
    pair = prev == "expiration" and ahead is not None and ahead.kind == "mark"
    if pair and len(q["exercisable"]) < len(q["title"]):
        return "exercisable"
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
            for col in ("date", "code", "v"):
                row[col] = _cell(q[col][i] if i < len(q[col]) else None)
            row["a"] = _cell(q["amount"][i] if i < len(q["amount"]) else None)
        row["nature"] = _cell(natures.get(i))
        rows.append(row)
    return rows


def _under_acquired(lines: list[str], amounts: list[_Tok]) -> set[int]:
    """The rows whose amount of column 5 (Form 4/5) pdftotext prints after the sub-heading "(A)" and
    before "(D)": it reads the "(A)" sub-column's cells down from its heading before it goes on to the
    "(D)" sub-column, so an amount printed between the two stands under "(A)". An amount after "(D)"
    may stand under either (two sub-columns' amounts of adjacent rows are printed as one block), so it
    stays unread."""
    code = next((i for i, line in enumerate(lines) if line == "Code"), None)
    if code is None:
        return set()
    a = next((i for i in range(code, len(lines)) if lines[i] == "(A)" or lines[i].endswith(" V (A)")), None)
    d = next((i for i in range(a, len(lines)) if lines[i] == "(D)"), None) if a is not None else None
    if a is None or d is None:
        return set()
    return {k for k, tok in enumerate(amounts) if a < tok.line < d and tok.text}


def read_tables(
    table1: list[str], table2: list[str], form: str, unread: Unread
) -> tuple[tuple[NonDerivativeRow, ...], tuple[DerivativeRow, ...]]:
    """Tables I and II from the lines of their regions."""
    q1 = _columns_t1_3(_tokens(table1)) if form == "3" else _columns_t1(_tokens(table1))
    rows1: list[NonDerivativeRow] = [
        non_derivative_row(
            form5_coding(cells) if form == "5" else cells, f"/nonDerivativeTable/row[{i + 1}]", unread
        )
        for i, cells in enumerate(_rows_t1(q1))
    ]
    rows2: list[DerivativeRow] = []
    q2 = _columns_t2(_tokens(table2), form)
    acquired = _under_acquired(table2, q2["amount"])
    for i, cells in enumerate(_rows_t2(q2, form)):
        cells = form5_coding(cells) if form == "5" else cells  # noqa: PLW2901
        row = derivative_row(cells, f"/derivativeTable/row[{i + 1}]", unread)
        if isinstance(row, DerivativeTransaction) and i not in acquired:
            # whether the amount stood under (A) or (D) is not in plain text: not guessed
            row = replace(row, transaction_acquired_disposed_code=None)
        rows2.append(row)
    return tuple(rows1), tuple(rows2)
