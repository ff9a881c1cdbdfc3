"""The plans and runs the loader works on, and the odds of their steps."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from uuid import UUID

from api.access import Principal
from api.demo.content_clients import Sector
from api.demo.content_places import _InstitutionSpec
from domain.ip_ledger import RightStatus, ledger_key
from domain.parties import Designation, EnterpriseSize
from domain.services.common import IpType
from domain.services.dispute_guidance import DisputeKind, MediationOutcome, Route
from domain.services.rights_assistance import AssistanceOutcome, ReferralTarget

# The load ---------------------------------------------------------------------------------------------


@dataclass
class _Right:
    """A right a client holds or has applied for; its status changes with time."""

    ip_type: IpType
    title: str
    application_no: str
    filed_on: date
    outcome: RightStatus = RightStatus.GRANTED  # what the examination decides: granted or rejected
    decided_on: date | None = None
    examining_on: date | None = None  # an invention enters substantive examination
    lapsed_on: date | None = None
    registration_no: str | None = None  # once granted

    @property
    def key(self) -> str:
        return ledger_key(self.application_no)

    def status_at(self, day: date) -> RightStatus:
        if self.lapsed_on is not None and day >= self.lapsed_on:
            return RightStatus.LAPSED
        if self.decided_on is not None and day >= self.decided_on:
            return self.outcome
        if self.examining_on is not None and day >= self.examining_on:
            return RightStatus.EXAMINING
        return RightStatus.FILED

    def granted_at(self, day: date) -> bool:
        return self.status_at(day) is RightStatus.GRANTED

    @property
    def number(self) -> str:
        """How the right is cited once granted (a patent by its ZL number)."""
        return self.registration_no or self.application_no


@dataclass
class _ClientPlan:
    profile: dict[str, Any]
    short: str  # how staff refer to the client in their notes
    sector: Sector
    weight: float  # how often this client comes back
    group: str  # person, enterprise, university, institute, cooperative
    brand: str
    size: EnterpriseSize | None = None
    designations: tuple[Designation, ...] = ()
    id: UUID | None = None
    registered_by: _Inst | None = None
    registered_at: datetime | None = None
    snapshot: dict[str, Any] = field(default_factory=dict)  # the profile as registered
    contact: str | None = None  # who speaks for an organisation
    rights: list[_Right] | None = None  # made when first needed
    ledger: set[str] = field(default_factory=set)  # keys of the rights in its IP ledger

    @property
    def organisation(self) -> bool:
        return self.group != "person"


@dataclass
class _Inst:
    id: UUID
    spec: _InstitutionSpec
    principal: Principal
    staff: list[str]
    mediators: list[str]
    registered_at: datetime
    full_time: int
    serials: Counter[str] = field(default_factory=Counter)


@dataclass
class _CasePlan:
    service_type: str
    institution: _Inst
    client: _ClientPlan
    opened_at: datetime
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Story:
    """What has happened in a dispute or assistance case so far, beyond its step codes."""

    ip_type: IpType
    opponent: str
    product: str
    route: Route | None = None
    mediation: MediationOutcome | None = None
    referred: ReferralTarget | None = None
    paths: list[str] = field(default_factory=list)  # litigation, arbitration, committee, notary...
    dispute_kind: DisputeKind = DisputeKind.INFRINGEMENT
    difficult: bool = False
    open_mediator: str | None = None  # who continues an adjourned mediation (5.1.7.b: one open mediation)


# Gaps between a dispute or assistance step and the one before it, in hours (drawn log-uniformly).
GAPS: dict[str, tuple[float, float]] = {
    "routes_explained": (0.1, 72),
    "mediation_session": (48, 504),
    "expert_consultation": (72, 336),
    "mediation_committee_referral": (24, 168),
    "evidence_referral": (24, 240),
    "litigation_guidance": (48, 480),
    "parties_followed_up": (168, 1080),
    "archived": (24, 240),
    "typical_case_written": (336, 2160),
    "need_collected": (0.1, 48),
    "guidance_given": (24, 240),
    "expert_panel_advice": (120, 480),
    "referred": (24, 168),
    "return_visit": (240, 1080),
}

_GUIDANCE_BY_ROUTE: dict[Route | None, dict[str, float]] = {
    Route.MEDIATION: {
        "mediation_session": 6,
        "expert_consultation": 1,
        "mediation_committee_referral": 2,
        "evidence_referral": 0.5,
        "litigation_guidance": 0.3,
    },
    Route.SETTLEMENT: {
        "mediation_session": 3,
        "expert_consultation": 1.5,
        "mediation_committee_referral": 0.5,
        "evidence_referral": 0.5,
        "litigation_guidance": 0.3,
    },
    Route.JUDICIAL: {
        "mediation_session": 0.8,
        "expert_consultation": 1.5,
        "mediation_committee_referral": 0.3,
        "evidence_referral": 3,
        "litigation_guidance": 5,
    },
    Route.ARBITRATION: {
        "mediation_session": 0.8,
        "expert_consultation": 1,
        "mediation_committee_referral": 0.3,
        "evidence_referral": 5,
        "litigation_guidance": 0.8,
    },
    Route.ADMINISTRATIVE: {
        "mediation_session": 1,
        "expert_consultation": 2.5,
        "mediation_committee_referral": 0.5,
        "evidence_referral": 2.5,
        "litigation_guidance": 0.8,
    },
    None: {
        "mediation_session": 3,
        "expert_consultation": 2,
        "mediation_committee_referral": 1,
        "evidence_referral": 1.5,
        "litigation_guidance": 1.5,
    },
}
_ROUTE_BY_DISPUTE: dict[DisputeKind, tuple[tuple[Route, float], ...]] = {
    DisputeKind.INFRINGEMENT: (
        (Route.MEDIATION, 35),
        (Route.JUDICIAL, 25),
        (Route.ADMINISTRATIVE, 20),
        (Route.SETTLEMENT, 15),
        (Route.ARBITRATION, 5),
    ),
    DisputeKind.CONTRACT: (
        (Route.MEDIATION, 30),
        (Route.ARBITRATION, 30),
        (Route.JUDICIAL, 20),
        (Route.SETTLEMENT, 20),
    ),
    DisputeKind.OWNERSHIP: (
        (Route.MEDIATION, 35),
        (Route.JUDICIAL, 35),
        (Route.ARBITRATION, 15),
        (Route.SETTLEMENT, 15),
    ),
}
_SATISFACTION: dict[AssistanceOutcome, tuple[float, float, float, float, float]] = {
    # weights of 1..5
    AssistanceOutcome.RESOLVED: (1, 1, 5, 32, 61),
    AssistanceOutcome.PARTLY_RESOLVED: (1, 3, 14, 45, 37),
    AssistanceOutcome.IN_PROGRESS_ELSEWHERE: (1, 3, 13, 45, 38),
    AssistanceOutcome.UNRESOLVED: (6, 12, 27, 35, 20),
}
_SCORES = (1, 2, 3, 4, 5)
