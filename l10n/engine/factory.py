"""Building engines for a run: the factory type and the Argos (CTranslate2) factory.

A run asks the factory for an engine only when something needs drafting, so an
unchanged project never loads a model. Tests pass their own factory.
"""

from __future__ import annotations

from collections.abc import Callable
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
