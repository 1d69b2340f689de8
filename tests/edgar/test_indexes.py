"""Discovery from every variant of EDGAR's indexes (form, master, company; plain and .gz) against the
fake EDGAR: the smallest variant that answers is read, others are fallbacks, and every variant lists the
same filings once (spec.md section 6: an ownership filing is listed under the issuer and each owner)."""

from __future__ import annotations

import gzip
from datetime import date

import pytest

from section16.edgar import INDEX_VARIANTS, index_filings, parse_index
from section16.errors import NotFound, ParseError

DAY = date(2020, 3, 3)
Q2 = (date(2020, 4, 1), date(2020, 6, 30))
TODAY = date(2024, 1, 1)
ALL_FILES = [f"{kind}.idx{'.gz' if gz else ''}" for kind, gz in INDEX_VARIANTS]


def _index_paths(fake) -> list[str]:
    return [e.path for e in fake.log if "-index/" in e.path]


@pytest.mark.parametrize("served", ALL_FILES)
def test_each_variant_alone_gives_the_same_filings(fake_edgar, client, served):
    fake_edgar.index_files = frozenset({served})
    expected_day = {f.accession for f in fake_edgar.filings if f.filed == DAY}
    expected_q2 = {f.accession for f in fake_edgar.filings if Q2[0] <= f.filed <= Q2[1]}
    day_refs = index_filings(client, DAY, DAY, today=TODAY)
    q2_refs = index_filings(client, *Q2, today=TODAY)
    assert len(day_refs) == len({r.accession_number for r in day_refs})  # one per accession
    assert {r.accession_number for r in day_refs} == expected_day
    assert {r.accession_number for r in q2_refs} == expected_q2 and len(q2_refs) == len(expected_q2)
    ok = [e.path for e in fake_edgar.log if "-index/" in e.path and e.status == 200]
    assert len(ok) == 2
    assert all(p.rsplit("/", 1)[-1].startswith(served.split(".")[0]) for p in ok)
    assert all(p.endswith(".gz") == served.endswith(".gz") for p in ok)


def test_the_smallest_variant_is_read_first_and_alone(fake_edgar, client):
    index_filings(client, DAY, DAY, today=TODAY)
    assert _index_paths(fake_edgar) == ["/Archives/edgar/daily-index/2020/QTR1/master.20200303.idx.gz"]


def test_a_missing_variant_falls_through_and_the_one_that_answered_is_kept(fake_edgar, client):
    fake_edgar.index_files = frozenset({"form.idx"})
    days = (date(2020, 3, 3), date(2020, 3, 6))  # filings on the 3rd and 4th only
    refs = index_filings(client, *days, today=TODAY)
    expected = {f.accession for f in fake_edgar.filings if days[0] <= f.filed <= days[1]}
    assert expected and {r.accession_number for r in refs} == expected
    paths = _index_paths(fake_edgar)
    # The first day tries the smaller variants (404) then form.idx; the days after ask form.idx only.
    variants = (("master", ".gz"), ("form", ".gz"), ("company", ".gz"), ("master", ""), ("form", ""))
    assert paths == [
        f"/Archives/edgar/daily-index/2020/QTR1/{name}.20200303.idx{gz}" for name, gz in variants
    ] + [f"/Archives/edgar/daily-index/2020/QTR1/form.2020030{n}.idx" for n in (4, 5, 6)]


def test_a_day_without_an_index_costs_one_request_once_a_variant_has_answered(fake_edgar, client):
    filed = {f.filed for f in fake_edgar.filings}
    friday, monday = date(2020, 2, 28), date(2020, 3, 2)
    assert friday in filed and monday not in filed
    index_filings(client, friday, monday, today=TODAY)
    assert _index_paths(fake_edgar) == [
        "/Archives/edgar/daily-index/2020/QTR1/master.20200228.idx.gz",
        "/Archives/edgar/daily-index/2020/QTR1/master.20200302.idx.gz",
    ]
    # Before any variant has answered, a day without an index asks each (it cannot tell a missing
    # variant from a missing day).
    fake_edgar.log.clear()
    index_filings(client, monday, monday, today=TODAY)
    assert len(_index_paths(fake_edgar)) == len(INDEX_VARIANTS)


def test_a_quarter_without_any_variant_is_not_found(fake_edgar, client):
    fake_edgar.index_files = frozenset()
    with pytest.raises(NotFound, match=r"company\.idx"):
        index_filings(client, *Q2, today=TODAY)
    assert len(_index_paths(fake_edgar)) == len(INDEX_VARIANTS)


def test_parse_index_reads_gzip_and_names_a_broken_one():
    text = (
        "Description: x\n\nCIK|Company Name|Form Type|Date Filed|Filename\n" + "-" * 40 + "\n"
        "1800|ABBOTT LABORATORIES|4|20200303|edgar/data/1800/0001209191-20-015432.txt\n"
    ).encode()
    plain = parse_index(text)
    assert parse_index(gzip.compress(text)) == plain and plain[0].accession_number == "0001209191-20-015432"
    with pytest.raises(ParseError, match=r"master\.idx\.gz.*does not decompress"):
        parse_index(gzip.compress(text)[:30], source="master.idx.gz")
