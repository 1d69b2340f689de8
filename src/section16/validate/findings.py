"""The model of a validation result: a :class:`Finding` says which rule, how bad, what and where, and the
SEC document the rule comes from. Findings are data, not exceptions (STYLE.md "Errors")."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from section16.model import Filing

__all__ = ["CrossRule", "Finding", "Rule", "Severity"]


class Severity(StrEnum):
    """How bad a finding is. ``error``: the filing breaks a rule the SEC enforces (schema, code list,
    deadline); ``warning``: very likely a mistake (arithmetic off, a price of zero on a sale); ``info``:
    worth knowing, not wrong (a transaction marked late by the filer)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for error, 1 for warning, 2 for info: sorts the worst first."""
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One thing a rule found.

    ``rule`` is the rule's id (``"codes.acquired-disposed"``); ``where``-fields locate it: the filing
    (``accession``, ``file``), the ``table`` (``"nonDerivativeTable"``, ``"derivativeTable"``,
    ``"reportingOwner"``, ``"footnotes"``...), the 1-based ``row`` in filed order and the ``field`` as the
    XML names it. ``source`` cites the SEC document the rule comes from.
    """

    rule: str
    severity: Severity
    message: str
    source: str
    accession: str | None = None
    file: str | None = None
    table: str | None = None
    row: int | None = None
    field: str | None = None

    @property
    def place(self) -> str:
        """Where, in one string: ``file (accession) table[row]/field``."""
        parts: list[str] = []
        if self.file:
            parts.append(self.file)
        if self.accession and self.accession != self.file:
            parts.append(f"({self.accession})" if parts else self.accession)
        inner = ""
        if self.table:
            inner = self.table
            if self.row is not None:
                inner += f"[{self.row}]"
        if self.field:
            inner = f"{inner}/{self.field}" if inner else self.field
        if inner:
            parts.append(inner)
        return " ".join(parts) if parts else "<filing>"

    def as_dict(self) -> dict[str, str | int | None]:
        """The finding as plain JSON-ready values."""
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "accession": self.accession,
            "file": self.file,
            "table": self.table,
            "row": self.row,
            "field": self.field,
            "source": self.source,
        }


Rule = Callable[[Filing], Iterable[Finding]]
"""A rule over one filing. Rules that need the date of today take it from :func:`validate_filing`
through a keyword (see ``section16.validate.dates``)."""

CrossRule = Callable[[tuple[Filing, ...]], Iterable[Finding]]
"""A rule over a sequence of filings (holdings continuity, duplicates, empty amendments)."""
