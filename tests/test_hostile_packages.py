"""Hostile packages and package indexes (issue 16): bounded resources, one line and never a traceback.

Every bomb here is small: a cap is lowered through its module constant, or a
highly compressible member declares more than the cap. Every server is a local
``http.server`` on 127.0.0.1 in a thread, and every loop in it is bounded.
"""

from __future__ import annotations

import http.server
import json
import os
import signal
import struct
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

import l10n
from l10n.cli import app
from l10n.engine import index as index_module
from l10n.engine import install as install_module
from l10n.engine import packages
from l10n.engine.install import install, install_archive, validate_archive
from l10n.engine.packages import find_package, list_packages, read_package
from l10n.errors import L10nError
from test_packages import GOOD_TOP, good_entries, make_archive

DEMO = Path(l10n.__file__).parent / "demo"
META = f"{GOOD_TOP}/metadata.json"
MODEL = f"{GOOD_TOP}/model/model.bin"


def assert_nothing_installed(directory: Path) -> None:
    assert not directory.exists() or not any(directory.iterdir())


def test_a_metadata_json_at_the_cap_is_still_accepted(tmp_path):
    meta = json.dumps({"from_code": "en", "to_code": "az", "package_version": "1.0"}).encode()
    meta += b" " * ((1 << 20) - len(meta))
    package = install_archive(make_archive(tmp_path / "ok.argosmodel", {**good_entries(), META: meta}), tmp_path / "pk")
    assert package.version == "1.0"
    assert [p.pair for p in list_packages(tmp_path / "pk")] == ["en:az"]


def _installed_folder(root: Path, metadata: bytes) -> Path:
    folder = root / GOOD_TOP
    for name, data in good_entries().items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.encode() if isinstance(data, str) else data)
    (folder / "metadata.json").write_bytes(metadata)
    return folder


def test_an_installed_package_with_an_oversized_metadata_json_is_not_read(tmp_path, monkeypatch):
    """Every `models list` and `translate` re-read the 1 GiB metadata.json of the installed bomb."""
    meta = json.dumps({"from_code": "en", "to_code": "az"}).encode()
    folder = _installed_folder(tmp_path / "pk", meta + b" " * (1 << 20))
    reads = []
    real_read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self) or real_read_bytes(self))
    with pytest.raises(L10nError) as err:
        read_package(folder)
    assert str(err.value).startswith(f"{folder / 'metadata.json'}: ") and "1 MiB" in str(err.value)
    assert reads == []
    assert list_packages(tmp_path / "pk") == []  # skipped like any broken folder
    result = CliRunner().invoke(app, ["models", "list", "--json", "--dir", str(tmp_path / "pk")])
    assert result.exit_code == 0 and json.loads(result.output) == []


def test_an_installed_metadata_json_that_is_a_fifo_is_refused_without_blocking(tmp_path):
    """Reading a FIFO in place of metadata.json blocked `models list` (in a subprocess: a hang is a failure)."""
    folder = _installed_folder(tmp_path / "pk", b"{}")
    (folder / "metadata.json").unlink()
    os.mkfifo(folder / "metadata.json")
    code = "import sys; from l10n.engine.packages import list_packages; print(list_packages(sys.argv[1]))"
    try:
        result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "pk")], capture_output=True, timeout=20,
                                cwd=tmp_path)
    except subprocess.TimeoutExpired:
        pytest.fail("list_packages blocked on a FIFO")
    assert result.returncode == 0 and result.stdout.strip() == b"[]", result.stderr
    with pytest.raises(L10nError, match="metadata.json is not a regular file"):
        read_package(folder)


def test_an_installed_metadata_json_nested_too_deeply_is_skipped(tmp_path):
    folder = _installed_folder(tmp_path / "pk", b"[" * 100_000)
    with pytest.raises(L10nError, match="nested too deeply"):
        read_package(folder)
    assert list_packages(tmp_path / "pk") == []


@pytest.mark.parametrize("version", ["1" * 5000, "1.²", "٣"], ids=["5000-digits", "superscript", "arabic-digit"])
def test_a_hostile_package_version_is_just_a_version(tmp_path, version):
    """int() of a 5000-digit string raises ValueError (Python 3.11), and int('²') too."""
    install_archive(make_archive(tmp_path / "a.argosmodel", good_entries("translate-en_az-x", package_version=version)),
                    tmp_path / "pk")
    install_archive(make_archive(tmp_path / "b.argosmodel", good_entries()), tmp_path / "pk")
    assert find_package("en", "az", tmp_path / "pk").version in (version, "1.0")


def test_versions_still_sort_numerically():
    key = packages._version_key
    assert key("1.10") > key("1.9") > key("1.02") > key("1.1") and key("1.02") == key("1.2")
    assert key("1.0") == key("01.0") and key("2") > key("1.9")
    assert key("1" * 5000) > key("9" * 4999) and key("1.0-beta") > key("1.0")
