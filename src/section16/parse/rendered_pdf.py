"""Reading a PDF of a printed Form 3, 4 or 5 (the SEC view printed from a browser, spec.md section 5)
back into an :class:`~section16.model.OwnershipDocument`, from the PDF's text layer.

The words and their boxes come from PDFium (``pypdfium2``, Apache-2.0/BSD-3); the form is read from
where the words sit on the page (``_positioned``): a value is the text below its box's label, a table
cell is the words under its column's heading, a table row gathers the words nearest its anchor line.
A scanned PDF (no text layer) has nothing to read and raises :class:`UnsupportedFormat`. Checkboxes
drawn as graphics ("no longer subject to Section 16", "10b5-1(c)") are not in the text and stay None.

Pure: bytes in, model out (PDFium reads the bytes in memory; no file or network access).
"""

from __future__ import annotations

import pypdfium2 as pdfium  # type: ignore[import-untyped]

from section16.errors import ParseError, UnsupportedFormat
from section16.model import OwnershipDocument
from section16.parse._positioned import SOFT_HYPHEN, Word, lines_of, read_positioned

__all__ = ["PDF_MAGIC", "pdf_words", "read_rendered_pdf"]

PDF_MAGIC = b"%PDF-"
"""How every PDF starts (ISO 32000-1, 7.5.2: the header line ``%PDF-1.n``)."""

_PAGE_GAP = 10.0  # points between pages when their words are laid one under the other
_MAX_PAGES = 50


def pdf_words(data: bytes, *, source: str | None = None) -> tuple[list[Word], float]:
    """The words of all pages, one page under the other (y grows down), and the median word height.
    Characters are joined into a word until a space or a gap wider than a third of their height."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ParseError(f"not a readable PDF: {exc}", source=source, line=1) from None
    words: list[Word] = []
    heights: list[float] = []
    offset = 0.0
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
                if current is not None and (
                    abs(current[3] - y1) > 0.3 * (y1 - y0)
                    or left - current[1] > 0.3 * (y1 - y0)
                    or left < current[1] - 0.3 * (y1 - y0)
                ):
                    if broke and len(chars) > 1 and chars[-1] == "-" and chars[-2].isalnum():
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
            offset += height + _PAGE_GAP
            textpage.close()
            page.close()
    except pdfium.PdfiumError as exc:
        raise ParseError(f"PDF page could not be read: {exc}", source=source, line=1) from None
    finally:
        pdf.close()
    heights = sorted(w.bottom - w.top for w in words)
    return words, (heights[len(heights) // 2] if heights else 0.0)


def read_rendered_pdf(data: bytes, *, source: str | None = None) -> tuple[OwnershipDocument, tuple[str, ...]]:
    """A PDF of the printed form -> the document and reader notes. Raises :class:`ParseError` for bytes
    that are not a readable PDF and :class:`UnsupportedFormat` for a PDF that is not such a form (or has
    no text layer)."""
    start = data.find(PDF_MAGIC, 0, 1024)
    if start < 0:
        raise ParseError("not a PDF (no %PDF- header in its first 1024 bytes)", source=source, line=1)
    data = data[start:]
    words, height = pdf_words(data, source=source)
    if not words:
        raise UnsupportedFormat(
            "PDF without a text layer (a scan?): no words to read; run OCR first", source=source, line=1
        )
    lines = lines_of(words, tolerance=0.35 * height)
    return read_positioned(lines, tol=1.5, height=height, kind="PDF", source=source)
