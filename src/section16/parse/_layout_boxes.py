"""What is specific to ``pdftotext -layout`` text outside Tables I and II: a box's date that pdftotext
pushed into the box before it, the columns of the "Reporting Owners" table (by the nearest head, not
by left edges), and an officer title moved to where box 5 says it belongs.

pdftotext lays out each line on its own, pushing a word right or left of where the page prints it when
the words before it on that line take more or less room than their share; these rules undo what that
does to the boxes and the owners table (spec.md section 5).

Pure: words in, columns or owners out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from section16.model import Relationship, ReportingOwner
from section16.parse._layout_types import DATE, LayoutWord

__all__ = ["owner_columns", "pushed_date", "title_by_box5"]


def pushed_date(lines: Sequence[Sequence[LayoutWord]], left: float) -> str | None:
    """A date that belongs to the box starting at ``left`` but that pdftotext pushed left into the box
    before it, on the ``lines`` below the box's label: a long address in box 1 ends one space before
    it (``C/O SEQUOIA CAPITAL,, 2800 SAND HILL 08/09/2019``). Box 1 prints no date, so a date packed
    against its text that way is the next box's. None when there is none."""
    for line in lines:
        for prev, word in pairwise(line):
            if word.x0 < left and word.x0 - prev.x1 <= 1 and DATE.fullmatch(word.text):
                return word.text
    return None


_OWNER_HEADS = (
    ("director", ("Director",)),
    ("ten", ("10%", "Owner")),
    ("officer", ("Officer",)),
    ("other", ("Other",)),
)


def owner_columns(head: Sequence[LayoutWord], words: Sequence[LayoutWord]) -> list[str] | None:
    """The column of each word of one line of the "Reporting Owners" table: "name" (name and address)
    or one of the relationship columns headed "Director", "10% Owner", "Officer", "Other" on the line
    ``head``. The view centres a tick ``X`` or a title under its head, so a run of words (one space
    apart) goes to the head whose centre is nearest its own; pdftotext packs the head line tighter
    than the lines below, so a left edge cuts an ``X`` under "10% Owner" into "Officer". A tick ``X``
    goes to Director or 10% Owner, any other run to Officer or Other (the stylesheets print the ticks
    in the first two and the officer title or other text in the last two). Runs that end left of the
    first head are the name column. None when the heads are not all on ``head``."""
    texts = [w.text for w in head]
    spans: list[tuple[str, float, float]] = []
    for name, parts in _OWNER_HEADS:
        at = next(
            (j for j in range(len(texts)) if texts[j : j + len(parts)] == list(parts)),
            None,
        )
        if at is None:
            return None
        spans.append((name, head[at].x0, head[at + len(parts) - 1].x1))
    first = spans[0][1]
    out: list[str] = []
    run: list[int] = []
    for i in range(len(words) + 1):
        if run and (i == len(words) or words[i].x0 - words[i - 1].x1 > 1.0):
            x0, x1 = words[run[0]].x0, words[run[-1]].x1
            centre = (x0 + x1) / 2
            # the view prints a tick "X" under Director and 10% Owner, a title under Officer and Other
            tick = len(run) == 1 and words[run[0]].text == "X"
            heads = spans[:2] if tick else spans[2:]
            col = "name" if x1 <= first else min(heads, key=lambda s: abs(s[1] + s[2] - 2 * centre))[0]
            out.extend([col] * len(run))
            run = []
        run.append(i)
    return out


def title_by_box5(owner: ReportingOwner, ticks: Relationship) -> ReportingOwner:
    """The first reporting owner with the text of its Officer/Other cell moved to where box 5 says it
    belongs: pdftotext prints the owners table's rows further right than its head line, so an officer
    title ("CEO", left-aligned under "Officer") can sit nearer "Other". Box 5 ("Relationship of
    Reporting Person(s) to Issuer"; box 4 of Form 3) ticks "Officer (give title below)" or "Other
    (specify below)"; when it ticks exactly one of them, the text is that one's."""
    table = owner.relationship
    if table is None or ticks.is_officer == ticks.is_other:
        return owner
    if ticks.is_officer and table.other_text and not table.officer_title:
        moved = replace(
            table, officer_title=table.other_text, other_text=None, is_officer=True, is_other=False
        )
    elif ticks.is_other and table.officer_title and not table.other_text:
        moved = replace(
            table, other_text=table.officer_title, officer_title=None, is_other=True, is_officer=False
        )
    else:
        return owner
    return replace(owner, relationship=moved)
