"""Institutions (spec §1 kinds) and clients (the public and innovators), as aggregates.

Their registration is recorded with clause "1" (the scope that names them).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

import msgspec
from eventsourcing.domain import Aggregate, event

from domain import events
from domain.errors import FieldError
from domain.labels import Label
from domain.lifecycle import Text, parse_payload, to_record
from domain.provenance import Provenance

SCOPE_CLAUSE = "1"


class InstitutionKind(StrEnum):
    PROTECTION_CENTER = "protection_center"
    ASSISTANCE_CENTER = "assistance_center"
    UNIVERSITY_CENTER = "university_center"
    TISC = "tisc"
    WORKSTATION = "workstation"


INSTITUTION_KIND_LABELS: dict[InstitutionKind, Label] = {
    InstitutionKind.PROTECTION_CENTER: Label("知识产权保护中心", "IP protection centre"),
    InstitutionKind.ASSISTANCE_CENTER: Label("维权援助中心", "Rights-protection assistance centre"),
    InstitutionKind.UNIVERSITY_CENTER: Label(
        "高校国家知识产权信息服务中心", "University national IP information service centre"
    ),
    InstitutionKind.TISC: Label("技术与创新支持中心", "Technology and innovation support centre (TISC)"),
    InstitutionKind.WORKSTATION: Label("知识产权公共服务工作站", "IP public service workstation"),
}


class ClientKind(StrEnum):
    PUBLIC = "public"  # 社会公众
    INNOVATOR = "innovator"  # 创新主体


class InnovatorKind(StrEnum):
    ENTERPRISE = "enterprise"
    UNIVERSITY = "university"
    RESEARCH_INSTITUTE = "research_institute"
    OTHER = "other"


class EnterpriseSize(StrEnum):
    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


class Designation(StrEnum):
    """Priority designations of 5.2.3."""

    SPECIALISED_SME = "specialised_sme"  # 专精特新
    GOING_GLOBAL = "going_global"  # 走出去
    NATIONAL_DEMONSTRATION = "national_demonstration"  # 国家知识产权示范企业
    NATIONAL_ADVANTAGE = "national_advantage"  # 国家知识产权优势企业
    PROVINCIAL_MUNICIPAL_DEMONSTRATION = "provincial_municipal_demonstration"  # 省市重点示范
    KEY_TALENT = "key_talent"  # 重点人才企业


class InstitutionProfile(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    name: Text
    kind: InstitutionKind
    district: str | None = None
    address: str | None = None
    phone: str | None = None


class ClientProfile(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    name: Text
    kind: ClientKind
    innovator_kind: InnovatorKind | None = None
    enterprise_size: EnterpriseSize | None = None
    designations: list[Designation] = msgspec.field(default_factory=list)
    credit_code: str | None = None  # 统一社会信用代码, for organisations
    district: str | None = None
    phone: str | None = None

    def invariants(self) -> Iterator[FieldError]:
        if self.kind == ClientKind.PUBLIC:
            for name in ("innovator_kind", "enterprise_size", "credit_code"):
                if getattr(self, name):
                    yield FieldError(name, f"a member of the public has no {name}")
            if self.designations:
                yield FieldError("designations", "a member of the public has no 5.2.3 designations")
            return
        if self.innovator_kind is None:
            yield FieldError("innovator_kind", "an innovator needs its kind (enterprise, university, ...)")
        if self.innovator_kind != InnovatorKind.ENTERPRISE:
            if self.enterprise_size is not None:
                yield FieldError("enterprise_size", "enterprise_size applies to enterprises only")
            if self.designations:
                yield FieldError("designations", "5.2.3 designations apply to enterprises only")


class Institution(Aggregate):
    class Registered(events.Created):
        profile: dict[str, Any]

    @event(Registered)
    def __init__(
        self,
        profile: dict[str, Any],
        clause: str,
        actor: Any,
        effective_at: datetime,
        correlation_id: str,
        causation_id: str,
    ) -> None:
        self.profile = profile
        self.registered_at = effective_at

    @classmethod
    def register(cls, profile: dict[str, Any], meta: Provenance) -> Institution:
        parsed = parse_payload(InstitutionProfile, profile)
        return cls(
            profile=to_record(parsed),
            **meta.stamp(SCOPE_CLAUSE),
        )


class Client(Aggregate):
    class Registered(events.Created):
        profile: dict[str, Any]
        registered_by: UUID | None

    @event(Registered)
    def __init__(
        self,
        profile: dict[str, Any],
        registered_by: UUID | None,
        clause: str,
        actor: Any,
        effective_at: datetime,
        correlation_id: str,
        causation_id: str,
    ) -> None:
        self.profile = profile
        self.registered_by = registered_by
        self.registered_at = effective_at

    @classmethod
    def register(cls, profile: dict[str, Any], meta: Provenance) -> Client:
        parsed = parse_payload(ClientProfile, profile)
        return cls(
            profile=to_record(parsed),
            registered_by=meta.actor.institution_id,
            **meta.stamp(SCOPE_CLAUSE),
        )
