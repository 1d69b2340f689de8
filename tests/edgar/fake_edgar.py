"""A local fake EDGAR for the tests: a real HTTP server on 127.0.0.1 (a thread) that serves the corpus'
complete submissions in EDGAR's URL layout (spec.md section 6) and behaves as EDGAR does towards clients.

- ``/Archives/edgar/data/{CIK}/{ACCESSION_NO_DASHES}/{ACCESSION}.txt`` under the issuer's CIK and each
  owner's; ``/files/company_tickers.json``; ``/submissions/CIK##########.json`` (newest first, with older
  filings in ``CIK##########-submissions-001.json`` pages once a CIK has more than ``page_size``);
  quarterly ``full-index/{Y}/QTR{N}/form.idx`` and daily ``daily-index/{Y}/QTR{N}/form.{YYYYMMDD}.idx``
  (each filing once under the issuer and once per owner, as EDGAR lists them; 404 for a day without
  filings); the Atom feed of ``/cgi-bin/browse-edgar?action=getcurrent`` (the filings in
  :attr:`FakeEdgar.latest`, one entry per party); daily ``Feed/{Y}/QTR{N}/{YYYYMMDD}.nc.tar.gz``.
- a request without a User-Agent gets 403; more than 10 requests within one second get 429 with
  ``Retry-After: 1``;
- :meth:`FakeEdgar.inject` queues faults for paths containing a string: ``"503"``, ``"429"``,
  ``"threshold"`` (EDGAR's 403 rate page), ``"reset"`` (connection reset), ``"truncate"`` (half the body
  under the full Content-Length), ``"slow"`` (answers after :attr:`FakeEdgar.slow_seconds`).

Every request is logged (:attr:`FakeEdgar.log`) with its time, path, User-Agent and status.
"""

from __future__ import annotations

import io
import json
import socket
import struct
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
        if url.path.startswith("/Archives/edgar/full-index/") and parts[-1] == "form.idx":
            year, qtr = int(parts[3]), int(parts[4].removeprefix("QTR"))
            rows = [f for f in self.filings if f.filed.year == year and (f.filed.month - 1) // 3 + 1 == qtr]
            return 200, self._form_idx(rows, quarterly=True), "text/plain"
        if url.path.startswith("/Archives/edgar/daily-index/") and parts[-1].startswith("form."):
            day = date.fromisoformat(_iso(parts[-1].split(".")[1]))
            rows = [f for f in self.filings if f.filed == day]
            if not rows:
                return 404, b"Not Found", "text/plain"
            return 200, self._form_idx(rows, quarterly=False), "text/plain"
        if url.path.startswith("/Archives/edgar/Feed/") and parts[-1].endswith(".nc.tar.gz"):
            day = date.fromisoformat(_iso(parts[-1].split(".")[0]))
            rows = [f for f in self.filings if f.filed == day]
            if not rows:
                return 404, b"Not Found", "text/plain"
            return 200, _tar_gz([(f"{f.accession}.nc", f.data) for f in rows]), "application/x-gzip"
        if url.path == "/cgi-bin/browse-edgar":
            query = parse_qs(url.query)
            if query.get("action") == ["getcurrent"] and query.get("output") == ["atom"]:
                return 200, self._atom(query.get("type", [""])[0]), "application/atom+xml"
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

    def _form_idx(self, rows: list[CorpusFiling], *, quarterly: bool) -> bytes:
        kind = "Master Index" if quarterly else "Daily Index"
        lines = [
            f"Description:           {kind} of EDGAR Dissemination Feed by Form Type",
            "Last Data Received:    (fake EDGAR)",
            "Comments:              webmaster@sec.gov",
            "Anonymous FTP:         ftp://ftp.sec.gov/edgar/",
            " ",
            " ",
            f"{'Form Type':<12}{'Company Name':<62}{'CIK':<12}{'Date Filed':<12}File Name",
            "-" * 141,
        ]
        listed: list[tuple[str, str, str, CorpusFiling]] = []
        for f in rows:
            listed.append((f.form, f.issuer_name, f.issuer_cik, f))
            listed.extend((f.form, name, cik, f) for cik, name in f.owners)
        for form, name, cik, f in sorted(listed, key=lambda r: (r[0], r[1], r[3].accession)):
            day = f.filed.strftime("%Y%m%d")
            lines.append(f"{form:<12}{name[:60]:<62}{cik:<12}{day:<12}edgar/data/{cik}/{f.accession}.txt")
        return ("\n".join(lines) + "\n").encode("ascii", "replace")

    def _atom(self, form: str) -> bytes:
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
        feed = (
            '<?xml version="1.0" encoding="ISO-8859-1" ?>'
            '<feed xmlns="http://www.w3.org/2005/Atom"><title>Latest Filings</title>'
            f"<updated>2024-01-01T00:00:00-05:00</updated>{''.join(entries)}</feed>"
        )
        return feed.encode("latin-1", "replace")

    # -- running -------------------------------------------------------------------------------------
    def start(self) -> FakeEdgar:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
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

        def do_GET(self) -> None:
            now = time.monotonic()
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
            fake._record(now, path, agent, status)
            self._send(status, body, ctype)

    return Handler
