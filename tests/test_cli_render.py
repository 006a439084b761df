"""The CLI's shared output helpers: one table renderer."""

from __future__ import annotations

from l10n.cli.render import numbers_right, right_from, table


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
