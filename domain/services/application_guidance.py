"""5.1.5 申请引导 Application guidance.

a) the client's IP management ledger 知识产权管理台账, kept across all its cases (domain/ip_ledger.py);
b) the application is guided; c) clients with no IP activity get basic-knowledge training; d) they are
referred to a professional agency; e) after the referral, staff follow up periodically on its service.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from typing import Annotated, Any
from uuid import UUID

import msgspec

from domain.errors import FieldError, RuleBroken
from domain.ip_ledger import ClientIpLedger, RightStatus
from domain.labels import Label
from domain.lifecycle import (
    OPENED,
    CaseView,
    Companion,
    Intake,
    Names,
    Payload,
    Score,
    ServiceType,
    Step,
    Text,
    to_record,
)
from domain.provenance import Provenance
from domain.services.common import IpType


class AgencyKind(StrEnum):
    PATENT_AGENCY = "patent_agency"  # 专利代理机构
    TRADEMARK_AGENCY = "trademark_agency"  # 商标代理机构
    COPYRIGHT_SERVICE = "copyright_service"  # 版权登记服务机构
    LAW_FIRM = "law_firm"  # 律师事务所


class GuidanceIntake(Intake, kw_only=True):
    has_ip_activity: bool
    """Whether the client has created IP before (filed, registered): without it, 5.1.5.c training applies."""
    ip_types: list[IpType] = msgspec.field(default_factory=list)


class LedgerEntryRecorded(Payload, kw_only=True):
    ip_type: IpType
    title: Text
    application_no: Annotated[str, msgspec.Meta(pattern=r"\S", max_length=64)]
    registration_no: str | None = None
    status: RightStatus
    filed_on: date
    granted_on: date | None = None

    def invariants(self) -> Iterator[FieldError]:
        if self.status == RightStatus.GRANTED and self.granted_on is None:
            yield FieldError("granted_on", "a granted right needs its grant (registration) date")
        if self.status in {RightStatus.FILED, RightStatus.EXAMINING, RightStatus.REJECTED}:
            if self.granted_on is not None:
                yield FieldError("granted_on", f"a right that is {self.status} has no grant date")
            if self.registration_no is not None:
                yield FieldError("registration_no", f"a right that is {self.status} has no registration number")
        if self.granted_on is not None and self.granted_on < self.filed_on:
            yield FieldError("granted_on", "the grant date cannot be before the filing date")


class ApplicationGuided(Payload, kw_only=True):
    ip_types: Annotated[list[IpType], msgspec.Meta(min_length=1)]
    subject: Text
    """The achievement to protect: a product, process, software, design."""
    advice: Text


class BasicTrainingGiven(Payload, kw_only=True):
    topics: Names
    trainer: Text
    attendees: Annotated[int, msgspec.Meta(ge=1)]
    hours: Annotated[float, msgspec.Meta(gt=0, le=40)] | None = None


class ReferredToAgency(Payload, kw_only=True):
    agency_kind: AgencyKind
    agency_name: Text
    services: Text
    contact: str | None = None


class AgencyFollowedUp(Payload, kw_only=True):
    agency_name: Text
    progress: Text
    satisfaction: Score
    next_follow_up_on: date | None = None
    """None when no further follow-up is planned."""


class Concluded(Payload, kw_only=True):
    outcome: Text


def _ip_activity_absent(view: CaseView, step: Step, payload: Payload) -> None:
    if step.code == "basic_training_given" and view.intake.get("has_ip_activity"):
        raise RuleBroken(
            "5.1.5.c: basic-knowledge training is for clients with no IP activity; this client has some",
            step.clause,
        )


def _followed_agency_was_referred(view: CaseView, step: Step, payload: Payload) -> None:
    if not isinstance(payload, AgencyFollowedUp):
        return
    referred = [p["agency_name"] for p in view.payloads("referred_to_agency")]
    if payload.agency_name not in referred:
        raise RuleBroken(
            f"5.1.5.e: {payload.agency_name} was not referred in this case; referred: {', '.join(referred) or 'none'}",
            step.clause,
        )


def _client_of(view: CaseView) -> UUID:
    if view.client_id is None:
        raise RuleBroken("5.1.5.a: the case names no client, whose IP ledger this would be", "5.1.5.a")
    return view.client_id


def _add_to_ledger(ledger: ClientIpLedger, view: CaseView, entry: LedgerEntryRecorded, meta: Provenance) -> None:
    record: dict[str, Any] = to_record(entry)
    ledger.record_entry(_client_of(view), entry.application_no, record, view.institution_id, meta)


CLIENT_IP_LEDGER = Companion(
    aggregate_id=lambda view, entry: ClientIpLedger.create_id(_client_of(view)),
    start=lambda view, entry, meta: ClientIpLedger.start(_client_of(view), meta),
    apply=_add_to_ledger,
)

_GUIDING = frozenset(
    {
        "ledger_entry_recorded",
        "application_guided",
        "basic_training_given",
        "referred_to_agency",
        "agency_followed_up",  # the agency's filings come back to the ledger, or need more guidance
    }
)

APPLICATION_GUIDANCE = ServiceType(
    code="application_guidance",
    clause="5.1.5",
    name=Label("申请引导", "Application guidance"),
    intake=GuidanceIntake,
    rules=(_ip_activity_absent, _followed_agency_was_referred),
    steps=(
        Step(
            "ledger_entry_recorded",
            "5.1.5.a",
            Label("建立知识产权管理台账，记录知识产权基本信息", "IP ledger entry recorded"),
            LedgerEntryRecorded,
            follows=_GUIDING | {OPENED},
            repeatable=True,
            companion=CLIENT_IP_LEDGER,
        ),
        Step(
            "application_guided",
            "5.1.5.b",
            Label("引导申请知识产权", "Application guided"),
            ApplicationGuided,
            follows=_GUIDING | {OPENED},
            repeatable=True,
        ),
        Step(
            "basic_training_given",
            "5.1.5.c",
            Label("知识产权基础知识普及培训", "Basic-knowledge training given"),
            BasicTrainingGiven,
            follows=_GUIDING | {OPENED},
            repeatable=True,
        ),
        Step(
            "referred_to_agency",
            "5.1.5.d",
            Label("协助对接专业知识产权服务机构", "Referred to a professional agency"),
            ReferredToAgency,
            follows=_GUIDING,
            repeatable=True,
        ),
        Step(
            "agency_followed_up",
            "5.1.5.e",
            Label("定期联系了解服务机构服务情况", "Agency's service followed up"),
            AgencyFollowedUp,
            follows=_GUIDING - {"basic_training_given", "application_guided"},
            repeatable=True,
        ),
        Step(
            "concluded",
            "5.1.5",
            Label("申请引导服务办结", "Guidance concluded"),
            Concluded,
            follows=_GUIDING,
            closes=True,
        ),
    ),
)
