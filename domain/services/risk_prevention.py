"""5.1.3 风险防控 Risk prevention.

a) help the enterprise improve its IP protection, confidentiality and compliance rules; b) risk-prevention
training with TISC and service points for managers and R&D teams; c) risk search and early-warning analysis,
free of charge for micro, small and medium enterprises; d) referral to local patent agencies and law firms.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import msgspec

from domain.labels import Label
from domain.lifecycle import (
    OPENED,
    Charged,
    Intake,
    Names,
    Payload,
    ServiceType,
    Step,
    Text,
    free_for_smes,
)
from domain.services.common import IpType


class RiskArea(StrEnum):
    INFRINGEMENT = "infringement"  # 侵权风险
    BEING_INFRINGED = "being_infringed"  # 被侵权风险
    LEAKAGE = "leakage"  # 泄密风险
    OWNERSHIP = "ownership"  # 权属风险
    COMPLIANCE = "compliance"  # 合规风险
    OVERSEAS = "overseas"  # 海外风险


class RuleSystem(StrEnum):
    IP_PROTECTION = "ip_protection"  # 知识产权保护制度
    CONFIDENTIALITY = "confidentiality"  # 保密管理制度
    COMPLIANCE = "compliance"  # 合规运营制度


class TrainingAudience(StrEnum):
    MANAGERS = "managers"  # 企业管理人员
    RD_TEAM = "rd_team"  # 研发团队


class RiskLevel(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class AgencyKind(StrEnum):
    PATENT_AGENCY = "patent_agency"  # 专利代理机构
    LAW_FIRM = "law_firm"  # 律师事务所 / 法律服务机构


class RiskIntake(Intake, kw_only=True):
    risk_areas: list[RiskArea] = msgspec.field(default_factory=list)
    ip_types: list[IpType] = msgspec.field(default_factory=list)


class RulesImproved(Payload, kw_only=True):
    systems: Annotated[list[RuleSystem], msgspec.Meta(min_length=1)]
    documents: Names
    """The rules drafted or revised, e.g. 《知识产权管理办法》."""
    gaps_found: str | None = None


class RiskTrainingHeld(Payload, kw_only=True):
    partners: Names
    """The TISC and public service points the training was held with."""
    audiences: Annotated[list[TrainingAudience], msgspec.Meta(min_length=1)]
    topic: Text
    lecturers: Names
    trainees: Annotated[int, msgspec.Meta(ge=1)]


class RiskSearchAnalysed(Charged, kw_only=True):
    subject: Text
    """The technology or product searched."""
    ip_types: Annotated[list[IpType], msgspec.Meta(min_length=1)]
    databases: Names
    risk_level: RiskLevel
    findings: Text
    warnings: list[Text] = msgspec.field(default_factory=list)
    """The rights or events the client is warned of, e.g. a blocking patent."""
    report_no: str | None = None


class ReferredToAgency(Payload, kw_only=True):
    agency_kind: AgencyKind
    agency_name: Text
    services: Text


class Concluded(Payload, kw_only=True):
    outcome: Text
    residual_risks: str | None = None


_PREVENTING = frozenset({"rules_improved", "risk_training_held", "risk_search_analysed", "referred_to_agency"})

RISK_PREVENTION = ServiceType(
    code="risk_prevention",
    clause="5.1.3",
    name=Label("风险防控", "Risk prevention"),
    intake=RiskIntake,
    steps=(
        Step(
            "rules_improved",
            "5.1.3.a",
            Label("协助完善知识产权保护、保密管理、合规运营等制度", "Protection and compliance rules improved"),
            RulesImproved,
            follows=_PREVENTING | {OPENED},
            repeatable=True,
        ),
        Step(
            "risk_training_held",
            "5.1.3.b",
            Label("联动TISC、公共服务网点开展风险防控培训", "Risk-prevention training held"),
            RiskTrainingHeld,
            follows=_PREVENTING | {OPENED},
            repeatable=True,
        ),
        Step(
            "risk_search_analysed",
            "5.1.3.c",
            Label("知识产权风险检索与预警分析", "Risk search and early-warning analysis"),
            RiskSearchAnalysed,
            follows=_PREVENTING | {OPENED},
            repeatable=True,
            free=free_for_smes,
        ),
        Step(
            "referred_to_agency",
            "5.1.3.d",
            Label("对接本地专利代理、法律服务机构", "Referred to a patent agency or law firm"),
            ReferredToAgency,
            follows=_PREVENTING,
            repeatable=True,
        ),
        Step(
            "concluded",
            "5.1.3",
            Label("风险防控服务办结", "Risk-prevention service concluded"),
            Concluded,
            follows=_PREVENTING,
            closes=True,
        ),
    ),
)
