"""The auth matrix (DESIGN "Auth", api/access.py): every role against every v1 endpoint, own and other institution.

admin: everything. supervisor: reads everything, the event feed included, writes nothing. staff and a scoped
integration key: write and read within their own institution; another institution's case is 404 (its existence
is confidential), opening a case for another institution is 403. A city-wide integration key: reads everything,
the feed included, writes nothing. viewer: read models only (catalogue, institutions, ledger). No endpoint but
/health, /ready and the schema answers without a key.

The matrix runs against one world per store (module scope), built exactly like `tests/api/conftest.py::world`:
a world per row would cost a second of projection-runner shutdown each on PostgreSQL. Rows are independent:
writes add records but never change what another row expects (steps use a repeatable step).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest
from litestar.testing import TestClient

from api.app import create_app
from api.problems import PROBLEM_JSON
from infra.keys import create_key, revoke_key
from infra.store import Store
from tests.api.conftest import World
from tests.conftest import BACKENDS, make_settings


@dataclass(frozen=True)
class Targets:
    """The records the path templates and bodies name."""

    inst_a: UUID
    inst_b: UUID
    client: UUID
    case_a: UUID
    case_b: UUID


@dataclass(frozen=True)
class Matrix:
    world: World
    targets: Targets


def build_world(client: TestClient[Any], store: Store) -> World:
    """As the `world` fixture of tests/api/conftest.py builds it: institutions A and B, a client, a key per role."""
    _, admin = create_key(store.db, "admin", None)
    admin_headers = {"Authorization": f"Bearer {admin}"}

    def register(path: str, body: dict[str, Any]) -> UUID:
        response = client.post(path, json=body, headers=admin_headers)
        assert response.status_code == 201, response.text
        return UUID(response.json()["id"])

    inst_a = register("/v1/institutions", {"name": "西宁市知识产权保护中心", "kind": "protection_center"})
    inst_b = register("/v1/institutions", {"name": "城北区知识产权公共服务工作站", "kind": "workstation"})
    client_id = register("/v1/clients", {"name": "青海盐湖新材料有限公司", "kind": "innovator",
                                         "innovator_kind": "enterprise", "enterprise_size": "small"})
    world = World(client, store, inst_a, inst_b, client_id, {"admin": admin})
    for name, role, institution in [
        ("supervisor", "supervisor", None),
        ("staff_a", "staff", inst_a),
        ("staff_b", "staff", inst_b),
        ("integration_a", "integration", inst_a),
        ("integration_city", "integration", None),
        ("viewer", "viewer", None),
        ("viewer_a", "viewer", inst_a),
    ]:
        world.keys[name] = create_key(store.db, role, institution)[1]
    return world


@pytest.fixture(scope="module", params=BACKENDS)
def matrix(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Matrix]:
    # make_settings skips (or fails, under CI) when PostgreSQL is unreachable, and drops its schema afterwards
    with contextmanager(make_settings)(request.param, tmp_path_factory.mktemp(request.param)) as settings:
        store = Store(settings)
        try:
            with TestClient(create_app(store=store, configure_logs=False)) as client:
                world = build_world(client, store)
                case_a = world.open_case("staff_a")
                case_b = world.open_case("staff_b", institution_id=world.institution_b)
                for case, who in [(case_a, "staff_a"), (case_b, "staff_b")]:
                    response = world.step(case, "routes_explained", who=who, recommended="mediation")
                    assert response.status_code == 201, response.text
                yield Matrix(world, Targets(world.institution_a, world.institution_b, world.client_id, case_a, case_b))
        finally:
            store.close()

Body = Callable[[Targets], Any]


def institution(_: Targets) -> dict[str, Any]:
    return {"name": "湟中区知识产权工作站", "kind": "workstation"}


def client(_: Targets) -> dict[str, Any]:
    return {"name": "李明", "kind": "public"}


def case_for_a(t: Targets) -> dict[str, Any]:
    return {"service_type": "rights_assistance", "institution_id": str(t.inst_a), "client_id": str(t.client),
            "ip_type": "trademark"}


def case_for_b(t: Targets) -> dict[str, Any]:
    return {**case_for_a(t), "institution_id": str(t.inst_b)}


def session(_: Targets) -> dict[str, Any]:
    """mediation_session is repeatable after routes_explained: every allowed writer can record it again."""
    return {"step": "mediation_session", "mediator": "王调解员", "outcome": "adjourned"}


KEYS = ("admin", "supervisor", "staff_a", "staff_b", "integration_a", "integration_city", "viewer", "viewer_a")
ALL_200 = (200,) * len(KEYS)
ONLY_ADMIN_WRITES = (201, 403, 403, 403, 403, 403, 403, 403)
CASE_READ_A = (200, 200, 200, 404, 200, 200, 403, 403)
CASE_READ_B = (200, 200, 404, 200, 404, 200, 403, 403)

MATRIX: list[tuple[str, str, Body | None, tuple[int, ...]]] = [
    # method  path                                              body         admin sup  st_a st_b in_a in_c view vw_a
    ("GET",  "/v1/catalogue",                                   None,        ALL_200),
    ("POST", "/v1/institutions",                                institution, ONLY_ADMIN_WRITES),
    ("GET",  "/v1/institutions",                                None,        ALL_200),
    ("GET",  "/v1/institutions/{inst_a}",                       None,        ALL_200),
    ("GET",  "/v1/institutions/{inst_b}",                       None,        ALL_200),
    ("POST", "/v1/clients",                                     client,      (201, 403, 201, 201, 201, 403, 403, 403)),
    ("GET",  "/v1/clients/{client}",                            None,        (200, 200, 200, 200, 200, 200, 403, 403)),
    ("POST", "/v1/cases",                                       case_for_a,  (201, 403, 201, 403, 201, 403, 403, 403)),
    ("POST", "/v1/cases",                                       case_for_b,  (201, 403, 403, 201, 403, 403, 403, 403)),
    ("GET",  "/v1/cases/{case_a}",                              None,        CASE_READ_A),
    ("GET",  "/v1/cases/{case_b}",                              None,        CASE_READ_B),
    ("POST", "/v1/cases/{case_a}/steps",                        session,     (201, 403, 201, 404, 201, 403, 403, 403)),
    ("POST", "/v1/cases/{case_b}/steps",                        session,     (201, 403, 404, 201, 404, 403, 403, 403)),
    ("GET",  "/v1/cases/{case_a}/history",                      None,        CASE_READ_A),
    ("GET",  "/v1/cases/{case_b}/history",                      None,        CASE_READ_B),
    ("GET",  "/v1/ledgers/services",                            None,        ALL_200),
    ("GET",  "/v1/ledgers/services?institution_id={inst_a}",    None,        (200, 200, 200, 403, 200, 200, 200, 200)),
    ("GET",  "/v1/ledgers/services?institution_id={inst_b}",    None,        (200, 200, 403, 200, 403, 200, 200, 403)),
    ("GET",  "/v1/events",                                      None,        (200, 200, 403, 403, 403, 200, 403, 403)),
]  # fmt: skip

ROWS = [
    pytest.param(who, method, path, body, expected[n],
                 id=f"{who}:{method}:{path}" + (f":{body.__name__}" if body else ""))
    for method, path, body, expected in MATRIX
    for n, who in enumerate(KEYS)
]

ENDPOINTS = list(dict.fromkeys((method, path, body) for method, path, body, _ in MATRIX))


def send(world: World, method: str, path: str, body: Any, headers: dict[str, str]) -> httpx.Response:
    if body is None:
        return world.client.request(method, path, headers=headers)
    return world.client.request(method, path, json=body, headers=headers)


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_JSON), response.headers
    problem: dict[str, Any] = response.json()
    assert problem["status"] == status
    assert problem["type"]
    assert problem["title"]
    return problem


@pytest.mark.parametrize(("who", "method", "path", "body", "expected"), ROWS)
def test_auth_matrix(matrix: Matrix, who: str, method: str, path: str, body: Body | None, expected: int) -> None:
    world, targets = matrix.world, matrix.targets
    url = path.format(**asdict(targets))
    before = world.store.max_position()

    response = send(world, method, url, body(targets) if body else None, world.headers(who))

    if expected >= 400:
        assert_problem(response, expected)
        assert world.store.max_position() == before, "a refused request must not write"
    else:
        assert response.status_code == expected, response.text
        assert response.headers["content-type"].startswith("application/json")
    if method == "POST" and expected == 201:
        assert response.json()["position"] > before
    if expected == 200 and "/v1/cases/" in path:
        shown = response.json().get("id") or response.json().get("case_id")
        assert shown == str(targets.case_a if "{case_a}" in path else targets.case_b)


def test_other_institutions_case_is_indistinguishable_from_an_absent_one(matrix: Matrix) -> None:
    world, targets = matrix.world, matrix.targets
    unknown = uuid4()
    for suffix in ("", "/history"):
        hidden = assert_problem(
            world.client.get(f"/v1/cases/{targets.case_b}{suffix}", headers=world.headers("staff_a")), 404
        )
        absent = assert_problem(world.client.get(f"/v1/cases/{unknown}{suffix}", headers=world.headers("staff_a")), 404)
        assert (hidden["type"], hidden["title"]) == (absent["type"], absent["title"])
        assert hidden["detail"].replace(str(targets.case_b), "ID") == absent["detail"].replace(str(unknown), "ID")


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS,
                         ids=[f"{m}:{p}" + (f":{b.__name__}" if b else "") for m, p, b in ENDPOINTS])
def test_no_key_is_401_with_www_authenticate(matrix: Matrix, method: str, path: str, body: Body | None) -> None:
    world, targets = matrix.world, matrix.targets
    before = world.store.max_position()
    response = send(world, method, path.format(**asdict(targets)), body(targets) if body else None, {})
    assert_problem(response, 401)
    assert response.headers["www-authenticate"].lower().startswith("bearer")
    assert world.store.max_position() == before


def _bad_authorizations(keys: dict[str, str]) -> dict[str, str]:
    real = keys["admin"]
    prefix, key_id, secret = real.split("_", 2)
    return {
        "empty bearer": "Bearer ",
        "scheme only": "Bearer",
        "basic scheme": f"Basic {real}",
        "token scheme": f"Token {real}",
        "key without scheme": real,
        "unknown key": "Bearer not-a-key",
        "right shape, unknown id": f"Bearer {prefix}_{'0' * len(key_id)}_{secret}",
        "known id, wrong secret": f"Bearer {prefix}_{key_id}_{'x' * len(secret)}",
        "truncated secret": f"Bearer {real[:-1]}",
        "prefix only": "Bearer ipps_",
        "very long": "Bearer " + "k" * 10_000,
    }


BAD_KEY_CASES = list(_bad_authorizations({"admin": "ipps_0123456789abcdef_secret"}))


@pytest.mark.parametrize("case", BAD_KEY_CASES)
@pytest.mark.parametrize(("method", "path", "body"), [("GET", "/v1/catalogue", None), ("POST", "/v1/clients", client)],
                         ids=["read", "write"])
def test_malformed_or_unknown_key_is_401(
    matrix: Matrix, case: str, method: str, path: str, body: Body | None
) -> None:
    world = matrix.world
    authorization = _bad_authorizations(world.keys)[case]
    before = world.store.max_position()
    response = send(world, method, path, body(matrix.targets) if body else None, {"Authorization": authorization})
    assert_problem(response, 401)
    assert response.headers["www-authenticate"].lower().startswith("bearer")
    assert world.store.max_position() == before


def test_revoked_key_is_401(matrix: Matrix) -> None:
    world = matrix.world
    record, key = create_key(world.store.db, "staff", world.institution_a)
    assert revoke_key(world.store.db, record.key_id)
    response = world.client.get("/v1/catalogue", headers={"Authorization": f"Bearer {key}"})
    assert_problem(response, 401)
    assert "www-authenticate" in response.headers


def test_bearer_scheme_is_case_insensitive(matrix: Matrix) -> None:
    world = matrix.world
    response = world.client.get("/v1/catalogue", headers={"Authorization": f"bearer {world.keys['viewer']}"})
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("path", ["/health", "/ready", "/schema/openapi.json"])
def test_public_endpoints_answer_without_a_key(matrix: Matrix, path: str) -> None:
    response = matrix.world.client.get(path)
    assert response.status_code == 200, response.text
    assert "www-authenticate" not in response.headers


SCOPED = ("staff_a", "integration_a", "viewer_a")
CITY_WIDE = ("admin", "supervisor", "integration_city", "viewer")


@pytest.mark.parametrize("who", SCOPED + CITY_WIDE)
def test_ledger_rows_are_limited_to_the_keys_institution(matrix: Matrix, who: str) -> None:
    world, targets = matrix.world, matrix.targets
    latest_b = world.open_case("staff_b", institution_id=world.institution_b)
    response = world.step(latest_b, "routes_explained", who="staff_b")
    assert response.status_code == 201, response.text
    position = response.json()["position"]

    response = world.client.get(
        "/v1/ledgers/services", params={"min_position": position, "limit": 1000}, headers=world.headers(who)
    )

    assert response.status_code == 200, response.text
    page = response.json()
    assert page["position"] >= position
    rows = {row["case_id"]: row["institution_id"] for row in page["items"]}
    assert page["total"] == len(rows)
    assert str(targets.case_a) in rows
    if who in SCOPED:
        assert set(rows.values()) == {str(world.institution_a)}
        assert str(targets.case_b) not in rows
        assert str(latest_b) not in rows
    else:
        assert set(rows.values()) == {str(world.institution_a), str(world.institution_b)}
        assert {str(targets.case_b), str(latest_b)} <= set(rows)
