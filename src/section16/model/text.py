"""The text convention of the model: strings hold text with no XML escaping left in it. A filing that
escaped a name twice (``PG&amp;amp;E`` in the bytes) is read as ``PG&E``; so text that still looks
escaped after one XML decoding (``&amp;``, ``&#38;``...) is decoded once more by the readers, and the
writer escapes such text twice so that a round trip gives it back. Both sides use this one pattern."""

from __future__ import annotations

import re

__all__ = ["ENTITY_REFERENCE"]

ENTITY_REFERENCE = re.compile(r"&(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")
"""An XML entity or character reference, as it stands in text escaped one time too many."""
