"""The CLI's shared output helpers: one table renderer, path display, sizes, JSON."""

from __future__ import annotations

import json
import os
from pathlib import Path

from l10n.cli.render import human_size, numbers_right, print_json, right_from, shown_path, table


def test_table_left_aligns_by_default_and_cuts_trailing_spaces():
    out = table(["pair", "version", "size", "path"],
                [["en:az", "1.0", "456.3 KB", "/p/a"], ["en:ru", "10.2", "1.0 MB", "/p/ru"]])
    assert out.splitlines() == [
        "pair   version  size      path",
        "-----  -------  --------  -----",
        "en:az  1.0      456.3 KB  /p/a",
        "en:ru  10.2     1.0 MB    /p/ru",
    ]


def test_numbers_right_aligns_numbers_but_not_names_nor_words():
    out = table(["article", "lang", "words", "% reviewed", "note"],
                [["2024-vote", "az", 7, "50%", "(no catalog yet)"], ["b", "ru", 302, "100%", ""]],
                right=numbers_right)
    assert out.splitlines() == [
        "article    lang  words  % reviewed  note",
        "---------  ----  -----  ----------  ----------------",
        "2024-vote  az        7         50%  (no catalog yet)",
        "b          ru      302        100%",
    ]


def test_right_from_aligns_every_body_cell_of_those_columns_dashes_too():
    out = table(["article", "lang", "engine", "chrF", "pending"],
                [["a", "az", "-", "-", 3], ["a", "ru", "argos", "88.5", 12]], right=right_from(3))
    assert out.splitlines() == [
        "article  lang  engine  chrF  pending",
        "-------  ----  ------  ----  -------",
        "a        az    -          -        3",
        "a        ru    argos   88.5       12",
    ]


def test_shown_path_below_a_root_is_relative_with_slashes_and_as_given_outside_it(tmp_path):
    assert shown_path(tmp_path / "locales" / "az.po", tmp_path) == "locales/az.po"
    assert shown_path(Path("/elsewhere/x.po"), tmp_path) == "/elsewhere/x.po"


def test_shown_path_without_a_root_is_relative_to_the_current_folder(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    assert shown_path(tmp_path / "sub" / "a.mo") == "a.mo"
    assert shown_path(tmp_path / "dist" / "a.txt") == os.path.join("..", "dist", "a.txt")


def test_human_size_uses_binary_units():
    assert [human_size(n) for n in (0, 1023, 1024, 467255, 5 * 1024**3, 3 * 1024**4)] == [
        "0 B", "1023 B", "1.0 KB", "456.3 KB", "5.0 GB", "3072.0 GB"]


def test_print_json_is_indented_and_keeps_non_ascii_text(capsys):
    print_json([{"text": "Azərbaycan", "n": 1}])
    out = capsys.readouterr().out
    assert out.endswith("}\n]\n") and "Azərbaycan" in out and '\n    "n": 1' in out
    assert json.loads(out) == [{"text": "Azərbaycan", "n": 1}]
