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

And over the documents a submission file encloses (:func:`enclosure_findings`, sections 3.6.3 and
4.2): ``submission.file-name`` (32 characters at most, lower-case letters and digits with at most one
underscore, one hyphen and one period, a letter first, ``.xml`` for the primary document and ``.txt``,
``.htm``, ``.jpg`` or ``.gif`` for the others; a PDF is discarded), ``submission.document-type`` (the
primary document's type is the submission type; the others CORRESP, COVER, EX-24, EX-99 or GRAPHIC,
optionally followed by a period and text, 20 characters at most), ``submission.documents`` (one
primary document, none empty, at most 611 in all, 100 CORRESP, 10 COVER, 500 exhibits and graphics) and
``submission.addresses`` (a warning: the contact address given as a notification address too).

Pure: model in, findings out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from section16.model import DerivativeTransaction, Filing, NonDerivativeTransaction
from section16.validate._rows import FORMS
from section16.validate.findings import Finding, Rule, Severity

__all__ = [
    "SUBMISSION_RULES",
    "edgar_sets",
    "enclosure_findings",
    "names",
    "nothing_reported",
    "owner_access",
    "schema_version",
]

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
    (sections 4.3.3 and 4.3.4: "at least one valid nonDerivativeTransaction or derivativeTransaction";
    section 4.3's note on notSubjectToSection16 speaks of "transactions or holdings", the stricter
    sections are followed)."""
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


_NAME = re.compile(r"[a-z][a-z0-9_.-]*")
_PRIMARY_TYPES = ("3", "3/A", "4", "4/A", "5", "5/A")
_SUPPORTING = re.compile(r"(CORRESP|COVER|EX-24|EX-99|GRAPHIC)(\.[A-Za-z0-9_-]+)?")
_SUPPORTING_EXTENSIONS = (".txt", ".htm", ".jpg", ".gif")
# Section 4.2.1.2: at most this many supporting documents of each kind.
_LIMITS = {"CORRESP": 100, "COVER": 10, "EXHIBIT": 500}
_MAX_DOCUMENTS = 611


def _name_problem(name: str, primary: bool) -> tuple[Severity, str] | None:
    if not name or len(name) > 32:
        return Severity.ERROR, "is not 1-32 characters"
    if not _NAME.fullmatch(name) or any(name.count(c) > 1 for c in "_-."):
        return (
            Severity.ERROR,
            "is not lower-case letters and digits with at most one '_', one '-' and one '.', a letter first",
        )
    if "." not in name:
        return Severity.ERROR, "has no file type extension"
    extension = name[name.rindex(".") :]
    if primary and extension != ".xml":
        return Severity.ERROR, "is the primary document, which must end in .xml"
    if not primary and extension == ".pdf":
        # Section 4.2.1.2: EDGAR discards a PDF from an ownership submission, with a warning.
        return Severity.WARNING, "is a PDF, which EDGAR discards from ownership submissions (with a warning)"
    if not primary and extension not in _SUPPORTING_EXTENSIONS:
        return Severity.ERROR, f"ends in {extension}: not allowed (.txt, .htm, .jpg or .gif)"
    return None


def enclosure_findings(
    submission_type: str,
    documents: Sequence[tuple[str, str]],
    *,
    sizes: Sequence[int] = (),
    contact_email: str | None = None,
    notify: Sequence[str] = (),
) -> list[Finding]:
    """What EDGAR would refuse or warn of in the documents of a submission of ``submission_type``
    (``"4"``, ``"4/A"``...): ``documents`` are (file name, document type) pairs, the primary document
    among them (its type is the submission type); ``sizes`` their sizes in bytes, where known (an empty
    document has no value); ``contact_email`` and ``notify`` the submission's addresses (one given as
    both draws a warning)."""
    found: list[Finding] = []
    for number, size in enumerate(sizes, start=1):
        if size == 0:
            found.append(
                _finding(
                    "documents",
                    Severity.ERROR,
                    f"document {documents[number - 1][0]!r} is empty: every enclosed document needs a value",
                    "4.2.1",
                    table="edgarDocument",
                    row=number,
                    field="documentMimeBlock",
                )
            )
    if contact_email is not None and contact_email.strip().lower() in {a.strip().lower() for a in notify}:
        found.append(
            _finding(
                "addresses",
                Severity.WARNING,
                f"{contact_email!r} is both the contact and a notification address: EDGAR warns",
                "4.2",
                field="notificationEmailAddress",
            )
        )
    if submission_type not in _PRIMARY_TYPES:
        found.append(
            _finding(
                "document-type",
                Severity.ERROR,
                f"submission type {submission_type!r} is not one of {', '.join(_PRIMARY_TYPES)}",
                "3.6.3",
                field="submissionType",
            )
        )
    counts = {kind: 0 for kind in _LIMITS}
    primaries = 0
    for number, (name, kind) in enumerate(documents, start=1):
        primary = kind == submission_type
        primaries += primary
        problem = _name_problem(name, primary)
        if problem is not None:
            severity, what = problem
            found.append(
                _finding(
                    "file-name",
                    severity,
                    f"document name {name!r} {what}",
                    "4.2",
                    table="edgarDocument",
                    row=number,
                    field="documentName",
                )
            )
        supporting = _SUPPORTING.fullmatch(kind)
        if not primary and (supporting is None or len(kind) > 20):
            found.append(
                _finding(
                    "document-type",
                    Severity.ERROR,
                    f"document type {kind!r} is neither the submission type {submission_type!r} nor "
                    "CORRESP, COVER, EX-24, EX-99 or GRAPHIC (optionally .text, 20 characters at most)",
                    "3.6.3",
                    table="edgarDocument",
                    row=number,
                    field="documentType",
                )
            )
        elif supporting is not None:
            base = supporting.group(1)
            counts["EXHIBIT" if base in ("EX-24", "EX-99", "GRAPHIC") else base] += 1
    if primaries != 1:
        found.append(
            _finding(
                "documents",
                Severity.ERROR,
                f"a submission holds one primary document (of type {submission_type!r}), not {primaries}",
                "4.2",
                field="edgarDocument",
            )
        )
    if len(documents) > _MAX_DOCUMENTS:
        found.append(
            _finding(
                "documents",
                Severity.ERROR,
                f"{len(documents)} documents: at most {_MAX_DOCUMENTS} (one primary and 610 supporting)",
                "4.2.1",
                field="edgarDocument",
            )
        )
    for kind, limit in _LIMITS.items():
        if counts[kind] > limit:
            label = "exhibits and graphics" if kind == "EXHIBIT" else f"{kind} documents"
            found.append(
                _finding(
                    "documents",
                    Severity.ERROR,
                    f"{counts[kind]} {label}: at most {limit}",
                    "4.2.1.2",
                    field="edgarDocument",
                )
            )
    return found
