"""GET /v1/follow-ups: the follow-up queue — return visits and periodic follow-ups, due and overdue."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any
from uuid import UUID

import msgspec
from litestar import Request, get
from litestar.params import QueryParameter

from api.access import Permission, Principal
from api.errors import Forbidden
from api.parameters import Offset
from api.presenters import SHANGHAI, local_text
from api.problems import READ, problems
from api.routes.reads import MinPosition, caught_up
from api.schemas import CodeLabel
from api.services import Services
from domain.catalogue import service_type
from domain.follow_ups import EVALUATION_RETURN_VISIT, FOLLOW_UP_RULES
from domain.labels import Label
from infra.calendar import working_calendar
from projections import follow_ups
from projections.follow_ups import QueueView

KIND_LABELS: dict[str, Label] = {r.kind: r.name for r in FOLLOW_UP_RULES} | {
    EVALUATION_RETURN_VISIT.kind: EVALUATION_RETURN_VISIT.name
}


class FollowUpOut(msgspec.Struct):
    id: str
    case_id: UUID
    institution_id: UUID
    service_type: CodeLabel
    kind: CodeLabel
    raised_by: str
    raised_at: datetime
    due_date: date
    due_estimated: Annotated[
        bool,
        msgspec.Meta(
            description="The due date was counted past the working-day calendar's data (see the page's"
            " calendar_last_day), on weekdays only: an estimate, until the year's holidays are installed"
            " (IPPS_CALENDAR_FILE) and the follow_ups read model rebuilt"
        ),
    ]
    status: str
    due: bool
    """Due today or earlier and not done."""
    overdue: bool
    """Past its due date and not done."""
    working_days_left: int | None
    done_at: datetime | None
    done_on_time: bool | None


class FollowUpPage(msgspec.Struct):
    items: list[FollowUpOut]
    total: int
    today: date
    calendar_last_day: Annotated[
        date,
        msgspec.Meta(
            description="The last day the working-day calendar's data covers; due dates after it are estimated"
        ),
    ]
    position: int


@get(
    "/v1/follow-ups",
    tags=["follow-ups"],
    summary="The follow-up queue, by due date (working days)",
    opt={"permission": Permission.READ_CASES},
    responses={**READ, **problems(503)},
)
async def follow_up_queue(
    request: Request[Principal, Any, Any],
    view: Annotated[
        QueueView, QueryParameter(description="open (default), due, overdue, done, cancelled, all")
    ] = QueueView.OPEN,
    institution_id: Annotated[UUID | None, QueryParameter()] = None,
    kind: Annotated[str | None, QueryParameter(description="e.g. assistance_return_visit")] = None,
    limit: Annotated[int, QueryParameter(ge=1, le=1000)] = 100,
    offset: Offset = 0,
    min_position: MinPosition = 0,
) -> FollowUpPage:
    services: Services = request.app.state.services
    who = request.user
    if institution_id is not None and not who.sees(institution_id):
        raise Forbidden("this key sees only its own institution's follow-ups")
    position = await caught_up(services, "follow_ups", min_position)
    today = datetime.now(UTC).astimezone(SHANGHAI).date()
    scope = who.institution_id or institution_id
    found = await services.call(follow_ups.queue_page, services.store.db, view, today, scope, kind, limit, offset)
    calendar = working_calendar()
    items = []
    for row in found.rows:
        due_date = date.fromisoformat(row["due_date"])
        still_open = row["status"] == "open"
        kind_of = service_type(row["service_type"])
        items.append(
            FollowUpOut(
                id=row["item_id"],
                case_id=UUID(row["case_id"]),
                institution_id=UUID(row["institution_id"]),
                service_type=CodeLabel(kind_of.code, kind_of.name, kind_of.clause),
                kind=CodeLabel(
                    row["kind"], KIND_LABELS.get(row["kind"], Label(row["kind"], row["kind"])), row["clause"]
                ),
                raised_by=row["raised_by"],
                raised_at=local_text(row["raised_at"]) or datetime.fromisoformat(row["raised_at"]),
                due_date=due_date,
                due_estimated=bool(row["due_estimated"]),
                status=row["status"],
                due=still_open and due_date <= today,
                overdue=still_open and due_date < today,
                working_days_left=calendar.working_days_between(today, due_date) if still_open else None,
                done_at=local_text(row["done_at"]),
                done_on_time=None if row["done_on_time"] is None else bool(row["done_on_time"]),
            )
        )
    return FollowUpPage(
        items=items, total=found.total, today=today, calendar_last_day=calendar.last_day, position=position
    )
