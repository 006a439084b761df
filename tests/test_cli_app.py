"""The root command: -h alias, --version, the exit-code contract in the help."""

from __future__ import annotations

from typer.testing import CliRunner

from l10n import __version__
from l10n.cli import app

runner = CliRunner()


def test_h_is_an_alias_of_help_for_the_root_and_every_command():
    root = runner.invoke(app, ["-h"])
    assert root.exit_code == 0, root.output
    assert "Usage: l10n" in root.output
    for argv in (["status", "-h"], ["models", "-h"], ["models", "install", "-h"], ["export", "-h"]):
        result = runner.invoke(app, argv)
        assert result.exit_code == 0, (argv, result.output)
        assert "Usage: l10n " + argv[0] in result.output


def test_root_help_documents_exit_codes_and_examples():
    out = runner.invoke(app, ["--help"]).output
    assert "Exit codes:" in out
    assert "1  findings or refusals" in out
    assert "2  user error" in out
    assert "l10n translate" in out and "l10n export --to ru" in out


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"l10n {__version__}"
