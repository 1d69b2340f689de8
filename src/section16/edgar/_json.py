"""EDGAR's JSON files read into refs. Pure: bytes in, values out.

- ``/files/company_tickers.json``: ``{"0": {"cik_str": 320193, "ticker": "AAPL", "title": "Apple Inc."},
  ...}``;
- ``/submissions/CIK##########.json``: ``filings.recent`` holds column arrays (``accessionNumber``,
  ``filingDate``, ``acceptanceDateTime``, ``form``, ``primaryDocument``...), older filings are in the
  pages ``filings.files[].name``, each page holding the same column arrays at its top level
  (spec.md section 6).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from section16.edgar._refs import FilingRef, normalize_accession, normalize_cik
from section16.errors import ParseError

__all__ = ["Submissions", "SubmissionsPage", "parse_submissions", "parse_submissions_page", "parse_tickers"]


def _load(data: bytes, source: str) -> Any:
    try:
        return json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        column = getattr(exc, "colno", None)
        raise ParseError(f"not JSON: {exc}", source=source, line=line, column=column) from None


def parse_tickers(data: bytes, *, source: str | None = None) -> dict[str, str]:
    """Ticker (upper case) -> CIK (no leading zeros) from ``company_tickers.json``."""
    name = source or "company_tickers.json"
    payload = _load(data, name)
    if isinstance(payload, dict):
        rows = list(payload.values())
    elif isinstance(payload, list):
        rows = payload
    else:
        raise ParseError("expected an object of {cik_str, ticker, title} rows", source=name)
    out: dict[str, str] = {}
    for row in rows:
        if not isinstance(row, dict):
            raise ParseError(f"expected an object per ticker, found {type(row).__name__}", source=name)
        ticker = str(row.get("ticker") or "").strip().upper()
        cik = normalize_cik(str(row.get("cik_str") or ""))
        if ticker and cik is not None:
            out.setdefault(ticker, cik)
    return out


def _day(text: Any) -> date | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _moment(text: Any) -> datetime | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def _columns(table: Any, cik: str, name: str, where: str) -> list[FilingRef]:
    if not isinstance(table, dict):
        raise ParseError("expected an object of column arrays", source=name, path=where)
    accessions = table.get("accessionNumber")
    if not isinstance(accessions, list):
        raise ParseError("no accessionNumber array", source=name, path=where)
    columns: dict[str, list[Any]] = {}
    for key in ("filingDate", "form", "acceptanceDateTime"):
        values = table.get(key)
        columns[key] = values if isinstance(values, list) else []

    def at(key: str, i: int) -> Any:
        values = columns[key]
        return values[i] if i < len(values) else None

    refs: list[FilingRef] = []
    for i, raw in enumerate(accessions):
        accession = normalize_accession(str(raw))
        if accession is None:
            raise ParseError(
                f"accession number {raw!r} is not one", source=name, path=f"{where}/accessionNumber[{i}]"
            )
        form = at("form", i)
        refs.append(
            FilingRef(
                accession_number=accession,
                cik=cik,
                form_type=str(form) if form is not None else None,
                filed=_day(at("filingDate", i)),
                accepted=_moment(at("acceptanceDateTime", i)),
            )
        )
    return refs


@dataclass(frozen=True, slots=True, kw_only=True)
class SubmissionsPage:
    """An older page of a submissions JSON: its file name and the filing dates it spans."""

    name: str
    filing_from: date | None = None
    filing_to: date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Submissions:
    """A submissions JSON: whose it is, its recent filings, and the names of its older pages."""

    cik: str
    name: str | None
    tickers: tuple[str, ...]
    recent: tuple[FilingRef, ...]
    pages: tuple[SubmissionsPage, ...]


def parse_submissions(data: bytes, *, source: str | None = None) -> Submissions:
    """A ``CIK##########.json``: the CIK, name, tickers, ``filings.recent`` as refs (under that CIK's
    folder) and the pages of ``filings.files``."""
    name = source or "submissions.json"
    payload = _load(data, name)
    if not isinstance(payload, dict):
        raise ParseError("expected a JSON object", source=name)
    cik = normalize_cik(str(payload.get("cik") or ""))
    if cik is None:
        raise ParseError(f"cik {payload.get('cik')!r} is not a CIK", source=name, path="/cik")
    filings = payload.get("filings")
    if not isinstance(filings, dict):
        raise ParseError("no filings object", source=name, path="/filings")
    recent = _columns(filings.get("recent", {}), cik, name, "/filings/recent")
    pages: list[SubmissionsPage] = []
    for i, page in enumerate(filings.get("files") or []):
        page_name = page.get("name") if isinstance(page, dict) else None
        if not isinstance(page_name, str) or not page_name:
            raise ParseError("a page without a name", source=name, path=f"/filings/files[{i}]")
        pages.append(
            SubmissionsPage(
                name=page_name, filing_from=_day(page.get("filingFrom")), filing_to=_day(page.get("filingTo"))
            )
        )
    tickers = payload.get("tickers") or []
    return Submissions(
        cik=cik,
        name=payload.get("name") if isinstance(payload.get("name"), str) else None,
        tickers=tuple(str(t) for t in tickers if t),
        recent=tuple(recent),
        pages=tuple(pages),
    )


def parse_submissions_page(data: bytes, *, cik: str, source: str | None = None) -> list[FilingRef]:
    """An older page of a submissions JSON (its column arrays at the top level) as refs under ``cik``."""
    name = source or "submissions page"
    return _columns(_load(data, name), cik, name, "")
