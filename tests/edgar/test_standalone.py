"""The fake EDGAR run on its own (``python -m tests.edgar.fake_edgar``), as the README's example runs it:
--background prints a URL that serves EDGAR's layout, --stop stops it."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request

from tests.conftest import REPO, require_corpus


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "tests.edgar.fake_edgar", *args]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120, check=False)


def test_background_then_stop():
    require_corpus()
    started = _run("--port", "0", "--background", "--latest", "3")
    assert started.returncode == 0, started.stderr
    url = started.stdout.strip()
    assert url.startswith("http://127.0.0.1:") and "filings; stop it with --stop URL" in started.stderr
    request = urllib.request.Request(f"{url}/files/company_tickers.json", headers={"User-Agent": "t t@e.com"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert b'"AAPL"' in answer.read()
    atom = urllib.request.Request(
        f"{url}/cgi-bin/browse-edgar?action=getcurrent&type=4&count=100&output=atom",
        headers={"User-Agent": "t t@e.com"},
    )
    with urllib.request.urlopen(atom, timeout=10) as answer:
        assert answer.read().count(b"<entry>") >= 3
    stopped = _run("--stop", url)
    assert stopped.returncode == 0 and stopped.stdout.strip() == "fake EDGAR stopped"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(request, timeout=1).close()
        except (urllib.error.URLError, OSError):
            break
        time.sleep(0.2)
    else:
        raise AssertionError(f"{url} still answers after --stop")
    assert _run("--stop", url).returncode == 1  # nothing left to stop
