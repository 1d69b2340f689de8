"""The text readers on another converter's text: pdfminer.six's ``extract_text`` of the same printed
forms that ``bench_rendered.py`` measures (what markitdown writes for a PDF in which it finds no table,
and what many Python pipelines use), scored field by field against the XML they were rendered from.

    .venv/bin/python bench/bench_rendered_pdfminer.py [--sample 240] [--show-failures 15] [--venv DIR]

pdfminer.six is not a dependency of section16: like the peer library in ``bench_parse.py``, it runs in a
venv of its own (``--venv``, default ``/tmp/section16-pdfminer-venv``, created once with
``pip install pdfminer.six``), called as a subprocess on the PDFs that ``bench_rendered.py`` prints
(the same Chromium cache). Its texts are kept beside the cache, by the PDF's SHA-256. The converter's
texts are read by ``read_rendered_text``, which sends them to the plain-text reader (``rendered_plain``),
tuned on pdftotext's output: this bench says how far that reader carries to another converter's order.
It asserts nothing: the figures are reported.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bench_rendered as rendered

DEFAULT_VENV = Path("/tmp/section16-pdfminer-venv")
_EXTRACT = (
    "import sys\n"
    "from pdfminer.high_level import extract_text\n"
    "for pdf, out in zip(sys.argv[1::2], sys.argv[2::2]):\n"
    "    open(out, 'w', encoding='utf-8').write(extract_text(pdf))\n"
)


def ensure_pdfminer(venv: Path) -> Path:
    """The venv's python with pdfminer.six; the venv is created once and reused."""
    python = venv / "bin" / "python"
    probe = [str(python), "-c", "import pdfminer.high_level"]
    if python.exists() and subprocess.run(probe, capture_output=True, check=False).returncode == 0:
        return python
    base = shutil.which("python3") or sys.executable
    print(f"creating {venv} (once) and installing pdfminer.six into it ...", file=sys.stderr)
    subprocess.run([base, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "pdfminer.six"], check=True)
    return python


def texts_of(pdfs: list[bytes | None], python: Path, folder: Path) -> list[bytes | None]:
    """pdfminer.six's text of each PDF, made once per PDF (kept in ``folder`` by its SHA-256)."""
    folder.mkdir(parents=True, exist_ok=True)
    outs: list[Path | None] = []
    todo: list[str] = []
    for pdf in pdfs:
        if pdf is None:
            outs.append(None)
            continue
        digest = hashlib.sha256(pdf).hexdigest()
        source, out = folder / f"{digest}.pdf", folder / f"{digest}.pdfminer.txt"
        if not out.exists():
            source.write_bytes(pdf)
            todo += [str(source), str(out)]
        outs.append(out)
    if todo:
        print(f"pdfminer.six: {len(todo) // 2} PDF(s) to text ...", file=sys.stderr)
        subprocess.run([str(python), "-c", _EXTRACT, *todo], check=True)
    return [out.read_bytes() if out is not None else None for out in outs]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--sample", type=int, default=240, help="about N filings of all forms")
    ap.add_argument("--show-failures", type=int, default=15)
    ap.add_argument("--venv", type=Path, default=DEFAULT_VENV)
    args = ap.parse_args(argv)
    from tests.rendered.pdf import cache_dir, print_all

    python = ensure_pdfminer(args.venv)
    docs = rendered.documents(rendered.sample(args.sample))
    pdfs = print_all([page for _, _, page in docs], workers=3)
    texts = texts_of(pdfs, python, cache_dir() / "pdfminer")
    rendered.run_format("text-pdfminer", docs, args.show_failures, inputs=texts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
