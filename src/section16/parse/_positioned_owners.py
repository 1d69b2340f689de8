"""The "Reporting Owners" table and the "Signatures" of a printed Form 3, 4 or 5 read from positioned
lines (``_positioned``): each owner's name and address in the first column and the Director / 10%
Owner / Officer / Other columns (a tick ``X``, the officer title, the other text), each signature's
name and date.

Pure: lines in, owners and signatures out.
"""

from __future__ import annotations

from collections.abc import Sequence

from section16.model import Address, Relationship, ReportingOwner, Signature
from section16.parse._layout_text import owner_columns
from section16.parse._page import Line, Page, Rule, Word, join_words, lines_of, reading_order
from section16.parse._rendered import Unread, parse_us_date
from section16.parse.rendered_html import _address

__all__ = ["read_owners", "read_signatures"]


Places = list[dict[str, str]]
"""Per owner, the place of each of its values by its path under the owner (``address.rpt_owner_city``)."""


def read_owners(page: Page) -> tuple[tuple[ReportingOwner, ...], Places]:
    """The "Reporting Owners" table: name and address lines in the first column, and the
    Director / 10% Owner / Officer / Other columns (a tick ``X``, the officer title, the other text);
    and the places of each owner's values (an unticked column's at its head)."""
    hit = page.find("Reporting Owner Name")
    if hit is None:
        return (), []
    head = page.find("Director", hit[0])
    if head is None:
        return (), []
    words = page.lines[head[0]].words

    def x_of(text: str) -> float | None:
        return next((w.x0 for w in words if w.text.startswith(text)), None)

    cols = [
        ("director", x_of("Director")),
        ("ten", x_of("10%")),
        ("officer", x_of("Officer")),
        ("other", x_of("Other")),
    ]
    if any(x is None for _, x in cols):
        return (), []
    xs = [(n, float(x) - 3 * page.tol) for n, x in cols if x is not None]
    # the section after the table starts a line ("See Explanation of Responses" can be an owner's
    # "Other" text)
    ends = ("Signatures", "Explanation of Responses", "Reminder:")
    stop = next(
        (i for i in range(head[0] + 1, len(page.lines)) if page.lines[i].text.startswith(ends)),
        len(page.lines),
    )
    placed: list[tuple[str, Word]] = []
    for line in page.lines[head[0] + 1 : stop]:
        owner_cols = None if page.pdf else owner_columns(words, line.words)  # layout text
        if owner_cols is not None:
            placed.extend(zip(owner_cols, line.words, strict=True))
            continue
        for w in line.words:
            # ticks and texts are centred under their heads; the name and address lines are left-aligned
            # in the first column, so a word that starts there is the first column's ("FLOOR 15" can end
            # under "Director")
            col = "name"
            for n, x in xs:
                if (w.x0 + w.x1) / 2 >= x and w.x0 >= xs[0][1]:
                    col = n
            placed.append((col, w))
    anchors = sorted({round(w.middle, 2) for c, w in placed if c != "name"})
    if not anchors:
        anchors = [placed[0][1].middle] if placed else []
    # the borders between owners: below the first owner's top (the heading's borders differ by column)
    body_top = min((w.top for _, w in placed), default=0.0)
    banded = _by_rules(placed, [r for r in page.rules if r[2] > body_top]) if page.pdf else None
    rows = banded if banded is not None else _by_anchor(placed, anchors)
    owners: list[ReportingOwner] = []
    places: Places = []
    head_at = page.where_line(head[0])
    for row in rows:
        grouped = lines_of(row.get("name", []), page.height * 0.4)
        name_lines = [join_words([line.text]) for line in grouped]
        name, address = _address(name_lines)
        ordered = {n: reading_order(row.get(n, []), page.height) for n, _ in xs}
        cell = {n: join_words(w.text for w in ordered[n]) for n, _ in xs}
        places.append(_owner_places(page, grouped, name_lines, address, ordered, head_at))
        owners.append(
            ReportingOwner(
                rpt_owner_name=name,
                address=address,
                relationship=Relationship(
                    is_director=bool(cell["director"]),
                    is_ten_percent_owner=bool(cell["ten"]),
                    is_officer=bool(cell["officer"]),
                    is_other=bool(cell["other"]),
                    officer_title=cell["officer"] or None,
                    other_text=cell["other"] or None,
                ),
            )
        )
    return tuple(owners), places


_FLAGS = (
    ("director", "is_director"),
    ("ten", "is_ten_percent_owner"),
    ("officer", "is_officer"),
    ("other", "is_other"),
)


def _owner_places(  # noqa: PLR0917
    page: Page,
    grouped: list[Line],
    name_lines: list[str],
    address: Address | None,
    ordered: dict[str, list[Word]],
    head_at: str,
) -> dict[str, str]:
    """Where an owner's values were read: the name at the cell's first line, an address part at the
    first line after it that holds its text (the last line when none does: a state printed as its
    name), a tick or text at its cell's first word, an unticked column at its head."""
    out: dict[str, str] = {}
    at = [page.where(line.words[0]) for line in grouped]
    if at:
        out["rpt_owner_name"] = at[0]
    if address is not None:
        for part in (
            "rpt_owner_street1",
            "rpt_owner_street2",
            "rpt_owner_city",
            "rpt_owner_state",
            "rpt_owner_zip_code",
        ):
            value = getattr(address, part)
            if value is not None:
                k = next((k for k in range(1, len(at)) if value in name_lines[k]), len(at) - 1)
                out[f"address.{part}"] = at[k]
    for column, flag in _FLAGS:
        words = ordered[column]
        out[f"relationship.{flag}"] = page.where(words[0]) if words else head_at
    for column, text in (("officer", "officer_title"), ("other", "other_text")):
        if ordered[column]:
            out[f"relationship.{text}"] = page.where(ordered[column][0])
    return out


def _by_anchor(placed: list[tuple[str, Word]], anchors: list[float]) -> list[dict[str, list[Word]]]:
    """Words to the row of the nearest anchor. A word halfway between two anchors (layout text has
    whole lines only) goes where it balances its cell around the anchor, cells being centred."""
    rows: list[dict[str, list[Word]]] = [{} for _ in anchors]
    ties: list[tuple[str, Word, int, int]] = []
    for col, word in placed:
        order = sorted(range(len(anchors)), key=lambda j: abs(anchors[j] - word.middle))
        if (
            len(order) > 1
            and abs(abs(anchors[order[0]] - word.middle) - abs(anchors[order[1]] - word.middle)) < 1e-6
        ):
            ties.append((col, word, min(order[:2]), max(order[:2])))
        else:
            rows[order[0]].setdefault(col, []).append(word)
    for col, word, upper, lower in ties:
        # the lower row's cell has lines below its anchor: this line above it balances them
        below = sum(w.middle - anchors[lower] for w in rows[lower].get(col, []))
        rows[lower if below > 0 else upper].setdefault(col, []).append(word)
    return rows


def _by_rules(placed: list[tuple[str, Word]], rules: Sequence[Rule]) -> list[dict[str, list[Word]]] | None:
    """Words to the rows of a table whose cells have drawn bottom borders (PDFs; the stylesheets' ``td``
    rule ``border-bottom-width: 1``): a word's row is the number of borders under its cell above it. A row
    broken across two pages has no border at the break, so its two parts stay one row. None when no
    border lies under the first column's words (nothing to count by)."""
    name_words = [w for c, w in placed if c == "name"]
    if not name_words or not rules:
        return None
    left, right = min(w.x0 for w in name_words), max(w.x1 for w in name_words)
    if not any(x0 < right and x1 > left for x0, x1, _ in rules):
        return None
    bands: dict[int, dict[str, list[Word]]] = {}
    for col, word in placed:
        band = sum(1 for x0, x1, y in rules if y < word.middle and x0 < word.x1 and x1 > word.x0)
        bands.setdefault(band, {}).setdefault(col, []).append(word)
    return [bands[b] for b in sorted(bands)]


def read_signatures(page: Page, unread: Unread | None = None) -> tuple[Signature, ...]:
    """The blocks under "Signatures", each closed by its "** Signature of Reporting Person  Date" line:
    the name in reading order (it may wrap) and the date, the one word that reads as a date. ``unread``
    collects their places: the name's first word's line, the date's."""
    hit = page.find("Signatures")
    if hit is None:
        return ()
    out: list[Signature] = []
    block: list[Word] = []
    for line in page.lines[hit[0] + 1 :]:
        text = line.text
        if "Signature of Reporting Person" in text:
            dates = [w for w in block if parse_us_date(w.text) is not None]
            when = parse_us_date(dates[-1].text) if dates else None
            named = reading_order([w for w in block if w not in dates], 0.0)
            name = join_words(w.text for w in named)
            if name or when:
                if unread is not None:
                    k = len(out)
                    if name:
                        unread.place(f"owner_signatures[{k}].signature_name", page.where(named[0]))
                    if when:
                        unread.place(f"owner_signatures[{k}].signature_date", page.where(dates[-1]))
                out.append(Signature(signature_name=name or None, signature_date=when))
            block = []
        elif text.startswith(("Reminder:", "Note:", "Potential persons", "Explanation of Responses")):
            break
        elif not {w.text for w in line.words} <= {"**", "Date"}:  # layout text: the label's first line
            block.extend(line.words)
    return tuple(out)
