"""What the handlers reach: the store, the write use cases and writers' turns, the runner, a bounded thread pool."""

from __future__ import annotations

import asyncio
import contextvars
import functools
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import ParamSpec, TypeVar
from uuid import UUID

from api.access import Principal
from api.commands import Commands
from api.event_rendering import HistoryCache
from api.write_queue import WriteQueue
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
    workers: ThreadPoolExecutor
    runner_thread: RunnerThread | None = None
    writes: WriteQueue = field(default_factory=WriteQueue)  # a command changing a record waits for its turn
    histories: HistoryCache = field(default_factory=HistoryCache)
    key_cache: dict[str, tuple[float, Principal]] = field(default_factory=dict)  # presented key: (expiry, whose)

    @classmethod
    def build(cls, store: Store, runner: Runner) -> Services:
        histories = HistoryCache(store.settings.history_cache_mb * 1024 * 1024)
        workers = ThreadPoolExecutor(store.settings.pool_size, thread_name_prefix="ipps-store")
        return cls(store, Commands(store), runner, workers, histories=histories)

    async def call(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run blocking store work in a thread, never more at once than the database pool holds, with the
        request's context (its log fields). A plain executor, not anyio's `to_thread`, whose limiter, cancel scope
        and backend lookups cost more CPU than the hop itself."""
        context = contextvars.copy_context()
        call = functools.partial(context.run, fn, *args, **kwargs)
        return await asyncio.get_running_loop().run_in_executor(self.workers, call)

    async def call_in_turn(self, record_id: UUID, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """`call`, in the record's turn: no other writer of this process changes it meanwhile (api/write_queue)."""
        async with self.writes.turn(record_id):
            return await self.call(fn, *args, **kwargs)

    async def command(
        self, soon: Callable[P, Awaitable[T | None]], in_thread: Callable[P, T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """A command on the event loop where it can (`soon` answers None where it cannot), else in a thread."""
        done = await soon(*args, **kwargs)
        return done if done is not None else await self.call(in_thread, *args, **kwargs)

    def close(self) -> None:
        self.workers.shutdown(wait=True)

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
