"""5.1.4 维权援助 Rights-protection assistance."""

from __future__ import annotations

from enum import StrEnum

import msgspec

from domain.labels import Label
from domain.lifecycle import OPENED, Intake, Names, Payload, Score, ServiceType, Step, Text
from domain.services.common import IpType


class GuidanceKind(StrEnum):
    EVIDENCE_COLLECTION = "evidence_collection"  # 取证
    PROCEDURE_CONSULTATION = "procedure_consultation"  # 程序咨询
    DISPUTE_MEDIATION = "dispute_mediation"  # 纠纷调解


class ReferralTarget(StrEnum):
    LAWYER_GROUP = "lawyer_group"  # 知识产权律师团
    ARBITRATION = "arbitration"  # 仲裁
    PROFESSIONAL_INSTITUTION = "professional_institution"  # 专业机构
    CROSS_REGION = "cross_region"  # 跨区域协作


class AssistanceOutcome(StrEnum):
    RESOLVED = "resolved"
    PARTLY_RESOLVED = "partly_resolved"
    UNRESOLVED = "unresolved"
    IN_PROGRESS_ELSEWHERE = "in_progress_elsewhere"


class AssistanceIntake(Intake, kw_only=True):
    ip_type: IpType


class NeedCollected(Payload, kw_only=True):
    description: Text
    right_number: str | None = None
    infringer: str | None = None
    help_wanted: list[GuidanceKind] = msgspec.field(default_factory=list)


class GuidanceGiven(Payload, kw_only=True):
    kind: GuidanceKind
    content: Text


class ExpertPanelAdvice(Payload, kw_only=True):
    experts: Names
    difficulty: Text
    legal_advice: Text
    response_suggestions: Text


class Referred(Payload, kw_only=True):
    target: ReferralTarget
    body_name: Text
    region: str | None = None


class ReturnVisit(Payload, kw_only=True):
    outcome: AssistanceOutcome
    satisfaction: Score
    visited_by: str | None = None


_HELPED = frozenset({"need_collected", "guidance_given", "expert_panel_advice", "referred"})

RIGHTS_ASSISTANCE = ServiceType(
    code="rights_assistance",
    clause="5.1.4",
    name=Label("维权援助", "Rights-protection assistance"),
    intake=AssistanceIntake,
    steps=(
        Step(
            "need_collected",
            "5.1.4.a",
            Label("收集维权援助需求", "Need collected"),
            NeedCollected,
            follows=frozenset({OPENED}),
        ),
        Step(
            "guidance_given",
            "5.1.4.b",
            Label("取证、程序咨询、纠纷调解指导", "Evidence / procedure / mediation guidance"),
            GuidanceGiven,
            follows=_HELPED,
            repeatable=True,
        ),
        Step(
            "expert_panel_advice",
            "5.1.4.c",
            Label("疑难案件专家论证", "Expert panel advice on a difficult case"),
            ExpertPanelAdvice,
            follows=_HELPED,
            repeatable=True,
        ),
        Step(
            "referred",
            "5.1.4.d",
            Label("转介律师团、仲裁、专业机构或跨区域协作", "Referred onward"),
            Referred,
            follows=_HELPED,
            repeatable=True,
        ),
        Step(
            "return_visit",
            "5.1.4.e",
            Label("回访跟踪维权结果与满意度", "Return visit: outcome and satisfaction"),
            ReturnVisit,
            follows=(_HELPED - {"need_collected"}) | {"return_visit"},
            repeatable=True,  # a later visit may track an outcome that was still pending
            closes=True,
        ),
    ),
)
