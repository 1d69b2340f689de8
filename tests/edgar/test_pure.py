"""The pure readers of EDGAR's listings (index files, submissions JSON, tickers, Atom) and the URL
layout: corpus index files and inline examples."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

import pytest

from section16.edgar import (
    FilingRef,
    dedupe,
    forms_matching,
    parse_atom,
    parse_index,
    parse_submissions,
    parse_submissions_page,
    parse_tickers,
)
from section16.edgar._indexes import index_refs
from section16.edgar._urls import (
    absolute_url,
    current_feed_path,
    daily_index_path,
    feed_path,
    full_index_path,
    is_immutable,
    submissions_path,
)
from section16.errors import ParseError
from tests.conftest import corpus_files, require_corpus

INDEX_FILES = corpus_files("index")


def _rows_after_dashes(data: bytes) -> int:
    lines = data.decode("latin-1").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("---"))
    return sum(1 for line in lines[start + 1 :] if line.strip())


@pytest.mark.corpus
@pytest.mark.parametrize("path", INDEX_FILES, ids=lambda p: p.name)
def test_every_row_of_a_corpus_index_is_read(path):
    data = path.read_bytes()
    entries = parse_index(data, source=str(path))
    assert len(entries) == _rows_after_dashes(data)
    for entry in entries:
        assert entry.cik.isdigit()
        assert entry.filename.startswith("edgar/data/")
        assert entry.form_type and entry.form_type == entry.form_type.strip()


def test_corpus_index_layouts_give_the_same_row():
    require_corpus()
    (form_idx,) = [p for p in INDEX_FILES if p.name == "edgartools_form.20200318.idx"]
    entries = parse_index(form_idx.read_bytes())
    belpointe = next(e for e in entries if e.company_name == "Belpointe REIT, Inc.")
    assert (belpointe.form_type, belpointe.cik, belpointe.date_filed) == (
        "1-A POS",
        "1749817",
        date(2020, 3, 18),
    )
    assert belpointe.accession_number == "0001010549-20-000033"
    (company_idx,) = [p for p in INDEX_FILES if p.name == "edgartools_company.20221003.idx"]
    first = parse_index(company_idx.read_bytes())[0]
    assert (first.company_name, first.form_type, first.cik) == (
        "1st stREIT Office Inc.",
        "1-A POS",
        "1700461",
    )
    sc13 = next(e for e in parse_index(company_idx.read_bytes()) if e.company_name == "36Kr Holdings Inc.")
    assert sc13.form_type == "SC 13D/A"


def test_master_excerpt_counts_match_the_manifest():
    require_corpus()
    (excerpt,) = [p for p in INDEX_FILES if p.name.startswith("EXCERPT_master")]
    counts = Counter(e.form_type for e in parse_index(excerpt.read_bytes()))
    # MANIFEST.tsv: counts={"4": 400, "3": 400, "4/A": 400, "3/A": 144, "5": 34, "5/A": 2}
    assert counts == {"4": 400, "3": 400, "4/A": 400, "3/A": 144, "5": 34, "5/A": 2}
    refs = list(index_refs(parse_index(excerpt.read_bytes()), forms=forms_matching(["5"])))
    assert len(refs) == 36 and all(r.form_type in ("5", "5/A") for r in refs)
    assert refs[0].text_path.startswith(f"/Archives/edgar/data/{refs[0].cik}/")


def test_a_header_only_index_has_no_rows():
    require_corpus()
    (empty,) = [p for p in INDEX_FILES if p.name == "edgartools_empty-form.idx"]
    assert parse_index(empty.read_bytes()) == []


def test_a_bad_index_row_names_file_and_line():
    data = (
        b"Description: x\n\nCIK|Company Name|Form Type|Date Filed|Filename\n-----\n"
        b"1|A|4|2023-01-05|f.txt\n1|B\n"
    )
    with pytest.raises(ParseError) as info:
        parse_index(data, source="master.idx")
    assert info.value.source == "master.idx" and info.value.line == 6
    with pytest.raises(ParseError, match="not an EDGAR index"):
        parse_index(b"<html>Request Rate Threshold Exceeded</html>", source="form.idx")


def test_tickers():
    data = json.dumps(
        {
            "0": {"cik_str": 320193, "ticker": "AAPL", "title": "Apple Inc."},
            "1": {"cik_str": 2488, "ticker": "amd"},
        }
    ).encode()
    assert parse_tickers(data) == {"AAPL": "320193", "AMD": "2488"}
    with pytest.raises(ParseError, match=r"company_tickers\.json"):
        parse_tickers(b"{not json", source="company_tickers.json")


def test_submissions_json_and_its_pages():
    payload = {
        "cik": "0000320193",
        "name": "Apple Inc.",
        "tickers": ["AAPL"],
        "filings": {
            "recent": {
                "accessionNumber": ["0000320193-23-000001", "0001209191-23-000002"],
                "filingDate": ["2023-02-01", "2023-01-05"],
                "acceptanceDateTime": ["2023-02-01T18:30:00.000Z", ""],
                "form": ["4", "8-K"],
                "primaryDocument": ["xslF345X04/wk-form4_1.xml", "a.htm"],
            },
            "files": [
                {
                    "name": "CIK0000320193-submissions-001.json",
                    "filingFrom": "2001-01-01",
                    "filingTo": "2022-12-31",
                }
            ],
        },
    }
    listing = parse_submissions(json.dumps(payload).encode())
    assert listing.cik == "320193" and listing.tickers == ("AAPL",)
    assert [r.accession_number for r in listing.recent] == ["0000320193-23-000001", "0001209191-23-000002"]
    assert listing.recent[0].filed == date(2023, 2, 1) and listing.recent[0].accepted is not None
    assert (
        listing.recent[0].text_path
        == "/Archives/edgar/data/320193/000032019323000001/0000320193-23-000001.txt"
    )
    assert listing.pages[0].name == "CIK0000320193-submissions-001.json"
    assert listing.pages[0].filing_to == date(2022, 12, 31)
    page = parse_submissions_page(json.dumps(payload["filings"]["recent"]).encode(), cik="320193")
    assert len(page) == 2
    payload["filings"]["recent"]["accessionNumber"][1] = "nonsense"
    with pytest.raises(ParseError) as info:
        parse_submissions(json.dumps(payload).encode(), source="CIK0000320193.json")
    assert info.value.path == "/filings/recent/accessionNumber[1]"


ATOM = b"""<?xml version="1.0" encoding="ISO-8859-1" ?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Latest Filings</title>
<entry><title>4 - Smith John (0001234567) (Reporting)</title>
<link rel="alternate" type="text/html"
 href="https://www.sec.gov/Archives/edgar/data/1234567/000120919123000001/0001209191-23-000001-index.htm"/>
<updated>2023-11-09T17:30:01-05:00</updated>
<category scheme="https://www.sec.gov/" label="form type" term="4"/>
<id>urn:tag:sec.gov,2008:accession-number=0001209191-23-000001</id></entry>
<entry><title>4 - ACME CORP (0000002488) (Issuer)</title>
<link rel="alternate" type="text/html"
 href="https://www.sec.gov/Archives/edgar/data/2488/000120919123000001/0001209191-23-000001-index.htm"/>
<updated>2023-11-09T17:30:01-05:00</updated>
<category scheme="https://www.sec.gov/" label="form type" term="4"/>
<id>urn:tag:sec.gov,2008:accession-number=0001209191-23-000001</id></entry>
</feed>"""


def test_atom_entries_once_per_party_dedupe_to_one_filing():
    refs = parse_atom(ATOM)
    assert [(r.cik, r.company_name) for r in refs] == [("1234567", "Smith John"), ("2488", "ACME CORP")]
    assert refs[0].filed == date(2023, 11, 9) and refs[0].form_type == "4"
    assert [r.accession_number for r in dedupe(refs)] == ["0001209191-23-000001"]
    with pytest.raises(ParseError) as info:
        parse_atom(
            b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><title>x</title></entry></feed>", source="atom"
        )
    assert info.value.path == "/feed/entry[1]"
    with pytest.raises(ParseError, match="not XML"):
        parse_atom(b"<html", source="atom")


def test_url_layout():
    assert full_index_path(2023, 3) == "/Archives/edgar/full-index/2023/QTR3/form.idx"
    assert daily_index_path(date(2023, 7, 27)) == "/Archives/edgar/daily-index/2023/QTR3/form.20230727.idx"
    assert feed_path(date(2023, 12, 29)) == "/Archives/edgar/Feed/2023/QTR4/20231229.nc.tar.gz"
    assert submissions_path("320193") == "/submissions/CIK0000320193.json"
    assert "action=getcurrent" in current_feed_path("4") and "output=atom" in current_feed_path("4")
    # One base URL: on the real EDGAR the submissions JSON lives on data.sec.gov, elsewhere on the base.
    assert absolute_url("https://www.sec.gov", "/submissions/CIK0000320193.json").startswith(
        "https://data.sec.gov/"
    )
    assert (
        absolute_url("http://127.0.0.1:9/", "/submissions/x.json") == "http://127.0.0.1:9/submissions/x.json"
    )
    assert is_immutable("/Archives/edgar/data/1/000000000123000001/0000000001-23-000001.txt")
    assert not is_immutable("/Archives/edgar/full-index/2023/QTR3/form.idx")
    assert forms_matching(["4"]) == {"4", "4/A"}
    ref = FilingRef(accession_number="0000002488-23-000088", cik="2488")
    assert ref.folder == "/Archives/edgar/data/2488/000000248823000088"
