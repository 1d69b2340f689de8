"""The rules for a document about to be submitted (section16.validate.submission, EDGAR Ownership XML
Technical Specification v5.5 section 4.3): each fires on a crafted document and stays quiet on one shaped
as EDGAR wants a submission."""

from __future__ import annotations

from dataclasses import replace

from section16.model import Filing
from section16.validate import Finding, Severity, validate_filing
from section16.validate.submission import SUBMISSION_RULES
from tests.validate._xml import document, filing, tx

HOLDING = """
    <nonDerivativeHolding>
      <securityTitle><value>Common Stock</value></securityTitle>
      <postTransactionAmounts><sharesOwnedFollowingTransaction><value>500</value></sharesOwnedFollowingTransaction>
      </postTransactionAmounts>
      <ownershipNature><directOrIndirectOwnership><value>D</value></directOrIndirectOwnership></ownershipNature>
    </nonDerivativeHolding>"""


def _submission(made: Filing, *, ccc: str | None = "x1y2z3#@", names: bool = False) -> Filing:
    """``made`` shaped as a submission: no schemaVersion, a CCC per owner, names kept only if asked."""
    doc = made.document
    assert doc is not None
    owners = tuple(
        replace(o, rpt_owner_ccc=ccc, rpt_owner_name=o.rpt_owner_name if names else None)
        for o in doc.reporting_owners
    )
    issuer = doc.issuer if names or doc.issuer is None else replace(doc.issuer, issuer_name=None)
    return replace(made, document=replace(doc, schema_version=None, reporting_owners=owners, issuer=issuer))


def found(made: Filing) -> list[tuple[str, Severity, str | None]]:
    return [(f.rule, f.severity, f.field) for f in validate_filing(made, rules=SUBMISSION_RULES)]


def test_a_submission_as_edgar_wants_it_is_clean() -> None:
    assert found(_submission(filing())) == []
    assert found(_submission(filing(form="3", rows=HOLDING, aff="", signed="2023-12-10"))) == []


def test_what_edgar_discards_or_sets_itself() -> None:
    as_filed = found(filing(form="3", rows=HOLDING, aff="", signed="2023-12-10",
                            extra_top="<noSecuritiesOwned>0</noSecuritiesOwned>"))  # fmt: skip
    assert ("submission.schema-version", Severity.WARNING, "schemaVersion") in as_filed
    assert ("submission.edgar-sets", Severity.WARNING, "noSecuritiesOwned") in as_filed
    five = filing(
        form="5", period="2023-12-31", extra_top="<form4TransactionsReported>1</form4TransactionsReported>"
    )
    assert ("submission.edgar-sets", Severity.WARNING, "form4TransactionsReported") in found(
        _submission(five)
    )


def test_a_form_4_reports_a_transaction_or_is_not_subject() -> None:
    holdings_only = _submission(filing(rows=HOLDING))
    assert found(holdings_only) == [("submission.nothing-reported", Severity.ERROR, "nonDerivativeTable")]
    doc = holdings_only.document
    assert doc is not None
    assert found(replace(holdings_only, document=replace(doc, not_subject_to_section16=True))) == []
    assert found(_submission(filing(rows=tx()))) == []


def test_every_owner_by_cik_and_ccc_once() -> None:
    assert found(_submission(filing(), ccc=None)) == [
        ("submission.owner-access", Severity.ERROR, "rptOwnerCcc")
    ]
    twice = _submission(filing(owners=2))
    doc = twice.document
    assert doc is not None
    first = doc.reporting_owners[0]
    assert first.rpt_owner_cik is not None
    # The same CIK without its leading zeros is the same owner.
    same = (first, replace(doc.reporting_owners[1], rpt_owner_cik=first.rpt_owner_cik.lstrip("0")))
    got = found(replace(twice, document=replace(doc, reporting_owners=same)))
    assert got == [("submission.owner-access", Severity.ERROR, "rptOwnerCik")]


def test_names_are_edgars_to_write() -> None:
    got = found(_submission(filing(), names=True))
    assert got == [
        ("submission.names", Severity.INFO, "issuerName"),
        ("submission.names", Severity.INFO, "rptOwnerName"),
    ]


def test_the_rules_are_not_among_those_every_filing_is_checked_by() -> None:
    # Disseminated filings carry schemaVersion, names and no CCC by design.
    rules: list[Finding] = validate_filing(filing())
    assert not [f for f in rules if f.rule.startswith("submission.")]
    assert document().count(b"<schemaVersion>") == 1
