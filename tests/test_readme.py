"""The README cannot drift from the CLI: every `l10n` command line it shows names a
real command, and every option it uses is one that command accepts."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from l10n.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"


def _readme_command_lines() -> list[str]:
    """`l10n ...` invocations in the README's fenced shell blocks, comments and chains cut off."""
    lines: list[str] = []
    in_block = False
    for raw in README.read_text(encoding="utf-8").splitlines():
        if raw.startswith("```"):
            in_block = raw.strip() in ("```sh", "```bash") if not in_block else False
            continue
        if not in_block:
            continue
        for part in raw.split("&&"):
            part = part.split("  #")[0].strip()
            match = re.search(r"(?:^|\s)l10n\s+(.*)$", part)
            if match and not part.startswith("#"):
                lines.append(match.group(1).strip())
    return lines


COMMAND_LINES = _readme_command_lines()


def test_the_readme_shows_the_commands():
    shown = {line.split()[0] for line in COMMAND_LINES if line}
    assert {"demo", "translate", "status", "check", "export", "compile", "models", "segment"} <= shown


@pytest.mark.parametrize("line", COMMAND_LINES)
def test_readme_command_line_matches_the_cli(line):
    tokens = shlex.split(line)
    group = typer.main.get_command(app)
    path: list[str] = []
    while tokens and hasattr(group, "commands") and tokens[0] in group.commands:
        path.append(tokens[0])
        group = group.commands[tokens.pop(0)]
    if not path and tokens == ["--help"]:
        return
    assert path, f"README line names no l10n command: l10n {line}"
    result = CliRunner().invoke(app, [*path, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    options = [t.split("=")[0] for t in tokens if t.startswith("-")]
    for option in options:
        assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", result.output), (
            f"`l10n {' '.join(path)}` has no option {option} (README: l10n {line})"
        )
