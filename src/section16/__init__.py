"""section16: SEC Section 16 insider filings (Forms 3, 4 and 5 and their amendments).

Read any ownership filing (bare XML, complete submission, dissemination file) into one faithful model::

    import section16
    filing = section16.parse("0000002488-23-000088.txt")
    for row in filing.document.non_derivative_transactions:
        print(row.transaction_date.value, row.transaction_shares.value)

The public API is listed in ``__all__``; everything else is internal.
"""

from section16.errors import (
    ConfigError,
    NotFound,
    ParseError,
    Section16Error,
    SizeLimitError,
    UnsupportedFormat,
)
from section16.model import (
    AcquiredDisposed,
    Address,
    DerivativeHolding,
    DerivativeTransaction,
    DirectIndirect,
    DocumentType,
    Extra,
    Fact,
    Filing,
    Footnote,
    FormerName,
    HeaderAddress,
    HeaderEntity,
    Issuer,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    OwnershipDocument,
    Relationship,
    ReportingOwner,
    Signature,
    Source,
    SourceFormat,
    SubmissionDocument,
    SubmissionHeader,
    Timeliness,
    TransactionCode,
    TransactionCoding,
    Unparsed,
)
from section16.parse import read_filing, read_ownership_document
from section16.services.reading import ReadResult, parse, read_paths

__all__ = [
    "AcquiredDisposed",
    "Address",
    "ConfigError",
    "DerivativeHolding",
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
    "NonDerivativeTransaction",
    "NotFound",
    "OwnershipDocument",
    "ParseError",
    "ReadResult",
    "Relationship",
    "ReportingOwner",
    "Section16Error",
    "Signature",
    "SizeLimitError",
    "Source",
    "SourceFormat",
    "SubmissionDocument",
    "SubmissionHeader",
    "Timeliness",
    "TransactionCode",
    "TransactionCoding",
    "Unparsed",
    "UnsupportedFormat",
    "parse",
    "read_filing",
    "read_ownership_document",
    "read_paths",
]
