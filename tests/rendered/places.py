"""The check that a document read from a rendered copy says where each of its values was read
(issue 5: "Each value carries where it was read (page, line or cell) and a confidence")."""

from __future__ import annotations

from pathlib import Path

import pytest

from section16.model import OwnershipDocument
from section16.parse._rendered import value_paths


def unplaced(document: OwnershipDocument) -> list[str]:
    """The paths of ``document``'s values that no place names (empty when every value has one)."""
    placed = {p.path for p in document.places}
    return [path for path in value_paths(document) if path not in placed]


def assert_placed(document: OwnershipDocument, *, source: str = "") -> None:
    """Every value of ``document`` has a place, every place a non-empty text and a confidence in (0, 1]."""
    missing = unplaced(document)
    assert not missing, f"{source}: values with no place: {missing[:10]}"
    for place in document.places:
        assert place.place.strip(), f"{source}: {place.path} has an empty place"
        assert 0 < place.confidence <= 1, f"{source}: {place.path} confidence {place.confidence}"


def bench_sample_prints() -> list[tuple[Path, bytes]]:
    """bench/bench_rendered.py's 269 filings of all forms and their printed PDFs (printed once into the
    cache); skips the test when the corpus is not there."""
    from bench.bench_rendered import sample
    from tests.rendered.pdf import print_all
    from tests.rendered.render import render

    paths = sample(240)
    if not paths:
        pytest.skip("corpus not found")
    pdfs = print_all([render(p.read_bytes()) for p in paths], workers=2)
    out: list[tuple[Path, bytes]] = []
    for path, pdf in zip(paths, pdfs, strict=True):
        assert pdf is not None, path.name
        out.append((path, pdf))
    return out
