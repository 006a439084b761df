"""What an atomic write leaves on disk besides the bytes: a symlink stays a link, and the file's mode.

A catalog kept elsewhere and linked into ``locales/`` is written through the link
(its target is replaced); a new file gets the mode the umask says (not mkstemp's
0600); an existing file keeps its own mode.
"""

from __future__ import annotations

import os
import stat

import pytest
from catalog_helpers import ARTICLE_A, make_project
from fakes import FakeEngines

from l10n.atomic import atomic_write_bytes, digest_bytes, replace_unless_changed
from l10n.project import Project
from l10n.translate import translate_project


@pytest.fixture
def umask_022():
    before = os.umask(0o022)
    yield
    os.umask(before)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("write", ["replace_unless_changed", "atomic_write_bytes"])
def test_a_symlinked_file_is_written_through_its_link(tmp_path, write):
    target = tmp_path / "elsewhere" / "a.po"
    target.parent.mkdir()
    target.write_bytes(b"old\n")
    os.chmod(target, 0o640)
    link = tmp_path / "locales" / "a.po"
    link.parent.mkdir()
    link.symlink_to(target)
    if write == "replace_unless_changed":
        assert replace_unless_changed(link, b"new\n", digest_bytes(b"old\n"))
    else:
        atomic_write_bytes(link, b"new\n")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes() == b"new\n" and mode(target) == 0o640
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.po"]  # no temporary file left


@pytest.mark.parametrize("write", ["replace_unless_changed", "atomic_write_bytes"])
def test_a_new_file_gets_the_umasks_mode_and_an_old_one_keeps_its_own(tmp_path, umask_022, write):
    path = tmp_path / "a.po"
    if write == "replace_unless_changed":
        assert replace_unless_changed(path, b"one\n", None)
    else:
        atomic_write_bytes(path, b"one\n")
    assert mode(path) == 0o644
    os.chmod(path, 0o664)
    if write == "replace_unless_changed":
        assert replace_unless_changed(path, b"two\n", digest_bytes(b"one\n"))
    else:
        atomic_write_bytes(path, b"two\n")
    assert path.read_bytes() == b"two\n" and mode(path) == 0o664


def test_translate_creates_catalogs_with_the_umasks_mode_and_writes_through_a_link(tmp_path, umask_022):
    make_project(tmp_path, {"a.txt": ARTICLE_A})
    project = Project.open(tmp_path)
    translate_project(project, project.documents(), ("az",), FakeEngines())
    path = tmp_path / "locales/az/LC_MESSAGES/a.po"
    assert mode(path) == 0o644
    kept = tmp_path / "shared" / "a.po"
    kept.parent.mkdir()
    path.rename(kept)
    path.symlink_to(kept)
    (tmp_path / "source/a.txt").write_text(ARTICLE_A + "\nOne more sentence here.\n", encoding="utf-8")
    translate_project(Project.open(tmp_path), Project.open(tmp_path).documents(), ("az",), FakeEngines())
    assert path.is_symlink() and "One more sentence here." in kept.read_text(encoding="utf-8")
    assert mode(kept) == 0o644


def test_a_link_to_something_not_a_regular_file_is_replaced_not_written_through(tmp_path):
    link = tmp_path / "a.po"
    link.symlink_to("/dev/null")
    atomic_write_bytes(link, b"new\n")
    assert not link.is_symlink() and link.read_bytes() == b"new\n"
    assert os.path.exists("/dev/null") and stat.S_ISCHR(os.stat("/dev/null").st_mode)
