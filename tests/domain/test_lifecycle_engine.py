"""The engine read against the declarative tables: every rule of every table holds on a real case.

These tests walk whatever tables the catalogue holds, so a new service type is checked the day it is
added (it needs a valid intake and valid payloads in helpers.INTAKES and helpers.VALID_PAYLOADS). Some
types have rules beyond their table (a follow-up names an agency referred earlier, a session needs
confirmed courseware...): the histories walked are recorded for real, so that a step the table allows
is tried after a history those rules accept, and a rule's refusal is never taken for the table's. The
per-type files hold the hand-written expectations from the standard.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import pytest

from domain.catalogue import SERVICE_TYPES, service_type
from domain.errors import FeeNotAllowed, RuleBroken, StepNotAllowed, UnknownCode
from domain.labels import Label
from domain.lifecycle import OPENED, CaseView, Payload, ServiceType, Step
from tests.domain.helpers import ASSISTANCE, DISPUTE, INTAKES, VALID_PAYLOADS, record, walk
from tests.domain.test_catalogue import STANDARD

LABEL = Label("测试", "Test")

RULE_REFUSALS = (RuleBroken, FeeNotAllowed)
"""How a rule beyond the step table refuses a step the table allows."""


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


@dataclass(frozen=True)
class RealHistories:
    reached: dict[str, tuple[str, ...]]
    """For OPENED and each step recorded for real: a shortest history ending with it."""
    before: dict[tuple[str, str], tuple[str, ...]]
    """(last, step) -> a shortest real history ending with `last` (OPENED: the empty one) after which no
    rule beyond the table refuses `step`: it is recorded, or the table refuses it."""


@cache
def real_histories(type_code: str) -> RealHistories:
    """Histories recorded for real on a case with the valid payloads, breadth first from the opening.

    A history is extended only by the steps the case accepted; where a rule beyond the table refuses a
    step after a history, another history ending with the same step is tried. The search stops once every
    (last, step) pair of the table's reachable steps has its history.
    """
    kind = service_type(type_code)
    wanted = {(last, step.code) for last in shortest_paths(kind) for step in kind.steps}
    reached: dict[str, tuple[str, ...]] = {}
    before: dict[tuple[str, str], tuple[str, ...]] = {}
    start: tuple[str, ...] = ()
    queue = deque([start])
    seen: set[tuple[str, frozenset[str]]] = set()
    while queue and not wanted <= before.keys():
        history = queue.popleft()
        last = history[-1] if history else OPENED
        reached.setdefault(last, history)
        case = walk(type_code, history)
        for step in kind.steps:
            try:
                record(case, step.code)
            except StepNotAllowed:
                before.setdefault((last, step.code), history)
                continue
            except RULE_REFUSALS:
                continue  # a refused command leaves the case as it was
            before.setdefault((last, step.code), history)
            longer = (*history, step.code)
            state = (step.code, frozenset(longer))
            if state not in seen:
                seen.add(state)
                queue.append(longer)
            case = walk(type_code, history)
    return RealHistories(reached, before)


CASES = [
    (kind.code, last, step.code)
    for kind in SERVICE_TYPES.values()
    for last in shortest_paths(kind)
    for step in kind.steps
]


def test_the_catalogue_holds_the_twenty_types_of_the_standard_each_with_samples() -> None:
    assert set(SERVICE_TYPES) == set(STANDARD)
    assert set(INTAKES) == set(VALID_PAYLOADS) == set(STANDARD)


@pytest.mark.parametrize("type_code", sorted(SERVICE_TYPES))
def test_every_step_of_every_table_has_a_sample_payload_and_is_reachable(type_code: str) -> None:
    kind = service_type(type_code)
    assert type_code in INTAKES
    assert set(VALID_PAYLOADS[type_code]) == {s.code for s in kind.steps}
    assert set(shortest_paths(kind)) == {OPENED, *(s.code for s in kind.steps)}
    assert set(real_histories(type_code).reached) == {OPENED, *(s.code for s in kind.steps)}


@pytest.mark.parametrize(("type_code", "last", "step"), CASES)
def test_engine_allows_a_step_iff_the_last_step_is_in_its_follows_and_it_may_repeat(
    type_code: str, last: str, step: str
) -> None:
    kind = service_type(type_code)
    rule = kind.step(step)
    history = real_histories(type_code).before.get((last, step))
    assert history is not None, f"after every real history ending with {last}, a rule refuses {step}"
    assert (history[-1] if history else OPENED) == last
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
    paths = real_histories(type_code).reached
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
    for code, history in real_histories(type_code).reached.items():
        case = walk(type_code, history)
        closed = any(s in kind.closing_steps for s in history)
        assert case.status == ("closed" if closed else "open"), (code, history)


# type -> the steps that close its cases, as the standard describes the end of each service
CLOSING: dict[str, set[str]] = {
    "policy_promotion": {"concluded"},
    "risk_prevention": {"concluded"},
    ASSISTANCE: {"return_visit"},
    "fast_examination_liaison": {"closed"},
    "application_guidance": {"concluded"},
    "consultation": {"answered"},
    DISPUTE: {"archived"},
    "info_search": {"results_delivered"},
    "info_analysis": {"analysis_delivered"},
    "training": {"records_kept"},
    "publicity": {"activity_reported"},
    "compliance_guidance": {"follow_up_ended"},
    "ip_finance": {"financing_concluded"},
    "transfer_license": {"archived"},
    "data_ip_registration": {"closed"},
    "electronic_evidence": {"closed"},
    "qinghai_industry_assistance": {"closed"},
    "key_industry": {"service_concluded"},
    "key_enterprise": {"annual_service_concluded"},
    "four_places": {"service_concluded"},
}


def test_closing_steps_of_every_type_are_those_of_the_standard() -> None:
    assert {code: set(kind.closing_steps) for code, kind in SERVICE_TYPES.items()} == CLOSING


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
