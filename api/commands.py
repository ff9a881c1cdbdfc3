"""The use cases that write, one path for all: read what the command needs, let the domain decide, append.

A command runs on the event loop: what it reads comes from memory where the store keeps it (the case this
process saved last, a registered institution or client) and from a worker thread otherwise; the domain decides
on the loop; `Store.append` answers what became of the write. A write either lands with its idempotency key in
one transaction or not at all; a version conflict is decided again on fresh state unless the client pinned the
version with If-Match, in which case it is a 412. A command changing a record runs in the record's turn
(api/write_queue), so what conflicts is another process's write (or a companion another record shares).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import structlog
from eventsourcing.domain import Aggregate

from api.access import Principal
from api.errors import (
    ApplicationError,
    Conflict,
    Forbidden,
    IdempotencyKeyReused,
    NotFound,
    PreconditionFailed,
    StoreBusy,
    WriteOutcomeUnknown,
)
from api.write_queue import WriteQueue
from domain.case import ServiceCase
from domain.errors import DomainError
from domain.parties import Client, Institution
from domain.provenance import Provenance
from infra import store as outcome
from infra.recorders import IdempotencyRecord
from infra.store import Store

log = structlog.get_logger("ipps.commands")
MAX_ATTEMPTS = 8

Decide = Callable[[bool], Awaitable[list[Aggregate]]]
"""Read what a command needs (the stored state when given True, else what memory keeps) and decide it: the
aggregates it changed, the one answered for first; or a refusal (an ApplicationError or a DomainError)."""


@dataclass(frozen=True)
class Idempotency:
    key: str
    fingerprint: str  # method, path and body, hashed


@dataclass(frozen=True)
class CaseOpening:
    who: Principal
    service_type: str
    institution_id: UUID
    client_id: UUID
    intake: dict[str, Any]
    meta: Provenance
    idem: Idempotency | None = None


@dataclass(frozen=True)
class StepRecording:
    who: Principal
    case_id: UUID
    step: str
    payload: dict[str, Any]
    meta: Provenance
    if_match: int | None = None
    idem: Idempotency | None = None


@dataclass(frozen=True)
class WriteResult:
    id: UUID
    version: int
    position: int
    replayed: bool = False


class Commands:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.turns = WriteQueue()  # a command changing a record waits for its turn

    async def register_institution(
        self, who: Principal, profile: dict[str, Any], meta: Provenance, idem: Idempotency | None
    ) -> WriteResult:
        async def decide(stored: bool) -> list[Aggregate]:
            return [Institution.register(profile, meta)]

        return await self.write(who, idem, None, decide)

    async def register_client(
        self, who: Principal, profile: dict[str, Any], meta: Provenance, idem: Idempotency | None
    ) -> WriteResult:
        async def decide(stored: bool) -> list[Aggregate]:
            return [Client.register(profile, meta)]

        return await self.write(who, idem, None, decide)

    async def open_case(self, asked: CaseOpening) -> WriteResult:
        async def decide(stored: bool) -> list[Aggregate]:
            institution = await self.store.to_change(asked.institution_id, Institution)
            client = await self.store.to_change(asked.client_id, Client)
            missing = [
                (field, f"{name} {record_id} does not exist")
                for field, name, record_id, found in (
                    ("institution_id", "institution", asked.institution_id, institution),
                    ("client_id", "client", asked.client_id, client),
                )
                if found is None
            ]
            if missing or client is None:
                raise missing_references(missing)
            if not asked.who.sees(asked.institution_id):
                raise Forbidden("this key may open cases only for its own institution")
            opened = ServiceCase.open(
                asked.service_type, asked.institution_id, asked.client_id, asked.intake, asked.meta, client.profile
            )
            return [opened]

        return await self.write(asked.who, asked.idem, None, decide)

    async def record_step(self, asked: StepRecording) -> WriteResult:
        async def decide(stored: bool) -> list[Aggregate]:
            case = await self.case_to_change(asked.who, asked.case_id, stored)
            if asked.if_match is not None and case.version != asked.if_match:
                raise PreconditionFailed(
                    f"the case is at version {case.version}, not {asked.if_match}", current_version=case.version
                )
            companion_id = case.companion_id(asked.step, asked.payload)
            companion = None if companion_id is None else await self.store.to_change(companion_id, Aggregate)
            companions = case.record_step(asked.step, asked.payload, asked.meta, load=lambda _: companion)
            return [case, *companions]

        return await self.write(asked.who, asked.idem, asked.if_match, decide, turn_of=asked.case_id)

    async def case_to_change(self, who: Principal, case_id: UUID, stored: bool) -> ServiceCase:
        return _visible(who, case_id, await self.store.to_change(case_id, ServiceCase, stored))

    def load_case(self, who: Principal, case_id: UUID, version: int | None = None) -> ServiceCase:
        return _visible(who, case_id, self.store.get(case_id, ServiceCase, version=version))

    def find_case(self, who: Principal, case_id: UUID) -> ServiceCase | None:
        """The case, or None when it does not exist or is another institution's (the same to this key)."""
        case = self.store.get(case_id, ServiceCase)
        return case if case is not None and who.sees(case.institution_id) else None

    async def write(
        self,
        who: Principal,
        idem: Idempotency | None,
        if_match: int | None,
        decide: Decide,
        turn_of: UUID | None = None,
    ) -> WriteResult:
        """Decide the command and append what it changed, all at once; on a version conflict, decide it again
        on fresh state. With `turn_of`, in that record's turn."""
        if turn_of is None:
            return await self._write(who, idem, if_match, decide)
        async with self.turns.turn(turn_of):
            return await self._write(who, idem, if_match, decide)

    async def _write(
        self, who: Principal, idem: Idempotency | None, if_match: int | None, decide: Decide
    ) -> WriteResult:
        if idem is not None and (earlier := await self.store.run(self._replay, who, idem)) is not None:
            return earlier
        for _ in range(MAX_ATTEMPTS):
            aggregates = await _decided(decide)
            aggregate = aggregates[0]
            record = (
                IdempotencyRecord(who.key_id, idem.key, idem.fingerprint, str(aggregate.id), aggregate.version)
                if idem is not None
                else None
            )
            match await self.store.append(*aggregates, idempotency=record):
                case outcome.Saved(position):
                    return WriteResult(aggregate.id, aggregate.version, position)
                case outcome.Conflict():
                    if idem is not None and (earlier := await self.store.run(self._replay, who, idem)) is not None:
                        return earlier
                    if if_match is not None:
                        raise PreconditionFailed("the record changed while this request was being handled")
                case outcome.NotWritten(reason):
                    log.warning("store_busy", error=reason)
                    raise StoreBusy()
                case outcome.OutcomeUnknown():  # not decided again: the write may have landed
                    raise outcome_unknown(aggregate, idem)
        raise Conflict("too many concurrent writers on this record; try again")

    def _replay(self, who: Principal, idem: Idempotency) -> WriteResult | None:
        stored = self.store.find_key(who.key_id, idem.key)
        if stored is None:
            return None
        if stored.fingerprint != idem.fingerprint:
            raise IdempotencyKeyReused(
                "this Idempotency-Key was used for a different request; use a new key for a new request"
            )
        position = self.store.last_position_of_write(stored.aggregate_id, stored.version)
        return WriteResult(stored.aggregate_id, stored.version, position, replayed=True)


async def _decided(decide: Decide) -> list[Aggregate]:
    """Decide on what memory keeps; a refusal is given only if the stored state refuses too (a kept case may be
    behind another process's writes). A success needs no such check: its append would conflict."""
    try:
        return await decide(False)
    except (ApplicationError, DomainError):
        return await decide(True)


def outcome_unknown(aggregate: Aggregate, idem: Idempotency | None) -> WriteOutcomeUnknown:
    then = (
        "retry with the same Idempotency-Key: the write is then made once, or answered as it was made"
        if idem is not None
        else f"read record {aggregate.id}: if it is at version {aggregate.version} or later, this write (or another"
        " after it) was recorded; send an Idempotency-Key to make such retries safe"
    )
    return WriteOutcomeUnknown(
        f"the store did not confirm this write; it may have been recorded — {then}",
        record_id=str(aggregate.id),
        record_version=aggregate.version,
    )


def missing_references(errors: list[tuple[str, str]]) -> NotFound:
    """One 404 naming every id of a command that names no record the key may see (field, message each)."""
    return NotFound("; ".join(message for _, message in errors), errors=errors)


def _visible(who: Principal, case_id: UUID, case: ServiceCase | None) -> ServiceCase:
    # Another institution's case is as good as absent: its existence is confidential.
    if case is None or not who.sees(case.institution_id):
        raise NotFound(f"case {case_id} does not exist")
    return case
