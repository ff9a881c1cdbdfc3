"""The cases this process saved last, kept in memory so that the next command on one does not read it again.

The invariant: a kept case is exactly as this process saved it, with no event pending. The store may hold later
versions (another process wrote since), so a kept case is good for deciding a write and nothing else: the write is
saved only if its first version is still free (`Store.append` answers `Conflict` otherwise), and a refusal decided
on it is asked again of the stored case (`Commands.write`). A command checks the case out while it decides (no two
commands share one object); `Store.append` puts it back once saved, so a command that failed halfway never leaves
a half-changed case here. Bounded by the events the kept cases hold (their versions), least recently saved first out.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from uuid import UUID

from domain.case import ServiceCase


class CaseCache:
    def __init__(self, max_events: int) -> None:
        self.max_events = max_events
        self._cases: OrderedDict[UUID, ServiceCase] = OrderedDict()
        self._events = 0
        self._lock = threading.Lock()

    def check_out(self, case_id: UUID) -> ServiceCase | None:
        with self._lock:
            case = self._cases.pop(case_id, None)
            if case is not None:
                self._events -= case.version
            return case

    def put_back(self, case: ServiceCase) -> None:
        """Keep a case whose events are all saved (none pending)."""
        if case.version > self.max_events:
            return
        with self._lock:
            earlier = self._cases.pop(case.id, None)
            if earlier is not None:
                self._events -= earlier.version
                case = max(earlier, case, key=lambda kept: kept.version)  # a slower request saved before
            self._cases[case.id] = case
            self._events += case.version
            while self._events > self.max_events:
                _, dropped = self._cases.popitem(last=False)
                self._events -= dropped.version

    @property
    def events(self) -> int:
        return self._events

    def __len__(self) -> int:
        return len(self._cases)
