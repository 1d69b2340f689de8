"""The ``section16`` command: a thin face over the library. Each command is a short function over a
library call of the same name; ``Section16Error`` becomes a one-line message and an exit code."""

from __future__ import annotations

import click

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="section16")
def main() -> None:
    """section16: SEC Section 16 insider filings (Forms 3, 4, 5 and amendments)."""


def _register() -> None:
    # Each command lives in its own module; importing it registers it on ``main``.
    from section16.cli import (  # noqa: F401
        export_cmd,
        ingest_cmd,
        parse_cmd,
        reports_cmd,
        serve_cmd,
        sync_cmd,
        synth_cmd,
        validate_cmd,
    )


_register()
