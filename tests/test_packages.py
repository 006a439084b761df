"""Package management: locations, validation, atomic install, index downloads, removal."""

from __future__ import annotations

import functools
import http.server
import json
import os
import threading
import zipfile
from pathlib import Path

import pytest

import l10n
from l10n.engine import install as install_module
from l10n.engine import packages
from l10n.engine.packages import find_package, list_packages, packages_dir
from l10n.engine.install import install, install_archive, remove, validate_archive
from l10n.errors import L10nError

DEMO = Path(l10n.__file__).parent / "demo"
GOOD_TOP = "translate-en_az-1_0"


def make_archive(path: Path, entries: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def good_entries(top: str = GOOD_TOP, **meta) -> dict[str, bytes | str]:
    metadata = {"from_code": "en", "to_code": "az", "package_version": "1.0", **meta}
    return {
        f"{top}/metadata.json": json.dumps(metadata),
        f"{top}/model/model.bin": b"\0" * 16,
        f"{top}/model/config.json": "{}",
        f"{top}/model/shared_vocabulary.json": "[]",
        f"{top}/sentencepiece.model": b"sp",
    }


# --- locations -------------------------------------------------------------------


def test_packages_dir_follows_the_environment_at_call_time(monkeypatch, tmp_path):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "a"))
    assert packages_dir() == tmp_path / "a"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "b"))
    assert packages_dir() == tmp_path / "b"


def test_packages_dir_defaults_like_argostranslate(monkeypatch, tmp_path):
    monkeypatch.delenv("ARGOS_PACKAGES_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert packages_dir() == tmp_path / "data" / "argos-translate" / "packages"


def test_packages_dir_reads_argostranslate_settings_json(monkeypatch, tmp_path):
    monkeypatch.delenv("ARGOS_PACKAGES_DIR")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    settings = tmp_path / "cfg" / "argos-translate" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"ARGOS_PACKAGES_DIR": str(tmp_path / "pk")}))
    assert packages_dir() == tmp_path / "pk"


def test_index_url_appends_index_json(monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://example.invalid/idx")
    assert packages.index_url() == "http://example.invalid/idx/index.json"


# --- validation --------------------------------------------------------------------


def test_demo_archives_are_valid():
    for target in ("az", "ru"):
        top, meta = validate_archive(DEMO / f"en_{target}.argosmodel")
        assert top == f"translate-en_{target}-1_0"
        assert (meta["from_code"], meta["to_code"]) == ("en", target)


@pytest.mark.parametrize(
    "vocabulary",
    [("shared_vocabulary.txt",), ("source_vocabulary.json", "target_vocabulary.json"), ("shared_vocabulary.json",)],
    ids=["ct2-v2-txt", "separate-json", "shared-json"],
)
def test_validation_accepts_every_ctranslate2_model_layout(tmp_path, vocabulary):
    """CTranslate2 2.x models (older Argos packages) have .txt vocabularies and no config.json."""
    entries = {k: v for k, v in good_entries().items() if "/model/" not in k or k.endswith("model.bin")}
    entries.update({f"{GOOD_TOP}/model/{name}": "[]" for name in vocabulary})
    top, meta = validate_archive(make_archive(tmp_path / "ok.argosmodel", entries))
    assert top == GOOD_TOP and meta["to_code"] == "az"


@pytest.mark.parametrize(
    "entries, message",
    [
        ({**good_entries(), **good_entries("other")}, "one top-level folder"),
        ({**good_entries(), f"{GOOD_TOP}/../evil.txt": "x"}, "'..'"),
        ({**good_entries(), "/etc/evil": "x"}, "absolute"),
        ({k: v for k, v in good_entries().items() if not k.endswith("metadata.json")}, "metadata.json"),
        ({k: v for k, v in good_entries().items() if not k.endswith("model.bin")}, "model/model.bin"),
        ({k: v for k, v in good_entries().items() if not k.endswith("vocabulary.json")}, "shared_vocabulary"),
        ({k: v for k, v in good_entries().items() if not k.endswith("sentencepiece.model")}, "bpe.model"),
        ({**good_entries(), f"{GOOD_TOP}/metadata.json": "{not json"}, "not valid JSON"),
        ({**good_entries(), f"{GOOD_TOP}/metadata.json": json.dumps({"from_code": "en"})}, "'to_code'"),
        ({"metadata.json": "{}"}, "one top-level folder"),
    ],
    ids=["two-folders", "dotdot", "absolute", "no-metadata", "no-model-bin", "no-vocabulary", "no-tokenizer",
         "bad-json", "no-to-code", "flat"],
)
def test_validation_rejects_bad_archives(tmp_path, entries, message):
    path = make_archive(tmp_path / "bad.argosmodel", entries)
    with pytest.raises(L10nError) as err:
        install_archive(path)
    assert message in str(err.value)
    assert str(path) in str(err.value)
    assert not packages_dir().exists() or not any(packages_dir().iterdir())


def test_validation_rejects_a_non_zip(tmp_path):
    path = tmp_path / "x.argosmodel"
    path.write_text("hello")
    with pytest.raises(L10nError, match="not a zip archive"):
        validate_archive(path)


def test_bpe_tokenizer_is_accepted(tmp_path):
    entries = {k: v for k, v in good_entries().items() if not k.endswith("sentencepiece.model")}
    entries[f"{GOOD_TOP}/bpe.model"] = "#version: 0.2\n"
    package = install_archive(make_archive(tmp_path / "bpe.argosmodel", entries))
    assert package.tokenizer.name == "bpe.model"


# --- installing and listing --------------------------------------------------------------


def test_install_then_list_and_find():
    (package,) = install([DEMO / "en_az.argosmodel"])
    assert package.path == packages_dir() / "translate-en_az-1_0"
    (listed,) = list_packages()
    assert (listed.pair, listed.version, listed.name) == ("en:az", "1.0", "translate-en_az-1_0")
    assert listed.size() > 100_000
    assert find_package("en", "az").path == package.path
    assert [p.name for p in packages_dir().iterdir()] == ["translate-en_az-1_0"]


def test_install_a_folder_of_archives():
    installed = install([DEMO])
    assert sorted(p.pair for p in installed) == ["en:az", "en:ru"]


def test_failed_install_leaves_nothing_behind(monkeypatch):
    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(packages.os, "replace", broken_replace)
    with pytest.raises(OSError):
        install_archive(DEMO / "en_az.argosmodel")
    assert list(packages_dir().iterdir()) == []
    assert not install_module._staging_area(packages_dir()).exists()


def test_a_failed_reinstall_keeps_the_installed_version(monkeypatch):
    install_archive(DEMO / "en_az.argosmodel")
    real_replace = os.replace

    def fail_on_new(src, dst):
        if Path(src).parent.name == "new":
            raise OSError("disk full")
        real_replace(src, dst)

    monkeypatch.setattr(packages.os, "replace", fail_on_new)
    with pytest.raises(OSError):
        install_archive(DEMO / "en_az.argosmodel")
    assert [p.pair for p in list_packages(packages_dir())] == ["en:az"]
    assert not install_module._staging_area(packages_dir()).exists()


def test_interrupted_install_leaves_nothing_in_the_packages_folder(monkeypatch):
    def interrupted(self, path=None, members=None, pwd=None):
        raise KeyboardInterrupt

    monkeypatch.setattr(zipfile.ZipFile, "extractall", interrupted)
    with pytest.raises(KeyboardInterrupt):
        install_archive(DEMO / "en_az.argosmodel")
    assert list(packages_dir().iterdir()) == []


def test_a_killed_reinstall_is_rolled_back_by_the_next_install_or_remove():
    import fcntl

    install_archive(DEMO / "en_az.argosmodel")
    area = install_module._staging_area(packages_dir())
    assert not area.exists(), "an install leaves no staging area behind"
    # What a reinstall killed between its two renames leaves: the old package moved aside.
    dead = area / "install-dead"
    (dead / "old").mkdir(parents=True)
    os.replace(packages_dir() / "translate-en_az-1_0", dead / "old" / "translate-en_az-1_0")
    (dead / "new").mkdir()
    # A live install (its work folder is locked) is left alone.
    live = area / "install-live"
    live.mkdir()
    fd = os.open(live, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        assert install_module.recover_staging(packages_dir()) == ["translate-en_az-1_0"]
        assert [p.pair for p in list_packages(packages_dir())] == ["en:az"]
        assert sorted(p.name for p in area.iterdir()) == ["install-live"]
    finally:
        os.close(fd)
    remove("en:az")  # a remove cleans up too, once nobody holds the folder
    assert not area.exists()


def test_argostranslate_reads_what_we_install():
    install([DEMO])
    # A leftover of a killed install lives next to the packages folder, never inside it.
    (install_module._staging_area(packages_dir()) / "install-killed" / "new").mkdir(parents=True)
    from argostranslate.package import get_installed_packages  # no torch: only .package

    found = get_installed_packages(path=[packages_dir()])
    assert sorted((p.from_code, p.to_code, str(p.package_version)) for p in found) == [
        ("en", "az", "1.0"),
        ("en", "ru", "1.0"),
    ]


def test_reinstall_replaces_the_old_package():
    install_archive(DEMO / "en_az.argosmodel")
    marker = packages_dir() / "translate-en_az-1_0" / "stale.txt"
    marker.write_text("old")
    install_archive(DEMO / "en_az.argosmodel")
    assert not marker.exists()
    assert [p.name for p in packages_dir().iterdir()] == ["translate-en_az-1_0"]


def test_broken_folders_are_not_listed():
    (packages_dir() / "junk").mkdir(parents=True)
    assert list_packages() == []


def test_newest_version_wins(tmp_path):
    install_archive(make_archive(tmp_path / "a.argosmodel", good_entries("translate-en_az-1_2", package_version="1.2")))
    install_archive(make_archive(tmp_path / "b.argosmodel", good_entries("translate-en_az-1_10", package_version="1.10")))
    assert find_package("en", "az").version == "1.10"


def test_unknown_source_is_an_error():
    with pytest.raises(L10nError, match="no such file"):
        install(["nope/missing.argosmodel"])


# --- removing ---------------------------------------------------------------------------


def test_remove_by_pair_and_by_name():
    install([DEMO])
    assert [p.pair for p in remove("en:az")] == ["en:az"]
    assert [p.name for p in remove("translate-en_ru-1_0")] == ["translate-en_ru-1_0"]
    assert list(packages_dir().iterdir()) == []
    with pytest.raises(L10nError, match="no installed package"):
        remove("en:az")


# --- the package index over HTTP ------------------------------------------------------------


@pytest.fixture
def index_server(tmp_path, monkeypatch):
    """A local HTTP server on 127.0.0.1 serving index.json and the en->az demo package."""
    root = tmp_path / "www"
    root.mkdir()
    (root / "en_az.argosmodel").write_bytes((DEMO / "en_az.argosmodel").read_bytes())
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    index = [
        {"type": "translate", "from_code": "en", "to_code": "az", "package_version": "1.0",
         "links": [base + "en_az.argosmodel"]},
        {"type": "translate", "from_code": "en", "to_code": "ru", "package_version": "1.0",
         "links": [base + "missing.argosmodel"]},
    ]
    (root / "index.json").write_text(json.dumps(index))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base)
    yield base
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_install_a_pair_from_the_index(index_server):
    seen = []
    (package,) = install(["en:az"], progress=lambda done, total, label: seen.append((done, total)))
    assert package.pair == "en:az"
    assert find_package("en", "az").path == package.path
    size = (DEMO / "en_az.argosmodel").stat().st_size
    assert seen[-1] == (size, size)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_index_without_the_pair(index_server):
    with pytest.raises(L10nError, match="no package for en->de"):
        install(["en:de"])


def test_broken_link_in_the_index(index_server):
    with pytest.raises(L10nError, match="missing.argosmodel"):
        install(["en:ru"])
    assert list_packages() == []


def test_unreachable_index_is_a_clear_error():
    # conftest points ARGOS_PACKAGE_INDEX at 127.0.0.1:9 (discard port: nothing listens)
    with pytest.raises(L10nError) as err:
        install(["en:az"])
    assert "cannot reach http://127.0.0.1:9/index.json" in str(err.value)


def test_the_install_hint_names_the_folder_that_was_searched(tmp_path):
    # `translate --models DIR`: installing into argostranslate's folder would not help
    with pytest.raises(L10nError) as err:
        find_package("en", "az", tmp_path / "my packages")
    assert f"--dir '{tmp_path / 'my packages'}'" in str(err.value)
    assert "argospm" not in str(err.value)
    # a folder of .argosmodel archives (like l10n/demo) is not a packages folder
    demo = Path(l10n.__file__).parent / "demo"
    with pytest.raises(L10nError, match=r"holds \.argosmodel archives, not installed packages.*--dir PACKAGES"):
        find_package("en", "az", demo)
    # the default folder keeps the argospm hint
    with pytest.raises(L10nError, match="argospm install translate-en_az"):
        find_package("en", "az")


# --- hostile packages (issue 16) -------------------------------------------------


@pytest.mark.parametrize("occupant", ["catalogs", "file", "symlink"])
def test_install_never_replaces_what_is_not_an_installed_package(tmp_path, occupant):
    """A valid package whose top folder is ``locales`` installed with ``--dir .`` in a project
    removed the project's catalogs (exit 0). Refused now, and the folder is untouched."""
    project = tmp_path / "project"
    catalog = project / "locales" / "az" / "LC_MESSAGES" / "news.po"
    if occupant == "catalogs":
        catalog.parent.mkdir(parents=True)
        catalog.write_text('msgid ""\nmsgstr ""\n\nmsgid "A."\nmsgstr "B."\n', encoding="utf-8")
    elif occupant == "file":
        project.mkdir()
        (project / "locales").write_text("not a folder")
    else:
        (tmp_path / "elsewhere").mkdir()
        project.mkdir()
        (project / "locales").symlink_to(tmp_path / "elsewhere")
    before = sorted((p.relative_to(tmp_path), p.read_bytes() if p.is_file() else None)
                    for p in project.rglob("*") if not p.is_dir() or p.is_symlink())
    archive = make_archive(tmp_path / "evil.argosmodel", good_entries("locales"))
    with pytest.raises(L10nError, match="not installed: .*locales is") as err:
        install_archive(archive, project)
    assert str(archive) in str(err.value)
    after = sorted((p.relative_to(tmp_path), p.read_bytes() if p.is_file() else None)
                   for p in project.rglob("*") if not p.is_dir() or p.is_symlink())
    assert after == before


def test_install_cli_refuses_to_replace_a_project_folder(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from l10n.cli import app

    catalog = tmp_path / "locales" / "ru" / "LC_MESSAGES" / "news.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    archive = make_archive(tmp_path / "evil.argosmodel", good_entries("locales"))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["models", "install", str(archive), "--dir", "."])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "not installed" in result.output
    assert catalog.read_text(encoding="utf-8") == 'msgid ""\nmsgstr ""\n'


def test_reinstalling_over_an_installed_package_still_works(tmp_path):
    first = install_archive(make_archive(tmp_path / "a.argosmodel", good_entries()), tmp_path / "pk")
    second = install_archive(make_archive(tmp_path / "b.argosmodel", good_entries(package_version="1.1")),
                             tmp_path / "pk")
    assert first.path == second.path and second.version == "1.1"


@pytest.mark.parametrize("top", [".hidden", "new\nline", "tab\there"])
def test_a_package_folder_that_would_be_invisible_is_refused(tmp_path, top):
    archive = make_archive(tmp_path / "x.argosmodel", good_entries(top))
    with pytest.raises(L10nError, match="bad top-level folder name"):
        install_archive(archive, tmp_path / "pk")
    assert not (tmp_path / "pk").exists() or not any((tmp_path / "pk").iterdir())
