"""Fuzzing the API as served (schemathesis, in process), on each store: no answer is a server error, and every
answer is one the OpenAPI document promises — its status code, content type, headers and body schema.

Every operation of /schema/openapi.json runs the phases that apply to one operation: its documented examples,
the coverage phase (the boundaries of every parameter and body field and the values just past them: an offset
past its maximum, a missing or mistyped field, an undeclared method, which must answer 405 with `Allow`) and a
bounded number of generated requests. A request that succeeded is sent again without the key, and must be
refused. Generation is derandomized: a failure shows the same request on every run.

Two checks of schemathesis are left out, as they judge what the API accepts rather than what it answers: that
every schema-valid request is accepted (a step's fields depend on the step named; an institution or a client
named must exist) and that every schema-violating one is refused (unknown query parameters are ignored, as most
HTTP APIs do; a datetime may be given as a Unix time). What the document cannot say — that a NUL or an integer
past 2^63 - 1 in any parameter is refused — tests/api/test_parameter_limits.py checks parameter by parameter.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import schemathesis
from litestar import Litestar
from litestar.types import Receive, Scope, Send
from schemathesis.config import SchemathesisConfig
from schemathesis.python import asgi

from api.app import create_app
from infra.keys import create_key
from infra.store import Store
from tests.api.conftest import published_document
from tests.conftest import BACKENDS, make_settings

GENERATED_PER_OPERATION = 150
"""Generated requests per operation, beside its examples and coverage cases: the module runs in about a minute."""

CONFIG = {
    "generation": {
        "max-examples": GENERATED_PER_OPERATION,
        "deterministic": False,
        "database": "none",
        "with-security-parameters": False,  # the admin key goes on every request; the check of auth sends none
    },
    "checks": {"positive_data_acceptance": {"enabled": False}, "negative_data_rejection": {"enabled": False}},
}


class AppUnderTest:
    """The app on the store being fuzzed, and its admin key. Schemathesis binds its schema to one ASGI app when
    the tests are collected, before any store exists: this stands for the app that the fixture makes."""

    def __init__(self) -> None:
        self.app: Litestar | None = None
        self.key = ""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        assert self.app is not None, "the `served` fixture makes the app"
        await self.app(scope, receive, send)


SERVED = AppUnderTest()
schema = schemathesis.openapi.from_dict(published_document(), config=SchemathesisConfig.from_dict(CONFIG))
schema.app = SERVED


@pytest.fixture(scope="module", params=BACKENDS)
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with contextmanager(make_settings)(request.param, tmp_path_factory.mktemp(request.param)) as settings:
        store = Store(settings)
        try:
            SERVED.key = create_key(store.db, "admin", None)[1]
            SERVED.app = create_app(store=store, configure_logs=False)
            yield  # schemathesis starts the app's lifespan (and its projection runner) with the first request
        finally:
            asgi.shutdown_lifespans()
            SERVED.app = None
            store.close()


@schema.parametrize()
def test_no_answer_is_a_server_error_and_every_answer_is_documented(case: Any, served: None) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {SERVED.key}"})
