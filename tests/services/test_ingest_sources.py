"""Which files an ingest of a folder takes, and in what order: the filing files that ``expand_paths``
finds (sorted as paths sort, nothing under a hidden name), then the archives anywhere under the folder."""

from __future__ import annotations

import tarfile
import zipfile
from pathlib import Path

from section16.services.ingest import sources
from section16.services.reading import expand_paths


def _tree(root: Path) -> None:
    for rel in (
        "a/b.xml",
        "a-c.xml",
        "a b/c.md",
        "A/x.TXT",
        "noext",
        "trailing.",
        "s/u.pdf",
        "s/v.json",
        ".hidden/y.xml",
        "d/.e.xml",
    ):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    for rel in ("z/w.Zip", ".hidden/q.zip"):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("m.xml", "<x/>")
    with tarfile.open(root / "t.tar.gz", "w:gz"):
        pass
    (root / "link.xml").symlink_to(root / "a-c.xml")
    (root / "broken.xml").symlink_to(root / "missing")
    (root / "link_dir").symlink_to(root / "a")


def test_a_folder_gives_its_filing_files_in_path_order_then_its_archives(tmp_path: Path) -> None:
    _tree(tmp_path)
    items, errors = sources([tmp_path])
    assert errors == []
    files = [str(p) for p in expand_paths([tmp_path])]
    assert files == [str(tmp_path / r) for r in ("A/x.TXT", "a/b.xml", "a b/c.md", "a-c.xml", "link.xml")] + [
        str(tmp_path / r) for r in ("noext", "s/u.pdf", "trailing.")
    ]
    archive_members = [f"{tmp_path / r}!m.xml" for r in (".hidden/q.zip", "z/w.Zip")]
    assert [item.name for item in items] == files + archive_members
