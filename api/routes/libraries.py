"""Libraries kept from the cases: typical cases 典型案例库, the consultation archive and its periodic analysis,
the financing ledger, and a client's IP management ledger 知识产权管理台账."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any
from uuid import UUID

import msgspec
from litestar import Request, get
from litestar.params import FromPath, QueryParameter

from api.access import Permission, Principal
from api.errors import Forbidden, NotFound
from api.parameters import Offset
from api.presenters import local_text
from api.problems import READ, problems
from api.routes.reads import MinPosition, caught_up
from api.schemas import CodeLabel
from api.services import Services
from domain.catalogue import service_type
from domain.labels import Label
from domain.parties import Client
from domain.services.consultation import CHANNEL_LABELS, Channel
from projections import libraries

Page = Annotated[int, QueryParameter(ge=1, le=1000)]


class TypicalCaseOut(msgspec.Struct):
    case_id: UUID
    institution_id: UUID
    service_type: CodeLabel
    title: str
    summary: str
    tags: list[str]
    written_at: datetime


class ConsultationOut(msgspec.Struct):
    id: str
    case_id: UUID
    institution_id: UUID
    channel: CodeLabel
    question: str
    topics: list[str]
    tags: list[str]
    asked_at: datetime
    answer: str | None
    satisfaction: int | None


class PeriodAnalysis(msgspec.Struct):
    period: str
    questions: int
    channels: dict[str, int]
    top_topics: list[tuple[str, int]]
    top_tags: list[tuple[str, int]]
    mean_satisfaction: float | None


class FinancingRow(msgspec.Struct):
    case_id: UUID
    institution_id: UUID
    client_id: UUID
    finance_kind: str
    financial_institution: str
    amount_applied_cny: Decimal
    amount_granted_cny: Decimal
    outcome: str
    applied_on: date
    granted_on: date | None


class FinancingTotal(msgspec.Struct):
    financial_institution: str
    finance_kind: str
    matches: int
    amount_applied_cny: Decimal
    amount_granted_cny: Decimal


class FinancingLedger(msgspec.Struct):
    items: list[FinancingRow]
    totals: list[FinancingTotal]
    position: int


class IpLedgerEntry(msgspec.Struct):
    entry: dict[str, Any]
    institution_id: UUID | None
    recorded_at: datetime


def _scope(who: Principal, institution_id: UUID | None) -> UUID | None:
    if institution_id is not None and not who.sees(institution_id):
        raise Forbidden("this key sees only its own institution's records")
    return who.institution_id or institution_id


@get(
    "/v1/typical-cases",
    tags=["libraries"],
    summary="The typical-case library 典型案例库 (q: substring, Chinese)",
    opt={"permission": Permission.READ_LEDGERS},
    responses={**READ, **problems(422, 503)},
)
async def typical_cases(
    request: Request[Principal, Any, Any],
    q: Annotated[str | None, QueryParameter(max_length=200, description="Found in title, summary or tags")] = None,
    service_type_code: Annotated[str | None, QueryParameter(name="service_type")] = None,
    tag: Annotated[str | None, QueryParameter(max_length=100)] = None,
    institution_id: Annotated[UUID | None, QueryParameter()] = None,
    limit: Page = 50,
    offset: Offset = 0,
    min_position: MinPosition = 0,
) -> list[TypicalCaseOut]:
    services: Services = request.app.state.services
    if service_type_code is not None:
        service_type(service_type_code)
    await caught_up(services, "libraries", min_position)
    scope = _scope(request.user, institution_id)
    rows = await services.call(
        libraries.typical_cases, services.store.db, scope, service_type_code, q, tag, limit, offset
    )
    out = []
    for row in rows:
        kind = service_type(row["service_type"])
        out.append(
            TypicalCaseOut(
                case_id=UUID(row["case_id"]),
                institution_id=UUID(row["institution_id"]),
                service_type=CodeLabel(kind.code, kind.name, row["clause"]),
                title=row["title"],
                summary=row["summary"],
                tags=json.loads(row["tags"]),
                written_at=local_text(row["written_at"]) or datetime.fromisoformat(row["written_at"]),
            )
        )
    return out


@get(
    "/v1/consultations",
    tags=["libraries"],
    summary="The consultation archive (5.1.6.b)",
    opt={"permission": Permission.READ_CASES},
    responses={**READ, **problems(503)},
)
async def consultation_archive(
    request: Request[Principal, Any, Any],
    channel: Annotated[Channel | None, QueryParameter()] = None,
    q: Annotated[str | None, QueryParameter(max_length=200)] = None,
    month: Annotated[str | None, QueryParameter(description="e.g. 2026-03")] = None,
    institution_id: Annotated[UUID | None, QueryParameter()] = None,
    limit: Page = 100,
    offset: Offset = 0,
    min_position: MinPosition = 0,
) -> list[ConsultationOut]:
    services: Services = request.app.state.services
    await caught_up(services, "libraries", min_position)
    scope = _scope(request.user, institution_id)
    rows = await services.call(
        libraries.consultations, services.store.db, scope, channel.value if channel else None, q, month, limit, offset
    )
    return [
        ConsultationOut(
            id=row["question_id"],
            case_id=UUID(row["case_id"]),
            institution_id=UUID(row["institution_id"]),
            channel=CodeLabel(row["channel"], CHANNEL_LABELS.get(Channel(row["channel"]), Label(row["channel"], ""))),
            question=row["question"],
            topics=json.loads(row["topics"]),
            tags=json.loads(row["tags"]),
            asked_at=local_text(row["asked_at"]) or datetime.fromisoformat(row["asked_at"]),
            answer=row["answer"],
            satisfaction=row["satisfaction"],
        )
        for row in rows
    ]


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"


@get(
    "/v1/consultations/analysis",
    tags=["libraries"],
    summary="Periodic analysis of the questions asked (5.1.6.d): counts, channels, top topics and tags",
    description="Periods in order; `top_topics` and `top_tags` most counted first, equal counts in code-point order"
    " of the topic or tag; `channels` in code order.",
    opt={"permission": Permission.READ_LEDGERS},
    responses={**READ, **problems(503)},
)
async def consultation_analysis(
    request: Request[Principal, Any, Any],
    period: Annotated[PeriodKind, QueryParameter()] = PeriodKind.MONTH,
    institution_id: Annotated[UUID | None, QueryParameter()] = None,
    top: Annotated[int, QueryParameter(ge=1, le=50)] = 5,
    min_position: MinPosition = 0,
) -> list[PeriodAnalysis]:
    services: Services = request.app.state.services
    await caught_up(services, "libraries", min_position)
    rows = await services.call(libraries.consultations, services.store.db, _scope(request.user, institution_id))
    by_period: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_period[row[period.value]].append(row)
    analysis = []
    for key in sorted(by_period):
        group = by_period[key]
        scores = [r["satisfaction"] for r in group if r["satisfaction"] is not None]
        analysis.append(
            PeriodAnalysis(
                period=key,
                questions=len(group),
                channels=dict(sorted(Counter(r["channel"] for r in group).items())),
                top_topics=_most_common(Counter(t for r in group for t in json.loads(r["topics"])), top),
                top_tags=_most_common(Counter(t for r in group for t in json.loads(r["tags"])), top),
                mean_satisfaction=round(sum(scores) / len(scores), 3) if scores else None,
            )
        )
    return analysis


def _most_common(counts: Counter[str], top: int) -> list[tuple[str, int]]:
    """The `top` most counted, equal counts in code-point order (Counter's own order is the rows' order, which
    is no order: a rebuilt table reads its rows in another)."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]


@get(
    "/v1/ledgers/financing",
    tags=["ledgers"],
    summary="The financing ledger (5.1.13): matches and amounts",
    opt={"permission": Permission.READ_LEDGERS},
    responses={**READ, **problems(503)},
)
async def financing_ledger(
    request: Request[Principal, Any, Any],
    financial_institution: Annotated[str | None, QueryParameter(max_length=200)] = None,
    finance_kind: Annotated[str | None, QueryParameter()] = None,
    institution_id: Annotated[UUID | None, QueryParameter()] = None,
    min_position: MinPosition = 0,
) -> FinancingLedger:
    services: Services = request.app.state.services
    position = await caught_up(services, "libraries", min_position)
    scope = _scope(request.user, institution_id)
    rows = await services.call(
        libraries.financing_ledger, services.store.db, scope, financial_institution, finance_kind
    )
    items = [
        FinancingRow(
            case_id=UUID(r["case_id"]),
            institution_id=UUID(r["institution_id"]),
            client_id=UUID(r["client_id"]),
            finance_kind=r["finance_kind"],
            financial_institution=r["financial_institution"],
            amount_applied_cny=Decimal(r["amount_applied_cny"]),
            amount_granted_cny=Decimal(r["amount_granted_cny"]),
            outcome=r["outcome"],
            applied_on=date.fromisoformat(r["applied_on"]),
            granted_on=date.fromisoformat(r["granted_on"]) if r["granted_on"] else None,
        )
        for r in rows
    ]
    totals: dict[tuple[str, str], FinancingTotal] = {}
    for item in items:
        key = (item.financial_institution, item.finance_kind)
        total = totals.setdefault(key, FinancingTotal(key[0], key[1], 0, Decimal(0), Decimal(0)))
        total.matches += 1
        total.amount_applied_cny += item.amount_applied_cny
        total.amount_granted_cny += item.amount_granted_cny
    return FinancingLedger(items=items, totals=[totals[k] for k in sorted(totals)], position=position)


@get(
    "/v1/clients/{client_id:uuid}/ip-ledger",
    tags=["libraries"],
    summary="The client's IP management ledger 知识产权管理台账 (5.1.5.a)",
    description="A key scoped to an institution reads the entries its institution recorded; admin, supervisor"
    " and city-wide keys read every institution's.",
    opt={"permission": Permission.READ_CLIENTS},
    responses={**READ, **problems(404, 503)},
)
async def client_ip_ledger(
    request: Request[Principal, Any, Any], client_id: FromPath[UUID], min_position: MinPosition = 0
) -> list[IpLedgerEntry]:
    services: Services = request.app.state.services
    if await services.call(services.store.get, client_id, Client) is None:
        raise NotFound(f"client {client_id} does not exist")
    await caught_up(services, "libraries", min_position)
    # The client is city-wide; the entries are what each institution recorded, and a scoped key reads its own.
    rows = await services.call(libraries.ip_ledger, services.store.db, client_id, _scope(request.user, None))
    return [
        IpLedgerEntry(
            entry=json.loads(r["entry"]),
            institution_id=UUID(r["institution_id"]) if r["institution_id"] else None,
            recorded_at=local_text(r["recorded_at"]) or datetime.fromisoformat(r["recorded_at"]),
        )
        for r in rows
    ]
