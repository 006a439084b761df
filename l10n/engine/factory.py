"""Building engines for a run: the factory type, the Argos (CTranslate2) factory, prefetching.

A run asks the factory for an engine only when something needs drafting, so an
unchanged project never loads a model. Tests pass their own factory. With
several languages to draft, :class:`PrefetchingFactory` builds the next
language's engine (its model loaded) in the background while one drafts.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from pathlib import Path

from l10n.engine.base import Engine
from l10n.languages import SOURCE_LANGUAGE

#: Makes the engine for a target language; only called when something needs drafting.
EngineFactory = Callable[[str], Engine]

DEFAULT_BEAM = 4


def argos_engine_factory(
    packages_dir: Path | None = None,
    beam_size: int = DEFAULT_BEAM,
    glossary_path: Path | None = None,
    *,
    workers: int = 0,
    threads: int = 0,
    device: str = "auto",
) -> EngineFactory:
    """Engines from installed Argos packages (loaded lazily, only when a draft is needed).

    With ``glossary_path`` (the project glossary, TSV or TBX) each engine is
    wrapped in :class:`l10n.engine.glossary.GlossaryEngine`. ``workers``,
    ``threads`` (0: picked from the cores) and ``device`` (auto, cpu, cuda) size
    and place the CTranslate2 translator (:func:`l10n.engine.argos.load_engine`).
    """

    def factory(target: str) -> Engine:
        from l10n.engine.argos import load_engine

        engine = load_engine(SOURCE_LANGUAGE, target, packages_dir=packages_dir, beam_size=beam_size,
                             workers=workers, threads=threads, device=device)
        if glossary_path is not None:
            from l10n.engine.glossary import GlossaryEngine
            from l10n.glossary import load_glossary

            wrapped = GlossaryEngine(engine, load_glossary(glossary_path))
            wrapped.device = engine.device  # type: ignore[attr-defined]  # where it runs, for the summary
            return wrapped
        return engine

    return factory


def preload(engine: object) -> None:
    """Load now what ``engine`` would load on its first translate (its model), if it can say so.

    An engine that can has a ``load()`` method (:meth:`l10n.engine.argos.ArgosEngine.load`);
    a wrapping engine (:class:`l10n.engine.glossary.GlossaryEngine`) is looked through.
    """
    for _ in range(8):  # wrappers of wrappers, but never a cycle
        load = getattr(engine, "load", None)
        if callable(load):
            load()
            return
        engine = getattr(engine, "underlying", None)
        if engine is None:
            return


class PrefetchingFactory:
    """An :data:`EngineFactory` that readies the next language's engine while one drafts.

    ``order`` is the languages that have something to draft, in drafting order.
    When the engine of one of them is asked for (that language is about to draft),
    the next one's engine is built and its model loaded (:func:`preload`) in a
    background thread, so that model loading does not leave the cores idle between
    two languages. An error of a background build is raised when that engine is
    asked for, as without prefetching; one never asked for is dropped. A language
    not in ``order`` is built when asked for. :meth:`close` waits for a build still
    running (a model load: well under a second).
    """

    def __init__(self, factory: EngineFactory, order: Sequence[str]):
        self.factory = factory
        self.order = list(dict.fromkeys(order))
        self._builds: dict[str, Future] = {}
        self._threads: list[threading.Thread] = []

    def __call__(self, target: str) -> Engine:
        build = self._builds.pop(target, None)
        if target in self.order:
            following = self.order[self.order.index(target) + 1 :]
            if following and following[0] not in self._builds:
                self._start(following[0])
        if build is not None:
            return build.result()
        return self.factory(target)

    def _start(self, target: str) -> None:
        future: Future = Future()

        def run() -> None:
            try:
                engine = self.factory(target)
                preload(engine)
            except BaseException as err:  # noqa: BLE001 - handed to whoever asks for this engine
                future.set_exception(err)
            else:
                future.set_result(engine)

        thread = threading.Thread(target=run, name=f"l10n-prefetch-{target}", daemon=True)
        self._builds[target] = future
        self._threads.append(thread)
        thread.start()

    def close(self) -> None:
        for thread in self._threads:
            thread.join()
        self._threads.clear()
        self._builds.clear()
