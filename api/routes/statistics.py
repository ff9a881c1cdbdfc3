"""GET /v1/statistics/evaluations: evaluation statistics (7.1) with service measures, grouped as asked."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from statistics import fmean
from typing import Annotated, Any
from uuid import UUID

import msgspec
from litestar import Request, get
from litestar.params import QueryParameter

from api.access import Permission, Principal
from api.errors import Forbidden
from api.problems import READ, problems
from api.routes.reads import MinPosition, caught_up
from api.services import Services
from domain.catalogue import service_type
from domain.evaluation import INDICATOR_LABELS, Indicator
from domain.labels import Label
from projections import evaluation_stats
from projections.evaluation_stats import Period, StatsFilters, month_of, quarter_of
from projections.follow_ups import done_items

SATISFIED = 4


class GroupBy(StrEnum):
    INSTITUTION = "institution"
    SERVICE_TYPE = "service_type"
    PERIOD = "period"


class IndicatorMean(msgspec.Struct):
    indicator: str
    name: Label
    mean: float | None


class StatisticsGroup(msgspec.Struct):
    institution_id: UUID | None
    service_type: str | None
    period: str | None
    evaluations: int
    means: list[IndicatorMean]
    satisfaction_rate: float | None
    """Share of evaluations whose satisfaction score (服务满意度) is 4 or 5."""
    closed_cases: int
    evaluated_closed_cases: int
    response_rate: float | None
    """Evaluated closed cases over closed cases (by the period the case was closed in)."""
    mean_hours_to_first_step: float | None
    mean_days_to_close: float | None
    follow_ups_done: int
    follow_ups_on_time: int
    on_time_rate: float | None
    """Follow-ups (return visits, periodic follow-ups) done by their due date, over those done."""


class StatisticsOut(msgspec.Struct):
    group_by: list[str]
    period: str
    groups: list[StatisticsGroup]
    position: int


Key = tuple[str | None, str | None, str | None]


def _key(row: dict[str, Any], group_by: set[GroupBy], period_column: str) -> Key:
    return (
        row["institution_id"] if GroupBy.INSTITUTION in group_by else None,
        row["service_type"] if GroupBy.SERVICE_TYPE in group_by else None,
        row[period_column] if GroupBy.PERIOD in group_by else None,
    )


def _hours(start: str | None, end: str | None) -> float | None:
    if not start or not end:
        return None
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds() / 3600


def _mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(fmean(present), 3) if present else None


def _period_of(iso_text: str, period: Period) -> str:
    moment = datetime.fromisoformat(iso_text)
    return month_of(moment) if period is Period.MONTH else quarter_of(moment)


def compute(
    evaluations: list[dict[str, Any]],
    cases: list[dict[str, Any]],
    group_by: set[GroupBy],
    period: Period,
    follow_ups: list[dict[str, Any]] | None = None,
) -> list[StatisticsGroup]:
    by_key_evaluations: dict[Key, list[dict[str, Any]]] = defaultdict(list)
    for row in evaluations:
        by_key_evaluations[_key(row, group_by, period.value)].append(row)
    by_key_cases: dict[Key, list[dict[str, Any]]] = defaultdict(list)
    for row in cases:
        by_key_cases[_key(row, group_by, f"closed_{period.value}")].append(row)
    by_key_follow_ups: dict[Key, list[dict[str, Any]]] = defaultdict(list)
    for row in follow_ups or []:
        done_at = datetime.fromisoformat(row["done_at"])
        dated = {**row, "month": month_of(done_at), "quarter": quarter_of(done_at)}
        by_key_follow_ups[_key(dated, group_by, period.value)].append(dated)
    groups = []
    keys = set(by_key_evaluations) | set(by_key_cases) | set(by_key_follow_ups)
    for key in sorted(keys, key=lambda k: tuple(v or "" for v in k)):
        rows = by_key_evaluations.get(key, [])
        closed = by_key_cases.get(key, [])
        done = by_key_follow_ups.get(key, [])
        on_time = sum(1 for f in done if f["done_on_time"])
        evaluated_closed = sum(1 for c in closed if c["evaluated"])
        groups.append(
            StatisticsGroup(
                institution_id=UUID(key[0]) if key[0] else None,
                service_type=key[1],
                period=key[2],
                evaluations=len(rows),
                means=[
                    IndicatorMean(i.value, INDICATOR_LABELS[i], _mean(float(r[i.value]) for r in rows))
                    for i in Indicator
                ],
                satisfaction_rate=round(sum(1 for r in rows if r["satisfaction"] >= SATISFIED) / len(rows), 4)
                if rows
                else None,
                closed_cases=len(closed),
                evaluated_closed_cases=evaluated_closed,
                response_rate=round(evaluated_closed / len(closed), 4) if closed else None,
                mean_hours_to_first_step=_mean(_hours(c["opened_at"], c["first_step_at"]) for c in closed),
                mean_days_to_close=_mean(
                    (h / 24 if h is not None else None)
                    for h in (_hours(c["opened_at"], c["closed_at"]) for c in closed)
                ),
                follow_ups_done=len(done),
                follow_ups_on_time=on_time,
                on_time_rate=round(on_time / len(done), 4) if done else None,
            )
        )
    return groups


@get(
    "/v1/statistics/evaluations",
    tags=["statistics"],
    summary="Evaluation statistics (7.1) and service measures",
    opt={"permission": Permission.READ_LEDGERS},
    responses={**READ, **problems(422, 503)},
)
async def evaluation_statistics(
    request: Request[Principal, Any, Any],
    group_by: Annotated[list[GroupBy] | None, QueryParameter(description="institution, service_type, period")] = None,
    period: Annotated[Period, QueryParameter(description="month or quarter (Asia/Shanghai)")] = Period.MONTH,
    institution_id: Annotated[UUID | None, QueryParameter()] = None,
    service_type_code: Annotated[str | None, QueryParameter(name="service_type")] = None,
    period_from: Annotated[str | None, QueryParameter(name="from", description="First period, e.g. 2026-01")] = None,
    period_to: Annotated[str | None, QueryParameter(name="to", description="Last period, e.g. 2026-06")] = None,
    min_position: MinPosition = 0,
) -> StatisticsOut:
    services: Services = request.app.state.services
    who = request.user
    if institution_id is not None and not who.sees(institution_id):
        raise Forbidden("this key sees only its own institution's statistics")
    if service_type_code is not None:
        service_type(service_type_code)
    position = await caught_up(services, "evaluation_stats", min_position)
    chosen = set(group_by or [GroupBy.INSTITUTION, GroupBy.SERVICE_TYPE, GroupBy.PERIOD])
    filters = StatsFilters(institution_id or who.institution_id, service_type_code, period, period_from, period_to)
    db = services.store.db
    evaluations = await services.call(evaluation_stats.evaluations, db, filters)
    cases = await services.call(evaluation_stats.closed_cases, db, filters)
    follow_ups = await services.call(done_items, db, filters)
    if period_from is not None or period_to is not None:
        follow_ups = [
            f for f in follow_ups if (period_from or "") <= _period_of(f["done_at"], period) <= (period_to or "9999")
        ]
    groups = compute(evaluations, cases, chosen, period, follow_ups)
    return StatisticsOut(
        group_by=sorted(g.value for g in chosen), period=period.value, groups=groups, position=position
    )
