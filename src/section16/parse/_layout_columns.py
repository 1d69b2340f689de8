"""Which table column each word of a ``pdftotext -layout`` line belongs to, and where the columns
start (from the table's heading lines).

pdftotext lays out each line on its own: a word's character column is its x on the page scaled to a
character grid, pushed right when the words before it on that line take more room than their share. So
the words of one table column do not line up with its heading (the heading lines, full of long labels,
are pushed further than the data lines), and two neighbouring cells are sometimes one space apart
(``$ 0 2,368``: a price and the amount owned after it). Cutting columns at fixed edges then splits and
merges cells. Here each line is read as a whole instead: its words are given to the table's columns left
to right (never out of order) by dynamic programming over a cost that adds

- how far a word's centre lies outside its column's span (the spans come from the heading lines);
- whether the word's type fits the column (spec.md section 5, the stylesheets' display rules: dates
  ``MM/DD/YYYY`` in the date columns, one letter in "Code", "V", "(A) or (D)" and "Ownership Form",
  numbers and ``$`` in the amount and price columns, footnote markers ``(N)`` anywhere);
- that a typed cell holds one value per line (a second number goes to the next column);
- that words one space apart are one cell, unless their types say otherwise.

What a word's type costs in each kind of column is in ``_layout_types``.

The column edges come from the heading (:func:`column_starts`); a continuation page, which pdftotext
lays out on a grid of its own, is read with the edges scaled and shifted to fit it (:func:`assign_table`).

Pure: words in, columns out. Words are anything with ``x0``, ``x1`` (character columns) and ``text``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from section16.parse._layout_types import (
    AMOUNT_IN_TEXT,
    FAR,
    VALUE_TYPES,
    LayoutWord,
    table_kinds,
    word_fits,
    word_type,
)

__all__ = ["assign_columns", "assign_table", "column_starts"]

_LONE_LETTER_IN_TEXT = 15.0  # a letter with no word one space either side, in free text
_SPLIT = 2.5  # words one space apart given to two columns
_MARKER_SPLIT = 6.0  # a marker one space after a value, given to another column than the value's
_PAGE_GAP = 3  # lines between two body lines that hold a page's footer and the next page's header
_SCALES = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3)  # a continuation page's grid, against the first
_SHIFTS = (-10.0, -5.0, 0.0, 5.0, 10.0, 15.0, 20.0)  # and where its columns after the first begin
_OFF_LEARNED = 0.5  # per character a value lies away from where its column's values print
_LEARNED_SLACK = 2.0  # characters of drift allowed before that counts
_FIT_ROWS = 12  # body lines that choose the scale of a heading broken across pages
_RETRY = AMOUNT_IN_TEXT  # a near reading that cost as much as an amount in a title: try every column
_REACH = 15.0  # columns further than this from a word's centre are tried only when nothing else fits


def assign_columns(words: Sequence[LayoutWord], names: Sequence[str], starts: Sequence[float]) -> list[str]:
    """The column name of each word of one line (``words`` left to right), given the table's columns
    ``names`` and their left edges ``starts`` (ascending, from the heading), by the least total cost
    over assignments that keep the columns' order (module docstring)."""
    return _assign_line(_Prepared(words, names), starts)[1]


class _Prepared:
    """One line's words with what the dynamic programme needs of each that does not depend on where
    the columns are (types, gaps, the fit of the word's type in every column), worked out once per line
    and table: the edges of a continuation page are tried at many scales and shifts."""

    __slots__ = ("data", "is_text", "names", "words")

    def __init__(self, words: Sequence[LayoutWord], names: Sequence[str]) -> None:
        self.words = words
        self.names = names
        self.is_text = table_kinds(tuple(names))[1]
        self.data = _word_data(words, tuple(names))


# Per word: centre, holds a value, the cost of a new cell after the word before (step), the extra cost
# of the word in the same cell as the word before, whether a typed cell must be empty to take it, the
# fit of its type in every column, whether it is a letter standing alone.
_WordData = tuple[float, bool, float, float, bool, tuple[float, ...], bool]


def _word_data(words: Sequence[LayoutWord], names: tuple[str, ...]) -> list[_WordData]:
    kinds = table_kinds(names)[0]
    n = len(words)
    types = [word_type(w.text) for w in words]
    out: list[_WordData] = []
    for i, word in enumerate(words):
        wtype = types[i]
        text = word.text
        holds_value = wtype not in ("marker", "dollar")
        after_dollar = i > 0 and types[i - 1] == "dollar"
        # a new cell after the word before: words one space apart are one cell; "$" is its number's
        joined = i > 0 and word.x0 - words[i - 1].x1 <= 1.0
        step = (
            (_MARKER_SPLIT if wtype == "marker" and types[i - 1] in VALUE_TYPES else _SPLIT)
            if joined
            else 0.0
        ) + (FAR / 2 if after_dollar and wtype == "number" else 0.0)
        # a letter standing alone (no word one space before or after it) is a code, never free text:
        # the view prints "D"/"I" and "A"/"D" in cells of their own
        lone = wtype == "letter" and not joined and (i == n - 1 or words[i + 1].x0 - word.x1 > 1.0)
        same_extra = _SPLIT if after_dollar and wtype not in ("number", "marker") else 0.0
        # a typed cell holds one value per line, and "$" comes before its value
        needs_empty = holds_value or wtype == "dollar"
        fits = word_fits(kinds, wtype, text)
        out.append(((word.x0 + word.x1) / 2, holds_value, step, same_extra, needs_empty, fits, lone))
    return out


def _assign_line(
    line: _Prepared, starts: Sequence[float], learned: Sequence[float | None] = ()
) -> tuple[float, list[str]]:
    """(cost, columns) of one line; columns far from a word are first left out, and all tried if
    nothing fits then."""
    words, names = line.words, line.names
    if not words or not names:
        return 0.0, []
    found = _assign(line, starts, _REACH, learned)
    if found is None or found[0] >= _RETRY:  # nothing near fits well: every column
        wider = _assign(line, starts, float("inf"), learned)
        if wider is not None and (found is None or wider[0] < found[0]):
            found = wider
    return found if found is not None else (FAR * len(words), [_nearest(w, starts, names) for w in words])


def assign_table(
    lines: Sequence[Sequence[LayoutWord]], names: Sequence[str], starts: Sequence[float]
) -> list[list[str]]:
    """:func:`assign_columns` for every line of a table's body (``lines`` top to bottom, each word's
    ``top`` its line number). pdftotext lays out every page on a grid of its own, scaled to that
    page's content, so a table that runs onto the next page (the heading is not printed again) has its
    columns at other character positions there: after a gap of :data:`_PAGE_GAP` lines or more (the
    page's footer and header), the lines are read with the heading's edges scaled by the factor that
    fits them best (the least total cost)."""
    segments: list[list[int]] = []
    last_top = None
    for i, line in enumerate(lines):
        top = line[0].top if line else last_top
        if not segments or (top is not None and last_top is not None and top - last_top >= _PAGE_GAP):
            segments.append([])
        segments[-1].append(i)
        last_top = top
    out: list[list[str]] = [[] for _ in lines]
    for k, segment in enumerate(segments):
        seg = [lines[i] for i in segment]
        prepared = [_Prepared(line, names) for line in seg]
        best = _fit_scale(prepared, _mapped(starts, 1.0, 0.0), None)
        at = (1.0, 0.0)
        if k:  # a later page: coarse steps first, then finer ones around the best
            assert best is not None
            for grid in (
                [(a, b) for a in _SCALES for b in _SHIFTS],
                [(at[0] + da, at[1] + db) for da in (-0.05, 0.0, 0.05) for db in (-2.5, 0.0, 2.5)],
            ):
                centre = at
                for scale, shift in grid:
                    if (scale, shift) == centre:
                        continue
                    found = _fit_scale(prepared, _mapped(starts, scale, shift), best[0])
                    if found is not None:
                        best, at = found, (scale, shift)
        assert best is not None
        learned = _learned_centres(seg, best[1], names)
        if any(x is not None for x in learned):
            scaled = _mapped(starts, *at)
            best = (
                best[0],
                [
                    cols  # every value already pinned: nothing to learn from the others
                    if len(_pinned(line, cols, names)) == _values(line)
                    else _assign_line(ready, scaled, learned)[1]
                    for line, ready, cols in zip(seg, prepared, best[1], strict=True)
                ],
            )
        for i, line_cols in zip(segment, best[1], strict=True):
            out[i] = line_cols
    return out


def _values(line: Sequence[LayoutWord]) -> int:
    """How many typed values (numbers, dates, letters) a line holds."""
    return sum(1 for w in line if word_type(w.text) in VALUE_TYPES)


def _pinned(
    line: Sequence[LayoutWord], line_cols: Sequence[str], names: Sequence[str]
) -> list[tuple[str, float]]:
    """(column, centre) of the values on one line whose column the order and one-value-per-cell rules
    leave no doubt about: the typed columns just before and after theirs hold values on that line
    too (the line's first and last typed columns count as closed on their outer side)."""
    is_text = table_kinds(tuple(names))[1]
    typed = [n for n, text in zip(names, is_text, strict=True) if not text]
    filled = {c for w, c in zip(line, line_cols, strict=True) if word_type(w.text) in VALUE_TYPES}
    out: list[tuple[str, float]] = []
    for w, c in zip(line, line_cols, strict=True):
        if c not in typed or word_type(w.text) not in VALUE_TYPES:
            continue
        at = typed.index(c)
        before = at == 0 or typed[at - 1] in filled
        after = at == len(typed) - 1 or typed[at + 1] in filled
        if before and after:
            out.append((c, (w.x0 + w.x1) / 2))
    return out


def _learned_centres(
    lines: Sequence[Sequence[LayoutWord]], cols: Sequence[Sequence[str]], names: Sequence[str]
) -> list[float | None]:
    """Per typed column, the median centre of its pinned values (:func:`_pinned`): where that
    column's values really print on this page. A value alone on its line (a wrapped row) is then read
    by it as well as by the heading, which pdftotext packs differently."""
    seen: dict[str, list[float]] = {}
    for line, line_cols in zip(lines, cols, strict=True):
        for c, x in _pinned(line, line_cols, names):
            seen.setdefault(c, []).append(x)
    out: list[float | None] = []
    for name in names:
        xs = sorted(seen.get(name, ()))
        out.append(xs[len(xs) // 2] if xs else None)
    return out


def _mapped(starts: Sequence[float], scale: float, shift: float) -> list[float]:
    """The column edges on another page's grid: the first column starts at the line's start, the
    others move by ``scale`` and ``shift``."""
    return [starts[0], *(x * scale + shift for x in starts[1:])]


def _fit_scale(
    lines: Sequence[_Prepared], starts: Sequence[float], bound: float | None
) -> tuple[float, list[list[str]]] | None:
    """The total cost and columns of ``lines`` with the edges ``starts``; None as soon as the cost
    reaches ``bound``."""
    total, cols = 0.0, []
    for line in lines:
        cost, line_cols = _assign_line(line, starts)
        total += cost
        if bound is not None and total >= bound:
            return None
        cols.append(line_cols)
    return total, cols


def _assign(
    line: _Prepared, starts: Sequence[float], reach: float, learned: Sequence[float | None] = ()
) -> tuple[float, list[str]] | None:
    """The dynamic programme of :func:`assign_columns` over states (column, whether that column
    already holds a value on this line), kept in flat lists (state ``2 * column + filled``); None when
    no assignment within ``reach`` fits. A column whose kind the word's type cannot be in is passed
    over before its place is looked at."""
    names = line.names
    n, k = len(line.words), len(names)
    inf = float("inf")
    is_text = line.is_text
    rights = [*starts[1:], inf]
    if n == 1:  # a word alone on its line (wrapped cells): the first column that costs least
        return _assign_one(line, starts, rights, reach, learned)
    prev_best = [inf] * (2 * k)
    backs: list[list[int]] = []
    for i, (centre, holds_value, step, same_extra, needs_empty, fits, lone) in enumerate(line.data):
        cur = [inf] * (2 * k)
        back = [-1] * (2 * k)
        running, running_at = inf, -1  # the cheapest state in a column left of c
        for c in range(k):
            if i and c:
                state = 2 * c - 2
                if prev_best[state] < running:
                    running, running_at = prev_best[state], state
                if prev_best[state + 1] < running:
                    running, running_at = prev_best[state + 1], state + 1
            fit = fits[c]
            if fit >= FAR:  # the word's type is never in this column's kind
                continue
            left, right = starts[c], rights[c]
            place = left - centre if centre < left else (centre - right if centre > right else 0.0)
            if place > reach:
                continue
            if learned and holds_value and (seen := learned[c]) is not None:
                off = abs(centre - seen) - _LEARNED_SLACK
                if off > 0:
                    place += _OFF_LEARNED * off
            own = place + fit
            if lone and is_text[c]:
                own += _LONE_LETTER_IN_TEXT
            if own >= FAR:
                continue
            here = 2 * c + holds_value
            if i == 0:
                cur[here] = own
                continue
            if running + step + own < cur[here]:
                cur[here] = running + step + own
                back[here] = running_at
            # the same cell as the word before (filled or not yet)
            prev = prev_best[2 * c]
            if prev != inf:
                cost = prev + own + same_extra
                if cost < cur[here]:
                    cur[here] = cost
                    back[here] = 2 * c
            prev = prev_best[2 * c + 1]
            if prev != inf and not (needs_empty and not is_text[c]):
                cost = prev + own + same_extra
                if cost < cur[2 * c + 1]:
                    cur[2 * c + 1] = cost
                    back[2 * c + 1] = 2 * c + 1
        prev_best = cur
        backs.append(back)
    cost = min(prev_best)
    if cost == inf:
        return None
    state = prev_best.index(cost)
    out = [""] * n
    for i in range(n - 1, -1, -1):
        out[i] = names[state // 2]
        state = backs[i][state]
    return cost, out


def _assign_one(
    line: _Prepared,
    starts: Sequence[float],
    rights: Sequence[float],
    reach: float,
    learned: Sequence[float | None],
) -> tuple[float, list[str]] | None:
    """:func:`_assign` of a line of one word: the same costs, without states (the programme's first
    word takes the first state of least cost, states being in column order)."""
    centre, holds_value, _, _, _, fits, lone = line.data[0]
    best, at = float("inf"), -1
    for c, fit in enumerate(fits):
        if fit >= FAR:
            continue
        left, right = starts[c], rights[c]
        place = left - centre if centre < left else (centre - right if centre > right else 0.0)
        if place > reach:
            continue
        if learned and holds_value and (seen := learned[c]) is not None:
            off = abs(centre - seen) - _LEARNED_SLACK
            if off > 0:
                place += _OFF_LEARNED * off
        own = place + fit
        if lone and line.is_text[c]:
            own += _LONE_LETTER_IN_TEXT
        if own < FAR and own < best:
            best, at = own, c
    return None if at < 0 else (best, [line.names[at]])


_LABEL_NUMBER = re.compile(r"^(\d{1,2}A?)\.")
# The word that heads each sub-column in the view's heading (spec.md section 5). "Date" would be
# ambiguous under "6. Date Exercisable and Expiration Date": its sub-columns go by their second words.
_HEADS = {
    "code": "Code",
    "v": "V",
    "amount": "Amount",
    "ad": "(D)",
    "price": "Price",
    "a": "(A)",
    "d": "(D)",
    "exercisable": "Exercisable",
    "expiration": "Expiration",
    "underlying_title": "Title",
    "underlying_shares": "Amount",
}


_Layout = Sequence[tuple[str, Sequence[tuple[str, str]]]]


def column_starts(
    header: Sequence[Sequence[LayoutWord]],
    layout: _Layout,
    body: Sequence[Sequence[LayoutWord]] = (),
) -> list[tuple[str, float]] | None:
    """Column name -> left edge in layout text, from the table's heading lines (``header``, top to
    bottom) and its ``layout`` (numbered labels and the sub-columns under each); see :func:`_starts`.

    A heading broken across two pages has its numbered labels on one page's grid and its sub-column
    heads, like the rows (``body``), on the next page's (pdftotext lays out each page on its own
    grid): then the labels are scaled by the factor that fits the first rows best."""
    split = any(line and prev and line[0].top - prev[0].top >= _PAGE_GAP for prev, line in pairwise(header))
    if not split or not body:
        return _starts(header, layout, 1.0)
    rows = [line for line in body[:_FIT_ROWS] if line]
    best: tuple[float, list[tuple[str, float]]] | None = None
    prepared: tuple[list[str], list[_Prepared]] | None = None
    for scale in (1.0, *_SCALES, 0.55, 0.65, 0.75, 0.85, 0.95, 1.05, 1.15, 1.25):
        starts = _starts(header, layout, scale)
        if starts is None:
            continue
        names, xs = [n for n, _ in starts], [x for _, x in starts]
        if xs != sorted(xs):
            continue
        if prepared is None or prepared[0] != names:  # the rows' words, worked out once per columns
            prepared = (names, [_Prepared(line, names) for line in rows])
        cost = sum(_assign_line(line, xs)[0] for line in prepared[1])
        if best is None or cost < best[0]:
            best = (cost, starts)
    return best[1] if best else _starts(header, layout, 1.0)


def _starts(
    header: Sequence[Sequence[LayoutWord]], layout: _Layout, label_scale: float
) -> list[tuple[str, float]] | None:
    """Column name -> left edge, the numbered labels' places scaled by ``label_scale``.

    The sub-column heads ("Code V", "(A) (D)", "Exercisable", "Title", "Amount") sit on the last,
    sparse heading lines, which pdftotext packs like the data lines; the numbered labels sit on dense
    lines that it packs differently, so a label can print right of the sub-heads of the label before
    it. The heads therefore win: a sub-column's edge is halfway between its head and the previous
    head, and a label's edge is moved right of the heads before it."""
    label_x: dict[str, float] = {}
    for line in header:
        for word in line:
            match = _LABEL_NUMBER.match(word.text)
            if match and match[1] not in label_x:
                label_x[match[1]] = word.x0 * label_scale
    if any(number not in label_x for number, _ in layout):
        return None
    starts: list[tuple[str, float]] = []
    last_head_end = float("-inf")  # the right end of the last head found
    for number, subs in layout:
        heads: list[LayoutWord | None] = []
        after = last_head_end
        for sub, _ in subs:
            head = _lowest(header, _HEADS.get(sub, ""), after) if len(subs) > 1 else None
            heads.append(head)
            if head is not None:
                after = head.x0
        left = max(label_x[number], last_head_end + 1)
        if heads[0] is not None:
            left = min(left, heads[0].x0)
        starts.append((subs[0][0], left))
        for j in range(1, len(subs)):
            head, prev = heads[j], heads[j - 1]
            if head is None:  # not printed (Form 5 has no "Code V" sub-columns): no such column
                continue
            edge = (prev.x1 + head.x0) / 2 if prev is not None else head.x0 - 1
            starts.append((subs[j][0], max(edge, starts[-1][1] + 1)))
        found = [h.x1 for h in heads if h is not None]
        if found:
            last_head_end = max(found)
    return starts


def _lowest(header: Sequence[Sequence[LayoutWord]], text: str, after: float) -> LayoutWord | None:
    """The lowest heading word that reads ``text`` and starts right of ``after``."""
    found = [w for line in header for w in line if w.text == text and w.x0 > after]
    return max(found, key=lambda w: (w.top, -w.x0)) if found else None


def _nearest(word: LayoutWord, starts: Sequence[float], names: Sequence[str]) -> str:
    centre = (word.x0 + word.x1) / 2
    at = 0
    for j, x in enumerate(starts):
        if centre >= x:
            at = j
    return names[at]
