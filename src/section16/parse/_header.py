"""Reading the SEC header of a submission into a :class:`~section16.model.SubmissionHeader`.

EDGAR writes the same header in two styles, and real files mix them:

- ``LABEL:<tabs>value`` lines with tab-indented blocks, as in a complete submission ``.txt``
  (``<SEC-HEADER>`` ... ``</SEC-HEADER>``; EDGAR Public Dissemination Service (PDS) Technical
  Specification, "Header tags" appendix, which lists each tag with the label it prints as);
- ``<TAG>value`` lines with ``</TAG>`` closing a block, as in the dissemination feed ``.nc``/``.sgml``
  (``<SUBMISSION>`` root) and the ``-index-headers.html`` pages.

Both are read by one pass over the header's lines and mapped onto the same typed fields. Structure is
taken from the block names (``OWNER DATA``, ``COMPANY DATA``, ``BUSINESS ADDRESS``...), not from the
indentation alone, because real copies re-indent with spaces or drop a level (a 1998 header wraps its
owner in ``<REPORTING-OWNER>`` with unindented blocks inside). Every line is also kept, as read, in
``SubmissionHeader.fields``.

The pass has a fast path for the lines EDGAR writes most (a known label as EDGAR indents it, a known
``<TAG>value``, a block opener) and an exact path for every other line; both read a line the same way
(see :func:`read_header_lines`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from section16.model import FormerName, HeaderAddress, HeaderEntity, SubmissionDocument, SubmissionHeader

__all__ = [
    "decode_header",
    "read_date8",
    "read_datetime14",
    "read_document_tags",
    "read_header_lines",
]

# Header-level labels, both styles -> SubmissionHeader attribute (PDS spec, header tag appendix:
# <ACCESSION-NUMBER> "ACCESSION NUMBER", <TYPE> "CONFORMED SUBMISSION TYPE", <PERIOD> "CONFORMED
# PERIOD OF REPORT", <FILING-DATE> "FILED AS OF DATE", <DATE-OF-FILING-DATE-CHANGE> "DATE AS OF CHANGE").
_TOP = {
    "ACCESSION NUMBER": "accession_number",
    "ACCESSION-NUMBER": "accession_number",
    "CONFORMED SUBMISSION TYPE": "submission_type",
    "TYPE": "submission_type",
    "PUBLIC DOCUMENT COUNT": "public_document_count",
    "PUBLIC-DOCUMENT-COUNT": "public_document_count",
    "CONFORMED PERIOD OF REPORT": "period_of_report",
    "PERIOD": "period_of_report",
    "FILED AS OF DATE": "filed_as_of_date",
    "FILING-DATE": "filed_as_of_date",
    "DATE AS OF CHANGE": "date_as_of_change",
    "DATE-OF-FILING-DATE-CHANGE": "date_as_of_change",
    "ACCEPTANCE-DATETIME": "acceptance_datetime",
}

# Fields of an entity block (COMPANY DATA / OWNER DATA / FILING VALUES) -> HeaderEntity attribute.
_ENTITY = {
    "COMPANY CONFORMED NAME": "conformed_name",
    "CONFORMED-NAME": "conformed_name",
    "CENTRAL INDEX KEY": "cik",
    "CIK": "cik",
    "STANDARD INDUSTRIAL CLASSIFICATION": "standard_industrial_classification",
    "ASSIGNED-SIC": "standard_industrial_classification",
    "ORGANIZATION NAME": "organization_name",
    "ORGANIZATION-NAME": "organization_name",
    "IRS NUMBER": "irs_number",
    "IRS-NUMBER": "irs_number",
    "STATE OF INCORPORATION": "state_of_incorporation",
    "STATE-OF-INCORPORATION": "state_of_incorporation",
    "FISCAL YEAR END": "fiscal_year_end",
    "FISCAL-YEAR-END": "fiscal_year_end",
    "FORM TYPE": "form_type",
    "FORM-TYPE": "form_type",
    "SEC ACT": "sec_act",
    "ACT": "sec_act",
    "SEC FILE NUMBER": "sec_file_number",
    "FILE-NUMBER": "sec_file_number",
    "FILM NUMBER": "film_number",
    "FILM-NUMBER": "film_number",
}

_ADDRESS = {
    "STREET 1": "street1",
    "STREET1": "street1",
    "STREET 2": "street2",
    "STREET2": "street2",
    "CITY": "city",
    "STATE": "state",
    "ZIP": "zip",
    "BUSINESS PHONE": "phone",
    "PHONE": "phone",
}

_FORMER = {
    "FORMER CONFORMED NAME": "former_conformed_name",
    "FORMER-CONFORMED-NAME": "former_conformed_name",
    "DATE OF NAME CHANGE": "date_changed",
    "DATE-CHANGED": "date_changed",
}

# Blocks inside an entity, both styles -> what they hold.
_SUB_BLOCKS = {
    "OWNER DATA": "data",
    "OWNER-DATA": "data",
    "COMPANY DATA": "data",
    "COMPANY-DATA": "data",
    "FILING VALUES": "data",
    "FILING-VALUES": "data",
    "BUSINESS ADDRESS": "business_address",
    "BUSINESS-ADDRESS": "business_address",
    "MAIL ADDRESS": "mail_address",
    "MAIL-ADDRESS": "mail_address",
    "FORMER COMPANY": "former",
    "FORMER-COMPANY": "former",
    "FORMER NAME": "former",
    "FORMER-NAME": "former",
}

# Entity blocks that may appear with an empty value at any indentation (the PDS spec's filer roles).
_ROLES = frozenset(
    {
        "FILER",
        "REPORTING-OWNER",
        "ISSUER",
        "SUBJECT COMPANY",
        "SUBJECT-COMPANY",
        "FILED BY",
        "FILED-BY",
        "SERIAL COMPANY",
        "SERIAL-COMPANY",
    }
)

# A ``<TAG>value`` line of a document's header (white space around it allowed; CR or LF line ends).
_DOCUMENT_TAG = re.compile(r"(?:\A|(?<=[\r\n]))[ \t\f\v]*<([^>\r\n]+)>([^\r\n]*)")

# A document's header as EDGAR writes it (EDGAR Filer Manual vol. II, "The complete submission text
# file": <TYPE>, <SEQUENCE>, <FILENAME>, optional <DESCRIPTION>, one a line). What it reads is what
# :data:`_DOCUMENT_TAG` reads of the same text: each value is the rest of its line (stripped after).
_DOCUMENT_TAGS_USUAL = re.compile(
    r"\n<TYPE>([^\r\n]*)\n<SEQUENCE>([^\r\n]*)\n<FILENAME>([^\r\n]*)\n(?:<DESCRIPTION>([^\r\n]*)\n)?"
)

_KNOWN_FIELDS = frozenset(_TOP) | frozenset(_ENTITY) | frozenset(_ADDRESS) | frozenset(_FORMER)

# Every known label -> (kind, attribute), one look-up a line: "top" (the header's own lines), "entity",
# "address" (inside a business or mail address block) or "former" (inside a former-name block).
_LABELS: dict[str, tuple[str, str]] = {
    **{label: ("entity", attr) for label, attr in _ENTITY.items()},
    **{label: ("address", attr) for label, attr in _ADDRESS.items()},
    **{label: ("former", attr) for label, attr in _FORMER.items()},
    **{label: ("top", attr) for label, attr in _TOP.items()},
}

# The text before a line's first colon -> (label, kind, attribute), for every known label as EDGAR
# indents it in a complete submission's header (none to three tabs): the fast path of
# :func:`read_header_lines` finds a common line's label here without stripping it.
_ENTITY_KIND, _ADDRESS_KIND, _TOP_KIND, _FORMER_KIND, _BLOCK_KIND, _ROLE_KIND = (
    "entity",
    "address",
    "top",
    "former",
    "block",
    "role",
)
_HEADS: dict[str, tuple[str, str, str]] = {
    indent + label: (label, kind, attr)
    for label, (kind, attr) in [
        *_LABELS.items(),
        *[(label, (_BLOCK_KIND, held)) for label, held in _SUB_BLOCKS.items()],
        *[(label, (_ROLE_KIND, "")) for label in _ROLES],
    ]
    for indent in ("", "\t", "\t\t", "\t\t\t")
}

# Tags whose ``<TAG>value`` line the fast path reads: the known labels of the tagged style, and the
# first lines of a complete submission's header.
_FAST_TAGS = frozenset(_LABELS) | {"SEC-HEADER", "SEC-DOCUMENT"}

_ADDRESS_BLOCKS = frozenset({"business_address", "mail_address"})


def read_date8(text: str) -> date | None:
    """``"20230522"`` -> ``date(2023, 5, 22)``; anything else -> None."""
    if len(text) != 8 or not text.isascii() or not text.isdigit():
        return None
    try:
        return date.fromisoformat(text)  # ISO 8601's basic format, read since Python 3.11
    except ValueError:
        return None


def read_datetime14(text: str) -> datetime | None:
    """EDGAR's acceptance time ``"20230522161317"`` -> a naive datetime (US Eastern, as EDGAR
    states it); anything else -> None."""
    if len(text) != 14 or not text.isascii() or not text.isdigit():
        return None
    try:
        return datetime.fromisoformat(f"{text[:8]}T{text[8:]}")  # ISO 8601's basic format
    except ValueError:
        return None


def _is_accession(text: str) -> bool:
    """``0001234567-23-000089``: ten digits, two, six (EDGAR Filer Manual, "accession number")."""
    return (
        len(text) == 20
        and text[10] == "-"
        and text[13] == "-"
        and text.replace("-", "").isdigit()
        and text.isascii()
    )


def decode_header(raw: bytes) -> tuple[str, tuple[str, ...]]:
    """Header bytes as text: UTF-8, else Latin-1 (which cannot fail) with a note saying so."""
    try:
        return raw.decode("utf-8"), ()
    except UnicodeDecodeError as exc:
        return raw.decode("latin-1"), (f"header is not UTF-8 (byte {exc.start}); read as Latin-1",)


@dataclass(slots=True)
class _EntityBuilder:
    role: str
    values: dict[str, str] = field(default_factory=dict)
    addresses: dict[str, dict[str, str]] = field(default_factory=dict)
    former: list[dict[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class _State:
    notes: list[str]
    place: str
    top: dict[str, str] = field(default_factory=dict)
    top_lines: dict[str, int] = field(default_factory=dict)
    entities: list[_EntityBuilder] = field(default_factory=list)
    entity: _EntityBuilder | None = None
    entity_tag: str | None = None  # the entity was opened by <TAG> and closes with </TAG>
    sub: str | None = None  # kind of the open sub-block: data, business_address, mail_address, former
    sub_label: str | None = None
    prefix: str = ""  # "ROLE/SUB BLOCK/" of the open blocks, put before a label in ``fields``
    fields: list[tuple[str, str]] = field(default_factory=list)
    text: str = ""  # the header's text, LF line ends
    closers: frozenset[str] | None = None  # _closing_tags(text), found when a bare <TAG> needs it

    def closing_tags(self) -> frozenset[str]:
        """Names of the tags closed somewhere in the header (:func:`_closing_tags`), found once."""
        if self.closers is None:
            self.closers = _closing_tags(self.text)
        return self.closers

    def open_entity(self, role: str, *, tag: str | None) -> None:
        self.entity = _EntityBuilder(role=role.replace(" ", "-"))
        self.entities.append(self.entity)
        self.entity_tag = tag
        self.sub = self.sub_label = None
        self.prefix = self.entity.role + "/"

    def open_sub(self, label: str, lineno: int) -> None:
        if self.entity is None:
            self.notes.append(f"{self.place}:{lineno}: block {label!r} outside any filer block; read as one")
            self.open_entity("UNNAMED", tag=None)
        assert self.entity is not None
        self.sub, self.sub_label = _SUB_BLOCKS[label], label
        self.prefix = f"{self.entity.role}/{label}/"
        if self.sub == "former":
            self.entity.former.append({})

    def close(self, tag: str, lineno: int) -> None:
        if tag == self.sub_label:
            self.sub = self.sub_label = None
            self.prefix = self.entity.role + "/" if self.entity is not None else ""
        elif self.entity is not None and tag == self.entity_tag:
            self.entity = self.entity_tag = None
            self.sub = self.sub_label = None
            self.prefix = ""
        elif tag not in {"SEC-HEADER", "SUBMISSION"}:
            self.notes.append(f"{self.place}:{lineno}: closing tag </{tag}> closes no open block; ignored")

    def value(self, label: str, value: str, lineno: int) -> None:
        self.fields.append((self.prefix + label, value))
        spec = _LABELS.get(label)
        if spec is not None:
            self.known(spec, value, lineno)

    def known(self, spec: tuple[str, str], value: str, lineno: int) -> None:
        """A value whose label :data:`_LABELS` knows (``spec`` is its kind and attribute)."""
        kind, attr = spec
        if kind == "top":
            if attr not in self.top_lines:  # the first wins; a repeat stays in ``fields``
                self.top[attr] = value
                self.top_lines[attr] = lineno
            return
        entity = self.entity
        if entity is None or not value:
            return
        sub = self.sub
        if kind == "address":
            if sub in {"business_address", "mail_address"}:
                entity.addresses.setdefault(sub, {})[attr] = value
        elif kind == "former":
            if sub == "former":
                entity.former[-1][attr] = value
        else:
            entity.values.setdefault(attr, value)


def read_header_lines(
    text: str, *, first_line: int, place: str, documents: tuple[SubmissionDocument, ...] = ()
) -> tuple[SubmissionHeader, list[str]]:
    """Read header text (both styles) into a header, plus notes.

    ``first_line`` is the line number of ``text``'s first line in the whole file and ``place`` the
    file's name, both for the notes; ``documents`` is the submission's documents list, kept on the
    header as it is.

    Two paths over the lines, with the same result (``tests/parse/test_header.py`` reads every corpus
    header and generated ones both ways):

    - the fast path, in the loop itself, takes the lines EDGAR writes most. A known label
      (:data:`_LABELS`) indented by up to three tabs: the text before the first colon is looked up as it
      stands in :data:`_HEADS` (no strip of the label), the value is the rest of the line stripped; with
      a value it is stored, without one a known block (``\tOWNER DATA:``) or filer role
      (``REPORTING-OWNER:``) is opened. A ``<TAG>value`` line starting at its ``<``, for a tag of
      :data:`_FAST_TAGS` with a value (``<ACCEPTANCE-DATETIME>20230522161317``). A blank line is skipped;
    - every other line takes the exact path, :func:`_other_line`: a bare or closing ``<TAG>``, a label
      indented with spaces or not known, a line with no colon, a block outside any filer block. It
      strips and partitions the line, opens or closes blocks and makes the notes, with the line's number.
    """
    state = _State(notes=[], place=place)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    state.text = text
    append = state.fields.append
    heads, fast_tags, entity_kind = _HEADS, _FAST_TAGS, _ENTITY_KIND
    top, top_lines = state.top, state.top_lines
    # The open blocks, kept in locals and refreshed after each line that takes another path: the
    # prefix of ``fields``, the open entity's values and the open sub-block's kind.
    prefix, entity, sub = "", None, None
    values: dict[str, str] = {}  # the open entity's values; a throwaway while none is open
    address: dict[str, str] | None = None  # the open address block's values, made on its first value
    for lineno, line in enumerate(text.split("\n"), first_line):
        if not line:
            continue
        head, colon, rest = line.partition(":")
        known = heads.get(head)
        if known is not None:
            label, kind, attr = known
            if value := rest.strip():
                append((prefix + label, value))
                if kind == entity_kind:
                    values.setdefault(attr, value)  # the first wins
                elif kind == _ADDRESS_KIND:
                    if address is None and sub in _ADDRESS_BLOCKS and entity is not None:
                        address = entity.addresses.setdefault(sub, {})
                    if address is not None:
                        address[attr] = value
                elif kind == _TOP_KIND:
                    if attr not in top_lines:  # the first wins; a repeat stays in ``fields``
                        top[attr] = value
                        top_lines[attr] = lineno
                elif kind == _FORMER_KIND and sub == "former" and entity is not None:
                    entity.former[-1][attr] = value
                continue
            if colon and kind == _BLOCK_KIND and entity is not None:  # what State.open_sub does
                state.sub = sub = attr
                state.sub_label = label
                state.prefix = prefix = f"{entity.role}/{label}/"
                if attr == "former":
                    entity.former.append({})
                address = None
                continue
            if colon and kind == _ROLE_KIND:
                state.open_entity(label, tag=None)
            else:
                _other_line(state, line, lineno)
        elif (
            line[0] == "<"
            and (end := line.find(">")) > 0
            and (label := line[1:end].strip()) in fast_tags
            and (value := line[end + 1 :].strip())
        ):  # a known <TAG> with its value, read as _tag_line reads it (a bare <TAG> may open a block)
            append((prefix + label, value))
            spec = _LABELS.get(label)
            if spec is not None:
                state.known(spec, value, lineno)
            continue
        else:
            _other_line(state, line, lineno)
        if state.sub is not sub or state.entity is not entity:
            address = None
        prefix, entity, sub = state.prefix, state.entity, state.sub
        values = entity.values if entity is not None else {}
    return _build(state, documents), state.notes


def _other_line(state: _State, line: str, lineno: int) -> None:
    """One header line that is not a known label with a value (the exact path of
    :func:`read_header_lines`): a blank line, a ``<TAG>`` line, a block opener, or anything else."""
    content = line.strip()
    if not content:
        return
    if content[0] == "<":
        _tag_line(state, content, lineno)
        return
    label, colon, value = content.partition(":")
    label = label.rstrip()
    if not colon or not label:
        shown = content[:60]
        state.notes.append(f"{state.place}:{lineno}: header line {shown!r} is not 'LABEL: value'; kept as is")
        state.fields.append(("", content))
        return
    value = value.lstrip()
    if value:
        state.value(label, value, lineno)
    elif label in _SUB_BLOCKS:
        state.open_sub(label, lineno)
    elif label in _ROLES or (label not in _KNOWN_FIELDS and not line.startswith("\t")):
        state.open_entity(label, tag=None)
    else:
        state.value(label, "", lineno)


def _closing_tags(text: str) -> frozenset[str]:
    """Names of the tags closed somewhere in the header: a bare ``<TAG>`` with such a closer opens a
    block, one without is an empty value (``<ORGANIZATION-NAME>`` with nothing after it)."""
    names = set()
    start = text.find("</")
    while start >= 0:
        end = text.find(">", start)
        if end < 0:
            break
        names.add(text[start + 2 : end].strip())
        start = text.find("</", end)
    return frozenset(names)


def _tag_line(state: _State, content: str, lineno: int) -> None:
    end = content.find(">")
    if end < 0:
        state.notes.append(f"{state.place}:{lineno}: tag {content[:60]!r} has no '>'; kept as is")
        state.fields.append(("", content))
        return
    if content[1:2] == "/":
        state.close(content[2:end].strip(), lineno)
        return
    tag = content[1:end].strip()
    value = content[end + 1 :].strip()
    if value or tag not in state.closing_tags():
        state.value(tag, value, lineno)
    elif tag in _SUB_BLOCKS:
        state.open_sub(tag, lineno)
    else:
        state.open_entity(tag, tag=tag)


def _build(state: _State, documents: tuple[SubmissionDocument, ...]) -> SubmissionHeader:
    top = state.top
    notes = state.notes

    def when(attr: str) -> date | None:
        text = top.get(attr)
        if text is None:
            return None
        found = read_date8(text)
        if found is None:
            notes.append(
                f"{state.place}:{state.top_lines[attr]}: {text!r} is not a YYYYMMDD date; left unset"
            )
        return found

    accepted: datetime | None = None
    if "acceptance_datetime" in top:
        accepted = read_datetime14(top["acceptance_datetime"])
        if accepted is None:
            notes.append(
                f"{state.place}:{state.top_lines['acceptance_datetime']}: acceptance time "
                f"{top['acceptance_datetime']!r} is not YYYYMMDDHHMMSS; left unset"
            )
    count: int | None = None
    if "public_document_count" in top:
        text = top["public_document_count"]
        if text.isascii() and text.isdigit():
            count = int(text)
        else:
            notes.append(
                f"{state.place}:{state.top_lines['public_document_count']}: document count {text!r} "
                "is not a number; left unset"
            )
    accession = top.get("accession_number")
    if accession is None:
        # A 1990s header may lack the line; its <SEC-HEADER> names the file: "ACCESSION.hdr.sgml : DATE".
        for label, value in state.fields:
            if label in {"SEC-HEADER", "SEC-DOCUMENT"} and _is_accession(value[:20]):
                accession = value[:20]
                break
    return SubmissionHeader(
        accession_number=accession,
        submission_type=top.get("submission_type"),
        public_document_count=count,
        period_of_report=when("period_of_report"),
        filed_as_of_date=when("filed_as_of_date"),
        date_as_of_change=when("date_as_of_change"),
        acceptance_datetime=accepted,
        entities=tuple([_entity(e, state) for e in state.entities]),
        fields=tuple(state.fields),
        documents=documents,
    )


def _entity(builder: _EntityBuilder, state: _State) -> HeaderEntity:
    formers = []
    for former in builder.former:
        changed_text = former.get("date_changed")
        changed = read_date8(changed_text) if changed_text else None
        if changed_text and changed is None:
            state.notes.append(
                f"{state.place}: {builder.role} former name date {changed_text!r} is not YYYYMMDD; left unset"
            )
        formers.append(
            FormerName(former_conformed_name=former.get("former_conformed_name"), date_changed=changed)
        )
    addresses = builder.addresses
    business, mail = addresses.get("business_address"), addresses.get("mail_address")
    return HeaderEntity(
        role=builder.role,
        **builder.values,  # keys are HeaderEntity attributes (the values of _ENTITY)
        business_address=HeaderAddress(**business) if business is not None else None,
        mail_address=HeaderAddress(**mail) if mail is not None else None,
        former_names=tuple(formers),
    )


def read_document_tags(text: str) -> SubmissionDocument:
    """The ``<TYPE>``, ``<SEQUENCE>``, ``<FILENAME>``, ``<DESCRIPTION>`` lines of one ``<DOCUMENT>``
    (the text between ``<DOCUMENT>`` and ``<TEXT>``).

    The shape EDGAR writes, those four lines in that order (the description may be absent), is read by
    one anchored match (:data:`_DOCUMENT_TAGS_USUAL`); any other text by a search for every ``<TAG>``
    line (:data:`_DOCUMENT_TAG`), the first of each name kept. Both give the same result."""
    usual = _DOCUMENT_TAGS_USUAL.fullmatch(text)
    if usual is not None:
        kind, sequence, filename, description = usual.groups()
        kind, sequence, filename = kind.strip(), sequence.strip(), filename.strip()
        description = description.strip() if description is not None else None
    else:
        found: dict[str, str] = {}
        for name, value in _DOCUMENT_TAG.findall(text):
            found.setdefault(name.strip(), value.strip())
        kind, sequence = found.get("TYPE"), found.get("SEQUENCE", "")
        filename, description = found.get("FILENAME"), found.get("DESCRIPTION")
    return SubmissionDocument(
        type=kind or None,
        sequence=int(sequence) if sequence.isascii() and sequence.isdigit() else None,
        filename=filename or None,
        description=description or None,
    )
