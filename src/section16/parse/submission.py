"""Complete submissions and SEC headers: which format some bytes are, and the parts of a submission
(its SEC header, the documents list, the bytes of the ownership XML inside it).

The formats (EDGAR Public Dissemination Service Technical Specification; EDGAR Filer Manual vol. II,
"The complete submission text file"):

- complete submission text ``ACCESSION.txt``: ``<SEC-DOCUMENT>`` with ``<SEC-HEADER>`` ... ``</SEC-HEADER>``
  then one ``<DOCUMENT>`` per file, the ownership XML between ``<XML>`` and ``</XML>`` of its ``<TEXT>``;
  before 2001 EDGAR wrapped it in a ``-----BEGIN PRIVACY-ENHANCED MESSAGE-----`` envelope;
- dissemination feed ``.nc``/``.sgml``: a ``<SUBMISSION>`` root with a tagged header
  (``<ACCESSION-NUMBER>``, ``<REPORTING-OWNER>``...), then the same ``<DOCUMENT>`` blocks;
- a header alone: ``ACCESSION.hdr.sgml``, a header fragment, or the ``-index-headers.html`` page
  (the header shown, escaped, in a ``<pre>``).

The format is found from the content, never the file name. Finding things uses ``bytes.find`` so that
reading a submission costs little beyond locating its ``<XML>`` block; the header is read in one pass
over its lines (:mod:`section16.parse._header`).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from section16.errors import ParseError, UnsupportedFormat
from section16.model import SourceFormat, SubmissionDocument, SubmissionHeader
from section16.parse._header import decode_header, read_document_tags, read_header_lines

__all__ = ["SubmissionParts", "detect_format", "split_submission"]

_BOM = b"\xef\xbb\xbf"
_LEADING_SPACE = re.compile(rb"[ \t\r\n\x0b\x0c]*")
_PEM = b"-----BEGIN PRIVACY-ENHANCED MESSAGE-----"
_XML_STARTS = (b"<?xml", b"<ownershipDocument", b"<!--", b"<!DOCTYPE ownershipDocument")
_HEADER_STARTS = (b"<ACCEPTANCE-DATETIME>", b"ACCESSION NUMBER:", b"<ACCESSION-NUMBER>")
_HTML_STARTS = (b"<!doctype html", b"<html", b"<?xml")  # compared lower-cased
_PRE = re.compile(rb"<pre[^>]*>(.*?)(?:</pre>|\Z)", re.DOTALL | re.IGNORECASE)
_HTML_TAG = re.compile(rb"<[^>]*>")
_HEADER_MARKS = (b"<SEC-HEADER>", b"ACCESSION NUMBER:", b"<ACCESSION-NUMBER>")


@dataclass(frozen=True, slots=True, kw_only=True)
class SubmissionParts:
    """What :func:`split_submission` found.

    ``xml`` is exactly the bytes between ``<XML>`` and ``</XML>`` of the document holding an
    ``<ownershipDocument>`` (the one line end right after ``<XML>`` dropped), or None when the
    submission has none (a pre-2003 text filing, a header alone). ``notes`` says what was worked
    around."""

    format: SourceFormat
    header: SubmissionHeader | None
    xml: bytes | None
    document_filename: str | None
    notes: tuple[str, ...] = ()


def _content_start(data: bytes) -> int:
    """Offset of the first byte after a UTF-8 byte-order mark and white space."""
    if data[:1] == b"<":  # the usual start: neither a mark nor white space
        return 0
    start = 3 if data.startswith(_BOM) else 0
    match = _LEADING_SPACE.match(data, start)
    return match.end() if match else start


def detect_format(data: bytes) -> SourceFormat | None:
    """Which kind of file ``data`` is, from its content: a bare ownership XML document, a complete
    submission text, a dissemination SGML file, or a header alone; None for anything else (an HTML
    page, a PDF, an empty file). A leading byte-order mark and white space are allowed."""
    start = _content_start(data)
    head = data[start : start + 64]
    if head.startswith((b"<SEC-DOCUMENT>", b"<SEC-HEADER>", _PEM)):
        if head.startswith(_PEM) and data.find(b"<SEC-HEADER>", start) < 0:
            return None
        return SourceFormat.SUBMISSION_TEXT if data.find(b"<DOCUMENT>", start) >= 0 else SourceFormat.HEADER
    if head.startswith(b"<SUBMISSION>"):
        return SourceFormat.DISSEMINATION_SGML
    if head.startswith(_HEADER_STARTS):
        return SourceFormat.HEADER
    if head.startswith(_XML_STARTS) and data.find(b"<ownershipDocument", start) >= 0:
        return SourceFormat.OWNERSHIP_XML
    if head.lower().startswith(_HTML_STARTS) and _header_in_html(data) is not None:
        return SourceFormat.HEADER
    return None


def _header_in_html(data: bytes) -> tuple[bytes, int] | None:
    """The header text inside an ``-index-headers.html`` page's ``<pre>`` (tags such as links removed,
    entities undone) and the offset of that ``<pre>``; None when the page shows no header."""
    for match in _PRE.finditer(data):
        text = html.unescape(_HTML_TAG.sub(b"", match[1]).decode("utf-8", errors="replace")).encode()
        if any(mark in text for mark in _HEADER_MARKS):
            return text, match.start(1)
    return None


def _line_of(data: bytes, pos: int) -> int:
    """1-based line number of offset ``pos``, counting ``\\n``, ``\\r\\n`` and a bare ``\\r`` as line ends."""
    return data.count(b"\n", 0, pos) + data.count(b"\r", 0, pos) - data.count(b"\r\n", 0, pos) + 1


def _describe(data: bytes) -> str:
    head = data[_content_start(data) :][:40].decode("utf-8", errors="replace")
    head = head.replace("\r", " ").replace("\n", " ")
    return repr(head) if head else "nothing (empty or white space only)"


def split_submission(
    data: bytes, *, source: str | None = None, found: SourceFormat | None = None
) -> SubmissionParts:
    """Split a complete submission, dissemination file or header into its SEC header (typed), its
    documents list and the bytes of its ownership XML.

    Raises :class:`~section16.errors.UnsupportedFormat` (a :class:`ParseError`) for bytes that are none
    of the formats, and :class:`ParseError` naming ``source`` and the line for a truncated header or an
    ownership ``<XML>`` block that is never closed. A bare ownership XML document is returned whole as
    ``xml`` with no header. ``found`` is what :func:`detect_format` said of ``data``, when the caller has
    asked already."""
    if found is None:
        found = detect_format(data)
    if found is None:
        raise UnsupportedFormat(
            f"not an EDGAR submission, SEC header or ownership document (starts with {_describe(data)})",
            source=source,
            line=1,
        )
    notes: list[str] = []
    start = _content_start(data)
    if start:
        notes.append(f"skipped {start} leading byte(s) (byte-order mark or white space)")
    if found is SourceFormat.OWNERSHIP_XML:
        return SubmissionParts(
            format=found, header=None, xml=data, document_filename=None, notes=tuple(notes)
        )
    line_base = 0
    # (the second byte of each of _HTML_STARTS is one of "!?hH": a cheap look before lower-casing)
    if data[start + 1 : start + 2] in b"!?hH" and data[start : start + 64].lower().startswith(_HTML_STARTS):
        shown = _header_in_html(data)
        assert shown is not None  # detect_format found it
        line_base = _line_of(data, shown[1]) - 1
        notes.append("header taken from the <pre> of an HTML page")
        data, start = shown[0], _content_start(shown[0])
    elif data.startswith(_PEM, start):
        notes.append("privacy-enhanced message (PEM) envelope around the submission; read inside it")
    place = source or "<input>"
    first_document = data.find(b"<DOCUMENT>", start)
    header_start, header_end, body = _header_region(
        data, start, first_document, found, source=source, notes=notes
    )
    raw = data[header_start:header_end]
    if b"\r" in raw and raw.count(b"\r") != raw.count(b"\r\n"):
        notes.append("bare CR (\\r) line ends")
    text, decode_notes = decode_header(raw)
    notes.extend(decode_notes)
    documents: list[SubmissionDocument] = []
    xml: bytes | None = None
    document_filename: str | None = None
    document_notes: list[str] = []
    if first_document >= 0 and found is not SourceFormat.HEADER:
        documents, xml, document_filename = _read_documents(
            data, max(first_document, body), source, document_notes
        )
    header, header_notes = read_header_lines(
        text, first_line=line_base + _line_of(data, header_start), place=place, documents=tuple(documents)
    )
    notes += header_notes
    notes += document_notes
    count = header.public_document_count
    if documents and count is not None and count != len(documents):
        notes.append(f"header says {count} document(s), the submission holds {len(documents)}")
    return SubmissionParts(
        format=found, header=header, xml=xml, document_filename=document_filename, notes=tuple(notes)
    )


def _header_region(
    data: bytes,
    start: int,
    first_document: int,
    found: SourceFormat,
    *,
    source: str | None,
    notes: list[str],
) -> tuple[int, int, int]:
    """Where the header's lines are (``start``, ``end``) and where the documents may begin."""
    limit = first_document if first_document >= 0 else len(data)
    if found is SourceFormat.DISSEMINATION_SGML:
        header_start = start + len(b"<SUBMISSION>")
        if first_document >= 0:
            return header_start, first_document, first_document
        close = data.find(b"</SUBMISSION>", header_start)
        if close < 0:
            raise ParseError(
                "input ends inside the <SUBMISSION> header: no <DOCUMENT> and no </SUBMISSION> "
                "(truncated file?)",
                source=source,
                line=_line_of(data, len(data)),
            )
        return header_start, close, close
    opener = data.find(b"<SEC-HEADER>", start, limit)
    if opener < 0:
        if data.startswith(b"<SEC-DOCUMENT>", start) or data.startswith(_PEM, start):
            # No <SEC-HEADER> line: the header is whatever precedes the first document.
            line_end = data.find(b"\n", data.find(b"<SEC-DOCUMENT>", start))
            header_start = line_end + 1 if line_end >= 0 else limit
            notes.append("no <SEC-HEADER> tag; header read from the lines before the first <DOCUMENT>")
            return min(header_start, limit), limit, limit
        close = data.find(b"</SEC-HEADER>", start, limit)  # a fragment that starts inside the header
        return start, close if close >= 0 else limit, close if close >= 0 else limit
    close = data.find(b"</SEC-HEADER>", opener, limit)
    if close >= 0:
        return opener, close, close
    if first_document >= 0:
        notes.append("no </SEC-HEADER>; header read up to the first <DOCUMENT>")
        return opener, first_document, first_document
    raise ParseError(
        f"input ends inside the SEC header opened at line {_line_of(data, opener)}: no </SEC-HEADER> "
        "(truncated file?)",
        source=source,
        line=_line_of(data, len(data)),
    )


def _read_documents(
    data: bytes, pos: int, source: str | None, notes: list[str]
) -> tuple[list[SubmissionDocument], bytes | None, str | None]:
    """Every ``<DOCUMENT>`` from ``pos`` on, and the ownership XML (bytes, file name) of the first one
    whose ``<XML>`` block holds an ``<ownershipDocument>``. Only a document's few tag lines (between
    ``<DOCUMENT>`` and ``<TEXT>``) are decoded; line numbers are counted only for a note or an error."""
    documents: list[SubmissionDocument] = []
    xml: bytes | None = None
    filename: str | None = None
    find = data.find
    while True:
        doc_start = find(b"<DOCUMENT>", pos)
        if doc_start < 0:
            break
        doc_close = find(b"</DOCUMENT>", doc_start)
        doc_end = doc_close if doc_close >= 0 else len(data)
        if doc_close < 0:
            notes.append(f"<DOCUMENT> at line {_line_of(data, doc_start)} is never closed; read to the end")
        text_start = find(b"<TEXT>", doc_start, doc_end)
        tags = data[doc_start + len(b"<DOCUMENT>") : text_start if text_start >= 0 else doc_end]
        document = read_document_tags(decode_header(tags)[0])
        documents.append(document)
        xml_start = find(b"<XML>", text_start, doc_end) if text_start >= 0 else -1
        if xml_start >= 0:
            # The root element comes first in the block, so its name is looked for before the block's
            # end: one pass over the XML instead of two.
            root = find(b"<ownershipDocument", xml_start, doc_end)
            closed_before = find(b"</XML>", xml_start, root) if root >= 0 else -1
            is_ownership = root >= 0 and closed_before < 0
            if is_ownership:
                xml_end = find(b"</XML>", root, doc_end)
            elif root >= 0:
                xml_end = closed_before
            else:
                xml_end = find(b"</XML>", xml_start, doc_end)
            if xml_end < 0:
                name = document.filename or f"document {len(documents)}"
                if is_ownership:
                    raise ParseError(
                        f"the <XML> block of {name} is never closed: no </XML> (truncated file?)",
                        source=source,
                        line=_line_of(data, xml_start),
                    )
                notes.append(f"<XML> of {name} at line {_line_of(data, xml_start)} is never closed; skipped")
            elif is_ownership and xml is None:
                body = xml_start + len(b"<XML>")
                if data.startswith(b"\r\n", body):
                    body += 2
                elif data[body : body + 1] in {b"\n", b"\r"}:
                    body += 1
                xml, filename = data[body:xml_end], document.filename
            elif is_ownership:
                name = document.filename or f"document {len(documents)}"
                notes.append(f"a second ownership document ({name}) ignored; the first one is read")
        if doc_close < 0:
            break
        pos = doc_close + len(b"</DOCUMENT>")
    return documents, xml, filename
