"""Fixtures of the EDGAR tests: the corpus as the fake EDGAR serves it (loaded once), a running fake
server per test, and a client pointed at it with its own cache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from section16.edgar import EdgarClient
from tests.conftest import CORPUS, require_corpus
from tests.edgar.fake_edgar import CorpusFiling, FakeEdgar, load_corpus

USER_AGENT = "section16 tests tests@example.com"


@pytest.fixture(scope="session")
def corpus_filings() -> list[CorpusFiling]:
    require_corpus()
    return load_corpus(CORPUS / "submissions")


@pytest.fixture
def fake_edgar(corpus_filings: list[CorpusFiling]) -> Iterator[FakeEdgar]:
    fake = FakeEdgar(list(corpus_filings), page_size=20).start()
    yield fake
    fake.stop()


@pytest.fixture
def client(fake_edgar: FakeEdgar, tmp_path: Path) -> Iterator[EdgarClient]:
    with EdgarClient(
        user_agent=USER_AGENT,
        base_url=fake_edgar.base_url,
        cache=tmp_path / "cache",
        backoff=0.05,
        timeout=5.0,
    ) as edgar:
        yield edgar
