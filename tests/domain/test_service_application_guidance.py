"""5.1.5 申请引导: the steps of an application-guidance case, and the client's IP ledger across its cases.

a) ledger entries, b) guidance and c) training may come first and recur; d) a referral needs some guidance
first; e) follow-ups need a referral of that very agency; the conclusion closes the case. A right (by its
application number) is in a client's ledger once, whichever case records it; the ledger is one aggregate per
client whose id is derived from the client's, so two cases starting it at once collide in the store.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.domain import Aggregate

from domain.case import CLOSED, OPEN, ServiceCase
from domain.catalogue import service_type
from domain.errors import InvalidPayload, RuleBroken, StepNotAllowed
from domain.ip_ledger import ClientIpLedger, ledger_key
from domain.lifecycle import OPENED
from domain.provenance import Actor
from tests.domain.helpers import CLIENT_ID, INSTITUTION_ID, NOW, alone, meta
from tests.domain.transitions import check_transition

CODE = "application_guidance"
START = NOW - timedelta(days=30)
OTHER_CLIENT = UUID("00000000-0000-4000-8000-000000000003")
ENTERPRISE = {"kind": "innovator", "innovator_kind": "enterprise", "enterprise_size": "small"}
NO_ACTIVITY = {"has_ip_activity": False, "summary": "初创企业尚未申请任何知识产权"}
AGENCY = "青海中诚专利代理事务所"

VALID: dict[str, dict[str, Any]] = {
    "ledger_entry_recorded": {
        "ip_type": "patent",
        "title": "一种盐湖卤水提锂吸附剂",
        "application_no": "CN202410123456.7",
        "status": "filed",
        "filed_on": "2024-05-06",
    },
    "application_guided": {"ip_types": ["patent"], "subject": "提锂吸附剂配方", "advice": "先申请发明专利"},
    "basic_training_given": {"topics": ["专利基础知识"], "trainer": "张老师", "attendees": 5},
    "referred_to_agency": {"agency_kind": "patent_agency", "agency_name": AGENCY, "services": "撰写申请文件"},
    "agency_followed_up": {"agency_name": AGENCY, "progress": "已提交", "satisfaction": 4},
    "concluded": {"outcome": "申请已受理"},
}

GUIDING = {
    "ledger_entry_recorded",
    "application_guided",
    "basic_training_given",
    "referred_to_agency",
    "agency_followed_up",
}

# step -> (clause, steps it may directly follow, repeatable, closes the case)
EXPECTED: dict[str, tuple[str, set[str], bool, bool]] = {
    "ledger_entry_recorded": ("5.1.5.a", GUIDING | {OPENED}, True, False),
    "application_guided": ("5.1.5.b", GUIDING | {OPENED}, True, False),
    "basic_training_given": ("5.1.5.c", GUIDING | {OPENED}, True, False),
    "referred_to_agency": ("5.1.5.d", GUIDING, True, False),
    "agency_followed_up": (
        "5.1.5.e",
        {"ledger_entry_recorded", "referred_to_agency", "agency_followed_up"},
        True,
        False,
    ),
    "concluded": ("5.1.5", GUIDING, False, True),
}

PATH_TO: dict[str, tuple[str, ...]] = {
    OPENED: (),
    "ledger_entry_recorded": ("application_guided", "referred_to_agency", "ledger_entry_recorded"),
    "application_guided": ("application_guided",),
    "basic_training_given": ("basic_training_given",),
    "referred_to_agency": ("application_guided", "referred_to_agency"),
    "agency_followed_up": ("application_guided", "referred_to_agency", "agency_followed_up"),
    "concluded": ("application_guided", "concluded"),
}


class Repository:
    """Saves aggregates' events and loads them back, refusing a version already taken, as the store does."""

    def __init__(self) -> None:
        self.events: dict[UUID, list[Any]] = {}

    def load(self, aggregate_id: UUID) -> Aggregate | None:
        aggregate = None
        for stored in self.events.get(aggregate_id, []):
            aggregate = stored.mutate(aggregate)
        return aggregate

    def save(self, *aggregates: Aggregate) -> None:
        batches = [(a.id, a.collect_events()) for a in aggregates]
        for aggregate_id, new in batches:
            if new and new[0].originator_version != len(self.events.get(aggregate_id, [])) + 1:
                raise ConflictError(aggregate_id)
        for aggregate_id, new in batches:
            self.events.setdefault(aggregate_id, []).extend(copy.copy(new))

    def ledger(self, client_id: UUID = CLIENT_ID) -> ClientIpLedger | None:
        found = self.load(ClientIpLedger.create_id(client_id))
        assert found is None or isinstance(found, ClientIpLedger)
        return found


class ConflictError(Exception):
    pass


def open_case(
    client_id: UUID = CLIENT_ID, intake: dict[str, Any] | None = None, profile: dict[str, Any] | None = None
) -> ServiceCase:
    return ServiceCase.open(
        CODE, INSTITUTION_ID, client_id, dict(intake or NO_ACTIVITY), meta(effective_at=START), profile or ENTERPRISE
    )


def walk(history: tuple[str, ...] | list[str], intake: dict[str, Any] | None = None) -> ServiceCase:
    case = open_case(intake=intake)
    for hour, code in enumerate(history, start=1):
        case.record_step(code, dict(VALID[code]), meta(effective_at=START + timedelta(hours=hour)), load=alone)
    return case


def entry(application_no: str, title: str = "一种锂电池隔膜") -> dict[str, Any]:
    return {**VALID["ledger_entry_recorded"], "application_no": application_no, "title": title}


def record_entry(repo: Repository, case: ServiceCase, application_no: str, **provenance: Any) -> None:
    changed = case.record_step("ledger_entry_recorded", entry(application_no), meta(**provenance), load=repo.load)
    repo.save(case, *changed)


# The table -----------------------------------------------------------------------------------------


def test_5_1_5_table_has_exactly_the_steps_clauses_and_rules_of_the_standard() -> None:
    kind = service_type(CODE)
    assert kind.clause == "5.1.5"
    assert {s.code: (s.clause, set(s.follows), s.repeatable, s.closes) for s in kind.steps} == EXPECTED
    assert kind.step("ledger_entry_recorded").companion is not None


@pytest.mark.parametrize(("last", "step"), [(last, step) for last in PATH_TO for step in EXPECTED])
def test_5_1_5_step_allowed_exactly_after_the_steps_it_follows(last: str, step: str) -> None:
    check_transition(
        EXPECTED,
        PATH_TO,
        last,
        step,
        walk,
        lambda case, step: case.record_step(step, dict(VALID[step]), meta(), load=alone),
    )


def test_5_1_5_full_guidance_from_training_to_conclusion() -> None:
    history = [
        "basic_training_given",
        "application_guided",
        "referred_to_agency",
        "agency_followed_up",
        "ledger_entry_recorded",
        "agency_followed_up",
        "concluded",
    ]
    case = walk(history)
    assert case.steps == history
    assert case.status == CLOSED
    assert case.allowed_next_steps() == []


# a) the ledger entry ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"status": "granted"}, "granted_on"),
        ({"status": "filed", "granted_on": "2025-01-02"}, "granted_on"),
        ({"status": "examining", "registration_no": "ZL202410123456.7"}, "registration_no"),
        ({"status": "granted", "granted_on": "2024-01-01"}, "granted_on"),
        ({"ip_type": "poem"}, "ip_type"),
        ({"status": "pending"}, "status"),
        ({"application_no": " "}, "application_no"),
        ({"filed_on": "2024-13-01"}, "filed_on"),
    ],
)
def test_5_1_5_a_a_ledger_entry_must_describe_the_right_consistently(changes: dict[str, Any], field: str) -> None:
    case = walk([])
    with pytest.raises(InvalidPayload) as refused:
        case.record_step("ledger_entry_recorded", {**VALID["ledger_entry_recorded"], **changes}, meta(), load=alone)
    assert field in {e.field for e in refused.value.errors}
    assert case.steps == []


def test_5_1_5_a_a_granted_or_lapsed_right_may_carry_its_registration() -> None:
    repo = Repository()
    case = walk([])
    granted = {**entry("2023 2 0123456.1"), "status": "granted", "filed_on": "2023-02-10", "granted_on": "2023-09-01"}
    granted["registration_no"] = "ZL202320123456.1"
    lapsed = {**entry("2019SR0123456", "盐湖监测软件V1.0"), "ip_type": "copyright", "status": "lapsed"}
    for payload in (granted, lapsed):
        repo.save(case, *case.record_step("ledger_entry_recorded", payload, meta(), load=repo.load))
    ledger = repo.ledger()
    assert ledger is not None
    assert [e["status"] for e in ledger.entries.values()] == ["granted", "lapsed"]
    assert ledger.entries["202320123456.1"]["registration_no"] == "ZL202320123456.1"


def test_5_1_5_a_the_first_entry_starts_the_clients_ledger_with_the_entrys_provenance() -> None:
    repo = Repository()
    case = walk([])
    actor = Actor("key-staff-9", "staff", INSTITUTION_ID)
    record_entry(repo, case, "CN202410123456.7", actor=actor, correlation_id="corr-9", causation_id="idem-9")
    stored = repo.events[ClientIpLedger.create_id(CLIENT_ID)]
    assert [type(e).__name__ for e in stored] == ["Started", "EntryRecorded"]
    for event in stored:
        assert (event.clause, event.actor, event.effective_at) == ("5.1.5.a", actor, NOW)
        assert (event.correlation_id, event.causation_id) == ("corr-9", "idem-9")
    assert stored[0].client_id == CLIENT_ID
    assert stored[1].entry["title"] == "一种锂电池隔膜"
    assert stored[1].institution_id == INSTITUTION_ID
    ledger = repo.ledger()
    assert ledger is not None
    assert ledger.client_id == CLIENT_ID
    assert ledger.version == 2
    assert ledger.has("202410123456.7")


def test_5_1_5_a_the_ledger_id_is_derived_from_the_client_alone() -> None:
    assert ClientIpLedger.create_id(CLIENT_ID) == ClientIpLedger.create_id(UUID(str(CLIENT_ID)))
    assert ClientIpLedger.create_id(CLIENT_ID) != ClientIpLedger.create_id(OTHER_CLIENT)
    assert ClientIpLedger.start(CLIENT_ID, meta()).id == ClientIpLedger.create_id(CLIENT_ID)


@pytest.mark.parametrize("written", ["CN202410123456.7", "202410123456.7", "cn 2024 1012 3456.7", " 202410123456.7 "])
def test_5_1_5_a_a_right_is_in_the_clients_ledger_once_whichever_case_records_it(written: str) -> None:
    repo = Repository()
    first = walk([])
    record_entry(repo, first, "CN202410123456.7")
    second = walk(["application_guided"])
    version = second.version
    with pytest.raises(RuleBroken) as refused:
        record_entry(repo, second, written)
    assert refused.value.clause == "5.1.5.a"
    assert "already in this client's IP ledger" in refused.value.detail
    assert second.version == version
    assert second.steps == ["application_guided"]
    ledger = repo.ledger()
    assert ledger is not None
    assert list(ledger.entries) == ["202410123456.7"]


def test_5_1_5_a_the_refusal_gives_the_day_it_was_recorded_in_xining_but_not_the_entry() -> None:
    repo = Repository()
    late_evening_utc = datetime(2026, 4, 25, 17, 30, tzinfo=UTC)  # 01:30 on 26 April in Xining
    record_entry(repo, walk([]), "CN202410123456.7", effective_at=late_evening_utc)
    with pytest.raises(RuleBroken) as refused:
        record_entry(repo, walk([]), "CN202410123456.7")
    assert "(recorded 2026-04-26)" in refused.value.detail
    assert "一种锂电池隔膜" not in refused.value.detail


def test_5_1_5_a_the_same_case_cannot_record_a_right_twice_either() -> None:
    repo = Repository()
    case = walk([])
    record_entry(repo, case, "CN202410123456.7")
    with pytest.raises(RuleBroken):
        record_entry(repo, case, "CN202410123456.7")
    assert case.steps == ["ledger_entry_recorded"]


def test_5_1_5_a_other_rights_and_other_clients_ledgers_are_independent() -> None:
    repo = Repository()
    record_entry(repo, walk([]), "CN202410123456.7")
    record_entry(repo, walk([]), "CN202410654321.0")
    other = ServiceCase.open(CODE, INSTITUTION_ID, OTHER_CLIENT, dict(NO_ACTIVITY), meta(effective_at=START))
    record_entry(repo, other, "CN202410123456.7")
    mine, theirs = repo.ledger(), repo.ledger(OTHER_CLIENT)
    assert mine is not None
    assert theirs is not None
    assert sorted(mine.entries) == ["202410123456.7", "202410654321.0"]
    assert list(theirs.entries) == ["202410123456.7"]


def test_5_1_5_a_two_cases_starting_the_ledger_at_once_collide_and_the_retry_is_refused() -> None:
    repo = Repository()
    first, second = walk([]), walk([])
    first_changed = first.record_step("ledger_entry_recorded", entry("CN202410123456.7"), meta(), load=repo.load)
    second_changed = second.record_step("ledger_entry_recorded", entry("CN202410123456.7"), meta(), load=repo.load)
    assert first_changed[0].id == second_changed[0].id  # the same ledger, made twice at version 1
    repo.save(first, *first_changed)
    with pytest.raises(ConflictError):
        repo.save(second, *second_changed)
    retried = walk([])  # the API retries on fresh state
    with pytest.raises(RuleBroken):
        record_entry(repo, retried, "CN202410123456.7")
    ledger = repo.ledger()
    assert ledger is not None
    assert len(ledger.entries) == 1
    assert ledger.version == 2


def test_5_1_5_a_ledger_key_ignores_spacing_case_and_the_cn_prefix_only() -> None:
    assert ledger_key("CN 202410123456.7") == ledger_key("202410123456.7") == "202410123456.7"
    assert ledger_key("2024sr0123456") == "2024SR0123456"
    assert ledger_key("CNIPA-1") == "CNIPA-1"  # "CN" is dropped only before the digits of a number


# c) training for clients with no IP activity ---------------------------------------------------------


def test_5_1_5_c_basic_training_is_for_clients_with_no_ip_activity() -> None:
    case = walk([], intake={"has_ip_activity": True, "ip_types": ["trademark"]})
    with pytest.raises(RuleBroken) as refused:
        case.record_step("basic_training_given", dict(VALID["basic_training_given"]), meta(), load=alone)
    assert refused.value.clause == "5.1.5.c"
    assert case.steps == []
    trained = walk(["basic_training_given", "basic_training_given"])
    assert trained.steps == ["basic_training_given", "basic_training_given"]


def test_5_1_5_intake_says_whether_the_client_has_ip_activity() -> None:
    with pytest.raises(InvalidPayload) as refused:
        ServiceCase.open(CODE, INSTITUTION_ID, CLIENT_ID, {"summary": "?"}, meta())
    assert refused.value.field == "has_ip_activity"


# d) referral and e) follow-ups -------------------------------------------------------------------


def test_5_1_5_d_referral_needs_some_guidance_first() -> None:
    case = walk([])
    with pytest.raises(StepNotAllowed):
        case.record_step("referred_to_agency", dict(VALID["referred_to_agency"]), meta(), load=alone)


def test_5_1_5_e_a_follow_up_names_an_agency_referred_in_this_case() -> None:
    case = walk(["application_guided", "referred_to_agency"])
    with pytest.raises(RuleBroken) as refused:
        case.record_step(
            "agency_followed_up", {**VALID["agency_followed_up"], "agency_name": "别家代理所"}, meta(), load=alone
        )
    assert refused.value.clause == "5.1.5.e"
    assert AGENCY in refused.value.detail


def test_5_1_5_e_a_ledger_entry_alone_does_not_allow_a_follow_up() -> None:
    case = walk(["ledger_entry_recorded"])
    with pytest.raises(RuleBroken):
        case.record_step("agency_followed_up", dict(VALID["agency_followed_up"]), meta(), load=alone)


def test_5_1_5_e_periodic_follow_ups_record_the_next_date_until_none_is_planned() -> None:
    case = walk(["application_guided", "referred_to_agency"])
    for hour, next_on in enumerate(["2024-07-01", "2024-10-01", None], start=10):
        payload = {**VALID["agency_followed_up"], "next_follow_up_on": next_on}
        case.record_step("agency_followed_up", payload, meta(effective_at=START + timedelta(hours=hour)), load=alone)
    assert [p["next_follow_up_on"] for p in case.view.payloads("agency_followed_up")] == [
        "2024-07-01",
        "2024-10-01",
        None,
    ]
    assert case.status == OPEN


def test_5_1_5_e_a_follow_up_rates_the_agencys_service_1_to_5() -> None:
    case = walk(["application_guided", "referred_to_agency"])
    with pytest.raises(InvalidPayload) as refused:
        case.record_step("agency_followed_up", {**VALID["agency_followed_up"], "satisfaction": 6}, meta(), load=alone)
    assert refused.value.field == "satisfaction"


def test_5_1_5_the_conclusion_closes_the_case_at_its_effective_time() -> None:
    case = walk(["application_guided"])
    case.record_step("concluded", dict(VALID["concluded"]), meta(effective_at=NOW - timedelta(days=1)), load=alone)
    assert case.status == CLOSED
    assert case.closed_at == NOW - timedelta(days=1)
    assert case.kind.closing_steps == {"concluded"}
