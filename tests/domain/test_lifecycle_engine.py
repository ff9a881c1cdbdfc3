"""The engine read against the declarative tables: every rule of every table holds on a real case.

These tests walk whatever tables the catalogue holds, so a new service type is checked the day it is
added (it needs valid payloads in helpers.VALID_PAYLOADS). The per-type files hold the hand-written
expectations from the standard.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from functools import cache
from typing import Any

import pytest

from domain.catalogue import SERVICE_TYPES, service_type
from domain.errors import StepNotAllowed, UnknownCode
from domain.labels import Label
from domain.lifecycle import OPENED, CaseView, Payload, ServiceType, Step
from tests.domain.helpers import ASSISTANCE, DISPUTE, INTAKES, VALID_PAYLOADS, record, walk

LABEL = Label("测试", "Test")


@cache
def shortest_paths(kind: ServiceType) -> dict[str, tuple[str, ...]]:
    """For OPENED and each reachable step: a shortest history ending with it, found from the table alone."""
    paths: dict[str, tuple[str, ...]] = {OPENED: ()}
    start: tuple[str, ...] = ()
    queue = deque([start])
    seen: set[tuple[str, frozenset[str]]] = set()
    once = {s.code for s in kind.steps if not s.repeatable}
    while queue:
        history = queue.popleft()
        last = history[-1] if history else OPENED
        for step in kind.steps:
            if last in step.follows and (step.repeatable or step.code not in history):
                longer = (*history, step.code)
                paths.setdefault(step.code, longer)
                state = (step.code, frozenset(once & set(longer)))
                if state not in seen:
                    seen.add(state)
                    queue.append(longer)
    return paths


CASES = [
    (kind.code, last, step.code)
    for kind in SERVICE_TYPES.values()
    for last in shortest_paths(kind)
    for step in kind.steps
]


def test_the_catalogue_holds_both_step_tables() -> None:
    assert set(SERVICE_TYPES) == {DISPUTE, ASSISTANCE}


@pytest.mark.parametrize("type_code", sorted(SERVICE_TYPES))
def test_every_step_of_every_table_has_a_sample_payload_and_is_reachable(type_code: str) -> None:
    kind = service_type(type_code)
    assert type_code in INTAKES
    assert set(VALID_PAYLOADS[type_code]) == {s.code for s in kind.steps}
    assert set(shortest_paths(kind)) == {OPENED, *(s.code for s in kind.steps)}


@pytest.mark.parametrize(("type_code", "last", "step"), CASES)
def test_engine_allows_a_step_iff_the_last_step_is_in_its_follows_and_it_may_repeat(
    type_code: str, last: str, step: str
) -> None:
    kind = service_type(type_code)
    rule = kind.step(step)
    history = shortest_paths(kind)[last]
    case = walk(type_code, history)
    may = last in rule.follows and (rule.repeatable or step not in history)
    if may:
        record(case, step)
        assert case.steps[-1] == step
    else:
        allowed = case.allowed_next_steps()
        with pytest.raises(StepNotAllowed) as refused:
            record(case, step)
        assert refused.value.allowed == tuple(allowed)
        assert step not in allowed


@pytest.mark.parametrize("type_code", sorted(SERVICE_TYPES))
def test_every_closing_step_closes_and_leaves_only_its_followers(type_code: str) -> None:
    kind = service_type(type_code)
    paths = shortest_paths(kind)
    assert kind.closing_steps, f"{type_code} has no step that closes the case"
    for closing in kind.closing_steps:
        case = walk(type_code, paths[closing][:-1])
        assert case.status == "open"
        record(case, closing)
        assert case.status == "closed"
        assert case.closed_at == case.step_times[-1]
        followers = [s.code for s in kind.steps if closing in s.follows]
        assert case.allowed_next_steps() == followers


@pytest.mark.parametrize("type_code", sorted(SERVICE_TYPES))
def test_no_step_of_a_table_closes_a_case_unless_marked_closing(type_code: str) -> None:
    kind = service_type(type_code)
    for code, history in shortest_paths(kind).items():
        case = walk(type_code, history)
        closed = any(s in kind.closing_steps for s in history)
        assert case.status == ("closed" if closed else "open"), (code, history)


def test_closing_steps_are_archived_and_return_visit() -> None:
    assert service_type(DISPUTE).closing_steps == {"archived"}
    assert service_type(ASSISTANCE).closing_steps == {"return_visit"}


def test_a_table_with_duplicate_step_codes_is_refused() -> None:
    with pytest.raises(ValueError, match="duplicate"):
        ServiceType("t", "9", LABEL, steps=(Step("a", "9.a", LABEL), Step("a", "9.b", LABEL)))


def test_a_table_whose_step_follows_an_unknown_step_is_refused() -> None:
    with pytest.raises(ValueError, match="nowhere"):
        ServiceType("t", "9", LABEL, steps=(Step("a", "9.a", LABEL, follows=frozenset({"nowhere"})),))


def test_unknown_step_code_names_the_known_steps_of_the_table() -> None:
    with pytest.raises(UnknownCode) as unknown:
        service_type(DISPUTE).step("need_collected")
    assert unknown.value.kind == "step"
    assert unknown.value.code == "need_collected"
    assert unknown.value.known == tuple(s.code for s in service_type(DISPUTE).steps)


def test_a_case_rule_sees_the_recorded_steps_and_may_refuse_after_the_payload_is_parsed() -> None:
    seen: list[tuple[tuple[str, ...], str, Payload]] = []

    def at_most_two_notes(view: CaseView, step: Step, payload: Payload) -> None:
        seen.append((tuple(code for code, _ in view.recorded), step.code, payload))
        if len(view.recorded) >= 2:
            raise StepNotAllowed(step.code, [])

    kind = ServiceType(
        "t",
        "9",
        LABEL,
        steps=(Step("a", "9.a", LABEL, follows=frozenset({OPENED, "a"}), repeatable=True),),
        rules=(at_most_two_notes,),
    )
    recorded: list[tuple[str, Mapping[str, Any]]] = []
    for _ in range(2):
        payload = kind.check_step(CaseView(recorded=tuple(recorded)), "a", {"note": "n"})
        recorded.append(("a", {"note": payload.note}))
    with pytest.raises(StepNotAllowed):
        kind.check_step(CaseView(recorded=tuple(recorded)), "a", {"note": "n"})
    assert [s[0] for s in seen] == [(), ("a",), ("a", "a")]
    assert all(isinstance(s[2], Payload) and s[2].note == "n" for s in seen)


def test_step_not_allowed_says_what_is_allowed_in_words() -> None:
    case = walk(DISPUTE, [])
    with pytest.raises(StepNotAllowed) as refused:
        record(case, "archived")
    assert "archived" in refused.value.detail
    assert "routes_explained" in refused.value.detail
