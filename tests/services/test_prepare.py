"""Preparing a filing (section16.services.prepare and ``section16 prepare``): JSON in, checked ownership
XML out. Templates prepare cleanly and read back as written; a whole record prepares as its document;
bad JSON is a one-line error naming the file and the place; a finding that is an error keeps the XML
from being written unless forced; the SEC's XSD is applied when given."""

from __future__ import annotations

import base64
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from section16.cli import main
from section16.errors import ConfigError, ParseError
from section16.parse import read_filing
from section16.services.prepare import TEMPLATE_FORMS, prepare, submission_file, template
from section16.write.edgar_submission import Enclosure
from section16.write.records import document_from_dict, filing_to_dict
from section16.write.xml import write_ownership_xml
from tests.conftest import CORPUS

SCHEMAS = CORPUS / "schema"
CORPUS_XML = CORPUS / "xml" / "0001004980-23-000067.xml"


CCC = "x1y2z3#@"  # an access code of the right shape; the templates leave it to the filer


def _json(data: object) -> bytes:
    return json.dumps(data).encode()


def _filled(form: str) -> dict[str, object]:
    """The template of ``form`` with its reporting owners' CCC given."""
    data = template(form)
    for owner in data["reporting_owners"]:
        owner["rpt_owner_ccc"] = CCC
    return data


def _serious(prepared: object) -> list[str]:
    return [f.rule for f in prepared.findings if f.severity.value != "info"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("form", TEMPLATE_FORMS)
def test_each_template_prepares_once_its_ccc_is_given_and_reads_back_as_written(form: str) -> None:
    data = template(form)
    assert data["document_type"] == form and data["footnotes"]
    # Shaped as EDGAR wants a submission: no schemaVersion, no flags EDGAR sets itself, no CCC.
    assert data["schema_version"] is None and data["no_securities_owned"] is None
    assert data["form3_holdings_reported"] is None and data["form4_transactions_reported"] is None
    unfilled = prepare(_json(data), name=f"form{form}.json")
    assert not unfilled.ok and _serious(unfilled) == ["submission.owner-access"]
    prepared = prepare(_json(_filled(form)), name=f"form{form}.json")
    assert prepared.ok and _serious(prepared) == []
    assert {f.rule for f in prepared.findings} == {"submission.names"}  # EDGAR writes its own names
    assert prepared.filing.source.name == f"form{form}.xml"
    assert prepared.xml.startswith(b'<?xml version="1.0"?>') and b"<schemaVersion>" not in prepared.xml
    assert prepared.filing.document == document_from_dict(_filled(form))
    if SCHEMAS.is_dir():
        assert _serious(prepare(_json(_filled(form)), xsd_dir=SCHEMAS)) == []


def test_a_document_without_schema_version_is_checked_against_the_current_one() -> None:
    data = _filled("4")
    data["aff10b5_one"] = None  # required on Form 4 in the current schema
    assert _serious(prepare(_json(data))) == ["structure.aff10b5one"]


def test_a_whole_record_prepares_as_its_document() -> None:
    if not CORPUS_XML.is_file():
        pytest.skip("the corpus is absent")
    filing = read_filing(CORPUS_XML.read_bytes(), name=CORPUS_XML.name)
    record = json.loads(json.dumps(filing_to_dict(filing), default=str))
    prepared = prepare(_json(record), name="record.json")
    assert filing.document is not None
    assert prepared.xml == write_ownership_xml(filing.document)
    # A filing as disseminated: EDGAR wrote its schema version, and no CCC is ever disseminated.
    assert "submission.schema-version" in _serious(prepared)
    assert "submission.owner-access" in _serious(prepared)


def test_findings_say_what_is_wrong_and_today_applies() -> None:
    data = _filled("4")
    row = data["non_derivative_table"][0]
    code = row["transaction_coding"]["transaction_code"]
    # A purchase (P) must be an acquisition: flip the A/D code of the template's first row.
    row["transaction_coding"]["transaction_code"] = "P"
    row["transaction_acquired_disposed_code"]["value"] = "D"
    prepared = prepare(_json(data), name="bad.json")
    assert not prepared.ok
    assert [(f.rule, f.table, f.row) for f in prepared.findings if f.severity.value == "error"] == [
        ("codes.acquired-disposed", "nonDerivativeTable", 1)
    ]
    assert code  # the template's row had a code to replace
    signed = date.fromisoformat(template("4")["owner_signatures"][0]["signature_date"])
    before = prepare(_json(_filled("4")), today=date(signed.year - 1, 1, 1))
    assert any(f.rule == "dates.future" for f in before.findings)


@pytest.mark.parametrize(
    ("data", "message", "place"),
    [
        (b'{"document_type": "4",\n  "issuer": }', "not JSON", "x.json:2:13"),
        (b"[1, 2]", "expected a JSON object", "x.json at /"),
        (b'{"remarks": "x\\ud800y"}', "U+D800 cannot be written in XML", "x.json at /remarks"),
        (b'{"footnotes": [{"id": "F1", "text": "a\\u0001b"}]}', "U+0001", "x.json at /footnotes/0/text"),
        (
            _json({"document_type": "4", "issuer": {"issuer_cik": 5}}),
            "expected a string",
            "/issuer/issuer_cik",
        ),
        (_json({"document_type": "4", "colour": "red"}), "unknown keys colour", "x.json at /"),
        (_json({"source": {}, "document": 3}), "not an object", "x.json at /document"),
        (_json({"document": {"document_type": "9"}}), "", "x.json at /document/document_type"),
        (b'{"document_type": "\xff"}', "not UTF-8", "x.json"),
    ],
)
def test_bad_json_is_one_error_naming_the_file_and_place(data: bytes, message: str, place: str) -> None:
    with pytest.raises(ParseError) as caught:
        prepare(data, name="x.json")
    text = str(caught.value)
    assert message in text and place in text, text
    assert "\n" not in text


def test_command_writes_the_xml_beside_its_input(tmp_path: Path) -> None:
    runner = CliRunner()
    made = runner.invoke(main, ["prepare", "--template", "4"])
    assert made.exit_code == 0
    source = tmp_path / "form4.json"
    source.write_text(made.stdout, encoding="utf-8")
    refused = runner.invoke(main, ["prepare", str(source)])
    assert refused.exit_code == 1 and "XML not written" in refused.stderr
    assert "rptOwnerCcc" in refused.stdout
    source.write_text(
        made.stdout.replace('"rpt_owner_ccc": null', f'"rpt_owner_ccc": "{CCC}"'), encoding="utf-8"
    )
    done = runner.invoke(main, ["prepare", str(source)])
    assert done.exit_code == 0, done.output
    assert "0 errors, 0 warnings, 2 info; XML written to" in done.stderr
    written = (tmp_path / "form4.xml").read_bytes()
    assert read_filing(written).document == document_from_dict(json.loads(source.read_text()))
    to_stdout = runner.invoke(main, ["prepare", str(source), "--out", "-"])
    assert to_stdout.exit_code == 0
    assert to_stdout.stdout_bytes == written


def test_command_keeps_back_the_xml_of_a_filing_with_an_error(tmp_path: Path) -> None:
    data = _filled("4")
    data["non_derivative_table"][0]["transaction_coding"]["transaction_code"] = "P"
    data["non_derivative_table"][0]["transaction_acquired_disposed_code"]["value"] = "D"
    source = tmp_path / "bad.json"
    source.write_bytes(_json(data))
    runner = CliRunner()
    done = runner.invoke(main, ["prepare", str(source), "--format", "csv"])
    assert done.exit_code == 1
    assert "codes.acquired-disposed" in done.stdout
    assert "1 errors" in done.stderr and "XML not written" in done.stderr
    assert not (tmp_path / "bad.xml").exists()
    forced = runner.invoke(main, ["prepare", str(source), "--force", "--out", str(tmp_path / "x.xml")])
    assert forced.exit_code == 1
    assert (tmp_path / "x.xml").is_file()


def test_command_errors_are_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    bad = tmp_path / "bad.json"
    bad.write_text('{"document_type": "4", "issuer": {"issuer_cik": 5}}', encoding="utf-8")
    done = runner.invoke(main, ["prepare", str(bad)])
    assert done.exit_code != 0
    assert done.stderr.count("\n") == 1 and "/issuer/issuer_cik" in done.stderr
    missing = runner.invoke(main, ["prepare", str(tmp_path / "none.json")])
    assert missing.exit_code != 0 and "cannot read" in missing.stderr
    both = runner.invoke(main, ["prepare", str(bad), "--template", "4"])
    assert both.exit_code != 0 and "not both" in both.stderr
    neither = runner.invoke(main, ["prepare"])
    assert neither.exit_code != 0 and "--template" in neither.stderr
    same = tmp_path / "same.xml"
    same.write_text("{}", encoding="utf-8")
    clash = runner.invoke(main, ["prepare", str(same)])
    assert clash.exit_code != 0 and "three different files" in clash.stderr
    good = tmp_path / "g.json"
    good.write_bytes(_json(_filled("4")))
    for extra in (["--out", str(tmp_path / "." / "g.json")], ["--out", "x.xml", "--submission", "./x.xml"]):
        refused = runner.invoke(main, ["prepare", str(good), *extra])
        assert refused.exit_code != 0 and "three different files" in refused.stderr, extra
    assert json.loads(good.read_text())["document_type"] == "4"  # the input is untouched


def test_command_writes_the_submission_file_with_its_attachments(tmp_path: Path) -> None:
    source = tmp_path / "form4.json"
    source.write_bytes(_json(_filled("4")))
    poa = tmp_path / "poa.txt"
    poa.write_bytes(b"Power of attorney\n")
    runner = CliRunner()
    args = ["prepare", str(source), "--submission", str(tmp_path / "sub.xml"), "--attach", f"EX-24:{poa}"]
    args += ["--contact-email", "filer@example.com", "--notify", "ir@example.com"]
    if SCHEMAS.is_dir():
        args += ["--xsd-dir", str(SCHEMAS)]
    done = runner.invoke(main, args)
    assert done.exit_code == 0, done.output
    assert "XML and submission written to" in done.stderr
    tree = etree.fromstring((tmp_path / "sub.xml").read_bytes())
    assert tree.findtext("submissionType") == "4" and tree.findtext("testOrLive") == "TEST"
    blocks = {
        d.findtext("documentName"): d.findtext("documentMimeBlock") or "" for d in tree.iter("edgarDocument")
    }
    assert base64.b64decode(blocks["form4.xml"]) == (tmp_path / "form4.xml").read_bytes()
    assert base64.b64decode(blocks["poa.txt"]) == b"Power of attorney\n"
    live = runner.invoke(main, [*args[:4], "--live", "--primary-name", "jane4.xml"])
    tree = etree.fromstring((tmp_path / "sub.xml").read_bytes())
    assert live.exit_code == 0 and tree.findtext("testOrLive") == "LIVE"
    assert tree.findtext("edgarDocument/documentName") == "jane4.xml"


def test_command_refuses_a_submission_edgar_would_refuse(tmp_path: Path) -> None:
    source = tmp_path / "form4.json"
    source.write_bytes(_json(_filled("4")))
    pdf = tmp_path / "POA.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    runner = CliRunner()
    done = runner.invoke(
        main,
        [
            "prepare",
            str(source),
            "--submission",
            str(tmp_path / "s.xml"),
            "--attach",
            f"EX-24:{pdf}",
            "--format",
            "csv",
        ],
    )
    assert done.exit_code == 1
    assert "submission.file-name" in done.stdout and "XML and submission not written" in done.stderr
    assert not (tmp_path / "s.xml").exists() and not (tmp_path / "form4.xml").exists()
    missing = runner.invoke(
        main, ["prepare", str(source), "--submission", "s.xml", "--attach", "EX-24:none.txt"]
    )
    assert missing.exit_code == 2 and "cannot read" in missing.stderr
    shape = runner.invoke(main, ["prepare", str(source), "--submission", "s.xml", "--attach", "poa.txt"])
    assert shape.exit_code == 2 and "TYPE:FILE" in shape.stderr
    both = runner.invoke(main, ["prepare", str(source), "--out", "-", "--submission", "-"])
    assert both.exit_code != 0 and "both go to standard output" in both.stderr


def test_submission_values_edgar_could_not_read(tmp_path: Path) -> None:
    prepared = prepare(_json(_filled("4")))
    with pytest.raises(ConfigError, match="line break"):
        submission_file(prepared, contact_name="Erin\nEvans")
    with pytest.raises(ConfigError, match="control character"):
        submission_file(prepared, attachments=[Enclosure("poa.txt", "EX-24", b"x", "a\x01b")])
    empty = submission_file(prepared, attachments=[Enclosure("poa.txt", "EX-24", b"")])
    assert [(f.rule, f.row, f.severity.value) for f in empty.findings] == [
        ("submission.documents", 2, "error")
    ]
    twice = submission_file(prepared, contact_email="a@example.com", notify=["A@example.com "])
    assert [(f.rule, f.severity.value) for f in twice.findings] == [("submission.addresses", "warning")]
    pdf = submission_file(prepared, attachments=[Enclosure("poa.pdf", "EX-24", b"%PDF")])
    assert [(f.rule, f.severity.value) for f in pdf.findings] == [("submission.file-name", "warning")]
    assert pdf.ok
