"""``write.records``: the model as JSON-ready dicts and back (every corpus filing, generated models), and
flat transaction rows checked by hand against a real filing."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from section16.errors import ParseError
from section16.model import Fact, Filing
from section16.parse import read_filing
from section16.write.records import (
    TRANSACTION_COLUMNS,
    filing_from_dict,
    filing_to_dict,
    row_kind,
    transaction_rows,
)
from tests.conftest import corpus_files

CORPUS_FILES = corpus_files("xml", "*.xml") + corpus_files("submissions", "*.*")


def _read(path: Path) -> Filing:
    return read_filing(path.read_bytes(), name=path.name)


def _round_trip(filing: Filing) -> Filing:
    return filing_from_dict(json.loads(json.dumps(filing_to_dict(filing))))


@pytest.mark.corpus
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_every_corpus_filing_survives_json(path: Path) -> None:
    filing = _read(path)
    assert _round_trip(filing) == filing


# --- generated models: a strategy for every type the model uses, derived from its type hints ---------

_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
_DECIMAL = st.decimals(
    allow_nan=False, allow_infinity=False, places=None, min_value=-(10**12), max_value=10**12
)


def _strategy(tp: Any) -> st.SearchStrategy[Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        strategy = st.one_of(*(_strategy(a) for a in args))
        return st.none() | strategy if len(args) < len(typing.get_args(tp)) else strategy
    if origin is Fact:
        (arg,) = typing.get_args(tp)
        return st.builds(
            Fact, st.none() | _strategy(arg), st.tuples() | st.tuples(st.sampled_from(["F1", "F2"]))
        )
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return st.lists(_strategy(args[0]), max_size=2).map(tuple)
        return st.tuples(*(_strategy(a) for a in args))
    if isinstance(tp, type) and issubclass(tp, Enum):
        return st.sampled_from(list(tp))
    simple: dict[Any, st.SearchStrategy[Any]] = {
        str: _TEXT,
        bool: st.booleans(),
        int: st.integers(-(2**40), 2**40),
        float: st.floats(0, 1),  # a confidence
        Decimal: _DECIMAL,
        date: st.dates(),
        datetime: st.datetimes(),
    }
    if tp in simple:
        return simple[tp]
    assert dataclasses.is_dataclass(tp), tp
    hints = typing.get_type_hints(tp)
    return st.builds(
        tp, **{f.name: st.deferred(lambda h=hints[f.name]: _strategy(h)) for f in dataclasses.fields(tp)}
    )


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(_strategy(Filing))
def test_generated_filings_survive_json(filing: Filing) -> None:
    assert _round_trip(filing) == filing


# --- the encoding ------------------------------------------------------------------------------------

GOOD = b"""<?xml version="1.0"?><ownershipDocument><schemaVersion>X0508</schemaVersion>
<documentType>4</documentType><periodOfReport>2023-12-08</periodOfReport>
<issuer><issuerCik>0001279704</issuerCik><issuerName>Cellectar Biosciences, Inc.</issuerName>
<issuerTradingSymbol>CLRB</issuerTradingSymbol></issuer>
<reportingOwner><reportingOwnerId><rptOwnerCik>0001234567</rptOwnerCik>
<rptOwnerName>Shustov Andrei</rptOwnerName></reportingOwnerId>
<reportingOwnerRelationship><isOfficer>1</isOfficer><officerTitle>CFO</officerTitle>
</reportingOwnerRelationship></reportingOwner><aff10b5One>0</aff10b5One>
<nonDerivativeTable><nonDerivativeHolding><securityTitle><value>Common Stock</value></securityTitle>
<postTransactionAmounts><sharesOwnedFollowingTransaction><value>100</value></sharesOwnedFollowingTransaction>
</postTransactionAmounts><ownershipNature><directOrIndirectOwnership><value>I</value></directOrIndirectOwnership>
<natureOfOwnership><value>By trust</value><footnoteId id="F2"/></natureOfOwnership></ownershipNature>
</nonDerivativeHolding></nonDerivativeTable>
<derivativeTable><derivativeTransaction><securityTitle><value>Stock Option</value></securityTitle>
<conversionOrExercisePrice><value>1.2500</value></conversionOrExercisePrice>
<transactionDate><value>2023-12-08</value></transactionDate><transactionCoding>
<transactionFormType>4</transactionFormType><transactionCode>A</transactionCode>
<equitySwapInvolved>0</equitySwapInvolved><footnoteId id="F1"/></transactionCoding>
<transactionAmounts><transactionShares><value>5000</value></transactionShares>
<transactionPricePerShare><footnoteId id="F1"/><footnoteId id="F3"/></transactionPricePerShare>
<transactionAcquiredDisposedCode><value>A</value></transactionAcquiredDisposedCode></transactionAmounts>
<exerciseDate><footnoteId id="F1"/></exerciseDate><expirationDate><value>2033-12-08</value></expirationDate>
<underlyingSecurity><underlyingSecurityTitle><value>Common Stock</value></underlyingSecurityTitle>
<underlyingSecurityShares><value>5000</value></underlyingSecurityShares></underlyingSecurity>
<postTransactionAmounts><sharesOwnedFollowingTransaction><value>5000</value></sharesOwnedFollowingTransaction>
</postTransactionAmounts><ownershipNature><directOrIndirectOwnership><value>D</value></directOrIndirectOwnership>
</ownershipNature></derivativeTransaction></derivativeTable>
<footnotes><footnote id="F1">Vests in full.</footnote><footnote id="F2">Held by trust.</footnote>
<footnote id="F3">No price.</footnote></footnotes>
<ownerSignature><signatureName>/s/ A. Shustov</signatureName><signatureDate>2023-12-12</signatureDate>
</ownerSignature></ownershipDocument>"""


def test_the_encoding_of_facts_rows_enums_and_numbers() -> None:
    data = filing_to_dict(read_filing(GOOD, name="0001279704-23-000101.xml"))
    assert data["accession_number"] == "0001279704-23-000101"
    assert data["source"]["format"] == "ownership-xml"
    document = data["document"]
    assert document["document_type"] == "4"
    assert document["period_of_report"] == "2023-12-08"
    assert document["aff10b5_one"] is False
    (holding,) = document["non_derivative_table"]
    assert holding["kind"] == "nonDerivativeHolding"
    assert holding["nature_of_ownership"] == {"value": "By trust", "footnote_ids": ["F2"]}
    (option,) = document["derivative_table"]
    assert option["kind"] == "derivativeTransaction"
    assert option["conversion_or_exercise_price"] == {"value": "1.2500", "footnote_ids": []}
    assert option["transaction_price_per_share"] == {"value": None, "footnote_ids": ["F1", "F3"]}
    assert option["transaction_coding"]["transaction_code"] == "A"
    assert option["transaction_coding"]["footnote_ids"] == ["F1"]
    assert option["transaction_timeliness"] is None


def test_row_kind_is_the_xml_element_name() -> None:
    from section16.model import DerivativeHolding, NonDerivativeTransaction

    assert row_kind(NonDerivativeTransaction) == "nonDerivativeTransaction"
    assert row_kind(DerivativeHolding) == "derivativeHolding"


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d["document"]["issuer"].update(issuer_cik=12), "/document/issuer/issuer_cik"),
        (
            lambda d: d["document"]["derivative_table"][0].update(kind="optionRow"),
            "/document/derivative_table/0/kind",
        ),
        (lambda d: d["document"].update(period_of_report="2023-13-40"), "/document/period_of_report"),
        (lambda d: d["document"].update(surprise=1), "/document"),
        (lambda d: d.pop("source"), "/"),
        (
            lambda d: d["document"]["derivative_table"][0]["transaction_shares"].update(value="many"),
            "/document/derivative_table/0/transaction_shares/value",
        ),
    ],
)
def test_a_bad_dict_names_the_path_of_the_bad_item(change: Any, path: str) -> None:
    data = filing_to_dict(read_filing(GOOD, name="0001279704-23-000101.xml"))
    change(data)
    with pytest.raises(ParseError) as info:
        filing_from_dict(data)
    assert info.value.path == path


def test_transaction_rows_flatten_every_leaf_with_its_footnotes() -> None:
    rows = transaction_rows(read_filing(GOOD, name="0001279704-23-000101.xml"))
    assert [list(r) for r in rows] == [list(TRANSACTION_COLUMNS)] * 2
    holding, option = rows
    assert holding["table"] == "nonDerivative"
    assert holding["kind"] == "nonDerivativeHolding"
    assert holding["shares_owned_following_transaction"] == "100"
    assert holding["nature_of_ownership"] == "By trust"
    assert holding["nature_of_ownership_footnote_ids"] == "F2"
    assert holding["transaction_code"] is None
    assert option["accession_number"] == "0001279704-23-000101"
    assert option["issuer_trading_symbol"] == "CLRB"
    assert option["reporting_owner_names"] == "Shustov Andrei"
    assert option["table"] == "derivative"
    assert option["row"] == "1"
    assert option["conversion_or_exercise_price"] == "1.2500"
    assert option["transaction_price_per_share"] is None
    assert option["transaction_price_per_share_footnote_ids"] == "F1,F3"
    assert option["transaction_coding_footnote_ids"] == "F1"
    assert option["equity_swap_involved"] == "0"
    assert option["exercise_date"] is None
    assert option["exercise_date_footnote_ids"] == "F1"
    assert option["expiration_date"] == "2033-12-08"


@pytest.mark.corpus
def test_transaction_rows_of_a_real_joint_filing(corpus_dir: Path) -> None:
    # 0000895345-23-000388 (Garrett Motion, Centerbridge funds), first row of Table I checked by hand
    # against the XML of the submission.
    filing = _read(corpus_dir / "submissions" / "0000895345-23-000388.txt")
    first = transaction_rows(filing)[0]
    assert first["filing_date"] == "2023-06-14"
    assert first["issuer_trading_symbol"] == "GTX,GTXAP"
    assert first["reporting_owner_names"] is not None
    assert first["reporting_owner_names"].startswith(
        "Centerbridge Special Credit Partners III-Flex, L.P.; Centerbridge Credit Partners Master, L.P."
    )
    assert (first["transaction_code"], first["transaction_coding_footnote_ids"]) == ("M", "F1,F4")
    assert (first["transaction_shares"], first["transaction_shares_footnote_ids"]) == ("9160474", "F1")
    assert (first["transaction_price_per_share"], first["transaction_price_per_share_footnote_ids"]) == (
        None,
        "F4",
    )
    assert (first["nature_of_ownership"], first["nature_of_ownership_footnote_ids"]) == ("See footnote", "F2")
