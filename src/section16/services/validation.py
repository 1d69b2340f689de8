"""Validating files: read filings from paths, run the rules of ``section16.validate`` over each and
across them, and (with an XSD folder) check the raw ownership XML against the SEC's official schemas.
This is the I/O side of validation: files, the clock (today's date) and the XSD files."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lxml import etree

from section16.errors import ConfigError, Section16Error
from section16.model import DocumentType, Filing, SourceFormat
from section16.parse.submission import split_submission
from section16.services.reading import read_paths
from section16.validate import (
    CROSS_RULES,
    DEFAULT_RULES,
    CrossRule,
    Finding,
    Rule,
    Severity,
    validate_filings,
)

__all__ = ["ValidationReport", "schema_file", "validate_paths", "xsd_findings"]

_SCHEMA_NAMES = {
    DocumentType.FORM_3: "ownership3Document.xsd",
    DocumentType.FORM_3A: "ownership3ADocument.xsd",
    DocumentType.FORM_4: "ownership4Document.xsd",
    DocumentType.FORM_4A: "ownership4ADocument.xsd",
    DocumentType.FORM_5: "ownership5Document.xsd",
    DocumentType.FORM_5A: "ownership5ADocument.xsd",
}
_SET = re.compile(r"\{[^{}]{80,}\}")  # long enumerations in lxml's messages (US states...)
_XSD_SOURCE = "EDGAR Ownership XML Technical Specification v5.5 (the official XSD files)"


@dataclass(frozen=True, slots=True, kw_only=True)
class ValidationReport:
    """What a validation run found: ``files`` read, ``failed`` files that could not be read (each also a
    ``read.error`` finding), and every finding, worst first within each file."""

    files: int
    failed: int
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return sum(1 for f in self.findings if f.severity == Severity.ERROR)

    @property
    def ok(self) -> bool:
        """True when no finding is an error (warnings and info do not fail a run)."""
        return self.errors == 0


def schema_file(xsd_dir: Path, document_type: DocumentType) -> Path:
    """The XSD of ``document_type`` in ``xsd_dir``: ``ownership4Document.xsd`` or, as the SEC ships them
    in the specification's zip, ``ownership4Document.xsd.xml``. ConfigError when neither is there."""
    name = _SCHEMA_NAMES[document_type]
    for candidate in (xsd_dir / name, xsd_dir / f"{name}.xml"):
        if candidate.is_file():
            return candidate
    raise ConfigError(f"{xsd_dir}: no {name} or {name}.xml; give the folder of the SEC's ownership XSD files")


class _IncludeResolver(etree.Resolver):
    """Resolve ``<xs:include schemaLocation=".//ownershipDocumentCommon.xsd.xml"/>`` inside the XSD
    folder, whether the files are named ``.xsd`` or ``.xsd.xml``."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def resolve(self, system_url: str, public_id: str, context: object) -> object:  # type: ignore[override]
        name = system_url.replace("\\", "/").rsplit("/", 1)[-1]
        for candidate in (name, name.removesuffix(".xml"), f"{name}.xml"):
            path = self.folder / candidate
            if path.is_file():
                return self.resolve_filename(str(path), context)  # type: ignore[attr-defined]
        return None


_SCHEMAS: dict[Path, etree.XMLSchema] = {}


def _schema(path: Path) -> etree.XMLSchema:
    found = _SCHEMAS.get(path)
    if found is None:
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        parser.resolvers.add(_IncludeResolver(path.parent))
        try:
            found = etree.XMLSchema(etree.parse(str(path), parser))
        except (etree.XMLSchemaParseError, etree.XMLSyntaxError) as exc:
            raise ConfigError(f"{path}: not a usable XSD ({exc})") from None
        _SCHEMAS[path] = found
    return found


def _raw_xml(data: bytes, filing: Filing) -> bytes | None:
    if filing.source.format is SourceFormat.OWNERSHIP_XML:
        return data.lstrip()
    return split_submission(data, source=filing.source.name).xml


def xsd_findings(data: bytes, filing: Filing, *, xsd_dir: Path) -> list[Finding]:
    """Check the ownership XML inside ``data`` (the bytes ``filing`` was read from) against the official
    XSD of its document type; one ``xsd.invalid`` error per schema violation, with its line."""
    doc = filing.document
    if doc is None or doc.document_type is None:
        return []
    xml = _raw_xml(data, filing)
    if xml is None:
        return []
    schema = _schema(schema_file(xsd_dir, doc.document_type))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
    try:
        tree = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as exc:
        return [_xsd_finding(filing, f"not well-formed XML: {exc}")]
    if tree is None:
        return [_xsd_finding(filing, "no XML element to check")]
    if schema.validate(tree):
        return []
    return [
        _xsd_finding(filing, f"line {error.line}: {_SET.sub('{...}', error.message)}", error.path)
        for error in schema.error_log  # type: ignore[attr-defined]
    ]


def submission_xsd_findings(xml: bytes, *, xsd_dir: Path, file: str | None = None) -> list[Finding]:
    """Check an EDGAR ownership submission file (``<edgarSubmission>``) against
    ``edgarSubmission.xsd`` (or ``.xsd.xml``) in ``xsd_dir``; one ``xsd.invalid`` error per violation."""
    for candidate in (xsd_dir / "edgarSubmission.xsd", xsd_dir / "edgarSubmission.xsd.xml"):
        if candidate.is_file():
            schema = _schema(candidate)
            break
    else:
        raise ConfigError(f"{xsd_dir}: no edgarSubmission.xsd or edgarSubmission.xsd.xml")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    tree = etree.fromstring(xml, parser)
    if schema.validate(tree):
        return []
    return [
        Finding(
            rule="xsd.invalid",
            severity=Severity.ERROR,
            message=f"line {error.line}: {_SET.sub('{...}', error.message)}",
            source=_XSD_SOURCE,
            file=file,
            field=error.path,
        )
        for error in schema.error_log  # type: ignore[attr-defined]
    ]


def _xsd_finding(filing: Filing, message: str, path: str | None = None) -> Finding:
    return Finding(
        rule="xsd.invalid",
        severity=Severity.ERROR,
        message=message,
        source=_XSD_SOURCE,
        accession=filing.accession_number,
        file=filing.source.name,
        field=path,
    )


def _read_error(path: Path, error: Section16Error) -> Finding:
    return Finding(
        rule="read.error",
        severity=Severity.ERROR,
        message=str(error),
        source="section16.parse: the file could not be read as an ownership filing",
        file=str(path),
    )


def validate_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    today: date | None = None,
    xsd_dir: str | os.PathLike[str] | None = None,
    rules: Sequence[Rule] = DEFAULT_RULES,
    cross_rules: Sequence[CrossRule] = CROSS_RULES,
    progress: bool = False,
) -> ValidationReport:
    """Read every file named or found in the folders named, validate each filing (dates after ``today``,
    default the clock's date, are findings), run the rules across the filings, and with ``xsd_dir``
    check each ownership XML against the SEC's XSD. A file that cannot be read is a ``read.error``
    finding; the rest of the batch goes on."""
    when = today if today is not None else date.today()
    folder = Path(xsd_dir) if xsd_dir is not None else None
    if folder is not None and not folder.is_dir():
        raise ConfigError(f"{folder}: no such folder of XSD files")
    filings: list[Filing] = []
    extra: list[Finding] = []
    files = failed = 0
    for result in read_paths(paths, progress=progress):
        files += 1
        if result.error is not None or result.filing is None:
            failed += 1
            if result.error is not None:
                extra.append(_read_error(result.path, result.error))
            continue
        filings.append(result.filing)
        if folder is not None:
            extra.extend(xsd_findings(result.path.read_bytes(), result.filing, xsd_dir=folder))
    findings = validate_filings(filings, rules=rules, cross_rules=cross_rules, today=when)
    ordered = sorted(
        [*findings, *extra],
        key=lambda f: (f.file or "", f.accession or "", f.severity.rank, f.table or "", f.row or 0, f.rule),
    )
    return ValidationReport(files=files, failed=failed, findings=tuple(ordered))
