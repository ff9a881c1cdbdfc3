"""5.2.3 区域重点企业精准服务: the table, and the annual key-enterprise directory that the listing step
keeps as its companion (a rule across cases: an enterprise is listed at most once a year, and only
innovator enterprises are listed)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID, uuid4

import pytest
from eventsourcing.domain import Aggregate

from domain.case import CLOSED, ServiceCase
from domain.catalogue import service_type
from domain.errors import InvalidEffectiveTime, InvalidPayload, RuleBroken, StepNotAllowed
from domain.key_enterprise_directory import KeyEnterpriseDirectory
from domain.lifecycle import OPENED
from tests.domain.helpers import INSTITUTION_ID, NOW, STAFF, alone, meta

TYPE = "key_enterprise"
START = NOW - timedelta(days=60)
ENTERPRISE: dict[str, Any] = {
    "name": "青海高原光伏材料股份有限公司",
    "kind": "innovator",
    "innovator_kind": "enterprise",
    "enterprise_size": "medium",
    "designations": ["specialised_sme", "national_advantage"],
}

VALID: dict[str, dict[str, Any]] = {
    "directory_listed": {"year": 2026, "industry": "photovoltaic", "basis": "专精特新“小巨人”企业"},
    "enterprise_visited": {"visited_on": "2026-02-26", "visitors": ["张磊"], "needs": "海外专利风险排查"},
    "point_to_point_service": {
        "served_on": "2026-03-12",
        "topic": "海外专利风险排查",
        "content": "出具自由实施风险提示",
        "served_by": ["张磊"],
    },
    "annual_service_concluded": {"summary": "全年走访2次", "satisfaction": 5},
}

SERVED = {"directory_listed", "enterprise_visited", "point_to_point_service"}

# step -> (clause, steps it may directly follow, repeatable, closes the case)
EXPECTED: dict[str, tuple[str, set[str], bool, bool]] = {
    "directory_listed": ("5.2.3.a", {OPENED}, False, False),
    "enterprise_visited": ("5.2.3.b", SERVED, True, False),
    "point_to_point_service": ("5.2.3.b", SERVED - {"directory_listed"}, True, False),
    "annual_service_concluded": ("5.2.3", {"point_to_point_service"}, False, True),
}

PATH_TO: dict[str, tuple[str, ...]] = {
    OPENED: (),
    "directory_listed": ("directory_listed",),
    "enterprise_visited": ("directory_listed", "enterprise_visited"),
    "point_to_point_service": ("directory_listed", "enterprise_visited", "point_to_point_service"),
    "annual_service_concluded": (
        "directory_listed",
        "enterprise_visited",
        "point_to_point_service",
        "annual_service_concluded",
    ),
}


class Saved:
    """Aggregates as a store keeps them: their events, replayed into a fresh object on every load."""

    def __init__(self) -> None:
        self.events: dict[UUID, list[Any]] = {}

    def load(self, aggregate_id: UUID) -> Aggregate | None:
        found = self.events.get(aggregate_id)
        if not found:
            return None
        aggregate = None
        for event in found:
            aggregate = event.mutate(aggregate)
        assert isinstance(aggregate, Aggregate)
        return aggregate

    def save(self, *aggregates: Aggregate) -> None:
        for aggregate in aggregates:
            self.events.setdefault(aggregate.id, []).extend(aggregate.collect_events())

    def directory(self, year: int) -> KeyEnterpriseDirectory:
        found = self.load(KeyEnterpriseDirectory.create_id(year))
        assert isinstance(found, KeyEnterpriseDirectory)
        return found


def open_case(client: dict[str, Any] | None = None, client_id: UUID | None = None) -> ServiceCase:
    return ServiceCase.open(
        TYPE, INSTITUTION_ID, client_id or uuid4(), {}, meta(effective_at=START), client or ENTERPRISE
    )


def record(case: ServiceCase, code: str, saved: Saved | None = None, **changes: Any) -> list[Aggregate]:
    at = START + timedelta(hours=len(case.steps) + 1)
    load = saved.load if saved is not None else alone
    companions = case.record_step(code, {**VALID[code], **changes}, meta(effective_at=at), load=load)
    if saved is not None:
        saved.save(case, *companions)
    return companions


def walk(steps: tuple[str, ...]) -> ServiceCase:
    case = open_case()
    for code in steps:
        record(case, code)
    return case


def test_5_2_3_table_has_exactly_the_steps_clauses_and_rules_of_the_standard() -> None:
    kind = service_type(TYPE)
    assert kind.clause == "5.2.3"
    assert {s.code: (s.clause, set(s.follows), s.repeatable, s.closes) for s in kind.steps} == EXPECTED
    assert kind.step("directory_listed").companion is not None


@pytest.mark.parametrize(("last", "step"), [(last, step) for last in PATH_TO for step in EXPECTED])
def test_5_2_3_step_allowed_exactly_after_the_steps_it_follows(last: str, step: str) -> None:
    history = PATH_TO[last]
    case = walk(history)
    _, follows, repeatable, _ = EXPECTED[step]
    if last in follows and (repeatable or step not in history):
        record(case, step)
        assert case.steps == [*history, step]
    else:
        with pytest.raises(StepNotAllowed):
            record(case, step)
        assert case.steps == list(history)


def test_5_2_3_b_visits_and_point_to_point_service_repeat_until_the_year_is_concluded() -> None:
    case = walk(PATH_TO["point_to_point_service"])
    record(case, "enterprise_visited")
    record(case, "point_to_point_service")
    record(case, "annual_service_concluded")
    assert case.status == CLOSED
    assert case.allowed_next_steps() == []


def test_5_2_3_a_directory_id_comes_from_the_year_alone() -> None:
    assert KeyEnterpriseDirectory.create_id(2026) == KeyEnterpriseDirectory.create_id(2026)
    assert KeyEnterpriseDirectory.create_id(2026) != KeyEnterpriseDirectory.create_id(2027)


def test_5_2_3_a_listing_starts_the_year_directory_with_the_enterprise_and_its_designations() -> None:
    saved = Saved()
    client_id = uuid4()
    case = open_case(client_id=client_id)
    [directory] = record(case, "directory_listed", saved)
    assert directory.id == KeyEnterpriseDirectory.create_id(2026)
    events = saved.events[directory.id]
    assert [type(e).__name__ for e in events] == ["Started", "EnterpriseListed"]
    assert {e.clause for e in events} == {"5.2.3.a"}
    assert {e.actor for e in events} == {STAFF}
    assert events[1].effective_at == case.step_times[-1]
    entry = saved.directory(2026).entries[client_id]
    assert entry["designations"] == ["specialised_sme", "national_advantage"]
    assert entry["industry"] == "photovoltaic"
    assert entry["institution_id"] == INSTITUTION_ID
    assert saved.directory(2026).year == 2026


def test_5_2_3_a_an_enterprise_is_listed_at_most_once_a_year() -> None:
    saved = Saved()
    client_id = uuid4()
    record(open_case(client_id=client_id), "directory_listed", saved)
    second = open_case(client_id=client_id)
    with pytest.raises(RuleBroken) as refused:
        record(second, "directory_listed", saved)
    assert refused.value.clause == "5.2.3.a"
    assert "2026" in refused.value.detail
    assert second.steps == []
    assert len(saved.events[KeyEnterpriseDirectory.create_id(2026)]) == 2


def test_5_2_3_a_the_same_enterprise_may_be_listed_again_another_year() -> None:
    saved = Saved()
    client_id = uuid4()
    record(open_case(client_id=client_id), "directory_listed", saved)
    record(open_case(client_id=client_id), "directory_listed", saved, year=2027)
    assert saved.directory(2026).lists(client_id)
    assert saved.directory(2027).lists(client_id)


def test_5_2_3_a_a_year_directory_lists_many_enterprises() -> None:
    saved = Saved()
    clients = [uuid4() for _ in range(3)]
    for client_id in clients:
        record(open_case(client_id=client_id), "directory_listed", saved)
    assert set(saved.directory(2026).entries) == set(clients)
    assert len(saved.events[KeyEnterpriseDirectory.create_id(2026)]) == 4


@pytest.mark.parametrize(
    "client",
    [
        {"name": "马先生", "kind": "public"},
        {"name": "青海大学", "kind": "innovator", "innovator_kind": "university"},
        {"name": "青海省盐湖研究所", "kind": "innovator", "innovator_kind": "research_institute"},
    ],
)
def test_5_2_3_a_only_innovator_enterprises_are_listed(client: dict[str, Any]) -> None:
    saved = Saved()
    case = open_case(client)
    with pytest.raises(RuleBroken) as refused:
        record(case, "directory_listed", saved)
    assert refused.value.clause == "5.2.3.a"
    assert case.steps == []
    assert saved.events == {}


def test_5_2_3_a_an_enterprise_without_designation_is_listed_for_its_key_industry() -> None:
    plain = {**ENTERPRISE, "designations": []}
    with pytest.raises(RuleBroken):
        record(open_case(plain), "directory_listed", industry=None)
    saved = Saved()
    client_id = uuid4()
    record(open_case(plain, client_id), "directory_listed", saved, industry="salt_lake_chemicals")
    assert saved.directory(2026).entries[client_id]["designations"] == []


def test_5_2_3_a_a_refused_step_time_leaves_the_directory_as_it_was() -> None:
    saved = Saved()
    case = open_case()
    with pytest.raises(InvalidEffectiveTime):
        case.record_step(
            "directory_listed",
            VALID["directory_listed"],
            meta(effective_at=START - timedelta(days=1)),
            load=saved.load,
        )
    assert case.steps == []
    assert saved.events == {}


def test_5_2_3_a_year_is_a_plausible_calendar_year() -> None:
    with pytest.raises(InvalidPayload) as refused:
        record(open_case(), "directory_listed", year=26)
    assert refused.value.field == "year"
