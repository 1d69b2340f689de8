"""Table II of plain ``pdftotext`` text (``rendered_plain``): its tokens (``_plain_cells``) to
columns and rows, and the rows whose amount the text shows under "(A)".

Pure: tokens in, rows of cells out.
"""

from __future__ import annotations

from section16.parse._plain_cells import COMMON, NATURE_START, Tok, cell
from section16.parse._rendered import Cell

__all__ = ["columns_t2", "rows_t2", "under_acquired"]


def columns_t2(toks: list[Tok], form: str) -> dict[str, list[Tok]]:
    """Table II: each cell to its column by its kind and its neighbours. The amount of column 5 (Form
    4/5) is printed under "(A)" or "(D)", which plain text mostly cannot tell apart
    (:func:`under_acquired`)."""
    q: dict[str, list[Tok]] = {c: [] for c in _T2_COLUMNS}
    prev: str | None = None
    last: Tok | None = None
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
        waiting = form != "3" and len(q["conversion"]) < len(q["title"])
        if tok.kind == "mark" and waiting and prev == "title" and (odd := _odd_mark(toks, i)) is not None:
            apart = tok.line - q["title"][-1].line > 1
        else:
            odd, apart = None, False
        if odd is not None and apart:
            # three markers alone in blocks of their own after a title, two equal: the odd one is
            # column 2's conversion price, the equal ones column 6's two dates, each printed as its
            # footnote only ("Bakkt / Opco / Units" / "(5)" / "(4)" / "(5)")
            run = [toks[k] for k in range(i, i + 3) if k != odd]
            q["conversion"].append(
                Tok("mark", "", list(toks[odd].marks), toks[odd].line, place=toks[odd].place)
            )
            q["exercisable"].append(Tok("mark", "", list(run[0].marks), run[0].line, place=run[0].place))
            q["expiration"].append(Tok("mark", "", list(run[1].marks), run[1].line, place=run[1].place))
            skip.update((i + 1, i + 2))
            prev, last = "expiration", q["expiration"][-1]
            continue
        if tok.kind == "mark":
            # one of three markers alone, two equal, and not the odd one: one of the two dates
            odd = _odd_mark(toks, i)
            paired = odd is not None and odd != i
            col = _mark_t2(q, prev, form, toks[i + 1] if i + 1 < len(toks) else None, tok, paired=paired)
            if col is None and _expiration_only(q, tok):
                col = "expiration"
            if col is None and _price_only_t2(q, prev, tok, toks[i + 1] if i + 1 < len(toks) else None):
                col = "price"
            if col is None:
                if last is not None:
                    last.marks.extend(tok.marks)
                continue
            cell = Tok("mark", "", list(tok.marks), tok.line, place=tok.place)
        elif tok.kind == "text" and prev and last is not None and _same_block_text(last, tok):
            # rows' equal texts in one block ("Class B / Common / Stock / Class B / Common / Stock"):
            # a flow of one column, whose first cell says which
            col = prev
        elif tok.kind == "text":
            col = _text_t2(tok, q, prev, nxt)
        elif tok.kind == "date" and form != "3" and _deemed_t2(q, prev, nxt):
            col = "deemed"
            tok.row = len(q["date"]) - 1
        elif tok.kind == "date" and _date_pair(tok, nxt, q):
            # two dates on one line ("10/26/2018(2) 10/25/2028"): one row's dates exercisable and of
            # expiration, side by side in column 6; a marker alone read as that row's footnote-only
            # date exercisable was the superscript of the amount before it
            if (
                q["exercisable"]
                and not q["exercisable"][-1].text
                and len(q["exercisable"]) == len(q["title"])
            ):
                stray = q["exercisable"].pop()
                (q["amount"] or q["title"])[-1].marks.extend(stray.marks)
            col = "exercisable"
        elif tok.kind == "date":
            col = _date_t2(q, prev, nxt, form)
        elif tok.kind in ("price", "dollar") or (tok.kind == "num" and dollar):
            dollar = False
            cell = Tok(
                "price", tok.text if tok.kind != "dollar" else "", tok.marks, tok.line, place=tok.place
            )
            col = "conversion" if form == "3" else _dollar_t2(q, prev)
        elif tok.kind == "num":
            col = _num_t2(tok, q, prev, last, form)
        else:
            col = _letter_t2(tok.text[0], q, prev, form)
        q[col].append(cell)
        prev, last = col, cell
    return q


def _price_only_t2(q: dict[str, list[Tok]], prev: str | None, tok: Tok, ahead: Tok | None) -> bool:
    """A marker alone below a transaction's underlying amount, before the amount owned after it: the
    price of column 8 printed as its footnote only ("1,429.00" / "(1)" / "0" / "D")."""
    if prev != "under_shares" or ahead is None or ahead.kind != "num" or not q["under_shares"]:
        return False
    deals = max(len(q["date"]), len(q["code"]), len(q["amount"]))
    row = len(q["under_shares"])
    return row <= deals and len(q["price"]) < row and q["under_shares"][-1].line != tok.line


def _odd_mark(toks: list[Tok], i: int) -> int | None:
    """Of three markers alone from token ``i`` on, two equal and one not: the index of the odd one."""
    run = toks[i : i + 3]
    if len(run) < 3 or any(t.kind != "mark" or len(t.marks) != 1 for t in run):
        return None
    texts = [t.text for t in run]
    odd = [k for k in range(3) if texts.count(texts[k]) == 1]
    return i + odd[0] if len(odd) == 1 else None


def _dollar_t2(q: dict[str, list[Tok]], prev: str | None) -> str:
    """A ``$`` value of Table II (Form 4/5): the conversion or exercise price (column 2, right after
    the title) or the price of a transaction (column 8, after the underlying securities)."""
    early = prev in (None, "title") or (prev != "under_shares" and len(q["conversion"]) < len(q["title"]))
    return "conversion" if early else "price"


def _date_pair(tok: Tok, nxt: Tok | None, q: dict[str, list[Tok]]) -> bool:
    """Two dates on one line, while no transaction date is awaited (its code read before it)."""
    if nxt is None or nxt.kind != "date" or nxt.line != tok.line:
        return False
    return len(q["date"]) >= len(q["code"])


def _deemed_t2(q: dict[str, list[Tok]], prev: str | None, nxt: Tok | None) -> bool:
    """A second date right after a transaction date, before the row's code: column 3A, the deemed
    execution date (as in Table I's column 2A)."""
    if prev != "date" or nxt is None or nxt.kind != "letter" or nxt.text[0] == "D":
        return False
    return len(q["code"]) < len(q["date"]) and len(q["title"]) == len(q["date"])


def _date_t2(q: dict[str, list[Tok]], prev: str | None, nxt: Tok | None, form: str) -> str:
    """The transaction date is followed by its code (or follows it, when pdftotext prints the code
    first); the others are the dates exercisable and of expiration, in that order."""
    coded = nxt is not None and nxt.kind == "letter" and nxt.text[0] != "D"
    coded = coded or (prev == "code" and len(q["date"]) < len(q["code"]))
    early = prev in ("title", "conversion") and len(q["date"]) < len(q["title"])
    if form != "3" and (coded or early):
        return "date"
    return "exercisable" if len(q["exercisable"]) <= len(q["expiration"]) else "expiration"


def _letter_t2(letter: str, q: dict[str, list[Tok]], prev: str | None, form: str) -> str:
    if letter == "V" and form != "3":
        return "v"
    if form == "3" or letter == "I" or (letter == "D" and prev in ("owned", "price", "under_shares")):
        return "direct"
    if len(q["code"]) < len(q["date"]) or prev == "date":
        return "code"
    return "direct" if letter == "D" else "code"


_T2_COLUMNS = (
    "title", "conversion", "date", "deemed", "code", "v", "amount", "exercisable", "expiration",
    "under_title", "under_shares", "price", "owned", "direct", "nature",
)  # fmt: skip


def _expiration_only(q: dict[str, list[Tok]], tok: Tok) -> bool:
    """A marker alone equal to the footnote of the last row's date exercisable, which printed only
    that footnote, while the row has no expiration date yet: the expiration date printed as the same
    footnote (pdftotext may print a value between the two, "(2) / 328 / (2)")."""
    if len(q["expiration"]) >= len(q["exercisable"]) or not q["exercisable"]:
        return False
    exercisable = q["exercisable"][-1]
    return exercisable.kind == "mark" and not exercisable.text and exercisable.marks == tok.marks


def _mark_t2(
    q: dict[str, list[Tok]], prev: str | None, form: str, ahead: Tok | None, tok: Tok, *, paired: bool
) -> str | None:
    """A marker alone: a cell that prints only a footnote (conversion price, dates exercisable and of
    expiration), or a superscript of the cell before it (None). ``paired``: the marker is one of two
    equal ones among three alone ("(5)" / "(4)" / "(5)"), whose odd one is the conversion price."""
    # a conversion price printed as its footnote alone comes before the transaction date (or, raised,
    # just after it); alone before other markers, the markers are the dates exercisable and of expiration
    waiting = form != "3" and len(q["conversion"]) < len(q["title"])
    if waiting and (prev == "date" or (prev == "title" and ahead is not None and ahead.kind == "date")):
        return "conversion"
    # a block of its own right after the title's block (a blank line between: the title's own
    # superscript ends the title's last line, "Stock (2)"): column 2, the conversion price printed as
    # its footnote only ("Series A / Common / Shares" / "" / "(3)")
    if waiting and prev == "title" and tok.line - q["title"][-1].line > 1 and not paired:
        return "conversion"
    # rows' equal titles in one block ("Class B / Common / Stock" twice): their conversion prices,
    # printed as footnotes only, follow one after another
    block = [t for t in q["title"] if t.line == q["title"][-1].line]
    if waiting and prev == "conversion" and len(block) > 1 and not paired:
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


def _same_block_text(last: Tok, tok: Tok) -> bool:
    return last.kind == "text" and (last.text, last.line) == (tok.text, tok.line)


def _text_t2(tok: Tok, q: dict[str, list[Tok]], prev: str | None, nxt: Tok | None) -> str:
    if NATURE_START.match(tok.text):
        return "nature"
    # after an "I" comes the row's nature, unless the text repeats a title read before and never a
    # nature: pdftotext printed the right-hand cells of two rows before the second row's left-hand
    # ones, and this is the next row's title ("... / 15,396,360 $ (1) / I" / "Series A Convertible
    # Preferred Stock" again)
    again = any(t.text == tok.text for t in q["title"]) and all(t.text != tok.text for t in q["nature"])
    # nor when a nature follows it at once while a row with its ownership form lacks its title: the
    # row's cells were printed before its title ("$ (5)" / "I" / "Series C Preferred Stock Warrants
    # (right to buy)" / "By Trust")
    titled = not (nxt is not None and nxt.kind == "text" and NATURE_START.match(nxt.text))
    titled = titled or len(q["title"]) >= len(q["direct"])
    if prev == "direct" and q["direct"][-1].text.startswith("I") and not again and titled:
        return "nature"
    repeats_title = any(t.text == tok.text for t in q["title"])
    repeats_under = any(t.text == tok.text for t in q["under_title"])
    own = bool(q["title"]) and q["title"][-1].text == tok.text
    if repeats_title and not repeats_under and (len(q["under_title"]) >= len(q["title"]) or own):
        # a title read before, never an underlying one, while every row read has its underlying
        # title, or equal to the title of the row that awaits it (a security is not its own
        # underlying): the next row's title, though it follows a row's dates ("Common / Stock"
        # three times, then "Series B Preferred Stock" / "(1)" / "(1)" a third time)
        return "title"
    if prev in ("exercisable", "expiration"):
        return "under_title"
    if nxt is not None and nxt.kind == "num" and nxt.line - tok.line <= 1 and prev != "under_title":
        return "under_title"
    if repeats_title and not repeats_under:
        return "title"  # a title read before, never an underlying one: the next row's title
    if repeats_under and not repeats_title:
        return "under_title"  # and the other way round
    if COMMON.match(tok.text) and len(q["under_title"]) < len(q["title"]):
        return "under_title"
    return "title"


def _num_t2(tok: Tok, q: dict[str, list[Tok]], prev: str | None, last: Tok | None, form: str) -> str:
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


def rows_t2(q: dict[str, list[Tok]], form: str) -> list[dict[str, Cell]]:
    count = max(len(q["title"]), len(q["direct"]))
    deals = max(len(q["date"]), len(q["code"]), len(q["amount"])) if form != "3" else 0
    count = max(count, deals)
    indirect = [i for i, t in enumerate(q["direct"]) if t.text.startswith("I")]
    natures = dict(zip(indirect, q["nature"], strict=False))
    deemed = {t.row: t for t in q["deemed"] if t.row is not None}
    rows: list[dict[str, Cell]] = []
    for i in range(count):
        row: dict[str, Cell] = {}
        for col in ("title", "conversion", "exercisable", "expiration", "price", "owned", "direct"):
            row[col] = cell(q[col][i] if i < len(q[col]) else None)
        row["underlying_title"] = cell(q["under_title"][i] if i < len(q["under_title"]) else None)
        row["underlying_shares"] = cell(q["under_shares"][i] if i < len(q["under_shares"]) else None)
        if i < deals:
            for col in ("date", "code", "v"):
                row[col] = cell(q[col][i] if i < len(q[col]) else None)
            row["deemed"] = cell(deemed.get(i))
            row["a"] = cell(q["amount"][i] if i < len(q["amount"]) else None)
        row["nature"] = cell(natures.get(i))
        rows.append(row)
    return rows


def under_acquired(lines: list[str], amounts: list[Tok]) -> set[int]:
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
