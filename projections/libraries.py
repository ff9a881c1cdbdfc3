"""Libraries kept from the cases: the typical-case library 典型案例库 (5.1.7.f, 5.1.14.c), the consultation
archive (5.1.6.b), the financing ledger (5.1.13.c) and each client's IP management ledger (5.1.5.a)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from uuid import UUID

from domain.case import ServiceCase
from domain.ip_ledger import ClientIpLedger
from infra.db import Cursor, Database, Row
from projections.base import Projection, Table, claim_case_event, insert_case, iso, where
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
)


def _case(cur: Cursor, event: Any, tables: Mapping[str, str]) -> dict[str, Any] | None:
    row = claim_case_event(cur, tables["library_cases"], event)
    return {**row, "intake": json.loads(row["intake"])} if row is not None else None


def opened(cur: Cursor, event: ServiceCase.Opened, position: int, tables: Mapping[str, str]) -> None:
    row = {
        "case_id": str(event.originator_id),
        "institution_id": str(event.institution_id),
        "client_id": str(event.client_id),
        "intake": json.dumps(event.intake, ensure_ascii=False),
        "version": event.originator_version,
    }
    insert_case(cur, tables["library_cases"], row)


def typical_case(
    cur: Cursor, event: ServiceCase.StepRecorded, case: Mapping[str, Any], tables: Mapping[str, str]
) -> None:
    tags = [str(t) for t in event.payload.get("tags", [])]
    cur.execute(
        f"INSERT INTO {tables['typical_cases']} (case_id, institution_id, service_type, clause, title, summary, tags,"
        " search_text, written_at) VALUES (:case, :institution, :type, :clause, :title, :summary, :tags, :search,"
        " :at) ON CONFLICT (case_id) DO UPDATE SET title = excluded.title, summary = excluded.summary,"
        " tags = excluded.tags, search_text = excluded.search_text, written_at = excluded.written_at",
        {
            "case": case["case_id"],
            "institution": case["institution_id"],
            "type": event.service_type,
            "clause": event.clause,
            "title": event.payload["title"],
            "summary": event.payload["summary"],
            "tags": json.dumps(tags, ensure_ascii=False),
            # Chinese needs no word segmentation here: the library is searched by substring.
            "search": "\n".join([event.payload["title"], event.payload["summary"], *tags]).casefold(),
            "at": iso(event.effective_at),
        },
    )


def question(cur: Cursor, event: ServiceCase.StepRecorded, case: Mapping[str, Any], tables: Mapping[str, str]) -> None:
    cur.execute(
        f"INSERT INTO {tables['consultations']} (question_id, case_id, institution_id, channel, question, topics,"
        " tags, asked_at, month, quarter) VALUES (:id, :case, :institution, :channel, :question, :topics, :tags,"
        " :at, :month, :quarter) ON CONFLICT (question_id) DO NOTHING",
        {
            "id": f"{case['case_id']}/{event.originator_version}",
            "case": case["case_id"],
            "institution": case["institution_id"],
            "channel": case["intake"].get("channel", ""),
            "question": event.payload["question"],
            "topics": json.dumps(event.payload.get("topics", [])),
            "tags": json.dumps(event.payload.get("tags", []), ensure_ascii=False),
            "at": iso(event.effective_at),
            "month": month_of(event.effective_at),
            "quarter": quarter_of(event.effective_at),
        },
    )


def answer(cur: Cursor, event: ServiceCase.StepRecorded, case: Mapping[str, Any], tables: Mapping[str, str]) -> None:
    cur.execute(
        f"UPDATE {tables['consultations']} SET answer = :answer, satisfaction = :satisfaction"
        " WHERE case_id = :case AND answer IS NULL",
        {"case": case["case_id"], "answer": event.payload["answer"], "satisfaction": event.payload["satisfaction"]},
    )


def financing(cur: Cursor, event: ServiceCase.StepRecorded, case: Mapping[str, Any], tables: Mapping[str, str]) -> None:
    table = tables["financing"]
    cur.execute(f"UPDATE {table} SET latest = 0 WHERE case_id = :case", {"case": case["case_id"]})
    p = event.payload
    cur.execute(
        f"INSERT INTO {table} (tracking_id, case_id, institution_id, client_id, finance_kind, financial_institution,"
        " amount_applied_cny, amount_granted_cny, outcome, applied_on, granted_on, tracked_at, latest) VALUES (:id,"
        " :case, :institution, :client, :kind, :fi, :applied, :granted, :outcome, :applied_on, :granted_on, :at, 1)"
        " ON CONFLICT (tracking_id) DO NOTHING",
        {
            "id": f"{case['case_id']}/{event.originator_version}",
            "case": case["case_id"],
            "institution": case["institution_id"],
            "client": case["client_id"],
            "kind": case["intake"].get("finance_kind", ""),
            "fi": p["institution"],
            "applied": str(p["amount_applied_cny"]),
            "granted": str(p.get("amount_granted_cny", "0")),
            "outcome": p["outcome"],
            "applied_on": p["applied_on"],
            "granted_on": p.get("granted_on"),
            "at": iso(event.effective_at),
        },
    )


STEP_HANDLERS = {
    **dict.fromkeys(TYPICAL_CASE_STEPS, typical_case),
    ("consultation", "question_recorded"): question,
    ("consultation", "answered"): answer,
    ("ip_finance", "financing_tracked"): financing,
}


def step_recorded(cur: Cursor, event: ServiceCase.StepRecorded, position: int, tables: Mapping[str, str]) -> None:
    handler = STEP_HANDLERS.get((event.service_type, event.step))
    case = _case(cur, event, tables)
    if handler is not None and case is not None:
        handler(cur, event, case, tables)


def ledger_started(cur: Cursor, event: ClientIpLedger.Started, position: int, tables: Mapping[str, str]) -> None:
    cur.execute(
        f"INSERT INTO {tables['library_ledgers']} (ledger_id, client_id) VALUES (:ledger, :client)"
        " ON CONFLICT (ledger_id) DO NOTHING",
        {"ledger": str(event.originator_id), "client": str(event.client_id)},
    )


def ledger_entry(cur: Cursor, event: ClientIpLedger.EntryRecorded, position: int, tables: Mapping[str, str]) -> None:
    cur.execute(
        f"SELECT client_id FROM {tables['library_ledgers']} WHERE ledger_id = :ledger",
        {"ledger": str(event.originator_id)},
    )
    ledger = cur.fetchone()
    if ledger is None:
        return
    cur.execute(
        f"INSERT INTO {tables['client_ip_ledger']} (client_id, entry_key, entry, institution_id, recorded_at)"
        " VALUES (:client, :key, :entry, :institution, :at) ON CONFLICT (client_id, entry_key) DO NOTHING",
        {
            "client": ledger["client_id"],
            "key": event.key,
            "entry": json.dumps(event.entry, ensure_ascii=False, default=str),
            "institution": str(event.institution_id) if event.institution_id else None,
            "at": iso(event.effective_at),
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
    case_tables=("library_cases",),
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
