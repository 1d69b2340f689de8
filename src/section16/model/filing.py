"""A filing as section16 read it: the ownership document, the submission header beside it, and where the
bytes came from (their SHA-256 identifies the source)."""

from __future__ import annotations

from dataclasses import dataclass

from section16.model.document import OwnershipDocument
from section16.model.submission import SourceFormat, SubmissionHeader

__all__ = ["Filing", "Source"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """Where a filing was read from. ``notes`` says what the reader had to work around (a leading
    white space, an injected ``<script>``...)."""

    sha256: str
    size: int
    format: SourceFormat
    name: str | None = None  # file name (or URL) when the input had one
    document_filename: str | None = None  # the ownership XML's <FILENAME> inside a submission
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Filing:
    """One filing. ``document`` is None when the source holds no structured ownership document (a
    pre-2003 text filing, a header alone); ``header`` is None for a bare XML document.

    ``accession_number`` comes from the header, else from a file name that is one
    (``0000002488-23-000088.xml``)."""

    source: Source
    document: OwnershipDocument | None = None
    header: SubmissionHeader | None = None
    accession_number: str | None = None

    @property
    def has_document(self) -> bool:
        """True when an ownership document was found."""
        return self.document is not None
