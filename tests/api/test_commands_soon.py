"""The common commands on the event loop (`*_soon`): they save only when all they read is in memory and the
store's group-commit writer can answer the loop (PostgreSQL); anything else is left, with nothing saved, to
the thread-side command, which decides on the stored state."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar
from uuid import UUID

from api.access import Principal
from api.commands import CaseOpening, Commands, Idempotency, StepRecording, WriteResult
from domain.case import ServiceCase
from domain.provenance import Role
from infra.store import SNAPSHOT_EVERY
from tests.api.test_case_cache import ADMIN, NEED, guidance, meta, open_case, step, stored_steps

T = TypeVar("T")
Processes = tuple[Commands, Commands]


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coroutine)


def step_soon(commands: Commands, case_id: UUID, code: str, payload: dict[str, Any], **kw: Any) -> WriteResult | None:
    return run(commands.record_step_soon(StepRecording(ADMIN, case_id, code, payload, meta(), **kw)))


def test_a_kept_case_is_stepped_on_the_loop_where_the_store_allows(two_processes: Processes) -> None:
    here, _ = two_processes
    case_id = open_case(here)
    step(here, case_id, "need_collected", NEED)
    done = step_soon(here, case_id, "guidance_given", guidance(1))
    if here.store.dialect == "postgres":
        assert done is not None
        assert (done.id, done.version) == (case_id, 3)
        assert done.position == here.store.position_of(case_id, 3)
        assert stored_steps(here, case_id) == ["need_collected", "guidance_given"]
        assert step_soon(here, case_id, "guidance_given", guidance(2)) is not None  # kept again after its save
    else:  # SQLite's recorder has no writer to answer the loop: the thread-side command does it
        assert done is None
        assert stored_steps(here, case_id) == ["need_collected"]
    assert step(here, case_id, "guidance_given", guidance(3)) > 2


def test_a_case_written_elsewhere_is_left_to_the_thread_side_command(two_processes: Processes) -> None:
    here, elsewhere = two_processes
    case_id = open_case(here)
    step(here, case_id, "need_collected", NEED)  # kept here at version 2
    step(elsewhere, case_id, "guidance_given", guidance(1))
    assert step_soon(here, case_id, "guidance_given", guidance(2)) is None  # its save conflicted
    assert stored_steps(here, case_id) == ["need_collected", "guidance_given"]
    assert step(here, case_id, "guidance_given", guidance(2)) == 4


def test_a_refusal_a_stale_if_match_or_a_key_is_never_answered_on_the_loop(two_processes: Processes) -> None:
    here, elsewhere = two_processes
    case_id = open_case(here)  # kept just opened: guidance needs the need first
    step(elsewhere, case_id, "need_collected", NEED)
    assert step_soon(here, case_id, "guidance_given", guidance(1)) is None
    assert step(here, case_id, "guidance_given", guidance(1)) == 3  # the stored case allows it
    assert step_soon(here, case_id, "guidance_given", guidance(2), if_match=2) is None
    step(here, case_id, "guidance_given", guidance(2))
    assert step_soon(here, case_id, "guidance_given", guidance(3), idem=Idempotency("k", "fp")) is None
    assert stored_steps(here, case_id) == ["need_collected", "guidance_given", "guidance_given"]


def test_a_step_due_a_snapshot_is_saved_in_a_thread(two_processes: Processes) -> None:
    here, _ = two_processes
    case_id = open_case(here)
    step(here, case_id, "need_collected", NEED)
    while (version := step(here, case_id, "guidance_given", guidance(0))) < SNAPSHOT_EVERY - 1:
        pass
    assert step_soon(here, case_id, "guidance_given", guidance(version)) is None
    assert step(here, case_id, "guidance_given", guidance(version)) == SNAPSHOT_EVERY
    snapshots = here.store.app.snapshots
    assert snapshots is not None
    assert [s.originator_version for s in snapshots.get(case_id, desc=True, limit=1)] == [SNAPSHOT_EVERY]


def test_opening_on_the_loop_needs_the_institution_and_client_loaded_and_visible(two_processes: Processes) -> None:
    here, elsewhere = two_processes
    opened = here.store.get(open_case(here), ServiceCase)  # loads (and keeps) its institution and client
    assert opened is not None
    institution, client = opened.institution_id, opened.client_id

    def open_soon(commands: Commands, who: Any = ADMIN) -> WriteResult | None:
        intake = {"ip_type": "patent"}
        return run(commands.open_case_soon(CaseOpening(who, "rights_assistance", institution, client, intake, meta())))

    assert open_soon(elsewhere) is None  # nothing loaded in that process yet
    done = open_soon(here)
    if here.store.dialect == "postgres":
        assert done is not None
        case = here.store.get(done.id, ServiceCase)
        assert case is not None
        assert (case.institution_id, case.client_id, case.version) == (institution, client, 1)
        other_institution = Principal("staff-b", Role.STAFF, UUID(int=7))
        assert open_soon(here, other_institution) is None
    else:
        assert done is None
