"""Progress shown on stderr while a command runs: drafting and download bars."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

import typer

from l10n.cli.render import human_size


@contextlib.contextmanager
def drafting(enabled: bool) -> Iterator:
    """A bar per language on stderr (only on a terminal), fed by ``progress(lang, done, total)``."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    console = Console(stderr=True)
    if not enabled or not console.is_terminal:
        yield None
        return
    with Progress(TextColumn("drafting {task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=False) as bar:
        yield _bar_per_label(bar)


@contextlib.contextmanager
def downloads() -> Iterator:
    """A download bar on stderr when it is a terminal; otherwise a line per finished download.

    Fed by ``progress(done_bytes, total_bytes_or_None, label)``.
    """
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TransferSpeedColumn,
    )

    console = Console(stderr=True)
    if not console.is_terminal:
        finished: set[str] = set()

        def report(done: int, total: int | None, label: str) -> None:
            if total is not None and done >= total and label not in finished:
                finished.add(label)
                typer.echo(f"downloaded {label} ({human_size(done)})", err=True)

        yield report
        return
    # binary units, as the "downloaded ... KB" line and "models list" count (kB and KB disagreed by 2.4%)
    with Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(binary_units=True),
                  TransferSpeedColumn(), console=console) as bar:
        update = _bar_per_label(bar)
        yield lambda done, total, label: update(label, done, total)


def _bar_per_label(bar) -> Callable[[str, int, "int | None"], None]:
    """``update(label, done, total)`` for a rich Progress: a task per label, added when first seen."""
    tasks: dict[str, object] = {}

    def update(label: str, done: int, total: int | None) -> None:
        if label not in tasks:
            tasks[label] = bar.add_task(label, total=total)
        bar.update(tasks[label], completed=done, total=total)

    return update
