"""5.1.6 业务办理咨询 Consultation.

a) the channel the client came through is part of the intake; b) each question is recorded, with the
topics and tags the consultation archive 咨询档案 is searched by; c) the answer, with the client's
satisfaction; d) a referral to a professional agency when needed. The periodic analysis of 5.1.6.d is a
read model over the recorded questions.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import msgspec

from domain.labels import Label
from domain.lifecycle import OPENED, Intake, Payload, Score, ServiceType, Step, Text
from domain.services.common import IpType


class Channel(StrEnum):
    PHONE = "phone"  # 固定咨询电话
    WEBSITE = "website"  # 网络网站线上窗口
    FACE_TO_FACE = "face_to_face"  # 线下面对面咨询室
    SOCIAL_MEDIA = "social_media"  # 社交软件平台咨询入口（新媒体）


CHANNEL_LABELS: dict[Channel, Label] = {
    Channel.PHONE: Label("咨询电话", "Phone"),
    Channel.WEBSITE: Label("网站线上窗口", "Website"),
    Channel.FACE_TO_FACE: Label("面对面咨询室", "Face-to-face room"),
    Channel.SOCIAL_MEDIA: Label("新媒体咨询入口", "Social-media entry"),
}


class Topic(StrEnum):
    """The stages 5.1.6 names, where a client's legal question arises."""

    APPLICATION = "application"  # 申请
    PROTECTION = "protection"  # 保护
    USE = "use"  # 运用
    DISPUTE = "dispute"  # 纠纷解决


class AgencyKind(StrEnum):
    PATENT_AGENCY = "patent_agency"  # 专利代理机构
    TRADEMARK_AGENCY = "trademark_agency"  # 商标代理机构
    LAW_FIRM = "law_firm"  # 律师事务所
    OTHER = "other"


class ConsultationIntake(Intake, kw_only=True):
    channel: Channel
    """5.1.6.a: the consultation channel the client came through."""
    contact: str | None = None
    """A phone number, account or e-mail to answer on, when the answer is not given at once."""


class QuestionRecorded(Payload, kw_only=True):
    question: Text
    topics: Annotated[list[Topic], msgspec.Meta(min_length=1)]
    ip_types: list[IpType] = msgspec.field(default_factory=list)
    tags: list[Text] = msgspec.field(default_factory=list)


class Answered(Payload, kw_only=True):
    answer: Text
    answered_by: Text
    legal_basis: str | None = None
    satisfaction: Score


class ReferredToAgency(Payload, kw_only=True):
    agency_kind: AgencyKind
    agency_name: Text
    reason: Text


CONSULTATION = ServiceType(
    code="consultation",
    clause="5.1.6",
    name=Label("业务办理咨询", "Consultation"),
    intake=ConsultationIntake,
    steps=(
        Step(
            "question_recorded",
            "5.1.6.b",
            Label("记录咨询问题，形成咨询档案", "Question recorded"),
            QuestionRecorded,
            follows=frozenset({OPENED, "question_recorded"}),
            repeatable=True,
        ),
        Step(
            "answered",
            "5.1.6.c",
            Label("咨询解答并开展满意度评价", "Answered, satisfaction rated"),
            Answered,
            follows=frozenset({"question_recorded", "referred_to_agency"}),
            closes=True,
        ),
        Step(
            "referred_to_agency",
            "5.1.6.d",
            Label("联系专业服务机构提供咨询服务", "Referred to a professional agency"),
            ReferredToAgency,
            # Referred before answering (the question needs a specialist) or after (the client needs more).
            follows=frozenset({"question_recorded", "answered"}),
        ),
    ),
)
