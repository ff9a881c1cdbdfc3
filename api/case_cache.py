"""The cases this process saved last, kept so that the next command on one does not load it again.

Trusting a kept case is safe for a write because of how it is saved: the next event's version is the kept
version plus one, and the store refuses a version that is already taken. A case changed meanwhile by
another process (or another request here) makes the save conflict, and the command runs again on the
stored state. What a kept case may not decide alone is a refusal (a step not allowed, a stale If-Match):
`Commands.record_step` asks the stored case again before giving one (`_refusing_only_on_stored_state`).

A command takes the case out while it works on it (two requests never share one object) and it is put back
only after its events are saved, so a command that failed halfway can never leave a half-changed case here.
Bounded by the events the kept cases hold (a case's version), least recently saved dropped first.
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

    def take(self, case_id: UUID) -> ServiceCase | None:
        with self._lock:
            case = self._cases.pop(case_id, None)
            if case is not None:
                self._events -= case.version
            return case

    def keep(self, case: ServiceCase) -> None:
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
