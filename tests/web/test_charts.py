"""The server-drawn SVG charts: bars up for purchases and down for sales, step lines per holding, labels
escaped, an empty chart that says so."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from xml.etree import ElementTree

from section16.web.charts import buy_sell_bars, compact, holding_lines

SVG = "{http://www.w3.org/2000/svg}"


def test_bars_go_up_for_purchases_and_down_for_sales() -> None:
    months = [
        {"month": date(2024, 1, 1), "bought_value": Decimal(1000), "sold_value": Decimal(-500)},
        {"month": date(2024, 2, 1), "bought_value": Decimal(0), "sold_value": Decimal(-2000)},
    ]
    root = ElementTree.fromstring(buy_sell_bars(months))
    axis = float(root.find(f"{SVG}line").get("y1"))  # type: ignore[union-attr]
    buys = root.findall(f"{SVG}rect[@class='buy']")
    sells = root.findall(f"{SVG}rect[@class='sell']")
    assert len(buys) == 1 and len(sells) == 2
    assert float(buys[0].get("y")) + float(buys[0].get("height")) == axis  # type: ignore[arg-type]
    assert all(float(s.get("y")) == axis for s in sells)  # type: ignore[arg-type]
    assert float(sells[1].get("height")) == 4 * float(sells[0].get("height"))  # type: ignore[arg-type]


def test_lines_escape_labels_and_step() -> None:
    series = [
        {
            "label": "A&B <Common>",
            "points": [
                {"date": date(2024, 1, 1), "shares": Decimal(10)},
                {"date": date(2024, 6, 1), "shares": Decimal(20)},
            ],
        }
    ]
    svg = holding_lines(series)
    root = ElementTree.fromstring(svg)
    assert "A&amp;B &lt;Common&gt;" in svg
    points = root.find(f"{SVG}polyline").get("points").split()  # type: ignore[union-attr]
    assert len(points) == 4  # start, step across, step up, run to the end


def test_empty_and_compact() -> None:
    assert "no data" in buy_sell_bars([])
    assert "no data" in holding_lines([])
    assert compact(Decimal(1_500_000)) == "1.5M"
    assert compact(-2_000) == "-2K"
    assert compact(999) == "999"
