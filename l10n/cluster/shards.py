"""Shards: the unit of work sent to a cluster worker (pure functions, no Dask).

A shard is a list of segment indexes, length-sorted and cut so that
``len(shard) * longest <= budget`` tokens (the Argos engine's own batching rule,
:func:`l10n.engine.argos.token_batches`, at a larger budget): a few thousand
tokens is seconds of work for a worker, long enough that scheduling and
serialization (milliseconds) do not count, short enough that a lost worker
loses little and the drafts reach the store often.
"""

from __future__ import annotations

from collections.abc import Sequence

from l10n.engine.argos import token_batches

#: Tokens per shard (``len(shard) * longest``): about 130 news sentences of 30 tokens.
DEFAULT_SHARD_TOKENS = 4096
#: A small run's shards shrink so that every worker thread gets two, but not below this.
MIN_SHARD_TOKENS = 256


def shard_budget(lengths: Sequence[int], threads: int, budget: int = DEFAULT_SHARD_TOKENS) -> int:
    """``budget``, or less for a run too small to give each of ``threads`` two shards of it."""
    share = -(-sum(max(n, 1) for n in lengths) // (2 * max(1, threads)))
    return max(1, min(budget, max(MIN_SHARD_TOKENS, share)))


def plan_shards(lengths: Sequence[int], budget: int = DEFAULT_SHARD_TOKENS) -> list[list[int]]:
    """Indexes into ``lengths`` cut into length-sorted shards, the most work first.

    The biggest shards go first so that the last ones, which run while other
    workers may already be idle, are the smallest.
    """
    if budget < 1:
        raise ValueError("a shard budget must be at least one token")
    shards = token_batches(lengths, budget)
    return sorted(shards, key=lambda shard: -len(shard) * max(max(lengths[i] for i in shard), 1))


def shard_work(shard: Sequence[int], lengths: Sequence[int]) -> int:
    """The tokens a shard costs (its padded size)."""
    return len(shard) * max((lengths[i] for i in shard), default=0)
