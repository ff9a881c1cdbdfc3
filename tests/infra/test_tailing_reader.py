"""16 writers and a reader tailing the global log: the reader sees every event exactly once, in the
final order — no event that commits later with a lower position is ever skipped (group commit keeps the
table lock per batch, so positions are handed out in commit order)."""

from __future__ import annotations

import os
import threading
import time
import uuid
from datetime import UTC, datetime

from domain.case import ServiceCase
from domain.provenance import Actor, Provenance
from infra.settings import Settings
from infra.store import Store

WRITERS = 16
SECONDS = float(os.environ.get("IPPS_TAIL_SECONDS", "20"))


def test_a_tailing_reader_sees_every_event_once_in_the_final_order(settings: Settings) -> None:
    store = Store(Settings(**{**vars(settings), "pool_size": WRITERS + 4}))
    meta = Provenance(actor=Actor("k", "staff", uuid.uuid4()), now=datetime.now(UTC))
    seconds = SECONDS if store.dialect == "postgres" else min(SECONDS, 5.0)
    stop = threading.Event()
    writers_done = threading.Event()
    errors: list[BaseException] = []
    written = [0] * WRITERS

    def write(n: int) -> None:
        try:
            while not stop.is_set():
                case = ServiceCase.open("rights_assistance", uuid.uuid4(), uuid.uuid4(), {"ip_type": "patent"}, meta)
                case.record_step("need_collected", {"description": "并发"}, meta)  # two events per commit
                store.save(case)
                written[n] += 2
        except BaseException as exc:
            errors.append(exc)

    seen: list[int] = []

    def tail() -> None:
        after = 0
        while not writers_done.is_set() or after < store.max_position():
            batch = store.notifications(after, 500)
            for notification in batch:
                seen.append(notification.id)
            if batch:
                after = batch[-1].id
            else:
                time.sleep(0.001)

    try:
        threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
        reader = threading.Thread(target=tail)
        for thread in [*threads, reader]:
            thread.start()
        time.sleep(seconds)
        stop.set()
        for thread in threads:
            thread.join(60)
        writers_done.set()
        reader.join(60)
        assert not errors, errors[:3]
        final = [n.id for n in store.notifications(0, 10_000_000)]
        assert len(final) == sum(written) > WRITERS
        assert seen == final  # every event, once, in the final order
    finally:
        store.close()
