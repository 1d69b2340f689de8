"""Render ownership XML through the SEC's own stylesheets (``corpus/xsl/``), the way EDGAR makes the HTML
view of a Form 3, 4 or 5, so that every rendered document used in tests has its answer: the XML it came from.

Importable (:func:`render`, :func:`stylesheet_for`) and runnable::

    python -m tests.rendered.render IN.xml [IN2.xml ...] -o OUTDIR

writes ``OUTDIR/<name>.html`` for each input. Rendered copies are made in temporary folders by the tests,
never committed (the corpus is read in place).

Which stylesheet: the one for the form (``3``, ``4``, ``5``; an amendment uses its form's), in the newest
version that fits the document's schema (EDGAR Ownership XML Technical Specification: X0609 added the
foreign trading symbol and non-US address shown by ``*_X09``/``3_X07``; X0508 added ``aff10b5One``, shown
from ``*_X07``/``*_X08``; older documents take ``*_X06``).
"""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path

from lxml import etree

XSL_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "xsl"

# (form, oldest schema version that needs it) -> stylesheet stem, newest first.
_CHOICES: dict[str, tuple[tuple[str, str], ...]] = {
    "3": (("X0609", "3_X07"), ("", "3_X06")),
    "4": (("X0609", "4_X09"), ("X0508", "4_X08"), ("", "4_X06")),
    "5": (("X0609", "5_X09"), ("X0508", "5_X08"), ("", "5_X06")),
}


class _NoNetwork(etree.Resolver):
    """Resolve ``xsl:include``/``xsl:import`` from the stylesheet folder only; never the network."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def resolve(self, system_url: str, public_id: str, context: object) -> object:
        name = system_url.replace("\\", "/").rsplit("/", 1)[-1]
        candidate = self.folder / name
        if candidate.is_file():
            return self.resolve_filename(str(candidate), context)
        raise OSError(f"stylesheet {system_url!r} not in {self.folder}")


def _version_key(version: str) -> tuple[int, int]:
    digits = version.strip().upper().lstrip("X")
    if len(digits) == 4 and digits.isdigit():
        return (int(digits[2:]), int(digits[:2]))  # X0609: schema generation 09, revision 06
    return (0, 0)


def stylesheet_for(document_type: str, schema_version: str | None, xsl_dir: Path = XSL_DIR) -> Path:
    """The stylesheet file for a document type (``"4/A"``) and schema version (``"X0508"``)."""
    form = document_type.strip()[:1]
    if form not in _CHOICES:
        raise ValueError(f"no stylesheet for document type {document_type!r}")
    have = _version_key(schema_version or "")
    for oldest, stem in _CHOICES[form]:
        if not oldest or have >= _version_key(oldest):
            return xsl_dir / f"{stem}.xsl"
    raise AssertionError("unreachable: the last choice has no minimum")


@functools.cache
def _transform(path: str) -> etree.XSLT:
    folder = Path(path).parent
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_NoNetwork(folder))
    xslt_doc = etree.parse(path, parser)
    access = etree.XSLTAccessControl.DENY_ALL
    return etree.XSLT(xslt_doc, access_control=access)


def render(xml: bytes, xsl_dir: Path = XSL_DIR) -> bytes:
    """The SEC HTML view of one bare ownership XML document."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False, huge_tree=True, recover=False)
    root = etree.fromstring(xml.strip(), parser)
    document_type = root.findtext("documentType") or ""
    schema_version = root.findtext("schemaVersion")
    sheet = stylesheet_for(document_type, schema_version, xsl_dir)
    result = _transform(str(sheet))(root.getroottree())
    return bytes(result)


def main(argv: list[str] | None = None) -> int:
    """``python -m tests.rendered.render IN.xml ... -o OUTDIR``."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("inputs", nargs="+", type=Path)
    ap.add_argument("-o", "--out", type=Path, required=True)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    failed = 0
    for path in args.inputs:
        try:
            html = render(path.read_bytes())
        except (etree.Error, ValueError) as exc:
            print(f"{path}: {exc}", file=sys.stderr)
            failed += 1
            continue
        (args.out / f"{path.stem}.html").write_bytes(html)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
