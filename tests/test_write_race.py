"""A translator's save that lands while l10n writes the same catalog is never lost.

An "editor" process saves the file in a tight loop (read, add a ``# EDIT-k``
line, save: atomically by rename, or in place), while this process writes the
file hundreds of times the way ``translate`` does: read, change, write only
if the file is still what was read, else read again. Every EDIT-k the editor
saved must be in the final file.
"""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from l10n.atomic import digest_bytes, replace_unless_changed

EDITOR = r"""
import os, sys, time
path, mode, stop = sys.argv[1], sys.argv[2], sys.argv[3]
k = 0
while not os.path.exists(stop):
    with open(path, "rb") as fh:
        data = fh.read()
    if not data.endswith(b"END\n"):   # a torn read would be a bug of the writer under test
        continue
    k += 1
    data = data[:-4] + b"# EDIT-%d\n" % k + b"END\n"
    if mode == "rename":
        tmp = path + ".editor-tmp"
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    else:
        with open(path, "r+b") as fh:
            fh.truncate(0)
            fh.write(data)
    time.sleep(0.001)
print(k)
"""


def _race(tmp_path, mode: str, writes: int) -> tuple[int, int, int, bytes]:
    path = tmp_path / "doc.po"
    stop = tmp_path / "stop"
    path.write_bytes(b"HEAD\nEND\n")
    editor = subprocess.Popen([sys.executable, "-c", EDITOR, str(path), mode, str(stop)], stdout=subprocess.PIPE)
    conflicts = 0
    try:
        time.sleep(0.05)
        done = 0
        deadline = time.monotonic() + 20
        while done < writes and time.monotonic() < deadline:
            data = path.read_bytes()
            if not data.endswith(b"END\n"):  # an in-place save half done: a strict reader refuses it
                continue
            new = data[:-4] + b"# RUN-%d\n" % done + b"END\n"
            if replace_unless_changed(path, new, digest_bytes(data)):
                done += 1
            else:
                conflicts += 1
    finally:
        stop.touch()
        out, _ = editor.communicate(timeout=30)
    return int(out), conflicts, done, path.read_bytes()


@pytest.mark.parametrize("mode", ["rename", "inplace"])
def test_editor_saves_during_hundreds_of_writes_are_never_lost(tmp_path, mode):
    saves, conflicts, done, final = _race(tmp_path, mode, writes=400)
    assert done >= 200, f"only {done} writes in 20 s"
    assert saves > 50, "the editor did not get to save often enough for a race"
    assert conflicts > 0, "no write ever met a concurrent save: the race was not exercised"
    lost = [k for k in range(1, saves + 1) if b"# EDIT-%d\n" % k not in final]
    assert lost == [], f"{len(lost)} of {saves} editor saves lost ({conflicts} conflicts seen)"
    assert not list(tmp_path.glob(".doc.po.*")), "no temporary file left behind"


SAVER = r"""
import os, random, sys, time
root, stop, mode = sys.argv[1], sys.argv[2], sys.argv[3]
paths = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(root, "locales"))
               for f in fs if f.endswith(".po"))
rng = random.Random(7)
made = []
k = 0
while not os.path.exists(stop):
    path = rng.choice(paths)
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    at = text.find("\n#: ")
    if at < 0 or not text.endswith("\n"):
        continue
    k += 1
    text = text[:at] + "\n# EDIT-%d" % k + text[at:]
    if mode == "rename":
        tmp = path + ".saving"
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    else:
        with open(path, "r+", encoding="utf-8") as fh:
            fh.truncate(0)
            fh.write(text)
    made.append("%s %d" % (path, k))
    time.sleep(0.002)  # 500 saves a second: no person is this fast
print("\n".join(made))
"""


@pytest.mark.parametrize("mode", ["rename", "inplace"])
def test_translator_saves_during_translate_runs_survive(tmp_path, mode):
    """The issue's reproduction, in small: every article changed, an editor saving comments into
    the catalogs while ``translate`` writes them; repeated, every comment saved is still there."""
    from catalog_helpers import make_project
    from fakes import FakeEngines

    from l10n.project import Project
    from l10n.translate import translate_project

    articles = {f"a{i:02}.txt": f"Story {i} begins here.\n\nIt ends in Baku on day {i}.\n" for i in range(30)}
    make_project(tmp_path, articles)
    project = Project.open(tmp_path)
    translate_project(project, project.documents(), ["az"], FakeEngines())
    total = 0
    for run in range(6):
        for i in range(30):  # every article changed: every catalog is rewritten
            (tmp_path / "source" / f"a{i:02}.txt").write_text(
                articles[f"a{i:02}.txt"] + f"\nUpdate {run} for story {i}.\n", encoding="utf-8")
        stop = tmp_path / f"stop{run}"
        saver = subprocess.Popen([sys.executable, "-c", SAVER, str(tmp_path), str(stop), mode],
                                 stdout=subprocess.PIPE, text=True)
        try:
            time.sleep(0.05)
            translate_project(project, project.documents(), ["az"], FakeEngines())
        finally:
            stop.touch()
            out, _ = saver.communicate(timeout=60)
        for line in out.splitlines():
            path, k = line.rsplit(" ", 1)
            assert f"# EDIT-{k}\n" in open(path, encoding="utf-8").read(), f"run {run}: EDIT-{k} lost in {path}"
            total += 1
    assert total > 100, "the editor saved too rarely for a race"


def test_a_save_swapped_back_after_the_file_vanished_is_put_in_place(tmp_path, monkeypatch):
    """An editor saved just before the swap, then the file was deleted before the swap back:
    the editor's save must end up at the path, not in a temp file."""
    import os

    from l10n import atomic

    path = tmp_path / "doc.po"
    path.write_bytes(b"read by l10n\n")
    real = atomic._exchange
    calls = []

    def exchange(a, b):
        calls.append(1)
        if len(calls) == 1:  # an editor's save lands between l10n's check and its swap
            (tmp_path / "editor").write_bytes(b"the editor's save\n")
            os.replace(tmp_path / "editor", b)
        else:  # and the file is deleted before the swap back (a checkout?)
            os.unlink(b)
        return real(a, b)

    monkeypatch.setattr(atomic, "_exchange", exchange)
    assert replace_unless_changed(path, b"l10n's new text\n", digest_bytes(b"read by l10n\n")) is False
    assert path.read_bytes() == b"the editor's save\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.po"]
