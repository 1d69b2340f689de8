"""The holdings arithmetic of Table I in plain ``pdftotext`` text (``rendered_plain``): which amount
owned belongs to which transaction row, and which printed number is an amount, where the order of
pdftotext's flows does not say.

Of two transactions in one security one after another, the amount owned after the second is the
amount owned after the first plus the second's amount when acquired (A), minus it when disposed of
(D): column 5 is the "Amount of Securities Beneficially Owned Following Reported Transaction(s)"
(the form's own heading; ``validate.arithmetic.holdings_chain`` checks the same arithmetic). The
rows of a long table of sales (one security, one transaction after another) chain so; pdftotext may
print their amounts owned in another order than their rows (a page's flows), or print a row's
amount and (A)/(D) where an amount owned and its ownership form would stand. When exactly one
arrangement makes every row agree with the one before, that arrangement is taken; when none does,
or more than one, nothing is changed.

Pure: columns in, columns out.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, InvalidOperation

from section16.model import AcquiredDisposed, DerivativeRow, DerivativeTransaction, Fact
from section16.parse._plain_cells import Tok

__all__ = ["acquired_disposed_by_arithmetic", "chain_holdings"]

_MAX_ROWS = 40  # the search walks one chain per starting amount owned: a few thousand steps at most


def _number(tok: Tok) -> Decimal | None:
    try:
        return Decimal(tok.text.replace(",", "")) if tok.text else None
    except InvalidOperation:
        return None


def _chains(amounts: list[Decimal], signs: list[int], owned: list[Decimal]) -> list[list[int]]:
    """Every order of ``owned`` (as indices) in which each row's amount owned is the row before's
    plus its signed amount (a sign of 0: either); at most two are looked for."""
    n = len(amounts)
    found: list[list[int]] = []

    def walk(order: list[int]) -> None:
        if len(found) > 1:
            return
        if len(order) == n:
            found.append(order)
            return
        k, before = len(order), owned[order[-1]]
        steps = (signs[k],) if signs[k] else (1, -1)
        for sign in steps:
            after = before + sign * amounts[k]
            for j, value in enumerate(owned):
                if value == after and j not in order:
                    walk([*order, j])
                    break  # equal amounts owned are interchangeable

    starts: set[Decimal] = set()
    for j, value in enumerate(owned):
        if value not in starts:
            starts.add(value)
            walk([j])
    return found


def _groups(q: dict[str, list[Tok]], n: int) -> list[tuple[str, ...]] | None:
    """Each transaction row's date, code and A/D, where they say which rows are alike (rows alike
    but for their amounts may exchange their amounts: their order says nothing the arithmetic does
    not); None where they cannot be told per row."""
    columns = (q["date"], q["code"], q["ad"])
    if all(len(c) == n for c in columns):
        return [tuple(c[k].text for c in columns) for k in range(n)]
    if q["ad"] and all(len(c) >= n - 1 and len({t.text for t in c[:n]}) == 1 for c in columns):
        return [tuple(c[0].text for c in columns)] * n  # all alike, one letter not yet in place
    return None


def _free_chains(
    amounts: list[Decimal], groups: list[tuple[str, ...]], owned: list[Decimal]
) -> list[tuple[list[int], list[int]]]:
    """Orders of the amounts owned and of the amounts (as indices) in which each row's amount owned
    is the row before's plus the row's amount (A) or minus it (D), each row's amount taken from the
    amounts read for rows alike to it; the first row's amount is the one the others leave. At most
    two are looked for."""
    n = len(amounts)
    found: list[tuple[list[int], list[int]]] = []

    def walk(order: list[int], used: list[int]) -> None:
        if len(found) > 1:
            return
        k = len(order)
        if k == n:
            first = [j for j in range(n) if j not in used]
            if len(first) == 1 and groups[first[0]] == groups[0]:
                found.append((first + used, order))
            return
        before, sign = owned[order[-1]], 1 if groups[k][-1] == "A" else -1
        tried: set[Decimal] = set()
        for j, amount in enumerate(amounts):
            if j in used or groups[j] != groups[k] or amount in tried:
                continue
            tried.add(amount)
            after = before + sign * amount
            at = next((i for i, v in enumerate(owned) if v == after and i not in order), None)
            if at is not None:
                walk([*order, at], [*used, j])

    starts: set[Decimal] = set()
    for j, value in enumerate(owned):
        if value not in starts:
            starts.add(value)
            walk([j], [])
    return found


_MAX_REORDERED = 8  # the other orders of the amounts owned are looked at in tables of a few rows


def _exchanges(
    amount_toks: list[Tok], owned_toks: list[Tok], signs: list[int]
) -> list[tuple[int | None, list[Tok], list[Tok], list[int]]]:
    """The arrangements in which one number read as a row's amount and one read as an amount owned
    change places (pdftotext printed the two in each other's flows: "10,000 A" / "$ 1.60" /
    "142,179" / "D" / "10,000 D") and the rows then chain, the amounts owned in the order read. The
    amount owned must be a transaction's (a holding's is not checked by the arithmetic), and where
    an exchange with the amounts owned in another order chains too (tables of a few rows: the three
    numbers of ``a + b = c`` chain in more than one role), none is proven: none is returned. At most
    two are looked for."""
    n = len(amount_toks)
    amounts = [_number(t) for t in amount_toks]
    owned = [_number(t) for t in owned_toks]
    if any(a is None for a in amounts) or any(o is None for o in owned):
        return []
    found: list[tuple[int | None, list[Tok], list[Tok], list[int]]] = []
    others = 0  # arrangements with the amounts owned in another order: the exchange is not proven
    for i in range(n):
        for j in range(n):  # a holding's amount owned is not checked by the arithmetic
            if amounts[i] == owned[j]:
                continue
            a = [x for x in amounts if x is not None]
            o = [x for x in owned if x is not None]
            a[i], o[j] = o[j], a[i]
            if n <= _MAX_REORDERED:
                others += sum(1 for order in _chains(a, signs, o) if order != list(range(n)))
            if not all(
                o[k] == o[k - 1] + sign * a[k] if sign else o[k] in (o[k - 1] + a[k], o[k - 1] - a[k])
                for k, sign in zip(range(1, n), signs[1:], strict=True)
            ):
                continue
            new_amounts, new_owned = list(amount_toks), list(owned_toks)
            new_amounts[i], new_owned[j] = owned_toks[j], amount_toks[i]
            found.append((None, new_amounts, new_owned, list(range(n))))
            if len(found) > 1:
                return found
    return found if not others else []


def chain_holdings(q: dict[str, list[Tok]]) -> None:
    """Arrange Table I's amounts owned (and an amount printed among them) by the holdings arithmetic,
    for a table whose transactions are all in one security and one ownership form (holdings may
    follow them): when the
    transactions do not chain as read and exactly one arrangement makes them chain, take it; the
    amounts owned it leaves are the holdings', in their order. An arrangement may move one number
    read as an amount owned to the amounts, where one row lacks its amount (its place among the
    amounts is the one its line gives it)."""
    n = len(q["date"])
    rows = len(q["title"])
    if not 2 <= n <= _MAX_ROWS or rows < n or len({t.text for t in q["title"][:n]}) != 1:
        return
    odd = 1 if len(q["amount"]) == n - 1 else 0  # the moved amount's (A)/(D) may stand among them
    forms = sorted(t.text for t in q["direct"][: n + odd])  # the transactions' (holdings follow)
    if len(forms) - max((forms.count(f) for f in set(forms)), default=0) > odd:
        return  # direct and indirect holdings: two positions, each with its own chain
    options: list[tuple[int | None, list[Tok], list[Tok]]] = []
    if len(q["amount"]) == n and len(q["owned"]) == rows:
        options.append((None, q["amount"], q["owned"]))
    elif len(q["amount"]) == n - 1 and len(q["owned"]) == rows + 1:
        for j, tok in enumerate(q["owned"]):
            at = sum(1 for t in q["amount"] if t.line < tok.line)
            options.append(
                (j, [*q["amount"][:at], tok, *q["amount"][at:]], q["owned"][:j] + q["owned"][j + 1 :])
            )
    else:
        return
    letters = [1 if t.text == "A" else -1 for t in q["ad"]]
    solutions: list[tuple[int | None, list[Tok], list[Tok], list[int]]] = []
    for moved, amount_toks, owned_toks in options:
        amounts = [a for t in amount_toks if (a := _number(t)) is not None]
        owned = [o for t in owned_toks if (o := _number(t)) is not None]
        if len(amounts) != n or len(owned) != len(owned_toks):
            continue
        # each row's (A)/(D) where the letters are one per amount (the moved amount's is not known
        # yet: either); else either sign for every row
        signs = [0] * n
        if len(letters) == n and moved is None:
            signs = letters
        elif len(letters) == n - 1 and moved is not None:
            at = amount_toks.index(q["owned"][moved])
            signs = [*letters[:at], 0, *letters[at:]]
        found = _chains(amounts, signs, owned)
        if moved is None and list(range(n)) in found:
            return  # the rows chain as read
        solutions += [(moved, amount_toks, owned_toks, order) for order in found]
    groups = _groups(q, n) if not solutions else None
    if groups is not None and len(set(groups)) < n:
        # rows alike but for their amounts (one date, one code, one A/D): their amounts' order says
        # nothing the arithmetic does not, so their amounts may be arranged too
        for moved, amount_toks, owned_toks in options:
            amounts = [a for t in amount_toks if (a := _number(t)) is not None]
            owned = [o for t in owned_toks if (o := _number(t)) is not None]
            if len(amounts) != n or len(owned) != len(owned_toks):
                continue
            for amount_order, order in _free_chains(amounts, groups, owned):
                solutions.append((moved, [amount_toks[k] for k in amount_order], owned_toks, order))
    if not solutions and len(q["amount"]) == n and len(q["owned"]) == rows:
        solutions += _exchanges(q["amount"], q["owned"], letters if len(letters) == n else [0] * n)
    # two equal amounts owned give the same arrangement twice: one arrangement
    seen = {(tuple(t.text for t in a), tuple(o[j].text for j in order)) for _, a, o, order in solutions}
    if len(seen) != 1:
        return
    moved, amount_toks, owned_toks, order = solutions[0]
    if moved is not None or amount_toks != q["amount"]:
        q["amount"][:] = amount_toks
    rest = [tok for j, tok in enumerate(owned_toks) if j not in order]
    q["owned"][:] = [owned_toks[j] for j in order] + rest
    # a price printed on its amount owned's line ("$ 437.6384 6,952") goes with it
    prices = q["price"][:n]
    lines = {t.line: t for t in prices}
    bound = [lines.get(t.line) for t in q["owned"][:n]]
    if len(lines) == len(prices) == n and len({id(b) for b in bound if b is not None}) == sum(
        1 for b in bound if b is not None
    ):
        free = iter(t for t in prices if all(t is not b for b in bound))
        q["price"][:n] = [b if b is not None else next(free) for b in bound]
    for tok in q["owned"]:
        tok.row = None


def _value(fact: Fact[Decimal] | None) -> Decimal | None:
    return fact.value if fact is not None else None


def _position(row: DerivativeRow) -> tuple[str | None, str | None]:
    title = row.security_title.value if row.security_title is not None else None
    form = row.direct_or_indirect_ownership
    return title, str(form.value) if form is not None and form.value is not None else None


def _signs(row: DerivativeRow, last: Decimal) -> set[int] | None:
    """The signs (+1 acquired, -1 disposed of) that make a transaction row's amount owned after the
    amount owned ``last`` plus or minus its amount (its printed (A)/(D) only, when read); None when
    the row does not print both numbers."""
    amount, after = (
        _value(getattr(row, "transaction_shares", None)),
        _value(row.shares_owned_following_transaction),
    )
    if not isinstance(row, DerivativeTransaction) or not amount or after is None:
        return None
    read = row.transaction_acquired_disposed_code
    allowed = (
        (1 if read.value is AcquiredDisposed.ACQUIRED else -1,)
        if read is not None and read.value is not None
        else (1, -1)
    )
    return {sign for sign in allowed if after == last + sign * amount}


def _chaining(rows: tuple[DerivativeRow, ...]) -> set[str | None]:
    """The securities whose rows chain throughout, in each ownership form: every transaction row
    that prints its amount and amount owned after, following a row of the same security and form
    that printed its amount owned, is that amount owned plus or minus its amount (with its own
    (A)/(D) where read). A security where one row does not is a table whose numbers do not add up as
    filed, or whose amounts owned were read into other rows (those of its two ownership forms
    crossed): the arithmetic says nothing there."""
    last: dict[tuple[str | None, str | None], Decimal] = {}
    broken: set[str | None] = set()
    for row in rows:
        key = _position(row)
        if key in last and (signs := _signs(row, last[key])) is not None and not signs:
            broken.add(key[0])
        after = _value(row.shares_owned_following_transaction)
        if after is not None:
            last[key] = after
        else:
            last.pop(key, None)
    return {_position(row)[0] for row in rows} - broken


def acquired_disposed_by_arithmetic(
    rows: tuple[DerivativeRow, ...],
) -> tuple[tuple[DerivativeRow, ...], list[tuple[int, str]]]:
    """Table II's (A)/(D), which plain text does not place, where the row's own printed numbers tell
    it (never the transaction code):

    - an amount owned after the transaction below the amount itself: disposed of (acquiring it would
      leave at least that much);
    - after the row before in the same security and ownership form, which printed its amount owned:
      the amount owned after is that one plus the amount (A) or minus it (D) -- only where every row of
      that security chains so, in each ownership form (``_chaining``): where the numbers do not add
      up, as filed or as read, one pair that happens to chain proves nothing, and the row stays None.

    Rows whose (A)/(D) is read already, or that the numbers do not decide, are left as they are.
    Returns the rows and, for each row given a code, its index and the rule that gave it (the reader
    notes it: a value deduced, not read)."""
    chaining = _chaining(rows)
    out: list[DerivativeRow] = []
    decided: list[tuple[int, str]] = []
    before: dict[tuple[str | None, str | None], Decimal | None] = {}
    for i, row in enumerate(rows):
        key = _position(row)
        after = _value(row.shares_owned_following_transaction)
        if isinstance(row, DerivativeTransaction) and row.transaction_acquired_disposed_code is None:
            amount = _value(row.transaction_shares)
            code: AcquiredDisposed | None = None
            if amount and after is not None and after < amount:
                code, rule = AcquiredDisposed.DISPOSED, f"{after} owned after is below the amount {amount}"
            elif key[0] in chaining and (last := before.get(key)) is not None:
                signs = _signs(row, last)
                if signs is not None and len(signs) == 1:
                    sign = signs.pop()
                    code = AcquiredDisposed.ACQUIRED if sign > 0 else AcquiredDisposed.DISPOSED
                    rule = f"{last} owned before {'+' if sign > 0 else '-'} {amount} is {after} owned after"
            if code is not None:
                row = replace(row, transaction_acquired_disposed_code=Fact(value=code))  # noqa: PLW2901
                decided.append((i, rule))
        before[key] = after
        out.append(row)
    return tuple(out), decided
