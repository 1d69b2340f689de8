"""Preparing a filing: a Form 3, 4 or 5 written as JSON (the ``document`` of a record that
``section16 parse --format json`` prints, or the whole record) turned into ownership XML for EDGAR, and
checked first.

The XML is what :func:`~section16.write.xml.write_ownership_xml` writes (the current schema's element
order). It is then read back as EDGAR would read it and checked by the same rules as
``section16 validate`` (structure, codes, arithmetic, dates, deadlines), plus the SEC's XSD when a folder
of them is given. A preparer fixes the errors and runs it again; :attr:`Prepared.ok` says whether any
finding is an error.

A document prepared this way has no EDGAR header yet, so the deadline rules measure from the signature
date (a warning, not an error, when late): EDGAR adds the filing date when the form is submitted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

from section16.errors import ConfigError, ParseError
from section16.model import Filing
from section16.parse import read_filing
from section16.services.short_swing import short_swing_exposure
from section16.services.synth import generate
from section16.services.validation import submission_xsd_findings, xsd_findings
from section16.store import Store
from section16.validate import Finding, Severity, validate_filing
from section16.validate.submission import SUBMISSION_RULES, enclosure_findings
from section16.write.edgar_submission import Enclosure, write_edgar_submission
from section16.write.records import document_from_dict, document_to_dict
from section16.write.xml import write_ownership_xml

__all__ = [
    "CURRENT_SCHEMA",
    "TEMPLATE_FORMS",
    "Prepared",
    "Submission",
    "prepare",
    "submission_file",
    "template",
]

TEMPLATE_FORMS = ("3", "4", "5")
# The schema version of EDGAR Ownership XML Technical Specification v5.5: what EDGAR checks a submission
# against, whatever schemaVersion it gives (EDGAR discards that, section 4.3).
CURRENT_SCHEMA = "X0609"
# The invented filings templates are taken from (section16 synth's generator, this seed).
_TEMPLATE_SEED = 16
_TEMPLATE_POOL = 400

# The keys of a whole record (section16 parse --format json: a Filing's fields); only its document is
# prepared.
_RECORD_KEYS = {f.name for f in fields(Filing)}


@dataclass(frozen=True, slots=True)
class Prepared:
    """A prepared filing: the ownership XML, the filing read back from it, and what the checks found."""

    xml: bytes
    filing: Filing
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        """No finding is an error: the XML may be filed."""
        return not any(f.severity is Severity.ERROR for f in self.findings)


def _document_data(data: bytes, name: str) -> tuple[dict[str, Any], str]:
    """The document object of ``data`` (JSON) and the path its errors are named from."""
    try:
        parsed = json.loads(data)
    except UnicodeDecodeError as exc:
        raise ParseError(f"not UTF-8 text: {exc.reason}", source=name) from None
    except json.JSONDecodeError as exc:
        raise ParseError(f"not JSON: {exc.msg}", source=name, line=exc.lineno, column=exc.colno) from None
    if not isinstance(parsed, dict):
        raise ParseError(
            f"expected a JSON object (a document or a record), found {type(parsed).__name__}",
            source=name,
            path="/",
        )
    if "document" in parsed and set(parsed) <= _RECORD_KEYS:
        document = parsed["document"]
        if not isinstance(document, dict):
            raise ParseError("the record's document is not an object", source=name, path="/document")
        _check_text(document, "/document", name)
        return document, "/document"
    _check_text(parsed, "", name)
    return parsed, ""


# Characters XML 1.0 cannot hold (section 2.2): C0 controls but tab, line feed and carriage return;
# lone surrogates (JSON can write them); U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\ud800-\\udfff\\ufffe\\uffff]")
_LINE_BREAK = re.compile("[\\r\\n\\u2028\\u2029]")


def _check_text(value: Any, path: str, name: str) -> None:
    """Refuse, naming the item, a text the XML could not carry."""
    if isinstance(value, str):
        bad = _NOT_XML.search(value)
        if bad is not None:
            raise ParseError(
                f"character U+{ord(bad.group()):04X} cannot be written in XML", source=name, path=path or "/"
            )
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(item, f"{path}/{key}", name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_text(item, f"{path}/{index}", name)


def prepare(
    data: bytes,
    *,
    name: str = "<input>",
    today: date | None = None,
    xsd_dir: Path | None = None,
    store: Store | None = None,
) -> Prepared:
    """Ownership XML from ``data``, a document as JSON, with the findings of every rule on it as filed
    (``today``: dates after it are findings too; ``xsd_dir``: also check it against the SEC's XSD of
    its form) and of the rules for a submission (:mod:`section16.validate.submission`), errors first.
    A document without a ``schemaVersion`` (as EDGAR wants it) is checked against the current one.
    With ``store``, its open-market trades are matched against the insider's stored trades for
    short-swing profits (:func:`~section16.services.short_swing.short_swing_exposure`). Raises
    :class:`ParseError` naming ``name`` and the item when ``data`` is not such a document."""
    document_data, path = _document_data(data, name)
    try:
        document = document_from_dict(document_data, path)
    except ParseError as exc:
        raise exc.with_source(name) from None
    xml = write_ownership_xml(document)
    target = str(Path(name).with_suffix(".xml")) if name != "<input>" else "<prepared>.xml"
    filing = read_filing(xml, name=target)
    checked = filing
    if filing.document is not None and not filing.document.schema_version:
        checked = replace(filing, document=replace(filing.document, schema_version=CURRENT_SCHEMA))
    findings = [*validate_filing(checked, today=today), *validate_filing(filing, rules=SUBMISSION_RULES)]
    if xsd_dir is not None:
        findings += xsd_findings(xml, filing, xsd_dir=xsd_dir)
    if store is not None:
        findings += short_swing_exposure(filing, store)
    findings.sort(key=lambda f: f.severity.rank)
    return Prepared(xml=xml, filing=filing, findings=tuple(findings))


def template(form: str) -> dict[str, Any]:
    """A complete Form 3, 4 or 5 to start from, as :func:`prepare` reads it: the first invented filing of
    that form (``section16 synth``'s generator, a fixed seed) with a footnote, shaped as EDGAR wants a
    submission (no ``schemaVersion``, none of the flags EDGAR sets itself), that every rule passes once
    its reporting owner's CCC is filled in. The CCC is left empty: it is the filer's secret. The names
    stay, so that it reads as a form (EDGAR writes its own, see ``submission.names``). Every name, CIK
    and number in it is invented."""
    if form not in TEMPLATE_FORMS:
        raise ValueError(f"no template for form {form!r}; one of {', '.join(TEMPLATE_FORMS)}")
    for made in generate(_TEMPLATE_POOL, seed=_TEMPLATE_SEED):
        document = made.document
        if document.document_type is None or document.document_type.value != form or not document.footnotes:
            continue
        if form != "3" and not document.non_derivative_table:
            continue
        shaped = replace(
            document,
            schema_version=None,
            no_securities_owned=None,
            form3_holdings_reported=None,
            form4_transactions_reported=None,
        )
        trial = replace(
            shaped,
            reporting_owners=tuple(replace(o, rpt_owner_ccc="x1y2z3#@") for o in shaped.reporting_owners),
        )
        found = prepare(json.dumps(document_to_dict(trial)).encode()).findings
        if any(f.severity is not Severity.INFO for f in found):
            continue
        return document_to_dict(shaped)
    raise ValueError(f"the generator made no clean Form {form} in {_TEMPLATE_POOL} filings")


@dataclass(frozen=True, slots=True)
class Submission:
    """An EDGAR ownership submission file and what the checks of its enclosures found."""

    data: bytes
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        """No finding is an error."""
        return not any(f.severity is Severity.ERROR for f in self.findings)


def submission_file(
    prepared: Prepared,
    *,
    primary_name: str | None = None,
    live: bool = False,
    attachments: Sequence[Enclosure] = (),
    contact_name: str | None = None,
    contact_phone: str | None = None,
    contact_email: str | None = None,
    notify: Sequence[str] = (),
    file: str | None = None,
    xsd_dir: Path | None = None,
) -> Submission:
    """The ``<edgarSubmission>`` file that carries ``prepared`` to EDGAR (a TEST filing unless ``live``):
    its XML as the primary document (named ``primary_name``, by default ``form4.xml``, ``form4a.xml``...)
    and ``attachments`` as supporting documents, with what EDGAR would refuse in them
    (:func:`~section16.validate.submission.enclosure_findings`) and, with ``xsd_dir``, any violation of
    ``edgarSubmission.xsd``. ``file`` names the submission file in the findings."""
    for what, value in (
        ("contact name", contact_name),
        ("contact phone", contact_phone),
        ("contact e-mail", contact_email),
        *(("notification address", address) for address in notify),
        *(("document description", d.description) for d in attachments),
    ):
        if value is not None and (_LINE_BREAK.search(value) or _NOT_XML.search(value)):
            # Section 4.1 item 5: a value stays on the line of its tags.
            raise ConfigError(f"{what} {value!r}: a line break or control character cannot go in the file")
    document = prepared.filing.document
    kind = document.document_type.value if document is not None and document.document_type else ""
    name = primary_name or f"form{kind.replace('/A', 'a')}.xml"
    documents = [Enclosure(name=name, document_type=kind, data=prepared.xml), *attachments]
    data = write_edgar_submission(
        submission_type=kind,
        live=live,
        documents=documents,
        contact_name=contact_name,
        contact_phone=contact_phone,
        contact_email=contact_email,
        notify=notify,
    )
    enclosed = [(d.name, d.document_type) for d in documents]
    found = enclosure_findings(
        kind, enclosed, sizes=[len(d.data) for d in documents], contact_email=contact_email, notify=notify
    )
    findings = [replace(f, file=file) for f in found]
    if xsd_dir is not None:
        findings += submission_xsd_findings(data, xsd_dir=xsd_dir, file=file)
    return Submission(data=data, findings=tuple(findings))
