"""What the load plans and keeps track of: institutions, clients and their rights, and the cases to live."""

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


_SCORES = (1, 2, 3, 4, 5)
