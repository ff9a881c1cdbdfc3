"""The auth matrix (DESIGN "Auth", api/access.py): every role against every v1 endpoint, own and other institution.

admin: everything. supervisor: reads everything, the event feed included, writes nothing. staff and a scoped
integration key: write and read within their own institution; another institution's case (its evaluations, a
corrective action) is 404, as its existence is confidential; writing for another institution (a case, a corrective
action, a registry record) or naming it in a read (`?institution_id=`) is 403. A city-wide integration key: reads
everything, the feed included, writes nothing. viewer: read models only (catalogue, institutions, ledgers,
statistics, reports, libraries, registries), a scoped viewer within its institution. Registries are read city-wide;
a city-wide record (no institution) is managed by admin alone; only admin orders the catalogue. No endpoint but
/health, /ready and the schema answers without a key.

The matrix runs against one world per store (module scope), built exactly like `tests/api/conftest.py::world`:
a world per row would cost a second of projection-runner shutdown each on PostgreSQL. Rows are independent:
writes add records but never change what another row expects (steps are repeatable ones, each evaluation has a
respondent of its own, the catalogue order is set to what it was, and a revision or a retirement gets a record
of its own: the `{fresh_...}` placeholders).
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
from domain.catalogue import DEFAULT_PRIORITY
from infra.keys import create_key, revoke_key
from infra.store import Store
from tests.api.conftest import World, build_world
from tests.conftest import BACKENDS, make_settings


@dataclass(frozen=True)
class Targets:
    """The records the path templates and bodies name."""

    inst_a: UUID
    inst_b: UUID
    client: UUID
    case_a: UUID
    case_b: UUID
    eval_a: UUID
    """A low evaluation of case_a: a return visit (follow-up) may be recorded for it again and again."""
    eval_b: UUID
    action_a: UUID
    """A corrective action of A with its measures planned: `implemented` may be recorded again and again."""
    staff_record: UUID
    """A staff member of A in the registry (6.1.1): trainings may be recorded again and again."""


@dataclass(frozen=True)
class Matrix:
    world: World
    targets: Targets


def created(world: World, who: str, path: str, body: dict[str, Any]) -> UUID:
    response = world.client.post(path, json=body, headers=world.headers(who))
    assert response.status_code == 201, response.text
    return UUID(response.json()["id"])


def low_evaluation(world: World, case_id: UUID, who: str) -> UUID:
    """A low evaluation of the case (it also proposes a corrective action and raises a return visit)."""
    respondent = "回访对象"
    body = {"respondent": respondent, **GOOD, "attitude": 1, "comment": "等待时间太长"}
    created(world, who, f"/v1/cases/{case_id}/evaluations", body)
    response = world.client.get(f"/v1/cases/{case_id}/evaluations", headers=world.headers(who))
    assert response.status_code == 200, response.text
    (evaluation,) = [e for e in response.json() if e["respondent"] == respondent]
    return UUID(evaluation["id"])


def build_targets(world: World) -> Targets:
    case_a = world.open_case("staff_a")
    case_b = world.open_case("staff_b", institution_id=world.institution_b)
    for case, who in [(case_a, "staff_a"), (case_b, "staff_b")]:
        response = world.step(case, "routes_explained", who=who, recommended="mediation")
        assert response.status_code == 201, response.text
    action_a = created(
        world, "staff_a", "/v1/corrective-actions", {**PROBLEM, "institution_id": str(world.institution_a)}
    )
    planned = {
        "step": "measures_planned",
        "measures": ["答复时限公示"],
        "plan": "两周内",
        "owner": "孙主任",
        "due": "2099-01-01",
    }
    created(world, "staff_a", f"/v1/corrective-actions/{action_a}/steps", planned)
    return Targets(
        inst_a=world.institution_a,
        inst_b=world.institution_b,
        client=world.client_id,
        case_a=case_a,
        case_b=case_b,
        eval_a=low_evaluation(world, case_a, "staff_a"),
        eval_b=low_evaluation(world, case_b, "staff_b"),
        action_a=action_a,
        staff_record=created(
            world, "staff_a", "/v1/registries/staff", {**STAFF_PROFILE, "institution_id": str(world.institution_a)}
        ),
    )


@pytest.fixture(scope="module", params=BACKENDS)
def matrix(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Matrix]:
    # make_settings skips (or fails, under CI) when PostgreSQL is unreachable, and drops its schema afterwards
    with contextmanager(make_settings)(request.param, tmp_path_factory.mktemp(request.param)) as settings:
        store = Store(settings)
        try:
            with TestClient(create_app(store=store, configure_logs=False)) as client:
                world = build_world(client, store)
                yield Matrix(world, build_targets(world))
        finally:
            store.close()


Body = Callable[[Targets], Any]

GOOD = {"professional_level": 5, "attitude": 5, "content": 4, "quality": 4, "satisfaction": 5}
PROBLEM = {"problem": "咨询答复不及时"}
STAFF_PROFILE = {
    "name": "马晓东",
    "employment": "full_time",
    "education": "bachelor",
    "background": "ip",
    "duties": "知识产权咨询与维权援助",
}
EXPERT_PROFILE = {"name": "王建国", "field": "光伏材料", "contact": "0971-0000000", "ip_types": ["patent"]}


def institution(_: Targets) -> dict[str, Any]:
    return {"name": "湟中区知识产权工作站", "kind": "workstation"}


def client(_: Targets) -> dict[str, Any]:
    return {"name": "李明", "kind": "public"}


def case_for_a(t: Targets) -> dict[str, Any]:
    return {
        "service_type": "rights_assistance",
        "institution_id": str(t.inst_a),
        "client_id": str(t.client),
        "ip_type": "trademark",
    }


def case_for_b(t: Targets) -> dict[str, Any]:
    return {**case_for_a(t), "institution_id": str(t.inst_b)}


def session(_: Targets) -> dict[str, Any]:
    """mediation_session is repeatable after routes_explained: every allowed writer can record it again."""
    return {"step": "mediation_session", "mediator": "王调解员", "outcome": "adjourned"}


def priority(_: Targets) -> dict[str, Any]:
    """The default order again: a change that changes nothing another row reads."""
    return {"order": list(DEFAULT_PRIORITY)}


def evaluation(_: Targets) -> dict[str, Any]:
    """One evaluation per respondent per case (7.1): every request is a new respondent; not low, so no action."""
    return {"respondent": f"受访者{uuid4().hex[:12]}", "channel": "phone", **GOOD}


def return_visit(_: Targets) -> dict[str, Any]:
    """Return visits after a low evaluation may be recorded again and again."""
    return {"visited_by": "孙主任", "outcome": "已说明改进措施"}


def action_for_a(t: Targets) -> dict[str, Any]:
    return {**PROBLEM, "institution_id": str(t.inst_a)}


def action_for_b(t: Targets) -> dict[str, Any]:
    return {**PROBLEM, "institution_id": str(t.inst_b)}


def implemented(_: Targets) -> dict[str, Any]:
    """`implemented` is repeatable after measures_planned."""
    return {"step": "implemented", "done": "已公示答复时限"}


def staff_of_a(t: Targets) -> dict[str, Any]:
    return {**STAFF_PROFILE, "institution_id": str(t.inst_a)}


def staff_of_b(t: Targets) -> dict[str, Any]:
    return {**STAFF_PROFILE, "institution_id": str(t.inst_b)}


def city_wide_expert(_: Targets) -> dict[str, Any]:
    """The expert database is city-wide: a record without an institution is managed by admin alone."""
    return dict(EXPERT_PROFILE)


def staff_revision(_: Targets) -> dict[str, Any]:
    return {**STAFF_PROFILE, "employment": "part_time"}


def expert_revision(_: Targets) -> dict[str, Any]:
    return {**EXPERT_PROFILE, "field": "盐湖化工"}


def retirement(_: Targets) -> dict[str, Any]:
    return {"reason": "调离"}


def training(_: Targets) -> dict[str, Any]:
    return {
        "kind": "hearing_observation",
        "date": "2026-01-20",
        "hours": 3,
        "provider": "西宁中院",
        "topic": "庭审旁听",
    }


FRESH: dict[str, tuple[str, Body]] = {
    "fresh_staff_a": ("staff", staff_of_a),
    "fresh_staff_b": ("staff", staff_of_b),
    "fresh_expert": ("experts", city_wide_expert),
}
"""Placeholders for a record registered (by admin) just before the request: a revision or a retirement succeeds
once per record, so each row gets its own, at version 1 (the request sends `If-Match: "1"`)."""


def resolve(world: World, targets: Targets, path: str) -> tuple[str, dict[str, str]]:
    """The URL of a path template, and the headers it needs beside the key."""
    fresh = {
        name: str(created(world, "admin", f"/v1/registries/{kind}", body(targets)))
        for name, (kind, body) in FRESH.items()
        if "{" + name + "}" in path
    }
    return path.format(**asdict(targets), **fresh), ({"If-Match": '"1"'} if fresh else {})


KEYS = ("admin", "supervisor", "staff_a", "staff_b", "integration_a", "integration_city", "viewer", "viewer_a")
ALL_200 = (200,) * len(KEYS)
ONLY_ADMIN_WRITES = (201, 403, 403, 403, 403, 403, 403, 403)
ONLY_ADMIN_REVISES = (200, 403, 403, 403, 403, 403, 403, 403)
WRITE_FOR_A = (201, 403, 201, 403, 201, 403, 403, 403)  # another institution's: 403
WRITE_FOR_B = (201, 403, 403, 201, 403, 403, 403, 403)
REVISE_A = (200, 403, 200, 403, 200, 403, 403, 403)
REVISE_B = (200, 403, 403, 200, 403, 403, 403, 403)
WRITE_CASE_A = (201, 403, 201, 404, 201, 403, 403, 403)  # another institution's case (or action): 404
WRITE_CASE_B = (201, 403, 404, 201, 404, 403, 403, 403)
CASE_READ_A = (200, 200, 200, 404, 200, 200, 403, 403)
CASE_READ_B = (200, 200, 404, 200, 404, 200, 403, 403)
CASE_DATA = (200, 200, 200, 200, 200, 200, 403, 403)  # read_cases / read_clients: not for viewers
CASE_DATA_OF_B = (200, 200, 403, 200, 403, 200, 403, 403)  # naming institution B explicitly
READ_MODEL_OF_A = (200, 200, 200, 403, 200, 200, 200, 200)
READ_MODEL_OF_B = (200, 200, 403, 200, 403, 200, 200, 403)  # viewer_a is scoped to A
CLIENT_WRITE = (201, 403, 201, 201, 201, 403, 403, 403)  # clients are city-wide: any writing key registers one
FEED = (200, 200, 403, 403, 403, 200, 403, 403)  # the event feed: admin, supervisor, a city-wide integration

MATRIX: list[tuple[str, str, Body | None, tuple[int, ...]]] = [
    # method  path                                                   body              expected: one per KEYS
    ("GET",  "/v1/catalogue",                                         None,             ALL_200),
    ("GET",  "/v1/catalogue/priority",                                None,             ALL_200),
    ("PUT",  "/v1/catalogue/priority",                                priority,         ONLY_ADMIN_WRITES),
    ("POST", "/v1/institutions",                                      institution,      ONLY_ADMIN_WRITES),
    ("GET",  "/v1/institutions",                                      None,             ALL_200),
    ("GET",  "/v1/institutions/{inst_a}",                             None,             ALL_200),
    ("GET",  "/v1/institutions/{inst_b}",                             None,             ALL_200),
    ("POST", "/v1/clients",                                           client,           CLIENT_WRITE),
    ("GET",  "/v1/clients/{client}",                                  None,             CASE_DATA),
    ("POST", "/v1/cases",                                             case_for_a,       WRITE_FOR_A),
    ("POST", "/v1/cases",                                             case_for_b,       WRITE_FOR_B),
    ("GET",  "/v1/cases/{case_a}",                                    None,             CASE_READ_A),
    ("GET",  "/v1/cases/{case_b}",                                    None,             CASE_READ_B),
    ("POST", "/v1/cases/{case_a}/steps",                              session,          WRITE_CASE_A),
    ("POST", "/v1/cases/{case_b}/steps",                              session,          WRITE_CASE_B),
    ("GET",  "/v1/cases/{case_a}/history",                            None,             CASE_READ_A),
    ("GET",  "/v1/cases/{case_b}/history",                            None,             CASE_READ_B),
    ("POST", "/v1/cases/{case_a}/evaluations",                        evaluation,       WRITE_CASE_A),
    ("POST", "/v1/cases/{case_b}/evaluations",                        evaluation,       WRITE_CASE_B),
    ("GET",  "/v1/cases/{case_a}/evaluations",                        None,             CASE_READ_A),
    ("GET",  "/v1/cases/{case_b}/evaluations",                        None,             CASE_READ_B),
    ("POST", "/v1/cases/{case_a}/evaluations/{eval_a}/follow-ups",    return_visit,     WRITE_CASE_A),
    ("POST", "/v1/cases/{case_b}/evaluations/{eval_b}/follow-ups",    return_visit,     WRITE_CASE_B),
    ("POST", "/v1/corrective-actions",                                action_for_a,     WRITE_FOR_A),
    ("POST", "/v1/corrective-actions",                                action_for_b,     WRITE_FOR_B),
    ("GET",  "/v1/corrective-actions",                                None,             CASE_DATA),
    ("GET",  "/v1/corrective-actions?institution_id={inst_b}",        None,             CASE_DATA_OF_B),
    ("GET",  "/v1/corrective-actions/{action_a}",                     None,             CASE_READ_A),
    ("POST", "/v1/corrective-actions/{action_a}/steps",               implemented,      WRITE_CASE_A),
    ("GET",  "/v1/follow-ups",                                        None,             CASE_DATA),
    ("GET",  "/v1/follow-ups?institution_id={inst_b}",                None,             CASE_DATA_OF_B),
    ("GET",  "/v1/ledgers/services",                                  None,             ALL_200),
    ("GET",  "/v1/ledgers/services?institution_id={inst_a}",          None,             READ_MODEL_OF_A),
    ("GET",  "/v1/ledgers/services?institution_id={inst_b}",          None,             READ_MODEL_OF_B),
    ("GET",  "/v1/statistics/evaluations",                            None,             ALL_200),
    ("GET",  "/v1/statistics/evaluations?institution_id={inst_b}",    None,             READ_MODEL_OF_B),
    ("GET",  "/v1/reports/conformance",                               None,             ALL_200),
    ("GET",  "/v1/reports/conformance?institution_id={inst_b}",       None,             READ_MODEL_OF_B),
    ("GET",  "/v1/projections",                                       None,             ALL_200),
    ("GET",  "/v1/events",                                            None,             FEED),
    ("GET",  "/v1/registries",                                        None,             ALL_200),
    ("POST", "/v1/registries/staff",                                  staff_of_a,       WRITE_FOR_A),
    ("POST", "/v1/registries/staff",                                  staff_of_b,       WRITE_FOR_B),
    ("POST", "/v1/registries/experts",                                city_wide_expert, ONLY_ADMIN_WRITES),
    ("GET",  "/v1/registries/staff",                                  None,             ALL_200),
    ("GET",  "/v1/registries/experts",                                None,             ALL_200),
    ("GET",  "/v1/registries/staff/{staff_record}",                   None,             ALL_200),
    ("PUT",  "/v1/registries/staff/{fresh_staff_a}",                  staff_revision,   REVISE_A),
    ("PUT",  "/v1/registries/staff/{fresh_staff_b}",                  staff_revision,   REVISE_B),
    ("PUT",  "/v1/registries/experts/{fresh_expert}",                 expert_revision,  ONLY_ADMIN_REVISES),
    ("POST", "/v1/registries/staff/{fresh_staff_a}/retire",           retirement,       WRITE_FOR_A),
    ("POST", "/v1/registries/staff/{fresh_staff_b}/retire",           retirement,       WRITE_FOR_B),
    ("POST", "/v1/registries/experts/{fresh_expert}/retire",          retirement,       ONLY_ADMIN_WRITES),
    ("POST", "/v1/registries/staff/{staff_record}/trainings",         training,         WRITE_FOR_A),
    ("GET",  "/v1/institutions/{inst_a}/staffing",                    None,             ALL_200),
    ("GET",  "/v1/institutions/{inst_b}/staffing",                    None,             ALL_200),
    ("GET",  "/v1/institutions/{inst_a}/trainings",                   None,             ALL_200),
    ("GET",  "/v1/institutions/{inst_b}/trainings",                   None,             ALL_200),
    ("GET",  "/v1/typical-cases",                                     None,             ALL_200),
    ("GET",  "/v1/typical-cases?institution_id={inst_b}",             None,             READ_MODEL_OF_B),
    ("GET",  "/v1/consultations",                                     None,             CASE_DATA),
    ("GET",  "/v1/consultations?institution_id={inst_b}",             None,             CASE_DATA_OF_B),
    ("GET",  "/v1/consultations/analysis",                            None,             ALL_200),
    ("GET",  "/v1/consultations/analysis?institution_id={inst_b}",    None,             READ_MODEL_OF_B),
    ("GET",  "/v1/ledgers/financing",                                 None,             ALL_200),
    ("GET",  "/v1/ledgers/financing?institution_id={inst_b}",         None,             READ_MODEL_OF_B),
    ("GET",  "/v1/clients/{client}/ip-ledger",                        None,             CASE_DATA),
]  # fmt: skip

KNOWN_BUGS: dict[tuple[str, str, str], str] = {}
"""(key, method, path) -> why the application answers otherwise than the row expects (a strict xfail)."""

SHOWN = {
    "/v1/cases/{case_a}": "case_a",
    "/v1/cases/{case_b}": "case_b",
    "/v1/cases/{case_a}/history": "case_a",
    "/v1/cases/{case_b}/history": "case_b",
    "/v1/cases/{case_a}/evaluations": "eval_a",
    "/v1/cases/{case_b}/evaluations": "eval_b",
    "/v1/corrective-actions/{action_a}": "action_a",
    "/v1/registries/staff/{staff_record}": "staff_record",
    "/v1/institutions/{inst_a}/staffing": "inst_a",
    "/v1/institutions/{inst_b}/staffing": "inst_b",
}
"""A read that succeeds shows the record it names (not another one the key may not see)."""


def _row_id(who: str, method: str, path: str, body: Body | None) -> str:
    return f"{who}:{method}:{path}" + (f":{body.__name__}" if body else "")


def _marks(who: str, method: str, path: str) -> list[pytest.MarkDecorator]:
    reason = KNOWN_BUGS.get((who, method, path))
    return [pytest.mark.xfail(strict=True, reason=f"BUG: {reason}")] if reason else []


ROWS = [
    pytest.param(
        who, method, path, body, expected[n], id=_row_id(who, method, path, body), marks=_marks(who, method, path)
    )
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
    url, headers = resolve(world, targets, path)
    before = world.store.max_position()

    response = send(world, method, url, body(targets) if body else None, {**world.headers(who), **headers})

    if expected >= 400:
        assert_problem(response, expected)
        assert world.store.max_position() == before, "a refused request must not write"
    else:
        assert response.status_code == expected, response.text
        assert response.headers["content-type"].startswith("application/json")
    if method in ("POST", "PUT") and expected < 400:
        assert response.json()["position"] > before
    if method == "GET" and expected == 200 and path in SHOWN:
        assert str(getattr(targets, SHOWN[path])) in response.text


def test_other_institutions_case_is_indistinguishable_from_an_absent_one(matrix: Matrix) -> None:
    world, targets = matrix.world, matrix.targets
    unknown = uuid4()
    for suffix in ("", "/history", "/evaluations"):
        hidden = assert_problem(
            world.client.get(f"/v1/cases/{targets.case_b}{suffix}", headers=world.headers("staff_a")), 404
        )
        absent = assert_problem(world.client.get(f"/v1/cases/{unknown}{suffix}", headers=world.headers("staff_a")), 404)
        assert (hidden["type"], hidden["title"]) == (absent["type"], absent["title"])
        assert hidden["detail"].replace(str(targets.case_b), "ID") == absent["detail"].replace(str(unknown), "ID")


def test_other_institutions_action_is_indistinguishable_from_an_absent_one(matrix: Matrix) -> None:
    world, targets = matrix.world, matrix.targets
    unknown = uuid4()
    hidden = assert_problem(
        world.client.get(f"/v1/corrective-actions/{targets.action_a}", headers=world.headers("staff_b")), 404
    )
    absent = assert_problem(
        world.client.get(f"/v1/corrective-actions/{unknown}", headers=world.headers("staff_b")), 404
    )
    assert (hidden["type"], hidden["title"]) == (absent["type"], absent["title"])
    assert hidden["detail"].replace(str(targets.action_a), "ID") == absent["detail"].replace(str(unknown), "ID")


@pytest.mark.parametrize(
    ("method", "path", "body"), ENDPOINTS, ids=[_row_id("nobody", m, p, b).partition(":")[2] for m, p, b in ENDPOINTS]
)
def test_no_key_is_401_with_www_authenticate(matrix: Matrix, method: str, path: str, body: Body | None) -> None:
    world, targets = matrix.world, matrix.targets
    url, headers = resolve(world, targets, path)
    before = world.store.max_position()
    response = send(world, method, url, body(targets) if body else None, headers)
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
@pytest.mark.parametrize(
    ("method", "path", "body"), [("GET", "/v1/catalogue", None), ("POST", "/v1/clients", client)], ids=["read", "write"]
)
def test_malformed_or_unknown_key_is_401(matrix: Matrix, case: str, method: str, path: str, body: Body | None) -> None:
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


CASE_READERS = ("admin", "supervisor", "staff_a", "staff_b", "integration_a", "integration_city")


@pytest.mark.parametrize("who", CASE_READERS)
@pytest.mark.parametrize("path", ["/v1/corrective-actions", "/v1/follow-ups?view=all"])
def test_case_lists_are_limited_to_the_keys_institution(matrix: Matrix, path: str, who: str) -> None:
    """The low evaluations of case_a and case_b each proposed a corrective action and raised a return visit."""
    world = matrix.world
    response = world.client.get(
        path, params={"min_position": world.store.max_position(), "limit": 1000}, headers=world.headers(who)
    )
    assert response.status_code == 200, response.text
    body = response.json()
    items = body["items"] if isinstance(body, dict) else body
    shown = {item["institution_id"] for item in items}
    scope = {"staff_a": world.institution_a, "integration_a": world.institution_a, "staff_b": world.institution_b}
    if who in scope:
        assert shown == {str(scope[who])}
    else:
        assert shown == {str(world.institution_a), str(world.institution_b)}
