"""The one command path: read what the command needs (from memory where this process kept it, else from the
store), let the domain decide, append; the same answer whichever the store was and whatever was kept.

Two `Commands` over two stores on one database stand for two API processes (each keeps its own cases)."""

from __future__ import annotations

import asyncio
from uuid import UUID

import pytest

from api.access import Principal
from api.commands import CaseOpening, Commands
from api.errors import Forbidden, NotFound
from domain.case import ServiceCase
from domain.provenance import Role
from infra.store import SNAPSHOT_EVERY
from tests.api.test_case_cache import ADMIN, NEED, guidance, meta, open_case, step, stored_steps

Processes = tuple[Commands, Commands]


def opening(who: Principal, institution: UUID, client: UUID) -> CaseOpening:
    return CaseOpening(who, "rights_assistance", institution, client, {"ip_type": "patent"}, meta())


def test_a_case_is_opened_alike_on_what_this_process_kept_and_on_what_it_reads(two_processes: Processes) -> None:
    here, elsewhere = two_processes
    first = here.store.get(open_case(here), ServiceCase)
    assert first is not None
    institution, client = first.institution_id, first.client_id
    kept = asyncio.run(here.open_case(opening(ADMIN, institution, client)))  # both registered here: kept
    read = asyncio.run(elsewhere.open_case(opening(ADMIN, institution, client)))  # read from the store
    cases = [elsewhere.store.get(result.id, ServiceCase) for result in (kept, read)]
    assert [(c.institution_id, c.client_id, c.version, c.client) for c in cases if c] == [
        (institution, client, 1, first.client)
    ] * 2
    assert (kept.version, read.version) == (1, 1)
    assert kept.position < read.position == elsewhere.store.position_of(read.id, 1)


def test_opening_refuses_on_what_it_reads_another_institution_and_unknown_records(two_processes: Processes) -> None:
    here, elsewhere = two_processes
    first = here.store.get(open_case(here), ServiceCase)
    assert first is not None
    outsider = Principal("staff-b", Role.STAFF, UUID(int=7))
    for commands in (here, elsewhere):
        with pytest.raises(Forbidden):
            asyncio.run(commands.open_case(opening(outsider, first.institution_id, first.client_id)))
        with pytest.raises(NotFound) as missing:
            asyncio.run(commands.open_case(opening(ADMIN, UUID(int=1), UUID(int=2))))
        assert [field for field, _ in missing.value.extra["errors"]] == ["institution_id", "client_id"]


def test_a_step_due_a_snapshot_is_saved_with_its_snapshot_and_the_case_goes_on(two_processes: Processes) -> None:
    here, elsewhere = two_processes
    case_id = open_case(here)
    step(here, case_id, "need_collected", NEED)
    while (version := step(here, case_id, "guidance_given", guidance(0))) < SNAPSHOT_EVERY:
        pass
    snapshots = here.store.app.snapshots
    assert snapshots is not None
    assert [s.originator_version for s in snapshots.get(case_id, desc=True, limit=1)] == [SNAPSHOT_EVERY]
    assert step(here, case_id, "guidance_given", guidance(version)) == SNAPSHOT_EVERY + 1  # kept after its save
    assert step(elsewhere, case_id, "guidance_given", guidance(version)) == SNAPSHOT_EVERY + 2  # from the snapshot
    assert stored_steps(here, case_id)[-3:] == ["guidance_given"] * 3
