"""Tests of ``section16 synth``: determinism, read-back equality, the mix of activity, running positions,
accession numbers and filing dates, and the command line."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from section16.cli import main
from section16.errors import ConfigError
from section16.model import (
    AcquiredDisposed,
    DerivativeHolding,
    DerivativeTransaction,
    DirectIndirect,
    DocumentType,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    TransactionCode,
)
from section16.parse import read_filing
from section16.services.synth import SynthFiling, generate, plan_quotas, synthesize
from section16.services.validation import xsd_findings
from section16.validate import Severity, validate_filing
from section16.validate.calendar import add_business_days
from section16.write.submission import write_submission_text
from section16.write.xml import write_ownership_xml
from tests.conftest import CORPUS

ACCESSION = re.compile(r"^\d{10}-\d{2}-\d{6}$")
WEIGHTED = re.compile(r"weighted average .*ranging from \$[\d,]+\.\d\d to \$[\d,]+\.\d\d")


@pytest.fixture(scope="module")
def run() -> list[SynthFiling]:
    return list(generate(3000, seed=11))


def test_plan_quotas_sum_exactly_and_leave_no_issuer_empty() -> None:
    for filings in (1, 7, 149, 151, 1000, 12345):
        quotas = plan_quotas(filings, seed=3)
        assert sum(quotas) == filings
        assert min(quotas) >= 1
    assert plan_quotas(0, seed=3) == ()
    assert len(plan_quotas(100_000, seed=1)) > 500  # many issuers, not a few huge ones


def test_the_same_seed_gives_the_same_filings_and_another_seed_others(run: list[SynthFiling]) -> None:
    again = list(generate(3000, seed=11))
    assert again == run
    other = list(generate(3000, seed=12))
    assert [f.document for f in other] != [f.document for f in run]
    assert len(run) == 3000


def test_files_are_the_same_for_a_seed_whatever_the_number_of_jobs(tmp_path: Path) -> None:
    one = synthesize(tmp_path / "one", filings=400, seed=5, submissions=True, jobs=1)
    two = synthesize(tmp_path / "two", filings=400, seed=5, submissions=True, jobs=2)
    assert one.filings == two.filings == 400
    assert one.files == two.files == 800
    assert one.kinds == two.kinds
    names = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*.*"))
    assert names == sorted(p.relative_to(tmp_path / "two") for p in (tmp_path / "two").rglob("*.*"))
    assert len(names) == 800
    for name in names:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_every_generated_document_reads_back_equal(run: list[SynthFiling]) -> None:
    for made in run:
        xml = write_ownership_xml(made.document)
        filing = read_filing(xml, name=f"{made.accession_number}.xml")
        assert filing.document == made.document, made.accession_number
        assert filing.accession_number == made.accession_number
        assert not filing.document.unparsed and not filing.document.extras


def test_every_generated_submission_reads_back_with_its_header(run: list[SynthFiling]) -> None:
    for made in run[::7]:
        text = write_submission_text(made.header, write_ownership_xml(made.document))
        filing = read_filing(text, name=f"{made.accession_number}.txt")
        assert filing.document == made.document
        header = filing.header
        assert header is not None
        assert filing.accession_number == made.accession_number
        for name in (
            "accession_number",
            "submission_type",
            "public_document_count",
            "period_of_report",
            "filed_as_of_date",
            "acceptance_datetime",
        ):
            assert getattr(header, name) == getattr(made.header, name), (made.accession_number, name)
        assert [(e.role, e.cik, e.conformed_name) for e in header.entities] == [
            (e.role, e.cik, e.conformed_name) for e in made.header.entities
        ]
        assert header.issuer is not None and made.header.issuer is not None
        assert header.issuer.fiscal_year_end == made.header.issuer.fiscal_year_end
        assert filing.source.document_filename == made.header.documents[0].filename


def _codes(made: SynthFiling) -> set[tuple[str, TransactionCode]]:
    found = set()
    for table, rows in (("I", made.document.non_derivative_table), ("II", made.document.derivative_table)):
        for row in rows:
            if isinstance(row, NonDerivativeTransaction | DerivativeTransaction) and row.transaction_coding:
                code = row.transaction_coding.transaction_code
                assert code is not None
                found.add((table, code))
    return found


def test_the_mix_holds_every_kind_of_activity(run: list[SynthFiling]) -> None:
    kinds = set().union(*(f.kinds for f in run))
    expected = {
        "form3",
        "no-securities",
        "grant",
        "option-grant",
        "exercise",
        "withholding",
        "plan-sale",
        "sale",
    }
    expected |= {"purchase", "cluster-purchase", "gift", "form5", "amendment", "holding", "indirect", "joint"}
    expected |= {"late", "weighted-average", "fund-sale"}
    assert expected <= kinds
    types = {f.document.document_type for f in run}
    assert {DocumentType.FORM_3, DocumentType.FORM_4, DocumentType.FORM_4A, DocumentType.FORM_5} <= types
    codes = set().union(*(_codes(f) for f in run))
    for table, code in [("I", "A"), ("I", "M"), ("II", "M"), ("II", "A"), ("I", "F"), ("I", "S"), ("I", "P")]:
        assert (table, TransactionCode(code)) in codes
    assert ("I", TransactionCode.G) in codes and ("I", TransactionCode.L) in codes


def test_the_kinds_describe_what_the_documents_hold(run: list[SynthFiling]) -> None:
    for made in run:
        doc = made.document
        codes = {code for _table, code in _codes(made)}
        rows = doc.non_derivative_transactions
        if "grant" in made.kinds:  # annual grants are awards at price 0
            grants = [
                r for r in rows if r.transaction_coding and r.transaction_coding.transaction_code == "A"
            ]
            assert grants and all(
                r.transaction_price_per_share.value == 0 for r in grants if r.transaction_price_per_share
            )
        if (
            "exercise" in made.kinds and "misstated" not in made.kinds
        ):  # M in Table II with a matching M acquisition in Table I
            (option,) = doc.derivative_transactions
            (common,) = [
                r for r in rows if r.transaction_coding and r.transaction_coding.transaction_code == "M"
            ]
            assert option.transaction_shares == common.transaction_shares
            assert option.transaction_acquired_disposed_code.value is AcquiredDisposed.DISPOSED  # type: ignore[union-attr]
            assert common.transaction_price_per_share == option.conversion_or_exercise_price
        if "plan-sale" in made.kinds and doc.schema_version == "X0508":
            assert doc.aff10b5_one is True
        if "weighted-average" in made.kinds:
            texts = [n.text for n in doc.footnotes]
            assert any(WEIGHTED.search(t) for t in texts), texts
        if "joint" in made.kinds:
            assert len(doc.reporting_owners) == 3 == len(doc.owner_signatures)
            assert all(o.relationship and o.relationship.is_ten_percent_owner for o in doc.reporting_owners)
        if "indirect" in made.kinds:
            indirect = [
                r
                for r in doc.non_derivative_table
                if r.direct_or_indirect_ownership.value is DirectIndirect.INDIRECT
            ]  # type: ignore[union-attr]
            assert indirect and all(r.nature_of_ownership and r.nature_of_ownership.value for r in indirect)
            assert all(r.nature_of_ownership.footnote_ids for r in indirect)  # type: ignore[union-attr]
        if doc.document_type is DocumentType.FORM_5 or "early" in made.kinds:  # deferred: gifts, Rule 16a-6
            assert codes and codes <= {TransactionCode.G, TransactionCode.L}
        if "no-securities" in made.kinds:
            assert (
                doc.no_securities_owned is True and not doc.non_derivative_table and not doc.derivative_table
            )


def test_cluster_purchases_are_several_insiders_of_one_issuer_within_a_week(run: list[SynthFiling]) -> None:
    buys: dict[str, list[tuple[date, str]]] = defaultdict(list)
    for made in run:
        if "cluster-purchase" in made.kinds:
            assert made.document.issuer and made.document.issuer.issuer_cik and made.document.period_of_report
            owner = made.document.reporting_owners[0].rpt_owner_cik or ""
            buys[made.document.issuer.issuer_cik].append((made.document.period_of_report, owner))
    clustered = 0
    for trades in buys.values():
        trades.sort()
        for i, (day, _owner) in enumerate(trades):
            week = {owner for when, owner in trades[i:] if when - day <= timedelta(days=7)}
            clustered += len(week) >= 3
    assert clustered > 0


def test_amendments_correct_a_number_of_their_original(run: list[SynthFiling]) -> None:
    by_accession = {f.accession_number: f for f in run}
    amendments = [f for f in run if f.document.document_type is DocumentType.FORM_4A]
    assert amendments
    for amendment in amendments:
        assert amendment.amends is not None
        original = by_accession[amendment.amends]
        assert "misstated" in original.kinds
        assert amendment.document.date_of_original_submission == original.header.filed_as_of_date
        assert amendment.header.filed_as_of_date > original.header.filed_as_of_date  # type: ignore[operator]
        assert amendment.document.remarks and "corrects" in amendment.document.remarks
        first, fixed = original.document.non_derivative_table, amendment.document.non_derivative_table
        changed = [(a, b) for a, b in zip(first, fixed, strict=True) if a != b]
        assert len(changed) == 1
        wrong, right = changed[0]
        assert isinstance(wrong, NonDerivativeTransaction) and isinstance(right, NonDerivativeTransaction)
        assert replace(wrong, transaction_price_per_share=right.transaction_price_per_share) == right


def _row_key(owner: str, row: object) -> tuple[object, ...]:
    if isinstance(row, DerivativeTransaction | DerivativeHolding):
        price = row.conversion_or_exercise_price.value if row.conversion_or_exercise_price else None
        expires = row.expiration_date.value if row.expiration_date else None
        return (owner, "II", row.security_title.value if row.security_title else None, price, expires)
    assert isinstance(row, NonDerivativeTransaction | NonDerivativeHolding)
    nature = row.nature_of_ownership.value if row.nature_of_ownership else None
    how = row.direct_or_indirect_ownership.value if row.direct_or_indirect_ownership else None
    return (owner, "I", row.security_title.value if row.security_title else None, how, nature)


def test_shares_owned_following_each_row_is_the_running_position(run: list[SynthFiling]) -> None:
    """Replay every row in the order of its transaction date (holdings at the document's date): each
    ``sharesOwnedFollowingTransaction`` is the previous position plus or minus the row's shares."""
    events = []
    for index, made in enumerate(run):
        doc = made.document
        if doc.document_type is DocumentType.FORM_4A:  # restates its original: counted once
            continue
        owner = doc.reporting_owners[0].rpt_owner_cik or ""
        for position, row in enumerate((*doc.non_derivative_table, *doc.derivative_table)):
            when = (
                row.transaction_date.value
                if not isinstance(row, NonDerivativeHolding | DerivativeHolding) and row.transaction_date
                else doc.period_of_report
            )
            events.append((when, index, position, owner, row))
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    held: dict[tuple[object, ...], Decimal] = {}
    checked = 0
    for _when, _index, _position, owner, row in events:
        key = _row_key(owner, row)
        if isinstance(row, DerivativeHolding):
            # Form 3's derivative holdings have no postTransactionAmounts (ownership3Document.xsd): the
            # options held are the shares underlying them, one for one.
            assert row.shares_owned_following_transaction is None
            after = row.underlying_security_shares.value  # type: ignore[union-attr]
        else:
            after = row.shares_owned_following_transaction.value  # type: ignore[union-attr]
        assert after is not None and after >= 0
        if isinstance(row, NonDerivativeHolding | DerivativeHolding):
            if key in held:
                assert held[key] == after, key
            held[key] = after
            continue
        shares = row.transaction_shares.value  # type: ignore[union-attr]
        assert shares is not None and shares > 0
        sign = 1 if row.transaction_acquired_disposed_code.value is AcquiredDisposed.ACQUIRED else -1  # type: ignore[union-attr]
        assert held.get(key, Decimal(0)) + sign * shares == after, key
        held[key] = after
        checked += 1
    assert checked > 2000


def test_accession_numbers_are_unique_and_well_formed_and_filings_mostly_on_time(
    run: list[SynthFiling],
) -> None:
    accessions = [f.accession_number for f in run]
    assert len(set(accessions)) == len(accessions)
    assert all(ACCESSION.match(a) for a in accessions)
    on_time = late = 0
    for made in run:
        filed = made.header.filed_as_of_date
        assert filed is not None and made.header.acceptance_datetime is not None
        assert made.accession_number[11:13] == f"{filed.year % 100:02d}"
        assert made.header.acceptance_datetime.date() <= filed
        if made.document.document_type is DocumentType.FORM_4 and "early" not in made.kinds:
            assert made.document.period_of_report is not None
            if filed <= add_business_days(made.document.period_of_report, 2):
                on_time += 1
            else:
                late += 1
                assert "late" in made.kinds
    assert late > 0
    assert on_time > 0.9 * (on_time + late)


def test_bad_arguments_raise_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--start"):
        synthesize(tmp_path, filings=10, start=date(1999, 1, 1))
    with pytest.raises(ConfigError, match="--jobs"):
        synthesize(tmp_path, filings=10, jobs=0 - 1)
    with pytest.raises(ConfigError, match="--filings"):
        list(generate(-5))


def test_cli_writes_the_files_and_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "synth"
    result = CliRunner().invoke(
        main, ["synth", "--filings", "120", "--seed", "2", "--out", str(out), "--submissions"]
    )
    assert result.exit_code == 0, result.output
    assert "120 filing(s) of 1 issuer(s), 240 file(s)" in result.output
    xml_files = sorted(out.rglob("*.xml"))
    assert len(xml_files) == 120 and len(list(out.rglob("*.txt"))) == 120
    for path in xml_files[:20]:
        filing = read_filing(path.read_bytes(), name=path.name)
        assert filing.accession_number == path.stem
        assert path.parent.name == filing.document.issuer.issuer_cik  # type: ignore[union-attr]


def test_cli_reports_a_bad_start_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["synth", "-n", "5", "--out", str(tmp_path), "--start", "1990-01-01"])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "--start 1990-01-01" in result.output


def test_every_generated_document_is_valid(run: list[SynthFiling]) -> None:
    """Every rule passes each generated filing (late filings and a few holding chains are warnings, on
    purpose), and where the SEC's XSDs are at hand every document in schema X0508 validates against its
    form's; older ones are X0306, which has no aff10b5One, as filed then (the v5.5 XSDs require it)."""
    schemas = CORPUS / "schema"
    checked = 0
    for made in run:
        xml = write_ownership_xml(made.document)
        filing = read_filing(xml, name=f"{made.accession_number}.xml")
        errors = [f for f in validate_filing(filing) if f.severity is Severity.ERROR]
        assert errors == [], (made.accession_number, errors)
        assert made.document.schema_version in ("X0306", "X0508")
        if schemas.is_dir() and made.document.schema_version == "X0508":
            assert xsd_findings(xml, filing, xsd_dir=schemas) == [], made.accession_number
            checked += 1
    assert checked > 500 or not schemas.is_dir()
