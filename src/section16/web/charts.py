"""Charts as inline SVG, drawn on the server (no chart library, nothing from a CDN): an issuer's
open-market purchases and sales by month as bars above and below an axis, and an insider's holdings over
time as step lines. Pure functions: data in, SVG text out; every label escaped."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from html import escape
from typing import Any

__all__ = ["buy_sell_bars", "compact", "holding_lines"]

_W, _H = 720, 240
_PAD_L, _PAD_R, _PAD_T, _PAD_B = 64, 12, 14, 28
_COLOURS = ("#1f6feb", "#d9480f", "#2b8a3e", "#862e9c", "#e8590c", "#0b7285", "#5c940d", "#a61e4d")


def compact(value: Decimal | float | int) -> str:
    """A number as an axis shows it: ``1.2M``, ``35K``, ``-2.5B``."""
    number = float(value)
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(number) >= size:
            return f"{number / size:.1f}{suffix}".replace(".0", "")
    return f"{number:.0f}"


def _svg(body: list[str], title: str, desc: str) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {_W} {_H}" role="img" aria-labelledby="chart-title" '
        f'preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="chart-title">{escape(title)}</title><desc>{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def _empty(title: str) -> str:
    return _svg(
        [f'<text x="{_W / 2}" y="{_H / 2}" text-anchor="middle" class="muted">no data</text>'],
        title,
        "no data",
    )


def buy_sell_bars(months: Sequence[dict[str, Any]], *, title: str = "Insider trades by month") -> str:
    """Per month, purchases' value as a bar up and sales' value as a bar down (sales are stored
    negative). ``months``: dicts with ``month`` (date), ``bought_value`` and ``sold_value``."""
    if not months:
        return _empty(title)
    top = max((float(m["bought_value"]) for m in months), default=0.0)
    bottom = max((abs(float(m["sold_value"])) for m in months), default=0.0)
    span = (top + bottom) or 1.0
    plot_h = _H - _PAD_T - _PAD_B
    zero = _PAD_T + plot_h * top / span
    slot = (_W - _PAD_L - _PAD_R) / len(months)
    bar = max(1.0, slot * 0.7)
    body = [
        f'<line x1="{_PAD_L}" x2="{_W - _PAD_R}" y1="{zero:.1f}" y2="{zero:.1f}" class="axis"/>',
        f'<text x="{_PAD_L - 6}" y="{_PAD_T + 10}" text-anchor="end" class="tick">{compact(top)}</text>',
        f'<text x="{_PAD_L - 6}" y="{_H - _PAD_B}" text-anchor="end" class="tick">-{compact(bottom)}</text>',
    ]
    step = max(1, len(months) // 8)
    for i, m in enumerate(months):
        x = _PAD_L + i * slot + (slot - bar) / 2
        month: date = m["month"]
        bought, sold = float(m["bought_value"]), abs(float(m["sold_value"]))
        label = f"{month:%Y-%m}: bought {compact(bought)}, sold {compact(sold)}"
        if bought:
            h = plot_h * bought / span
            body.append(
                f'<rect x="{x:.1f}" y="{zero - h:.1f}" width="{bar:.1f}" height="{h:.1f}" class="buy">'
                f"<title>{escape(label)}</title></rect>"
            )
        if sold:
            h = plot_h * sold / span
            body.append(
                f'<rect x="{x:.1f}" y="{zero:.1f}" width="{bar:.1f}" height="{h:.1f}" class="sell">'
                f"<title>{escape(label)}</title></rect>"
            )
        if i % step == 0:
            body.append(
                f'<text x="{x + bar / 2:.1f}" y="{_H - 8}" text-anchor="middle" class="tick">'
                f"{month:%Y-%m}</text>"
            )
    desc = (
        f"{len(months)} months; purchases up (largest {compact(top)}), sales down (largest {compact(bottom)})"
    )
    return _svg(body, title, desc)


def holding_lines(series: Sequence[dict[str, Any]], *, title: str = "Holdings over time") -> str:
    """Step lines of shares owned over time, one per series (``label`` and ``points``: dicts with
    ``date`` and ``shares``); at most eight series, the largest first, with a legend."""
    series = sorted(
        (s for s in series if s["points"]),
        key=lambda s: -max(float(p["shares"]) for p in s["points"]),
    )[: len(_COLOURS)]
    if not series:
        return _empty(title)
    days: list[date] = [p["date"] for s in series for p in s["points"]]
    first, last = min(days).toordinal(), max(days).toordinal()
    width = (last - first) or 1
    high = max(float(p["shares"]) for s in series for p in s["points"]) or 1.0
    plot_w = _W - _PAD_L - _PAD_R
    plot_h = _H - _PAD_T - _PAD_B

    def x_of(day: date) -> float:
        return _PAD_L + plot_w * (day.toordinal() - first) / width

    def y_of(shares: Decimal) -> float:
        return _PAD_T + plot_h * (1 - float(shares) / high)

    body = [
        f'<line x1="{_PAD_L}" x2="{_W - _PAD_R}" y1="{_H - _PAD_B}" y2="{_H - _PAD_B}" class="axis"/>',
        f'<text x="{_PAD_L - 6}" y="{_PAD_T + 10}" text-anchor="end" class="tick">{compact(high)}</text>',
        f'<text x="{_PAD_L - 6}" y="{_H - _PAD_B}" text-anchor="end" class="tick">0</text>',
        f'<text x="{_PAD_L}" y="{_H - 8}" class="tick">{min(days).isoformat()}</text>',
        f'<text x="{_W - _PAD_R}" y="{_H - 8}" text-anchor="end" class="tick">{max(days).isoformat()}</text>',
    ]
    for n, s in enumerate(series):
        colour = _COLOURS[n]
        coords: list[str] = []
        for i, p in enumerate(s["points"]):
            x, y = x_of(p["date"]), y_of(p["shares"])
            if i:
                coords.append(f"{x:.1f},{float(coords[-1].split(',')[1]):.1f}")
            coords.append(f"{x:.1f},{y:.1f}")
        end = x_of(max(days))
        coords.append(f"{end:.1f},{float(coords[-1].split(',')[1]):.1f}")
        body.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{" ".join(coords)}">'
            f"<title>{escape(str(s['label']))}</title></polyline>"
        )
        body.append(
            f'<text x="{_PAD_L + 8}" y="{_PAD_T + 14 + 14 * n}" fill="{colour}" class="legend">'
            f"{escape(str(s['label']))}</text>"
        )
    return _svg(body, title, f"{len(series)} holdings, shares owned after each reported row")
