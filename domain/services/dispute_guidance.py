"""5.1.7 纠纷应对指导 Dispute response guidance."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum

import msgspec

from domain.errors import FieldError, RuleBroken
from domain.labels import Label
from domain.lifecycle import OPENED, CaseView, Intake, Names, Payload, ServiceType, Step, Text
from domain.services.common import IpType


class DisputeKind(StrEnum):
    INFRINGEMENT = "infringement"  # 侵权
    CONTRACT = "contract"  # 合同
    OWNERSHIP = "ownership"  # 权属


class Route(StrEnum):
    ADMINISTRATIVE = "administrative"  # 行政
    JUDICIAL = "judicial"  # 司法
    MEDIATION = "mediation"  # 调解
    SETTLEMENT = "settlement"  # 和解
    ARBITRATION = "arbitration"  # 仲裁


class MediationOutcome(StrEnum):
    AGREEMENT = "agreement"
    PARTIAL_AGREEMENT = "partial_agreement"
    NO_AGREEMENT = "no_agreement"
    ADJOURNED = "adjourned"


class EvidenceBody(StrEnum):
    ARBITRATION = "arbitration"
    NOTARY = "notary"


class DisputeIntake(Intake, kw_only=True):
    dispute_kind: DisputeKind
    ip_type: IpType
    opposing_party: str | None = None


class RoutesExplained(Payload, kw_only=True):
    routes: list[Route] = msgspec.field(default_factory=lambda: list(Route))
    recommended: Route | None = None

    def invariants(self) -> Iterator[FieldError]:
        if not self.routes:
            yield FieldError("routes", "name at least one resolution route")
        if self.recommended is not None and self.recommended not in self.routes:
            yield FieldError("recommended", "the recommended route must be one of the routes explained")


class MediationSession(Payload, kw_only=True):
    mediator: Text
    room: str = "调解室"
    parties_present: list[str] = msgspec.field(default_factory=list)
    outcome: MediationOutcome


class ExpertConsultation(Payload, kw_only=True):
    experts: Names
    opinion: Text
    steered_to_mediation: bool = False


class MediationCommitteeReferral(Payload, kw_only=True):
    committee: Text
    support_given: str = ""


class EvidenceReferral(Payload, kw_only=True):
    body_kind: EvidenceBody
    body_name: Text
    purpose: str = "evidence preservation"


class LitigationGuidance(Payload, kw_only=True):
    court: str | None = None
    guidance: Text


class PartiesFollowedUp(Payload, kw_only=True):
    contacted: Names
    method: str = "phone"
    result: Text


class Archived(Payload, kw_only=True):
    archive_no: Text
    resolution: Text


class TypicalCaseWritten(Payload, kw_only=True):
    title: Text
    summary: Text
    tags: list[str] = msgspec.field(default_factory=list)


_GUIDANCE = frozenset(
    {
        "routes_explained",
        "parties_followed_up",  # a follow-up may show that more guidance or mediation is needed
        "mediation_session",
        "expert_consultation",
        "mediation_committee_referral",
        "evidence_referral",
        "litigation_guidance",
    }
)


def open_mediation(view: CaseView) -> str | None:
    """The mediator of the mediation still open (its last session adjourned), if any."""
    sessions = view.payloads("mediation_session")
    if sessions and sessions[-1]["outcome"] == MediationOutcome.ADJOURNED:
        return str(sessions[-1]["mediator"])
    return None


def one_open_mediation(view: CaseView, step: Step, payload: Payload) -> None:
    """5.1.7.b: one open mediation per dispute. While one is adjourned, only its own mediator continues it;
    neither a second mediation in the room nor a referral to the mediation committee may start."""
    mediator = open_mediation(view)
    if mediator is None:
        return
    if isinstance(payload, MediationSession) and payload.mediator != mediator:
        raise RuleBroken(f"5.1.7.b: the mediation by {mediator} is still open; conclude it first", "5.1.7.b")
    if isinstance(payload, MediationCommitteeReferral):
        raise RuleBroken(f"5.1.7.d: the mediation by {mediator} is still open; conclude it first", "5.1.7.d")
    if isinstance(payload, Archived):
        raise RuleBroken(f"5.1.7.f: the mediation by {mediator} is still open; conclude it before archiving", "5.1.7.f")


DISPUTE_GUIDANCE = ServiceType(
    code="dispute_guidance",
    clause="5.1.7",
    name=Label("纠纷应对指导", "Dispute response guidance"),
    intake=DisputeIntake,
    rules=(one_open_mediation,),
    steps=(
        Step(
            "routes_explained",
            "5.1.7.a",
            Label("介绍纠纷解决途径", "Resolution routes explained"),
            RoutesExplained,
            follows=frozenset({OPENED}),
        ),
        Step(
            "mediation_session",
            "5.1.7.b",
            Label("调解室调解", "Mediation session"),
            MediationSession,
            follows=_GUIDANCE,
            repeatable=True,
        ),
        Step(
            "expert_consultation",
            "5.1.7.c",
            Label("专家会诊", "Expert consultation"),
            ExpertConsultation,
            follows=_GUIDANCE,
            repeatable=True,
        ),
        Step(
            "mediation_committee_referral",
            "5.1.7.d",
            Label("引导至知识产权纠纷人民调解委员会", "Referred to the people's mediation committee"),
            MediationCommitteeReferral,
            follows=_GUIDANCE,
        ),
        Step(
            "evidence_referral",
            "5.1.7.e",
            Label("引导仲裁、公证取证", "Referred to arbitration / notary for evidence"),
            EvidenceReferral,
            follows=_GUIDANCE,
            repeatable=True,
        ),
        Step(
            "litigation_guidance",
            "5.1.7.e",
            Label("诉讼指导", "Litigation guidance"),
            LitigationGuidance,
            follows=_GUIDANCE,
            repeatable=True,
        ),
        Step(
            "parties_followed_up",
            "5.1.7.f",
            Label("跟踪回访当事人", "Parties followed up"),
            PartiesFollowedUp,
            follows=_GUIDANCE,
            repeatable=True,
        ),
        Step(
            "archived",
            "5.1.7.f",
            Label("记录归档", "Archived"),
            Archived,
            follows=frozenset({"parties_followed_up"}),
            closes=True,
        ),
        Step(
            "typical_case_written",
            "5.1.7.f",
            Label("编写典型案例", "Typical case written up"),
            TypicalCaseWritten,
            follows=frozenset({"archived"}),
        ),
    ),
)
