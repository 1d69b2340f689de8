"""Reading any supported file into a :class:`~section16.model.Filing`: detect the format by content,
read the submission header when there is one, read the ownership document, and record where the bytes
came from (their SHA-256 identifies the source)."""

from __future__ import annotations

import hashlib
import re

from section16.errors import ParseError, SizeLimitError, UnsupportedFormat
from section16.model import Filing, OwnershipDocument, Source, SourceFormat, SubmissionHeader
from section16.parse.rendered_html import detect_rendered, read_rendered_html
from section16.parse.rendered_pdf import read_rendered_pdf
from section16.parse.rendered_text import read_rendered_text
from section16.parse.submission import detect_format, split_submission
from section16.parse.xml import read_ownership_document

__all__ = ["DEFAULT_MAX_BYTES", "accession_from_name", "read_filing"]

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
"""Largest input accepted by :func:`read_filing` (a complete submission with exhibits; real ownership
submissions are far smaller)."""

_ACCESSION = re.compile(r"(?<!\d)(\d{10})-?(\d{2})-?(\d{6})(?!\d)")


def accession_from_name(name: str | None) -> str | None:
    """The accession number a file name spells (``0000002488-23-000088.xml`` or the 18 digits of an
    EDGAR folder), dashed; None when the name holds none."""
    if not name:
        return None
    parts = name.replace("\\", "/").split("/")
    match = _ACCESSION.search(parts[-1])
    if match is None and len(parts) > 1 and len(parts[-2]) == 18 and parts[-2].isdigit():
        match = _ACCESSION.fullmatch(parts[-2])  # an EDGAR folder: .../{CIK}/{18 digits}/file.xml
    if match is None:
        return None
    return f"{match[1]}-{match[2]}-{match[3]}"


def _describe(data: bytes) -> str:
    head = data[:60].strip()
    text = head.decode("utf-8", errors="replace").replace("\n", " ").replace("\r", " ")
    return repr(text) if text else "nothing but white space"


def read_filing(
    data: bytes, *, name: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES, sha256: str | None = None
) -> Filing:
    """Read a bare ownership XML document, a complete submission (``.txt``) or a dissemination file
    (``.nc``/``.sgml``) into a :class:`Filing`. The format is found from the content, never the name.

    A submission with no ownership XML (a pre-2003 text filing, a header alone) gives a filing whose
    ``document`` is None and whose ``source.notes`` say so. Raises :class:`ParseError` (with the file
    and place) when the bytes cannot be read, :class:`UnsupportedFormat` when they are none of these
    formats.

    ``sha256`` is the hex digest of ``data`` when the caller has it already (ingest and sync hash every
    document to skip those already stored), so that it is not computed twice."""
    if len(data) > max_bytes:
        raise SizeLimitError(f"{len(data):,} bytes is over the limit of {max_bytes:,}", source=name)
    found = detect_format(data)
    if found is None:
        # Rendered copies (engineer I): the SEC HTML view, or text a PDF converter made of the print.
        rendered = _read_rendered(data, name, sha256)
        if rendered is not None:
            return rendered
        raise UnsupportedFormat(
            f"not an ownership document or EDGAR submission (starts with {_describe(data)})",
            source=name,
            line=1,
        )
    header: SubmissionHeader | None = None
    document: OwnershipDocument | None = None
    document_filename: str | None = None
    notes: tuple[str, ...] = ()
    if found is SourceFormat.OWNERSHIP_XML:
        document, notes = read_ownership_document(data, source=name)
    else:
        parts = split_submission(data, source=name, found=found)
        header, document_filename, notes = parts.header, parts.document_filename, parts.notes
        if parts.xml is not None:
            inner = f"{name or '<input>'} <XML> of {document_filename or 'the ownership document'}"
            try:
                document, more = read_ownership_document(parts.xml, source=inner)
            except ParseError as exc:
                raise _in_submission(exc, data, parts.xml, name) from None
            notes += more
        else:
            notes += ("no structured document: the submission holds no ownership XML",)
    accession = header.accession_number if header and header.accession_number else None
    return Filing(
        source=Source(
            sha256=sha256 or hashlib.sha256(data).hexdigest(),
            size=len(data),
            format=found,
            name=name,
            document_filename=document_filename,
            notes=notes,
        ),
        document=document,
        header=header,
        accession_number=accession or accession_from_name(name),
    )


def _in_submission(exc: ParseError, data: bytes, xml: bytes, name: str | None) -> ParseError:
    """The same error with its line counted from the start of the whole submission file."""
    start = data.find(xml[:200])
    line = exc.line
    if start >= 0 and line is not None:
        line += data.count(b"\n", 0, start) if b"\n" in data[:start] else data.count(b"\r", 0, start)
    err = type(exc)(exc.message, source=name, line=line, column=exc.column, path=exc.path)
    err.__cause__ = exc.__cause__
    return err


def _read_rendered(data: bytes, name: str | None, sha256: str | None) -> Filing | None:
    """A rendered copy of a form read into a filing marked ``RENDERED_HTML``/``RENDERED_PDF``/
    ``RENDERED_TEXT`` (fields the print does not show stay None); None when the bytes are not one."""
    kind = detect_rendered(data)
    if kind is None:
        return None
    readers = {SourceFormat.RENDERED_HTML: read_rendered_html, SourceFormat.RENDERED_PDF: read_rendered_pdf}
    reader = readers.get(kind, read_rendered_text)
    document, notes = reader(data, source=name)
    return Filing(
        source=Source(
            sha256=sha256 or hashlib.sha256(data).hexdigest(),
            size=len(data),
            format=kind,
            name=name,
            notes=notes,
        ),
        document=document,
        accession_number=accession_from_name(name),
    )
