"""Rules for a document about to be submitted to EDGAR, on top of the rules every filing is checked by:
what EDGAR's Ownership XML Technical Specification (v5.5, section 4.3, "XML Primary Document Rules") asks
of the primary document of a submission. A disseminated filing breaks several of them by design (EDGAR
writes the schema version, the names of record and the flags it works out into the "document of
record"), so these run only where a filing is prepared (``section16 prepare``), never over filings read
from EDGAR.

- ``submission.schema-version`` (warning): EDGAR discards a ``schemaVersion`` and warns.
- ``submission.edgar-sets`` (warning): ``noSecuritiesOwned`` on a Form 3, ``form3HoldingsReported`` and
  ``form4TransactionsReported`` on a Form 5 are EDGAR's to set.
- ``submission.nothing-reported`` (error): a Form 4 or 5 with no transaction is suspended unless
  ``notSubjectToSection16`` is true.
- ``submission.owner-access`` (error): every reporting owner needs a CIK and a CCC (the filer's access
  code, which EDGAR removes before dissemination); a CIK given twice is a suspense error.
- ``submission.names`` (info): EDGAR replaces an issuer or owner name with the one of record for the CIK,
  and warns that it did.

Pure: model in, findings out.
"""

from __future__ import annotations

from collections.abc import Iterator

from section16.model import DerivativeTransaction, Filing, NonDerivativeTransaction
from section16.validate._rows import FORMS
from section16.validate.findings import Finding, Rule, Severity

__all__ = ["SUBMISSION_RULES", "edgar_sets", "names", "nothing_reported", "owner_access", "schema_version"]

_SPEC = "EDGAR Ownership XML Technical Specification v5.5, section {section}"


def _finding(rule: str, severity: Severity, message: str, section: str, **where: object) -> Finding:
    return Finding(
        rule=f"submission.{rule}",
        severity=severity,
        message=message,
        source=_SPEC.format(section=section),
        **where,  # type: ignore[arg-type]
    )


def schema_version(filing: Filing) -> Iterator[Finding]:
    """A ``schemaVersion`` is discarded by EDGAR with a warning (section 4.3)."""
    doc = filing.document
    if doc is not None and doc.schema_version:
        yield _finding(
            "schema-version",
            Severity.WARNING,
            f"leave schemaVersion out: EDGAR discards {doc.schema_version!r}, warns, and writes its own",
            "4.3",
            field="schemaVersion",
        )


def edgar_sets(filing: Filing) -> Iterator[Finding]:
    """The flags EDGAR works out from the tables itself (section 4.3)."""
    doc = filing.document
    if doc is None or doc.document_type is None:
        return
    form = FORMS[doc.document_type]
    flags = [("noSecuritiesOwned", doc.no_securities_owned)] if form == 3 else []
    if form == 5:
        flags += [
            ("form3HoldingsReported", doc.form3_holdings_reported),
            ("form4TransactionsReported", doc.form4_transactions_reported),
        ]
    for name, value in flags:
        if value is not None:
            yield _finding(
                "edgar-sets",
                Severity.WARNING,
                f"leave {name} out of a Form {form} submission: EDGAR sets it from the tables",
                "4.3",
                field=name,
            )


def nothing_reported(filing: Filing) -> Iterator[Finding]:
    """A Form 4 or 5 reports at least one transaction, or says it is not subject to Section 16
    (sections 4.3.3 and 4.3.4)."""
    doc = filing.document
    if doc is None or doc.document_type is None or FORMS[doc.document_type] not in (4, 5):
        return
    rows = (*doc.non_derivative_table, *doc.derivative_table)
    if any(isinstance(r, NonDerivativeTransaction | DerivativeTransaction) for r in rows):
        return
    if doc.not_subject_to_section16:
        return
    yield _finding(
        "nothing-reported",
        Severity.ERROR,
        f"a Form {FORMS[doc.document_type]} submission with no transaction is suspended by EDGAR unless "
        "notSubjectToSection16 is true",
        "4.3.3",
        field="nonDerivativeTable",
    )


def owner_access(filing: Filing) -> Iterator[Finding]:
    """Each reporting owner is named by CIK and CCC, each CIK once (section 4.3.2)."""
    doc = filing.document
    if doc is None:
        return
    seen: set[str] = set()
    for number, owner in enumerate(doc.reporting_owners, start=1):
        cik = (owner.rpt_owner_cik or "").strip().lstrip("0")
        missing = [
            name for name, value in (("rptOwnerCik", cik), ("rptOwnerCcc", owner.rpt_owner_ccc)) if not value
        ]
        if missing:
            yield _finding(
                "owner-access",
                Severity.ERROR,
                f"give {' and '.join(missing)}: EDGAR takes each reporting owner by CIK and CCC (the access "
                "code, removed before the filing is disseminated)",
                "4.3.2",
                table="reportingOwner",
                row=number,
                field=missing[0],
            )
        if cik and cik in seen:
            yield _finding(
                "owner-access",
                Severity.ERROR,
                f"reporting owner CIK {owner.rpt_owner_cik} is given twice: a suspense error",
                "4.3.2",
                table="reportingOwner",
                row=number,
                field="rptOwnerCik",
            )
        seen.add(cik)


def names(filing: Filing) -> Iterator[Finding]:
    """Names EDGAR replaces with those of record (sections 4.3.1 and 4.3.2)."""
    doc = filing.document
    if doc is None:
        return
    if doc.issuer is not None and doc.issuer.issuer_name:
        yield _finding(
            "names",
            Severity.INFO,
            f"EDGAR writes the issuer name of record for CIK {doc.issuer.issuer_cik} instead of "
            f"{doc.issuer.issuer_name!r}, with a warning",
            "4.3.1",
            field="issuerName",
        )
    for number, owner in enumerate(doc.reporting_owners, start=1):
        if owner.rpt_owner_name:
            yield _finding(
                "names",
                Severity.INFO,
                f"EDGAR writes the owner name of record for CIK {owner.rpt_owner_cik} instead of "
                f"{owner.rpt_owner_name!r}, with a warning",
                "4.3.2",
                table="reportingOwner",
                row=number,
                field="rptOwnerName",
            )


SUBMISSION_RULES: tuple[Rule, ...] = (schema_version, edgar_sets, nothing_reported, owner_access, names)
