"""TMX 1.4b in and out, against translate-toolkit's reader and writer; malformed files."""

from __future__ import annotations

import io

import pytest
from translate.storage.tmx import tmxfile

from l10n.errors import L10nError
from l10n.memory.tmx import read_tmx, write_tmx

UNITS = [
    ("ru", "Exports rose to 1.2 billion dollars.", "Экспорт вырос до 1,2 млрд долларов.", "a.po"),
    ("ru", "Prices & wages <rose>.", "Цены и зарплаты «выросли».", "b.po"),
    ("az", "Exports rose to 1.2 billion dollars.", "İxrac 1,2 milyard dollara yüksəldi.", "a.po"),
]


def written() -> bytes:
    out = io.StringIO()
    assert write_tmx(out, UNITS, "20261203T120000Z") == 3
    return out.getvalue().encode("utf-8")


def test_translate_toolkit_reads_what_we_write():
    data = written()
    for lang in ("ru", "az"):
        store = tmxfile(io.BytesIO(data), "en", lang)
        got = [(u.source, u.target) for u in store.units if u.target]
        assert got == [(s, t) for code, s, t, _ in UNITS if code == lang]


def test_we_read_what_translate_toolkit_writes():
    store = tmxfile(sourcelanguage="en", targetlanguage="ru-RU")
    store.addtranslation("Oil prices fell by 3 percent.", "en", "Цены на нефть упали на 3%.", "ru-RU")
    store.addtranslation("Tom & Jerry <met>.", "en", "Том и Джерри «встретились».", "ru-RU")
    content = read_tmx(io.BytesIO(bytes(store)), "tt.tmx")
    assert [(u.source, u.targets) for u in content.units] == [
        ("Oil prices fell by 3 percent.", {"ru": "Цены на нефть упали на 3%."}),
        ("Tom & Jerry <met>.", {"ru": "Том и Джерри «встретились»."}),
    ]


def test_our_round_trip_keeps_origin_and_languages():
    content = read_tmx(io.BytesIO(written()), "x.tmx")
    assert [(u.source, u.targets, u.origin) for u in content.units] == [
        (s, {lang: t}, o) for lang, s, t, o in UNITS]


AGENCY = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
 <header creationtool="SDL Language Platform" creationtoolversion="8.0" o-tmf="SDL TM8 Format"
   datatype="xml" segtype="sentence" adminlang="en-US" srclang="en-US"/>
 <body>
  <tu creationdate="20240101T000000Z">
   <tuv xml:lang="en-US"><seg>Press <bpt i="1">&lt;b&gt;</bpt>Start<ept i="1">&lt;/b&gt;</ept> now.<ph x="2"/></seg></tuv>
   <tuv xml:lang="ru-RU"><seg>Нажмите <bpt i="1">&lt;b&gt;</bpt>Пуск<ept i="1">&lt;/b&gt;</ept>.<ph x="2"/></seg></tuv>
  </tu>
  <tu>
   <tuv xml:lang="EN-GB"><seg>The   committee
     met.</seg></tuv>
   <tuv xml:lang="az-Latn-AZ"><seg>Komitə toplandı.</seg></tuv>
   <tuv xml:lang="x-klingon"><seg>tlhIngan</seg></tuv>
  </tu>
  <tu><tuv xml:lang="de-DE"><seg>Nur Deutsch.</seg></tuv><tuv xml:lang="en-US"><seg>Only German.</seg></tuv></tu>
  <tu><tuv xml:lang="ru-RU"><seg>Без английского.</seg></tuv></tu>
 </body>
</tmx>
"""


def test_an_agency_memory_tags_as_placeholders_and_regional_codes():
    content = read_tmx(io.BytesIO(AGENCY.encode()), "agency.tmx")
    assert content.source_language == "en"
    assert [(u.source, u.targets) for u in content.units] == [
        ("Press {1}Start{/1} now.{2/}", {"ru": "Нажмите {1}Пуск{/1}.{2/}"}),
        ("The committee met.", {"az": "Komitə toplandı."}),
        ("Only German.", {"de": "Nur Deutsch."}),
    ]
    assert content.skipped == 1  # no English


@pytest.mark.parametrize(("text", "line", "message"), [
    ('<?xml version="1.0"?>\n<tmx version="1.4">\n<body>\n<tu><tuv xml:lang="en"><seg>x</tuv></tu>\n</body></tmx>',
     4, "malformed TMX: mismatched tag"),
    ('<?xml version="1.0"?>\n<tmx><body>\n', 3, "malformed TMX: no element found"),
    ("", 1, "malformed TMX"),
    ('<?xml version="1.0"?>\n<xliff version="1.2"/>\n', None, "not a TMX file"),
])
def test_malformed_tmx_is_one_line_with_its_line(text, line, message):
    with pytest.raises(L10nError) as err:
        read_tmx(io.BytesIO(text.encode()), "bad.tmx")
    shown = str(err.value)
    assert "\n" not in shown and message in shown
    assert shown.startswith(f"bad.tmx:{line}:" if line else "bad.tmx:")


def test_entity_expansion_is_refused():
    bomb = ('<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>\n'
            '<tmx version="1.4"><body><tu><tuv xml:lang="en"><seg>&b;</seg></tuv></tu></body></tmx>')
    with pytest.raises(L10nError) as err:
        read_tmx(io.BytesIO(bomb.encode()), "bomb.tmx")
    assert str(err.value) == "bomb.tmx:2: TMX refused: entity declarations are not allowed (entity 'a')"


def test_inline_elements_nested_thousands_deep_are_read():
    depth = 2000
    seg = "Deep " + "<hi>" * depth + "x " + "</hi>" * depth + " end."
    text = ('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/><body><tu>'
            f'<tuv xml:lang="en"><seg>{seg}</seg></tuv><tuv xml:lang="ru"><seg>Глубоко.</seg></tuv>'
            '</tu></body></tmx>')
    content = read_tmx(io.BytesIO(text.encode()), "deep.tmx")
    assert [u.targets for u in content.units] == [{"ru": "Глубоко."}]
    assert content.units[0].source == "Deep " + "{1}" * depth + "x " + "{/1}" * depth + " end."


def test_nested_highlight_keeps_tails_and_numbers():
    text = ('<?xml version="1.0"?>\n<tmx version="1.4"><body><tu><tuv xml:lang="en"><seg>'
            'A <hi>b <sub>c</sub> d<ph/></hi> e <bpt i="7"/>f<ept i="7"/> g</seg></tuv>'
            '<tuv xml:lang="ru"><seg>Б</seg></tuv></tu></body></tmx>')
    content = read_tmx(io.BytesIO(text.encode()), "n.tmx")
    assert content.units[0].source == "A {1}b {1}c{/1} d{2/}{/1} e {7}f{/7} g"


FRENCH = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
 <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="FR-FR" datatype="plaintext" segtype="sentence"
   srclang="FR-FR"/>
 <body>
  <tu><tuv lang="FR-FR"><seg>La banque a gardé son taux.</seg></tuv>
   <tuv lang="RU-RU"><seg>Банк сохранил ставку.</seg></tuv></tu>
  <tu srclang="fr"><tuv xml:lang="fr-FR"><seg>Les prix ont augmenté.</seg></tuv>
   <tuv xml:lang="az-AZ"><seg>Qiymətlər artıb.</seg></tuv></tu>
  %s
 </body>
</tmx>
"""
WITH_ENGLISH = """<tu><tuv xml:lang="fr"><seg>Le ministre est arrivé.</seg></tuv>
   <tuv xml:lang="EN-gb"><seg>The minister arrived.</seg></tuv>
   <tuv xml:lang="ru_RU"><seg>Министр прибыл.</seg></tuv></tu>"""


def test_english_is_the_en_variant_whatever_srclang_says():
    content = read_tmx(io.BytesIO((FRENCH % WITH_ENGLISH).encode()), "fr.tmx")
    assert content.source_language == "fr"
    assert [(u.source, u.targets) for u in content.units] == [
        ("The minister arrived.", {"fr": "Le ministre est arrivé.", "ru": "Министр прибыл."})]
    assert (content.skipped, content.no_english) == (2, 2)
    assert content.languages == {"fr", "ru", "az", "en"}


@pytest.fixture
def tmx_project(tmp_path, monkeypatch):
    from catalog_helpers import make_project

    make_project(tmp_path, {"a.txt": "Exports rose.\n"})
    (tmp_path / "l10n.toml").write_text('languages = ["az", "ru"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_memory_without_english_is_refused_and_nothing_copied(tmx_project):
    from typer.testing import CliRunner

    from l10n.cli import app

    (tmx_project / "fr.tmx").write_text(FRENCH % "", encoding="utf-8")
    result = CliRunner().invoke(app, ["memory", "import", "fr.tmx"])
    assert result.exit_code == 2, result.output
    assert result.stderr == ("error: fr.tmx: no English unit with a translation into az, ru"
                             " (languages found: az, fr, ru; 2 unit(s) without an English variant)\n")
    assert not (tmx_project / "memory").exists()


def test_only_english_is_imported_and_exported_as_en(tmx_project):
    from typer.testing import CliRunner

    from l10n.cli import app

    runner = CliRunner()
    (tmx_project / "fr.tmx").write_text(FRENCH % WITH_ENGLISH, encoding="utf-8")
    result = runner.invoke(app, ["memory", "import", "fr.tmx"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ("Imported memory/fr.tmx: az 0, ru 1 unit(s);"
                             " skipped 2 without an English variant\n")
    result = runner.invoke(app, ["memory", "export", "out.tmx"])
    assert result.exit_code == 0, result.output
    exported = read_tmx((tmx_project / "out.tmx").open("rb"), "out.tmx")
    assert [(u.source, u.targets) for u in exported.units] == [("The minister arrived.", {"ru": "Министр прибыл."})]
    store = tmxfile((tmx_project / "out.tmx").open("rb"), "en", "ru")
    assert [(u.source, u.target) for u in store.units] == [("The minister arrived.", "Министр прибыл.")]


def test_an_external_entity_is_refused_in_words():
    xxe = ('<?xml version="1.0"?>\n<!DOCTYPE tmx [\n  <!ENTITY x SYSTEM "file:///etc/passwd">\n]>\n'
           '<tmx version="1.4"><body><tu><tuv xml:lang="en"><seg>&x;</seg></tuv></tu></body></tmx>')
    with pytest.raises(L10nError) as err:
        read_tmx(io.BytesIO(xxe.encode()), "xxe.tmx")
    assert str(err.value) == "xxe.tmx:3: TMX refused: entity declarations are not allowed (entity 'x')"


def test_exporting_a_language_the_project_has_not_is_refused(tmx_project):
    from typer.testing import CliRunner

    from l10n.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["memory", "export", "out.tmx", "--to", "fr"])
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"error: no fr catalogs in {tmx_project / 'locales'} and no fr units in the imported"
                             " memories (the project's languages: az, ru)\n")
    assert not (tmx_project / "out.tmx").exists()
    # an imported memory with French in it: French is exported
    (tmx_project / "fr.tmx").write_text(FRENCH % WITH_ENGLISH, encoding="utf-8")
    assert runner.invoke(app, ["memory", "import", "fr.tmx"]).exit_code == 0
    result = runner.invoke(app, ["memory", "export", "out.tmx", "--to", "fr"])
    assert result.exit_code == 0, result.output
    exported = read_tmx((tmx_project / "out.tmx").open("rb"), "out.tmx")
    assert [(u.source, u.targets) for u in exported.units] == [("The minister arrived.", {"fr": "Le ministre est arrivé."})]
