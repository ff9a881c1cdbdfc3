"""Provable histories over HTTP, on both stores: a supervisor reads a case's proof and takes its bundle away,
and the standalone verifier, copied to a directory outside the project, checks it with nothing of ipps; a change
made in the database afterwards turns the proof to `verified: false` with the reason."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from litestar.testing import TestClient

from api.app import create_app
from infra import ipps_verify
from infra.audit import make_checkpoint
from infra.settings import Settings
from infra.signing import Signer, init_key
from infra.store import Store
from tests.api.conftest import World, build_world


@pytest.fixture
def signed(settings: Settings, tmp_path: Path) -> Iterator[tuple[World, Signer]]:
    key_file = tmp_path / "keys" / "signing.key"
    store = Store(dataclasses.replace(settings, signing_key_file=key_file))
    try:
        with TestClient(create_app(store=store, run_projections=False, configure_logs=False)) as client:
            world = build_world(client, store)
            yield world, init_key(key_file)
    finally:
        store.close()


def a_case_with_steps(world: World) -> UUID:
    case_id = world.open_case()
    for step, payload in [
        ("routes_explained", {"recommended": "mediation"}),
        ("mediation_session", {"mediator": "王调解员", "outcome": "adjourned"}),
    ]:
        response = world.step(case_id, step, **payload)
        assert response.status_code == 201, response.text
    return case_id


def test_a_supervisor_proves_a_case_and_a_verifier_outside_the_project_checks_its_bundle(
    signed: tuple[World, Signer], tmp_path: Path
) -> None:
    world, signer = signed
    case_id = a_case_with_steps(world)
    assert world.client.get("/v1/checkpoints/latest", headers=world.headers("supervisor")).status_code == 404
    first = make_checkpoint(world.store, signer)
    latest = world.client.get("/v1/checkpoints/latest", headers=world.headers("supervisor")).json()
    assert latest["size"] == first.size
    assert latest["root"] == first.root
    key = world.client.get("/v1/signing-key", headers=world.headers("supervisor")).json()
    assert key == {"public_key": signer.public_key, "algorithm": "Ed25519"}

    proof = world.client.get(f"/v1/cases/{case_id}/proof", headers=world.headers("supervisor")).json()
    assert proof["verified"] is True, proof["findings"]
    assert [e["version"] for e in proof["events"]] == [1, 2, 3]
    assert all(e["inclusion"] is not None for e in proof["events"])

    response = world.client.get(f"/v1/cases/{case_id}/bundle", headers=world.headers("supervisor"))
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    elsewhere = tmp_path / "supervisor"
    elsewhere.mkdir()
    shutil.copy(Path(ipps_verify.__file__), elsewhere / "ipps_verify.py")
    (elsewhere / "bundle.json").write_bytes(response.content)
    # -I: the project is not on the path; the verifier has only itself and `cryptography`
    run = subprocess.run(  # noqa: S603 (our own interpreter and file)
        [sys.executable, "-I", "ipps_verify.py", "bundle.json", "--key", signer.public_key],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith(f"verified: case {case_id}, 3 events")

    later = world.step(case_id, "mediation_session", mediator="王调解员", outcome="adjourned")
    assert later.status_code == 201  # after the checkpoint: chained, not yet signed
    bundle = world.client.get(f"/v1/cases/{case_id}/bundle", headers=world.headers("supervisor")).json()
    assert ipps_verify.verify_bundle(bundle) == []
    assert ipps_verify.not_yet_signed(bundle) == [4]
    second = make_checkpoint(world.store, signer)
    grown = world.client.get(
        f"/v1/checkpoints/consistency?from={first.size}&to={second.size}", headers=world.headers("supervisor")
    ).json()
    proof_path = [bytes.fromhex(p) for p in grown["proof"]]
    roots = bytes.fromhex(first.root), bytes.fromhex(second.root)
    assert ipps_verify.verify_consistency(first.size, second.size, *roots, proof_path)
    listed = world.client.get("/v1/checkpoints", headers=world.headers("staff_b")).json()
    assert [c["size"] for c in listed] == [second.size, first.size]


def test_a_change_in_the_database_turns_the_proof_to_not_verified_with_the_reason(signed: tuple[World, Signer]) -> None:
    world, signer = signed
    case_id = a_case_with_steps(world)
    make_checkpoint(world.store, signer)
    store = world.store
    store.db.execute(
        f"UPDATE {store.events_table} SET state = :s WHERE originator_id = :id AND originator_version = 2",
        {"s": b'{"forged":true}', "id": store._id_param(case_id)},
    )
    proof = world.client.get(f"/v1/cases/{case_id}/proof", headers=world.headers("supervisor")).json()
    assert proof["verified"] is False
    assert any("v2" in finding and "hash" in finding for finding in proof["findings"])


def test_proofs_are_read_as_the_case_is(signed: tuple[World, Signer]) -> None:
    world, signer = signed
    case_id = a_case_with_steps(world)
    make_checkpoint(world.store, signer)
    for who, status in [("supervisor", 200), ("staff_a", 200), ("staff_b", 404), ("viewer", 403)]:
        for path in (f"/v1/cases/{case_id}/proof", f"/v1/cases/{case_id}/bundle"):
            response = world.client.get(path, headers=world.headers(who))
            assert response.status_code == status, (who, path, response.text)
    assert world.client.get(f"/v1/cases/{case_id}/proof").status_code == 401


def test_asking_for_what_is_not_there_is_a_clear_problem(signed: tuple[World, Signer]) -> None:
    world, signer = signed
    case_id = a_case_with_steps(world)
    answers: dict[str, Any] = {}
    answers["bundle before any checkpoint"] = world.client.get(
        f"/v1/cases/{case_id}/bundle", headers=world.headers("supervisor")
    )
    first = make_checkpoint(world.store, signer)
    answers["no such checkpoint"] = world.client.get(
        f"/v1/cases/{case_id}/proof?checkpoint={first.size + 7}", headers=world.headers("supervisor")
    )
    answers["from after to"] = world.client.get(
        f"/v1/checkpoints/consistency?from={first.size}&to=1", headers=world.headers("supervisor")
    )
    answers["unknown checkpoint"] = world.client.get(
        f"/v1/checkpoints/consistency?from=1&to={first.size}", headers=world.headers("supervisor")
    )
    statuses = {name: (r.status_code, r.headers["content-type"]) for name, r in answers.items()}
    assert statuses == {
        "bundle before any checkpoint": (404, "application/problem+json"),
        "no such checkpoint": (404, "application/problem+json"),
        "from after to": (400, "application/problem+json"),
        "unknown checkpoint": (404, "application/problem+json"),
    }
    assert json.loads(answers["from after to"].text)["detail"].startswith("`from`")
