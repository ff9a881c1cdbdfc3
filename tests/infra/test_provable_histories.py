"""Issue 14's tamper table, on both stores (and on PostgreSQL's two write paths): every change a rogue
administrator makes directly in the database is found by the store check, by a case's proof and by the
standalone verifier on a bundle; an untouched store of the demo data raises no alarm, before and after a
rebuild."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from api.demo import load_demo
from infra import ipps_verify
from infra.audit import bundle, case_proof, consistency_proof, make_checkpoint, verify_store
from infra.chain import backfill_chain
from infra.ipps_verify import event_hash, verify_bundle, verify_consistency
from infra.signing import Signer, init_key
from infra.store import Store
from projections.runner import Runner
from tests.conftest import make_settings


@pytest.fixture(params=["sqlite", "postgres", "postgres-without-group-commit"])
def audited(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Store, Signer]]:
    backend = request.param.split("-")[0]
    for settings in make_settings(backend, tmp_path):
        if request.param.endswith("without-group-commit"):
            settings = dataclasses.replace(settings, group_commit=False)
        store = Store(settings)
        try:
            load_demo(store, institutions=2, clients=8, cases=25)
            yield store, init_key(tmp_path / "signing.key")
        finally:
            store.close()


def events_table(store: Store) -> tuple[str, str]:
    return store.events_table, store.position_column


def a_case(store: Store, at_least: int = 4) -> UUID:
    table, _ = events_table(store)
    rows = store.db.query(
        f"SELECT originator_id AS id, COUNT(*) AS n FROM {table} GROUP BY originator_id HAVING COUNT(*) >= :n"
        " ORDER BY originator_id LIMIT 1",
        {"n": at_least},
    )
    value = rows[0]["id"]
    return value if isinstance(value, UUID) else UUID(value)


def event_row(store: Store, case_id: UUID, version: int) -> dict[str, Any]:
    table, pos = events_table(store)
    (row,) = store.db.query(
        f"SELECT {pos} AS position, topic, state FROM {table} WHERE originator_id = :id AND originator_version = :v",
        {"id": store._id_param(case_id), "v": version},
    )
    return row


def set_state(store: Store, case_id: UUID, version: int, state: bytes) -> None:
    table, _ = events_table(store)
    store.db.execute(
        f"UPDATE {table} SET state = :state WHERE originator_id = :id AND originator_version = :v",
        {"state": state, "id": store._id_param(case_id), "v": version},
    )


def delete_event(store: Store, case_id: UUID, version: int, with_chain_row: bool = True) -> None:
    table, pos = events_table(store)
    position = event_row(store, case_id, version)["position"]
    store.db.execute(f"DELETE FROM {table} WHERE {pos} = :p", {"p": position})
    if with_chain_row:
        store.db.execute("DELETE FROM event_chain WHERE position = :p", {"p": position})


def last_version(store: Store, case_id: UUID) -> int:
    table, _ = events_table(store)
    rows = store.db.query(
        f"SELECT MAX(originator_version) AS v FROM {table} WHERE originator_id = :id", {"id": store._id_param(case_id)}
    )
    return int(rows[0]["v"])


# The tampering, as a rogue administrator does it: straight in the database.


def flip_a_payload_byte(store: Store, case_id: UUID) -> None:
    """One bit of a letter in the payload's text, the JSON still well-formed (a changed digit or letter)."""
    state = bytearray(event_row(store, case_id, 2)["state"])
    at = next(i for i in range(len(state) // 2, len(state)) if chr(state[i]).isalnum())
    state[at] ^= 0x01
    set_state(store, case_id, 2, bytes(state))


def change_metadata(field: str, value: Any) -> Callable[[Store, UUID], None]:
    def change(store: Store, case_id: UUID) -> None:
        fields = json.loads(bytes(event_row(store, case_id, 2)["state"]))
        fields[field] = value
        set_state(store, case_id, 2, json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode())

    return change


def delete_a_middle_event(store: Store, case_id: UUID) -> None:
    delete_event(store, case_id, 2)


def delete_the_last_event(store: Store, case_id: UUID) -> None:
    delete_event(store, case_id, last_version(store, case_id))


def swap_two_events(store: Store, case_id: UUID) -> None:
    second, third = event_row(store, case_id, 2)["state"], event_row(store, case_id, 3)["state"]
    set_state(store, case_id, 2, bytes(third))
    set_state(store, case_id, 3, bytes(second))


def insert_an_event_with_a_forged_hash(store: Store, case_id: UUID) -> None:
    table, pos = events_table(store)
    version = last_version(store, case_id) + 1
    row = event_row(store, case_id, version - 1)
    store.db.execute(
        f"INSERT INTO {table} (originator_id, originator_version, topic, state) VALUES (:id, :v, :topic, :state)",
        {"id": store._id_param(case_id), "v": version, "topic": row["topic"], "state": bytes(row["state"])},
    )
    (new,) = store.db.query(f"SELECT MAX({pos}) AS p FROM {table}")
    (leaf,) = store.db.query("SELECT MAX(leaf) + 1 AS n FROM event_chain")
    store.db.execute(
        "INSERT INTO event_chain (leaf, position, originator_id, originator_version, hash)"
        " VALUES (:l, :p, :id, :v, :h)",
        {"l": leaf["n"], "p": new["p"], "id": str(case_id), "v": version, "h": hashlib.sha256(b"forged").hexdigest()},
    )


def recompute_a_whole_chain_after_a_change(store: Store, case_id: UUID) -> None:
    """The payload changed and every hash of the case recomputed as ipps would: only the signature tells."""
    fields = json.loads(bytes(event_row(store, case_id, 2)["state"]))
    fields["effective_at"] = "2020-01-01T00:00:00+00:00"
    set_state(store, case_id, 2, json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode())
    previous = ipps_verify.NO_PREVIOUS
    for version in range(1, last_version(store, case_id) + 1):
        row = event_row(store, case_id, version)
        previous = event_hash(case_id, version, row["topic"], bytes(row["state"]), previous)
        store.db.execute(
            "UPDATE event_chain SET hash = :h WHERE position = :p", {"h": previous.hex(), "p": row["position"]}
        )


def truncate_the_log(store: Store, case_id: UUID) -> None:
    table, pos = events_table(store)
    (last,) = store.db.query(f"SELECT MAX({pos}) AS p FROM {table}")
    store.db.execute(f"DELETE FROM {table} WHERE {pos} > :p", {"p": int(last["p"]) - 3})
    store.db.execute("DELETE FROM event_chain WHERE position > :p", {"p": int(last["p"]) - 3})


def edit_a_checkpoint(store: Store, case_id: UUID) -> None:
    store.db.execute("UPDATE checkpoints SET made_at = '2030-01-01T00:00:00+00:00'")


TAMPERING = {
    "one byte of a payload flipped": flip_a_payload_byte,
    "the actor changed": change_metadata("actor", {"key_id": "rogue", "role": "admin", "institution_id": None}),
    "effective_at changed": change_metadata("effective_at", "2020-01-01T00:00:00+00:00"),
    "an event deleted from the middle of a case": delete_a_middle_event,
    "the last event of a case deleted": delete_the_last_event,
    "two events swapped": swap_two_events,
    "an event inserted with a forged hash": insert_an_event_with_a_forged_hash,
    "a whole case's chain recomputed after a change": recompute_a_whole_chain_after_a_change,
    "the log truncated": truncate_the_log,
    "a checkpoint row edited": edit_a_checkpoint,
}
# The bundle a supervisor took before the tampering cannot show it: a bundle made after it can, except where the
# change removed the case's last events from the store (the proof then has nothing left to prove).
CASE_SEES = set(TAMPERING) - {"the log truncated"}


def rendered(store: Store, case_id: UUID) -> list[dict[str, Any]]:
    return [{"version": e.version, "topic": e.topic} for e in store.raw_history(case_id)]


def test_flip_keeps_the_json_readable_so_only_the_hash_can_tell(audited: tuple[Store, Signer]) -> None:
    store, _ = audited
    case_id = a_case(store)
    before = bytes(event_row(store, case_id, 2)["state"])
    flip_a_payload_byte(store, case_id)
    after = bytes(event_row(store, case_id, 2)["state"])
    assert sum(a != b for a, b in zip(before, after, strict=True)) == 1
    json.loads(after)


def test_an_untouched_store_raises_no_alarm_and_its_bundles_verify(
    audited: tuple[Store, Signer], tmp_path: Path
) -> None:
    store, signer = audited
    first = make_checkpoint(store, signer)
    report = verify_store(store)
    assert report.findings == []
    assert report.events == store.max_position()
    assert report.checkpoints == 1
    case_id = a_case(store)
    proof = case_proof(store, case_id)
    assert proof is not None
    assert proof.verified, proof.findings
    made = bundle(store, case_id, rendered(store, case_id))
    assert made is not None
    assert verify_bundle(made) == []
    assert verify_bundle(made, base64.b64decode(signer.public_key)) == []
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(made))
    assert ipps_verify.main([str(path), "--key", signer.public_key]) == 0
    Runner(store).catch_up()
    Runner(store).rebuild("service_ledger")  # a rebuild of the read models touches nothing of the log
    load_demo(store, institutions=1, clients=2, cases=3, seed=5)  # the log grows: a second checkpoint
    second = make_checkpoint(store, signer)
    assert second.size > first.size
    assert verify_store(store).findings == []
    grown = consistency_proof(store.db, first.size, second.size)
    roots = bytes.fromhex(first.root), bytes.fromhex(second.root)
    assert verify_consistency(first.size, second.size, *roots, [bytes.fromhex(p) for p in grown])


@pytest.mark.parametrize("tampering", list(TAMPERING))
def test_every_tampering_is_found(audited: tuple[Store, Signer], tampering: str) -> None:
    store, signer = audited
    make_checkpoint(store, signer)
    case_id = a_case(store)
    TAMPERING[tampering](store, case_id)
    report = verify_store(store)
    assert report.findings, f"{tampering}: not found by the store check"
    if tampering == "the log truncated":
        with pytest.raises(LookupError, match="fewer than"):
            make_checkpoint(store, signer)  # a shorter log is not signed over the longer one
    if tampering in CASE_SEES:
        proof = case_proof(store, case_id)
        assert proof is not None
        assert not proof.verified, f"{tampering}: not found by the case's proof"
        made = bundle(store, case_id, rendered(store, case_id))
        assert made is not None
        assert verify_bundle(made), f"{tampering}: not found by the standalone verifier"


def test_a_bundle_changed_after_it_was_made_fails_the_standalone_verifier(audited: tuple[Store, Signer]) -> None:
    store, signer = audited
    make_checkpoint(store, signer)
    case_id = a_case(store)
    made = bundle(store, case_id, rendered(store, case_id))
    assert made is not None
    assert verify_bundle(made) == []
    state = bytearray(base64.b64decode(made["events"][1]["state"]))
    state[5] ^= 0x20
    changed = {
        **made,
        "events": [
            made["events"][0],
            {**made["events"][1], "state": base64.b64encode(state).decode()},
            *made["events"][2:],
        ],
    }
    assert verify_bundle(changed)
    dropped = {**made, "events": [made["events"][0], *made["events"][2:]]}
    assert verify_bundle(dropped)
    assert verify_bundle(made, b"\x00" * 32) == ["the bundle's public key is not the key you trust"]


def test_a_store_made_before_chains_is_chained_when_opened_and_only_once(audited: tuple[Store, Signer]) -> None:
    store, signer = audited
    before = store.db.query("SELECT * FROM event_chain ORDER BY leaf")
    store.db.execute("DELETE FROM event_chain WHERE leaf >= :half", {"half": len(before) // 2})
    store.db.execute("DELETE FROM merkle_nodes")
    reopened = Store(store.settings)  # as `ipps serve` opens it: the missing chain rows are made first
    try:
        assert reopened.db.query("SELECT * FROM event_chain ORDER BY leaf") == before
        store.db.execute("DELETE FROM event_chain")
        again = Store(store.settings)
        again.close()
        assert store.db.query("SELECT * FROM event_chain ORDER BY leaf") == before
        assert backfill_chain(store.db, store.events_table, store.position_column, store.dialect) == 0
        make_checkpoint(reopened, signer)
        assert verify_store(reopened).findings == []
    finally:
        reopened.close()


def test_a_chain_row_deleted_in_between_is_not_made_again_on_opening(audited: tuple[Store, Signer]) -> None:
    store, signer = audited
    make_checkpoint(store, signer)
    (middle,) = store.db.query(
        "SELECT leaf, position FROM event_chain WHERE leaf = (SELECT MAX(leaf) / 2 FROM event_chain)"
    )
    store.db.execute("DELETE FROM event_chain WHERE leaf = :leaf", {"leaf": middle["leaf"]})
    Store(store.settings).close()  # opening it again does not chain that event anew
    assert backfill_chain(store.db, store.events_table, store.position_column, store.dialect) == 0
    assert not store.db.query("SELECT 1 AS there FROM event_chain WHERE position = :p", {"p": middle["position"]})
    assert any("has no chain row" in finding for finding in verify_store(store).findings)
