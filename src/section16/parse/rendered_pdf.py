"""Reading a PDF of a printed Form 3, 4 or 5 (the SEC view printed from a browser, spec.md section 5)
back into an :class:`~section16.model.OwnershipDocument`, from the PDF's text layer.

The words and their boxes come from PDFium (``pypdfium2``, Apache-2.0/BSD-3); the form is read from
where the words sit on the page (``_positioned``): a value is the text below its box's label, a table
cell is the words under its column's heading, a table row gathers the words nearest its anchor line.
A scanned PDF (no text layer) has nothing to read and raises :class:`UnsupportedFormat`.

The view's checkboxes ("no longer subject to Section 16", "10b5-1(c)", Form 5's "Form 3 Holdings
Reported") are ``<input type="checkbox" disabled>`` in the stylesheets, which a browser prints as
drawings, not text: a rounded square of curves, and for a ticked box a tick, a stroked line of three
points inside the square. :func:`checkbox_words` finds them among the page's path objects and puts a
word ``[X]`` (ticked) or ``[ ]`` before the label on their right, as converters print a box in text.

Pure: bytes in, model out (PDFium reads the bytes in memory; no file or network access).
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass, replace

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from section16.errors import ParseError, UnsupportedFormat
from section16.model import OwnershipDocument, ValuePlace
from section16.parse._page import Page
from section16.parse._positioned import (
    READ_CONFIDENCE,
    SOFT_HYPHEN,
    Line,
    Rule,
    Word,
    join_words,
    lines_of,
    read_positioned,
)

__all__ = ["PDF_MAGIC", "checkbox_labels", "checkbox_words", "pdf_words", "read_rendered_pdf"]

PDF_MAGIC = b"%PDF-"
"""How every PDF starts (ISO 32000-1, 7.5.2: the header line ``%PDF-1.n``)."""

_PAGE_GAP = 10.0  # points between pages when their words are laid one under the other
# The reader's slack in x, in word heights: 1.5 points at a print's usual 9-point word boxes, and as much
# smaller as a page fitted to the paper's width is printed smaller.
_TOL_PER_HEIGHT = 0.17
_MAX_PAGES = 50


def pdf_words(data: bytes, *, source: str | None = None) -> tuple[list[Word], float]:
    """The words of all pages, one page under the other (y grows down), and the median word height.
    Characters are joined into a word until a space or a gap wider than a third of their height."""
    words, _, height, _ = _read_pdf(data, source=source)
    return words, height


def _read_pdf(data: bytes, *, source: str | None) -> tuple[list[Word], list[Rule], float, list[float]]:
    """:func:`pdf_words`, the horizontal lines drawn on the pages (cell borders) in the same
    coordinates: flat paths at least one and a half word heights wide, and where each page after the
    first begins in those coordinates (to tell a value's page)."""
    flat: list[PathBox] = []
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ParseError(f"not a readable PDF: {exc}", source=source, line=1) from None
    words: list[Word] = []
    heights: list[float] = []
    offset = 0.0
    tops: list[float] = []
    first = 0  # the first word of the current page
    try:
        for index in range(min(len(pdf), _MAX_PAGES)):
            page = pdf[index]
            _, height = page.get_size()
            textpage = page.get_textpage()
            count = textpage.count_chars()
            text = textpage.get_text_range(0, count) if count > 0 else ""
            current: list[float] | None = None  # x0, x1, top, bottom
            broke = False  # a line break came after the current word
            chars: list[str] = []
            for i in range(min(count, len(text))):
                ch = text[i]
                if ch in "\r\n" and current is not None:
                    # PDFium puts a line break between the glyphs of a raised marker "(1)" too: the
                    # next glyph decides (it joins the word when it follows on the same baseline)
                    broke = True
                    continue
                if ch.isspace() or ch == "\x00":
                    if current is not None:
                        words.append(Word(current[0], current[1], current[2], current[3], "".join(chars)))
                    current, chars = None, []
                    continue
                left, bottom, right, top = textpage.get_charbox(i, loose=True)
                y0, y1 = offset + height - top, offset + height - bottom
                # Chromium's print header and footer on the second and later pages come out of PDFium
                # as glyphs with line breaks and no spaces between them ("1\r\n1\r\n/..."): after a
                # break, a gap of a space's width (about a quarter of the glyph box) parts two words.
                if current is not None and (
                    abs(current[3] - y1) > 0.3 * (y1 - y0)
                    or left - current[1] > (0.15 if broke else 0.3) * (y1 - y0)
                    or left < current[1] - 0.3 * (y1 - y0)
                ):
                    if broke and _LINE_END_HYPHEN.search("".join(chars)):
                        chars[-1] = SOFT_HYPHEN  # "2010-" at a line's end, "Seed" on the next
                    words.append(Word(current[0], current[1], current[2], current[3], "".join(chars)))
                    current, chars = None, []
                broke = False
                if current is None:
                    current = [left, right, y0, y1]
                else:
                    current[1] = max(current[1], right)
                    current[2], current[3] = min(current[2], y0), max(current[3], y1)
                chars.append(ch)
            if current is not None:
                words.append(Word(current[0], current[1], current[2], current[3], "".join(chars)))
            _mark_broken_hyphens(words, first)
            paths = _paths(page, offset + height)
            words.extend(checkbox_words(paths, words[first:]))
            flat.extend(p for p in paths if p.bottom - p.top < 2.0 and p.x1 - p.x0 > 4 * (p.bottom - p.top))
            first = len(words)
            offset += height + _PAGE_GAP
            tops.append(offset - _PAGE_GAP / 2)  # the next page's words lie below the gap's middle
            textpage.close()
            page.close()
    except pdfium.PdfiumError as exc:
        raise ParseError(f"PDF page could not be read: {exc}", source=source, line=1) from None
    finally:
        pdf.close()
    heights = sorted(w.bottom - w.top for w in words)
    median = heights[len(heights) // 2] if heights else 0.0
    rules = [(p.x0, p.x1, (p.top + p.bottom) / 2) for p in flat if p.x1 - p.x0 >= 1.5 * median]
    return words, rules, median, tops[:-1]


_LINE_END_HYPHEN = re.compile(r"\w-+$")


def _mark_broken_hyphens(words: list[Word], first: int) -> None:
    """A word that ends in a hyphen and is followed by a word starting further left on a lower line was
    broken after its hyphen (browsers break lines after a hyphen, and never add one): its last hyphen
    becomes :data:`SOFT_HYPHEN` so that the two are joined again. PDFium flags most such breaks with a
    line break (handled while reading), but with small print it gives a plain space instead."""
    for i in range(first, len(words) - 1):
        word, after = words[i], words[i + 1]
        if (
            _LINE_END_HYPHEN.search(word.text)
            and after.x0 < word.x0
            and after.top >= word.top + 0.5 * (word.bottom - word.top)
        ):
            words[i] = Word(word.x0, word.x1, word.top, word.bottom, word.text[:-1] + SOFT_HYPHEN)


@dataclass(frozen=True, slots=True)
class PathBox:
    """A path object's bounds on the page (y grows down) and its number of segments, and whether it is
    stroked only (an outline or a line, not a filled shape)."""

    x0: float
    x1: float
    top: float
    bottom: float
    segments: int
    stroked_only: bool


def _paths(page: pdfium.PdfPage, page_bottom: float) -> list[PathBox]:
    """The path objects of a page that are small (up to 30 points wide and high: checkboxes and ticks)
    or flat (up to 2 points high: borders). ``page_bottom`` is where the page's bottom edge lies in the
    words' coordinates."""
    out: list[PathBox] = []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=4):
        left, bottom, right, top = obj.get_bounds()
        if (right - left > 30 or top - bottom > 30) and top - bottom > 2.0:
            continue
        segments = pdfium_c.FPDFPath_CountSegments(obj)
        drawn = pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke)
        out.append(
            PathBox(
                left,
                right,
                page_bottom - top,
                page_bottom - bottom,
                segments,
                bool(drawn) and fill.value == 0 and bool(stroke.value),
            )
        )
    return out


def _same_place(a: PathBox, b: PathBox, slack: float) -> bool:
    return abs(a.x0 - b.x0) < slack and abs(a.top - b.top) < slack


def checkbox_words(paths: list[PathBox], words: list[Word]) -> list[Word]:
    """A word ``[X]`` or ``[ ]`` for each drawn checkbox whose label starts on its right, at the height
    of the label's first line so that it joins that line.

    A box is a square path of curves (Chromium draws a checkbox as a rounded rectangle, several layers
    of one size); it is ticked when a stroked path of at most four segments lies inside it. A square
    without a word on its right (or with one farther than two box widths) is not a labelled checkbox."""
    boxes: list[PathBox] = []
    for path in paths:
        side = max(path.x1 - path.x0, path.bottom - path.top)
        if (
            path.segments >= 8
            and side <= 30
            and side >= 0.5  # a page fitted to the paper at a tenth of its size: 1.5 points
            and abs((path.x1 - path.x0) - (path.bottom - path.top)) <= 0.15 * side
            and not any(
                abs(b.x0 - path.x0) < 0.3 * side and abs(b.top - path.top) < 0.3 * side for b in boxes
            )
        ):
            boxes.append(path)
    out: list[Word] = []
    for box in boxes:
        side = box.x1 - box.x0
        cx, cy = (box.x0 + box.x1) / 2, (box.top + box.bottom) / 2
        ticked = any(
            p.stroked_only
            and 2 <= p.segments <= 4
            and box.x0 - 0.25 * side <= (p.x0 + p.x1) / 2 <= box.x1 + 0.25 * side
            and box.top - 0.25 * side <= (p.top + p.bottom) / 2 <= box.bottom + 0.25 * side
            and abs((p.x0 + p.x1) / 2 - cx) < 0.4 * side
            and abs((p.top + p.bottom) / 2 - cy) < 0.4 * side
            for p in paths
        )
        right = [
            w
            for w in words
            if box.x1 <= w.x0 <= box.x1 + 2 * side and w.top < box.bottom and w.bottom > box.top
        ]
        if not right:
            continue
        label = min(right, key=lambda w: w.x0)
        out.append(Word(box.x0, box.x1, label.top, label.bottom, "[X]" if ticked else "[ ]"))
    return out


def read_rendered_pdf(data: bytes, *, source: str | None = None) -> tuple[OwnershipDocument, tuple[str, ...]]:
    """A PDF of the printed form -> the document and reader notes. Raises :class:`ParseError` for bytes
    that are not a readable PDF and :class:`UnsupportedFormat` for a PDF that is not such a form (or has
    no text layer)."""
    start = data.find(PDF_MAGIC, 0, 1024)
    if start < 0:
        raise ParseError("not a PDF (no %PDF- header in its first 1024 bytes)", source=source, line=1)
    data = data[start:]
    words, rules, height, tops = _read_pdf(data, source=source)
    if not words:
        raise UnsupportedFormat(
            "PDF without a text layer (a scan?): no words to read; run OCR first", source=source, line=1
        )
    lines = lines_of(words, tolerance=0.35 * height)
    doc, notes = read_positioned(
        lines,
        tol=_TOL_PER_HEIGHT * height,
        height=height,
        kind="PDF",
        source=source,
        rules=rules,
        page_tops=tops,
    )
    ticks: dict[str, bool] = {}
    at: dict[str, int] = {}  # the line of each box read
    for label, ticked, row in _checkboxes(lines, height):
        for prefix, name in _CHECKBOX_FIELDS:
            if label.lower().startswith(prefix):
                ticks[name], at[name] = ticked, row
    if ticks:
        get = ticks.get
        page = Page(lines, 0.0, height, page_tops=tops)
        places = [p for p in doc.places if p.path not in ticks]
        places += [
            ValuePlace(path=n, place=page.where_line(at[n]), confidence=READ_CONFIDENCE["PDF"]) for n in ticks
        ]
        doc = replace(
            doc,
            not_subject_to_section16=get("not_subject_to_section16", doc.not_subject_to_section16),
            aff10b5_one=get("aff10b5_one", doc.aff10b5_one),
            form3_holdings_reported=get("form3_holdings_reported", doc.form3_holdings_reported),
            form4_transactions_reported=get("form4_transactions_reported", doc.form4_transactions_reported),
            places=tuple(places),
        )
        notes = tuple(n.replace("; checkboxes drawn as graphics are not read", "") for n in notes)
    return doc, notes


# The labels of the view's checkboxes (Form 4 and 5 stylesheets, box at the top left; Form 5's boxes of
# General Instruction 4(b)(2) below its title) and the field each box shows.
_CHECKBOX_FIELDS = (
    ("check this box if no longer subject", "not_subject_to_section16"),
    ("check this box to indicate that a transaction", "aff10b5_one"),
    ("form 3 holdings reported", "form3_holdings_reported"),
    ("form 4 transactions reported", "form4_transactions_reported"),
)


def checkbox_labels(lines: list[Line], height: float) -> list[tuple[str, bool]]:
    """(label, ticked) of each checkbox word (:func:`checkbox_words`) on ``lines``: the label is the run
    of words right of the box on its line (up to a gap of three word heights), followed by the lines
    below that start where the label starts (the label wraps in its own table cell)."""
    return [(label, ticked) for label, ticked, _ in _checkboxes(lines, height)]


def _checkboxes(lines: list[Line], height: float) -> list[tuple[str, bool, int]]:
    """:func:`checkbox_labels`, each with the index of the line its box is on."""
    out: list[tuple[str, bool, int]] = []
    for i, line in enumerate(lines):
        for j, box in enumerate(line.words):
            if box.text not in {"[X]", "[ ]"} or j + 1 >= len(line.words):
                continue
            left = line.words[j + 1].x0
            parts: list[str] = []
            row, last = line.words[j + 1 :], line.middle
            for below in lines[i : i + 8]:
                if below is not line:
                    row = [w for w in below.words if abs(w.x0 - left) <= 0.5 * height or w.x0 > left]
                    if below.middle - last > 2 * height:
                        break
                    if not row or abs(row[0].x0 - left) > 0.5 * height:
                        continue  # a line of the next cell, between two lines of the label
                    last = below.middle
                run = [row[0]]
                for word in row[1:]:
                    if word.x0 - run[-1].x1 > 3 * height or word.text in {"[X]", "[ ]"}:
                        break
                    run.append(word)
                parts.extend(w.text for w in run)
            out.append((join_words(parts), box.text == "[X]", i))
    return out
