"""The latest-filings Atom feed (``/cgi-bin/browse-edgar?action=getcurrent&...&output=atom``) read into
refs. Pure: bytes in, refs out.

An entry looks like (spec.md section 6)::

    <entry>
      <title>4 - Smith John (0001234567) (Reporting)</title>
      <link rel="alternate" href="https://www.sec.gov/Archives/edgar/data/1234567/000123456723000001/
            0001234567-23-000001-index.htm"/>
      <updated>2023-11-09T17:30:01-05:00</updated>
      <category term="4" label="form type"/>
      <id>urn:tag:sec.gov,2008:accession-number=0001234567-23-000001</id>
    </entry>

The same filing comes once per party (issuer, each owner): :func:`section16.edgar.dedupe` them.
"""

from __future__ import annotations

import re
from datetime import datetime

from lxml import etree

from section16.edgar._refs import FilingRef, normalize_accession, normalize_cik
from section16.errors import ParseError

__all__ = ["parse_atom"]

_NS = "{http://www.w3.org/2005/Atom}"
_FOLDER = re.compile(r"/Archives/edgar/data/(\d+)/(\d{18})/")
_TITLE = re.compile(r"^\s*(?P<form>\S+)\s+-\s+(?P<name>.*?)\s*\((?P<cik>\d+)\)")


def _text(entry: etree._Element, tag: str) -> str:
    child = entry.find(f"{_NS}{tag}")
    return (child.text or "").strip() if child is not None else ""


def parse_atom(data: bytes, *, source: str | None = None) -> list[FilingRef]:
    """Every entry of the feed as a ref (feed order, newest first), under the CIK of its link."""
    name = source or "atom feed"
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        raise ParseError(f"not XML: {exc.msg}", source=name, line=line, column=column) from None
    if root.tag != f"{_NS}feed":
        raise ParseError(f"root element is {root.tag!r}, not an Atom <feed>", source=name, path="/")
    refs: list[FilingRef] = []
    for i, entry in enumerate(root.iter(f"{_NS}entry"), start=1):
        where = f"/feed/entry[{i}]"
        link = entry.find(f"{_NS}link")
        href = link.get("href", "") if link is not None else ""
        folder = _FOLDER.search(href)
        entry_id = _text(entry, "id")
        accession = normalize_accession(entry_id.rsplit("=", 1)[-1]) if "=" in entry_id else None
        if accession is None and folder is not None:
            accession = normalize_accession(folder.group(2))
        if accession is None or folder is None:
            raise ParseError("entry without an accession number and filing folder", source=name, path=where)
        category = entry.find(f"{_NS}category")
        title = _TITLE.match(_text(entry, "title"))
        form = category.get("term") if category is not None else (title["form"] if title else None)
        updated = _text(entry, "updated")
        try:
            accepted = datetime.fromisoformat(updated) if updated else None
        except ValueError:
            accepted = None
        refs.append(
            FilingRef(
                accession_number=accession,
                cik=normalize_cik(folder.group(1)) or folder.group(1),
                form_type=form,
                filed=accepted.date() if accepted is not None else None,
                company_name=title["name"] if title else None,
                accepted=accepted,
            )
        )
    return refs
