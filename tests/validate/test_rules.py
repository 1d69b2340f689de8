"""Each rule over one filing fires on a crafted bad filing and stays quiet on the good one."""

from __future__ import annotations

from datetime import date

import pytest

from section16.validate import RULES, Finding, validate_filing
from section16.validate.findings import Severity
from tests.validate._xml import document, filing, tx

DERIVATIVE = """
  <derivativeTable><derivativeTransaction>
    <securityTitle><value>Stock Option</value></securityTitle>
    <conversionOrExercisePrice><value>5</value></conversionOrExercisePrice>
    <transactionDate><value>2023-12-08</value></transactionDate>
    <transactionCoding><transactionFormType>4</transactionFormType><transactionCode>M</transactionCode>
      <equitySwapInvolved>0</equitySwapInvolved></transactionCoding>
    <transactionAmounts><transactionShares><value>100</value></transactionShares>
      <transactionPricePerShare><value>0</value></transactionPricePerShare>
      <transactionAcquiredDisposedCode><value>{ad}</value></transactionAcquiredDisposedCode></transactionAmounts>
    <exerciseDate><value>2020-01-01</value></exerciseDate>
    <expirationDate><value>2030-01-01</value></expirationDate>
    <underlyingSecurity><underlyingSecurityTitle><value>Common Stock</value></underlyingSecurityTitle>
      <underlyingSecurityShares><value>100</value></underlyingSecurityShares></underlyingSecurity>
    <postTransactionAmounts><sharesOwnedFollowingTransaction><value>0</value></sharesOwnedFollowingTransaction>
    </postTransactionAmounts>
    <ownershipNature><directOrIndirectOwnership><value>D</value></directOrIndirectOwnership></ownershipNature>
  </derivativeTransaction></derivativeTable>"""

HOLDING = """
    <nonDerivativeHolding>
      <securityTitle><value>Common Stock</value></securityTitle>
      <postTransactionAmounts><sharesOwnedFollowingTransaction><value>500</value></sharesOwnedFollowingTransaction>
      </postTransactionAmounts>
      <ownershipNature><directOrIndirectOwnership><value>D</value></directOrIndirectOwnership></ownershipNature>
    </nonDerivativeHolding>"""

TODAY = date(2024, 6, 1)


def rules_of(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings}


def run(**kwargs: object) -> list[Finding]:
    return validate_filing(filing(**kwargs), today=TODAY)


def test_the_good_filing_is_clean() -> None:
    assert run() == []
    assert run(derivative=DERIVATIVE.format(ad="D")) == []
    assert run(form="3", rows=HOLDING, aff="", signed="2023-12-10") == []


def test_findings_carry_the_place() -> None:
    found = run(rows=tx(code="P", ad="D"))
    bad = [f for f in found if f.rule == "codes.acquired-disposed"]
    assert len(bad) == 1
    f = bad[0]
    assert (f.accession, f.file, f.table, f.row, f.field) == (
        "0000002488-23-000088",
        "0000002488-23-000088.xml",
        "nonDerivativeTable",
        1,
        "transactionAcquiredDisposedCode",
    )
    assert f.severity == Severity.ERROR and "General Instruction 8" in f.source
    assert (
        f.place == "0000002488-23-000088.xml (0000002488-23-000088) "
        "nonDerivativeTable[1]/transactionAcquiredDisposedCode"
    )


# --- structure ---------------------------------------------------------------------------------


def test_required_elements() -> None:
    bad = document().replace(b"<issuerTradingSymbol>ACME</issuerTradingSymbol>", b"")
    assert "structure.required" in rules_of(validate_filing(filing(bad)))
    amendment = run(form="4/A")
    assert any(f.rule == "structure.required" and f.field == "dateOfOriginalSubmission" for f in amendment)


def test_form3_is_holdings_only() -> None:
    found = run(form="3", aff="", signed="2023-12-10")
    assert any(f.rule == "structure.form-elements" and f.row == 1 for f in found)


FORM3_OPTION = """
  <derivativeTable><derivativeHolding>
    <securityTitle><value>Stock Option</value></securityTitle>
    <conversionOrExercisePrice><value>5</value></conversionOrExercisePrice>
    <exerciseDate><value>2020-01-01</value></exerciseDate>
    <expirationDate><value>2030-01-01</value></expirationDate>
    <underlyingSecurity><underlyingSecurityTitle><value>Common Stock</value></underlyingSecurityTitle>
      <underlyingSecurityShares><value>100</value></underlyingSecurityShares></underlyingSecurity>{post}
    <ownershipNature><directOrIndirectOwnership><value>D</value></directOrIndirectOwnership></ownershipNature>
  </derivativeHolding></derivativeTable>"""


def test_form3_derivative_holding_has_no_post_transaction_amounts() -> None:
    clean = run(form="3", rows=HOLDING, aff="", signed="2023-12-10", derivative=FORM3_OPTION.format(post=""))
    assert clean == []
    post = "<postTransactionAmounts><sharesOwnedFollowingTransaction><value>100</value>"
    post += "</sharesOwnedFollowingTransaction></postTransactionAmounts>"
    found = run(
        form="3", rows=HOLDING, aff="", signed="2023-12-10", derivative=FORM3_OPTION.format(post=post)
    )
    bad = [f for f in found if f.rule == "structure.form-elements"]
    assert [(f.table, f.row, f.field, f.severity) for f in bad] == [
        ("derivativeTable", 1, "postTransactionAmounts", Severity.ERROR)
    ]


def test_form5_flags_only_on_form5() -> None:
    found = run(extra_top="<form3HoldingsReported>0</form3HoldingsReported>")
    assert [f.field for f in found if f.rule == "structure.form-elements"] == ["form3HoldingsReported"]
    assert not [f for f in run(form="5", extra_top="<form3HoldingsReported>0</form3HoldingsReported>",
                               period="2023-12-31") if f.rule == "structure.form-elements"]  # fmt: skip


def test_aff10b5one_by_schema_version() -> None:
    assert "structure.aff10b5one" in rules_of(run(aff=None))  # X0508 Form 4 without it
    assert "structure.aff10b5one" in rules_of(run(version="X0306"))  # before the checkbox existed
    assert "structure.aff10b5one" not in rules_of(run(version="X0306", aff=None))
    assert "structure.aff10b5one" not in rules_of(run(version="X0407"))


def test_limits() -> None:
    assert "structure.limits" in rules_of(run(rows=tx() * 31, period="2023-12-08"))
    assert "structure.limits" in rules_of(run(owners=11))
    assert "structure.limits" not in rules_of(run(owners=10))


def test_footnote_ids() -> None:
    found = run(footnotes='<footnote id="F0">zero</footnote>', rows=tx(coding_note='<footnoteId id="F0"/>'))
    assert "structure.footnote-id" in rules_of(found)
    dup = run(
        footnotes='<footnote id="F1">a</footnote><footnote id="F1">b</footnote>',
        rows=tx(coding_note='<footnoteId id="F1"/>'),
    )
    assert "structure.footnote-id" in rules_of(dup)


def test_unreadable_values() -> None:
    found = run(rows=tx(shares="See footnote"))
    assert "structure.unreadable-value" in rules_of(found)


# --- codes -------------------------------------------------------------------------------------


def test_acquired_disposed() -> None:
    assert [f.severity for f in run(rows=tx(code="S", ad="A", after="1100"))
            if f.rule == "codes.acquired-disposed"] == ["error"]  # fmt: skip
    assert [f.severity for f in run(rows=tx(code="F", ad="A", after="1100"))
            if f.rule == "codes.acquired-disposed"] == ["warning"]  # fmt: skip
    # M acquires in Table I and disposes in Table II.
    assert "codes.acquired-disposed" in rules_of(run(derivative=DERIVATIVE.format(ad="A")))
    assert "codes.acquired-disposed" not in rules_of(run(rows=tx(code="M", ad="A", price="0", after="1100")))


def test_code_allowed() -> None:
    assert "codes.code-allowed" in rules_of(run(rows=tx(code="E")))
    assert "codes.code-allowed" not in rules_of(run(rows=tx(code="G", price="0")))


def test_ownership_nature() -> None:
    assert "codes.ownership-nature" in rules_of(run(rows=tx(di="I")))
    assert "codes.ownership-nature" not in rules_of(run(rows=tx(di="I", nature="By trust")))


def test_footnote_references() -> None:
    dangling = run(rows=tx(coding_note='<footnoteId id="F2"/>'))
    assert [f.field for f in dangling if f.rule == "codes.footnote-reference"] == ["transactionCoding"]
    unused = run(footnotes='<footnote id="F1">never cited</footnote>')
    assert [f.severity for f in unused if f.rule == "codes.footnote-unused"] == ["info"]


# --- arithmetic --------------------------------------------------------------------------------


def test_holdings_chain() -> None:
    good = tx(shares="100", after="900") + tx(shares="50", after="850")
    assert "arithmetic.holdings-chain" not in rules_of(run(rows=good))
    bad = tx(shares="100", after="900") + tx(shares="50", after="800")
    found = [f for f in run(rows=bad) if f.rule == "arithmetic.holdings-chain"]
    assert [(f.row, f.severity) for f in found] == [(2, "warning")]
    assert "expected 850" in found[0].message
    other_owner = tx(shares="100", after="900") + tx(shares="50", after="10", di="I", nature="By trust")
    assert "arithmetic.holdings-chain" not in rules_of(run(rows=other_owner))


def test_plausible_amounts() -> None:
    assert "arithmetic.plausible" in rules_of(run(rows=tx(price="0")))  # a sale at 0
    assert "arithmetic.plausible" not in rules_of(run(rows=tx(code="A", ad="A", price="0", after="1100")))
    assert "arithmetic.plausible" in rules_of(run(rows=tx(code="P", ad="A", shares="5000", after="100")))
    assert "arithmetic.plausible" in rules_of(run(rows=tx(shares="-5")))
    slipped = tx(shares="100", after="900", price="10.50") + tx(shares="50", after="850", price="1050")
    assert [f.row for f in run(rows=slipped) if f.rule == "arithmetic.plausible"] == [2]


# --- dates -------------------------------------------------------------------------------------


def test_transaction_after_signature() -> None:
    found = run(rows=tx(date="2023-12-13"), period="2023-12-13")
    assert "dates.after-signature" in rules_of(found)


def test_future_dates_need_today() -> None:
    xml = dict(rows=tx(date="2030-01-02"), period="2030-01-02", signed="2030-01-03")
    assert "dates.future" in rules_of(validate_filing(filing(**xml), today=TODAY))  # type: ignore[arg-type]
    assert "dates.future" not in rules_of(validate_filing(filing(**xml)))  # type: ignore[arg-type]


def test_period_of_report() -> None:
    found = run(rows=tx(date="2023-12-08"), period="2023-12-07")
    assert [f.field for f in found if f.rule == "dates.period-of-report"] == ["periodOfReport"]


def test_deemed_execution() -> None:
    assert "dates.deemed-execution" in rules_of(run(rows=tx(deemed="2023-12-01")))
    assert "dates.deemed-execution" in rules_of(run(rows=tx(date="2023-12-01", deemed="2023-12-08"),
                                                    period="2023-12-01"))  # fmt: skip
    assert "dates.deemed-execution" not in rules_of(run(rows=tx(deemed="2023-12-11")))


# --- the list is extensible ---------------------------------------------------------------------


def test_callers_extend_the_rules() -> None:
    def no_sales(f: object) -> list[Finding]:
        return [
            Finding(rule="house.no-sales", severity=Severity.WARNING, message="a sale", source="house rule")
        ]

    found = validate_filing(filing(), rules=[*RULES, no_sales])
    assert rules_of(found) == {"house.no-sales"}
    assert found[0].accession == "0000002488-23-000088"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.__module__.rsplit('.', 1)[-1]}.{r.__name__}")
def test_every_rule_is_documented(rule: object) -> None:
    assert (rule.__doc__ or "").strip()
