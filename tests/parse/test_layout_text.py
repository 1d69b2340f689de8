"""The layout-text rules (``section16.parse._layout_text``) on small crafted lines of ``pdftotext -layout``
text: columns by order, type and position; sub-column edges from the heads; the Reporting Owners
columns by the nearest head; a continuation page's own grid; rows as bands of whole lines."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from section16.model import Relationship, ReportingOwner
from section16.parse._layout_rows import row_of_words, spill_values
from section16.parse._layout_text import (
    assign_columns,
    assign_table,
    column_starts,
    owner_columns,
    pushed_date,
    title_by_box5,
)
from section16.parse._page import SOFT_HYPHEN, Word, layout_lines, lines_of
from section16.parse._positioned_tables import T1_45, T2_3, T2_45
from section16.parse.rendered_text import layout_words


def _at(*runs: tuple[int, str]) -> str:
    """A line with each run of text starting at its character column."""
    line = ""
    for column, text in runs:
        line = line.ljust(column) + text
    return line


def _line(text: str, y: int = 0) -> list[Word]:
    return [Word(w.x0, w.x1, float(y), float(y + 1), w.text) for w in layout_words(text)]


LABELS_T2 = (
    "  1. Title of         2.          3. Transaction   3A. Deemed         4.          5. Numbe"
    "r 6. Date Exercisable and                          7. Title and Amount of 8. Price of 9. N"
    "umber of 10.           11. Nature"
)
HEADS_T2 = (
    _at((155, "Amount")),
    _at((112, "Date"), (124, "Expiration"), (155, "or")),
    _at((141, "Title")),
    _at((112, "Exercisable Date"), (155, "Number")),
    _at((84, "Code"), (93, "V"), (98, "(A)"), (105, "(D)"), (155, "of Shares")),
)
# Table I of Form 4 (title .. nature) with edges as a heading gives them.
T1_NAMES = ["title", "date", "deemed", "code", "v", "amount", "ad", "price", "owned", "direct", "nature"]
T1_STARTS = [0.0, 50.0, 67.0, 86.0, 100.0, 108.0, 118.0, 125.0, 136.0, 184.0, 197.0]


def _columns(text: str) -> dict[str, str]:
    words = _line(text)
    out: dict[str, str] = {}
    for word, col in zip(words, assign_columns(words, T1_NAMES, T1_STARTS), strict=True):
        out[col] = f"{out[col]} {word.text}" if col in out else word.text
    return out


def test_a_price_and_the_amount_after_it_one_space_apart_are_two_cells() -> None:
    # pdftotext packs "$ 0" (price) and "2,368" (owned) one space apart, left of the owned heading
    line = (
        "  Common Stock" + " " * 36 + "05/18/2023" + " " * 36 + "M" + " " * 15 + "732       A      $ 0 2,368"
    )
    line += " " * 44 + "D"
    cols = _columns(line)
    assert cols["price"] == "$ 0"
    assert cols["owned"] == "2,368"
    assert cols["amount"] == "732" and cols["ad"] == "A" and cols["direct"] == "D"
    assert cols["date"] == "05/18/2023" and cols["code"] == "M" and "deemed" not in cols


def test_a_lone_letter_is_a_code_not_free_text() -> None:
    # "D" printed past the ownership form's edge still is that column's, not the nature's first word
    line = "  Common Stock" + " " * 122 + "5,090" + " " * 57 + "D      By Wife"
    cols = _columns(line)
    assert cols["direct"] == "D"
    assert cols["nature"] == "By Wife"
    assert cols["owned"] == "5,090"


def test_a_class_letter_stays_in_its_title() -> None:
    cols = _columns("  Class A Common Stock" + " " * 116 + "1,000" + " " * 43 + "I     By trust")
    assert cols["title"] == "Class A Common Stock"
    assert cols["direct"] == "I"


def test_a_marker_glued_to_a_date_is_typed_by_the_date() -> None:
    cols = _columns("  Common Stock" + " " * 36 + "02/01/2020(2)" + " " * 33 + "M")
    assert cols["date"] == "02/01/2020(2)"
    assert cols["code"] == "M"


def test_a_dollar_sign_never_opens_a_title() -> None:
    names = ["title", "conversion", "date"]
    words = _line("  Employee     $ 58.73      01/31/2023")
    assert assign_columns(words, names, [0.0, 16.0, 30.0]) == ["title", "conversion", "conversion", "date"]


def test_sub_column_edges_come_from_the_heads_not_the_numbered_labels() -> None:
    # Table II of a real print (0000018349-23-000043): the dense label line is packed tighter than the
    # sparse head lines, so "5." prints left of the "V" head of column 4 and "6." left of "(D)"
    header = [
        _line(LABELS_T2, 0),
        *(_line(text, y) for y, text in enumerate(HEADS_T2, start=1)),
    ]
    starts = dict(column_starts(header, T2_45) or [])
    labels = {w.text: w.x0 for w in header[0]}
    assert labels["5."] < 90 < labels["6."] < 105
    # the data line's "A" (code, at 85), "6,932" (amount acquired, 97..101) and "02/16/2026"
    # (expiration, 124..133) fall in their own columns
    assert starts["code"] <= 85 < starts["v"] <= 97 and starts["a"] <= 97
    assert 101 < starts["d"] < starts["exercisable"] < 124 - 5 < starts["expiration"] <= 124


def test_owner_columns_go_by_the_nearest_head_centre() -> None:
    head = _line("                                            Director 10% Owner Officer Other")
    # an X centred under "10% Owner", which the packed head line puts left of "Officer"'s left edge
    row = _line(" BARCLAYS PLC                                               X")
    assert owner_columns(head, row) == ["name", "name", "ten"]
    row = _line(" THIEL PETER                                   X")
    assert owner_columns(head, row) == ["name", "name", "director"]
    assert owner_columns(_line("   Director Officer Other"), row) is None


def test_a_continuation_page_is_read_on_its_own_grid() -> None:
    names = ["title", "date", "owned", "direct"]
    starts = [0.0, 40.0, 80.0, 120.0]
    first = _line("  Common Stock" + " " * 26 + "01/02/2023" + " " * 32 + "100" + " " * 37 + "D", 0)
    # the next page's grid is half as wide: the same columns print at half the characters
    later = _line("  Common Stock      01/03/2023          200                 I", 10)
    cols = assign_table([first, later], names, starts)
    assert cols[1] == ["title", "title", "date", "owned", "direct"]
    # without the page's own grid, the amount would sit in the date's span
    assert assign_columns(later, names, starts)[3] != "owned"


def test_rows_are_bands_that_keep_a_cells_lines_in_one_row() -> None:
    # row 1's anchor ("I") prints four lines below its title: nearest-anchor gives "Series B" to row 0,
    # whose title column would then hold two cells
    lines = [
        (0, [("title", "Series A")]),
        (1, [("owned", "100"), ("direct", "D")]),
        (4, [("title", "Series B")]),
        (8, [("owned", "200"), ("direct", "I")]),
    ]
    placed = [
        (col, Word(float(x), float(x + 5), float(y), float(y + 1), text))
        for y, cells in lines
        for x, (col, text) in enumerate(cells)
    ]
    rows = row_of_words(placed, [1.5, 8.5])
    got = {w.text: r for (_, w), r in zip(placed, rows, strict=True)}
    assert got == {"Series A": 0, "100": 0, "D": 0, "Series B": 1, "200": 1, "I": 1}


def test_table_one_layout_is_what_the_columns_are_named_after() -> None:
    assert [sub for _, subs in T1_45 for sub, _ in subs] == T1_NAMES


def test_a_value_alone_on_its_line_goes_where_its_columns_values_print() -> None:
    names = ["title", "amount", "ad", "price", "owned", "direct"]
    starts = [0.0, 20.0, 27.0, 31.0, 46.0, 60.0]
    full = [
        _line(_at((2, "Common Stock"), (20, "100"), (27, "D"), (31, "$ 12.50"), (41, "5,000"), (62, "D")), y)
        for y in (0, 2, 4)
    ]
    # a wrapped price: the amount owned prints alone on the line below, in the price's span by the heading
    wrapped = [
        _line(_at((2, "Common Stock"), (20, "200"), (27, "D"), (31, "$")), 6),
        _line(_at((31, "13.25")), 7),
        _line(_at((41, "4,800"), (62, "D")), 8),
    ]
    cols = assign_table([*full, *wrapped], names, starts)
    assert cols[0] == ["title", "title", "amount", "ad", "price", "price", "owned", "direct"]
    assert cols[-1] == ["owned", "direct"]
    assert assign_columns(wrapped[-1], names, starts) == ["price", "direct"]  # the heading alone


def test_a_tick_goes_to_director_or_ten_percent_and_a_title_to_officer_or_other() -> None:
    head = _line(_at((47, "Director 10% Owner Officer Other")))
    # the second X prints nearer "Officer"'s centre than "10% Owner"'s, but a tick is never a title
    row = _line(_at((2, "Musk Elon"), (50, "X"), (65, "X"), (71, "CEO")))
    assert owner_columns(head, row) == ["name", "name", "director", "ten", "officer"]


LABELS_T1_FORM5 = (
    (2, "1.Title of Security"),
    (47, "2. Transaction"),
    (64, "2A. Deemed"),
    (83, "3. Transaction"),
    (98, "4. Securities Acquired"),
    (125, "5. Amount of Securities"),
    (174, "6."),
    (186, "7. Nature"),
)


def test_a_sub_column_whose_head_is_not_printed_is_left_out() -> None:
    # Form 5's Table I prints no "Code V" heads under column 3 (its code cell holds the code and form)
    header = [
        _line(_at(*LABELS_T1_FORM5), 0),
        _line(_at((115, "(A)")), 1),
        _line(_at((116, "or")), 2),
        _line(_at((100, "Amount"), (115, "(D) Price")), 3),
    ]  # fmt: skip
    starts = column_starts(header, T1_45)
    assert starts is not None
    assert [name for name, _ in starts] == [
        "title", "date", "deemed", "code", "amount", "ad", "price", "owned", "direct", "nature",
    ]  # fmt: skip


def test_a_heading_broken_across_pages_has_its_labels_scaled_to_the_rows_page() -> None:
    # Form 3's Table II: the numbered labels on page 1's grid, the heads and rows on page 2's, half as wide
    labels = _at((2, "1. Title"), (60, "2. Date Exercisable"), (100, "3. Title and Amount"), (160, "4."),
                 (200, "5."), (240, "6. Nature"))  # fmt: skip
    header = [
        _line(labels, 0),
        _line(_at((30, "Exercisable"), (43, "Expiration"), (55, "Title"), (63, "Amount")), 10),
    ]
    body = [_line(_at((2, "Series A"), (33, "(1)"), (46, "(1)"), (55, "Common"), (63, "2,027,400"),
                      (80, "$ (1)"), (100, "I"), (120, "By Fund")), 11)]  # fmt: skip
    starts = column_starts(header, T2_3, body)
    assert starts is not None
    names, xs = [n for n, _ in starts], [x for _, x in starts]
    assert assign_columns(body[0], names, xs) == [
        "title", "title", "exercisable", "expiration", "underlying_title", "underlying_shares",
        "conversion", "conversion", "direct", "nature", "nature",
    ]  # fmt: skip
    unscaled = column_starts(header, T2_3)
    assert unscaled is not None and dict(unscaled)["conversion"] > 150


def test_a_dollar_sign_after_a_value_opens_the_next_cell_and_amounts_stay_out_of_titles() -> None:
    # "Common 13,031,306 $ (17)": the heading puts the conversion price 10 characters further right
    names = ["underlying_title", "underlying_shares", "conversion", "direct"]
    words = _line(_at((65, "Common 13,031,306 $ (17)"), (113, "D")))
    assert assign_columns(words, names, [65.0, 74.0, 95.0, 109.0]) == [
        "underlying_title", "underlying_shares", "conversion", "conversion", "direct",
    ]  # fmt: skip


def test_a_tall_nature_cell_is_centred_on_its_rows_title() -> None:
    # row 0 is one line; row 1's nature "By / spouse, / as / custodian / for child / of the" is centred
    # on its title (line 3), and its first line is nearer row 0's anchor than row 1's
    lines = [
        (0, [("title", "Common Stock"), ("owned", "13,009"), ("direct", "D")]),
        (1, [("nature", "By")]),
        (2, [("nature", "spouse,")]),
        (3, [("title", "Common Stock"), ("owned", "100"), ("direct", "I"), ("nature", "as")]),
        (4, [("nature", "custodian")]),
        (5, [("nature", "for child")]),
        (6, [("nature", "of the")]),
    ]
    placed = [
        (col, Word(float(x), float(x + 5), float(y), float(y + 1), text))
        for y, cells in lines
        for x, (col, text) in enumerate(cells)
    ]
    rows = row_of_words(placed, [0.5, 3.5])
    got = {w.text: r for (_, w), r in zip(placed, rows, strict=True) if w.text in ("By", "spouse,", "D", "I")}
    assert got == {"D": 0, "By": 1, "spouse,": 1, "I": 1}


def test_a_date_pushed_into_the_box_before_it_is_the_next_boxs() -> None:
    below = [
        _line(_at((2, "C/O SEQUOIA CAPITAL,, 2800 SAND HILL 08/09/2019")), 1),
        _line(_at((2, "ROAD SUITE 101")), 2),
    ]
    assert pushed_date(below, 63.0) == "08/09/2019"
    # a date apart from box 1's text, or in the box itself, is not pushed
    assert pushed_date([_line(_at((2, "ROAD"), (30, "08/09/2019")), 1)], 63.0) is None
    assert pushed_date([_line(_at((2, "ROAD"), (63, "08/09/2019")), 1)], 63.0) is None


def test_box_5_says_whether_the_owners_table_text_is_an_officer_title() -> None:
    table = ReportingOwner(rpt_owner_name="X", relationship=Relationship(is_other=True, other_text="CEO"))
    officer = title_by_box5(table, Relationship(is_director=False, is_officer=True, is_other=False))
    assert officer.relationship == Relationship(is_officer=True, is_other=False, officer_title="CEO")
    # box 5 ticks neither, or both: the table's reading stands
    assert title_by_box5(table, Relationship(is_officer=False, is_other=False)) is table
    assert title_by_box5(table, Relationship(is_officer=True, is_other=True)) is table
    other = ReportingOwner(relationship=Relationship(is_officer=True, officer_title="Member of group"))
    moved = title_by_box5(other, Relationship(is_officer=False, is_other=True))
    assert moved.relationship == Relationship(is_officer=False, is_other=True, other_text="Member of group")


def test_a_marker_stays_with_the_value_before_it_and_a_lone_dollar_with_its_column() -> None:
    names = ["amount", "ad", "price", "owned", "direct"]
    starts = [93.0, 100.0, 108.0, 121.0, 171.0]
    # "$ 0 (1) 114,070": the price's marker prints in the owned column's span, one space after "0"
    words = _line(_at((95, "224,868"), (103, "D"), (119, "$ 0 (1) 114,070"), (171, "D")))
    assert assign_columns(words, names, starts) == [
        "amount",
        "ad",
        "price",
        "price",
        "price",
        "owned",
        "direct",
    ]
    # a wrapped price's "$" alone with a marker far right: "$" stays in the price column
    words = _line(_at((98, "8,461"), (119, "$"), (134, "(4)")))
    assert assign_columns(words, names, starts)[:2] == ["amount", "price"]


def test_an_amount_far_left_of_its_column_is_still_not_a_title() -> None:
    # Form 3's Table I: the amount prints 20 characters left of its heading; "$0.0001" is the title's
    names, starts = ["title", "owned", "direct", "nature"], [3.0, 66.0, 95.0, 111.0]
    first = _line(_at((3, "Class A Common Stock, par value $0.0001")))
    assert set(assign_columns(first, names, starts)) == {"title"}
    second = _line(_at((3, "per share"), (43, "803,737 (1)"), (102, "I"), (111, "See footnote (2)")))
    assert assign_columns(second, names, starts) == [
        "title", "title", "owned", "owned", "direct", "nature", "nature", "nature",
    ]  # fmt: skip


def test_markers_glued_together_are_a_footnote_only_cell() -> None:
    names = ["exercisable", "expiration", "underlying_title", "underlying_shares"]
    words = _line(_at((126, "(1)(2)"), (138, "(1)(2)"), (149, "Common"), (156, "400,000")))
    assert assign_columns(words, names, [117.0, 134.0, 146.0, 155.0]) == [
        "exercisable", "expiration", "underlying_title", "underlying_shares",
    ]  # fmt: skip


_TOKENS = st.sampled_from(
    [
        "Common",
        "Stock",
        "$",
        "0",
        "2,368",
        "12.50",
        "(1)",
        "(1)(2)",
        "A",
        "D",
        "I",
        "V",
        "M",
        "05/18/2023",
        "By",
        "Trust",
        "$0",
        "02/01/2020(2)",
        "S/K(1)",
        "G(1)",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 230), _TOKENS), max_size=25))
def test_any_line_gets_one_column_per_word(cells: list[tuple[int, str]]) -> None:
    line = ""
    for column, text in sorted(cells):
        line = (line + " " if line else "").ljust(column) + text
    words = _line(line)
    cols = assign_columns(words, T1_NAMES, T1_STARTS)
    assert len(cols) == len(words) and set(cols) <= set(T1_NAMES)
    order = [T1_NAMES.index(c) for c in cols]
    assert order == sorted(order)  # columns never go out of order


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 40), st.sampled_from(T1_NAMES)), min_size=1, max_size=40),
    st.lists(st.integers(0, 40), min_size=1, max_size=8, unique=True),
)
def test_any_table_gets_a_row_per_word(cells: list[tuple[int, str]], anchor_lines: list[int]) -> None:
    placed = [(col, Word(0.0, 5.0, float(y), float(y + 1), "x")) for y, col in cells]
    anchors = sorted(a + 0.5 for a in anchor_lines)
    rows = row_of_words(placed, anchors)
    assert len(rows) == len(placed) and all(0 <= r < len(anchors) for r in rows)


def test_a_typed_cell_holds_one_value_per_row() -> None:
    # a wrapped price "$ / 71.66": its number's line is as near the next row's anchor as its own, but
    # the next row's price cell already holds "$0"
    lines = [
        (38, [("amount", "1,021"), ("ad", "D"), ("price", "$")]),
        (39, [("title", "Common Stock"), ("owned", "30,822"), ("direct", "D")]),
        (40, [("price", "71.66")]),
        (41, [("title", "Common Stock"), ("price", "$0"), ("owned", "37,655"), ("direct", "I")]),
    ]
    placed = [
        (col, Word(float(x), float(x + 5), float(y), float(y + 1), text))
        for y, cells in lines
        for x, (col, text) in enumerate(cells)
    ]
    rows = row_of_words(placed, [39.5, 41.5])
    got = {w.text: r for (_, w), r in zip(placed, rows, strict=True)}
    assert got["71.66"] == 0 and got["$0"] == 1


def test_a_second_value_in_a_cell_spills_into_the_empty_cell_beside_it() -> None:
    # the price cell of a row got "87,053" (on the edge, alone on its line) and "43.29"; owned is empty
    row = {
        "price": [
            Word(141, 142, 38, 39, "$"),
            Word(147, 153, 39, 40, "87,053"),
            Word(141, 146, 40, 41, "43.29"),
        ],
        "direct": [Word(202, 203, 39, 40, "D")],
    }
    spill_values(row, T1_NAMES)
    assert [w.text for w in row["price"]] == ["$", "43.29"]
    assert [w.text for w in row["owned"]] == ["87,053"]
    # no empty neighbour of the same kind: nothing moves
    full = {
        "price": [Word(141, 146, 0, 1, "1.5"), Word(147, 150, 1, 2, "2.5")],
        "owned": [Word(160, 163, 0, 1, "7")],
    }
    spill_values(full, T1_NAMES)
    assert len(full["price"]) == 2


def test_layout_lines_group_words_as_lines_of_does() -> None:
    text = (
        "11/24/26, 6:30 PM            Ownership Submission\n"
        "  1. Name and Address     2. Issuer Name\n"
        "\n"
        "   Common Stock   11/02/2020     S      1,000  D   $ 12.5   the four-\n"
        "\f   year plan\n"
        "file:///tmp/s16-pdf-x/page.html                       1/2\n"
    )
    lines = layout_lines(text)
    assert lines == lines_of(layout_words(text), tolerance=0.35)
    assert [line.text for line in lines] == [
        "1. Name and Address 2. Issuer Name",
        "Common Stock 11/02/2020 S 1,000 D $ 12.5 the four" + SOFT_HYPHEN,
        "year plan",
    ]
    assert [(w.x0, w.x1, w.top) for w in lines[1].words[:2]] == [(3.0, 9.0, 3.0), (10.0, 15.0, 3.0)]


def _placed(lines: list[tuple[int, list[tuple[str, str]]]]) -> list[tuple[str, Word]]:
    return [
        (col, Word(float(10 * x), float(10 * x + 5), float(y), float(y + 1), text))
        for y, cells in lines
        for x, (col, text) in enumerate(cells)
    ]


def test_a_nature_cell_ends_with_its_footnote_markers() -> None:
    # Sequoia's natures, one word a line in a narrow column, rows of equal height back to back: the
    # lines between two anchors are as near one as the other, and a row taking "Sequoia" after
    # "L.P. (3)" is centred as well as the other; the markers end the upper cell
    nature = ["Sequoia", "Capital", "U.S.", "Growth", "Fund IV,", "L.P. (3)"]
    lines: list[tuple[int, list[tuple[str, str]]]] = []
    for first in (0, 6):
        for i, text in enumerate(nature):
            cells = [("nature", t) for t in text.split()]
            if i == 3:  # the single-line cells, on the lower of the two middle lines
                cells = [("title", "Common"), ("owned", "100"), ("direct", "I"), *cells]
            lines.append((first + i, cells))
    placed = _placed(lines)
    rows = row_of_words(placed, [3.5, 9.5])
    natures: dict[int, list[str]] = {}
    for (col, w), r in zip(placed, rows, strict=True):
        if col == "nature":
            natures.setdefault(r, []).append(w.text)
    assert natures == {0: [*" ".join(nature).split()], 1: [*" ".join(nature).split()]}


def test_a_one_line_nature_prints_on_its_rows_anchor_line() -> None:
    # "By Trust (2)": the nature's words one line above row 1's anchor, its marker on the anchor line;
    # as near row 0's anchor, but there it would be a one-line cell off its row's anchor line
    lines = [
        (0, [("title", "Common"), ("owned", "100"), ("direct", "D")]),
        (1, [("nature", "By"), ("nature", "Trust")]),
        (2, [("title", "Common"), ("owned", "200"), ("direct", "I"), ("nature", "(2)")]),
    ]
    placed = _placed(lines)
    rows = row_of_words(placed, [0.5, 2.5])
    got = [(w.text, r) for (_, w), r in zip(placed, rows, strict=True)]
    assert got == [
        ("Common", 0), ("100", 0), ("D", 0),
        ("By", 1), ("Trust", 1),
        ("Common", 1), ("200", 1), ("I", 1), ("(2)", 1),
    ]  # fmt: skip


def test_a_price_marker_alone_on_its_line_is_the_price_above_it() -> None:
    # "$ / 20.9021 / (4)" and "$ / 21.545 / (5)": the wrapped prices of two rows two lines apart; "(4)"
    # is as near row 1's anchor as row 0's, but the view prints a value's markers after it
    lines = [
        (0, [("price", "$")]),
        (1, [("title", "Common"), ("amount", "2,818"), ("price", "20.9021"), ("direct", "D")]),
        (3, [("price", "(4)")]),
        (4, [("price", "$")]),
        (5, [("title", "Common"), ("amount", "200"), ("price", "21.545"), ("direct", "D")]),
        (6, [("price", "(5)")]),
    ]
    placed = _placed(lines)
    rows = row_of_words(placed, [1.5, 5.5])
    got = {w.text: r for (_, w), r in zip(placed, rows, strict=True) if w.text.startswith("(")}
    assert got == {"(4)": 0, "(5)": 1}


def test_a_number_with_decimals_is_never_part_of_a_title() -> None:
    # "Common 186.00 $ 48.81": the underlying amount one space after its title, left of its column's
    # edge; titles hold whole numbers ("Series 4", "2010") and "$0.0001" par values, never "186.00"
    names, starts = ["underlying_title", "underlying_shares", "price"], [125.0, 143.0, 145.0]
    words = _line(_at((131, "Common 186.00 $ 48.81")))
    assert assign_columns(words, names, starts) == ["underlying_title", "underlying_shares", "price", "price"]
    words = _line(_at((131, "Series 2010 Notes")))
    assert set(assign_columns(words, names, starts)) == {"underlying_title"}
