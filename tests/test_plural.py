"""Plural-Forms is validated with msgfmt's grammar; GNU msgfmt is the oracle for every case."""

from __future__ import annotations

import subprocess

import pytest

from l10n.catalog.plural import PluralError, check_plural_forms, evaluate, parse_plural
from l10n.catalog.reader import parse_po
from l10n.errors import L10nError

CASES = [
    "nplurals=2; plural=(n != 1);",
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "nplurals=1; plural=0;",
    "nplurals=2; plural=n>1",
    "nplurals = 2 ; plural = ( n > 1 ) ;",
    "nplurals=2; plural=n>1; extra",
    "nplurals=2;",
    "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;",
    "nplurals=2; plural=!(n==1);",
    "nplurals=2; plural=(__import__('os').system('id'));",
    "nplurals=2; plural=-n;",
    "nplurals=2; plural=n/0;",
    "nplurals=2; plural=n%(n-n);",
    "nplurals=2; plural=n;",
    "nplurals=2; plural=n-1;",
    "nplurals=2; plural=(n>1;",
    "nplurals=2; plural=n>1);",
    "nplurals=2; plural=n ? : 1;",
    "nplurals=2; plural=x>1;",
    "nplurals=2; plural='1';",
    "nplurals=2; plural=" + "(" * 30 + "n>1" + ")" * 30 + ";",
    "nplurals=0; plural=0;",
]


def _catalog(forms: str) -> str:
    return (f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: {forms}\\n"\n\n'
            'msgid "a"\nmsgstr "b"\n')


def _msgfmt_accepts(msgfmt, tmp_path, forms: str) -> bool:
    path = tmp_path / "p.po"
    path.write_text(_catalog(forms), encoding="utf-8")
    proc = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True,
                          env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"})
    errors = [line for line in proc.stderr.splitlines() if "warning:" not in line and line.strip()]
    return proc.returncode == 0 and not errors


@pytest.mark.parametrize("forms", CASES)
def test_we_accept_exactly_what_msgfmt_accepts(msgfmt, tmp_path, forms):
    expected = _msgfmt_accepts(msgfmt, tmp_path, forms)
    try:
        parse_po(_catalog(forms), "p.po")
        ours = True
    except L10nError as err:
        ours = False
        assert str(err).startswith("p.po:1: "), str(err)  # the header entry's line
    assert ours == expected, f"msgfmt {'accepts' if expected else 'rejects'} {forms!r}"


def test_the_python_payload_is_never_evaluated():
    with pytest.raises(PluralError, match="invalid plural expression"):
        check_plural_forms("nplurals=2; plural=(__import__('os').system('touch /tmp/pwned'));")


def test_evaluation_matches_cldr_russian():
    tree = parse_plural("(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)")
    assert [evaluate(tree, n) for n in (1, 2, 5, 11, 21, 22, 25, 111)] == [0, 1, 2, 2, 0, 1, 2, 2]


def test_nesting_deeper_than_we_allow_is_refused_clearly():
    """msgfmt accepts 200 nested parentheses; we stop at MAX_DEPTH (40) with a clear message."""
    with pytest.raises(PluralError, match="nested too deeply"):
        parse_plural("(" * 200 + "n>1" + ")" * 200)


def test_hostile_sizes_are_bounded():
    with pytest.raises(PluralError):
        check_plural_forms("nplurals=2; plural=" + "(" * 100_000 + "n" + ")" * 100_000)
    with pytest.raises(PluralError):
        check_plural_forms("nplurals=" + "9" * 5000 + "; plural=0;")
