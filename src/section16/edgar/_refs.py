"""A filing as EDGAR lists it before we fetch it: :class:`FilingRef` (accession number, the CIK whose
folder holds it, form type, filing date), and the accession-number helpers every listing needs.

spec.md section 6: an accession number ``0001234567-23-000089`` names a filing everywhere; its folder is
``/Archives/edgar/data/{CIK}/{ACCESSION_NO_DASHES}/`` under the issuer's CIK or any owner's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

__all__ = [
    "OWNERSHIP_FORMS",
    "FilingRef",
    "dedupe",
    "forms_matching",
    "normalize_accession",
    "normalize_cik",
]

# Forms 3, 4 and 5 and their amendments (spec.md section 1).
OWNERSHIP_FORMS = ("3", "3/A", "4", "4/A", "5", "5/A")

_ACCESSION = re.compile(r"^(\d{10})-?(\d{2})-?(\d{6})$")


def normalize_accession(text: str) -> str | None:
    """``0001234567-23-000089`` from that or from ``000123456723000089``; None when it is neither."""
    match = _ACCESSION.match(text.strip())
    if match is None:
        return None
    return "-".join(match.groups())


def normalize_cik(text: str | int) -> str | None:
    """A CIK without leading zeros (``"320193"``), as EDGAR's folders write it; None when not digits."""
    value = str(text).strip()
    if not value.isdigit() or int(value) == 0:
        return None
    return str(int(value))


def forms_matching(forms: Iterable[str]) -> frozenset[str]:
    """The form types a ``--forms 3,4,5`` choice means: each form and its amendment (``4`` -> 4, 4/A)."""
    out: set[str] = set()
    for form in forms:
        name = form.strip().upper()
        if not name:
            continue
        out.add(name)
        if not name.endswith("/A"):
            out.add(f"{name}/A")
    return frozenset(out)


@dataclass(frozen=True, slots=True, kw_only=True)
class FilingRef:
    """One filing as a listing names it. ``cik`` is the CIK whose folder we fetch it from (issuer or
    owner: EDGAR lists an ownership filing under each); ``company_name`` the name the listing gave."""

    accession_number: str
    cik: str
    form_type: str | None = None
    filed: date | None = None
    company_name: str | None = None
    accepted: datetime | None = None

    @property
    def folder(self) -> str:
        """``/Archives/edgar/data/{CIK}/{ACCESSION_NO_DASHES}`` (no trailing slash)."""
        return f"/Archives/edgar/data/{self.cik}/{self.accession_number.replace('-', '')}"

    @property
    def text_path(self) -> str:
        """The complete submission text: ``{folder}/{ACCESSION}.txt``."""
        return f"{self.folder}/{self.accession_number}.txt"


def dedupe(refs: Iterable[FilingRef]) -> list[FilingRef]:
    """One ref per accession number, the first seen kept, in the order given (an ownership filing is
    listed once under the issuer and once under each owner: spec.md section 6)."""
    seen: set[str] = set()
    out: list[FilingRef] = []
    for ref in refs:
        if ref.accession_number in seen:
            continue
        seen.add(ref.accession_number)
        out.append(ref)
    return out
