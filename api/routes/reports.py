"""GET /v1/reports/conformance: the standard as a checklist, filled in from the log.

Per institution and period: how often each clause's step was recorded for the services it offers, and
which of those clauses were never exercised.
"""

from __future__ import annotations

from collections import defaultdict
from enum import StrEnum
from typing import Annotated, Any
from uuid import UUID

import msgspec
from litestar import Request, get
from litestar.params import QueryParameter

from api.access import Permission, Principal
from api.errors import Forbidden
from api.problems import READ, problems
from api.routes.reads import MinPosition, caught_up
from api.schemas import CodeLabel
from api.services import Services
from domain.catalogue import in_priority_order
from domain.labels import Label
from projections import conformance, ledger


class Scope(StrEnum):
    OFFERED = "offered"
    """The service types the institution opened cases of in the period."""
    CATALOGUE = "catalogue"
    """Every service type of the catalogue."""


class StepCount(msgspec.Struct):
    code: str
    clause: str
    name: Label
    recorded: int


class ServiceConformance(msgspec.Struct):
    service_type: CodeLabel
    cases_opened: int
    steps: list[StepCount]
    never_exercised: list[str]


class InstitutionConformance(msgspec.Struct):
    institution_id: UUID
    name: str | None
    services: list[ServiceConformance]
    clauses_exercised: int
    clauses_never_exercised: int


class ConformanceReport(msgspec.Struct):
    period_from: str | None
    period_to: str | None
    scope: str
    institutions: list[InstitutionConformance]
    position: int


def build(rows: list[dict[str, Any]], names: dict[str, str], scope: Scope) -> list[InstitutionConformance]:
    counts: dict[str, dict[tuple[str, str], int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        counts[row["institution_id"]][row["service_type"], row["step"]] += int(row["recorded"])
    report = []
    for institution, recorded in sorted(counts.items()):
        services = []
        for kind in in_priority_order():
            opened = recorded.get((kind.code, "opened"), 0)
            if scope is Scope.OFFERED and not opened:
                continue
            steps = [StepCount(s.code, s.clause, s.name, recorded.get((kind.code, s.code), 0)) for s in kind.steps]
            never = sorted({s.clause for s in steps} - {s.clause for s in steps if s.recorded})
            services.append(ServiceConformance(CodeLabel(kind.code, kind.name, kind.clause), opened, steps, never))
        exercised = sum(len({s.clause for s in svc.steps if s.recorded}) for svc in services)
        never_total = sum(len(svc.never_exercised) for svc in services)
        report.append(
            InstitutionConformance(UUID(institution), names.get(institution), services, exercised, never_total)
        )
    return report


@get(
    "/v1/reports/conformance",
    tags=["reports"],
    summary="The standard as a checklist: clause by clause, how often each step was recorded",
    opt={"permission": Permission.READ_LEDGERS},
    responses={**READ, **problems(503)},
)
async def conformance_report(
    request: Request[Principal, Any, Any],
    institution_id: Annotated[UUID | None, QueryParameter()] = None,
    period_from: Annotated[str | None, QueryParameter(name="from", description="First month, e.g. 2026-01")] = None,
    period_to: Annotated[str | None, QueryParameter(name="to", description="Last month, e.g. 2026-06")] = None,
    services_shown: Annotated[
        Scope, QueryParameter(name="scope", description="offered (default) or catalogue")
    ] = Scope.OFFERED,
    min_position: MinPosition = 0,
) -> ConformanceReport:
    services: Services = request.app.state.services
    who = request.user
    if institution_id is not None and not who.sees(institution_id):
        raise Forbidden("this key sees only its own institution's report")
    position = await caught_up(services, "conformance", min_position)
    db = services.store.db
    rows = await services.call(
        conformance.step_counts, db, institution_id or who.institution_id, period_from, period_to
    )
    names = await services.call(ledger.institution_names, db)
    return ConformanceReport(period_from, period_to, services_shown.value, build(rows, names, services_shown), position)
