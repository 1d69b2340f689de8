"""EDGAR's index files (``form.idx``, ``master.idx``, ``company.idx``; daily and quarterly) read into
:class:`IndexEntry` rows. Pure: bytes in, rows out.

The three layouts (spec.md section 6; examples in corpus/index/): a preamble (``Description:``...), a
column header, a line of dashes, then one row per filing:

- ``master.idx``: ``CIK|Company Name|Form Type|Date Filed|Filename`` (dates ``YYYY-MM-DD`` or
  ``YYYYMMDD``);
- ``form.idx``: fixed width, ``Form Type`` (12 columns), ``Company Name`` (62), ``CIK``, ``Date Filed``,
  ``File Name``;
- ``company.idx``: fixed width, ``Company Name`` (62), ``Form Type`` (12), then the same three.

Each comes plain (``.idx``) or gzip-compressed (``.idx.gz``); :func:`parse_index` takes either (a gzip
stream is known by its magic bytes, RFC 1952 section 2.3.1).

Form types and company names hold spaces (``SC 13D/A``, ``1-A POS``), so fixed-width rows are read
from the right (file name, date, CIK) and the rest is cut at the layout's column.
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from section16.edgar._refs import FilingRef, normalize_accession, normalize_cik
from section16.errors import ParseError

__all__ = ["IndexEntry", "index_refs", "parse_index"]

_FORM_WIDTH = 12  # form.idx: "Form Type" column
_COMPANY_WIDTH = 62  # company.idx: "Company Name" column

_GZIP_MAGIC = b"\x1f\x8b"  # RFC 1952 section 2.3.1: ID1, ID2

_FIXED_ROW = re.compile(
    r"^(?P<left>.*?)\s+(?P<cik>\d+)\s+(?P<date>\d{8}|\d{4}-\d{2}-\d{2})\s+(?P<file>\S+)\s*$"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class IndexEntry:
    """One row of an index file, as listed."""

    cik: str
    company_name: str
    form_type: str
    date_filed: date
    filename: str  # edgar/data/{CIK}/{ACCESSION}.txt

    @property
    def accession_number(self) -> str | None:
        """The accession number the file name carries, None for an odd name."""
        base = self.filename.rsplit("/", 1)[-1].removesuffix(".txt")
        return normalize_accession(base)

    def ref(self) -> FilingRef | None:
        """The entry as a :class:`FilingRef` (None when the file name carries no accession number)."""
        accession = self.accession_number
        cik = normalize_cik(self.cik)
        if accession is None or cik is None:
            return None
        return FilingRef(
            accession_number=accession,
            cik=cik,
            form_type=self.form_type,
            filed=self.date_filed,
            company_name=self.company_name or None,
        )


def _date(text: str, source: str, line: int) -> date:
    digits = text.replace("-", "")
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise ParseError(f"date filed {text!r} is not a date", source=source, line=line) from None


def _layout(lines: list[str], source: str) -> tuple[str, int]:
    """The layout (master, form or company) and the index of the first row."""
    for i, line in enumerate(lines):
        if line.startswith("---") and set(line.strip()) == {"-"}:
            header = " ".join(lines[max(0, i - 2) : i])
            if "|" in header:
                return "master", i + 1
            if header.lstrip().startswith("Form Type"):
                return "form", i + 1
            if header.lstrip().startswith("Company Name"):
                return "company", i + 1
            raise ParseError(
                f"column header {header.strip()!r} is none of form.idx, master.idx, company.idx",
                source=source,
                line=i,
            )
    raise ParseError(
        "no line of dashes under a column header: not an EDGAR index file", source=source, line=1
    )


def _master_row(line: str, source: str, number: int) -> IndexEntry:
    parts = line.split("|")
    if len(parts) < 5:
        raise ParseError(
            f"expected 5 fields separated by '|', found {len(parts)}", source=source, line=number
        )
    return IndexEntry(
        cik=parts[0].strip(),
        company_name="|".join(parts[1:-3]).strip(),
        form_type=parts[-3].strip(),
        date_filed=_date(parts[-2].strip(), source, number),
        filename=parts[-1].strip(),
    )


def _fixed_row(line: str, layout: str, source: str, number: int) -> IndexEntry:
    match = _FIXED_ROW.match(line)
    if match is None:
        raise ParseError("expected a row ending in CIK, date filed and file name", source=source, line=number)
    left = match["left"]
    if layout == "form":
        form, company = left[:_FORM_WIDTH], left[_FORM_WIDTH:]
        if left[_FORM_WIDTH - 1 : _FORM_WIDTH].strip():  # a form type wider than its column
            form, _, company = left.partition("  ")
    else:
        company, form = left[:_COMPANY_WIDTH], left[_COMPANY_WIDTH:]
        if left[_COMPANY_WIDTH - 1 : _COMPANY_WIDTH].strip():
            company, _, form = left.rstrip().rpartition("  ")
    return IndexEntry(
        cik=match["cik"],
        company_name=company.strip(),
        form_type=form.strip(),
        date_filed=_date(match["date"], source, number),
        filename=match["file"],
    )


def parse_index(data: bytes, *, source: str | None = None) -> list[IndexEntry]:
    """Every row of an EDGAR index file (any of the three layouts). A header-only file gives no rows.

    Raises :class:`~section16.errors.ParseError` naming the file and line of a row that is not one."""
    name = source or "<index>"
    if data[:2] == _GZIP_MAGIC:
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise ParseError(f"a .gz index that does not decompress: {exc}", source=name) from None
    text = data.decode("latin-1")  # EDGAR's index files are ASCII; latin-1 never fails on a stray byte
    lines = text.splitlines()
    layout, first = _layout(lines, name)
    out: list[IndexEntry] = []
    for offset, line in enumerate(lines[first:]):
        if not line.strip():
            continue
        number = first + offset + 1
        if layout == "master":
            out.append(_master_row(line, name, number))
        else:
            out.append(_fixed_row(line, layout, name, number))
    return out


def index_refs(entries: list[IndexEntry], *, forms: frozenset[str] | None = None) -> Iterator[FilingRef]:
    """The entries of ``forms`` (all when None) as filing refs, in index order."""
    for entry in entries:
        if forms is not None and entry.form_type.upper() not in forms:
            continue
        ref = entry.ref()
        if ref is not None:
            yield ref
