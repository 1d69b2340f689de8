"""The one exception tree of section16.

::

    Section16Error                      base of everything section16 raises on purpose
    ├── ParseError(ValueError)          bytes that could not be read into a filing
    │   ├── SizeLimitError              input larger than the configured limit
    │   └── UnsupportedFormat           input that is none of the formats we read
    ├── NotFound(LookupError)           a file, filing, issuer or insider that is not there
    ├── ConfigError(ValueError)         a setting that is missing or wrong
    ├── FetchError(OSError)             EDGAR could not be reached, or kept refusing after retries
    ├── QueryError(ValueError)          a report or SQL query that cannot run as asked
    └── DatasetError(ValueError)        a filing that cannot go into the SEC data sets
        └── DuplicateAccessionError     its accession number is already in this export

A message says what failed, where (file, line and column, XPath, accession) and what to try.
Validation findings are data, not exceptions: see ``section16.validate``.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "DatasetError",
    "DuplicateAccessionError",
    "FetchError",
    "NotFound",
    "ParseError",
    "QueryError",
    "Section16Error",
    "SizeLimitError",
    "UnsupportedFormat",
]


class Section16Error(Exception):
    """Base class of every error section16 raises on purpose."""


class ParseError(Section16Error, ValueError):
    """Input that could not be read into a filing.

    ``source`` names the file (or ``<bytes>``), ``line``/``column`` the place in it when known,
    ``path`` the XPath of the element when the problem is inside a well-formed document.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        column: int | None = None,
        path: str | None = None,
    ) -> None:
        self.message = message
        self.source = source
        self.line = line
        self.column = column
        self.path = path
        super().__init__(str(self))

    def with_source(self, source: str) -> ParseError:
        """Return a copy of this error that names ``source`` as the file."""
        err = type(self)(self.message, source=source, line=self.line, column=self.column, path=self.path)
        err.__cause__ = self.__cause__
        return err

    @property
    def place(self) -> str:
        """Where the error is: ``file:line:column`` plus the XPath when known."""
        where = self.source or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        if self.path:
            where += f" at {self.path}"
        return where

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"

    def __reduce__(self) -> tuple[object, ...]:  # keep pickling (multiprocessing) working
        return (
            _rebuild_parse_error,
            (type(self), self.message, self.source, self.line, self.column, self.path),
        )


def _rebuild_parse_error(  # noqa: PLR0917 (pickle calls it with positional arguments)
    cls: type[ParseError],
    message: str,
    source: str | None,
    line: int | None,
    column: int | None,
    path: str | None,
) -> ParseError:
    return cls(message, source=source, line=line, column=column, path=path)


class SizeLimitError(ParseError):
    """Input larger than the size limit (``max_bytes``)."""


class UnsupportedFormat(ParseError):
    """Input that is not an ownership document nor a submission that holds one."""


class NotFound(Section16Error, LookupError):
    """A file, filing, issuer or insider that is not there."""


class ConfigError(Section16Error, ValueError):
    """A setting that is missing or wrong (a User-Agent, a database URL...)."""


class FetchError(Section16Error, OSError):
    """EDGAR (or the ``--edgar-url`` server) could not be reached, or kept answering with an error after
    the retries; the message names the URL, the last status or network error, and what to try."""


class QueryError(Section16Error, ValueError):
    """A report or SQL query that cannot run as asked: a statement that would write through read-only
    SQL, SQL the database rejects, an unknown sort key."""


class DatasetError(Section16Error, ValueError):
    """A filing that cannot go into the SEC's data sets (no accession number, no ownership document);
    ``source`` names the file, ``accession_number`` the filing when known."""

    def __init__(self, message: str, *, source: str | None = None, accession_number: str | None = None):
        self.message = message
        self.source = source
        self.accession_number = accession_number
        super().__init__(f"{source or '<input>'}: {message}")


class DuplicateAccessionError(DatasetError):
    """A filing whose accession number is already in this export (the same filing read twice, e.g. as
    its ``.txt`` and its ``.xml``)."""
