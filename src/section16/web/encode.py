"""Values as the JSON API and the CSV download write them: a ``Decimal`` as its exact decimal text
(``"1500"``, ``"34.03"``: a share count or price is never rounded through a float), dates ISO 8601."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

__all__ = ["csv_text", "dumps", "jsonable"]


def jsonable(value: Any) -> Any:
    """``value`` with every Decimal, date and datetime turned into a string, recursively."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, bytes):
        return None
    return value


def dumps(value: Any) -> bytes:
    """Compact UTF-8 JSON of ``value``."""
    return json.dumps(jsonable(value), ensure_ascii=False, separators=(",", ":")).encode()


def csv_text(columns: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> str:
    """Rows as CSV with a header line (empty cell for a missing value)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else jsonable(row.get(c)) for c in columns])
    return buf.getvalue()
