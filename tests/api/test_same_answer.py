"""Same data, same answer, on both stores: every read endpoint answers exactly as before once every read
model has been rebuilt from zero. Ties are broken by a stated key, never by the order rows happen to be read
in (which a rebuild changes).

The data set is the demo's, at a small size, plus writes made to tie: institutions of one name, cases opened
at one moment, a question whose tags are counted equally. The live read models are built in small batches
and their rows then written back in reverse order (the same rows, as the store may hand them back after any
update or VACUUM); the rebuilt ones in the rebuild's large batches, in position order. The endpoints are
taken from the app's routes: a new GET route fails `test_every_get_route_is_compared_or_excluded_with_a_reason`
until it is added to COVERED or EXCLUDED."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import openpyxl
import pytest
from litestar import Litestar
from litestar.routes import HTTPRoute
from litestar.testing import TestClient

from api.app import create_app
from api.demo import load_demo
from infra.keys import create_key
from infra.settings import Settings
from infra.store import Store
from projections.runner import ALL_PROJECTIONS, Runner
from tests.walks import all_walks


@dataclass(frozen=True)
class Seen:
    """Ids of the data set, read from the live answers; both passes read the same URLs."""

    cases: list[str]
    actions: list[str]
    institutions: list[str]
    clients: list[str]
    records: list[tuple[str, str]]  # (kind, id)
    kinds: list[str]


def q(path: str, **params: Any) -> str:
    return f"{path}?{urlencode(params, doseq=True)}" if params else path


LEDGER_SORTS = ("opened_at", "-opened_at", "closed_at", "-closed_at", "last_step_at", "-last_step_at")
PAGE = {"limit": 7, "offset": 7}  # a page in the middle: ties at a page boundary show there first

COVERED: dict[str, Callable[[Seen], list[str]]] = {
    "/v1/catalogue": lambda s: ["/v1/catalogue"],
    "/v1/catalogue/priority": lambda s: ["/v1/catalogue/priority"],
    "/v1/institutions": lambda s: ["/v1/institutions", q("/v1/institutions", kind="workstation")],
    "/v1/institutions/{institution_id:uuid}": lambda s: [f"/v1/institutions/{i}" for i in s.institutions],
    "/v1/institutions/{institution_id:uuid}/staffing": lambda s: [
        f"/v1/institutions/{i}/staffing" for i in s.institutions
    ],
    "/v1/institutions/{institution_id:uuid}/trainings": lambda s: [
        q(f"/v1/institutions/{i}/trainings", **page) for i in s.institutions for page in ({}, {"limit": 3})
    ],
    "/v1/clients/{client_id:uuid}": lambda s: [f"/v1/clients/{c}" for c in s.clients],
    "/v1/clients/{client_id:uuid}/ip-ledger": lambda s: [f"/v1/clients/{c}/ip-ledger" for c in s.clients],
    "/v1/cases/{case_id:uuid}": lambda s: [
        url for c in s.cases for url in (f"/v1/cases/{c}", q(f"/v1/cases/{c}", version=1))
    ],
    "/v1/cases/{case_id:uuid}/history": lambda s: [f"/v1/cases/{c}/history" for c in s.cases],
    "/v1/cases/{case_id:uuid}/evaluations": lambda s: [f"/v1/cases/{c}/evaluations" for c in s.cases],
    "/v1/ledgers/services": lambda s: [
        *(q("/v1/ledgers/services", sort=sort, limit=1000) for sort in LEDGER_SORTS),
        *(q("/v1/ledgers/services", sort=sort, **PAGE) for sort in LEDGER_SORTS),
        q("/v1/ledgers/services", institution_id=s.institutions[0], status="open"),
        q("/v1/ledgers/services", client_id=s.clients[0]),
        q("/v1/ledgers/services", format="csv"),
        q("/v1/ledgers/services", format="xlsx"),
    ],
    "/v1/ledgers/financing": lambda s: [
        "/v1/ledgers/financing",
        q("/v1/ledgers/financing", institution_id=s.institutions[0]),
    ],
    "/v1/events": lambda s: [q("/v1/events", after=0, limit=1000), q("/v1/events", after=50, limit=20)],
    "/v1/corrective-actions": lambda s: [
        q("/v1/corrective-actions", limit=1000),
        q("/v1/corrective-actions", **PAGE),
        *(q("/v1/corrective-actions", status=status) for status in ("open", "overdue", "closed")),
    ],
    "/v1/corrective-actions/{action_id:uuid}": lambda s: [f"/v1/corrective-actions/{a}" for a in s.actions],
    "/v1/statistics/evaluations": lambda s: [
        q("/v1/statistics/evaluations", group_by=group_by, period=period)
        for group_by in (["institution", "service_type", "period"], ["service_type"], ["period"])
        for period in ("month", "quarter")
    ],
    "/v1/follow-ups": lambda s: [
        *(
            q("/v1/follow-ups", view=view, limit=1000)
            for view in ("open", "due", "overdue", "done", "cancelled", "all")
        ),
        q("/v1/follow-ups", view="all", **PAGE),
    ],
    "/v1/reports/conformance": lambda s: [
        q("/v1/reports/conformance", scope=scope) for scope in ("offered", "catalogue")
    ],
    "/v1/registries": lambda s: ["/v1/registries"],
    "/v1/registries/{kind:str}": lambda s: [
        url
        for kind in s.kinds
        for url in (q(f"/v1/registries/{kind}", limit=1000), q(f"/v1/registries/{kind}", limit=3))
    ],
    "/v1/registries/{kind:str}/{record_id:uuid}": lambda s: [f"/v1/registries/{k}/{r}" for k, r in s.records],
    "/v1/typical-cases": lambda s: [q("/v1/typical-cases", limit=1000), q("/v1/typical-cases", **PAGE)],
    "/v1/consultations": lambda s: [q("/v1/consultations", limit=1000), q("/v1/consultations", **PAGE)],
    "/v1/consultations/analysis": lambda s: [
        q("/v1/consultations/analysis", period=period, top=top) for period in ("month", "quarter") for top in (1, 3, 50)
    ],
}

EXCLUDED = {
    "/health": "liveness: that the process is up, no data",
    "/ready": "readiness: the store's and the runner's state now, not an answer from the data",
    "/v1/cases/{case_id:uuid}/evaluations/{evaluation_id:uuid}": "one evaluation, read from its case's events as"
    " the compared list of the case's evaluations is; a rebuild of the read models cannot move it",
    "/v1/projections": "each read model's position and the time it last moved, which a rebuild moves",
    **dict.fromkeys(
        [
            "/v1/checkpoints",
            "/v1/checkpoints/latest",
            "/v1/checkpoints/consistency",
            "/v1/signing-key",
            "/v1/cases/{case_id:uuid}/proof",
            "/v1/cases/{case_id:uuid}/bundle",
        ],
        "read from the log, its chain rows and signed checkpoints, never from a read model: a rebuild cannot move"
        " them (tests/infra/test_provable_histories.py checks a rebuild raises no alarm)",
    ),
    "/schema": "the API's documentation",
    "/schema/openapi.json": "the API's documentation",
    "/schema/scalar": "the API's documentation",
    "/schema/{path:str}": "the API's documentation",
}


def get_routes(app: Litestar) -> set[str]:
    return {r.path for r in app.routes if isinstance(r, HTTPRoute) and "GET" in r.methods}


def test_every_get_route_is_compared_or_excluded_with_a_reason(tmp_path: Path) -> None:
    routes = get_routes(create_app(Settings(data_dir=tmp_path), run_projections=False, configure_logs=False))
    assert not set(COVERED) & set(EXCLUDED)
    assert routes - set(COVERED) - set(EXCLUDED) == set(), "a GET route neither compared nor excluded"
    assert set(COVERED) | set(EXCLUDED) <= routes, "a route listed here no longer exists"
    assert all(reason for reason in EXCLUDED.values())


@pytest.fixture
def served(store: Store) -> Iterator[tuple[TestClient[Any], dict[str, str]]]:
    load_demo(store, institutions=4, clients=24, cases=48)
    with TestClient(create_app(store=store, run_projections=False, configure_logs=False)) as client:
        yield client, {"Authorization": f"Bearer {create_key(store.db, 'admin', None)[1]}"}


def write_ties(client: TestClient[Any], headers: dict[str, str], institution: str) -> None:
    """Writes that tie on every key a read sorts or counts by but the last."""

    def post(path: str, body: dict[str, Any]) -> str:
        response = client.post(path, json=body, headers=headers)
        assert response.status_code == 201, response.text
        return str(response.json()["id"])

    for _ in range(4):
        post("/v1/institutions", {"name": "城东区知识产权工作站", "kind": "workstation"})
    walk = all_walks()["consultation"]
    client_id = post("/v1/clients", walk.client)
    at = datetime(2026, 3, 2, 2, 0, tzinfo=UTC).isoformat()
    body = {"service_type": walk.service_type, "institution_id": institution, "client_id": client_id, **walk.intake}
    for _ in range(3):
        case_id = post("/v1/cases", {**body, "effective_at": at})
        question = {"step": "question_recorded", "question": "商标被抢注怎么办？", "topics": ["use", "dispute"]}
        post(f"/v1/cases/{case_id}/steps", {**question, "tags": ["证据", "商标抢注", "无效宣告"], "effective_at": at})
        low = {"professional_level": 2, "attitude": 2, "content": 3, "quality": 3, "satisfaction": 2}
        post(f"/v1/cases/{case_id}/evaluations", {"respondent": "张先生", "comment": "答复太慢", **low})  # an action
        action = {"institution_id": institution, "problem": "答复不及时", "case_ids": [case_id], "effective_at": at}
        post("/v1/corrective-actions", action)


def seen(get: Callable[[str], Any]) -> Seen:
    ledger = get(q("/v1/ledgers/services", limit=1000))["items"]
    actions = [a["id"] for a in get(q("/v1/corrective-actions", limit=1000))]
    evaluated = [c for a in actions[:4] for c in get(f"/v1/corrective-actions/{a}")["problem"]["case_ids"]]
    cases = sorted({row["case_id"] for row in ledger})
    ip_ledgers = {row["client_id"] for row in ledger if row["service_type"]["code"] == "application_guidance"}
    kinds = [k["code"] for k in get("/v1/registries")]
    records = [(kind, r["id"]) for kind in kinds for r in get(q(f"/v1/registries/{kind}", limit=2))["items"]]
    return Seen(
        cases=sorted({*cases[:: max(1, len(cases) // 6)], *evaluated}),
        actions=actions[:6],
        institutions=[i["id"] for i in get("/v1/institutions")],
        clients=sorted({*sorted(ip_ledgers)[:3], ledger[0]["client_id"]}),
        records=records,
        kinds=kinds,
    )


def reverse_rows(store: Store) -> None:
    """Write every read-model table's rows back in reverse order: the same rows, read back in another order
    (as after an update, a VACUUM or a rebuild), which no answer may depend on."""
    with store.db.transaction() as cur:
        for projection in ALL_PROJECTIONS:
            for table in projection.tables:
                cur.execute(f"SELECT * FROM {table.name}")
                rows = cur.fetchall()
                if not rows:
                    continue
                cur.execute(f"DELETE FROM {table.name}")
                columns = list(rows[0])
                cur.executemany(
                    f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})",
                    rows[::-1],
                )


def answers(client: TestClient[Any], headers: dict[str, str], urls: list[str]) -> dict[str, Any]:
    out = {}
    for url in urls:
        response = client.get(url, headers=headers)
        assert response.status_code == 200, f"{url}: {response.text}"
        kind = response.headers["content-type"]
        if kind.startswith("application/json"):
            out[url] = response.json()
        elif "spreadsheetml" in kind:  # the cells: the file also holds the time it was written
            book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
            out[url] = [[list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets]
        else:
            out[url] = response.text
    return out


def test_every_read_endpoint_answers_the_same_after_a_rebuild(
    served: tuple[TestClient[Any], dict[str, str]], store: Store
) -> None:
    client, headers = served
    Runner(store, batch_size=7).catch_up()

    def get(url: str) -> Any:
        response = client.get(url, headers=headers)
        assert response.status_code == 200, f"{url}: {response.text}"
        return response.json()

    write_ties(client, headers, get("/v1/institutions")[0]["id"])
    Runner(store, batch_size=3).catch_up()
    reverse_rows(store)
    ids = seen(get)
    assert all([ids.cases, ids.actions, ids.clients, ids.records]), ids  # every id route is read at least once
    urls = [url for urls_of in COVERED.values() for url in urls_of(ids)]
    live = answers(client, headers, urls)

    runner = Runner(store)
    for projection in ALL_PROJECTIONS:
        runner.rebuild(projection.name)
    rebuilt = answers(client, headers, urls)
    changed = [url for url in urls if rebuilt[url] != live[url]]
    assert not changed, "answers a rebuild changed: " + ", ".join(changed)
