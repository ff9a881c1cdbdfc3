"""Events rendered from their stored JSON say what the domain events say; rendered histories are cached
but never stale, never gapped, never duplicated, and the cache keeps to its budget."""

from __future__ import annotations

import threading
from typing import Any
from uuid import UUID, uuid4

import msgspec
from eventsourcing.domain import DomainEvent

from api.demo import load_demo
from api.event_rendering import HistoryCache, read_history, render
from api.presenters import SHANGHAI
from domain.catalogue import service_type
from infra.settings import Settings
from infra.store import Store
from tests.api.conftest import World

METADATA = {"timestamp", "effective_at", "actor", "clause", "correlation_id", "causation_id", "originator_topic"}


def expected_wire(position: int, event: DomainEvent) -> dict[str, Any]:
    """The wire form worked out from the decoded domain event, independently of the renderer."""
    fields = dict(vars(event))
    aggregate_id, version = fields.pop("originator_id"), fields.pop("originator_version")
    aggregate, event_name = type(event).__qualname__.split(".")
    step = fields.pop("step", None)
    actor = fields["actor"]
    step_name = service_type(fields["service_type"]).step(step).name if step else None
    wire: dict[str, Any] = msgspec.to_builtins(
        {
            "position": position,
            "aggregate_id": aggregate_id,
            "aggregate_type": {"ServiceCase": "case", "ClientIpLedger": "client_ip_ledger"}.get(aggregate)
            or aggregate.lower(),
            "version": version,
            "event": {"StepRecorded": "step_recorded", "EvaluationFollowedUp": "evaluation_followed_up"}.get(event_name)
            or event_name.lower(),
            "clause": fields["clause"],
            "actor": {
                "principal_id": actor.principal_id,
                "role": actor.role,
                "institution_id": actor.institution_id,
            },
            "recorded_at": event.timestamp.astimezone(SHANGHAI),
            "effective_at": fields["effective_at"].astimezone(SHANGHAI),
            "correlation_id": fields["correlation_id"],
            "causation_id": fields["causation_id"],
            "step": step,
            "step_name": step_name,
            "data": {k: v for k, v in fields.items() if k not in METADATA},
        }
    )
    return wire


def test_every_demo_event_renders_as_its_domain_event_says(store: Store) -> None:
    load_demo(store, seed=3, institutions=2, clients=8, cases=30)
    domain = store.feed(0, 1_000_000)
    raw = store.raw_feed(0, 1_000_000)
    assert [r.position for r in raw] == [p.position for p in domain]
    cases = 0
    for positioned, stored in zip(domain, raw, strict=True):
        wire = msgspec.to_builtins(render(stored))
        if type(positioned.event).__qualname__.startswith("ServiceCase."):
            cases += 1
            assert wire == expected_wire(positioned.position, positioned.event)
        else:  # other aggregates: same metadata, same data, whatever the class naming
            expected = expected_wire_metadata(positioned.position, positioned.event)
            assert {k: wire[k] for k in expected} == expected
    assert cases > 100


def expected_wire_metadata(position: int, event: DomainEvent) -> dict[str, Any]:
    fields = dict(vars(event))
    wire: dict[str, Any] = msgspec.to_builtins(
        {
            "position": position,
            "aggregate_id": event.originator_id,
            "version": event.originator_version,
            "clause": fields["clause"],
            "recorded_at": event.timestamp.astimezone(SHANGHAI),
            "effective_at": fields["effective_at"].astimezone(SHANGHAI),
            "data": {
                k: v
                for k, v in fields.items()
                if k not in METADATA and k not in {"originator_id", "originator_version", "step"}
            },
        }
    )
    return wire


def step_names(world: World, case_id: UUID) -> list[str | None]:
    body = world.client.get(f"/v1/cases/{case_id}/history", headers=world.headers("supervisor")).json()
    assert body["version"] == len(body["events"])
    assert [e["version"] for e in body["events"]] == list(range(1, len(body["events"]) + 1))
    return [e["step"] for e in body["events"]]


def test_a_history_read_again_after_new_steps_holds_them_in_order(world: World) -> None:
    case_id = world.open_case(service_type="rights_assistance")
    assert step_names(world, case_id) == [None]
    assert world.step(case_id, "need_collected", description="商标被抢注").status_code == 201
    assert step_names(world, case_id) == [None, "need_collected"]
    assert step_names(world, case_id) == [None, "need_collected"]
    for n in range(3):
        assert world.step(case_id, "guidance_given", kind="evidence_collection", content=f"第{n}次").status_code == 201
    assert step_names(world, case_id) == [None, "need_collected", *["guidance_given"] * 3]


def test_the_cached_history_is_the_freshly_rendered_one(store: Store) -> None:
    load_demo(store, seed=5, institutions=1, clients=4, cases=6)
    case_id = next(r.aggregate_id for r in store.raw_feed(0, 1_000) if r.topic.endswith("ServiceCase.Opened"))
    cache = HistoryCache()
    first = read_history(store, cache, case_id)
    again = read_history(store, cache, case_id)
    assert [bytes(e) for e in again] == [bytes(e) for e in first]
    assert [bytes(e) for e in first] == [msgspec.json.encode(render(r)) for r in store.raw_history(case_id)]
    assert cache.size_bytes == sum(len(e) for e in first)


def raw(text: str) -> msgspec.Raw:
    return msgspec.Raw(text.encode())


def test_a_stale_extension_is_not_stored() -> None:
    cache, case = HistoryCache(), uuid4()
    cache.extend(case, 0, [raw("1"), raw("2")])
    cache.extend(case, 0, [raw("1"), raw("2")])  # a reader that raced the first one
    cache.extend(case, 1, [raw("2")])  # one that read an older copy
    assert [bytes(e) for e in cache.get(case)] == [b"1", b"2"]
    cache.extend(case, 2, [raw("3")])
    assert [bytes(e) for e in cache.get(case)] == [b"1", b"2", b"3"]


def test_the_least_recently_read_history_goes_first_past_the_budget() -> None:
    cache = HistoryCache(budget_bytes=10)
    older, newer, newest = uuid4(), uuid4(), uuid4()
    cache.extend(older, 0, [raw("aaaa")])
    cache.extend(newer, 0, [raw("bbbb")])
    assert cache.get(older)  # read: now the most recent
    cache.extend(newest, 0, [raw("cccc")])
    assert cache.get(newer) == ()
    assert [bytes(e) for e in cache.get(older)] == [b"aaaa"]
    assert cache.size_bytes == 8


def test_racing_readers_leave_one_whole_history(store: Store) -> None:
    load_demo(store, seed=5, institutions=1, clients=4, cases=6)
    case_id: UUID = next(r.aggregate_id for r in store.raw_feed(0, 1_000) if r.topic.endswith("Opened"))
    expected = [msgspec.json.encode(render(r)) for r in store.raw_history(case_id)]
    cache = HistoryCache()
    results: list[list[bytes]] = []
    barrier = threading.Barrier(6)

    def reader() -> None:
        barrier.wait()
        results.append([bytes(e) for e in read_history(store, cache, case_id)])

    threads = [threading.Thread(target=reader) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 6
    assert [bytes(e) for e in cache.get(case_id)] == expected


def test_a_zero_budget_keeps_nothing_and_still_answers_whole(store: Store) -> None:
    load_demo(store, seed=5, institutions=1, clients=4, cases=6)
    case_id = next(r.aggregate_id for r in store.raw_feed(0, 1_000) if r.topic.endswith("ServiceCase.Opened"))
    cache = HistoryCache(budget_bytes=0)
    expected = [msgspec.json.encode(render(r)) for r in store.raw_history(case_id)]
    assert [bytes(e) for e in read_history(store, cache, case_id)] == expected
    assert cache.get(case_id) == ()
    assert cache.size_bytes == 0


def test_the_budget_is_a_setting() -> None:
    assert Settings.from_env({"IPPS_HISTORY_CACHE_MB": "0"}).history_cache_mb == 0
    assert Settings.from_env({}).history_cache_mb == 32
