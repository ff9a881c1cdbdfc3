"""The domain objects the measurements write: rights-assistance cases (open, need, repeated guidance)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from domain.case import ServiceCase
from domain.provenance import Actor, Provenance

SERVICE = "rights_assistance"
INTAKE: dict[str, Any] = {"ip_type": "patent"}
NEED: dict[str, Any] = {"description": "外观设计被仿冒，需取证指导"}


def meta() -> Provenance:
    return Provenance(actor=Actor("bench", "admin", None), now=datetime.now(UTC), correlation_id="bench")


def guidance(n: int) -> dict[str, Any]:
    return {"kind": "evidence_collection", "content": f"第{n}次取证指导：公证购买侵权产品并保存票据"}


def new_case(institution_id: UUID, client_id: UUID) -> ServiceCase:
    return ServiceCase.open(SERVICE, institution_id, client_id, INTAKE, meta())


def add_step(case: ServiceCase) -> None:
    """The next step of a rights-assistance case: the need first, then guidance (repeatable) for ever."""
    if not case.recorded:
        case.record_step("need_collected", NEED, meta())
    else:
        case.record_step("guidance_given", guidance(len(case.recorded)), meta())


def case_with_events(institution_id: UUID, client_id: UUID, events: int) -> ServiceCase:
    """A case holding `events` pending events (at least 1: the opening)."""
    case = new_case(institution_id, client_id)
    for _ in range(events - 1):
        add_step(case)
    return case
