"""Batch slots: how many batches run at once in this process, whichever model they belong to.

An :class:`l10n.engine.argos.ArgosEngine` runs its batches on ``workers`` threads;
each holds a slot while it has batches to translate, unless a thread of an earlier
``translate`` call waits for one (then it lets go after its batch). Engines on the
same device with the same number of workers share one set of slots, and a slot
goes to the earliest call still waiting for one (its ticket). So two languages
drafted at once (:func:`l10n.translate.run.draft_languages`) run one after the
other on every core, and the second one's batches fill the cores the first one
leaves idle (its model loading, its last batches): no core idles between them and
none is oversubscribed. Measured on 2 cores against both languages' workers
running at once: the latter took 13% more cpu (two models thrashing the caches).
"""

from __future__ import annotations

import heapq
import itertools
import threading

#: How long a waiting thread sleeps before it looks whether its call was cancelled.
WAKE_SECONDS = 0.5


class BatchSlots:
    """``count`` slots, handed out earliest ticket first."""

    def __init__(self, count: int):
        self.count = max(1, count)
        self._free = self.count
        self._waiting: list[int] = []  # a heap of the tickets of threads waiting for a slot
        self._changed = threading.Condition()
        self._tickets = itertools.count()

    def ticket(self) -> int:
        """A place in the queue for one ``translate`` call: earlier calls get slots first."""
        with self._changed:
            return next(self._tickets)

    def acquire(self, ticket: int, cancelled: threading.Event | None = None) -> bool:
        """Wait for a slot; False (and no slot) if ``cancelled`` is set first."""
        with self._changed:
            heapq.heappush(self._waiting, ticket)
            served = False
            try:
                while not (cancelled is not None and cancelled.is_set()):
                    if self._free and self._waiting[0] == ticket:
                        served = True
                        self._free -= 1
                        return True
                    self._changed.wait(WAKE_SECONDS)
                return False
            finally:
                self._waiting.remove(ticket)  # one of this ticket's places (its threads share it)
                heapq.heapify(self._waiting)
                if served or self._free:
                    self._changed.notify_all()  # the next waiter may now be first, or served by a free slot

    def earlier_waiting(self, ticket: int) -> bool:
        """Whether a thread of an earlier call waits for a slot (then a later call's thread gives its slot up)."""
        with self._changed:
            return bool(self._waiting) and self._waiting[0] < ticket

    def release(self) -> None:
        with self._changed:
            if self._free >= self.count:
                raise RuntimeError("a batch slot released more often than acquired")
            self._free += 1
            self._changed.notify_all()

    @property
    def free(self) -> int:
        with self._changed:
            return self._free


_SLOTS: dict[tuple[str, int], BatchSlots] = {}
_LOCK = threading.Lock()


def batch_slots(device: str, count: int) -> BatchSlots:
    """The process-wide slots for batches on ``device`` with ``count`` workers."""
    key = (device, max(1, count))
    with _LOCK:
        slots = _SLOTS.get(key)
        if slots is None:
            slots = _SLOTS[key] = BatchSlots(key[1])
    return slots
