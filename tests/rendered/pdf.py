"""Print the SEC HTML view to PDF with headless Debian Chromium, and turn a PDF into text with poppler's
``pdftotext`` (``-layout`` and plain), the way people get the "converted text" of a form.

The print is what a person gets from Chromium's print dialog with "fit to page width": Letter, portrait,
default margins, header and footer, scaled so the whole page is on the paper (see ``PRINT_SETTINGS``).
Chromium is driven by Playwright (a dev dependency) over the DevTools protocol's ``Page.printToPDF``,
one browser per worker, since the command line's ``--print-to-pdf`` has no scale.

Importable (:func:`html_to_pdf`, :class:`Printer`, :func:`pdf_to_text`, :func:`have_chromium`,
:func:`have_pdftotext`, :func:`print_all`) and runnable::

    python -m tests.rendered.pdf IN.xml [IN2.xml ...] -o OUTDIR

writes ``OUTDIR/<name>.html``, ``.pdf``, ``.layout.txt`` and ``.plain.txt`` for each input. Everything is
made in temporary folders (or a cache folder under the system's temporary directory) and never committed.
Install the tools with ``scripts/ensure-chromium.sh`` and ``scripts/ensure-poppler.sh``.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import shutil
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"

# How the view is printed, as a person does it from Chromium's print dialog: US Letter, portrait, the
# dialog's default margins (0.4 in), its header and footer (date, title, address, page numbers), and
# the scale set so that the whole width of the page is on the paper ("fit to page width"). The SEC view
# is wider than the paper (its tables are 950-1100 CSS px, a remark written with non-breaking spaces
# makes it wider still), and printed at 100% a long footnote line or Table II's last column ran past
# the paper's edge and was cut out of the PDF. Chromium's own print scale runs from 10% to 200%.
PAPER_WIDTH_IN, PAPER_HEIGHT_IN, MARGIN_IN = 8.5, 11.0, 0.4
MIN_SCALE = 0.1
_CSS_PX_PER_IN = 96
PRINT_SETTINGS = "chromium-cdp letter portrait margin=0.4in header-footer scale=fit-width v2"
"""Part of the cache key: a change of print settings prints every PDF again."""


def have_chromium() -> bool:
    return Path(CHROMIUM).is_file()


def have_pdftotext() -> bool:
    return shutil.which("pdftotext") is not None


def fit_width_scale(content_px: float) -> float:
    """The print scale at which ``content_px`` CSS pixels fill the paper's printable width, at most 1."""
    printable = (PAPER_WIDTH_IN - 2 * MARGIN_IN) * _CSS_PX_PER_IN
    return max(MIN_SCALE, min(1.0, printable / max(content_px, 1.0)))


class Printer:
    """One headless Chromium (driven by Playwright over the DevTools protocol) that prints HTML pages to
    PDF with the settings above. Use as a context manager; not shared between threads."""

    def __init__(self, *, timeout: float = 60.0) -> None:
        from playwright.sync_api import sync_playwright

        self._timeout_ms = timeout * 1000
        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
        except Exception:
            self._playwright.stop()
            raise
        self._tmp = tempfile.TemporaryDirectory(prefix="s16-pdf-")

    def __enter__(self) -> Printer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._browser.close()
        self._playwright.stop()
        self._tmp.cleanup()

    def print(self, html: bytes) -> bytes:
        """The PDF of one HTML page (loaded from a file, as a saved page is)."""
        page_file = Path(self._tmp.name) / "view.html"
        page_file.write_bytes(html)
        printable_px = round((PAPER_WIDTH_IN - 2 * MARGIN_IN) * _CSS_PX_PER_IN)
        page = self._browser.new_page(viewport={"width": printable_px, "height": 1000})
        try:
            page.set_default_timeout(self._timeout_ms)
            page.emulate_media(media="print")
            page.goto(page_file.as_uri(), wait_until="load")
            width = float(page.evaluate("document.documentElement.scrollWidth"))
            session = page.context.new_cdp_session(page)
            # Page.printToPDF without header/footer templates prints Chromium's default ones
            result = session.send(
                "Page.printToPDF",
                {
                    "landscape": False,
                    "displayHeaderFooter": True,
                    "printBackground": False,
                    "scale": fit_width_scale(width),
                    "paperWidth": PAPER_WIDTH_IN,
                    "paperHeight": PAPER_HEIGHT_IN,
                    "marginTop": MARGIN_IN,
                    "marginBottom": MARGIN_IN,
                    "marginLeft": MARGIN_IN,
                    "marginRight": MARGIN_IN,
                },
            )
            return base64.b64decode(result["data"])
        finally:
            page.close()


def html_to_pdf(html: bytes, *, timeout: float = 60.0) -> bytes:
    """The PDF Chromium prints of an HTML page, fitted to the paper's width (its own print header and
    footer included, as a person printing from a browser gets them)."""
    with Printer(timeout=timeout) as printer:
        return printer.print(html)


def pdf_to_text(pdf: bytes, *, layout: bool) -> str:
    """``pdftotext -layout`` (columns kept by spaces) or plain ``pdftotext`` (reading order) of a PDF."""
    args = ["pdftotext", *(["-layout"] if layout else []), "-enc", "UTF-8", "-", "-"]
    done = subprocess.run(args, input=pdf, check=True, capture_output=True, timeout=60)
    return done.stdout.decode("utf-8")


def cache_dir() -> Path:
    """Where printed copies are kept between runs: outside the repository, keyed by the HTML's hash."""
    return Path(tempfile.gettempdir()) / "section16-rendered-cache"


def _cache_path(folder: Path, html: bytes) -> Path:
    key = hashlib.sha256(PRINT_SETTINGS.encode() + b"\0" + html).hexdigest()
    return folder / (key + ".pdf")


def _store(path: Path, pdf: bytes) -> None:
    tmp = path.with_suffix(f".{threading.get_ident()}.part")
    tmp.write_bytes(pdf)
    tmp.replace(path)


def pdf_cached(html: bytes, cache: Path | None = None) -> bytes:
    """:func:`html_to_pdf`, kept in ``cache`` by the SHA-256 of the print settings and the HTML."""
    folder = cache or cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = _cache_path(folder, html)
    if path.is_file():
        return path.read_bytes()
    pdf = html_to_pdf(html)
    _store(path, pdf)
    return pdf


def print_all(pages: list[bytes], *, workers: int = 4, cache: Path | None = None) -> list[bytes | None]:
    """PDFs of many HTML pages, from the cache or printed by ``workers`` browsers in parallel; None
    where Chromium failed."""
    folder = cache or cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    paths = [_cache_path(folder, html) for html in pages]
    out: list[bytes | None] = [p.read_bytes() if p.is_file() else None for p in paths]
    todo = [i for i, pdf in enumerate(out) if pdf is None]

    def run(share: list[int]) -> None:
        try:
            printer = Printer()
        except Exception:  # no browser: every page of this share stays None
            return
        with printer:
            for i in share:
                try:
                    out[i] = printer.print(pages[i])
                except Exception:  # one page that fails to print does not stop the others
                    continue
                _store(paths[i], out[i] or b"")

    shares = [todo[k::workers] for k in range(workers) if todo[k::workers]]
    with ThreadPoolExecutor(max_workers=max(len(shares), 1)) as pool:
        list(pool.map(run, shares))
    return out


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
    printer = Printer()
    for path in args.inputs:
        html = render(path.read_bytes())
        pdf = printer.print(html)
        (args.out / f"{path.stem}.html").write_bytes(html)
        (args.out / f"{path.stem}.pdf").write_bytes(pdf)
        (args.out / f"{path.stem}.layout.txt").write_text(pdf_to_text(pdf, layout=True))
        (args.out / f"{path.stem}.plain.txt").write_text(pdf_to_text(pdf, layout=False))
    printer.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
