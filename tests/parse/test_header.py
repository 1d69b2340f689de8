"""Tests of section16.parse._header's two paths: the fast path (a known label's line, a block opener, a
document's usual tag lines) reads exactly what the exact path reads, over every corpus submission and over
generated headers; and the exact path is taken for the lines that need it (tags, space indentation,
CR-only line ends, 1990s and PEM-wrapped headers)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from section16.parse import _header
from section16.parse.submission import SubmissionParts, split_submission
from tests.conftest import CORPUS, corpus_files

SUBMISSIONS = corpus_files("submissions") + corpus_files("submissions/headers")
_NEVER = re.compile(r"(?!)")  # a pattern that matches nothing


@contextmanager
def _exact_path_only() -> Iterator[None]:
    """Every header line through ``_other_line`` and every document's tags through the general search:
    no label or tag is known to the fast path, and the usual document shape matches nothing."""
    with (
        mock.patch.object(_header, "_HEADS", {}),
        mock.patch.object(_header, "_FAST_TAGS", frozenset()),
        mock.patch.object(_header, "_DOCUMENT_TAGS_USUAL", _NEVER),
    ):
        yield


def _both_paths(data: bytes, source: str) -> tuple[SubmissionParts, SubmissionParts]:
    fast = split_submission(data, source=source)
    with _exact_path_only():
        exact = split_submission(data, source=source)
    return fast, exact


@pytest.mark.corpus
@pytest.mark.parametrize("path", SUBMISSIONS, ids=lambda p: p.name)
def test_fast_path_reads_what_the_exact_path_reads(path: Path) -> None:
    fast, exact = _both_paths(path.read_bytes(), path.name)
    assert fast == exact
    assert fast.notes == exact.notes


def _lines_on_the_exact_path(relative: str) -> list[str]:
    """The header lines of a corpus file that ``read_header_lines`` hands to ``_other_line``."""
    path = CORPUS / relative
    if not path.is_file():
        pytest.skip(f"corpus file {path} not found: these tests need ../shared/corpus beside the repository")
    seen: list[str] = []
    other_line = _header._other_line

    def spy(state: _header._State, line: str, lineno: int) -> None:
        seen.append(line)
        other_line(state, line, lineno)

    with mock.patch.object(_header, "_other_line", spy):
        split_submission(path.read_bytes(), source=path.name)
    return seen


@pytest.mark.corpus
def test_a_usual_complete_submission_takes_the_fast_path_for_every_line() -> None:
    assert _lines_on_the_exact_path("submissions/0000002488-23-000088.txt") == []


def _tag_line_on_the_exact_path(line: str) -> bool:
    """Whether a ``<TAG>`` line of a tagged header is one the fast path leaves to the exact path: a
    closing or bare tag, or one not in ``_FAST_TAGS``."""
    tag, _, value = line.strip()[1:].partition(">")
    return tag.startswith("/") or not value.strip() or tag.strip() not in _header._FAST_TAGS


@pytest.mark.corpus
@pytest.mark.parametrize(
    "relative", ["submissions/0001127602-25-004598.nc", "submissions/0001562180-25-000280.nc"]
)
def test_tag_style_header_with_cr_line_ends_leaves_its_blocks_to_the_exact_path(relative: str) -> None:
    seen = _lines_on_the_exact_path(relative)
    text = (CORPUS / relative).read_bytes()
    header = text[: text.find(b"<DOCUMENT>")].decode().replace("\r\n", "\n").replace("\r", "\n")
    lines = [line for line in header.split("\n")[1:] if line.strip()]  # the first is <SUBMISSION>
    assert all(line.startswith("<") for line in lines)
    expected = [line for line in lines if _tag_line_on_the_exact_path(line)]
    assert seen == expected
    assert "<REPORTING-OWNER>" in seen and "</REPORTING-OWNER>" in seen
    assert "<ORGANIZATION-NAME>" in seen  # a known tag with no value: read as an empty value there
    assert len(seen) < len(lines)  # the <TAG>value lines took the fast path


@pytest.mark.corpus
def test_header_indented_with_spaces_takes_the_exact_path() -> None:
    seen = _lines_on_the_exact_path("submissions/0001790565-23-000009.txt")
    spaced = [line for line in seen if line.startswith(" ")]
    assert len(spaced) > 20  # the re-indented copy: its labels are not as EDGAR indents them
    assert any("COMPANY CONFORMED NAME:" in line for line in spaced)


@pytest.mark.corpus
@pytest.mark.parametrize(
    "relative", ["submissions/0001094891-00-000193.txt", "submissions/headers/edgartools_1990sheader.txt"]
)
def test_old_headers_take_the_exact_path_for_their_tags_and_odd_lines(relative: str) -> None:
    seen = _lines_on_the_exact_path(relative)
    assert "<REPORTING-OWNER>" in [line.strip() for line in seen]
    assert "</REPORTING-OWNER>" in [line.strip() for line in seen]


# --- generated headers --------------------------------------------------------------------------------

_LABELS = sorted({*_header._LABELS, *_header._SUB_BLOCKS, *_header._ROLES, "RELATIONSHIP", "FOO BAR"})
_SPACE = st.sampled_from(["", "\t", "\t\t", "\t\t\t", " ", "  ", "\t ", " \t", "\x0b", "\xa0", "\u2003"])
_VALUE = st.sampled_from(
    ["", "4", "20230522", "2023-05-22", "ACME CORP", "A: B", "x\ty", "<b>", "0001234567-23-000089", "é"]
)


@st.composite
def _header_line(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["label", "label", "label", "blank", "tag", "close", "odd"]))
    if kind == "blank":
        return draw(_SPACE)
    if kind == "odd":
        return draw(st.sampled_from(["FOO", ":", ": x", "OWNER DATA", "::", "\tCITY"]))
    name = draw(st.sampled_from(_LABELS)).replace(" ", draw(st.sampled_from([" ", "-"])))
    if kind == "close":
        return f"{draw(_SPACE)}</{name}>"
    if kind == "tag":
        return f"{draw(_SPACE)}<{draw(_SPACE)}{name}{draw(_SPACE)}>{draw(_SPACE)}{draw(_VALUE)}{draw(_SPACE)}"
    return f"{draw(_SPACE)}{name}{draw(_SPACE)}:{draw(_SPACE)}{draw(_VALUE)}{draw(_SPACE)}"


@settings(max_examples=400, deadline=None)
@given(
    lines=st.lists(_header_line(), max_size=30),
    line_end=st.sampled_from(["\n", "\r\n", "\r"]),
    first_line=st.integers(1, 300),
)
def test_generated_headers_read_the_same_on_both_paths(
    lines: list[str], line_end: str, first_line: int
) -> None:
    text = line_end.join(lines)
    fast = _header.read_header_lines(text, first_line=first_line, place="gen")
    with _exact_path_only():
        exact = _header.read_header_lines(text, first_line=first_line, place="gen")
    assert fast == exact


_TAG_LINE = st.builds(
    lambda space, name, value: f"{space}<{name}>{value}",
    st.sampled_from(["", " ", "\t", "\x0b"]),
    st.sampled_from(["TYPE", "SEQUENCE", "FILENAME", "DESCRIPTION", " TYPE ", "OTHER"]),
    st.sampled_from(["", "4", " 1 ", "form4.xml", "FORM 4", "x\ty", "<b>", "é "]),
)


@settings(max_examples=400, deadline=None)
@given(
    lines=st.lists(_TAG_LINE | st.sampled_from(["", "plain text", "<>"]), max_size=6),
    line_end=st.sampled_from(["\n", "\r\n", "\r"]),
    usual=st.sampled_from([0, 3, 4]),
)
def test_document_tags_read_the_same_on_both_paths(lines: list[str], line_end: str, usual: int) -> None:
    if usual:  # the shape EDGAR writes (the description may be absent), with generated values
        values = [line.partition(">")[2] for line in lines] + ["", "", "", ""]
        names = ("TYPE", "SEQUENCE", "FILENAME", "DESCRIPTION")[:usual]
        lines = [f"<{name}>{value}" for name, value in zip(names, values, strict=False)]
    text = line_end + line_end.join(lines) + line_end
    fast = _header.read_document_tags(text)
    with _exact_path_only():
        exact = _header.read_document_tags(text)
    assert fast == exact


def test_usual_document_tags_take_the_anchored_match() -> None:
    text = "\n<TYPE>4\n<SEQUENCE>1\n<FILENAME>form4.xml\n<DESCRIPTION>FORM 4 \n"
    assert _header._DOCUMENT_TAGS_USUAL.fullmatch(text) is not None
    document = _header.read_document_tags(text)
    assert (document.type, document.sequence, document.filename, document.description) == (
        "4",
        1,
        "form4.xml",
        "FORM 4",
    )
    crlf = text.replace("\n", "\r\n")
    assert _header._DOCUMENT_TAGS_USUAL.fullmatch(crlf) is None  # read by the general search
    assert _header.read_document_tags(crlf) == document
