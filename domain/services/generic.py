"""5.1.1: the four basic services the standard names without steps, as generic cases.

Each is opened with the need (the intake), then the service is delivered and followed up as often as
the work takes, and the case is closed after a follow-up.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from domain.labels import Label
from domain.lifecycle import OPENED, Intake, Names, Payload, Score, ServiceType, Step, Text
from domain.services.common import IpType

CLAUSE = "5.1.1"


class FollowUpMethod(StrEnum):
    PHONE = "phone"  # 电话回访
    VISIT = "visit"  # 上门走访
    ONLINE = "online"  # 线上（微信、平台留言）


class GenericIntake(Intake, kw_only=True):
    need: Text
    ip_type: IpType | None = None


class ServiceDelivered(Payload, kw_only=True):
    delivered_on: date
    delivered_by: Names
    content: Text
    reference_no: str | None = None
    """What the service produced, where it has a number: pre-examination no., registration certificate, deposit no."""


class FollowedUp(Payload, kw_only=True):
    method: FollowUpMethod
    result: Text
    satisfaction: Score | None = None
    next_follow_up_on: date | None = None


class Closed(Payload, kw_only=True):
    outcome: Text


def generic_service(code: str, name: Label) -> ServiceType:
    return ServiceType(
        code=code,
        clause=CLAUSE,
        name=name,
        intake=GenericIntake,
        steps=(
            Step(
                "service_delivered",
                CLAUSE,
                Label("提供服务", "Service delivered"),
                ServiceDelivered,
                follows=frozenset({OPENED, "service_delivered", "followed_up"}),
                repeatable=True,
            ),
            Step(
                "followed_up",
                CLAUSE,
                Label("跟踪回访", "Followed up"),
                FollowedUp,
                follows=frozenset({"service_delivered", "followed_up"}),
                repeatable=True,
            ),
            Step(
                "closed",
                CLAUSE,
                Label("办结", "Closed"),
                Closed,
                follows=frozenset({"followed_up"}),
                closes=True,
            ),
        ),
    )


_GENERIC: tuple[tuple[str, str, str], ...] = (
    ("fast_examination_liaison", "快速预审与优先审查对接", "Fast pre-examination and priority-examination liaison"),
    ("data_ip_registration", "数据知识产权登记引导", "Data-IP registration guidance"),
    ("electronic_evidence", "电子存证指导", "Electronic evidence preservation guidance"),
    ("qinghai_industry_assistance", "涉青特色产业知识产权帮扶", "IP assistance for Qinghai characteristic industries"),
)

# Top-level names, so that the catalogue finds them.
FAST_EXAMINATION_LIAISON, DATA_IP_REGISTRATION, ELECTRONIC_EVIDENCE, QINGHAI_INDUSTRY_ASSISTANCE = (
    generic_service(code, Label(zh, en)) for code, zh, en in _GENERIC
)
