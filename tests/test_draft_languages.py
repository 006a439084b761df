"""Issue 10, both languages: languages with something to draft are drafted at once (a thread each), so
that no core idles between them; each keeps its own warnings, progress and errors, and the process's
warning machinery is left as it was.
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Sequence

import pytest
from catalog_helpers import ARTICLE_A, make_project

from l10n.engine.base import Draft, LongSegmentWarning, ProgressCallback, SegmentWarning, capture_segment_warnings
from l10n.errors import L10nError
from l10n.project import Project
from l10n.store import DraftStore
from l10n.translate import translate_project

WAIT = 20  # seconds; only reached when the languages are (wrongly) drafted one after the other


class MeetingEngine:
    """Drafts ``[<target>] text``. Its translate waits until every engine of ``met`` is translating too
    (so it only finishes if they run at once), warns about its first segment, and may fail at the end."""

    def __init__(self, target: str, met: dict[str, threading.Event], fail: bool = False):
        self.source, self.target, self.origin = "en", target, f"meeting translate-en_{target} 1.0"
        self.met = met
        self.fail = fail
        self.thread: str | None = None
        self.together = False

    def translate(self, texts: Sequence[str], progress: ProgressCallback | None = None) -> list[Draft]:
        self.thread = threading.current_thread().name
        self.met[self.target].set()
        self.together = all(event.wait(WAIT) for event in self.met.values())
        warnings.warn(LongSegmentWarning(f"{self.target}: segment 1 is long", index=0, tokens=300, chunks=2))
        if self.fail:
            raise L10nError(f"engine {self.target} broke")
        if progress is not None:
            progress(len(texts), len(texts))
        return [Draft(f"[{self.target}] {t}", -0.1) for t in texts]


class Factory:
    def __init__(self, languages=("az", "ru"), fail=()):
        self.met = {lang: threading.Event() for lang in languages}
        self.engines = {lang: MeetingEngine(lang, self.met, lang in fail) for lang in languages}

    def __call__(self, target: str) -> MeetingEngine:
        return self.engines[target]


@pytest.fixture
def project(tmp_path):
    return Project.open(make_project(tmp_path, {"a.txt": ARTICLE_A}))


def test_two_languages_draft_at_once_each_with_its_own_warnings_and_progress(project):
    filters, show = list(warnings.filters), warnings.showwarning
    factory = Factory()
    seen = []
    result = translate_project(project, project.documents(), ["az", "ru"], factory,
                               progress=lambda lang, done, total: seen.append((lang, threading.current_thread().name)))
    az, ru = factory.engines["az"], factory.engines["ru"]
    assert az.together and ru.together  # each was translating while the other was
    assert az.thread == threading.current_thread().name and ru.thread == "l10n-draft-ru"
    assert ("ru", "l10n-draft-ru") in seen and ("az", threading.current_thread().name) in seen
    summaries = {s.language: s for s in result.languages}
    assert [s.language for s in result.languages] == ["az", "ru"]  # the summary keeps language order
    for lang in ("az", "ru"):
        assert summaries[lang].drafted == summaries[lang].new > 0
        (warning,) = summaries[lang].warnings
        assert f"meeting translate-en_{lang} 1.0" in warning and "a.txt:" in warning  # not the other's
    assert warnings.filters == filters and warnings.showwarning is show  # left as it was


def test_an_error_in_one_language_is_raised_after_the_other_has_stored_its_drafts(project):
    factory = Factory(fail=("ru",))
    with pytest.raises(L10nError, match="engine ru broke"):
        translate_project(project, project.documents(), ["az", "ru"], factory)
    assert factory.engines["az"].together
    assert DraftStore(project.store_path).drafts_in(["az"])  # az finished and kept its drafts
    assert not list((project.root / "locales").rglob("*.po"))  # no catalog half-written


def test_one_language_with_something_to_draft_drafts_in_the_calling_thread(project):
    translate_project(project, project.documents(), ["az"], Factory(languages=("az",)))  # az is done now
    factory = Factory(languages=("ru",))
    factory.met["az"] = threading.Event()
    factory.met["az"].set()  # nobody to wait for
    translate_project(project, project.documents(), ["az", "ru"], factory)
    assert factory.engines["ru"].thread == threading.current_thread().name


def test_captures_keep_each_threads_segment_warnings_and_show_the_rest():
    shown = []
    started = threading.Barrier(2, timeout=WAIT)

    def draft(label: str, out: dict) -> None:
        with capture_segment_warnings() as caught:
            started.wait()  # both capture at the same time
            warnings.warn(SegmentWarning(f"{label} segment", index=1))
            started.wait()
        out[label] = [str(w.message) for w in caught]

    out: dict[str, list[str]] = {}
    with warnings.catch_warnings():
        warnings.showwarning = lambda message, *args, **kwargs: shown.append(str(message))
        warnings.simplefilter("ignore")  # filtered out: a capture still gets its SegmentWarnings
        other = threading.Thread(target=draft, args=("ru", out))
        other.start()
        draft("az", out)
        other.join()
        warnings.simplefilter("always")
        with capture_segment_warnings() as caught:
            warnings.warn("not about a segment", UserWarning)
        warnings.warn(SegmentWarning("outside any capture"))
    assert out == {"az": ["az segment"], "ru": ["ru segment"]}
    assert caught == [] and shown == ["not about a segment", "outside any capture"]
