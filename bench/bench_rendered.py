"""Accuracy and speed of the rendered-copy readers: corpus XML rendered through the SEC stylesheets
(``tests/rendered/render.py``), read back with :func:`section16.parse.rendered_html.read_rendered_html`,
and compared field by field with the XML it came from, as the view displays it (numbers rounded to the
stylesheet's 4 decimals, booleans not ticked = False, CIKs/schema/codes not printed left out).

    .venv/bin/python bench/bench_rendered.py [--limit N] [--show-failures K]

Prints, per field, the share of visible fields read exactly right, the documents/second, and the first
failures. :func:`compare` is used by the tests too.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from section16.model import Fact, OwnershipDocument  # noqa: E402
from section16.parse.xml import read_ownership_document  # noqa: E402
from tests.rendered.render import render  # noqa: E402

CORPUS_XML = REPO.parent / "shared" / "corpus" / "xml"

_SKIP = {
    "schema_version",
    "issuer_cik",
    "issuer_foreign_trading_symbol",
    "rpt_owner_cik",
    "rpt_owner_ccc",
    "rpt_owner_state_description",
    "rpt_owner_good_address",
    "rpt_owner_non_us_address_flag",
    "rpt_owner_non_us_state_territory",
    "rpt_owner_country",
    "unparsed",
    "extras",
    "places",  # where a rendered copy read each value: not a field of the form
    "transaction_timeliness",  # its letter is not printed, only its footnotes
    "no_securities_owned",
}
_BOOLS_FALSE_WHEN_NONE = {
    "is_director",
    "is_officer",
    "is_ten_percent_owner",
    "is_other",
    "not_subject_to_section16",
    "aff10b5_one",
    "form3_holdings_reported",
    "form4_transactions_reported",
    "equity_swap_involved",
}


def _shown(value: Any) -> Any:
    """A value as the stylesheets display it (``###,##0.####``: at most 4 decimals)."""
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return value.quantize(Decimal(1))
        return value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_EVEN).normalize()
    if isinstance(value, str):
        return " ".join(value.split()) or None
    return value


def flatten(doc: OwnershipDocument, *, aff_shown: bool) -> dict[str, Any]:
    """Field path -> displayed value, for every field a rendered copy shows."""
    out: dict[str, Any] = {}

    def walk(prefix: str, obj: Any) -> None:
        if isinstance(obj, Fact):
            out[prefix] = _shown(obj.value)
            out[prefix + ".footnotes"] = tuple(sorted(set(obj.footnote_ids)))
            return
        if is_dataclass(obj):
            for f in fields(obj):
                if f.name in _SKIP or (f.name == "aff10b5_one" and not aff_shown):
                    continue
                value = getattr(obj, f.name)
                key = f"{prefix}.{f.name}" if prefix else f.name
                if f.name == "transaction_form_type":
                    out[key] = "5" if value == "5" else None  # only the "V" of form type 5 is printed
                elif f.name == "footnote_ids":
                    out[key] = tuple(sorted(set(value)))
                elif f.name in _BOOLS_FALSE_WHEN_NONE:
                    out[key] = bool(value)
                elif isinstance(value, tuple):
                    for i, item in enumerate(value):
                        walk(f"{key}[{i}]", item)
                    out[key + ".count"] = len(value)
                elif value is None:
                    # an absent container/leaf: its visible leaves are empty
                    out[key] = None
                else:
                    walk(key, value)
            return
        out[prefix] = _shown(obj.value if hasattr(obj, "value") and not isinstance(obj, str) else obj)

    walk("", doc)
    return out


def _expected(doc: OwnershipDocument) -> OwnershipDocument:
    return doc


def compare(xml_doc: OwnershipDocument, read: OwnershipDocument, *, aff_shown: bool) -> dict[str, bool]:
    """Per field path: True when the rendered reader got the displayed value."""
    want = flatten(xml_doc, aff_shown=aff_shown)
    got = flatten(read, aff_shown=aff_shown)
    result: dict[str, bool] = {}
    for key, value in want.items():
        if value in (None, (), False) and key not in got:
            continue  # nothing to show
        if value is None and _is_container(got.get(key)):
            continue
        result[key] = _same(value, got.get(key))
    for key, value in got.items():
        if key not in want and value not in (None, (), False):
            result[key] = False
    return result


def _is_container(value: Any) -> bool:
    return False


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return a == b
    return bool(a == b or (a in (None, ()) and b in (None, ())))


def field_name(path: str) -> str:
    """``non_derivative_table[3].transaction_shares`` -> ``non_derivative_table.transaction_shares``."""
    import re

    return re.sub(r"\[\d+\]", "", path)


def corpus(limit: int | None = None) -> Iterator[Path]:
    paths = sorted(CORPUS_XML.glob("*.xml"))
    yield from paths[:limit] if limit else paths


def sample(size: int) -> list[Path]:
    """At least ``size`` corpus filings of every form type: all Forms 3, 4/A and 5, and Forms 4 spread
    evenly over the rest (the printed formats take a browser per document, so not all 1182)."""
    paths = sorted(CORPUS_XML.glob("*.xml"))
    kinds = {
        p: (re.search(rb"<documentType>\s*([^<\s]*)", p.read_bytes()[:4000]) or [b"", b""])[1] for p in paths
    }
    other = [p for p in paths if kinds[p] != b"4"]
    fours = [p for p in paths if kinds[p] == b"4"]
    step = max(1, len(fours) // max(size - len(other), 1))
    return sorted(other + fours[::step])


FORMATS = ("html", "pdf", "text-layout", "text-plain")


def _inputs(fmt: str, pages: list[bytes]) -> list[bytes | None]:
    """The documents in one format: the HTML view, its PDF (Chromium), the PDF's text (pdftotext)."""
    if fmt == "html":
        return list(pages)
    from tests.rendered.pdf import pdf_to_text, print_all

    pdfs = print_all(pages, workers=3)
    if fmt == "pdf":
        return pdfs
    layout = fmt == "text-layout"
    return [pdf_to_text(p, layout=layout).encode() if p is not None else None for p in pdfs]


def _reader(fmt: str) -> Any:
    from section16.parse.rendered_html import read_rendered_html
    from section16.parse.rendered_pdf import read_rendered_pdf
    from section16.parse.rendered_text import read_rendered_text

    return {"html": read_rendered_html, "pdf": read_rendered_pdf}.get(fmt, read_rendered_text)


def run_format(
    fmt: str,
    docs: list[tuple[Path, OwnershipDocument, bytes]],
    show: int,
    *,
    inputs: list[bytes | None] | None = None,
) -> tuple[int, int, float]:
    """Read every document in one format, compare field by field, print the table; (right, total, docs/s).
    ``inputs`` gives the documents in that format where another converter made them (text formats)."""
    from section16.errors import Section16Error

    if inputs is None:
        inputs = _inputs(fmt, [page for _, _, page in docs])
    reader = _reader(fmt)
    reads: list[OwnershipDocument | None] = []
    crashed, refused = 0, 0
    start = time.perf_counter()
    for (path, _doc, _), data in zip(docs, inputs, strict=True):
        if data is None:
            reads.append(None)
            continue
        try:
            reads.append(reader(data, source=path.name)[0])
        except Section16Error:
            refused += 1
            reads.append(None)
        except Exception as exc:
            crashed += 1
            print(f"CRASH {fmt} {path.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
            reads.append(None)
    elapsed = time.perf_counter() - start
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    failures: dict[str, list[str]] = {}
    for (path, doc, _), got in zip(docs, reads, strict=True):
        aff = (doc.schema_version or "") >= "X0508" and str(doc.document_type)[0] != "3"
        want = flatten(doc, aff_shown=aff)
        if got is None:
            for key, value in want.items():
                if value not in (None, (), False):
                    total[field_name(key)] += 1
            continue
        have = flatten(got, aff_shown=aff)
        for key, ok in compare(doc, got, aff_shown=aff).items():
            name = field_name(key)
            total[name] += 1
            right[name] += ok
            if not ok:
                failures.setdefault(name, []).append(
                    f"{path.name} {key}: want {want.get(key)!r} got {have.get(key)!r}"
                )
    all_right, all_total = sum(right.values()), sum(total.values())
    speed = len(docs) / elapsed if elapsed else 0.0
    print(f"== {fmt}: documents {len(docs)}; refused {refused}; crashed {crashed}")
    print(f"fields right: {all_right}/{all_total} = {100 * all_right / max(all_total, 1):.2f}%")
    print(f"speed: {speed:.0f} documents/second")
    print("per field (worst first, below 100%):")
    for name in sorted(total, key=lambda n: (right[n] / total[n], n)):
        if right[name] < total[name]:
            print(f"  {100 * right[name] / total[name]:7.2f}%  {right[name]:6d}/{total[name]:<6d} {name}")
    if show:
        print("failures (first per field):")
        for _name, lines in sorted(failures.items(), key=lambda kv: -len(kv[1]))[:show]:
            print("  " + lines[0][:300])
    return all_right, all_total, speed


def documents(paths: list[Path]) -> list[tuple[Path, OwnershipDocument, bytes]]:
    """Each corpus filing read from its XML, with its HTML view (the official stylesheet); prints how
    many of each form."""
    docs: list[tuple[Path, OwnershipDocument, bytes]] = []
    forms: Counter[str] = Counter()
    for path in paths:
        data = path.read_bytes()
        try:
            doc, _ = read_ownership_document(data, source=path.name)
            docs.append((path, doc, render(data)))
            forms[str(doc.document_type)] += 1
        except Exception as exc:
            print(f"skip {path.name}: {exc}", file=sys.stderr)
    print(f"documents: {len(docs)} ({', '.join(f'{k}: {v}' for k, v in sorted(forms.items()))})")
    return docs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="accuracy of the rendered-copy readers over the corpus")
    ap.add_argument("--limit", type=int, default=None, help="html only: the first N corpus files")
    ap.add_argument("--sample", type=int, default=240, help="printed formats: about N filings of all forms")
    ap.add_argument("--formats", default="html", help=f"comma-separated, of {','.join(FORMATS)} or 'all'")
    ap.add_argument("--show-failures", type=int, default=15)
    args = ap.parse_args(argv)
    formats = FORMATS if args.formats == "all" else tuple(args.formats.split(","))
    printed = any(f != "html" for f in formats)
    paths = sample(args.sample) if printed else list(corpus(args.limit))
    docs = documents(paths)
    for fmt in formats:
        run_format(fmt, docs, args.show_failures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
