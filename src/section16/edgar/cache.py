"""A local, content-addressed cache of every raw document fetched from EDGAR.

Layout under the cache folder::

    objects/ab/abcdef...        the bytes, named by their SHA-256 (stored once however many URLs)
    urls/12/1234abcd....json    per URL (named by the SHA-256 of the URL): {"url", "sha256", "etag",
                                "last_modified", "immutable"}

An immutable document (a filing's files, a Feed archive) found here is never fetched again; a mutable
one (an index, a submissions JSON, the Atom feed) is revalidated with ``If-None-Match`` /
``If-Modified-Since`` and a 304 answer is served from here (SEC fair access: "use conditional requests
and local caches; never fetch the same immutable filing twice", spec.md section 6).

Every write is a temporary file renamed into place, so concurrent threads and an interrupted process
leave either the whole entry or none.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

__all__ = ["Cache", "CacheEntry", "default_cache_dir"]


def default_cache_dir() -> Path:
    """``$SECTION16_CACHE``, else ``$XDG_CACHE_HOME/section16/edgar``, else ``~/.cache/section16/edgar``."""
    explicit = os.environ.get("SECTION16_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "section16" / "edgar"


@dataclass(frozen=True, slots=True, kw_only=True)
class CacheEntry:
    """What the cache knows of one URL."""

    url: str
    sha256: str
    etag: str | None = None
    last_modified: str | None = None
    immutable: bool = False


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


class Cache:
    """The cache in folder ``root`` (created when first written)."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)

    def _object(self, sha256: str) -> Path:
        return self.root / "objects" / sha256[:2] / sha256

    def _meta(self, url: str) -> Path:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.root / "urls" / key[:2] / f"{key}.json"

    def entry(self, url: str) -> CacheEntry | None:
        """The entry of ``url`` when its bytes are here too; None otherwise."""
        meta = self._meta(url)
        try:
            raw = json.loads(meta.read_bytes())
            entry = CacheEntry(**raw)
        except (OSError, ValueError, TypeError):
            return None
        return entry if self._object(entry.sha256).is_file() else None

    def read(self, entry: CacheEntry) -> bytes | None:
        """The bytes of ``entry``, None if they are gone or no longer match their hash."""
        try:
            data = self._object(entry.sha256).read_bytes()
        except OSError:
            return None
        return data if hashlib.sha256(data).hexdigest() == entry.sha256 else None

    def get(self, url: str) -> bytes | None:
        """The cached bytes of ``url``, if any."""
        entry = self.entry(url)
        return self.read(entry) if entry is not None else None

    def put(
        self,
        url: str,
        data: bytes,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        immutable: bool = False,
    ) -> CacheEntry:
        """Store ``data`` as the content of ``url`` (the bytes once per hash)."""
        sha = hashlib.sha256(data).hexdigest()
        target = self._object(sha)
        if not target.is_file():
            _write_atomic(target, data)
        entry = CacheEntry(url=url, sha256=sha, etag=etag, last_modified=last_modified, immutable=immutable)
        _write_atomic(self._meta(url), json.dumps(asdict(entry)).encode("utf-8"))
        return entry
