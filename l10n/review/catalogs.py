"""The project's parsed catalogs, kept for one review server (its pages and their progress)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from l10n.catalog.files import CatalogFile


class CatalogCache:
    """The project's parsed catalogs, kept for one review server: a catalog is parsed again only when
    its size, modification time or inode changed (an action, an editor's save, a translate run), so a
    page of 300 segments does not parse every file on every request. What it returns is shared:
    only read it (an action reads its own copy to change)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._parsed: dict[Path, tuple[tuple[int, int, int], CatalogFile]] = {}

    def read(self, path: Path) -> CatalogFile | None:
        """:func:`l10n.catalog.files.read_catalog`, from the cache while the file is unchanged."""
        from l10n.catalog.files import read_catalog

        try:
            info = os.stat(path)
        except FileNotFoundError:
            return None
        except OSError:
            return read_catalog(path)  # its own clear error
        key = (info.st_size, info.st_mtime_ns, info.st_ino)
        with self._lock:
            held = self._parsed.get(path)
        if held is not None and held[0] == key:
            return held[1]
        found = read_catalog(path)
        if found is not None:
            with self._lock:
                self._parsed[path] = (key, found)
        return found
