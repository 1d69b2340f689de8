"""``write.sec_datasets`` and ``write.arrow``: the SEC's column order, dates, ``_FN`` twins on a real
filing checked by hand against its XML, surrogate keys, the TSV round trip, the Arrow types."""

from __future__ import annotations

import csv
import dataclasses
from datetime import date
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pytest

from section16.errors import ParseError
from section16.model import Filing, Footnote, Signature
from section16.parse import read_filing
from section16.write.arrow import DECIMAL_TYPE, dataset_tables, transactions_table
from section16.write.records import typed_transaction_rows
from section16.write.sec_datasets import (
    TABLES,
    DatasetError,
    DuplicateAccessionError,
    SecDatasetBuilder,
    dataset_rows,
    format_date,
    read_dataset_tsv,
    table_columns,
    write_dataset_tsv,
)
from tests.conftest import corpus_files

JOINT = "0000895345-23-000388"  # Garrett Motion, eight Centerbridge owners, footnotes on most leaves


def _joint(corpus_dir: Path) -> Filing:
    path = corpus_dir / "submissions" / f"{JOINT}.txt"
    return read_filing(path.read_bytes(), name=path.name)


def _by_column(table: str, row: tuple[str, ...]) -> dict[str, str]:
    return dict(zip(table_columns(table), row, strict=True))


def test_the_eight_tables_in_the_sec_order() -> None:
    assert list(TABLES) == [
        "SUBMISSION",
        "REPORTINGOWNER",
        "NONDERIV_TRANS",
        "NONDERIV_HOLDING",
        "DERIV_TRANS",
        "DERIV_HOLDING",
        "FOOTNOTES",
        "OWNER_SIGNATURE",
    ]
    assert table_columns("SUBMISSION")[:3] == ("ACCESSION_NUMBER", "FILING_DATE", "PERIOD_OF_REPORT")
    assert table_columns("SUBMISSION")[-1] == "AFF10B5ONE"
    assert table_columns("NONDERIV_TRANS")[:4] == (
        "ACCESSION_NUMBER",
        "NONDERIV_TRANS_SK",
        "SECURITY_TITLE",
        "SECURITY_TITLE_FN",
    )
    # The coding's footnotes sit after EQUITY_SWAP_INVOLVED (SEC readme), not after each coding leaf.
    trans = table_columns("DERIV_TRANS")
    i = trans.index("TRANS_FORM_TYPE")
    assert trans[i : i + 4] == (
        "TRANS_FORM_TYPE",
        "TRANS_CODE",
        "EQUITY_SWAP_INVOLVED",
        "EQUITY_SWAP_TRANS_CD_FN",
    )
    for table in ("NONDERIV_TRANS", "NONDERIV_HOLDING", "DERIV_TRANS", "DERIV_HOLDING"):
        columns = table_columns(table)
        for name in columns:
            if name.endswith("_FN") and name != "EQUITY_SWAP_TRANS_CD_FN":
                assert columns[columns.index(name) - 1] == name.removesuffix("_FN"), name


@pytest.mark.corpus
def test_deriv_holding_columns_are_those_of_the_sec_data_set(corpus_dir: Path) -> None:
    path = corpus_dir / "datasets" / "aidanbaughan" / "DerivHoldings2024.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    assert tuple(header) == table_columns("DERIV_HOLDING")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (date(2023, 12, 8), "08-DEC-2023"),
        (date(2024, 1, 31), "31-JAN-2024"),
        (date(999, 5, 1), "01-MAY-0999"),
    ],
)
def test_dates_are_dd_mon_yyyy(value: date, text: str) -> None:
    assert format_date(value) == text


@pytest.mark.corpus
def test_a_real_joint_filing_checked_by_hand(corpus_dir: Path) -> None:
    tables = dataset_rows([_joint(corpus_dir)])
    (submission,) = tables["SUBMISSION"]
    assert _by_column("SUBMISSION", submission) == {
        "ACCESSION_NUMBER": JOINT,
        "FILING_DATE": "14-JUN-2023",  # FILED AS OF DATE: 20230614
        "PERIOD_OF_REPORT": "12-JUN-2023",
        "DATE_OF_ORIG_SUB": "",
        "NO_SECURITIES_OWNED": "",
        "NOT_SUBJECT_SEC16": "",
        "FORM3_HOLDINGS_REPORTED": "",
        "FORM4_TRANS_REPORTED": "",
        "DOCUMENT_TYPE": "4",
        "ISSUERCIK": "0001735707",
        "ISSUERNAME": "Garrett Motion Inc.",
        "ISSUERTRADINGSYMBOL": "GTX,GTXAP",
        "REMARKS": submission[12],
        "AFF10B5ONE": "1",  # <aff10b5One>true</aff10b5One>
    }
    assert submission[12].startswith("The Reporting Persons are jointly filing this Form 4.")
    owner = _by_column("REPORTINGOWNER", tables["REPORTINGOWNER"][0])
    assert owner["RPTOWNERCIK"] == "0001674541"
    assert owner["RPTOWNERNAME"] == "Centerbridge Special Credit Partners III-Flex, L.P."
    assert owner["RPTOWNER_RELATIONSHIP"] == "TenPercentOwner"
    assert owner["RPTOWNER_STREET1"] == "375 PARK AVENUE, 11TH FLOOR"
    assert owner["FILE_NUMBER"] == "001-38636"  # the header's REPORTING-OWNER block of CIK 0001674541
    first = _by_column("NONDERIV_TRANS", tables["NONDERIV_TRANS"][0])
    assert first == {
        "ACCESSION_NUMBER": JOINT,
        "NONDERIV_TRANS_SK": "1",
        "SECURITY_TITLE": "Common Stock",
        "SECURITY_TITLE_FN": "",
        "TRANS_DATE": "12-JUN-2023",
        "TRANS_DATE_FN": "",
        "DEEMED_EXECUTION_DATE": "",
        "DEEMED_EXECUTION_DATE_FN": "",
        "TRANS_FORM_TYPE": "4",
        "TRANS_CODE": "M",
        "EQUITY_SWAP_INVOLVED": "0",
        "EQUITY_SWAP_TRANS_CD_FN": "F1,F4",
        "TRANS_TIMELINESS": "",
        "TRANS_TIMELINESS_FN": "",
        "TRANS_SHARES": "9160474",
        "TRANS_SHARES_FN": "F1",
        "TRANS_PRICEPERSHARE": "",
        "TRANS_PRICEPERSHARE_FN": "F4",
        "TRANS_ACQUIRED_DISP_CD": "A",
        "TRANS_ACQUIRED_DISP_CD_FN": "F1",
        "SHRS_OWND_FOLWNG_TRANS": "10764999",
        "SHRS_OWND_FOLWNG_TRANS_FN": "",
        "VALU_OWND_FOLWNG_TRANS": "",
        "VALU_OWND_FOLWNG_TRANS_FN": "",
        "DIRECT_INDIRECT_OWNERSHIP": "I",
        "DIRECT_INDIRECT_OWNERSHIP_FN": "",
        "NATURE_OF_OWNERSHIP": "See footnote",
        "NATURE_OF_OWNERSHIP_FN": "F2",
    }
    third = _by_column("NONDERIV_TRANS", tables["NONDERIV_TRANS"][2])
    assert (third["NONDERIV_TRANS_SK"], third["TRANS_PRICEPERSHARE"], third["TRANS_PRICEPERSHARE_FN"]) == (
        "3",
        "8.177",
        "F1",
    )
    assert [row[1] for row in tables["FOOTNOTES"]] == ["F1", "F2", "F3", "F4"]
    signatures = tables["OWNER_SIGNATURE"]
    assert len(signatures) == 8
    # The first signature name spans two lines in the XML; the new line becomes a space.
    assert signatures[0][1].startswith("CENTERBRIDGE CREDIT PARTNERS MASTER, L.P.")
    assert "\n" not in signatures[0][1] and "By: Centerbridge Credit GP Investors" in signatures[0][1]
    assert {row[2] for row in signatures} == {"14-JUN-2023"}


GOOD = read_filing(
    b"""<?xml version="1.0"?><ownershipDocument><documentType>3</documentType>
<periodOfReport>2023-12-08</periodOfReport><noSecuritiesOwned>1</noSecuritiesOwned>
<issuer><issuerCik>0001279704</issuerCik><issuerName>Cellectar</issuerName></issuer>
<reportingOwner><reportingOwnerId><rptOwnerCik>0001234567</rptOwnerCik></reportingOwnerId>
<reportingOwnerRelationship><isDirector>1</isDirector><isOfficer>true</isOfficer>
<officerTitle>CFO</officerTitle></reportingOwnerRelationship></reportingOwner>
<derivativeTable><derivativeHolding><securityTitle><value>Warrant</value></securityTitle>
<conversionOrExercisePrice><value>0.123456789012</value></conversionOrExercisePrice>
</derivativeHolding></derivativeTable>
<remarks>line one\ttab\r\nline two</remarks></ownershipDocument>""",
    name="0001279704-23-000101.xml",
)


def test_booleans_relationship_and_white_space_in_values() -> None:
    tables = dataset_rows([GOOD])
    submission = _by_column("SUBMISSION", tables["SUBMISSION"][0])
    assert submission["NO_SECURITIES_OWNED"] == "1"
    assert submission["FILING_DATE"] == ""  # a bare XML carries no filing date
    assert submission["REMARKS"] == "line one tab line two"  # XML reads CR LF as one LF
    owner = _by_column("REPORTINGOWNER", tables["REPORTINGOWNER"][0])
    assert (owner["RPTOWNER_RELATIONSHIP"], owner["RPTOWNER_TITLE"]) == ("Director,Officer", "CFO")


def test_surrogate_keys_count_across_the_export_and_accessions_are_required() -> None:
    builder = SecDatasetBuilder()
    second = dataclasses.replace(GOOD, accession_number="0001279704-23-000102")
    assert builder.add(GOOD)["DERIV_HOLDING"][0][1] == 1
    assert builder.add(second)["DERIV_HOLDING"][0][1] == 2
    with pytest.raises(DuplicateAccessionError, match="0001279704-23-000101 was already exported"):
        builder.add(GOOD)
    with pytest.raises(DatasetError, match="no accession number"):
        builder.add(dataclasses.replace(GOOD, accession_number=None))
    with pytest.raises(DatasetError, match="no ownership document"):
        builder.add(dataclasses.replace(GOOD, accession_number="0001279704-23-000103", document=None))


def test_tsv_round_trip_of_awkward_values() -> None:
    assert GOOD.document is not None
    document = dataclasses.replace(
        GOOD.document,
        footnotes=(Footnote(id="F1", text="a\tb\nc\rd é ✓"),),
        owner_signatures=(Signature(signature_name="x", signature_date=date(2024, 2, 29)),),
    )
    tables = dataset_rows([dataclasses.replace(GOOD, document=document)])
    assert tables["FOOTNOTES"] == [("0001279704-23-000101", "F1", "a b c d é ✓")]
    assert tables["OWNER_SIGNATURE"] == [("0001279704-23-000101", "x", "29-FEB-2024")]
    for table, rows in tables.items():
        data = write_dataset_tsv(table, rows)
        assert data.split(b"\n")[0] == "\t".join(table_columns(table)).encode()
        assert read_dataset_tsv(data, table=table) == rows


@pytest.mark.corpus
def test_tsv_round_trip_of_the_whole_corpus(corpus_dir: Path) -> None:
    filings: dict[str, Filing] = {}
    for path in corpus_files("xml", "*.xml"):
        filing = read_filing(path.read_bytes(), name=path.name)
        if filing.accession_number is not None:
            filings.setdefault(filing.accession_number, filing)
    tables = dataset_rows(filings.values())
    assert len(tables["SUBMISSION"]) == len(filings) > 1000
    for table, rows in tables.items():
        assert read_dataset_tsv(write_dataset_tsv(table, rows), table=table) == rows


def test_reading_a_wrong_tsv_names_file_line_and_column() -> None:
    with pytest.raises(ParseError) as info:
        read_dataset_tsv(b"ACCESSION_NUMBER\tFOOTNOTE\tFOOTNOTE_TXT\n", table="FOOTNOTES", source="F.tsv")
    assert (info.value.source, info.value.line, info.value.column) == ("F.tsv", 1, 2)
    good_header = "\t".join(table_columns("FOOTNOTES"))
    with pytest.raises(ParseError) as info:
        read_dataset_tsv(f"{good_header}\nA\tF1\ttext\nA\tF2\n".encode(), table="FOOTNOTES", source="F.tsv")
    assert (info.value.line, str(info.value).split(":")[:2]) == (3, ["F.tsv", "3"])


def test_arrow_tables_are_typed() -> None:
    builder = SecDatasetBuilder()
    tables = dataset_tables(builder.add(GOOD))
    assert set(tables) == set(TABLES)
    submission = tables["SUBMISSION"]
    assert submission.schema.field("PERIOD_OF_REPORT").type == pa.date32()
    assert submission.schema.field("NO_SECURITIES_OWNED").type == pa.bool_()
    assert submission.column("PERIOD_OF_REPORT").to_pylist() == [date(2023, 12, 8)]
    holding = tables["DERIV_HOLDING"]
    assert holding.schema.field("DERIV_HOLDING_SK").type == pa.int64()
    # 12 fraction digits do not fit decimal128(38, 10): the column keeps the exact text instead.
    assert holding.schema.field("CONV_EXERCISE_PRICE").type == pa.string()
    assert holding.column("CONV_EXERCISE_PRICE").to_pylist() == ["0.123456789012"]
    assert holding.schema.field("UNDLYNG_SEC_SHARES").type == DECIMAL_TYPE
    assert tables["NONDERIV_TRANS"].num_rows == 0


@pytest.mark.corpus
def test_arrow_transactions_of_a_real_filing(corpus_dir: Path) -> None:
    table = transactions_table(typed_transaction_rows(_joint(corpus_dir)))
    assert table.schema.field("transaction_shares").type == DECIMAL_TYPE
    assert table.schema.field("transaction_date").type == pa.date32()
    first = table.slice(0, 1).to_pylist()[0]
    assert first["transaction_shares"] == Decimal("9160474")
    assert first["transaction_price_per_share_footnote_ids"] == "F4"
    assert first["row"] == 1
