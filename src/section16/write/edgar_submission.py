"""Writing an EDGAR ownership submission file: the ``<edgarSubmission>`` that carries a Form 3, 4 or 5 to
EDGAR (``edgarSubmission.xsd.xml``; EDGAR Ownership XML Technical Specification v5.5, sections 4.1 and
4.2). It names the submission type and whether it is a test or live filing, optionally a point of contact
and addresses to notify, and encloses each document base64-encoded: the primary document (the ownership
XML, its document type the submission type) and supporting documents (a power of attorney as ``EX-24``,
a cover letter as ``COVER``...).

The checks EDGAR applies to the enclosures (file names, document types, counts) are
:func:`section16.validate.submission.enclosure_findings`. Pure: bytes in, bytes out.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

__all__ = ["Enclosure", "write_edgar_submission"]


@dataclass(frozen=True, slots=True)
class Enclosure:
    """A document enclosed in a submission: its file name, EDGAR document type (``"4"`` for the primary
    document of a Form 4, ``"EX-24"``, ``"COVER"``...), content and optional description."""

    name: str
    document_type: str
    data: bytes
    description: str | None = None


def _element(indent: int, tag: str, value: str | None) -> list[str]:
    """``<tag>value</tag>`` on one line (section 4.1: a data value stays on the line of its tags)."""
    return [] if value is None else [f"{'  ' * indent}<{tag}>{escape(value)}</{tag}>"]


def write_edgar_submission(
    *,
    submission_type: str,
    live: bool,
    documents: Sequence[Enclosure],
    contact_name: str | None = None,
    contact_phone: str | None = None,
    contact_email: str | None = None,
    notify: Sequence[str] = (),
) -> bytes:
    """The submission file: UTF-8 XML, indented by two spaces, each document's bytes in base64 lines of
    76 characters (MIME)."""
    lines = ['<?xml version="1.0"?>', "<edgarSubmission>"]
    lines += _element(1, "submissionType", submission_type)
    lines += _element(1, "testOrLive", "LIVE" if live else "TEST")
    if contact_name or contact_phone or contact_email:
        lines.append("  <pointOfContact>")
        lines += _element(2, "contactName", contact_name)
        lines += _element(2, "contactPhoneNumber", contact_phone)
        lines += _element(2, "contactEmailAddress", contact_email)
        lines.append("  </pointOfContact>")
    if notify:
        lines.append("  <notificationAddresses>")
        for address in notify:
            lines += _element(2, "notificationEmailAddress", address)
        lines.append("  </notificationAddresses>")
    for document in documents:
        lines.append("  <edgarDocument>")
        lines += _element(2, "documentName", document.name)
        lines += _element(2, "documentType", document.document_type)
        lines += _element(2, "documentDescription", document.description)
        lines.append("    <documentMimeBlock>")
        lines += base64.encodebytes(document.data).decode("ascii").splitlines()
        lines.append("    </documentMimeBlock>")
        lines.append("  </edgarDocument>")
    lines.append("</edgarSubmission>")
    return ("\n".join(lines) + "\n").encode("utf-8")
