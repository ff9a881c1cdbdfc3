"""Writers of one record wait their turn in the API process instead of racing: 32 clients recording a repeatable
step on one case at once, without If-Match, all land (they used to run out of retries: 409 "too many concurrent
writers"), and so do 32 evaluations of one case and 32 trainings of one staff member. A case's turn holds up no
other case's writers, and between two processes (two apps on one store) a conflict is still resolved by running
the command again on the stored case. Both stores."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest
from litestar.testing import TestClient

from api.app import create_app
from api.commands import MAX_ATTEMPTS
from api.services import Services
from api.write_queue import WriteQueue
from infra.store import Store
from tests.api.conftest import World
from tests.api.test_concurrency import race
from tests.api.test_quality import GOOD
from tests.api.test_registries import TRAINING, staff

WRITERS = 32
EACH_PROCESS = MAX_ATTEMPTS - 1  # a writer loses at most once per write of the other process, so all land


def guided_case(world: World) -> UUID:
    """A case whose next step, guidance given, may be recorded again and again (at version 2)."""
    case_id = world.open_case(service_type="rights_assistance")
    assert world.step(case_id, "need_collected", description="商标被抢注").status_code == 201
    return case_id


def guide(client: TestClient[Any], world: World, case_id: UUID, content: str) -> httpx.Response:
    return client.post(
        f"/v1/cases/{case_id}/steps",
        json={"step": "guidance_given", "kind": "procedure_consultation", "content": content},
        headers=world.headers("staff_a"),
    )


def guidance_recorded(world: World, case_id: UUID) -> tuple[int, list[str]]:
    """The case's version and the content of every guidance given on it."""
    state = world.client.get(f"/v1/cases/{case_id}", headers=world.headers("staff_a")).json()
    return state["version"], [s["payload"]["content"] for s in state["steps"] if s["code"] == "guidance_given"]


def test_writers_on_one_case_all_land(world: World) -> None:
    case_id = guided_case(world)
    contents = [f"指导{n}" for n in range(WRITERS)]
    results = race(*(partial(guide, world.client, world, case_id, content) for content in contents))
    assert [r.status_code for r in results] == [201] * WRITERS, [r.text for r in results if r.status_code != 201]
    assert sorted(r.json()["version"] for r in results) == list(range(3, 3 + WRITERS))
    version, recorded = guidance_recorded(world, case_id)
    assert version == 2 + WRITERS
    assert sorted(recorded) == sorted(contents)


def test_evaluations_of_one_case_all_land(world: World) -> None:
    case_id = guided_case(world)
    respondents = [f"受访者{n}" for n in range(WRITERS)]
    results = race(
        *(
            partial(
                world.client.post,
                f"/v1/cases/{case_id}/evaluations",
                json={"respondent": respondent, **GOOD},
                headers=world.headers("staff_a"),
            )
            for respondent in respondents
        )
    )
    assert [r.status_code for r in results] == [201] * WRITERS, [r.text for r in results if r.status_code != 201]
    evaluations = world.client.get(f"/v1/cases/{case_id}/evaluations", headers=world.headers("staff_a")).json()
    assert sorted(e["respondent"] for e in evaluations) == sorted(respondents)


def test_trainings_of_one_staff_member_all_land(world: World) -> None:
    record_id, _ = staff(world, "full_time")
    topics = [f"培训{n}" for n in range(WRITERS)]
    results = race(
        *(
            partial(
                world.client.post,
                f"/v1/registries/staff/{record_id}/trainings",
                json={**TRAINING, "topic": topic},
                headers=world.headers("staff_a"),
            )
            for topic in topics
        )
    )
    assert [r.status_code for r in results] == [201] * WRITERS, [r.text for r in results if r.status_code != 201]
    record = world.client.get(f"/v1/registries/staff/{record_id}", headers=world.headers("viewer")).json()
    assert (record["version"], sorted(t["topic"] for t in record["trainings"])) == (1 + WRITERS, sorted(topics))


def test_a_case_waiting_its_turn_holds_up_no_other_case(world: World) -> None:
    waiting_case, other_case = guided_case(world), guided_case(world)
    services: Services = world.client.app.state.services
    portal = world.client.blocking_portal
    held, release = threading.Event(), asyncio.Event()

    async def hold_the_turn() -> None:
        async with services.commands.turns.turn(waiting_case):
            held.set()
            await release.wait()

    holder = portal.start_task_soon(hold_the_turn)
    assert held.wait(5)
    queued: list[httpx.Response] = []
    writer = threading.Thread(target=lambda: queued.append(guide(world.client, world, waiting_case, "排队")))
    writer.start()
    try:
        assert guide(world.client, world, other_case, "不排队").status_code == 201
        writer.join(0.3)
        assert not queued, "a writer went ahead of the case's turn"
    finally:
        portal.call(release.set)
        holder.result(5)
        writer.join(5)
    assert [r.status_code for r in queued] == [201]
    assert guidance_recorded(world, waiting_case) == (3, ["排队"])


async def test_a_record_is_queued_only_while_a_writer_holds_or_awaits_its_turn() -> None:
    queue, record = WriteQueue(), uuid4()
    wrote: list[str] = []

    async def write(name: str) -> None:
        async with queue.turn(record):
            wrote.append(name)

    async with queue.turn(record):
        second, gives_up, third = (asyncio.create_task(write(name)) for name in ("second", "gives up", "third"))
        await asyncio.sleep(0)  # each waits for the turn
        gives_up.cancel()
        wrote.append("first")
    await asyncio.gather(second, gives_up, third, return_exceptions=True)
    assert gives_up.cancelled()
    assert wrote == ["first", "second", "third"]
    assert len(queue) == 0


@pytest.fixture
def second_process(world: World) -> Iterator[TestClient[Any]]:
    """Another API process on the same database: its own store, cases kept and writers' turns."""
    store = Store(world.store.settings)
    try:
        with TestClient(create_app(store=store, run_projections=False, configure_logs=False)) as client:
            yield client
    finally:
        store.close()


def test_a_case_changed_by_another_process_is_written_on_its_stored_state(
    world: World, second_process: TestClient[Any]
) -> None:
    case_id = guided_case(world)  # this process keeps the case at version 2
    assert guide(second_process, world, case_id, "乙").status_code == 201
    answer = guide(world.client, world, case_id, "甲")  # the kept case is behind: its save conflicts
    assert answer.status_code == 201, answer.text
    assert answer.json()["version"] == 4
    assert guidance_recorded(world, case_id) == (4, ["乙", "甲"])


def test_writers_in_two_processes_all_land(world: World, second_process: TestClient[Any]) -> None:
    case_id = guided_case(world)
    writers: list[Callable[[], httpx.Response]] = [
        partial(guide, client, world, case_id, f"{name}{n}")
        for n in range(EACH_PROCESS)
        for name, client in (("甲", world.client), ("乙", second_process))
    ]
    results = race(*writers)
    assert [r.status_code for r in results] == [201] * len(writers), [r.text for r in results if r.status_code != 201]
    version, recorded = guidance_recorded(world, case_id)
    assert version == 2 + len(writers)
    assert len(recorded) == len(writers)
