"""What the handlers reach: the store, the write use cases, the runner, the key and history caches."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ParamSpec, TypeVar

from api.access import Principal
from api.commands import Commands
from api.event_rendering import HistoryCache
from domain.provenance import Role
from infra.keys import verify_key
from infra.store import Store
from projections.runner import Runner, RunnerThread

P = ParamSpec("P")
T = TypeVar("T")
KEY_CACHE_SECONDS = 30.0


@dataclass
class Services:
    store: Store
    commands: Commands
    runner: Runner
    runner_thread: RunnerThread | None = None
    histories: HistoryCache = field(default_factory=HistoryCache)
    key_cache: dict[str, tuple[float, Principal]] = field(default_factory=dict)  # presented key: (expiry, whose)

    @classmethod
    def build(cls, store: Store, runner: Runner) -> Services:
        histories = HistoryCache(store.settings.history_cache_mb * 1024 * 1024)
        return cls(store, Commands(store), runner, histories=histories)

    async def call(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Blocking store work, in one of the store's worker threads (`Store.run`)."""
        return await self.store.run(fn, *args, **kwargs)

    async def principal(self, presented: str) -> Principal | None:
        """The key's principal. Keys that authenticated are cached briefly (a revoked key stops within 30 s);
        an unknown one is looked up each time, so that what an unauthenticated client sends is not kept."""
        now = time.monotonic()
        cached = self.key_cache.get(presented)
        if cached is not None and cached[0] > now:
            return cached[1]
        record = await self.call(verify_key, self.store.db, presented)
        if record is None:
            self.key_cache.pop(presented, None)
            return None
        principal = Principal(record.key_id, Role(record.role), record.institution_id)
        self.key_cache[presented] = (now + KEY_CACHE_SECONDS, principal)
        return principal
