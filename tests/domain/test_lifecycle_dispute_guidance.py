"""5.1.7 纠纷应对指导: the order of a dispute's steps, written out by hand from the standard.

a) explain the routes first; b)-e) mediation, expert consultation, committee referral, evidence
referral and litigation guidance in any order; f) follow up with the parties, then archive (which
closes the case), then the typical-case write-up, which is the only thing allowed after archiving.
A follow-up may show that more mediation or guidance is needed, so b)-e) may come again after it;
archiving needs a follow-up as the step just before it.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.case import CLOSED, OPEN
from domain.catalogue import service_type
from domain.errors import StepNotAllowed
from domain.lifecycle import OPENED
from tests.domain.helpers import DISPUTE, NOW, record, walk
from tests.domain.transitions import check_transition

GUIDANCE = {
    "routes_explained",
    "mediation_session",
    "expert_consultation",
    "mediation_committee_referral",
    "evidence_referral",
    "litigation_guidance",
}

# What b)-f) may follow: the routes, any guidance step, or a follow-up with the parties.
AFTER_GUIDANCE_OR_FOLLOW_UP = GUIDANCE | {"parties_followed_up"}

# step -> (clause, steps it may directly follow, repeatable, closes the case)
EXPECTED: dict[str, tuple[str, set[str], bool, bool]] = {
    "routes_explained": ("5.1.7.a", {OPENED}, False, False),
    "mediation_session": ("5.1.7.b", AFTER_GUIDANCE_OR_FOLLOW_UP, True, False),
    "expert_consultation": ("5.1.7.c", AFTER_GUIDANCE_OR_FOLLOW_UP, True, False),
    "mediation_committee_referral": ("5.1.7.d", AFTER_GUIDANCE_OR_FOLLOW_UP, False, False),
    "evidence_referral": ("5.1.7.e", AFTER_GUIDANCE_OR_FOLLOW_UP, True, False),
    "litigation_guidance": ("5.1.7.e", AFTER_GUIDANCE_OR_FOLLOW_UP, True, False),
    "parties_followed_up": ("5.1.7.f", AFTER_GUIDANCE_OR_FOLLOW_UP, True, False),
    "archived": ("5.1.7.f", {"parties_followed_up"}, False, True),
    "typical_case_written": ("5.1.7.f", {"archived"}, False, False),
}

# A shortest history that ends with each step (OPENED: nothing recorded yet).
PATH_TO: dict[str, tuple[str, ...]] = {
    OPENED: (),
    "routes_explained": ("routes_explained",),
    "mediation_session": ("routes_explained", "mediation_session"),
    "expert_consultation": ("routes_explained", "expert_consultation"),
    "mediation_committee_referral": ("routes_explained", "mediation_committee_referral"),
    "evidence_referral": ("routes_explained", "evidence_referral"),
    "litigation_guidance": ("routes_explained", "litigation_guidance"),
    "parties_followed_up": ("routes_explained", "parties_followed_up"),
    "archived": ("routes_explained", "parties_followed_up", "archived"),
    "typical_case_written": ("routes_explained", "parties_followed_up", "archived", "typical_case_written"),
}


def test_5_1_7_table_has_exactly_the_steps_clauses_and_rules_of_the_standard() -> None:
    kind = service_type(DISPUTE)
    assert kind.clause == "5.1.7"
    actual = {s.code: (s.clause, set(s.follows), s.repeatable, s.closes) for s in kind.steps}
    assert actual == EXPECTED


@pytest.mark.parametrize(("last", "step"), [(last, step) for last in PATH_TO for step in EXPECTED])
def test_5_1_7_step_allowed_exactly_after_the_steps_it_follows(last: str, step: str) -> None:
    check_transition(EXPECTED, PATH_TO, last, step, lambda history: walk(DISPUTE, history), record, versioned=True)


def test_5_1_7_a_a_new_dispute_must_start_by_explaining_the_routes() -> None:
    case = walk(DISPUTE, [])
    assert case.allowed_next_steps() == ["routes_explained"]
    for step in EXPECTED.keys() - {"routes_explained"}:
        with pytest.raises(StepNotAllowed) as refused:
            record(case, step)
        assert refused.value.allowed == ("routes_explained",)


def test_5_1_7_a_routes_are_explained_only_once() -> None:
    case = walk(DISPUTE, ["routes_explained", "mediation_session"])
    with pytest.raises(StepNotAllowed):
        record(case, "routes_explained")


def test_5_1_7_b_to_e_guidance_steps_may_come_in_any_order_after_the_routes() -> None:
    history = [
        "routes_explained",
        "expert_consultation",
        "mediation_session",
        "litigation_guidance",
        "evidence_referral",
        "mediation_committee_referral",
        "mediation_session",
    ]
    case = walk(DISPUTE, history)
    assert case.steps == history
    assert case.status == OPEN


@pytest.mark.parametrize(
    "step",
    ["mediation_session", "expert_consultation", "evidence_referral", "litigation_guidance", "parties_followed_up"],
)
def test_5_1_7_repeatable_step_may_be_recorded_again_in_a_row(step: str) -> None:
    case = walk(DISPUTE, ["routes_explained", step, step])
    assert case.steps == ["routes_explained", step, step]


@pytest.mark.parametrize(
    "step", ["mediation_session", "expert_consultation", "evidence_referral", "litigation_guidance"]
)
def test_5_1_7_repeatable_guidance_step_may_come_back_after_other_guidance(step: str) -> None:
    other = "expert_consultation" if step == "mediation_session" else "mediation_session"
    case = walk(DISPUTE, ["routes_explained", step, other, step])
    assert case.steps.count(step) == 2


def test_5_1_7_d_referral_to_the_mediation_committee_is_recorded_once() -> None:
    case = walk(DISPUTE, ["routes_explained", "mediation_committee_referral", "mediation_session"])
    assert "mediation_committee_referral" not in case.allowed_next_steps()
    with pytest.raises(StepNotAllowed) as refused:
        record(case, "mediation_committee_referral")
    assert "mediation_session" in refused.value.allowed
    assert "mediation_committee_referral" not in refused.value.allowed


def test_5_1_7_f_archiving_requires_following_up_with_the_parties_first() -> None:
    for last in GUIDANCE:
        case = walk(DISPUTE, PATH_TO[last])
        with pytest.raises(StepNotAllowed) as refused:
            record(case, "archived")
        assert "archived" not in refused.value.allowed
        assert "parties_followed_up" in refused.value.allowed


def test_5_1_7_f_after_a_follow_up_guidance_more_follow_ups_or_archiving_may_come() -> None:
    case = walk(DISPUTE, ["routes_explained", "mediation_session", "parties_followed_up"])
    assert case.allowed_next_steps() == [
        "mediation_session",
        "expert_consultation",
        "mediation_committee_referral",
        "evidence_referral",
        "litigation_guidance",
        "parties_followed_up",
        "archived",
    ]


@pytest.mark.parametrize(
    "step",
    [
        "mediation_session",
        "expert_consultation",
        "mediation_committee_referral",
        "evidence_referral",
        "litigation_guidance",
    ],
)
def test_5_1_7_f_a_follow_up_may_lead_back_to_mediation_or_guidance(step: str) -> None:
    history = ["routes_explained", "parties_followed_up", step]
    case = walk(DISPUTE, history)
    assert case.steps == history
    assert case.status == OPEN


def test_5_1_7_f_the_committee_referral_stays_once_even_after_a_follow_up() -> None:
    case = walk(DISPUTE, ["routes_explained", "mediation_committee_referral", "parties_followed_up"])
    assert "mediation_committee_referral" not in case.allowed_next_steps()
    with pytest.raises(StepNotAllowed):
        record(case, "mediation_committee_referral")


def test_5_1_7_a_routes_are_not_explained_again_after_a_follow_up() -> None:
    case = walk(DISPUTE, ["routes_explained", "parties_followed_up"])
    with pytest.raises(StepNotAllowed) as refused:
        record(case, "routes_explained")
    assert "routes_explained" not in refused.value.allowed


def test_5_1_7_f_archiving_needs_a_follow_up_as_the_last_step_even_after_an_earlier_one() -> None:
    case = walk(DISPUTE, ["routes_explained", "parties_followed_up", "mediation_session"])
    with pytest.raises(StepNotAllowed) as refused:
        record(case, "archived")
    assert "archived" not in refused.value.allowed
    assert "parties_followed_up" in refused.value.allowed
    assert case.status == OPEN
    record(case, "parties_followed_up")
    record(case, "archived")
    assert case.status == CLOSED


def test_5_1_7_f_archiving_closes_the_case_at_its_effective_time() -> None:
    case = walk(DISPUTE, ["routes_explained", "mediation_session", "parties_followed_up"])
    assert case.status == OPEN
    assert case.closed_at is None
    archived_at = NOW - timedelta(days=2)
    record(case, "archived", effective_at=archived_at)
    assert case.status == CLOSED
    assert case.closed_at == archived_at


def test_5_1_7_f_typical_case_only_after_archiving() -> None:
    for last in PATH_TO.keys() - {"archived"}:
        case = walk(DISPUTE, PATH_TO[last])
        with pytest.raises(StepNotAllowed):
            record(case, "typical_case_written")
    case = walk(DISPUTE, PATH_TO["archived"])
    assert case.allowed_next_steps() == ["typical_case_written"]


def test_5_1_7_f_typical_case_after_archiving_keeps_the_case_closed_at_the_archive_time() -> None:
    case = walk(DISPUTE, PATH_TO["archived"])
    closed_at = case.closed_at
    record(case, "typical_case_written", effective_at=NOW)
    assert case.status == CLOSED
    assert case.closed_at == closed_at
    assert case.closed_at != NOW


def test_5_1_7_f_nothing_else_after_archiving_and_nothing_at_all_after_the_typical_case() -> None:
    archived = walk(DISPUTE, PATH_TO["archived"])
    for step in EXPECTED.keys() - {"typical_case_written"}:
        with pytest.raises(StepNotAllowed) as refused:
            record(archived, step)
        assert refused.value.allowed == ("typical_case_written",)

    written = walk(DISPUTE, PATH_TO["typical_case_written"])
    assert written.allowed_next_steps() == []
    for step in EXPECTED:
        with pytest.raises(StepNotAllowed) as refused:
            record(written, step)
        assert refused.value.allowed == ()
        assert "closed" in refused.value.detail


def test_5_1_7_full_dispute_from_intake_to_typical_case() -> None:
    history = [
        "routes_explained",
        "mediation_session",
        "expert_consultation",
        "mediation_session",
        "parties_followed_up",
        "parties_followed_up",
        "mediation_session",
        "parties_followed_up",
        "archived",
        "typical_case_written",
    ]
    case = walk(DISPUTE, history)
    assert case.steps == history
    assert case.status == CLOSED
    assert case.version == len(history) + 1
