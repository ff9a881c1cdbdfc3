"""Services.call (Store.run): store work in worker threads, bounded by the pool, with the request's log fields."""

from __future__ import annotations

import asyncio
import threading
import time

import structlog

from api.services import Services
from infra.store import Store
from projections.runner import Runner


def test_store_work_runs_in_a_thread_with_the_request_context_and_within_the_pool(store: Store) -> None:
    services = Services.build(store, Runner(store))
    running, most = [0], [0]
    lock = threading.Lock()

    def work() -> tuple[int, object]:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.01)
        with lock:
            running[0] -= 1
        return threading.get_ident(), structlog.contextvars.get_contextvars().get("request_id")

    async def requests() -> list[tuple[int, object]]:
        async def one(n: int) -> tuple[int, object]:
            with structlog.contextvars.bound_contextvars(request_id=f"r{n}"):
                return await services.call(work)

        return await asyncio.gather(*(one(n) for n in range(3 * store.settings.pool_size)))

    answers = asyncio.run(requests())
    assert [request_id for _, request_id in answers] == [f"r{n}" for n in range(3 * store.settings.pool_size)]
    assert threading.get_ident() not in {thread for thread, _ in answers}
    assert 1 < most[0] <= store.settings.pool_size
