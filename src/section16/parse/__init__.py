"""Readers: bytes -> model. Pure functions, no I/O.

:func:`read_filing` reads any supported input; :func:`read_ownership_document` a bare ownership XML.
"""

from section16.parse.filing import accession_from_name, read_filing
from section16.parse.xml import read_ownership_document

__all__ = ["accession_from_name", "read_filing", "read_ownership_document"]
