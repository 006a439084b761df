"""Shared test fixtures. Every test runs with its own HOME/XDG folders and Argos dirs."""

from __future__ import annotations

import os
import shutil

import pytest
from hypothesis import settings

# In CI the property tests run the same examples every time (a failure there is reproducible, and a
# merge is never refused by an unlucky draw); on a developer's machine they keep exploring.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Keep tests away from the user's real Argos packages and settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local/share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(home / "argos-packages"))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/")  # never the internet
    yield home


@pytest.fixture
def msgfmt():
    """Path to GNU msgfmt, the oracle for every catalog we write."""
    path = shutil.which("msgfmt")
    if path is None:  # one clear line for the whole run, not one error per catalog test
        pytest.exit("the tests need GNU gettext's msgfmt as an oracle: install gettext "
                    "(apt-get install gettext, brew install gettext), then run them again", returncode=4)
    return path
