"""The "Explanation of Responses" of a printed Form 3, 4 or 5 read from positioned lines
(``_positioned``): the footnotes, each marker ``(N)`` matched to its run of text lines by the centring
of the marker against its text, and the remarks after "Remarks:".

The split into runs (:func:`split_by_centres`) and the walk back through its choices
(:func:`runs_from_back`) are shared with the plain-text reader (``rendered_plain``), which places its
lines by their order.

Pure: lines in, footnotes out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from section16.model import Footnote
from section16.parse._page import Line, Page, Word, join_words
from section16.parse._rendered import Unread

__all__ = ["read_explanations", "runs_from_back", "split_by_centres"]

_STOP_EXPLAIN = ("Note:", "Potential persons", "Reminder:", "Signatures", "Reporting Owners")
_NOTE_MARK = re.compile(r"\((\d{1,3})\)")


def read_explanations(
    page: Page, *, spaced: bool, unread: Unread | None = None
) -> tuple[tuple[Footnote, ...], str | None]:
    """Footnotes and the text after "Remarks:", below "Explanation of Responses:".

    The stylesheets print the footnotes as a two-column table after the rows ``*`` and ``**``: the
    marker ``(N)`` in the left cell, the text in the right one, and the marker is centred against its
    text (``<td>`` default vertical alignment). So a marker often sits beside the middle line of its
    note, or between two lines, never reliably at its first line: the text lines are split into one run
    per marker so that each run's centre comes closest to its marker (:func:`split_by_centres`).
    ``unread`` collects the places: a footnote's id at its marker's line, its text at its first line,
    the remarks at the "Remarks:" line.
    """
    # the heading starts its line ("See Explanation of Responses" can be an owner's "Other" text)
    start = next(
        (i for i, line in enumerate(page.lines) if line.text.startswith("Explanation of Responses")), None
    )
    if start is None:
        hit = page.find("Explanation of Responses")
        if hit is None:
            return (), None
        start = hit[0]
    region: list[Line] = []
    remark_lines: list[str] | None = None
    remark_at = ""
    for line in page.lines[start + 1 :]:
        text = line.text
        if text.startswith(_STOP_EXPLAIN):
            if remark_lines is not None or region:
                break
            continue
        if remark_lines is not None:
            remark_lines.append(text)
        elif text.startswith("Remarks:"):
            remark_lines = [text[len("Remarks:") :].strip()]
            remark_at = page.where(line.words[0])
        else:
            region.append(line)
    remark = join_words(remark_lines) if remark_lines else None
    notes, places = _footnotes(region, page.tol, spaced=spaced)
    if unread is not None:
        for k, (mark, first) in enumerate(places):
            unread.place(f"footnotes[{k}].id", page.where(mark))
            unread.place(f"footnotes[{k}].text", page.where(first) if first else page.where(mark))
        if remark:
            unread.place("remarks", remark_at)
    return notes, remark or None


def _footnotes(
    region: list[Line], tol: float, *, spaced: bool
) -> tuple[tuple[Footnote, ...], list[tuple[Word, Word | None]]]:
    """The footnote table's lines -> footnotes, by the centring of each marker against its text;
    ``spaced``: rows are further apart than lines (a PDF; layout text has whole lines only). With each
    footnote, the word its id was read from (the marker) and the first word of its text (None when its
    run is empty)."""
    start, text_left = 0, None
    for i, line in enumerate(region):
        if line.words[0].text.startswith("*"):  # the "*" and "**" rows: their text column is the notes'
            start = i + 1
            if len(line.words) > 1:
                text_left = line.words[1].x0
    markers: list[tuple[float, str]] = []
    marks: list[Word] = []
    rows: list[tuple[float, str]] = []
    firsts: list[Word] = []
    for line in region[start:]:
        words = list(line.words)
        first = words[0]
        if _NOTE_MARK.fullmatch(first.text) and (text_left is None or first.x1 <= text_left + tol):
            markers.append((first.middle, f"F{_NOTE_MARK.fullmatch(first.text)[1]}"))  # type: ignore[index]
            marks.append(first)
            words = words[1:]
            if text_left is None and words:
                text_left = words[0].x0
        if words:
            rows.append((sum(w.middle for w in words) / len(words), " ".join(w.text for w in words)))
            firsts.append(words[0])
    if not markers:
        return (), []
    runs = split_by_centres([y for y, _ in rows], [y for y, _ in markers], spaced=spaced)
    notes = tuple(
        Footnote(id=note_id, text=join_words(rows[j][1] for j in run))
        for (_, note_id), run in zip(markers, runs, strict=True)
    )
    return notes, [(mark, firsts[run[0]] if run else None) for mark, run in zip(marks, runs, strict=True)]


def split_by_centres(ys: list[float], marks: list[float], *, spaced: bool) -> list[range]:
    """Consecutive runs of the lines at ``ys``, one per marker at ``marks`` (both top to bottom), that
    put each marker nearest the centre of its run, by dynamic programming over the least total cost.

    The gaps between lines help where they differ: rows of the footnote table are further apart than
    the lines of one note (cell padding), so a run that holds a row-sized gap, or a cut inside a
    paragraph, costs extra; a page break (a gap of several lines) is neutral, and a note broken across
    pages is centred on its first part. With fewer lines than markers, a line goes to its nearest
    marker and the others stay empty."""
    n, k = len(ys), len(marks)
    if n < k or n * n * k > 4_000_000:
        nearest: list[list[int]] = [[] for _ in marks]
        for j, y in enumerate(ys):
            nearest[min(range(k), key=lambda i: abs(marks[i] - y))].append(j)
        return [range(r[0], r[-1] + 1) if r else range(0) for r in nearest]
    gaps = [ys[j + 1] - ys[j] for j in range(n - 1)]
    pitch = sorted(gaps)[len(gaps) // 2] if gaps else 1.0
    # per gap j (between lines j and j+1): 0 = within a note, 1 = between rows, 2 = a page break
    kind = [0 if g < 1.2 * pitch else (2 if g > 3 * pitch else 1) for g in gaps]
    penalty = 2 * pitch if spaced and any(x == 1 for x in kind) and any(x == 0 for x in kind) else 0.0
    inf = float("inf")
    best = [[inf] * (n + 1) for _ in range(k + 1)]
    back = [[0] * (n + 1) for _ in range(k + 1)]
    best[0][0] = 0.0
    for i in range(1, k + 1):
        mark = marks[i - 1]
        for a in range(i - 1, n - (k - i)):
            if best[i - 1][a] == inf:
                continue
            # the boundary before line a: a cut inside a paragraph costs extra
            base = best[i - 1][a] + (penalty if a > 0 and kind[a - 1] == 0 else 0.0)
            first_end, inner = a, 0.0
            for j in range(a + 1, n - (k - i) + 1):  # the run is lines a .. j-1
                if j - 1 > a:
                    g = kind[j - 2]
                    if g == 1:
                        inner += penalty
                    if g != 2 and first_end == j - 2:
                        first_end = j - 1
                cost = base + inner + abs((ys[a] + ys[first_end]) / 2 - mark)
                if cost < best[i][j]:
                    best[i][j], back[i][j] = cost, a
    return runs_from_back(back, n)


def runs_from_back(back: Sequence[Sequence[int]], n: int) -> list[range]:
    """The runs of lines ``0 .. n-1``, one per marker, that a split by dynamic programming chose
    (:func:`split_by_centres`, and the plain-text reader's own costs in ``rendered_plain``):
    ``back[i][j]`` is the first line of marker ``i``'s run when that run ends before line ``j``
    (``back[0]`` stands for no marker yet). Walked from the last marker's run, which ends at ``n``."""
    runs: list[range] = []
    j = n
    for i in range(len(back) - 1, 0, -1):
        a = back[i][j]
        runs.append(range(a, j))
        j = a
    return runs[::-1]
