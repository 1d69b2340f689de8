"""The README's documented commands keep working: every ``$ section16 ...`` line in a ``console`` block
is run, in order, from the repository root; it must exit as documented (0, or the code given in a
``# exit N`` comment) and print every documented output line (a line ``...`` stands for lines left
out). Every CLI command appears in the README with its help text."""

from __future__ import annotations

import re
import shlex

import pytest
from click.testing import CliRunner

from section16.cli import main
from tests.conftest import CORPUS, REPO

README = REPO / "README.md"
_BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def documented_runs() -> list[tuple[str, int, list[str]]]:
    """(command, expected exit code, documented output lines) in README order."""
    runs: list[tuple[str, int, list[str]]] = []
    for block in _BLOCK.findall(README.read_text()):
        current: tuple[str, int, list[str]] | None = None
        for line in block.splitlines():
            if line.startswith("$ "):
                command = line[2:]
                code = 0
                match = re.search(r"\s+# exit (\d+)$", command)
                if match:
                    code = int(match[1])
                    command = command[: match.start()]
                current = (command, code, [])
                runs.append(current)
            elif current is not None:
                current[2].append(line)
    return runs


def test_readme_opens_with_the_two_commands() -> None:
    text = README.read_text()
    first_block = text.split("```", 2)[1]
    assert "scripts/run" in first_block and "scripts/test" in first_block
    assert (REPO / ".ci/run").read_text().count("scripts/test") == 1


def test_every_command_is_documented_with_help() -> None:
    text = README.read_text()
    for name, command in main.commands.items():
        assert f"section16 {name}" in text, f"`section16 {name}` is not shown in the README"
        assert command.help, f"`section16 {name}` has no help text"


@pytest.mark.corpus
def test_documented_commands_run_as_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    if not CORPUS.is_dir():
        pytest.skip("the README's examples read ../shared/corpus, which is absent")
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("COLUMNS", "200")
    runner = CliRunner()
    runs = [r for r in documented_runs() if r[0].startswith("section16 ")]
    assert runs, "the README shows no section16 command"
    for command, code, expected in runs:
        args = shlex.split(command)[1:]
        result = runner.invoke(main, args, catch_exceptions=False)
        assert result.exit_code == code, f"{command}: exit {result.exit_code}\n{result.output}"
        actual = [ln.rstrip() for ln in result.output.splitlines()]
        at = 0
        for want in (ln.rstrip() for ln in expected):
            if not want or want == "...":
                continue
            while at < len(actual) and actual[at] != want:
                at += 1
            assert at < len(actual), f"{command}: documented line not printed:\n{want}\n---\n{result.output}"
            at += 1


def test_documented_paths_exist() -> None:
    for command, _, _ in documented_runs():
        for word in shlex.split(command):
            if word.startswith("../shared/"):
                path = (REPO / word).resolve()
                if CORPUS.is_dir():
                    assert path.exists(), f"README names {word}, which does not exist"
