"""Derived measures (spec.md section 8) and the shape of a filing's rows against the schema."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from section16.model import (
    AcquiredDisposed,
    DerivativeTransaction,
    DocumentType,
    Fact,
    Filing,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    OwnershipDocument,
    Relationship,
    ReportingOwner,
    Source,
    SourceFormat,
    SubmissionHeader,
    TransactionCode,
    TransactionCoding,
)
from section16.store import derive, filing_rows
from section16.store.schema import table


@pytest.mark.parametrize(
    ("title", "flags", "expected"),
    [
        ("President and CEO", {"is_officer": True}, ("CEO", "President")),
        ("EVP, Chief Financial Officer", {"is_officer": True}, ("CFO", "VP")),
        ("Vice President, Sales", {"is_officer": True}, ("VP",)),
        ("General Counsel & Secretary", {"is_officer": True}, ("GC",)),
        ("Chief Operating Officer", {"is_officer": True, "is_director": True}, ("COO", "Dir")),
        ("Chief Technology Officer", {"is_officer": True}, ("Other",)),
        (None, {"is_director": True, "is_ten_percent_owner": True}, ("Dir", "10%")),
        (None, {"is_other": True}, ("Other",)),
    ],
)
def test_roles(title: str | None, flags: dict[str, bool], expected: tuple[str, ...]) -> None:
    assert derive.roles(Relationship(officer_title=title, **flags)) == expected


def test_value_before_and_change() -> None:
    d = AcquiredDisposed.DISPOSED
    assert derive.transaction_value(Decimal(100), Decimal("12.5"), d) == Decimal(-1250)
    signed = derive.signed_shares(Decimal(100), d)
    before = derive.shares_owned_before(Decimal(300), signed)
    assert before == Decimal(400)
    assert derive.ownership_change(signed, before) == (Decimal(-25), False)
    assert derive.ownership_change(Decimal(50), Decimal(0)) == (None, True)
    assert derive.transaction_value(Decimal(1), None, d) is None


def test_trade_types_and_open_market() -> None:
    assert derive.trade_type(TransactionCode.S, exercised_in_filing=True) == "Sale+OE"
    assert derive.trade_type(TransactionCode.S) == "Sale"
    assert derive.trade_type(TransactionCode.X) == "OptEx"
    assert derive.open_market(TransactionCode.P, table_one=True) == "purchase"
    assert derive.open_market(TransactionCode.P, table_one=False) is None


def test_business_days_over_a_weekend_and_a_holiday() -> None:
    # spec.md section 4 worked example: Friday 2023-12-08 to Tuesday 2023-12-12 is 2 business days.
    assert derive.business_days_between(date(2023, 12, 8), date(2023, 12, 12)) == 2
    assert derive.business_days_between(date(2023, 12, 8), date(2023, 12, 8)) == 0
    # Christmas Day 2023 (Monday) is not a business day on EDGAR's calendar.
    assert derive.business_days_between(date(2023, 12, 22), date(2023, 12, 27)) == 2


def _tx(
    code: TransactionCode, shares: str, price: str, ad: AcquiredDisposed, after: str
) -> NonDerivativeTransaction:
    return NonDerivativeTransaction(
        security_title=Fact("Common Stock"),
        transaction_date=Fact(date(2023, 12, 8)),
        transaction_coding=TransactionCoding(transaction_form_type="4", transaction_code=code),
        transaction_shares=Fact(Decimal(shares), ("F1",)),
        transaction_price_per_share=Fact(Decimal(price), ("F2", "F3")),
        transaction_acquired_disposed_code=Fact(ad),
        shares_owned_following_transaction=Fact(Decimal(after)),
    )


def test_filing_rows_fit_the_schema_and_carry_derived_values() -> None:
    doc = OwnershipDocument(
        document_type=DocumentType.FORM_4,
        period_of_report=date(2023, 12, 8),
        reporting_owners=(
            ReportingOwner(
                rpt_owner_cik="2", relationship=Relationship(is_officer=True, officer_title="CEO")
            ),
            ReportingOwner(rpt_owner_cik="1"),
        ),
        non_derivative_table=(
            NonDerivativeHolding(security_title=Fact("Common Stock")),
            _tx(TransactionCode.S, "100", "12.123456789012", AcquiredDisposed.DISPOSED, "300"),
        ),
        derivative_table=(
            DerivativeTransaction(
                transaction_coding=TransactionCoding(transaction_code=TransactionCode.M),
                transaction_date=Fact(date(2023, 12, 8)),
            ),
        ),
    )
    filing = Filing(
        source=Source(sha256="ab" * 32, size=10, format=SourceFormat.SUBMISSION_TEXT, name="x.txt"),
        document=doc,
        header=SubmissionHeader(filed_as_of_date=date(2023, 12, 12)),
        accession_number="0000000001-23-000001",
    )
    rows = filing_rows(filing)
    for name, table_rows in rows.tables.items():
        for row in table_rows:
            assert len(row) == len(table(name).columns), name
    tx = dict(
        zip(
            table("non_derivative_transactions").column_names,
            rows.tables["non_derivative_transactions"][0],
            strict=True,
        )
    )
    assert tx["row_index"] == 1  # position in Table I as filed, holdings included
    assert tx["transaction_shares_fn"] == "F1"
    assert tx["transaction_price_per_share_fn"] == "F2,F3"
    assert tx["transaction_price_per_share"] == Decimal("12.1234567890")  # DECIMAL(38,10)
    assert tx["trade_type"] == "Sale+OE"  # an M exercise in the same filing
    assert tx["open_market"] == "sale"
    assert tx["shares_owned_before"] == Decimal(400)
    assert tx["filing_delay_days"] == 2
    f = dict(zip(table("filings").column_names, rows.tables["filings"][0], strict=True))
    assert f["owner_ciks"] == "1,2"
    assert f["earliest_transaction_date"] == date(2023, 12, 8)
    assert f["filing_delay_days"] == 2
    owner = dict(zip(table("owners").column_names, rows.tables["owners"][0], strict=True))
    assert owner["roles"] == "CEO"
