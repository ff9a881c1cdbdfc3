"""5.1.12 合规管理引导 IP compliance guidance.

a) The innovator's IP compliance is surveyed; b) the findings are analysed and the difficulties of
building a compliance system found; c) the innovator is guided to build one; d) how it runs is followed
up periodically. Each follow-up names the next one (the follow-up queue reads it); further guidance may
follow a follow-up that finds the system not running; the case closes when the follow-ups end.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

import msgspec

from domain.labels import Label
from domain.lifecycle import OPENED, Names, Payload, ServiceType, Step, Text


class SurveyMethod(StrEnum):
    ON_SITE = "on_site"  # 实地走访
    QUESTIONNAIRE = "questionnaire"  # 问卷
    DOCUMENT_REVIEW = "document_review"  # 查阅制度文件
    INTERVIEW = "interview"  # 座谈访谈


class ComplianceArea(StrEnum):
    POLICIES = "policies"  # 知识产权管理制度
    ORGANISATION = "organisation"  # 管理机构与人员
    ACQUISITION = "acquisition"  # 知识产权获取
    OWNERSHIP = "ownership"  # 权属
    EMPLOYEE_INVENTIONS = "employee_inventions"  # 职务发明奖励报酬
    CONTRACTS = "contracts"  # 合同中的知识产权条款
    TRADE_SECRETS = "trade_secrets"  # 商业秘密
    INFRINGEMENT_RISK = "infringement_risk"  # 侵权风险
    OVERSEAS = "overseas"  # 海外知识产权
    RECORDS = "records"  # 档案


class RiskLevel(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class RunningState(StrEnum):
    RUNNING_WELL = "running_well"  # 运行良好
    PARTLY_RUNNING = "partly_running"  # 部分运行
    NOT_RUNNING = "not_running"  # 未有效运行


class EndReason(StrEnum):
    SYSTEM_RUNNING = "system_running"  # 体系稳定运行
    CERTIFIED = "certified"  # 通过体系认证
    CLIENT_DECLINED = "client_declined"  # 创新主体不再需要
    CLIENT_GONE = "client_gone"  # 注销、迁出


class ComplianceSurveyed(Payload, kw_only=True):
    methods: Annotated[list[SurveyMethod], msgspec.Meta(min_length=1)]
    areas: Annotated[list[ComplianceArea], msgspec.Meta(min_length=1)]
    findings: Text
    has_management_system: bool = False
    certified_standard: str | None = None
    """A management-system standard the innovator is certified to, e.g. GB/T 29490."""


class DifficultiesAnalysed(Payload, kw_only=True):
    difficulties: Names
    weak_areas: list[ComplianceArea] = msgspec.field(default_factory=list)
    risk_level: RiskLevel
    analysis: Text


class SystemGuided(Payload, kw_only=True):
    measures: Names
    """What the innovator is guided to set up: policies, posts, procedures, records."""
    reference_standard: str | None = None
    client_contact: str | None = None
    target_date: date | None = None


class ComplianceFollowedUp(Payload, kw_only=True):
    running: RunningState
    observations: Text
    issues: list[Text] = msgspec.field(default_factory=list)
    next_follow_up: date


class FollowUpEnded(Payload, kw_only=True):
    reason: EndReason
    summary: Text


COMPLIANCE_GUIDANCE = ServiceType(
    code="compliance_guidance",
    clause="5.1.12",
    name=Label("合规管理引导", "IP compliance guidance"),
    steps=(
        Step(
            "compliance_surveyed",
            "5.1.12.a",
            Label("知识产权合规化管理情况摸底排查", "Compliance surveyed"),
            ComplianceSurveyed,
            follows=frozenset({OPENED}),
        ),
        Step(
            "difficulties_analysed",
            "5.1.12.b",
            Label("分析排查结果，了解合规管理体系建设难题", "Findings analysed, difficulties found"),
            DifficultiesAnalysed,
            follows=frozenset({"compliance_surveyed"}),
        ),
        Step(
            "system_guided",
            "5.1.12.c",
            Label("引导建立知识产权合规管理体系", "Guided to build a compliance system"),
            SystemGuided,
            follows=frozenset({"difficulties_analysed", "system_guided", "compliance_followed_up"}),
            repeatable=True,
        ),
        Step(
            "compliance_followed_up",
            "5.1.12.d",
            Label("定期跟进合规化体系运行情况", "Periodic follow-up on the system"),
            ComplianceFollowedUp,
            follows=frozenset({"system_guided", "compliance_followed_up"}),
            repeatable=True,
        ),
        Step(
            "follow_up_ended",
            "5.1.12.d",
            Label("结束定期跟进", "Periodic follow-up ended"),
            FollowUpEnded,
            follows=frozenset({"compliance_followed_up"}),
            closes=True,
        ),
    ),
)
