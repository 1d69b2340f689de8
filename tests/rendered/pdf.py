"""Print the SEC HTML view to PDF with headless Debian Chromium, and turn a PDF into text with poppler's
``pdftotext`` (``-layout`` and plain), the way people get the "converted text" of a form.

Importable (:func:`html_to_pdf`, :func:`pdf_to_text`, :func:`have_chromium`, :func:`have_pdftotext`,
:func:`print_all`) and runnable::

    python -m tests.rendered.pdf IN.xml [IN2.xml ...] -o OUTDIR

writes ``OUTDIR/<name>.html``, ``.pdf``, ``.layout.txt`` and ``.plain.txt`` for each input. Everything is
made in temporary folders (or a cache folder under the system's temporary directory) and never committed.
Install the tools with ``scripts/ensure-chromium.sh`` and ``scripts/ensure-poppler.sh``.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def have_chromium() -> bool:
    return Path(CHROMIUM).is_file()


def have_pdftotext() -> bool:
    return shutil.which("pdftotext") is not None


def html_to_pdf(html: bytes, *, timeout: float = 60.0) -> bytes:
    """The PDF Chromium prints of an HTML page (its own print header and footer included, as a person
    printing from a browser gets them)."""
    with tempfile.TemporaryDirectory(prefix="s16-pdf-") as tmp:
        folder = Path(tmp)
        page, out = folder / "view.html", folder / "view.pdf"
        page.write_bytes(html)
        subprocess.run(
            [
                CHROMIUM,
                *_FLAGS,
                f"--user-data-dir={folder / 'profile'}",
                f"--print-to-pdf={out}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
        return out.read_bytes()


def pdf_to_text(pdf: bytes, *, layout: bool) -> str:
    """``pdftotext -layout`` (columns kept by spaces) or plain ``pdftotext`` (reading order) of a PDF."""
    args = ["pdftotext", *(["-layout"] if layout else []), "-enc", "UTF-8", "-", "-"]
    done = subprocess.run(args, input=pdf, check=True, capture_output=True, timeout=60)
    return done.stdout.decode("utf-8")


def cache_dir() -> Path:
    """Where printed copies are kept between runs: outside the repository, keyed by the HTML's hash."""
    return Path(tempfile.gettempdir()) / "section16-rendered-cache"


def pdf_cached(html: bytes, cache: Path | None = None) -> bytes:
    """:func:`html_to_pdf`, kept in ``cache`` by the SHA-256 of the HTML."""
    folder = cache or cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (hashlib.sha256(html).hexdigest() + ".pdf")
    if path.is_file():
        return path.read_bytes()
    pdf = html_to_pdf(html)
    tmp = path.with_suffix(".part")
    tmp.write_bytes(pdf)
    tmp.replace(path)
    return pdf


def print_all(pages: list[bytes], *, workers: int = 4, cache: Path | None = None) -> list[bytes | None]:
    """PDFs of many HTML pages, printed in parallel; None where Chromium failed."""

    def one(html: bytes) -> bytes | None:
        try:
            return pdf_cached(html, cache)
        except (subprocess.SubprocessError, OSError):
            return None

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, pages))


def main(argv: list[str] | None = None) -> int:
    """``python -m tests.rendered.pdf IN.xml ... -o OUTDIR``."""
    from tests.rendered.render import render

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("inputs", nargs="+", type=Path)
    ap.add_argument("-o", "--out", type=Path, required=True)
    args = ap.parse_args(argv)
    if not (have_chromium() and have_pdftotext()):
        print("needs /usr/bin/chromium and pdftotext: run scripts/ensure-chromium.sh and ensure-poppler.sh")
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    for path in args.inputs:
        html = render(path.read_bytes())
        pdf = html_to_pdf(html)
        (args.out / f"{path.stem}.html").write_bytes(html)
        (args.out / f"{path.stem}.pdf").write_bytes(pdf)
        (args.out / f"{path.stem}.layout.txt").write_text(pdf_to_text(pdf, layout=True))
        (args.out / f"{path.stem}.plain.txt").write_text(pdf_to_text(pdf, layout=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
