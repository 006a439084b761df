"""The glossary-enforcing engine: an Engine wrapper that makes drafts respect the project glossary.

Terms a draft misses are translated again with the terms protected by
placeholder tokens (:mod:`l10n.engine.protect`); the glossary itself (terms,
file formats, inflection-tolerant matching) is :mod:`l10n.glossary`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from l10n.engine.base import BatchCallback, Draft, Engine, ProgressCallback, checked_drafts, delivers_batches
from l10n.engine.protect import protect
from l10n.glossary import Glossary


@dataclass(frozen=True)
class GlossaryIssue:
    """A draft in which glossary terms did not come out as required (kept as drafted)."""

    index: int
    source: str
    missing: tuple[str, ...]

    def message(self, lang: str) -> str:
        return f"glossary terms not rendered in the {lang} draft: " + ", ".join(self.missing)


class GlossaryEngine:
    """An Engine wrapper that makes the underlying engine respect the glossary.

    ``strategy="retry"`` (default): translate the texts as they are; texts whose
    draft lacks a required rendering are translated again with their terms
    protected by placeholder tokens (l10n.engine.protect), and the protected result is
    used when every term then comes out intact. ``strategy="protect"``: protect
    terms on the first pass. Either way, a draft that still misses terms is kept
    (the draft with fewer missing terms, the unprotected one on a tie) and listed
    in ``issues`` (reset on every call), and the QA glossary check reports it.
    Translating as-is first keeps fluent, correctly inflected drafts whenever the
    model already gets the terms right.
    """

    def __init__(self, underlying: Engine, glossary: Glossary, strategy: str = "retry"):
        if strategy not in ("retry", "protect"):
            raise ValueError(f"unknown strategy {strategy!r}")
        self.underlying = underlying
        self.glossary = glossary
        self.strategy = strategy
        self.source = underlying.source
        self.target = underlying.target
        self.origin = f"{underlying.origin} +glossary"
        self.issues: list[GlossaryIssue] = []

    def translate(
        self,
        texts: Sequence[str],
        progress: ProgressCallback | None = None,
        *,
        on_batch: BatchCallback | None = None,
    ) -> list[Draft]:
        """Drafts in input order; ``on_batch`` gets each one once it is final.

        A draft that keeps every term is final when the underlying engine hands it
        over; one translated again is final after its second pass. So a run killed
        while drafting keeps the drafts of the batches that finished, as without a glossary.
        """
        texts = list(texts)
        lang = self.target
        with_terms = [bool(self.glossary.find(t, lang)) for t in texts]
        drafts: list = [None] * len(texts)
        missing: list[list[str]] = [[] for _ in texts]

        def hand_over(indexes: list[int]) -> None:
            if on_batch is not None and indexes:
                on_batch(indexes, [drafts[i] for i in indexes])

        def as_is(positions: list[int], batch: list[Draft], indexes: list[int]) -> None:
            final = []
            for k, draft in zip(positions, batch):
                i = indexes[k]
                drafts[i] = draft
                missing[i] = self._missing(texts[i], draft.text) if with_terms[i] else []
                if not missing[i] or self.strategy == "protect":
                    final.append(i)
            hand_over(final)

        if self.strategy == "retry":
            everything = list(range(len(texts)))
            self._run(texts, progress, lambda k, b: as_is(k, b, everything))
            todo = [i for i, m in enumerate(missing) if m]
        else:
            todo = [i for i, w in enumerate(with_terms) if w]
            plain = [i for i, w in enumerate(with_terms) if not w]
            if plain:
                self._run([texts[i] for i in plain], progress, lambda k, b: as_is(k, b, plain))
        protected = [protect(texts[i], self.glossary, lang) for i in todo]

        def with_placeholders(positions: list[int], batch: list[Draft]) -> None:
            for k, draft in zip(positions, batch):
                i, prot = todo[k], protected[k]
                restored, lost = prot.restore(draft.text)
                gone = self._missing(texts[i], restored)
                # a token the model dropped is fine if the rendering is there anyway; one left in is not
                gone += [s.term for s in lost if s.token in restored and s.term not in gone]
                if drafts[i] is None or len(gone) < len(missing[i]):
                    drafts[i] = Draft(restored, draft.score)
                    missing[i] = gone
            hand_over([todo[k] for k in positions])

        if todo:
            self._run([p.text for p in protected], None, with_placeholders)
        self.issues = [GlossaryIssue(i, texts[i], tuple(m)) for i, m in enumerate(missing) if m]
        return drafts

    def _run(self, texts: list[str], progress: ProgressCallback | None, take: BatchCallback) -> None:
        """The underlying engine on ``texts``; ``take(positions, drafts)`` once for every text, as early as it can."""
        taken: set[int] = set()

        def once(positions: list[int], batch: list[Draft]) -> None:
            fresh = [(k, d) for k, d in zip(positions, batch) if k not in taken]
            taken.update(k for k, _ in fresh)
            if fresh:
                take([k for k, _ in fresh], [d for _, d in fresh])

        extra = {"on_batch": once} if delivers_batches(self.underlying) else {}
        results = checked_drafts(self.underlying, self.underlying.translate(texts, progress, **extra), len(texts))
        once(list(range(len(texts))), results)  # those it did not hand over (an engine without on_batch: all)

    def _missing(self, source: str, translation: str) -> list[str]:
        return [t.source for t in self.glossary.missing(source, translation, self.target)]
