"""Fuzzing the API as served (schemathesis, in process), on each store: no answer is a server error, and every
answer is one the OpenAPI document promises — its status code, content type, headers and body schema.

Every operation of /schema/openapi.json runs the phases that apply to one operation: its documented examples,
the coverage phase (the boundaries of every parameter and body field and the values just past them: an offset
past its maximum, a missing or mistyped field, an undeclared method, which must answer 405 with `Allow`) and a
bounded number of generated requests. A request that succeeded is sent again without the key, and must be
refused. Generation is derandomized: a failure shows the same request on every run. The store holds a few
records made through the API (an institution, a client, a case, a staff member, a corrective action); two in three
generated ids of those names are turned into the record's, so that routes answer with the record as well as 404.

Two checks of schemathesis are left out, as they judge what the API accepts rather than what it answers: that
every schema-valid request is accepted (a step's fields depend on the step named; an institution or a client
named must exist) and that every schema-violating one is refused (unknown query parameters are ignored, as most
HTTP APIs do; a datetime may be given as a Unix time). That a NUL in any parameter, or an integer of 2^63 or of
5,000 digits, is refused, tests/api/test_parameter_limits.py checks parameter by parameter: generation rarely
sends them. Nor does this run the stateful phase: the document has no links between operations.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from uuid import UUID

import pytest
import schemathesis
from litestar import Litestar
from schemathesis.config import SchemathesisConfig
from schemathesis.python import asgi

from api.app import create_app
from infra.keys import create_key
from infra.store import Store
from tests.api.conftest import published_document
from tests.conftest import BACKENDS, make_settings

GENERATED_PER_OPERATION = 12
"""Generated requests per operation, beside its examples and coverage cases: the module runs in about a minute."""

CONFIG = {
    "generation": {
        "max-examples": GENERATED_PER_OPERATION,
        "deterministic": True,
        "database": "none",
        "with-security-parameters": False,  # the admin key goes on every request; the check of auth sends none
    },
    "checks": {"positive_data_acceptance": {"enabled": False}, "negative_data_rejection": {"enabled": False}},
}


class AppUnderTest:
    """The app on the store being fuzzed, its admin key and the ids of its records. Schemathesis binds its schema
    to one ASGI app when the tests are collected, before any store exists: this stands for the app the fixture
    makes."""

    def __init__(self) -> None:
        self.app: Litestar | None = None
        self.key = ""
        self.records: dict[str, str] = {}

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:  # an ASGI app, as schemathesis types one
        assert self.app is not None, "the `served` fixture makes the app"
        await self.app(scope, receive, send)


SERVED = AppUnderTest()
schema = schemathesis.openapi.from_dict(published_document(), config=SchemathesisConfig.from_dict(CONFIG))
schema.app = SERVED


def make_records() -> dict[str, str]:
    """A record of each kind that a path names, by the name of its id."""
    institution = {"name": "西宁市知识产权保护中心", "kind": "protection_center"}
    client = {
        "name": "青海盐湖新材料有限公司",
        "kind": "innovator",
        "innovator_kind": "enterprise",
        "enterprise_size": "small",
    }
    records: dict[str, str] = {}
    with asgi.get_client(SERVED) as session:

        def made(path: str, body: dict[str, Any]) -> str:
            response = session.post(path, json=body, headers={"Authorization": f"Bearer {SERVED.key}"})
            assert response.status_code == 201, response.text
            made_id: str = response.json()["id"]
            return made_id

        records["institution_id"] = made("/v1/institutions", institution)
        records["client_id"] = made("/v1/clients", client)
        ids = {"institution_id": records["institution_id"], "client_id": records["client_id"]}
        case = {"service_type": "dispute_guidance", **ids, "dispute_kind": "infringement", "ip_type": "patent"}
        records["case_id"] = made("/v1/cases", case)
        staff = {
            "name": "马晓东",
            "employment": "full_time",
            "education": "bachelor",
            "background": "ip",
            "duties": "咨询",
        }
        records["record_id"] = made("/v1/registries/staff", {"institution_id": ids["institution_id"], **staff})
        action = {"institution_id": ids["institution_id"], "problem": "咨询答复不及时"}
        records["action_id"] = made("/v1/corrective-actions", action)
    return records


def aim_at_the_records(case: Any) -> None:
    """Two in three valid ids named like a record become the record's (the same ones on every run)."""
    for values in (case.path_parameters, case.query, case.body):
        if isinstance(values, dict):
            for name, value in values.items():
                if name in SERVED.records and _two_in_three(value):
                    values[name] = SERVED.records[name]


def _two_in_three(value: object) -> bool:
    try:
        return isinstance(value, str) and UUID(value).int % 3 != 0
    except ValueError:
        return False


@pytest.fixture(scope="module", params=BACKENDS)
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with contextmanager(make_settings)(request.param, tmp_path_factory.mktemp(request.param)) as settings:
        store = Store(settings)
        try:
            SERVED.key = create_key(store.db, "admin", None)[1]
            SERVED.app = create_app(store=store, configure_logs=False)
            SERVED.records = make_records()  # the first request starts the app's lifespan, and its runner
            yield
        finally:
            asgi.shutdown_lifespans()
            SERVED.app, SERVED.records = None, {}
            store.close()


@schema.parametrize()
def test_no_answer_is_a_server_error_and_every_answer_is_documented(case: Any, served: None) -> None:
    aim_at_the_records(case)
    case.call_and_validate(headers={"Authorization": f"Bearer {SERVED.key}"})
