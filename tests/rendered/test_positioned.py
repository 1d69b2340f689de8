"""The position-based reader's parts on crafted word layouts: footnotes whose marker is centred against
its text (the stylesheets' two-column footnote table), words broken after a hyphen at a line's end."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from section16.parse._page import SOFT_HYPHEN, Line, Word, join_words
from section16.parse._positioned_notes import _footnotes, runs_from_back, split_by_centres


def _line(y: float, *cells: tuple[float, str]) -> Line:
    words: list[Word] = []
    for x, text in cells:
        for k, part in enumerate(text.split()):
            words.append(Word(x + 40 * k, x + 40 * k + 2.5 * len(part), y - 4, y + 4, part))
    return Line(words)


def test_marker_beside_the_middle_line_takes_the_lines_above_it() -> None:
    # (1) one line; (2) centred on five lines, beside the third; (3) between its two lines
    region = [
        _line(10, (34, "*"), (45, "If the form is filed")),
        _line(20, (34, "**"), (45, "Intentional misstatements")),
        _line(30, (34, "(1)"), (45, "first note")),
        _line(42, (45, "second a")),
        _line(50, (45, "second b")),
        _line(58, (34, "(2)"), (45, "second c")),
        _line(66, (45, "second d")),
        _line(74, (45, "second e")),
        _line(86, (45, "third a")),
        _line(90, (34, "(3)")),
        _line(94, (45, "third b")),
    ]
    for spaced in (True, False):
        notes, _ = _footnotes(region, 1.5, spaced=spaced)
        assert [(n.id, n.text) for n in notes] == [
            ("F1", "first note"),
            ("F2", "second a second b second c second d second e"),
            ("F3", "third a third b"),
        ]


def test_row_gaps_split_notes_whose_centres_alone_are_ambiguous() -> None:
    # two-line notes, each marker beside its second line; rows 13 apart, lines 9 apart
    ys = [0.0, 9.0, 22.0, 31.0, 44.0, 53.0]
    marks = [4.5, 26.5, 48.5]
    assert split_by_centres(ys, marks, spaced=True) == [range(0, 2), range(2, 4), range(4, 6)]


def test_a_note_broken_across_pages_is_centred_on_its_first_part() -> None:
    ys = [0.0, 9.0, 22.0, 31.0, 120.0, 133.0]  # page break after 31
    marks = [4.5, 26.5, 133.0]
    assert split_by_centres(ys, marks, spaced=True) == [range(0, 2), range(2, 5), range(5, 6)]


def test_fewer_lines_than_markers_leaves_empty_notes() -> None:
    assert split_by_centres([10.0], [9.0, 30.0], spaced=True) == [range(0, 1), range(0)]


@given(st.lists(st.integers(min_value=1, max_value=4), min_size=1, max_size=6), st.integers(0, 3))
def test_the_walk_back_gives_the_runs_the_programme_chose(sizes: list[int], noise: int) -> None:
    # a back table as the dynamic programmes leave it: for marker i, the start of its run at every end;
    # only the entries on the chosen path are read, the others hold anything
    bounds = [0]
    for size in sizes:
        bounds.append(bounds[-1] + size)
    n = bounds[-1]
    back = [[noise] * (n + 1) for _ in range(len(sizes) + 1)]
    for i in range(1, len(sizes) + 1):
        back[i][bounds[i]] = bounds[i - 1]
    assert runs_from_back(back, n) == [range(a, b) for a, b in pairwise(bounds)]


def test_a_word_broken_after_its_hyphen_is_joined_again() -> None:
    assert join_words(["over the four" + SOFT_HYPHEN, "year period"]) == "over the four-year period"
    assert join_words(["Class  B", " Common"]) == "Class B Common"


def test_sub_column_edge_falls_in_the_widest_stretch_no_body_word_crosses() -> None:
    from section16.parse._positioned_tables import _free_middle

    # "Title" ends at 382, "Amount" starts at 405; the centred title's words reach 401 (X06-X08 layout)
    body = [
        Word(372, 390, 0, 8, "Class"),
        Word(392, 398, 0, 8, "A"),
        Word(369, 401, 10, 18, "Common"),
        Word(405, 438, 10, 18, "4,169,733"),
    ]
    assert _free_middle(382, 405, body) == 403.0
    assert _free_middle(382, 405, []) == 393.5
    assert _free_middle(382, 405, [Word(370, 420, 0, 8, "covers-all")]) == 393.5


def test_cells_are_blocks_of_touching_lines_given_to_the_nearest_anchor() -> None:
    from section16.parse._positioned_tables import _by_blocks

    # row anchors at 10 and 40; a three-line nature cell centred on 40 starts above the middle (25)
    placed = [
        ("direct", Word(0, 5, 6, 14, "D")),
        ("direct", Word(0, 5, 36, 44, "I")),
        ("nature", Word(10, 20, 23, 31, "By")),
        ("nature", Word(10, 20, 31.2, 39.2, "Sequoia")),
        ("nature", Word(10, 20, 39.4, 47.4, "Capital")),
        ("nature", Word(10, 20, 47.6, 55.6, "Fund")),
    ]
    rows = _by_blocks(placed, [10.0, 40.0])
    assert "nature" not in rows[0]
    assert [w.text for w in rows[1]["nature"]] == ["By", "Sequoia", "Capital", "Fund"]


def test_a_doubly_escaped_ampersand_reads_as_the_xml_reader_reads_it() -> None:
    assert join_words(["PG&amp;E", "Corporation"]) == "PG&E Corporation"
