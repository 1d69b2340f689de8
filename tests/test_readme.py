"""The README's documented commands keep working.

Every ``console`` block is run by bash, one command (``$ ...`` line) after another, in a fresh working
folder that has ``../shared`` beside it (as the repository has) and ``.venv/bin`` first on the PATH. Each
command must exit as documented (0, or the code given in a trailing ``# exit N`` comment) and print every
documented output line, in order (a line ``...`` stands for lines left out). Every CLI command appears in
the README with its help text."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from section16.cli import main
from tests.conftest import CORPUS, REPO, SHARED

README = REPO / "README.md"
_BLOCK = re.compile(r"```console\n(.*?)```", re.S)
_EXIT = re.compile(r"\s+# exit (\d+)$")
_MARK = "__section16_readme_exit__="


def blocks() -> list[list[tuple[str, int, list[str]]]]:
    """Each console block: its (command, expected exit code, documented output lines)."""
    out: list[list[tuple[str, int, list[str]]]] = []
    for text in _BLOCK.findall(README.read_text()):
        runs: list[tuple[str, int, list[str]]] = []
        for line in text.splitlines():
            if line.startswith("$ "):
                command, code = line[2:], 0
                match = _EXIT.search(command)
                if match:
                    code, command = int(match[1]), command[: match.start()]
                runs.append((command, code, []))
            elif runs:
                runs[-1][2].append(line)
        out.append(runs)
    return out


def test_readme_opens_with_the_two_commands() -> None:
    first_block = README.read_text().split("```", 2)[1]
    assert "scripts/run" in first_block and "scripts/test" in first_block
    assert "scripts/test" in (REPO / ".ci/run").read_text()


def test_every_command_is_documented_with_help() -> None:
    text = README.read_text()
    for name, command in main.commands.items():
        assert f"section16 {name}" in text, f"`section16 {name}` is not shown in the README"
        assert command.help, f"`section16 {name}` has no help text"


def _run_block(runs: list[tuple[str, int, list[str]]], cwd: Path) -> list[tuple[int, str]]:
    script = ["exec 2>&1"]
    for command, _, _ in runs:
        script.append(command)
        script.append(f'__rc=$?; echo "{_MARK}$__rc"; (exit $__rc)')
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    env["COLUMNS"] = "200"
    # The repository on the import path: the EDGAR example runs the tests' fake EDGAR
    # (python -m tests.edgar.fake_edgar) from the fresh working folder.
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    env["NO_COLOR"] = "1"
    done = subprocess.run(
        ["bash", "-c", "\n".join(script)],
        check=False,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    results: list[tuple[int, str]] = []
    chunk: list[str] = []
    for line in done.stdout.splitlines():
        if line.startswith(_MARK):
            results.append((int(line[len(_MARK) :]), "\n".join(chunk)))
            chunk = []
        else:
            chunk.append(line)
    return results


@pytest.mark.corpus
@pytest.mark.slow
def test_documented_commands_run_as_shown(tmp_path: Path) -> None:
    if not CORPUS.is_dir():
        pytest.skip("the README's examples read ../shared/corpus, which is absent")
    cwd = tmp_path / "work"
    cwd.mkdir()
    (tmp_path / "shared").symlink_to(SHARED)
    for runs in blocks():
        results = _run_block(runs, cwd)
        assert len(results) == len(runs)
        for (command, code, expected), (status, output) in zip(runs, results, strict=True):
            assert status == code, f"$ {command}\nexit {status}, documented {code}:\n{output}"
            actual = [ln.rstrip() for ln in output.splitlines()]
            at = 0
            for want in (ln.rstrip() for ln in expected):
                if not want or want == "...":
                    continue
                while at < len(actual) and actual[at] != want:
                    at += 1
                assert at < len(actual), f"$ {command}\ndocumented line not printed:\n{want}\n---\n{output}"
                at += 1


_PYCON = re.compile(r"```pycon\n(.*?)```", re.S)


@pytest.mark.corpus
def test_documented_python_sessions_run_as_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each ``pycon`` block is a doctest, run in a fresh folder with ``../shared`` beside it."""
    import doctest

    if not CORPUS.is_dir():
        pytest.skip("the README's examples read ../shared/corpus, which is absent")
    cwd = tmp_path / "work"
    cwd.mkdir()
    (tmp_path / "shared").symlink_to(SHARED)
    monkeypatch.chdir(cwd)
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for number, text in enumerate(_PYCON.findall(README.read_text()), 1):
        test = parser.get_doctest(text, {}, f"README pycon block {number}", str(README), 0)
        report: list[str] = []
        result = runner.run(test, out=report.append)
        assert result.failed == 0, f"README pycon block {number} failed:\n{''.join(report)}"
