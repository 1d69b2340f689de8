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


def main(argv: list[str] | None = None) -> int:
    from section16.parse.rendered_html import read_rendered_html

    ap = argparse.ArgumentParser(description="accuracy of the rendered HTML reader over the corpus")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--show-failures", type=int, default=15)
    args = ap.parse_args(argv)
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    failures: list[str] = []
    forms: Counter[str] = Counter()
    rendered: list[tuple[Path, OwnershipDocument, bytes]] = []
    for path in corpus(args.limit):
        data = path.read_bytes()
        try:
            doc, _ = read_ownership_document(data, source=path.name)
            rendered.append((path, doc, render(data)))
        except Exception as exc:
            print(f"skip {path.name}: {exc}", file=sys.stderr)
    start = time.perf_counter()
    reads = []
    for path, _doc, page in rendered:
        reads.append(read_rendered_html(page, source=path.name)[0])
    elapsed = time.perf_counter() - start
    crashed = 0
    for (path, doc, _), got in zip(rendered, reads, strict=True):
        forms[str(doc.document_type)] += 1
        aff = (doc.schema_version or "") >= "X0508" and str(doc.document_type)[0] != "3"
        for key, ok in compare(doc, got, aff_shown=aff).items():
            name = field_name(key)
            total[name] += 1
            right[name] += ok
            if not ok and len(failures) < 100000:
                failures.append(
                    f"{path.name} {key}: want {flatten(doc, aff_shown=aff).get(key)!r} "
                    f"got {flatten(got, aff_shown=aff).get(key)!r}"
                )
    all_right, all_total = sum(right.values()), sum(total.values())
    kinds = ", ".join(f"{k}: {v}" for k, v in sorted(forms.items()))
    print(f"documents: {len(rendered)} ({kinds}); crashed: {crashed}")
    print(f"fields right: {all_right}/{all_total} = {100 * all_right / max(all_total, 1):.2f}%")
    print(f"speed: {len(rendered) / elapsed:.0f} documents/second")
    print("per field (worst first):")
    for name in sorted(total, key=lambda n: (right[n] / total[n], n)):
        print(f"  {100 * right[name] / total[name]:7.2f}%  {right[name]:6d}/{total[name]:<6d} {name}")
    by_field: dict[str, list[str]] = {}
    for line in failures:
        by_field.setdefault(field_name(line.split(" ")[1].rstrip(":")), []).append(line)
    print("failures (first per field):")
    for _name, lines in sorted(by_field.items(), key=lambda kv: -len(kv[1])):
        for line in lines[: max(1, args.show_failures // max(len(by_field), 1))]:
            print("  " + line[:300])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
