"""Amendments linked to the filing they amend, on crafted filings: same issuer, form and owners, the
original's filing date equal to the amendment's date of original submission, most recent before it."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from section16.model import (
    DocumentType,
    Filing,
    Issuer,
    OwnershipDocument,
    ReportingOwner,
    Source,
    SourceFormat,
    SubmissionHeader,
)
from section16.store import Store, filing_rows, open_store


def _filing(
    accession: str,
    doc_type: DocumentType,
    filed: date | None,
    *,
    original: date | None = None,
    owners: tuple[str, ...] = ("0000000001",),
    issuer: str = "0000320193",
    period: date = date(2023, 12, 8),
) -> Filing:
    header = (
        SubmissionHeader(
            accession_number=accession,
            filed_as_of_date=filed,
            acceptance_datetime=datetime(filed.year, filed.month, filed.day, 16, 0),
        )
        if filed
        else None
    )
    return Filing(
        source=Source(sha256=accession.replace("-", "") * 2, size=1, format=SourceFormat.SUBMISSION_TEXT),
        document=OwnershipDocument(
            document_type=doc_type,
            period_of_report=period,
            date_of_original_submission=original,
            issuer=Issuer(issuer_cik=issuer),
            reporting_owners=tuple(ReportingOwner(rpt_owner_cik=o) for o in owners),
        ),
        header=header,
        accession_number=accession,
    )


def _store(tmp_path: Path, *filings: Filing) -> Store:
    store = open_store(tmp_path / "amend.duckdb")
    store.write_batch([(filing_rows(f), b"x") for f in filings])
    store.link_amendments()
    return store


def _links(store: Store) -> dict[str, str | None]:
    return dict(store.query("SELECT filing_key, amends_accession FROM filings"))  # type: ignore[arg-type]


F4, F4A = DocumentType.FORM_4, DocumentType.FORM_4A


def test_amendment_links_to_the_original_filed_on_its_date(tmp_path: Path) -> None:
    with _store(
        tmp_path,
        _filing("0000000001-23-000001", F4, date(2023, 12, 12)),
        _filing("0000000001-23-000002", F4, date(2023, 12, 13)),  # same owner, another day
        _filing("0000000001-23-000009", F4A, date(2023, 12, 20), original=date(2023, 12, 12)),
    ) as store:
        assert _links(store)["0000000001-23-000009"] == "0000000001-23-000001"
        current = {r[0] for r in store.query("SELECT filing_key FROM current_filings")}
        assert current == {"0000000001-23-000002", "0000000001-23-000009"}
        # The original stays queryable.
        assert store.count("filings") == 3


def test_no_link_for_another_owner_issuer_or_form(tmp_path: Path) -> None:
    with _store(
        tmp_path,
        _filing("0000000001-23-000001", F4, date(2023, 12, 12), owners=("0000000002",)),
        _filing("0000000001-23-000002", F4, date(2023, 12, 12), issuer="0000000099"),
        _filing("0000000001-23-000003", DocumentType.FORM_3, date(2023, 12, 12)),
        _filing("0000000001-23-000009", F4A, date(2023, 12, 20), original=date(2023, 12, 12)),
    ) as store:
        assert _links(store)["0000000001-23-000009"] is None
        assert store.count("current_filings") == 4


def test_second_amendment_chains_to_the_first(tmp_path: Path) -> None:
    with _store(
        tmp_path,
        _filing("0000000001-23-000001", F4, date(2023, 12, 12)),
        _filing("0000000001-23-000009", F4A, date(2023, 12, 20), original=date(2023, 12, 12)),
        _filing("0000000001-24-000003", F4A, date(2024, 1, 5), original=date(2023, 12, 12)),
    ) as store:
        links = _links(store)
        assert links["0000000001-23-000009"] == "0000000001-23-000001"
        assert links["0000000001-24-000003"] == "0000000001-23-000009"
        assert [r[0] for r in store.query("SELECT filing_key FROM current_filings")] == [
            "0000000001-24-000003"
        ]


def test_original_arriving_after_its_amendment_is_linked_on_the_next_ingest(tmp_path: Path) -> None:
    with open_store(tmp_path / "late.duckdb") as store:
        amendment = _filing("0000000001-23-000009", F4A, date(2023, 12, 20), original=date(2023, 12, 12))
        store.write_batch([(filing_rows(amendment), b"a")])
        assert store.link_amendments() == 0
        store.write_batch([(filing_rows(_filing("0000000001-23-000001", F4, date(2023, 12, 12))), b"o")])
        assert store.link_amendments() == 1
        assert _links(store)["0000000001-23-000009"] == "0000000001-23-000001"


def test_bare_xml_original_matches_by_period_of_report(tmp_path: Path) -> None:
    with _store(
        tmp_path,
        _filing("0000000001-23-000001", F4, None, period=date(2023, 12, 8)),
        _filing("0000000001-23-000002", F4, None, period=date(2023, 11, 1)),
        _filing("0000000001-23-000009", F4A, date(2023, 12, 20), original=date(2023, 12, 12)),
    ) as store:
        assert _links(store)["0000000001-23-000009"] == "0000000001-23-000001"
