"""Shared fixtures: where the real corpus is (``../shared/corpus`` beside the repository)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"


def corpus_files(folder: str, pattern: str = "*") -> list[Path]:
    """Files of a corpus folder, sorted; empty where the corpus is absent (tests then skip)."""
    base = CORPUS / folder
    if not base.is_dir():
        return []
    return sorted(p for p in base.glob(pattern) if p.is_file())


def require_corpus() -> Path:
    """The corpus folder, or skip the test with a message saying why."""
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}: these tests need ../shared/corpus beside the repository")
    return CORPUS


@pytest.fixture
def corpus_dir() -> Path:
    """The corpus folder; skips the test where it is absent."""
    return require_corpus()
