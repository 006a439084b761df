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


def _commands():
    import typer.main

    root = typer.main.get_command(app)
    for name, command in root.commands.items():
        subs = getattr(command, "commands", None)
        if subs:
            yield from (([name, sub], cmd) for sub, cmd in subs.items())
        else:
            yield [name], command


def test_help_texts_keep_their_square_brackets():
    """Help is rendered as rich markup: an unescaped '[draft]' vanished from 'l10n check --help'."""
    import re

    for argv, command in _commands():
        texts = [command.help or ""] + [p.help or "" for p in command.params if getattr(p, "help", None)]
        shown = " ".join(runner.invoke(app, [*argv, "--help"], terminal_width=200).output.split())
        for text in texts:
            for token in re.findall(r"\\?\[[a-z]+\]", text):
                assert token.lstrip("\\") in shown, (argv, token)


def test_check_help_names_the_draft_and_stale_marks():
    out = runner.invoke(app, ["check", "--help"], terminal_width=200).output
    assert "marked [draft] or [stale]" in " ".join(out.split())


def test_loading_the_cli_imports_no_library_code_nor_heavy_modules():
    """`l10n --help` stays fast: the commands import the library inside their functions."""
    import subprocess
    import sys

    code = ("import sys, l10n.cli; print(' '.join(sorted(m for m in sys.modules "
            "if m.startswith('l10n.') or m.split('.')[0] in ('polib', 'babel', 'ctranslate2', 'sentencepiece'))))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert "l10n.cli.commands_quality" in loaded
    assert [m for m in loaded if not m.startswith("l10n.cli")] == ["l10n.errors"]
