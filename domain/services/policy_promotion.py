"""5.1.2 政策宣贯 Policy promotion.

A case is the promotion delivered to one client: an innovator (an enterprise, a university, a research
institute), or a member of the public who asked. The intake says what the client wants to know about.
a) the national, Qinghai and Xining policies that concern it are collected; b) the local compilation is
pushed to it, version by version, through government platforms, service points and park windows; c) the
policies of its key industry are tracked and experts interpret them at a session; d) an innovator is helped
to apply for a project and submit the materials (a member of the public applies for no project).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from typing import Annotated

import msgspec

from domain.errors import FieldError, RuleBroken
from domain.labels import Label
from domain.lifecycle import OPENED, CaseView, Intake, Names, Payload, ServiceType, Step, Text


class PolicyLevel(StrEnum):
    NATIONAL = "national"  # 国家
    QINGHAI = "qinghai"  # 青海省
    XINING = "xining"  # 西宁市


class PolicyKind(StrEnum):
    SUPPORT = "support"  # 扶持
    REWARD = "reward"  # 奖励
    PILOT_APPLICATION = "pilot_application"  # 试点申报


class PushChannel(StrEnum):
    GOVERNMENT_PLATFORM = "government_platform"  # 政务平台
    SERVICE_POINT = "service_point"  # 服务网点
    PARK_WINDOW = "park_window"  # 园区窗口


class KeyIndustry(StrEnum):
    """Xining's key industries: the three 5.1.2.c names, and the others the city's policies single out."""

    PV_LITHIUM = "pv_lithium"  # 光伏锂电
    BIOMEDICINE = "biomedicine"  # 生物医药
    GREEN_COMPUTING = "green_computing"  # 绿色算力
    SALT_LAKE_CHEMICALS = "salt_lake_chemicals"  # 盐湖化工
    NEW_MATERIALS = "new_materials"  # 新材料
    PLATEAU_AGRICULTURE = "plateau_agriculture"  # 高原特色农牧
    OTHER = "other"


class PromotionIntake(Intake, kw_only=True):
    industries: list[KeyIndustry] = msgspec.field(default_factory=list)
    interests: list[PolicyKind] = msgspec.field(default_factory=list)


class Policy(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    title: Text
    level: PolicyLevel
    kind: PolicyKind
    issuer: str | None = None
    document_no: str | None = None


class PoliciesCollected(Payload, kw_only=True):
    policies: Annotated[list[Policy], msgspec.Meta(min_length=1, max_length=500)]


class CompilationPushed(Payload, kw_only=True):
    title: Text
    version: Text
    channels: Annotated[list[PushChannel], msgspec.Meta(min_length=1)]
    policy_count: Annotated[int, msgspec.Meta(ge=1)]


class IndustryPoliciesTracked(Payload, kw_only=True):
    industries: Annotated[list[KeyIndustry], msgspec.Meta(min_length=1)]
    policies: Names
    changes: str | None = None


class InterpretationSessionHeld(Payload, kw_only=True):
    topic: Text
    industries: Annotated[list[KeyIndustry], msgspec.Meta(min_length=1)]
    experts: Names
    attendees: Annotated[int, msgspec.Meta(ge=1)]
    venue: str | None = None


class ProjectApplicationAssisted(Payload, kw_only=True):
    project: Text
    level: PolicyLevel
    authority: Text
    """Where the application is filed, e.g. 西宁市市场监督管理局."""
    materials: Names
    submitted_on: date
    deadline: date | None = None

    def invariants(self) -> Iterator[FieldError]:
        if self.deadline is not None and self.submitted_on > self.deadline:
            yield FieldError("submitted_on", "the materials were submitted after the application deadline")


class Concluded(Payload, kw_only=True):
    outcome: Text


def _projects_are_for_innovators(view: CaseView, step: Step, payload: Payload) -> None:
    if step.code == "project_application_assisted" and view.client.get("kind") == "public":
        raise RuleBroken("5.1.2.d: project applications are made by enterprises and other innovators", step.clause)


_PROMOTING = frozenset(
    {
        "policies_collected",
        "compilation_pushed",
        "industry_policies_tracked",
        "interpretation_session_held",
        "project_application_assisted",
    }
)

POLICY_PROMOTION = ServiceType(
    code="policy_promotion",
    clause="5.1.2",
    name=Label("政策宣贯", "Policy promotion"),
    intake=PromotionIntake,
    rules=(_projects_are_for_innovators,),
    steps=(
        Step(
            "policies_collected",
            "5.1.2.a",
            Label("归集梳理国家、省、市知识产权政策", "Policies collected"),
            PoliciesCollected,
            follows=_PROMOTING | {OPENED},
            repeatable=True,
        ),
        Step(
            "compilation_pushed",
            "5.1.2.b",
            Label("编制本地化政策汇编并定向推送", "Policy compilation pushed"),
            CompilationPushed,
            follows=_PROMOTING,
            repeatable=True,
        ),
        Step(
            "industry_policies_tracked",
            "5.1.2.c",
            Label("跟踪重点产业政策", "Key-industry policies tracked"),
            IndustryPoliciesTracked,
            follows=_PROMOTING,
            repeatable=True,
        ),
        Step(
            "interpretation_session_held",
            "5.1.2.c",
            Label("联合专家开展专题解读", "Expert interpretation session held"),
            InterpretationSessionHeld,
            follows=frozenset({"industry_policies_tracked", "interpretation_session_held"}),
            repeatable=True,
        ),
        Step(
            "project_application_assisted",
            "5.1.2.d",
            Label("指导完成项目申报、材料报送", "Project application assisted"),
            ProjectApplicationAssisted,
            follows=_PROMOTING,
            repeatable=True,
        ),
        Step(
            "concluded",
            "5.1.2",
            Label("政策宣贯服务办结", "Policy promotion concluded"),
            Concluded,
            follows=_PROMOTING - {"policies_collected"},
            closes=True,
        ),
    ),
)
