"""The model of section16: frozen dataclasses and enums, standard library only.

:class:`Filing` is what a reader returns: an :class:`OwnershipDocument` (every element of the EDGAR
Ownership XML schemas), the :class:`SubmissionHeader` when the source was a complete submission, and
the :class:`Source` of the bytes.
"""

from section16.model.codes import (
    AcquiredDisposed,
    DirectIndirect,
    DocumentType,
    Timeliness,
    TransactionCode,
)
from section16.model.document import (
    Address,
    DerivativeHolding,
    DerivativeRow,
    DerivativeTransaction,
    Extra,
    Fact,
    Footnote,
    Issuer,
    NonDerivativeHolding,
    NonDerivativeRow,
    NonDerivativeTransaction,
    OwnershipDocument,
    Relationship,
    ReportingOwner,
    Signature,
    TransactionCoding,
    Unparsed,
    ValuePlace,
)
from section16.model.filing import Filing, Source
from section16.model.submission import (
    FormerName,
    HeaderAddress,
    HeaderEntity,
    SourceFormat,
    SubmissionDocument,
    SubmissionHeader,
)

__all__ = [
    "AcquiredDisposed",
    "Address",
    "DerivativeHolding",
    "DerivativeRow",
    "DerivativeTransaction",
    "DirectIndirect",
    "DocumentType",
    "Extra",
    "Fact",
    "Filing",
    "Footnote",
    "FormerName",
    "HeaderAddress",
    "HeaderEntity",
    "Issuer",
    "NonDerivativeHolding",
    "NonDerivativeRow",
    "NonDerivativeTransaction",
    "OwnershipDocument",
    "Relationship",
    "ReportingOwner",
    "Signature",
    "Source",
    "SourceFormat",
    "SubmissionDocument",
    "SubmissionHeader",
    "Timeliness",
    "TransactionCode",
    "TransactionCoding",
    "Unparsed",
    "ValuePlace",
]
