"""The registries of clause 6 in the domain: one table of kinds, one aggregate, the staffing check.

Staff (6.1.1, 6.1.2) belong to an institution and hold 大专 or above; experts (6.3.b), knowledge-base entries
(6.3.d) and outside bodies (6.3.a) may be an institution's or city-wide. Records are registered, revised
(a whole new profile) and retired, each event stamped with its kind's clause; staff keep training records
(6.1.3), each stamped with the letter of the item it belongs to. An institution is staffed (6.1.1) with at
least one full-time or two part-time active staff.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.application import Application

from domain.errors import InvalidEffectiveTime, InvalidPayload, RuleBroken, UnknownCode
from domain.registries import (
    KINDS,
    TRAINING_KINDS,
    Education,
    Employment,
    RegistryKind,
    RegistryRecord,
    TrainingKind,
    profile_labels,
    staffing,
)
from tests.domain.helpers import INSTITUTION_ID, NOW, STAFF, meta

STAFF_MEMBER: dict[str, Any] = {
    "name": "马晓东",
    "employment": "full_time",
    "education": "bachelor",
    "background": "ip",
    "duties": "知识产权咨询与维权援助",
    "certificates": ["专利代理师资格证"],
    "joined_on": "2024-03-01",
}
EXPERT: dict[str, Any] = {
    "name": "王建国",
    "field": "光伏材料",
    "title": "教授",
    "organisation": "青海大学",
    "contact": "0971-0000000",
    "ip_types": ["patent", "trade_secret"],
}
KNOWLEDGE: dict[str, Any] = {
    "title": "专利侵权纠纷行政裁决办事指南",
    "category": "guide",
    "content": "申请条件、材料清单与办理流程……",
    "tags": ["行政裁决", "专利"],
    "source": "国家知识产权局",
}
BODY: dict[str, Any] = {"name": "西宁仲裁委员会", "body_kind": "arbitration_commission", "district": "城中区"}
PROFILES: dict[RegistryKind, dict[str, Any]] = {
    RegistryKind.STAFF: STAFF_MEMBER,
    RegistryKind.EXPERTS: EXPERT,
    RegistryKind.KNOWLEDGE: KNOWLEDGE,
    RegistryKind.OUTSIDE_BODIES: BODY,
}
CLAUSES = {
    RegistryKind.STAFF: "6.1.1",
    RegistryKind.EXPERTS: "6.3.b",
    RegistryKind.KNOWLEDGE: "6.3.d",
    RegistryKind.OUTSIDE_BODIES: "6.3.a",
}
TRAINING: dict[str, Any] = {
    "kind": "hearing_observation",
    "date": "2026-04-20",
    "hours": 3.5,
    "provider": "西宁市中级人民法院",
    "topic": "专利侵权纠纷庭审旁听",
}


def staff_member(**changes: Any) -> RegistryRecord:
    return RegistryRecord.register("staff", INSTITUTION_ID, {**STAFF_MEMBER, **changes}, meta())


def fields_of(invalid: InvalidPayload) -> set[str]:
    return {e.field for e in invalid.errors}


@pytest.mark.parametrize("kind", list(RegistryKind))
def test_6_each_kind_is_registered_with_its_clause_and_provenance(kind: RegistryKind) -> None:
    at = NOW - timedelta(days=3)
    record = RegistryRecord.register(
        kind, INSTITUTION_ID, PROFILES[kind], meta(effective_at=at, correlation_id="req-9", causation_id="key-9")
    )
    [registered] = record.collect_events()
    assert isinstance(registered, RegistryRecord.Registered)
    assert (registered.clause, registered.kind) == (CLAUSES[kind], kind.value)
    assert (registered.actor, registered.effective_at) == (STAFF, at)
    assert (registered.correlation_id, registered.causation_id) == ("req-9", "key-9")
    assert registered.institution_id == INSTITUTION_ID
    assert record.active
    assert record.title == PROFILES[kind][KINDS[kind].title_field]


def test_6_kinds_are_one_table_with_a_clause_and_bilingual_labels_each() -> None:
    assert set(KINDS) == set(RegistryKind)
    for kind, spec in KINDS.items():
        assert spec.code is kind
        assert spec.clause == CLAUSES[kind]
        assert spec.name.zh
        assert spec.name.en
        assert set(spec.status) == {"active", "retired"}
        assert spec.title_field in {f for f in spec.profile.__struct_fields__}
        assert spec.category_field is None or spec.category_field in spec.vocabularies


@pytest.mark.parametrize(("kind", "field"), [(k, f) for k in KINDS.values() for f in k.vocabularies])
def test_every_code_of_every_vocabulary_has_a_zh_and_en_label(kind: Any, field: str) -> None:
    labels = kind.vocabularies[field]
    enum = type(next(iter(labels)))
    assert issubclass(enum, StrEnum)
    assert set(labels) == set(enum)
    assert all(label.zh and label.en for label in labels.values())


def test_the_labels_of_a_profile_name_its_codes() -> None:
    expert = RegistryRecord.register("experts", None, EXPERT, meta())
    shown = profile_labels(KINDS[RegistryKind.EXPERTS], expert.profile)
    assert shown["ip_types"]["patent"].zh == "专利"
    assert shown["ip_types"]["trade_secret"].zh == "商业秘密"
    assert shown["availability"]["available"].zh == "可邀请"


def test_an_unknown_kind_is_refused_naming_the_known_ones() -> None:
    with pytest.raises(UnknownCode) as unknown:
        RegistryRecord.register("astrologers", None, {"name": "x"}, meta())
    assert unknown.value.known == ("staff", "experts", "knowledge", "outside_bodies")


@pytest.mark.parametrize("kind", [RegistryKind.EXPERTS, RegistryKind.KNOWLEDGE, RegistryKind.OUTSIDE_BODIES])
def test_6_3_resources_may_be_city_wide(kind: RegistryKind) -> None:
    record = RegistryRecord.register(kind, None, PROFILES[kind], meta())
    assert record.institution_id is None


def test_6_1_1_a_staff_member_belongs_to_an_institution_named_with_the_profiles_faults() -> None:
    with pytest.raises(InvalidPayload) as invalid:
        RegistryRecord.register("staff", None, {**STAFF_MEMBER, "duties": " "}, meta())
    assert fields_of(invalid.value) == {"institution_id", "duties"}


def test_6_1_2_education_below_junior_college_is_refused() -> None:
    assert [e.value for e in Education] == ["junior_college", "bachelor", "master", "doctorate"]
    with pytest.raises(InvalidPayload) as invalid:
        staff_member(education="high_school")
    assert fields_of(invalid.value) == {"education"}
    assert staff_member(education="junior_college").profile["education"] == "junior_college"


def test_6_1_2_a_staff_profile_names_every_faulty_field() -> None:
    with pytest.raises(InvalidPayload) as invalid:
        RegistryRecord.register(
            "staff",
            INSTITUTION_ID,
            {"name": "", "employment": "sometimes", "background": "legal", "duties": "咨询", "salary": 1},
            meta(),
        )
    assert fields_of(invalid.value) == {"name", "employment", "education", "salary"}


def test_6_3_b_an_expert_needs_a_field_a_contact_and_at_least_one_ip_type() -> None:
    with pytest.raises(InvalidPayload) as invalid:
        RegistryRecord.register("experts", None, {"name": "王建国", "ip_types": []}, meta())
    assert fields_of(invalid.value) == {"field", "contact", "ip_types"}


def test_6_3_a_an_outside_body_is_of_a_known_kind() -> None:
    with pytest.raises(InvalidPayload) as invalid:
        RegistryRecord.register("outside_bodies", None, {**BODY, "body_kind": "fortune_teller"}, meta())
    assert fields_of(invalid.value) == {"body_kind"}


@pytest.mark.parametrize("kind", list(RegistryKind))
def test_6_a_revision_replaces_the_whole_profile_under_the_kinds_clause(kind: RegistryKind) -> None:
    record = RegistryRecord.register(kind, INSTITUTION_ID, PROFILES[kind], meta(effective_at=NOW - timedelta(days=2)))
    title = KINDS[kind].title_field
    record.revise({**PROFILES[kind], title: "新名称", "note": "更正"}, meta(correlation_id="req-rev"))
    _, revised = record.collect_events()
    assert isinstance(revised, RegistryRecord.Revised)
    assert revised.clause == CLAUSES[kind]
    assert revised.correlation_id == "req-rev"
    assert record.title == "新名称"
    assert record.profile["note"] == "更正"
    assert record.version == 2
    assert record.updated_at == NOW


def test_6_a_revision_is_validated_like_a_registration() -> None:
    record = staff_member()
    with pytest.raises(InvalidPayload) as invalid:
        record.revise({**STAFF_MEMBER, "employment": None}, meta())
    assert fields_of(invalid.value) == {"employment"}
    assert record.version == 1


@pytest.mark.parametrize("kind", list(RegistryKind))
def test_6_a_retired_record_keeps_its_history_and_refuses_further_changes(kind: RegistryKind) -> None:
    left = NOW - timedelta(days=1)
    record = RegistryRecord.register(kind, INSTITUTION_ID, PROFILES[kind], meta(effective_at=NOW - timedelta(days=9)))
    record.retire({"reason": "调离"}, meta(effective_at=left))
    assert not record.active
    assert record.retired_at == left
    assert record.retirement == {"note": None, "reason": "调离"}
    retired = record.collect_events()[-1]
    assert isinstance(retired, RegistryRecord.Retired)
    assert retired.clause == CLAUSES[kind]
    changes: list[Callable[[], None]] = [
        lambda: record.revise(PROFILES[kind], meta()),
        lambda: record.retire({}, meta()),
        lambda: record.record_training(TRAINING, meta()),
    ]
    for change in changes:
        with pytest.raises(RuleBroken):
            change()
    assert record.version == 2


def test_6_a_retirement_is_not_dated_before_the_last_change() -> None:
    record = staff_member()
    with pytest.raises(InvalidEffectiveTime):
        record.retire({}, meta(effective_at=NOW - timedelta(days=1)))


@pytest.mark.parametrize(
    ("training_kind", "clause"),
    [
        ("pre_job", "6.1.3.a"),
        ("capacity", "6.1.3.b"),
        ("exchange", "6.1.3.b"),
        ("hearing_observation", "6.1.3.b"),
        ("study", "6.1.3.c"),
    ],
)
def test_6_1_3_a_training_is_stamped_with_the_letter_of_its_item(training_kind: str, clause: str) -> None:
    assert TRAINING_KINDS[TrainingKind(training_kind)].clause == clause
    record = staff_member()
    record.record_training({**TRAINING, "kind": training_kind}, meta(causation_id="train-1"))
    event = record.collect_events()[-1]
    assert isinstance(event, RegistryRecord.TrainingRecorded)
    assert (event.clause, event.causation_id) == (clause, "train-1")
    assert event.training["kind"] == training_kind
    [kept] = record.trainings
    assert (kept["version"], kept["clause"], kept["hours"], kept["date"]) == (2, clause, 3.5, "2026-04-20")


def test_6_1_3_trainings_accumulate_on_the_staff_member() -> None:
    record = staff_member()
    for n, kind in enumerate(("pre_job", "study", "exchange"), start=2):
        record.record_training({**TRAINING, "kind": kind}, meta())
        assert record.trainings[-1]["version"] == n
    assert [t["kind"] for t in record.trainings] == ["pre_job", "study", "exchange"]
    assert record.version == 4


def test_6_1_3_a_training_needs_its_kind_date_hours_provider_and_topic() -> None:
    record = staff_member()
    with pytest.raises(InvalidPayload) as invalid:
        record.record_training({"kind": "nap", "hours": 0, "provider": " "}, meta())
    assert fields_of(invalid.value) == {"kind", "date", "hours", "provider", "topic"}


def test_6_1_3_a_training_is_not_dated_in_the_future_of_xining() -> None:
    record = staff_member()
    # 2026-04-26 17:00 UTC is already the 27th in Xining.
    evening = datetime(2026, 4, 26, 17, 0, tzinfo=UTC)
    record.record_training({**TRAINING, "date": "2026-04-27"}, meta(now=evening))
    with pytest.raises(InvalidPayload) as invalid:
        record.record_training({**TRAINING, "date": "2026-04-28"}, meta(now=evening))
    assert fields_of(invalid.value) == {"date"}


@pytest.mark.parametrize("kind", [RegistryKind.EXPERTS, RegistryKind.KNOWLEDGE, RegistryKind.OUTSIDE_BODIES])
def test_6_1_3_only_staff_keep_training_records(kind: RegistryKind) -> None:
    record = RegistryRecord.register(kind, None, PROFILES[kind], meta())
    with pytest.raises(RuleBroken) as broken:
        record.record_training(TRAINING, meta())
    assert broken.value.clause == "6.1.3"


@pytest.mark.parametrize(
    ("employments", "compliant"),
    [
        ([], False),
        (["full_time"], True),
        (["part_time"], False),
        (["part_time", "part_time"], True),
        (["full_time", "part_time"], True),
        (["part_time", "part_time", "part_time"], True),
    ],
)
def test_6_1_1_one_full_time_or_two_part_time_staff(employments: list[str], compliant: bool) -> None:
    check = staffing(employments)
    assert check.compliant is compliant
    assert check.full_time == employments.count(Employment.FULL_TIME)
    assert check.part_time == employments.count(Employment.PART_TIME)


def application() -> Application[UUID]:
    env = {"PERSISTENCE_MODULE": "eventsourcing.popo", "MAPPER_TOPIC": "infra.mapper:MsgspecMapper"}
    return Application[UUID](env=env)


def state(record: RegistryRecord) -> dict[str, Any]:
    return {
        "kind": record.kind,
        "institution_id": record.institution_id,
        "profile": record.profile,
        "registered_at": record.registered_at,
        "updated_at": record.updated_at,
        "retired_at": record.retired_at,
        "retirement": record.retirement,
        "trainings": [dict(t) for t in record.trainings],
        "version": record.version,
    }


def test_a_stored_record_is_rebuilt_with_the_same_state_at_every_version() -> None:
    start = NOW - timedelta(days=30)
    record = RegistryRecord.register("staff", INSTITUTION_ID, STAFF_MEMBER, meta(effective_at=start))
    states = [state(record)]
    record.record_training(TRAINING, meta(effective_at=start + timedelta(days=1)))
    states.append(state(record))
    record.revise({**STAFF_MEMBER, "employment": "part_time"}, meta(effective_at=start + timedelta(days=2)))
    states.append(state(record))
    record.retire({"reason": "退休"}, meta(effective_at=start + timedelta(days=3)))
    states.append(state(record))
    app = application()
    app.save(record)
    for version, expected in enumerate(states, start=1):
        rebuilt: RegistryRecord = app.repository.get(record.id, version=version)
        assert isinstance(rebuilt, RegistryRecord)
        assert state(rebuilt) == expected
    assert date.fromisoformat(states[-1]["trainings"][0]["date"]) == date(2026, 4, 20)
