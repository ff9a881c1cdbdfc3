"""Commands trust the case they saved last, and stay right when another process wrote the case since.

Two `Commands` over two stores on one database stand for two API processes (each keeps its own cases).
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

import pytest

from api.access import Principal
from api.commands import CaseOpening, Commands, StepRecording
from api.errors import NotFound, PreconditionFailed
from domain.case import ServiceCase
from domain.errors import DomainError
from domain.provenance import Actor, Provenance, Role
from infra.case_cache import CaseCache
from infra.settings import Settings
from infra.store import Store

ADMIN = Principal("admin-key", Role.ADMIN, None)
NEED = {"description": "外观设计被仿冒，需取证指导"}


def meta() -> Provenance:
    return Provenance(actor=Actor("admin-key", "admin", None), now=datetime.now(UTC), correlation_id="c")


def guidance(n: int) -> dict[str, Any]:
    return {"kind": "evidence_collection", "content": f"第{n}次取证指导"}


def open_case(commands: Commands) -> UUID:
    institution = {"name": "西宁市知识产权保护中心", "kind": "protection_center"}
    client = {
        "name": "青海盐湖新材料有限公司",
        "kind": "innovator",
        "innovator_kind": "enterprise",
        "enterprise_size": "small",
    }
    institution_id = asyncio.run(commands.register_institution(ADMIN, institution, meta(), None)).id
    client_id = asyncio.run(commands.register_client(ADMIN, client, meta(), None)).id
    opening = CaseOpening(ADMIN, "rights_assistance", institution_id, client_id, {"ip_type": "patent"}, meta())
    return asyncio.run(commands.open_case(opening)).id


def step(commands: Commands, case_id: UUID, code: str, payload: dict[str, Any], if_match: int | None = None) -> int:
    return asyncio.run(commands.record_step(StepRecording(ADMIN, case_id, code, payload, meta(), if_match))).version


def stored_steps(commands: Commands, case_id: UUID) -> list[str]:
    case = commands.store.get(case_id, ServiceCase)
    assert case is not None
    return case.steps


def test_the_next_command_on_a_case_finds_it_kept(two_processes: tuple[Commands, Commands]) -> None:
    here, _ = two_processes
    case_id = open_case(here)
    assert here.store.cases.events == 1
    assert step(here, case_id, "need_collected", NEED) == 2
    kept = here.store.cases.check_out(case_id)
    assert kept is not None
    assert kept.version == 2
    assert kept.steps == ["need_collected"]


def test_a_case_written_elsewhere_meanwhile_is_written_after_it(two_processes: tuple[Commands, Commands]) -> None:
    here, elsewhere = two_processes
    case_id = open_case(here)
    step(here, case_id, "need_collected", NEED)  # kept here at version 2
    assert step(elsewhere, case_id, "guidance_given", guidance(1)) == 3
    # here still keeps version 2: its save conflicts and the command runs again on the stored case
    assert step(here, case_id, "guidance_given", guidance(2)) == 4
    assert stored_steps(here, case_id) == ["need_collected", "guidance_given", "guidance_given"]
    case = here.store.get(case_id, ServiceCase)
    assert case is not None
    assert [p["content"] for _, p in case.recorded[1:]] == ["第1次取证指导", "第2次取证指导"]


def test_a_step_the_kept_case_refuses_is_asked_of_the_stored_case(two_processes: tuple[Commands, Commands]) -> None:
    here, elsewhere = two_processes
    case_id = open_case(here)  # kept here just opened: guidance needs the need collected first
    step(elsewhere, case_id, "need_collected", NEED)
    assert step(here, case_id, "guidance_given", guidance(1)) == 3


@pytest.mark.parametrize(("if_match", "lands"), [(3, True), (2, False)])
def test_if_match_is_judged_on_the_stored_version(
    two_processes: tuple[Commands, Commands], if_match: int, lands: bool
) -> None:
    here, elsewhere = two_processes
    case_id = open_case(here)
    step(here, case_id, "need_collected", NEED)
    step(elsewhere, case_id, "guidance_given", guidance(1))  # stored version 3; here keeps 2
    if lands:
        assert step(here, case_id, "guidance_given", guidance(2), if_match=if_match) == 4
    else:
        with pytest.raises(PreconditionFailed):
            step(here, case_id, "guidance_given", guidance(2), if_match=if_match)
        assert stored_steps(here, case_id) == ["need_collected", "guidance_given"]


def test_a_refusal_that_holds_on_the_stored_case_is_given(two_processes: tuple[Commands, Commands]) -> None:
    here, _ = two_processes
    case_id = open_case(here)
    step(here, case_id, "need_collected", NEED)
    with pytest.raises(DomainError):
        step(here, case_id, "need_collected", NEED)  # not repeatable
    assert stored_steps(here, case_id) == ["need_collected"]
    assert step(here, case_id, "guidance_given", guidance(1)) == 3


def test_a_kept_case_is_still_hidden_from_another_institution(two_processes: tuple[Commands, Commands]) -> None:
    here, _ = two_processes
    case_id = open_case(here)
    outsider = Principal("staff-key", Role.STAFF, uuid4())
    with pytest.raises(NotFound):
        asyncio.run(here.record_step(StepRecording(outsider, case_id, "need_collected", NEED, meta())))
    assert stored_steps(here, case_id) == []


def test_no_cases_are_kept_when_the_budget_is_zero(settings: Settings) -> None:
    store = Store(replace(settings, case_cache_events=0))
    try:
        commands = Commands(store)
        case_id = open_case(commands)
        assert len(commands.store.cases) == 0
        assert step(commands, case_id, "need_collected", NEED) == 2
    finally:
        store.close()


def kept(version: int) -> ServiceCase:
    case = ServiceCase.open("rights_assistance", uuid4(), uuid4(), {"ip_type": "patent"}, meta())
    for n in range(version - 1):
        case.record_step("need_collected" if n == 0 else "guidance_given", NEED if n == 0 else guidance(n), meta())
    case.collect_events()
    return case


def test_the_cache_is_bounded_by_events_least_recently_saved_first() -> None:
    cache = CaseCache(max_events=6)
    a, b, c = kept(2), kept(3), kept(2)
    for case in (a, b, c):
        cache.put_back(case)
    assert (len(cache), cache.events) == (2, 5)
    assert cache.check_out(a.id) is None  # dropped: it was saved first
    assert cache.check_out(b.id) is b
    assert cache.check_out(c.id) is c
    assert cache.events == 0
    cache.put_back(kept(7))  # larger than the whole budget: not kept
    assert len(cache) == 0


def test_a_slower_request_cannot_put_back_an_older_version() -> None:
    cache = CaseCache(max_events=100)
    newer = kept(3)
    older = kept(2)
    older._id = newer.id  # the same case, as a request that saved before the other one had it
    cache.put_back(newer)
    cache.put_back(older)
    assert cache.check_out(newer.id) is newer
    assert cache.events == 0


def test_the_budget_is_a_setting() -> None:
    assert Settings.from_env({"IPPS_CASE_CACHE_EVENTS": "0"}).case_cache_events == 0
    assert Settings.from_env({}).case_cache_events == 2_000
