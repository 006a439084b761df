"""The Argos package index: fetching ``index.json`` and downloading a pair's package."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

from l10n.atomic import atomic_writer
from l10n.engine.packages import DownloadProgress, _version_key, index_url
from l10n.errors import L10nError


def _fetch(url: str, timeout: float = 30.0):
    try:
        return urllib.request.urlopen(url, timeout=timeout)  # noqa: S310 (http(s) URLs from the index)
    except (urllib.error.URLError, OSError, ValueError) as err:
        reason = getattr(err, "reason", err)
        raise L10nError(
            f"cannot reach {url}: {reason} (offline? install from a file: l10n models install FILE.argosmodel)"
        ) from None


def fetch_index(url: str | None = None) -> list[dict]:
    """The Argos package index (a JSON list of package metadata with ``links``)."""
    url = index_url() if url is None else url
    with _fetch(url) as response:
        data = response.read()
    try:
        index = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        raise L10nError(f"the package index at {url} is not valid JSON: {err}") from None
    if not isinstance(index, list):
        raise L10nError(f"the package index at {url} is not a JSON list")
    return [entry for entry in index if isinstance(entry, dict)]


def download(url: str, dest: Path, progress: DownloadProgress | None = None) -> Path:
    """Download ``url`` to ``dest`` (atomically: a temp file renamed at the end)."""
    dest = Path(dest)
    with atomic_writer(dest, suffix=".part") as out, _fetch(url) as response:
        length = response.headers.get("Content-Length")
        total = int(length) if length and length.isdigit() else None
        done = 0
        while True:
            try:
                block = response.read(1 << 16)
            except OSError as err:
                raise L10nError(f"download of {url} failed: {err}") from None
            if not block:
                break
            out.write(block)
            done += len(block)
            if progress is not None:
                progress(done, total, dest.name)
        if total is not None and done != total:
            raise L10nError(f"download of {url} is incomplete ({done} of {total} bytes)")
    return dest


def download_pair(
    source: str,
    target: str,
    folder: Path,
    progress: DownloadProgress | None = None,
    index: str | None = None,
) -> Path:
    """Download the newest index package for ``source`` -> ``target`` into ``folder``; its path."""
    url = index_url() if index is None else index
    entries = [
        e
        for e in fetch_index(url)
        if e.get("from_code") == source
        and e.get("to_code") == target
        and e.get("type", "translate") == "translate"
        and e.get("links")
    ]
    if not entries:
        raise L10nError(f"the package index at {url} has no package for {source}->{target}")
    entry = max(entries, key=lambda e: _version_key(str(e.get("package_version", ""))))
    errors = []
    for link in entry["links"]:
        dest = Path(folder) / f"translate-{source}_{target}.argosmodel"
        try:
            return download(str(link), dest, progress)
        except L10nError as err:
            errors.append(str(err))
    raise L10nError("; ".join(errors) or f"no usable link for {source}->{target}")
