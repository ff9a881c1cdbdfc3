"""6 服务保障 The registries of clause 6: staff (6.1), experts (6.3.b), knowledge (6.3.d), outside bodies (6.3.a).

One declarative table (`KINDS`) says, for each kind of record, its clause, its profile (a msgspec struct),
whether it belongs to an institution, which field names it and how its codes read. One aggregate
(`RegistryRecord`) keeps any kind: registered, revised (a whole new profile), retired; a staff member also
keeps training records (6.1.3). The staffing check of 6.1.1 (`staffing`) counts active staff.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Annotated, Any
from uuid import UUID
from zoneinfo import ZoneInfo

import msgspec
from eventsourcing.domain import Aggregate, event

from domain import events
from domain.errors import FieldError, InvalidPayload, RuleBroken, UnknownCode
from domain.labels import Label
from domain.lifecycle import Payload, Text, parse_payload, to_record
from domain.provenance import Provenance
from domain.services.common import IP_TYPE_LABELS, IpType

CITY_TIME = ZoneInfo("Asia/Shanghai")
"""Training dates are dates in Xining."""


# Vocabularies ----------------------------------------------------------------------------------------------------


class Employment(StrEnum):
    FULL_TIME = "full_time"
    PART_TIME = "part_time"


class Education(StrEnum):
    """6.1.2: 大专 or above. There is no level below: such a person is not IP service staff under the standard."""

    JUNIOR_COLLEGE = "junior_college"
    BACHELOR = "bachelor"
    MASTER = "master"
    DOCTORATE = "doctorate"


class Background(StrEnum):
    LEGAL = "legal"
    IP = "ip"
    OTHER = "other"


class Availability(StrEnum):
    AVAILABLE = "available"
    BY_APPOINTMENT = "by_appointment"
    UNAVAILABLE = "unavailable"


class KnowledgeCategory(StrEnum):
    LAW = "law"
    POLICY = "policy"
    STANDARD = "standard"
    GUIDE = "guide"
    TYPICAL_CASE = "typical_case"
    FAQ = "faq"
    INDUSTRY = "industry"
    OTHER = "other"


class BodyKind(StrEnum):
    IP_AGENCY = "ip_agency"
    LAW_FIRM = "law_firm"
    ARBITRATION_COMMISSION = "arbitration_commission"
    NOTARY = "notary"
    MEDIATION_COMMITTEE = "mediation_committee"
    FINANCIAL_INSTITUTION = "financial_institution"
    VALUATION_INSTITUTION = "valuation_institution"
    PUBLIC_SERVICE_DEPARTMENT = "public_service_department"


class TrainingKind(StrEnum):
    PRE_JOB = "pre_job"
    CAPACITY = "capacity"
    EXCHANGE = "exchange"
    HEARING_OBSERVATION = "hearing_observation"
    STUDY = "study"


EMPLOYMENT_LABELS = {
    Employment.FULL_TIME: Label("专职", "Full-time"),
    Employment.PART_TIME: Label("兼职", "Part-time"),
}
EDUCATION_LABELS = {
    Education.JUNIOR_COLLEGE: Label("大专", "Junior college diploma"),
    Education.BACHELOR: Label("本科", "Bachelor's degree"),
    Education.MASTER: Label("硕士研究生", "Master's degree"),
    Education.DOCTORATE: Label("博士研究生", "Doctorate"),
}
BACKGROUND_LABELS = {
    Background.LEGAL: Label("法律", "Legal"),
    Background.IP: Label("知识产权", "Intellectual property"),
    Background.OTHER: Label("其他", "Other"),
}
AVAILABILITY_LABELS = {
    Availability.AVAILABLE: Label("可邀请", "Available"),
    Availability.BY_APPOINTMENT: Label("需预约", "By appointment"),
    Availability.UNAVAILABLE: Label("暂不可邀请", "Unavailable for now"),
}
KNOWLEDGE_CATEGORY_LABELS = {
    KnowledgeCategory.LAW: Label("法律法规", "Laws and regulations"),
    KnowledgeCategory.POLICY: Label("政策文件", "Policy documents"),
    KnowledgeCategory.STANDARD: Label("标准规范", "Standards"),
    KnowledgeCategory.GUIDE: Label("办事指南", "Procedure guides"),
    KnowledgeCategory.TYPICAL_CASE: Label("典型案例", "Typical cases"),
    KnowledgeCategory.FAQ: Label("常见问题", "Frequently asked questions"),
    KnowledgeCategory.INDUSTRY: Label("产业信息", "Industry information"),
    KnowledgeCategory.OTHER: Label("其他", "Other"),
}
BODY_KIND_LABELS = {
    BodyKind.IP_AGENCY: Label("知识产权代理机构", "IP agency"),
    BodyKind.LAW_FIRM: Label("律师事务所", "Law firm"),
    BodyKind.ARBITRATION_COMMISSION: Label("仲裁委员会", "Arbitration commission"),
    BodyKind.NOTARY: Label("公证机构", "Notary office"),
    BodyKind.MEDIATION_COMMITTEE: Label("人民调解委员会", "People's mediation committee"),
    BodyKind.FINANCIAL_INSTITUTION: Label("金融机构", "Financial institution"),
    BodyKind.VALUATION_INSTITUTION: Label("资产评估机构", "Valuation institution"),
    BodyKind.PUBLIC_SERVICE_DEPARTMENT: Label("知识产权公共服务部门", "IP public service department"),
}


@dataclass(frozen=True)
class TrainingKindSpec:
    clause: str
    name: Label


# 6.1.3 lists three things: a) pre-job training; b) capacity training, exchanges, court-hearing observation;
# c) study of law, policy and professional knowledge.
TRAINING_KINDS: dict[TrainingKind, TrainingKindSpec] = {
    TrainingKind.PRE_JOB: TrainingKindSpec("6.1.3.a", Label("上岗前培训", "Pre-job training")),
    TrainingKind.CAPACITY: TrainingKindSpec("6.1.3.b", Label("能力提升专题培训", "Capacity-building training")),
    TrainingKind.EXCHANGE: TrainingKindSpec("6.1.3.b", Label("交流会", "Exchange meeting")),
    TrainingKind.HEARING_OBSERVATION: TrainingKindSpec("6.1.3.b", Label("庭审旁听", "Court-hearing observation")),
    TrainingKind.STUDY: TrainingKindSpec(
        "6.1.3.c", Label("法律法规、政策文件、专业知识学习", "Study of law, policy and professional knowledge")
    ),
}


# Profiles --------------------------------------------------------------------------------------------------------


class Profile(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    note: str | None = None


class StaffProfile(Profile, kw_only=True):
    """6.1.1 and 6.1.2: an IP service staff member of an institution."""

    name: Text
    employment: Employment
    education: Education
    background: Background
    duties: Text
    certificates: list[Text] = msgspec.field(default_factory=list)
    position: str | None = None
    phone: str | None = None
    joined_on: dt.date | None = None


class ExpertProfile(Profile, kw_only=True):
    """6.3.b: a member of the expert database 专家库."""

    name: Text
    field: Text
    title: str | None = None
    organisation: str | None = None
    contact: Text
    availability: Availability = Availability.AVAILABLE
    ip_types: Annotated[list[IpType], msgspec.Meta(min_length=1)]


class KnowledgeEntry(Profile, kw_only=True):
    """6.3.d: an entry of the knowledge base 知识库."""

    title: Text
    category: KnowledgeCategory
    content: Text
    tags: list[Text] = msgspec.field(default_factory=list)
    source: str | None = None
    ip_types: list[IpType] = msgspec.field(default_factory=list)
    published_on: dt.date | None = None


class OutsideBody(Profile, kw_only=True):
    """6.3.a and 6.3.b: a public department or market body that cases are referred to."""

    name: Text
    body_kind: BodyKind
    district: str | None = None
    contact: str | None = None
    address: str | None = None


class Retirement(Payload, kw_only=True):
    """Why a record leaves the registry (a staff member left, an expert withdrew, an entry is obsolete ...)."""

    reason: str | None = None


class Training(Payload, kw_only=True):
    """6.1.3: one training a staff member took part in."""

    kind: TrainingKind
    date: dt.date
    hours: Annotated[float, msgspec.Meta(gt=0, le=1000)]
    provider: Text
    topic: Text
    certificate: str | None = None


# The table -------------------------------------------------------------------------------------------------------


class RegistryKind(StrEnum):
    STAFF = "staff"
    EXPERTS = "experts"
    KNOWLEDGE = "knowledge"
    OUTSIDE_BODIES = "outside_bodies"


ACTIVE = "active"
RETIRED = "retired"


@dataclass(frozen=True)
class KindSpec:
    code: RegistryKind
    clause: str
    name: Label
    profile: type[Profile]
    title_field: str
    """The profile field that names a record: what listings show and `q` searches."""
    institution_required: bool
    """Staff belong to an institution; other records may be an institution's own or city-wide (no institution)."""
    status: Mapping[str, Label]
    category_field: str | None = None
    """The profile field listings may be filtered on (`category`)."""
    vocabularies: Mapping[str, Mapping[Any, Label]] = dataclasses.field(default_factory=dict)
    """Profile fields holding codes, with their labels."""
    trainings: bool = False


KINDS: dict[RegistryKind, KindSpec] = {
    spec.code: spec
    for spec in (
        KindSpec(
            RegistryKind.STAFF,
            "6.1.1",
            Label("知识产权服务人员", "IP service staff"),
            StaffProfile,
            title_field="name",
            institution_required=True,
            status={ACTIVE: Label("在岗", "Active"), RETIRED: Label("已离岗", "Left")},
            category_field="employment",
            vocabularies={
                "employment": EMPLOYMENT_LABELS,
                "education": EDUCATION_LABELS,
                "background": BACKGROUND_LABELS,
            },
            trainings=True,
        ),
        KindSpec(
            RegistryKind.EXPERTS,
            "6.3.b",
            Label("知识产权专家库", "IP expert database"),
            ExpertProfile,
            title_field="name",
            institution_required=False,
            status={ACTIVE: Label("在库", "In the database"), RETIRED: Label("已退出", "Withdrawn")},
            category_field="availability",
            vocabularies={"availability": AVAILABILITY_LABELS, "ip_types": IP_TYPE_LABELS},
        ),
        KindSpec(
            RegistryKind.KNOWLEDGE,
            "6.3.d",
            Label("知识库", "Knowledge base"),
            KnowledgeEntry,
            title_field="title",
            institution_required=False,
            status={ACTIVE: Label("有效", "Current"), RETIRED: Label("已下架", "Withdrawn")},
            category_field="category",
            vocabularies={"category": KNOWLEDGE_CATEGORY_LABELS, "ip_types": IP_TYPE_LABELS},
        ),
        KindSpec(
            RegistryKind.OUTSIDE_BODIES,
            "6.3.a",
            Label("对接服务机构", "Outside bodies cases are referred to"),
            OutsideBody,
            title_field="name",
            institution_required=False,
            status={ACTIVE: Label("合作中", "Active"), RETIRED: Label("已停止合作", "No longer used")},
            category_field="body_kind",
            vocabularies={"body_kind": BODY_KIND_LABELS},
        ),
    )
}


def kind_spec(code: str) -> KindSpec:
    if code not in {k.value for k in RegistryKind}:
        raise UnknownCode("registry kind", code, [k.value for k in RegistryKind])
    return KINDS[RegistryKind(code)]


def profile_labels(spec: KindSpec, profile: Mapping[str, Any]) -> dict[str, dict[str, Label]]:
    """The labels of the codes a profile holds: {field: {code: label}}."""
    shown: dict[str, dict[str, Label]] = {}
    for name, labels in spec.vocabularies.items():
        value = profile.get(name)
        codes = value if isinstance(value, list) else [value] if value is not None else []
        by_code = {str(k.value if isinstance(k, Enum) else k): v for k, v in labels.items()}
        shown[name] = {code: by_code[code] for code in codes if code in by_code}
    return shown


# The aggregate ---------------------------------------------------------------------------------------------------


class RegistryRecord(Aggregate):
    class Registered(events.Created):
        kind: str
        institution_id: UUID | None
        profile: dict[str, Any]

    class Revised(events.Recorded):
        profile: dict[str, Any]

    class Retired(events.Recorded):
        retirement: dict[str, Any]

    class TrainingRecorded(events.Recorded):
        training: dict[str, Any]

    @event(Registered)
    def __init__(
        self,
        kind: str,
        institution_id: UUID | None,
        profile: dict[str, Any],
        clause: str,
        actor: Any,
        effective_at: dt.datetime,
        correlation_id: str,
        causation_id: str,
    ) -> None:
        self.kind = kind
        self.institution_id = institution_id
        self.profile = profile
        self.registered_at = effective_at
        self.updated_at = effective_at
        self.retired_at: dt.datetime | None = None
        self.retirement: dict[str, Any] | None = None
        self.trainings: list[dict[str, Any]] = []

    @classmethod
    def register(
        cls, kind: str, institution_id: UUID | None, profile: Mapping[str, Any], meta: Provenance
    ) -> RegistryRecord:
        spec = kind_spec(kind)
        missing = spec.institution_required and institution_id is None
        errors = [FieldError("institution_id", f"a record of {spec.code} belongs to an institution")] if missing else []
        try:
            parsed = parse_payload(spec.profile, profile)
        except InvalidPayload as invalid:
            errors += invalid.errors
            raise _refusal(errors) from None
        if errors:
            raise _refusal(errors)
        return cls(
            kind=spec.code.value, institution_id=institution_id, profile=to_record(parsed), **meta.stamp(spec.clause)
        )

    @property
    def spec(self) -> KindSpec:
        return kind_spec(self.kind)

    @property
    def active(self) -> bool:
        return self.retired_at is None

    @property
    def title(self) -> str:
        return str(self.profile[self.spec.title_field])

    def revise(self, profile: Mapping[str, Any], meta: Provenance) -> None:
        """A whole new profile (the kind and the institution stay)."""
        self._refuse_if_retired("revised")
        parsed = parse_payload(self.spec.profile, profile)
        self._revised(profile=to_record(parsed), **meta.stamp(self.spec.clause, not_before=self.updated_at))

    @event(Revised)
    def _revised(
        self,
        profile: dict[str, Any],
        clause: str,
        actor: Any,
        effective_at: dt.datetime,
        correlation_id: str,
        causation_id: str,
    ) -> None:
        self.profile = profile
        self.updated_at = effective_at

    def retire(self, retirement: Mapping[str, Any], meta: Provenance) -> None:
        self._refuse_if_retired("retired again")
        parsed = parse_payload(Retirement, retirement)
        self._retired(retirement=to_record(parsed), **meta.stamp(self.spec.clause, not_before=self.updated_at))

    @event(Retired)
    def _retired(
        self,
        retirement: dict[str, Any],
        clause: str,
        actor: Any,
        effective_at: dt.datetime,
        correlation_id: str,
        causation_id: str,
    ) -> None:
        self.retirement = retirement
        self.retired_at = effective_at
        self.updated_at = effective_at

    def record_training(self, training: Mapping[str, Any], meta: Provenance) -> None:
        """6.1.3: a training the staff member took part in; dated in Xining, never in the future."""
        if not self.spec.trainings:
            raise RuleBroken(f"6.1.3: training records are kept for staff only, not for {self.kind}", "6.1.3")
        self._refuse_if_retired("given new training records")
        parsed = parse_payload(Training, training)
        today = meta.now.astimezone(CITY_TIME).date()
        if parsed.date > today:
            raise InvalidPayload(f"date: {parsed.date.isoformat()} is in the future", "date")
        clause = TRAINING_KINDS[parsed.kind].clause
        self._training_recorded(training=to_record(parsed), **meta.stamp(clause, not_before=self.updated_at))

    @event(TrainingRecorded)
    def _training_recorded(
        self,
        training: dict[str, Any],
        clause: str,
        actor: Any,
        effective_at: dt.datetime,
        correlation_id: str,
        causation_id: str,
    ) -> None:
        # Applied before the aggregate's version moves on: this event's version is the next one.
        version = self.version + 1
        self.trainings.append({**training, "version": version, "clause": clause, "recorded_at": effective_at})
        self.updated_at = effective_at

    def _refuse_if_retired(self, what: str) -> None:
        if self.retired_at is not None:
            status = self.spec.status[RETIRED]
            raise RuleBroken(
                f"{self.spec.clause}: this record is retired ({status.zh}) and cannot be {what}", self.spec.clause
            )


def _refusal(errors: list[FieldError]) -> InvalidPayload:
    return InvalidPayload("; ".join(f"{e.field}: {e.message}" for e in errors), errors[0].field, errors)


# 6.1.1 The staffing check ----------------------------------------------------------------------------------------

STAFFING_CLAUSE = "6.1.1"
STAFFING_RULE = Label(
    "配备1名及以上专职或2名及以上兼职从事知识产权服务的人员",
    "At least one full-time or two part-time IP service staff",
)
STAFFING_STATUS = {
    True: ("compliant", Label("达标", "Compliant")),
    False: ("not_compliant", Label("未达标", "Not compliant")),
}
MIN_FULL_TIME = 1
MIN_PART_TIME = 2


@dataclass(frozen=True)
class Staffing:
    full_time: int
    part_time: int

    @property
    def compliant(self) -> bool:
        return self.full_time >= MIN_FULL_TIME or self.part_time >= MIN_PART_TIME


def staffing(active_employments: Iterable[str]) -> Staffing:
    """6.1.1 over the employments of an institution's ACTIVE staff."""
    employments = [Employment(e) for e in active_employments]
    return Staffing(
        full_time=employments.count(Employment.FULL_TIME),
        part_time=employments.count(Employment.PART_TIME),
    )
