"""What surrounds an ownership document: the SEC header of a complete submission (``<SEC-HEADER>`` of a
``.txt``, or the tagged header of a dissemination ``.nc``/``.sgml``), and where the bytes came from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

__all__ = [
    "FormerName",
    "HeaderAddress",
    "HeaderEntity",
    "SourceFormat",
    "SubmissionDocument",
    "SubmissionHeader",
]


class SourceFormat(StrEnum):
    """The kind of file a filing was read from."""

    OWNERSHIP_XML = "ownership-xml"  # a bare <ownershipDocument>
    SUBMISSION_TEXT = "submission-text"  # complete submission .txt (<SEC-DOCUMENT>/<SEC-HEADER>)
    DISSEMINATION_SGML = "dissemination-sgml"  # Feed .nc / .sgml (<SUBMISSION> root, tagged header)
    HEADER = "header"  # a header alone (.hdr.sgml, -index-headers.html)
    RENDERED_HTML = "rendered-html"  # the SEC HTML view of a form (recovered: CIKs, schema, /A not shown)
    RENDERED_TEXT = "rendered-text"  # text/markdown a PDF converter made of the printed form (recovered)
    RENDERED_PDF = "rendered-pdf"  # a PDF of the printed form, read from its text layer (recovered)


@dataclass(frozen=True, slots=True, kw_only=True)
class HeaderAddress:
    """``BUSINESS ADDRESS:`` or ``MAIL ADDRESS:`` of a header block."""

    street1: str | None = None
    street2: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    phone: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FormerName:
    """``FORMER COMPANY:`` / ``FORMER NAME:`` of a header block."""

    former_conformed_name: str | None = None
    date_changed: date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class HeaderEntity:
    """One ``REPORTING-OWNER:``, ``ISSUER:``, ``FILER:`` (or other) block of the SEC header."""

    role: str  # as in the header: "REPORTING-OWNER", "ISSUER", "FILER", "SUBJECT-COMPANY", ...
    conformed_name: str | None = None
    cik: str | None = None
    standard_industrial_classification: str | None = None
    organization_name: str | None = None
    irs_number: str | None = None
    state_of_incorporation: str | None = None
    fiscal_year_end: str | None = None  # MMDD
    form_type: str | None = None
    sec_act: str | None = None
    sec_file_number: str | None = None
    film_number: str | None = None
    business_address: HeaderAddress | None = None
    mail_address: HeaderAddress | None = None
    former_names: tuple[FormerName, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SubmissionDocument:
    """One ``<DOCUMENT>`` of a submission: its type, sequence, file name and description."""

    type: str | None = None
    sequence: int | None = None
    filename: str | None = None
    description: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SubmissionHeader:
    """The SEC header of a submission. ``acceptance_datetime`` is EDGAR's, in US Eastern time (naive).

    ``fields`` keeps every ``label: value`` (or ``<TAG>value``) line of the header as read, in order,
    labels prefixed by their block (``"ISSUER/COMPANY DATA/FISCAL YEAR END"``), so that nothing the
    header says is lost even where no typed field above holds it.
    """

    accession_number: str | None = None
    submission_type: str | None = None
    public_document_count: int | None = None
    period_of_report: date | None = None
    filed_as_of_date: date | None = None
    date_as_of_change: date | None = None
    acceptance_datetime: datetime | None = None
    entities: tuple[HeaderEntity, ...] = ()
    documents: tuple[SubmissionDocument, ...] = ()
    fields: tuple[tuple[str, str], ...] = ()

    @property
    def issuer(self) -> HeaderEntity | None:
        """The ``ISSUER:`` block (``SUBJECT-COMPANY:`` in headers before 2001), if any."""
        for role in ("ISSUER", "SUBJECT-COMPANY"):
            for entity in self.entities:
                if entity.role == role:
                    return entity
        return None

    @property
    def reporting_owners(self) -> tuple[HeaderEntity, ...]:
        """The ``REPORTING-OWNER:`` blocks."""
        return tuple(e for e in self.entities if e.role == "REPORTING-OWNER")
