"""Drafting on a Dask distributed cluster (``l10n translate --cluster ADDRESS``; the ``l10n[cluster]`` extra).

The driver (the ``l10n translate`` process) keeps the catalogs, the project lock
and the draft store; the workers only turn shards of distinct segments into
drafts with the same Argos engine code as a local run.

- :mod:`l10n.cluster.connect` — the address (``tcp://host:8786``, ``local[:N]``), the client, clear errors;
- :mod:`l10n.cluster.shards` — length-sorted shards of a few thousand tokens (pure functions);
- :mod:`l10n.cluster.shipping` — which package a worker needs, checked by digest; shipping it;
- :mod:`l10n.cluster.worker` — what runs on a worker: one engine per process, a shard's drafts;
- :mod:`l10n.cluster.engine` — the driver's Engine: shards submitted, drafts handed over as they finish.

No module here imports dask or distributed at load time: the session imports
them when it first connects (:func:`l10n.cluster.connect.require_distributed`).
"""

from l10n.cluster.connect import ClusterSession, parse_address

__all__ = ["ClusterSession", "parse_address"]
