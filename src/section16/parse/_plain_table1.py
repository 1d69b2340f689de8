"""Table I of plain ``pdftotext`` text (``rendered_plain``): its tokens (``_plain_cells``) to
columns and rows.

Each cell is given its column from its own kind of value and its neighbours, and the k-th cell of a
column belongs to the k-th row that has that column: Table I lists transactions before holdings, and
a row's ownership form (column 6 of Form 4/5, 3 of Form 3) is never empty.

Pure: tokens in, rows of cells out.
"""

from __future__ import annotations

from section16.parse._plain_cells import CODES, COMMON, FOOTNOTE_END, NATURE_START, Tok, cell
from section16.parse._rendered import Cell

__all__ = ["columns_t1", "columns_t1_3", "rows_t1"]

_T1_COLUMNS = ("title", "date", "deemed", "code", "v", "amount", "ad", "price", "owned", "direct", "nature")


def columns_t1(toks: list[Tok]) -> dict[str, list[Tok]]:
    """Table I of Form 4/5: each cell to its column by its kind and its neighbours."""
    q: dict[str, list[Tok]] = {c: [] for c in _T1_COLUMNS}
    prev: str | None = None
    last: Tok | None = None
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
        elif tok.kind == "mark" and tok.label.endswith("Amount") and q["amount"]:
            # printed right after column 4's label "Amount", in the flow of that column: the
            # superscript of the amount read last, printed below its line ("Amount" / "(1)")
            q["amount"][-1].marks.extend(tok.marks)
            continue
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
                cell = Tok("price", "", list(tok.marks), tok.line, place=tok.place)
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
                    waiting = (t for t in q["nature"] if not t.marks and FOOTNOTE_END.search(t.text))
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
        elif tok.kind == "date" and _deemed(q, prev, nxt):
            col = "deemed"
            tok.row = len(q["date"]) - 1
        elif tok.kind == "date":
            col = "date"
        elif tok.kind == "price":
            col, dollar = "price", False
        elif tok.kind == "num" and not dollar and _acquired_beside(tok, nxt) and _amount_taken(q):
            # "3,361 A": a number with an "A" after it on its line is column 4's amount beside its
            # (A)/(D) (column 6 holds only D or I); the number read as this row's amount before it,
            # while the row has no amount owned, was that ("16,175" / "D" / "$0" / "3,361 A")
            moved = q["amount"].pop()
            q["owned"].insert(sum(1 for t in q["owned"] if t.line < moved.line), moved)
            col = "amount"
        elif tok.kind == "num":
            if prev == "date" and len(q["code"]) < len(q["date"]) and len(q["owned"]) < len(q["amount"]):
                # between a date and its code: not that row's amount (column 4 follows column 3), the
                # amount owned of a row before ("12/09/2021" / "2,126,667" / "D" / "S")
                col = "owned"
            elif last is not None and last.line == tok.line and prev in ("code", "v"):
                # on the line of a code or its "V" ("V 358"): column 4's amount beside column 3 on
                # the row's baseline, though the row's date comes later ("G" / "V 358" / "11/04/2019")
                col = "amount"
            elif last is not None and last.line == tok.line and prev == "price":
                # printed on one line with a price ("$" / "23.1801 0"): the same row's amount owned
                # (the cells of a line share a baseline), whatever the order of the other amounts
                col = "owned"
                if len(q["price"]) == len(q["amount"]) == len(q["date"]) > len(q["owned"]) + 1:
                    tok.row = len(q["price"]) - 1  # a row before still awaits its amount owned
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


def _acquired_beside(tok: Tok, nxt: Tok | None) -> bool:
    """A number followed on its own line by the letter "A": an amount and its (A)/(D)."""
    return nxt is not None and nxt.kind == "letter" and nxt.text == "A" and nxt.line == tok.line


def _amount_taken(q: dict[str, list[Tok]]) -> bool:
    """Every transaction row read so far (one at least) has its amount, the last one with no (A)/(D)
    beside it on its line: that number may be the row's amount owned."""
    if not q["date"] or len(q["amount"]) != len(q["date"]):
        return False
    last = q["amount"][-1]
    return not any(t.line == last.line for t in q["ad"])


def _deemed(q: dict[str, list[Tok]], prev: str | None, nxt: Tok | None) -> bool:
    """A second date right after a row's transaction date and before its code: column 2A, the deemed
    execution date. Dates of several rows in one flow come after as many titles, not after one."""
    if prev != "date" or nxt is None or nxt.kind != "letter" or nxt.text[0] not in CODES:
        return False
    return len(q["title"]) == len(q["date"]) and len(q["code"]) < len(q["date"])


def _rising_run(toks: list[Tok], i: int) -> int:
    """The number of markers alone from token ``i`` on whose numbers rise one after another."""
    k, last = i, 0
    while k < len(toks) and toks[k].kind == "mark" and len(toks[k].marks) == 1:
        number = int(toks[k].text.strip("()"))
        if number <= last:
            break
        last, k = number, k + 1
    return k - i


def _in_run(toks: list[Tok], i: int) -> bool:
    """Token ``i`` is one of two or more equal markers printed one after another, each alone: the
    superscripts of one column's cells, which pdftotext prints as a flow of their own when the
    marker wraps under its cell's text ("by Trust" / "(2)" in every row)."""
    text = toks[i].text
    return any(
        0 <= k < len(toks) and toks[k].kind == "mark" and toks[k].text == text and len(toks[k].marks) == 1
        for k in (i - 1, i + 1)
    )


def _unmarked_nature(q: dict[str, list[Tok]]) -> Tok | None:
    """The first nature of ownership read so far that has no footnote marker yet."""
    return next((t for t in q["nature"] if not t.marks), None)


def _pairs(toks: list[Tok], i: int, q: dict[str, list[Tok]]) -> dict[int, str] | None:
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


def _letter_t1(text: str, q: dict[str, list[Tok]], prev: str | None) -> str:
    letter = text[0]
    if text == "V":  # column "V": a transaction reported voluntarily (Form 4 General Instruction 8)
        return "v"
    # the row has its code and its amount, printed before its date ("G" / "V 358" / "11/04/2019" /
    # "D"): the letter after the date is the amount's (A)/(D)
    row_done = len(q["ad"]) < len(q["amount"]) == len(q["date"]) == len(q["code"])
    if prev == "date" and letter in ("A", "D") and row_done:
        return "ad"
    if prev == "date" and letter in CODES:
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


def _price_only(q: dict[str, list[Tok]], prev: str | None, ahead: Tok | None) -> bool:
    """A marker alone after a transaction's amount and (A)/(D) (or its amount owned and ownership
    form), when no ``$`` follows for the row: the price column prints only a footnote."""
    if prev not in ("ad", "owned", "direct") or not q["amount"]:
        return False
    if len(q["price"]) >= len(q["amount"]) or len(q["amount"]) != len(q["date"]):
        return False  # the row has its price, or the amounts of several rows are still awaited
    if prev != "ad" and len(q["owned"]) != len(q["amount"]):
        return False
    return ahead is None or ahead.kind not in ("dollar", "price")


def _mark_target(q: dict[str, list[Tok]], prev: str | None, last: Tok | None, line: int) -> Tok | None:
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


def _is_nature(tok: Tok, q: dict[str, list[Tok]], prev: str | None) -> bool:
    """Column 7 (Form 4/5; 4 of Form 3) or the title: a text that repeats a title, or names a class of
    stock, is a title; one after an "I" or after a title, a nature."""
    if NATURE_START.match(tok.text):
        return True
    if COMMON.match(tok.text) or any(t.text == tok.text for t in q["title"]):
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


def balance_letters(q: dict[str, list[Tok]]) -> None:
    """One letter too many in one of columns 3 (code), 4 (A/D) and 6 (ownership form) and one too few
    in another: the letter, which both columns allow, moved to where it is missing. Every transaction
    row prints one code and one A/D beside its date and amount, and every row one ownership form
    beside its amount owned (the form's columns 3, 4 and 6); pdftotext may print a "D" of
    one column in the flow of another. Of the letters that may move, the one least like its column's
    others goes (a "D" among the codes "S (1)"), into the place its line gives it."""
    rows = max(len(q["title"]), len(q["owned"]))
    want = {"code": max(len(q["date"]), len(q["amount"])), "ad": len(q["amount"]), "direct": rows}
    allowed = {"code": CODES, "ad": frozenset("AD"), "direct": frozenset("DI")}
    for _ in range(4):
        if not _move_letter(q, want, allowed):
            return


def _move_letter(q: dict[str, list[Tok]], want: dict[str, int], allowed: dict[str, frozenset[str]]) -> bool:
    """One move of :func:`balance_letters`; False when there is none to make."""
    for src, src_want in want.items():
        for dst, dst_want in want.items():
            if src == dst or len(q[src]) <= src_want or len(q[dst]) >= dst_want:
                continue
            movable = [k for k, t in enumerate(q[src]) if t.text in allowed[dst]]
            if not movable:
                continue
            seen = [t.text for t in q[src]]
            # the least like its column's others; of those, one without markers, the last
            k = min(movable, key=lambda k: (seen.count(q[src][k].text), bool(q[src][k].marks), -k))
            tok = q[src].pop(k)
            q[dst].insert(sum(1 for t in q[dst] if t.line < tok.line), tok)
            return True
    return False


def every_row_markers(q: dict[str, list[Tok]]) -> None:
    """A marker printed as many times as a column has cells, most of them read as that column's, or
    those printed on a cell's line all on this column's cells: the column's superscript in every row
    (a nature "by Trust (2)" repeated down the table, or Netflix's amounts "730 (1) D", whose markers
    pdftotext prints as a flow of their own that lands among other rows' cells)."""
    count: dict[str, int] = {}
    where: dict[tuple[str, str], int] = {}
    printed: dict[str, set[str]] = {}  # the columns of the cells a marker is printed beside
    for column, toks in q.items():
        for tok in toks:
            for mark in tok.marks:
                count[mark] = count.get(mark, 0) + 1
                where[mark, column] = where.get((mark, column), 0) + 1
            for mark in tok.inline:
                printed.setdefault(mark, set()).add(column)
    for (mark, column), n in where.items():
        cells = q[column]
        if len(cells) < 3 or count[mark] != len(cells):
            continue
        if printed.get(mark, {column}) != {column}:
            continue  # printed on the line of another column's cell: not this column's alone
        if 2 * n <= len(cells) and mark not in printed:
            continue  # neither most of them read as this column's nor any printed on its line
        for toks in q.values():
            for tok in toks:
                tok.marks[:] = [m for m in tok.marks if m != mark]
        for tok in cells:
            tok.marks.append(mark)


def rows_t1(q: dict[str, list[Tok]]) -> list[dict[str, Cell]]:
    """Rows from the columns: transactions first (as many as dates, codes or amounts), then holdings;
    natures to the rows owned indirectly, in order."""
    count = max(len(q["title"]), len(q["owned"]), len(q["direct"]))
    deals = max(len(q["date"]), len(q["code"]), len(q["amount"]))
    count = max(count, deals)
    rows: list[dict[str, Cell]] = []
    indirect = [i for i, t in enumerate(q["direct"]) if t.text.startswith("I")]
    natures = dict(zip(indirect, q["nature"], strict=False))
    owned = _placed(q["owned"], count)
    deemed = {t.row: t for t in q["deemed"] if t.row is not None}
    for i in range(count):
        row: dict[str, Cell] = {}
        for col in ("title", "direct"):
            row[col] = cell(q[col][i] if i < len(q[col]) else None)
        row["owned"] = cell(owned[i])
        if i < deals:
            for col in ("date", "code", "v", "amount", "ad", "price"):
                row[col] = cell(q[col][i] if i < len(q[col]) else None)
            row["deemed"] = cell(deemed.get(i))
        row["nature"] = cell(natures.get(i))
        rows.append(row)
    return rows


def _placed(toks: list[Tok], count: int) -> list[Tok | None]:
    """One column's cells to ``count`` rows: a cell whose row is known (``Tok.row``) to that row, the
    others to the rows left, in their order."""
    out: list[Tok | None] = [None] * max(count, len(toks))
    pinned = {t.row: k for k, t in enumerate(toks) if t.row is not None and 0 <= t.row < len(out)}
    if len(pinned) != sum(1 for t in toks if t.row is not None):
        pinned = {}  # two cells known to stand in one row, or one past the rows: not known after all
    for row, k in pinned.items():
        out[row] = toks[k]
    free = (i for i in range(len(out)) if out[i] is None)
    placed = set(pinned.values())
    for k, tok in enumerate(toks):
        if k not in placed:
            out[next(free)] = tok
    return out


def columns_t1_3(toks: list[Tok]) -> dict[str, list[Tok]]:
    """Table I of Form 3: title, amount owned, ownership form, nature."""
    q: dict[str, list[Tok]] = {c: [] for c in _T1_COLUMNS}
    prev: str | None = None
    last: Tok | None = None
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
