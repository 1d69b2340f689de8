"""The page model of the position-based readers: words with their boxes (:class:`Word`), words grouped
into lines (:class:`Line`), and the whole document's lines with the reader's scale (:class:`Page`).

The PDF reader (``rendered_pdf``) makes its words from the PDF's text layer, in points; the layout-text
reader (``rendered_text``) from ``pdftotext -layout`` text, where a word's x is its character column
and its y its line number (:func:`layout_lines`). Both then read the same lines (``_positioned``).
:meth:`Page.where` says where a word was read: ``"page P, line L"`` (PDF) or ``"line N"`` (layout text).

Pure: words in, lines out.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from section16.parse._values import unescape_twice

__all__ = [
    "SOFT_HYPHEN",
    "Line",
    "Page",
    "Rule",
    "Word",
    "join_words",
    "layout_lines",
    "lines_of",
    "reading_order",
]


@dataclass(frozen=True, slots=True)
class Word:
    """One word and its box: ``x0``/``x1`` left and right, ``top``/``bottom`` (down the page grows)."""

    x0: float
    x1: float
    top: float
    bottom: float
    text: str

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Line:
    """Words whose vertical middles agree, left to right. Its words are not changed once its text has
    been read (the text is joined once: the readers look at every line's text many times)."""

    words: list[Word] = field(default_factory=list)
    _text: str | None = field(default=None, repr=False, compare=False)
    number: int = field(default=0, compare=False)  # layout text: its 1-based line in the text (0: unknown)

    @property
    def middle(self) -> float:
        return sum(w.middle for w in self.words) / len(self.words)

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = " ".join(w.text for w in self.words)
        return self._text


# Browser print header ("11/24/26, 6:30 PM  Ownership Submission") and footer ("file:///...  1/2").
_CHROME = re.compile(r"^\d{1,2}/\d{1,2}/\d{2,4},\s+\d{1,2}:\d{2}\s*[AP]M\b|file:/|^about:blank")

Rule = tuple[float, float, float]
"""A horizontal line drawn on the page (a cell's border): left, right and its height on the page."""


SOFT_HYPHEN = "\ufffe"
"""What a word ends with when the print broke it after a hyphen at the end of a line: PDFium reports
such a hyphen as U+FFFE; the layout-text reader marks a line-final ``word-`` the same way."""
_SOFT = re.compile(SOFT_HYPHEN + r"\s*")


def join_words(parts: Iterable[str]) -> str:
    """Words or lines of one value joined by single spaces; a word broken after its hyphen at a line's
    end is joined to the next one again (``four-`` + ``year`` -> ``four-year``), and a second level of
    escaping that the view prints (``PG&amp;E``) is undone as the XML reader does."""
    return unescape_twice(_SOFT.sub("-", " ".join(" ".join(parts).split())))


def lines_of(words: Sequence[Word], tolerance: float) -> list[Line]:
    """Words grouped into lines: sorted by middle, a word joins the line whose middle is within
    ``tolerance`` (superscript footnote markers sit a little higher and still join)."""
    lines: list[Line] = []
    total = 0.0  # the sum of the last line's middles, kept as it grows (Line.middle per word is slow)
    for word in sorted(words, key=lambda w: (w.middle, w.x0)):
        middle = word.middle
        if lines and abs(total / len(lines[-1].words) - middle) <= tolerance:
            lines[-1].words.append(word)
            total += middle
        else:
            lines.append(Line([word]))
            total = middle
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return [line for line in lines if not _CHROME.search(line.text)]


_RUN = re.compile(r"\S+")  # a word of layout text
_BROKEN = re.compile(r"\w-$")  # a line-final word broken after its hyphen


def layout_lines(text: str) -> list[Line]:
    """The lines of column-keeping text (``pdftotext -layout``), as :func:`lines_of` groups the words
    of ``rendered_text.layout_words`` (a word's x its character column, its y its line number): every
    text line is one line, its words left to right, empty lines and the browser's header and footer
    left out. Made straight from the text lines, without sorting words by their middles."""
    lines: list[Line] = []
    # a form feed (pdftotext's page break) starts a line of the layout, not of the text: a line's number
    # counts the text's line breaks only, as an editor numbers them
    numbers = None
    if "\f" in text:
        numbers = [n for n, row in enumerate(text.split("\n"), 1) for _ in range(row.count("\f") + 1)]
    for y, row in enumerate(text.replace("\f", "\n").split("\n")):
        found = _RUN.findall(row)
        if not found:
            continue
        if _CHROME.search(" ".join(found)):
            continue
        top, bottom = float(y), float(y + 1)
        words: list[Word] = []
        at = 0
        for word in found:
            x0 = row.index(word, at)
            at = x0 + len(word)
            words.append(_word(float(x0), float(at), top, bottom, word))
        last = found[-1]
        if _BROKEN.search(last):  # broken after its hyphen
            words[-1] = _word(words[-1].x0, words[-1].x1, top, bottom, last[:-1] + SOFT_HYPHEN)
        lines.append(Line(words, None, numbers[y] if numbers else y + 1))
    return lines


def _word_maker() -> Callable[[float, float, float, float, str], Word]:
    """A maker of :class:`Word` that sets its five slots directly, as the frozen dataclass's own
    ``__init__`` does through ``object.__setattr__`` but without a call per field: layout text makes
    about a thousand words a document."""
    new = object.__new__
    set_x0, set_x1, set_top, set_bottom, set_text = (
        getattr(Word, name).__set__ for name in ("x0", "x1", "top", "bottom", "text")
    )

    def make(x0: float, x1: float, top: float, bottom: float, text: str) -> Word:
        word: Word = new(Word)
        set_x0(word, x0)
        set_x1(word, x1)
        set_top(word, top)
        set_bottom(word, bottom)
        set_text(word, text)
        return word

    return make


_word = _word_maker()


@dataclass(slots=True)
class Page:
    """The lines of the whole document, and the reader's scale: ``tol`` is the slack in x when matching
    a word to a column start (a PDF point or so; one character in layout text)."""

    lines: list[Line]
    tol: float
    height: float
    pdf: bool = True
    rules: Sequence[Rule] = ()
    lowered: list[str] = field(default_factory=list)  # each line's text in lower case, made once
    page_tops: Sequence[float] = ()  # PDF: where each page after the first begins (the words' y)
    _places: dict[int, str] = field(default_factory=dict)  # line index -> its place, made once
    _line_of: dict[int, int] = field(default_factory=dict)  # PDF: id of a word -> its line's index
    _tops: list[float] = field(default_factory=list)  # layout text: each line's top, made once
    _first_lines: list[int] = field(default_factory=list)  # PDF: index of each page's first line

    def where_line(self, i: int) -> str:
        """Where line ``i`` is in the copy: ``"page 2, line 7"`` (a PDF: the page, and the line's number
        on it as :func:`lines_of` groups its words, 1-based) or ``"line 40"`` (layout text: the line of
        the text, 1-based)."""
        place = self._places.get(i)
        if place is None:
            line = self.lines[i]
            if not self.pdf:
                place = f"line {line.number or i + 1}"
            else:
                if not self._first_lines:
                    self._first_lines = [0] + [
                        bisect_left(self.lines, top, key=lambda ln: ln.words[0].top) for top in self.page_tops
                    ]
                on = bisect_right(self._first_lines, i) - 1
                place = f"page {on + 1}, line {i - self._first_lines[on] + 1}"
            self._places[i] = place
        return place

    def where(self, word: Word) -> str:
        """Where ``word`` was read: its line's place (:meth:`where_line`); empty for a word of no line."""
        if not self.pdf:  # layout text: a line's words share its top, and the tops grow line by line
            if not self._tops:
                self._tops = [line.words[0].top for line in self.lines]
            i = bisect_left(self._tops, word.top)
            return self.where_line(i) if i < len(self._tops) and self._tops[i] == word.top else ""
        if not self._line_of:
            self._line_of = {id(w): i for i, line in enumerate(self.lines) for w in line.words}
        at = self._line_of.get(id(word))
        return "" if at is None else self.where_line(at)

    def find(self, phrase: str, start: int = 0, stop: int | None = None) -> tuple[int, int] | None:
        """(line, word) where ``phrase`` starts, case-insensitively, searching lines ``start`` to
        ``stop``."""
        low = phrase.lower()
        if not self.lowered:
            self.lowered = [line.text.lower() for line in self.lines]
        for i in range(start, len(self.lines) if stop is None else stop):
            text = self.lowered[i]
            at = text.find(low)
            if at < 0:
                continue
            offset = 0
            for j, word in enumerate(self.lines[i].words):
                if offset + len(word.text) > at:
                    return i, j
                offset += len(word.text) + 1
        return None


def reading_order(words: list[Word], height: float) -> list[Word]:
    """Words of one cell, line by line: baselines within 60% of a line height are one line (a raised
    footnote marker stays on its line)."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.bottom):
        if rows and abs(rows[-1][-1].bottom - word.bottom) <= 0.6 * height:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [w for row in rows for w in sorted(row, key=lambda w: w.x0)]
