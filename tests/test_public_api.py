"""The public API in ``section16.__all__`` is complete: the model, the errors, and a library function
for every CLI command (STYLE.md: each command is a thin face over a library call)."""

from __future__ import annotations

import section16
import section16.errors
import section16.model
from section16.cli import main

# CLI command -> its library function, where the names differ.
LIBRARY_OF_COMMAND = {
    "cluster-buys": "cluster_buys",
    "net-activity": "net_activity",
    "late": "late_filings",
    "deadline": "filing_deadline",
    "validate": "validate_paths",
    "synth": "synthesize",
    "serve": "create_app",
}


def test_every_public_name_resolves() -> None:
    for name in section16.__all__:
        assert getattr(section16, name) is not None, name


def test_all_is_sorted_and_unique() -> None:
    assert len(set(section16.__all__)) == len(section16.__all__)
    assert list(section16.__all__) == sorted(section16.__all__, key=lambda n: (not n[0].isupper(), n))


def test_model_and_errors_are_public() -> None:
    missing = (set(section16.model.__all__) | set(section16.errors.__all__)) - set(section16.__all__)
    assert missing <= {"DerivativeRow", "NonDerivativeRow"}, missing  # type aliases stay in section16.model


def test_every_command_has_a_library_function() -> None:
    for command in main.commands:
        name = LIBRARY_OF_COMMAND.get(command, command.replace("-", "_"))
        assert name in section16.__all__, f"`section16 {command}` has no section16.{name}"
        assert callable(getattr(section16, name))


def test_unknown_attribute_is_an_attribute_error() -> None:
    try:
        section16.no_such_thing  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:
        raise AssertionError("expected AttributeError")
