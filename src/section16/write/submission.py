"""Writing a complete submission text file (``ACCESSION.txt``): an ``<SEC-DOCUMENT>`` with the
``<SEC-HEADER>`` in EDGAR's ``LABEL:<tabs>value`` layout and one ``<DOCUMENT>`` holding the ownership XML.

The layout is EDGAR's dissemination of a complete submission as seen in ``corpus/submissions/*.txt``
(spec.md section 6): ``<ACCEPTANCE-DATETIME>`` first, then ``ACCESSION NUMBER:`` ... ``DATE AS OF
CHANGE:``, then one block per entity (``REPORTING-OWNER:`` blocks, then ``ISSUER:``), each with its
``OWNER DATA:`` / ``COMPANY DATA:``, ``FILING VALUES:`` and address sub-blocks, tab-indented. Pure: the
header model and the XML bytes in, bytes out.
"""

from __future__ import annotations

from datetime import date

from section16.model import HeaderAddress, HeaderEntity, SubmissionDocument, SubmissionHeader

__all__ = ["write_submission_text"]


def _day(value: date | None) -> str:
    return value.strftime("%Y%m%d") if value is not None else ""


def _line(out: list[str], indent: int, label: str, value: str | None, width: int) -> None:
    """``\\t\\tLABEL:\\t\\tvalue``: EDGAR pads the label with tabs to a column (8-wide tab stops)."""
    if value is None:
        return
    head = "\t" * indent + label + ":"
    column = indent * 8 + len(label) + 1
    tabs = max(1, (width - column + 7) // 8)
    out.append(head + "\t" * tabs + value)


def _address(out: list[str], title: str, address: HeaderAddress | None, phone_label: str) -> None:
    if address is None:
        return
    out.append("")
    out.append(f"\t{title}:\t")
    _line(out, 2, "STREET 1", address.street1, 40)
    _line(out, 2, "STREET 2", address.street2, 40)
    _line(out, 2, "CITY", address.city, 40)
    _line(out, 2, "STATE", address.state, 40)
    _line(out, 2, "ZIP", address.zip, 40)
    _line(out, 2, phone_label, address.phone, 40)


def _entity(out: list[str], entity: HeaderEntity) -> None:
    out.append("")
    out.append(f"{entity.role}:\t")
    out.append("")
    data = "OWNER DATA" if entity.role == "REPORTING-OWNER" else "COMPANY DATA"
    out.append(f"\t{data}:\t")
    _line(out, 2, "COMPANY CONFORMED NAME", entity.conformed_name, 56)
    _line(out, 2, "CENTRAL INDEX KEY", entity.cik, 56)
    _line(out, 2, "STANDARD INDUSTRIAL CLASSIFICATION", entity.standard_industrial_classification, 56)
    _line(out, 2, "ORGANIZATION NAME", entity.organization_name, 56)
    _line(out, 2, "IRS NUMBER", entity.irs_number, 56)
    _line(out, 2, "STATE OF INCORPORATION", entity.state_of_incorporation, 56)
    _line(out, 2, "FISCAL YEAR END", entity.fiscal_year_end, 56)
    if entity.form_type or entity.sec_act or entity.sec_file_number or entity.film_number:
        out.append("")
        out.append("\tFILING VALUES:")
        _line(out, 2, "FORM TYPE", entity.form_type, 40)
        _line(out, 2, "SEC ACT", entity.sec_act, 40)
        _line(out, 2, "SEC FILE NUMBER", entity.sec_file_number, 40)
        _line(out, 2, "FILM NUMBER", entity.film_number, 40)
    _address(out, "BUSINESS ADDRESS", entity.business_address, "BUSINESS PHONE")
    _address(out, "MAIL ADDRESS", entity.mail_address, "PHONE")


def write_submission_text(header: SubmissionHeader, xml: bytes) -> bytes:
    """The complete submission text of ``header`` with ``xml`` as its one ownership document.

    The ``<DOCUMENT>``'s type, sequence, file name and description come from ``header.documents[0]``
    (defaults: the submission type, 1, ``primary_doc.xml``, ``FORM <type>``). The XML declaration and
    document are placed inside ``<TEXT><XML>`` as EDGAR does; ``xml`` must be UTF-8 (or ASCII)."""
    accession = header.accession_number or ""
    filed = _day(header.filed_as_of_date)
    document = header.documents[0] if header.documents else SubmissionDocument()
    kind = document.type or header.submission_type or ""
    out: list[str] = [
        f"<SEC-DOCUMENT>{accession}.txt : {filed}",
        f"<SEC-HEADER>{accession}.hdr.sgml : {filed}",
    ]
    if header.acceptance_datetime is not None:
        out.append(f"<ACCEPTANCE-DATETIME>{header.acceptance_datetime.strftime('%Y%m%d%H%M%S')}")
    _line(out, 0, "ACCESSION NUMBER", header.accession_number, 32)
    _line(out, 0, "CONFORMED SUBMISSION TYPE", header.submission_type, 32)
    count = header.public_document_count
    _line(out, 0, "PUBLIC DOCUMENT COUNT", None if count is None else str(count), 32)
    _line(out, 0, "CONFORMED PERIOD OF REPORT", _day(header.period_of_report) or None, 32)
    _line(out, 0, "FILED AS OF DATE", filed or None, 32)
    _line(out, 0, "DATE AS OF CHANGE", _day(header.date_as_of_change) or None, 32)
    for entity in header.entities:
        _entity(out, entity)
    out.append("</SEC-HEADER>")
    out.append("<DOCUMENT>")
    out.append(f"<TYPE>{kind}")
    out.append(f"<SEQUENCE>{document.sequence if document.sequence is not None else 1}")
    out.append(f"<FILENAME>{document.filename or 'primary_doc.xml'}")
    out.append(f"<DESCRIPTION>{document.description or f'FORM {kind}'}")
    out.append("<TEXT>")
    out.append("<XML>")
    head = "\n".join(out).encode("utf-8") + b"\n"
    body = xml.strip()
    tail = b"\n</XML>\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
    return head + body + tail
