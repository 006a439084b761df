"""Command-line interface: a thin layer over the library.

Each ``commands_*`` module registers its commands on the shared ``app``.
"""

from __future__ import annotations

# Importing the command modules registers their commands.
from l10n.cli import (  # noqa: E402,F401
    commands_catalog,
    commands_memory,
    commands_models,
    commands_postedit,
    commands_quality,
    commands_review,
    commands_segment,
)
from l10n.cli._app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
