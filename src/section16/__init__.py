"""section16: SEC Section 16 insider filings (Forms 3, 4 and 5 and their amendments).

Read any ownership filing (bare XML, complete submission, dissemination file) into one faithful model::

    import section16
    filing = section16.parse("0000002488-23-000088.txt")
    for row in filing.document.non_derivative_transactions:
        print(row.transaction_date.value, row.transaction_shares.value)

The public API is listed in ``__all__``; everything else is internal. The model, the errors and the
readers load with the package; the rest (store, EDGAR, services, web) loads on first use, so that
``import section16`` and every ``section16`` command start fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from section16.errors import (
    ConfigError,
    DatasetError,
    DuplicateAccessionError,
    FetchError,
    NotFound,
    ParseError,
    QueryError,
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
    ValuePlace,
)
from section16.parse import read_filing, read_ownership_document
from section16.services.reading import ReadResult, parse, read_paths

if TYPE_CHECKING:
    from section16.edgar import EdgarClient
    from section16.services.export import export
    from section16.services.ingest import ingest, reparse
    from section16.services.prepare import prepare
    from section16.services.reports import (
        cluster_buys,
        holdings,
        insider,
        insiders,
        late_filings,
        net_activity,
        sql,
        trades,
    )
    from section16.services.short_swing import short_swing
    from section16.services.store_validation import validate_store
    from section16.services.sync import sync
    from section16.services.synth import synthesize
    from section16.services.validation import validate_paths
    from section16.services.watch import watch
    from section16.store import open_store
    from section16.validate import due_date, filing_deadline, validate_filing, validate_filings
    from section16.web import create_app
    from section16.write.records import filing_from_dict, filing_to_dict
    from section16.write.xml import write_ownership_xml

# Loaded on first use: name -> module that defines it.
_LAZY = {
    "EdgarClient": "section16.edgar",
    "cluster_buys": "section16.services.reports",
    "create_app": "section16.web",
    "due_date": "section16.validate",
    "export": "section16.services.export",
    "filing_deadline": "section16.validate",
    "filing_from_dict": "section16.write.records",
    "filing_to_dict": "section16.write.records",
    "holdings": "section16.services.reports",
    "ingest": "section16.services.ingest",
    "insider": "section16.services.reports",
    "insiders": "section16.services.reports",
    "late_filings": "section16.services.reports",
    "net_activity": "section16.services.reports",
    "open_store": "section16.store",
    "prepare": "section16.services.prepare",
    "reparse": "section16.services.ingest",
    "short_swing": "section16.services.short_swing",
    "sql": "section16.services.reports",
    "sync": "section16.services.sync",
    "synthesize": "section16.services.synth",
    "trades": "section16.services.reports",
    "validate_filing": "section16.validate",
    "validate_filings": "section16.validate",
    "validate_paths": "section16.services.validation",
    "validate_store": "section16.services.store_validation",
    "watch": "section16.services.watch",
    "write_ownership_xml": "section16.write.xml",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'section16' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "AcquiredDisposed",
    "Address",
    "ConfigError",
    "DatasetError",
    "DerivativeHolding",
    "DerivativeTransaction",
    "DirectIndirect",
    "DocumentType",
    "DuplicateAccessionError",
    "EdgarClient",
    "Extra",
    "Fact",
    "FetchError",
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
    "QueryError",
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
    "ValuePlace",
    "cluster_buys",
    "create_app",
    "due_date",
    "export",
    "filing_deadline",
    "filing_from_dict",
    "filing_to_dict",
    "holdings",
    "ingest",
    "insider",
    "insiders",
    "late_filings",
    "net_activity",
    "open_store",
    "parse",
    "prepare",
    "read_filing",
    "read_ownership_document",
    "read_paths",
    "reparse",
    "short_swing",
    "sql",
    "sync",
    "synthesize",
    "trades",
    "validate_filing",
    "validate_filings",
    "validate_paths",
    "validate_store",
    "watch",
    "write_ownership_xml",
]
