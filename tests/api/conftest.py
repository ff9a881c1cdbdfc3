"""An API on each store, with institutions, a client and a key for every role."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from uuid import UUID

import msgspec
import pytest
from litestar.serialization import encode_json
from litestar.testing import TestClient

from api.app import create_app
from api.commands import Commands
from infra.keys import create_key
from infra.settings import Settings
from infra.store import Store


@dataclass
class World:
    client: TestClient[Any]
    store: Store
    institution_a: UUID
    institution_b: UUID
    client_id: UUID
    keys: dict[str, str] = field(default_factory=dict)

    def headers(self, who: str, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[who]}", **extra}

    def case_body(self, service_type: str = "dispute_guidance", **fields: Any) -> dict[str, Any]:
        """What opening a case of institution A for the world's client sends."""
        return {
            "service_type": service_type,
            "institution_id": str(fields.pop("institution_id", self.institution_a)),
            "client_id": str(self.client_id),
            **(
                {"dispute_kind": "infringement", "ip_type": "patent"}
                if service_type == "dispute_guidance"
                else {"ip_type": "patent"}
            ),
            **fields,
        }

    def open_case(self, who: str = "staff_a", service_type: str = "dispute_guidance", **fields: Any) -> UUID:
        response = self.client.post("/v1/cases", json=self.case_body(service_type, **fields), headers=self.headers(who))
        assert response.status_code == 201, response.text
        return UUID(response.json()["id"])

    def step(self, case_id: UUID, step: str, who: str = "staff_a", **payload: Any) -> Any:
        return self.client.post(f"/v1/cases/{case_id}/steps", json={"step": step, **payload}, headers=self.headers(who))


def published_document() -> dict[str, Any]:
    """/schema/openapi.json as the app serves it; it does not depend on the store, so no store is opened."""
    app = create_app(Settings(data_dir=Path("unused")), run_projections=False, configure_logs=False)
    document: dict[str, Any] = msgspec.json.decode(encode_json(app.openapi_schema.to_schema()))
    return document


@pytest.fixture
def api(store: Store) -> Iterator[TestClient[Any]]:
    app = create_app(store=store, configure_logs=False)
    with TestClient(app) as client:
        yield client


@pytest.fixture
def world(api: TestClient[Any], store: Store) -> World:
    return build_world(api, store)


def build_world(api: TestClient[Any], store: Store) -> World:
    """Institutions A and B, a client, and a key for every role (also for module-scoped worlds)."""
    _, admin = create_key(store.db, "admin", None)
    admin_headers = {"Authorization": f"Bearer {admin}"}

    def register(path: str, body: dict[str, Any]) -> UUID:
        response = api.post(path, json=body, headers=admin_headers)
        assert response.status_code == 201, response.text
        return UUID(response.json()["id"])

    inst_a = register("/v1/institutions", {"name": "西宁市知识产权保护中心", "kind": "protection_center"})
    inst_b = register("/v1/institutions", {"name": "城北区知识产权公共服务工作站", "kind": "workstation"})
    client_id = register(
        "/v1/clients",
        {
            "name": "青海盐湖新材料有限公司",
            "kind": "innovator",
            "innovator_kind": "enterprise",
            "enterprise_size": "small",
        },
    )
    world = World(api, store, inst_a, inst_b, client_id, {"admin": admin})
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


@pytest.fixture
def two_processes(settings: Settings) -> Iterator[tuple[Commands, Commands]]:
    """Two `Commands` over two stores on one database: two API processes, each keeping its own cases."""
    first, second = Store(settings), Store(settings)
    try:
        yield Commands(first), Commands(second)
    finally:
        first.close()
        second.close()
