"""How ingest opens its sources: a file's bytes read whole whatever its size (also a file without a size,
a named pipe), and a path that is not there reported by name as not found."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from section16.errors import NotFound
from section16.services.ingest import sources


@pytest.mark.parametrize("size", [0, 1, 4095, 65536, 65537, 3_000_001])
def test_a_file_is_read_whole(tmp_path: Path, size: int) -> None:
    data = bytes((i * 7 + 3) % 251 for i in range(size))
    path = tmp_path / "f.xml"
    path.write_bytes(data)
    items, errors = sources([path])
    assert not errors and [i.name for i in items] == [str(path)]
    assert items[0].load() == data


def test_a_named_pipe_is_read_to_its_end(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.xml"
    os.mkfifo(fifo)
    data = b"<ownershipDocument>" + b"x" * 200_000 + b"</ownershipDocument>"

    def write() -> None:
        with open(fifo, "wb") as out:
            out.write(data)

    writer = threading.Thread(target=write)
    writer.start()
    items, _ = sources([fifo])
    try:
        assert items[0].load() == data
    finally:
        writer.join()


def test_missing_paths_are_reported_by_name(tmp_path: Path) -> None:
    missing = tmp_path / "nope.xml"
    under_a_file = tmp_path / "file.xml" / "inside.xml"  # ENOTDIR
    (tmp_path / "file.xml").write_bytes(b"<x/>")
    items, errors = sources([missing, under_a_file])
    assert items == []
    assert [str(e) for e in errors] == [
        f"{missing}: no such file or folder",
        f"{under_a_file}: no such file or folder",
    ]
    assert all(isinstance(e.error, NotFound) for e in errors)


def test_a_file_gone_before_it_is_read_is_not_found(tmp_path: Path) -> None:
    path = tmp_path / "gone.xml"
    path.write_bytes(b"<x/>")
    items, _ = sources([path])
    path.unlink()
    with pytest.raises(NotFound, match=r"gone\.xml: no such file"):
        items[0].load()
