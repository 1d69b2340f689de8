"""Deadlines of Forms 3, 4, 5 and the filing date (spec.md section 4), including the seed filing."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from section16.validate import validate_filing
from section16.validate.deadlines import due_date, filing_date, filing_deadline, fiscal_year_end
from tests.validate._xml import document, filing, submission, tx

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def test_seed_filing_due_and_on_time() -> None:
    expected_files = sorted(SEEDS.glob("*.expected.json"))
    if not expected_files:
        pytest.skip(f"no seeds at {SEEDS}")
    seed = json.loads(expected_files[0].read_text())
    when = date.fromisoformat(seed["non_derivative_transactions"][0]["transaction_date"])
    deadline = due_date(4, when)
    assert deadline.due.isoformat() == seed["filing_deadline"]["due"] == "2023-12-12"
    signed = date.fromisoformat(seed["signatures"][0]["date"])
    assert (signed <= deadline.due) is seed["filing_deadline"]["signed_on_or_before_due"]
    assert "Fri 2023-12-08" in deadline.why and "Tue 2023-12-12" in deadline.why


def test_form3_and_form5_move_to_the_next_business_day() -> None:
    assert due_date(3, date(2023, 12, 22)).due == date(2024, 1, 2)  # Jan 1 is a holiday
    assert due_date(3, date(2023, 6, 1)).due == date(2023, 6, 12)  # June 11 is a Sunday
    assert due_date(5, date(2023, 12, 31)).due == date(2024, 2, 14)
    assert due_date(5, date(2022, 12, 31)).due == date(2023, 2, 14)
    with pytest.raises(ValueError):
        due_date(6, date(2023, 1, 1))


def test_fiscal_year_end_from_header() -> None:
    assert fiscal_year_end(date(2023, 12, 31), "1231") == date(2023, 12, 31)
    assert fiscal_year_end(date(2023, 8, 15), "0930") == date(2023, 9, 30)
    assert fiscal_year_end(date(2023, 2, 1), "0229") == date(2023, 2, 28)
    assert fiscal_year_end(date(2023, 12, 31), None) == date(2023, 12, 31)


def test_filing_date_rule_13a4() -> None:
    assert filing_date(datetime(2023, 12, 12, 22, 0)) == date(2023, 12, 12)
    assert filing_date(datetime(2023, 12, 12, 22, 0, 1)) == date(2023, 12, 13)
    assert filing_date(datetime(2023, 12, 9, 10, 0)) == date(2023, 12, 11)  # Saturday


def test_late_when_accepted_after_10pm_on_the_due_date() -> None:
    late = filing(submission(document(), accepted="20231212221500"), name="a.txt")
    measured = filing_deadline(late)
    assert measured is not None and measured.late and measured.filed == date(2023, 12, 13)
    found = [f for f in validate_filing(late) if f.rule == "deadlines.late"]
    assert len(found) == 1 and found[0].severity == "error"
    on_time = filing(submission(document(), accepted="20231212213000"), name="b.txt")
    assert not [f for f in validate_filing(on_time) if f.rule == "deadlines.late"]


def test_late_by_signature_is_a_warning() -> None:
    found = [f for f in validate_filing(filing(signed="2023-12-14")) if f.rule == "deadlines.late"]
    assert [f.severity for f in found] == ["warning"]
    assert "due 2023-12-12" in found[0].message


def test_deemed_execution_date_counts_and_early_rows_do_not() -> None:
    deemed = filing(rows=tx(date="2023-12-05", deemed="2023-12-08"), period="2023-12-05")
    measured = filing_deadline(deemed)
    assert measured is not None and measured.deadline.due == date(2023, 12, 12) and not measured.late
    early = tx(date="2023-11-01").replace("<transactionFormType>4<", "<transactionFormType>5<")
    measured = filing_deadline(filing(rows=early + tx(), period="2023-11-01"))
    assert measured is not None and measured.deadline.start == date(2023, 12, 8)


def test_form5_uses_header_fiscal_year_end() -> None:
    xml = document(form="5", period="2023-09-30", rows=tx(date="2023-05-01", code="G", price="0"))
    measured = filing_deadline(
        filing(submission(xml, accepted="20231114120000", form="5", fiscal_year_end="0930"), name="c.txt")
    )
    assert measured is not None and measured.deadline.due == date(2023, 11, 14) and not measured.late


def test_amendments_have_no_deadline() -> None:
    xml = document(form="4/A", extra_top="<dateOfOriginalSubmission>2023-12-12</dateOfOriginalSubmission>")
    assert filing_deadline(filing(xml)) is None
