"""Libraries kept from the cases: the typical-case library 典型案例库 (5.1.7.f, 5.1.14.c), the consultation
archive (5.1.6.b), the financing ledger (5.1.13.c) and each client's IP management ledger (5.1.5.a)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from uuid import UUID

from domain.case import ServiceCase
from domain.ip_ledger import ClientIpLedger
from infra.db import Database, Row
from projections.base import Change, Projection, Put, Rows, Table, iso, where
from projections.evaluation_stats import month_of, quarter_of

TYPICAL_CASE_STEPS = {("dispute_guidance", "typical_case_written"), ("transfer_license", "typical_case_written")}

TYPICAL = Table(
    name="typical_cases",
    columns="""
        case_id TEXT PRIMARY KEY,
        institution_id TEXT NOT NULL,
        service_type TEXT NOT NULL,
        clause TEXT NOT NULL,
        title TEXT NOT NULL,
        summary TEXT NOT NULL,
        tags TEXT NOT NULL,
        search_text TEXT NOT NULL,
        written_at TEXT NOT NULL
    """,
    indexes=("service_type, written_at", "institution_id, written_at"),
)

CONSULTATIONS = Table(
    name="consultations",
    columns="""
        question_id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL,
        institution_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        question TEXT NOT NULL,
        topics TEXT NOT NULL,
        tags TEXT NOT NULL,
        asked_at TEXT NOT NULL,
        month TEXT NOT NULL,
        quarter TEXT NOT NULL,
        answer TEXT,
        satisfaction INTEGER
    """,
    indexes=("institution_id, month", "channel, month"),
    of="case_id",
)

FINANCING = Table(
    name="financing",
    columns="""
        tracking_id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL,
        institution_id TEXT NOT NULL,
        client_id TEXT NOT NULL,
        finance_kind TEXT NOT NULL,
        financial_institution TEXT NOT NULL,
        amount_applied_cny TEXT NOT NULL,
        amount_granted_cny TEXT NOT NULL,
        outcome TEXT NOT NULL,
        applied_on TEXT NOT NULL,
        granted_on TEXT,
        tracked_at TEXT NOT NULL,
        latest INTEGER NOT NULL
    """,
    indexes=("financial_institution", "institution_id", "case_id, latest"),
    of="case_id",
)

IP_LEDGER = Table(
    name="client_ip_ledger",
    columns="""
        client_id TEXT NOT NULL,
        entry_key TEXT NOT NULL,
        entry TEXT NOT NULL,
        institution_id TEXT,
        recorded_at TEXT NOT NULL,
        PRIMARY KEY (client_id, entry_key)
    """,
)

LEDGERS = Table(
    name="library_ledgers",
    columns="""
        ledger_id TEXT PRIMARY KEY,
        client_id TEXT NOT NULL
    """,
    of="ledger_id",
)

CASES = Table(
    name="library_cases",
    columns="""
        case_id TEXT PRIMARY KEY,
        institution_id TEXT NOT NULL,
        client_id TEXT NOT NULL,
        intake TEXT NOT NULL,
        version INTEGER NOT NULL
    """,
    of="case_id",
)


def opened(rows: Rows, event: ServiceCase.Opened, position: int) -> Iterator[Change]:
    case = {
        "case_id": str(event.originator_id),
        "institution_id": str(event.institution_id),
        "client_id": str(event.client_id),
        "intake": json.dumps(event.intake, ensure_ascii=False),
        "version": event.originator_version,
    }
    if rows.get("library_cases", case["case_id"]) is None:
        yield Put("library_cases", case)


def typical_case(rows: Rows, event: ServiceCase.StepRecorded, case: Row) -> Iterator[Change]:
    tags = [str(t) for t in event.payload.get("tags", [])]
    yield Put(
        "typical_cases",
        {
            "case_id": case["case_id"],
            "institution_id": case["institution_id"],
            "service_type": event.service_type,
            "clause": event.clause,
            "title": event.payload["title"],
            "summary": event.payload["summary"],
            "tags": json.dumps(tags, ensure_ascii=False),
            # Chinese needs no word segmentation here: the library is searched by substring.
            "search_text": "\n".join([event.payload["title"], event.payload["summary"], *tags]).casefold(),
            "written_at": iso(event.effective_at),
        },
    )


def question(rows: Rows, event: ServiceCase.StepRecorded, case: Row) -> Iterator[Change]:
    yield Put(
        "consultations",
        {
            "question_id": f"{case['case_id']}/{event.originator_version}",
            "case_id": case["case_id"],
            "institution_id": case["institution_id"],
            "channel": json.loads(case["intake"]).get("channel", ""),
            "question": event.payload["question"],
            "topics": json.dumps(event.payload.get("topics", [])),
            "tags": json.dumps(event.payload.get("tags", []), ensure_ascii=False),
            "asked_at": iso(event.effective_at),
            "month": month_of(event.effective_at),
            "quarter": quarter_of(event.effective_at),
            "answer": None,
            "satisfaction": None,
        },
    )


def answer(rows: Rows, event: ServiceCase.StepRecorded, case: Row) -> Iterator[Change]:
    for asked in rows.of("consultations", case["case_id"]):
        if asked["answer"] is None:
            p = event.payload
            yield Put("consultations", {**asked, "answer": p["answer"], "satisfaction": p["satisfaction"]})


def financing(rows: Rows, event: ServiceCase.StepRecorded, case: Row) -> Iterator[Change]:
    for earlier in rows.of("financing", case["case_id"]):
        if earlier["latest"]:
            yield Put("financing", {**earlier, "latest": 0})
    p = event.payload
    yield Put(
        "financing",
        {
            "tracking_id": f"{case['case_id']}/{event.originator_version}",
            "case_id": case["case_id"],
            "institution_id": case["institution_id"],
            "client_id": case["client_id"],
            "finance_kind": json.loads(case["intake"]).get("finance_kind", ""),
            "financial_institution": p["institution"],
            "amount_applied_cny": str(p["amount_applied_cny"]),
            "amount_granted_cny": str(p.get("amount_granted_cny", "0")),
            "outcome": p["outcome"],
            "applied_on": p["applied_on"],
            "granted_on": p.get("granted_on"),
            "tracked_at": iso(event.effective_at),
            "latest": 1,
        },
    )


STEPS: dict[tuple[str, str], Callable[[Rows, ServiceCase.StepRecorded, Row], Iterator[Change]]] = {
    **dict.fromkeys(TYPICAL_CASE_STEPS, typical_case),
    ("consultation", "question_recorded"): question,
    ("consultation", "answered"): answer,
    ("ip_finance", "financing_tracked"): financing,
}


def step_recorded(rows: Rows, event: ServiceCase.StepRecorded, position: int) -> Iterator[Change]:
    case = rows.advancing("library_cases", event)
    if case is None:
        return
    yield Put("library_cases", {**case, "version": event.originator_version})
    step = STEPS.get((event.service_type, event.step))
    if step is not None:
        yield from step(rows, event, case)


def ledger_started(rows: Rows, event: ClientIpLedger.Started, position: int) -> Iterator[Change]:
    ledger = {"ledger_id": str(event.originator_id), "client_id": str(event.client_id)}
    if rows.get("library_ledgers", ledger["ledger_id"]) is None:
        yield Put("library_ledgers", ledger)


def ledger_entry(rows: Rows, event: ClientIpLedger.EntryRecorded, position: int) -> Iterator[Change]:
    ledger = rows.get("library_ledgers", str(event.originator_id))
    if ledger is None:
        return
    yield Put(
        "client_ip_ledger",
        {
            "client_id": ledger["client_id"],
            "entry_key": event.key,
            "entry": json.dumps(event.entry, ensure_ascii=False, default=str),
            "institution_id": str(event.institution_id) if event.institution_id else None,
            "recorded_at": iso(event.effective_at),
        },
    )


LIBRARIES = Projection(
    name="libraries",
    tables=(TYPICAL, CONSULTATIONS, FINANCING, IP_LEDGER, LEDGERS, CASES),
    handlers={
        ServiceCase.Opened: opened,
        ServiceCase.StepRecorded: step_recorded,
        ClientIpLedger.Started: ledger_started,
        ClientIpLedger.EntryRecorded: ledger_entry,
    },
)


def typical_cases(
    db: Database,
    institution_id: UUID | None,
    service_type: str | None,
    q: str | None,
    tag: str | None,
    limit: int,
    offset: int,
) -> list[Row]:
    """Newest written first (ties by case); `q` found in the title, summary or tags in any case, `tag` one of them."""
    where_sql, params = where(
        {
            "institution_id = :institution": institution_id,
            "service_type = :type": service_type,
            "search_text LIKE :q": f"%{_like(q.casefold())}%" if q else None,
            "tags LIKE :tag": f'%"{_like(tag)}"%' if tag else None,
        }
    )
    return db.query(
        f"SELECT * FROM typical_cases{where_sql} ORDER BY written_at DESC, case_id LIMIT :limit OFFSET :offset",
        {**params, "limit": limit, "offset": offset},
    )


def _like(text: str) -> str:
    """Text matched literally inside LIKE (no % or _ wildcards from the user): those are dropped."""
    return text.replace("%", "").replace("_", "")


def consultations(
    db: Database,
    institution_id: UUID | None,
    channel: str | None = None,
    q: str | None = None,
    month: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[Row]:
    """Newest asked first (ties by question), a page of them when `limit` is given."""
    where_sql, params = where(
        {
            "institution_id = :institution": institution_id,
            "channel = :channel": channel,
            "question LIKE :q": f"%{_like(q)}%" if q else None,
            "month = :month": month,
        }
    )
    sql = f"SELECT * FROM consultations{where_sql} ORDER BY asked_at DESC, question_id"
    if limit is None:
        return db.query(sql, params)
    return db.query(f"{sql} LIMIT :limit OFFSET :offset", {**params, "limit": limit, "offset": offset})


def financing_ledger(
    db: Database, institution_id: UUID | None, financial_institution: str | None, finance_kind: str | None
) -> list[Row]:
    """Each case's latest financing, newest applied first (ties by case)."""
    where_sql, params = where(
        {
            "latest = :latest": 1,
            "institution_id = :institution": institution_id,
            "financial_institution = :fi": financial_institution,
            "finance_kind = :kind": finance_kind,
        }
    )
    return db.query(f"SELECT * FROM financing{where_sql} ORDER BY applied_on DESC, case_id", params)


def ip_ledger(db: Database, client_id: UUID, institution_id: UUID | None) -> list[Row]:
    """A client's IP ledger entries in the order recorded (of one institution's recording, if given)."""
    where_sql, params = where({"client_id = :client": client_id, "institution_id = :institution": institution_id})
    return db.query(f"SELECT * FROM client_ip_ledger{where_sql} ORDER BY recorded_at, entry_key", params)
