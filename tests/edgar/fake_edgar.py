"""A local fake EDGAR for the tests: a real HTTP server on 127.0.0.1 (a thread) that serves the corpus'
complete submissions in EDGAR's URL layout (spec.md section 6) and behaves as EDGAR does towards clients.

- ``/Archives/edgar/data/{CIK}/{ACCESSION_NO_DASHES}/{ACCESSION}.txt`` under the issuer's CIK and each
  owner's; ``/files/company_tickers.json``; ``/submissions/CIK##########.json`` (newest first, with older
  filings in ``CIK##########-submissions-001.json`` pages once a CIK has more than ``page_size``);
  quarterly ``full-index/{Y}/QTR{N}/{kind}.idx`` and daily ``daily-index/{Y}/QTR{N}/{kind}.{YYYYMMDD}.idx``
  for ``kind`` form, master and company, each also as ``.idx.gz`` (those named in
  :attr:`FakeEdgar.index_files`, all by default; each filing once under the issuer and once per owner,
  as EDGAR lists them; 404 for a day without filings); the Atom feed of
  ``/cgi-bin/browse-edgar?action=getcurrent`` (the filings in :attr:`FakeEdgar.latest`, one entry per
  party, paged by ``start`` and ``count``); daily ``Feed/{Y}/QTR{N}/{YYYYMMDD}.nc.tar.gz``.
- every 200 answer carries an ``ETag``; a request with a matching ``If-None-Match`` gets 304.
- a request without a User-Agent gets 403; more than 10 requests within one second get 429 with
  ``Retry-After: 1``;
- :meth:`FakeEdgar.inject` queues faults for paths containing a string: ``"503"``, ``"429"``,
  ``"threshold"`` (EDGAR's 403 rate page), ``"reset"`` (connection reset), ``"truncate"`` (half the body
  under the full Content-Length), ``"slow"`` (answers after :attr:`FakeEdgar.slow_seconds`).

Every request is logged (:attr:`FakeEdgar.log`) with its time, path, User-Agent and status.

Run on its own (for the README's example, or to try ``section16 sync`` without the SEC)::

    python -m tests.edgar.fake_edgar --port 8716              # in the foreground, Ctrl-C stops it
    python -m tests.edgar.fake_edgar --port 0 --background    # prints its URL and returns
    python -m tests.edgar.fake_edgar --stop URL               # stops the server at URL
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import os
import socket
import struct
import subprocess
import sys
import tarfile
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

from section16.parse import read_filing

RATE_LIMIT = 10  # requests per second before 429 (SEC fair access)
STOP_PATH = "/_fake/stop"

THRESHOLD_PAGE = (
    b"<html><head><title>SEC.gov | Request Rate Threshold Exceeded</title></head><body>"
    b"<h1>Your Request Originates from an Undeclared Automated Tool</h1>"
    b"<p>Request Rate Threshold Exceeded</p></body></html>"
)
UNDECLARED_PAGE = (
    b"<html><head><title>SEC.gov | Your Request Originates from an Undeclared Automated Tool</title>"
    b"</head><body><p>Please declare your traffic by updating your user agent.</p></body></html>"
)


@dataclass(frozen=True, slots=True)
class CorpusFiling:
    """One corpus submission as the fake serves it."""

    accession: str
    form: str
    filed: date
    issuer_cik: str
    issuer_name: str
    ticker: str | None
    owners: tuple[tuple[str, str], ...]  # (cik, name)
    data: bytes
    path: Path

    @property
    def ciks(self) -> tuple[str, ...]:
        return (self.issuer_cik, *(cik for cik, _ in self.owners))

    def text_path(self, cik: str) -> str:
        return f"/Archives/edgar/data/{cik}/{self.accession.replace('-', '')}/{self.accession}.txt"


def load_corpus(folder: Path) -> list[CorpusFiling]:
    """Every ``.txt`` submission of ``folder`` with an accession number, an issuer and a filing date."""
    out: list[CorpusFiling] = []
    seen: set[str] = set()
    for path in sorted(folder.glob("*.txt")):
        data = path.read_bytes()
        try:
            filing = read_filing(data, name=str(path))
        except Exception:
            continue
        header = filing.header
        if header is None or filing.accession_number is None or filing.accession_number in seen:
            continue
        issuer = header.issuer
        if issuer is None or not issuer.cik or header.filed_as_of_date is None or not header.submission_type:
            continue
        ticker = None
        if filing.document is not None:
            ticker = filing.document.issuer.issuer_trading_symbol
        owners = tuple(
            (str(int(o.cik)), o.conformed_name or "")
            for o in header.reporting_owners
            if o.cik and o.cik.isdigit()
        )
        seen.add(filing.accession_number)
        out.append(
            CorpusFiling(
                accession=filing.accession_number,
                form=header.submission_type,
                filed=header.filed_as_of_date,
                issuer_cik=str(int(issuer.cik)),
                issuer_name=issuer.conformed_name or "",
                ticker=(ticker or "").strip().upper() or None,
                owners=owners,
                data=data,
                path=path,
            )
        )
    return out


@dataclass
class LogEntry:
    at: float
    path: str
    user_agent: str | None
    status: int


@dataclass
class FakeEdgar:
    """The server's state; :func:`start` runs it. Thread-safe where the handler threads touch it."""

    filings: list[CorpusFiling]
    page_size: int = 40
    rate_limit: int | None = RATE_LIMIT  # None: no 429 (the benchmark's unthrottled run)
    slow_seconds: float = 1.0
    latest: list[str] = field(default_factory=list)  # accessions of the Atom feed, newest first
    standalone: bool = False  # run by main(): POST /_fake/stop stops it
    index_files: frozenset[str] | None = None  # e.g. {"form.idx", "master.idx.gz"}; None: all six
    last_request: float = field(default_factory=time.monotonic)
    log: list[LogEntry] = field(default_factory=list)
    base_url: str = ""
    _faults: dict[str, deque[str]] = field(default_factory=lambda: defaultdict(deque))
    _recent: deque[float] = field(default_factory=deque)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: ThreadingHTTPServer | None = None

    # -- set-up ------------------------------------------------------------------------------------
    def inject(self, path_contains: str, *faults: str) -> None:
        """Queue ``faults`` for the next requests whose path contains ``path_contains``."""
        with self._lock:
            self._faults[path_contains].extend(faults)

    def by_accession(self) -> dict[str, CorpusFiling]:
        return {f.accession: f for f in self.filings}

    def for_cik(self, cik: str) -> list[CorpusFiling]:
        found = [f for f in self.filings if cik in f.ciks]
        return sorted(found, key=lambda f: (f.filed, f.accession), reverse=True)

    def tickers(self) -> dict[str, str]:
        table: dict[str, str] = {}
        for f in self.filings:
            if f.ticker:
                table.setdefault(f.ticker, f.issuer_cik)
        return table

    # -- observations ------------------------------------------------------------------------------
    def requests_to(self, contains: str) -> list[LogEntry]:
        with self._lock:
            return [e for e in self.log if contains in e.path]

    def max_per_second(self) -> int:
        """The most requests the server received within any one second."""
        with self._lock:
            times = sorted(e.at for e in self.log)
        best, start = 0, 0
        for end, moment in enumerate(times):
            while moment - times[start] >= 1.0:
                start += 1
            best = max(best, end - start + 1)
        return best

    def statuses(self) -> list[int]:
        with self._lock:
            return [e.status for e in self.log]

    # -- the handler's side --------------------------------------------------------------------------
    def _take_fault(self, path: str) -> str | None:
        with self._lock:
            for key, queue in self._faults.items():
                if key in path and queue:
                    return queue.popleft()
        return None

    def _over_limit(self, now: float) -> bool:
        with self._lock:
            self._recent.append(now)
            while self._recent and now - self._recent[0] >= 1.0:
                self._recent.popleft()
            return self.rate_limit is not None and len(self._recent) > self.rate_limit

    def _record(self, at: float, path: str, agent: str | None, status: int) -> None:
        with self._lock:
            self.log.append(LogEntry(at, path, agent, status))

    def route(self, path: str) -> tuple[int, bytes, str]:
        """Status, body and content type for ``path`` (no faults, no limits)."""
        url = urlsplit(path)
        parts = url.path.strip("/").split("/")
        if url.path == "/files/company_tickers.json":
            rows = {
                str(i): {"cik_str": int(cik), "ticker": t, "title": t}
                for i, (t, cik) in enumerate(self.tickers().items())
            }
            return 200, json.dumps(rows).encode(), "application/json"
        if url.path.startswith("/submissions/"):
            return self._submissions(parts[-1])
        if url.path.startswith("/Archives/edgar/data/") and len(parts) == 6:
            cik, folder, name = parts[3], parts[4], parts[5]
            filing = self.by_accession().get(name.removesuffix(".txt"))
            if filing and cik in filing.ciks and folder == filing.accession.replace("-", ""):
                return 200, filing.data, "text/plain"
            return 404, b"Not Found", "text/plain"
        if url.path.startswith("/Archives/edgar/full-index/") and len(parts) == 6:
            kind, gz = _index_name(parts[-1], daily=False)
            if kind is None or not self._serves(kind, gz):
                return 404, b"Not Found", "text/plain"
            year, qtr = int(parts[3]), int(parts[4].removeprefix("QTR"))
            rows = [f for f in self.filings if f.filed.year == year and (f.filed.month - 1) // 3 + 1 == qtr]
            return 200, _maybe_gz(self._index(rows, kind, quarterly=True), gz), _index_type(gz)
        if url.path.startswith("/Archives/edgar/daily-index/") and len(parts) == 6:
            kind, gz = _index_name(parts[-1], daily=True)
            if kind is None or not self._serves(kind, gz):
                return 404, b"Not Found", "text/plain"
            day = date.fromisoformat(_iso(parts[-1].split(".")[1]))
            rows = [f for f in self.filings if f.filed == day]
            if not rows:
                return 404, b"Not Found", "text/plain"
            return 200, _maybe_gz(self._index(rows, kind, quarterly=False), gz), _index_type(gz)
        if url.path.startswith("/Archives/edgar/Feed/") and parts[-1].endswith(".nc.tar.gz"):
            day = date.fromisoformat(_iso(parts[-1].split(".")[0]))
            rows = [f for f in self.filings if f.filed == day]
            if not rows:
                return 404, b"Not Found", "text/plain"
            return 200, _tar_gz([(f"{f.accession}.nc", f.data) for f in rows]), "application/x-gzip"
        if url.path == "/cgi-bin/browse-edgar":
            query = parse_qs(url.query)
            if query.get("action") == ["getcurrent"] and query.get("output") == ["atom"]:
                start = int(query.get("start", ["0"])[0] or 0)
                count = int(query.get("count", ["40"])[0] or 40)
                feed = self._atom(query.get("type", [""])[0], start=start, count=count)
                return 200, feed, "application/atom+xml"
        return 404, b"Not Found", "text/plain"

    def _submissions(self, name: str) -> tuple[int, bytes, str]:
        if not name.startswith("CIK") or not name.endswith(".json"):
            return 404, b"Not Found", "text/plain"
        cik = str(int(name[3:13]))
        rows = self.for_cik(cik)
        if not rows:
            return 404, b"Not Found", "text/plain"
        recent, older = rows[: self.page_size], rows[self.page_size :]
        page_name = f"CIK{int(cik):010d}-submissions-001.json"
        if name.endswith("-submissions-001.json"):
            return (
                (200, json.dumps(_columns(older)).encode(), "application/json") if older else (404, b"", "")
            )
        files = (
            [
                {
                    "name": page_name,
                    "filingCount": len(older),
                    "filingFrom": older[-1].filed.isoformat(),
                    "filingTo": older[0].filed.isoformat(),
                }
            ]
            if older
            else []
        )
        payload = {
            "cik": cik,
            "name": rows[0].issuer_name if rows[0].issuer_cik == cik else dict(rows[0].owners).get(cik, ""),
            "tickers": [t for t, c in self.tickers().items() if c == cik],
            "filings": {"recent": _columns(recent), "files": files},
        }
        return 200, json.dumps(payload).encode(), "application/json"

    def _serves(self, kind: str, gz: bool) -> bool:
        return self.index_files is None or f"{kind}.idx{'.gz' if gz else ''}" in self.index_files

    def _index(self, rows: list[CorpusFiling], kind: str, *, quarterly: bool) -> bytes:
        """An index file in EDGAR's layout of ``kind`` (form, master or company)."""
        scope = "Master Index" if quarterly else "Daily Index"
        by = {"form": " by Form Type", "company": " by Company Name", "master": ""}[kind]
        lines = [
            f"Description:           {scope} of EDGAR Dissemination Feed{by}",
            "Last Data Received:    (fake EDGAR)",
            "Comments:              webmaster@sec.gov",
            "Anonymous FTP:         ftp://ftp.sec.gov/edgar/",
            " ",
            " ",
        ]
        if kind == "master":
            lines += ["CIK|Company Name|Form Type|Date Filed|Filename", "-" * 80]
        elif kind == "form":
            lines += [
                f"{'Form Type':<12}{'Company Name':<62}{'CIK':<12}{'Date Filed':<12}File Name",
                "-" * 141,
            ]
        else:
            lines += [
                f"{'Company Name':<62}{'Form Type':<12}{'CIK':<12}{'Date Filed':<12}File Name",
                "-" * 141,
            ]
        listed: list[tuple[str, str, str, CorpusFiling]] = []
        for f in rows:
            listed.append((f.form, f.issuer_name, f.issuer_cik, f))
            listed.extend((f.form, name, cik, f) for cik, name in f.owners)
        order = (
            (lambda r: (r[1], r[0], r[3].accession))
            if kind == "company"
            else (lambda r: (r[0], r[1], r[3].accession))
        )
        if kind == "master":
            order = lambda r: (int(r[2]), r[3].accession)  # noqa: E731
        for form, name, cik, f in sorted(listed, key=order):
            file = f"edgar/data/{cik}/{f.accession}.txt"
            if kind == "master":
                day = f.filed.isoformat() if quarterly else f.filed.strftime("%Y%m%d")
                lines.append(f"{cik}|{name}|{form}|{day}|{file}")
                continue
            day = f.filed.strftime("%Y%m%d")
            if kind == "form":
                lines.append(f"{form:<12}{name[:60]:<62}{cik:<12}{day:<12}{file}")
            else:
                lines.append(f"{name[:60]:<62}{form:<12}{cik:<12}{day:<12}{file}")
        return ("\n".join(lines) + "\n").encode("ascii", "replace")

    def _atom(self, form: str, *, start: int = 0, count: int = 40) -> bytes:
        table = self.by_accession()
        entries = []
        for accession in self.latest:
            f = table.get(accession)
            if f is None or (form and f.form.removesuffix("/A") != form):
                continue
            parties = [(f.issuer_cik, f.issuer_name, "Issuer"), *((c, n, "Reporting") for c, n in f.owners)]
            for cik, name, role in parties:
                folder = f"{self.base_url}/Archives/edgar/data/{cik}/{f.accession.replace('-', '')}"
                href = f"{folder}/{f.accession}-index.htm"
                entries.append(
                    "<entry>"
                    f"<title>{escape(f.form)} - {escape(name)} ({int(cik):010d}) ({role})</title>"
                    f'<link rel="alternate" type="text/html" href="{escape(href)}"/>'
                    f'<summary type="html">Filed: {f.filed} AccNo: {f.accession}</summary>'
                    f"<updated>{f.filed.isoformat()}T17:00:00-05:00</updated>"
                    f'<category scheme="https://www.sec.gov/" label="form type" term="{escape(f.form)}"/>'
                    f"<id>urn:tag:sec.gov,2008:accession-number={f.accession}</id>"
                    "</entry>"
                )
        entries = entries[start : start + count]
        feed = (
            '<?xml version="1.0" encoding="ISO-8859-1" ?>'
            '<feed xmlns="http://www.w3.org/2005/Atom"><title>Latest Filings</title>'
            f"<updated>2024-01-01T00:00:00-05:00</updated>{''.join(entries)}</feed>"
        )
        return feed.encode("latin-1", "replace")

    # -- running -------------------------------------------------------------------------------------
    def start(self, port: int = 0) -> FakeEdgar:
        server = ThreadingHTTPServer(("127.0.0.1", port), _handler_for(self))
        server.daemon_threads = True
        self._server = server
        self.base_url = f"http://127.0.0.1:{server.server_address[1]}"
        threading.Thread(target=server.serve_forever, name="fake-edgar", daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


def _index_name(name: str, *, daily: bool) -> tuple[str | None, bool]:
    """(kind, gzipped) of ``form.idx``, ``master.20200303.idx.gz``...; (None, False) for another name."""
    gz = name.endswith(".gz")
    parts = name.removesuffix(".gz").split(".")
    if parts[-1] != "idx" or parts[0] not in ("form", "master", "company"):
        return None, False
    if len(parts) != (3 if daily else 2) or (daily and not (parts[1].isdigit() and len(parts[1]) == 8)):
        return None, False
    return parts[0], gz


def _maybe_gz(data: bytes, gz: bool) -> bytes:
    return gzip.compress(data, mtime=0) if gz else data


def _index_type(gz: bool) -> str:
    return "application/x-gzip" if gz else "text/plain"


def _iso(digits: str) -> str:
    return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}"


def _columns(rows: list[CorpusFiling]) -> dict[str, list[str]]:
    return {
        "accessionNumber": [f.accession for f in rows],
        "filingDate": [f.filed.isoformat() for f in rows],
        "reportDate": ["" for _ in rows],
        "acceptanceDateTime": [f"{f.filed.isoformat()}T17:00:00.000Z" for f in rows],
        "form": [f.form for f in rows],
        "primaryDocument": [f"{f.accession}.txt" for f in rows],
    }


def _tar_gz(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 0
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _handler_for(fake: FakeEdgar) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet
            return

        def _send(self, status: int, body: bytes, ctype: str, extra: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype or "text/plain")
            self.send_header("Content-Length", str(len(body)))
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:  # the stand-alone server's stop request (--stop URL)
            if self.path == STOP_PATH and fake.standalone:
                self._send(200, b"stopping", "text/plain")
                threading.Thread(target=fake.stop, daemon=True).start()
                return
            self._send(405, b"Method Not Allowed", "text/plain")

        def do_GET(self) -> None:
            now = time.monotonic()
            fake.last_request = now
            agent = self.headers.get("User-Agent")
            path = self.path
            if not agent:
                fake._record(now, path, agent, 403)
                self._send(403, UNDECLARED_PAGE, "text/html")
                return
            if fake._over_limit(now):
                fake._record(now, path, agent, 429)
                self._send(429, b"Too Many Requests", "text/plain", {"Retry-After": "1"})
                return
            fault = fake._take_fault(path)
            status, body, ctype = fake.route(path)
            if fault in ("503", "429"):
                fake._record(now, path, agent, int(fault))
                self._send(int(fault), b"Service Unavailable", "text/plain", {"Retry-After": "0"})
                return
            if fault == "threshold":
                fake._record(now, path, agent, 403)
                self._send(403, THRESHOLD_PAGE, "text/html", {"Retry-After": "0"})
                return
            if fault == "reset":
                fake._record(now, path, agent, 0)
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.connection.close()
                self.close_connection = True
                return
            if fault == "truncate":
                fake._record(now, path, agent, -status)
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            if fault == "slow":
                time.sleep(fake.slow_seconds)
            if status == 200:
                etag = f'"{hashlib.sha256(body).hexdigest()[:20]}"'
                if self.headers.get("If-None-Match") == etag:
                    fake._record(now, path, agent, 304)
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                fake._record(now, path, agent, status)
                self._send(status, body, ctype, {"ETag": etag})
                return
            fake._record(now, path, agent, status)
            self._send(status, body, ctype)

    return Handler


# -- stand-alone ------------------------------------------------------------------------------------


def _serve(port: int, idle: float, latest: int, quiet: bool) -> int:
    from tests.conftest import CORPUS

    fake = FakeEdgar(load_corpus(CORPUS / "submissions"), page_size=40, standalone=True)
    newest = sorted(fake.filings, key=lambda f: (f.filed, f.accession), reverse=True)[:latest]
    fake.latest = [f.accession for f in newest]
    fake.start(port)
    server = fake._server
    print(f"fake EDGAR: {len(fake.filings)} filings at {fake.base_url}", flush=True)
    if quiet:  # the --background parent has read the line above; nothing else may reach its pipe
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    try:
        while fake._server is server:
            time.sleep(0.2)
            if idle and time.monotonic() - fake.last_request > idle:
                fake.stop()
    except KeyboardInterrupt:
        fake.stop()
    return 0


def _background(port: int, idle: float, latest: int) -> int:
    """Start the server as its own process, print its first line (with the URL), and return."""
    command = [sys.executable, "-m", "tests.edgar.fake_edgar", "--port", str(port), "--idle", str(idle)]
    command += ["--latest", str(latest)]
    child = subprocess.Popen(
        [*command, "--quiet-after-start"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert child.stdout is not None
    line = child.stdout.readline().decode().strip()
    child.stdout.close()
    if not line:
        print(f"fake EDGAR did not start (exit code {child.wait()})", file=sys.stderr)
        return 1
    print(line.rsplit(" at ", 1)[-1])
    count = line.split(" at ", 1)[0]
    print(f"{count}; stop it with --stop URL", file=sys.stderr)
    return 0


def _stop(url: str) -> int:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url.rstrip("/") + STOP_PATH, method="POST", data=b"")
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:
            answer.read()
    except (urllib.error.URLError, OSError) as exc:
        print(f"{url}: no fake EDGAR to stop ({exc})", file=sys.stderr)
        return 1
    print("fake EDGAR stopped")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.edgar.fake_edgar",
        description="Serve the corpus' submissions in EDGAR's URL layout on 127.0.0.1 (the tests' fake).",
    )
    parser.add_argument("--port", type=int, default=8716, help="port on 127.0.0.1 (0: any free port)")
    parser.add_argument("--background", action="store_true", help="run as a separate process; print its URL")
    parser.add_argument(
        "--idle", type=float, default=600.0, help="stop after this many idle seconds (0: never)"
    )
    parser.add_argument("--latest", type=int, default=5, help="the newest N filings form the Atom feed")
    parser.add_argument("--stop", metavar="URL", help="stop the fake EDGAR serving at URL")
    parser.add_argument("--quiet-after-start", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stop:
        return _stop(args.stop)
    if args.background:
        return _background(args.port, args.idle, args.latest)
    return _serve(args.port, args.idle, args.latest, args.quiet_after_start)


if __name__ == "__main__":
    sys.exit(main())
