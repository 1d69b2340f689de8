"""Enumerations of the codes an ownership document uses (EDGAR Ownership XML Technical Specification,
Form 4 General Instruction 8), each with the SEC's own letters as values."""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "AcquiredDisposed",
    "DirectIndirect",
    "DocumentType",
    "Timeliness",
    "TransactionCode",
]


class DocumentType(StrEnum):
    """``documentType``: which form the document is."""

    FORM_3 = "3"
    FORM_3A = "3/A"
    FORM_4 = "4"
    FORM_4A = "4/A"
    FORM_5 = "5"
    FORM_5A = "5/A"

    @property
    def form(self) -> int:
        """The form number, 3, 4 or 5, amendment or not."""
        return int(self.value[0])

    @property
    def is_amendment(self) -> bool:
        """True for 3/A, 4/A and 5/A."""
        return self.value.endswith("/A")


class TransactionCode(StrEnum):
    """``transactionCode`` (Form 4 General Instruction 8; the XSD's TRANS_CODE_PICKLIST, plus K)."""

    A = "A"  # grant, award or other acquisition from the issuer (Rule 16b-3(d))
    C = "C"  # conversion of a derivative security
    D = "D"  # disposition to the issuer (Rule 16b-3(e))
    E = "E"  # expiration of a short derivative position
    F = "F"  # payment of exercise price or tax by delivering or withholding securities
    G = "G"  # bona fide gift
    H = "H"  # expiration or cancellation of a long derivative position with value received
    I = "I"  # discretionary transaction (Rule 16b-3(f))  # noqa: E741
    J = "J"  # other acquisition or disposition (described in a footnote)
    K = "K"  # transaction in an equity swap or similar instrument
    L = "L"  # small acquisition under Rule 16a-6
    M = "M"  # exercise or conversion of a derivative security exempted under Rule 16b-3
    O = "O"  # exercise of an out-of-the-money derivative security  # noqa: E741
    P = "P"  # open market or private purchase
    S = "S"  # open market or private sale
    U = "U"  # disposition by tender in a change-of-control transaction
    W = "W"  # acquisition or disposition by will or the laws of descent and distribution
    X = "X"  # exercise of an in-the-money or at-the-money derivative security
    Z = "Z"  # deposit into or withdrawal from a voting trust


class AcquiredDisposed(StrEnum):
    """``transactionAcquiredDisposedCode``."""

    ACQUIRED = "A"
    DISPOSED = "D"


class DirectIndirect(StrEnum):
    """``directOrIndirectOwnership``."""

    DIRECT = "D"
    INDIRECT = "I"


class Timeliness(StrEnum):
    """``transactionTimeliness``: E reported early, L reported late."""

    EARLY = "E"
    LATE = "L"
