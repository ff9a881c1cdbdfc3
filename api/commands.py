"""The use cases that write: each loads, asks the domain, and saves, with idempotency and conflicts handled.

Runs in worker threads (eventsourcing is synchronous), but for the `_soon` variants of the common commands,
which run on the event loop when they need no read from the store. A write either lands with its idempotency key in
one transaction or not at all; a version conflict is retried on fresh state unless the client pinned the
version with If-Match, in which case it is a 412. The routes run a command changing a record in the record's
turn (api/write_queue), so what conflicts is another process's write (or a companion another record shares).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError

from api.access import Principal
from api.case_cache import CaseCache
from api.errors import (
    ApplicationError,
    Conflict,
    Forbidden,
    IdempotencyKeyReused,
    NotFound,
    PreconditionFailed,
    WriteOutcomeUnknown,
)
from domain.case import ServiceCase
from domain.errors import DomainError
from domain.parties import Client, Institution
from domain.provenance import Provenance
from infra.recorders import IdempotencyRecord, OutcomeUnknown
from infra.store import Store

MAX_ATTEMPTS = 8


@dataclass(frozen=True)
class Idempotency:
    key: str
    fingerprint: str  # method, path and body, hashed


@dataclass(frozen=True)
class CaseOpening:
    """Open a case: what a request asks, for `Commands.open_case` and `open_case_soon` alike."""

    who: Principal
    service_type: str
    institution_id: UUID
    client_id: UUID
    intake: dict[str, Any]
    meta: Provenance
    idem: Idempotency | None = None


@dataclass(frozen=True)
class StepRecording:
    """Record a step on a case: what a request asks, for `Commands.record_step` and `record_step_soon` alike."""

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
        self.cases = CaseCache(store.settings.case_cache_events)

    def register_institution(
        self, who: Principal, profile: dict[str, Any], meta: Provenance, idem: Idempotency | None
    ) -> WriteResult:
        return self.write(who, idem, None, lambda: [Institution.register(profile, meta)])

    def register_client(
        self, who: Principal, profile: dict[str, Any], meta: Provenance, idem: Idempotency | None
    ) -> WriteResult:
        return self.write(who, idem, None, lambda: [Client.register(profile, meta)])

    def open_case(self, asked: CaseOpening) -> WriteResult:
        def attempt() -> list[Aggregate]:
            institution = self.store.get(asked.institution_id, Institution)
            client = self.store.get(asked.client_id, Client)
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
            return [_open(asked, client)]

        return self.write(asked.who, asked.idem, None, attempt)

    def record_step(self, asked: StepRecording) -> WriteResult:
        def attempt(stored: bool) -> list[Aggregate]:
            case = self._case_to_change(asked.who, asked.case_id, stored)
            if asked.if_match is not None and case.version != asked.if_match:
                raise PreconditionFailed(
                    f"the case is at version {case.version}, not {asked.if_match}", current_version=case.version
                )
            companions = case.record_step(asked.step, asked.payload, asked.meta, load=self._load_any)
            return [case, *companions]

        return self.write(asked.who, asked.idem, asked.if_match, _refusing_only_on_stored_state(attempt))

    # On the event loop ---------------------------------------------------------------------------
    # The common commands, when all they read is in memory (a kept case; a registered institution and client)
    # and no idempotency key is to be looked up, run on the event loop and wait for the group-commit writer
    # without a worker thread. Anything else returns None, having saved nothing, and the caller runs the
    # thread-side command above: a refusal, a version conflict or a companion aggregate is always decided
    # there, on the stored state.

    async def open_case_soon(self, asked: CaseOpening) -> WriteResult | None:
        client = self.store.kept(asked.client_id, Client)
        if asked.idem is not None or not self.store.saves_soon or client is None:
            return None
        if self.store.kept(asked.institution_id, Institution) is None or not asked.who.sees(asked.institution_id):
            return None
        return await self._save_soon(_open(asked, client))

    async def record_step_soon(self, asked: StepRecording) -> WriteResult | None:
        if asked.idem is not None or not self.store.saves_soon:
            return None
        case = self.cases.take(asked.case_id)  # not put back unless saved: the stored case decides from here on
        if case is None or not asked.who.sees(case.institution_id) or asked.if_match not in (None, case.version):
            return None
        try:
            companions = case.record_step(asked.step, asked.payload, asked.meta, load=_not_in_memory)
        except (ApplicationError, DomainError, _NotInMemory):
            return None
        return await self._save_soon(case, *companions)

    async def _save_soon(self, *aggregates: Aggregate) -> WriteResult | None:
        try:
            position = await self.store.save_soon(*aggregates)
        except IntegrityError:
            return None
        except OutcomeUnknown:
            raise outcome_unknown(aggregates[0], None) from None
        if position is None:
            return None
        self._keep(aggregates)
        return WriteResult(aggregates[0].id, aggregates[0].version, position)

    def _keep(self, saved: Iterable[Aggregate]) -> None:
        for aggregate in saved:
            if isinstance(aggregate, ServiceCase):
                self.cases.keep(aggregate)

    # Either way -----------------------------------------------------------------------------------

    def load_case(self, who: Principal, case_id: UUID, version: int | None = None) -> ServiceCase:
        return _visible(who, case_id, self.store.get(case_id, ServiceCase, version=version))

    def find_case(self, who: Principal, case_id: UUID) -> ServiceCase | None:
        """The case, or None when it does not exist or is another institution's (the same to this key)."""
        case = self.store.get(case_id, ServiceCase)
        return case if case is not None and who.sees(case.institution_id) else None

    def _case_to_change(self, who: Principal, case_id: UUID, stored: bool) -> ServiceCase:
        """The case as this process last saved it, unless `stored` asks for the store's (see api/case_cache)."""
        kept = None if stored else self.cases.take(case_id)
        return self.load_case(who, case_id) if kept is None else _visible(who, case_id, kept)

    def _load_any(self, aggregate_id: UUID) -> Aggregate | None:
        return self.store.get(aggregate_id, Aggregate)

    def write(
        self,
        who: Principal,
        idem: Idempotency | None,
        if_match: int | None,
        attempt: Callable[[], list[Aggregate]],
    ) -> WriteResult:
        """Run `attempt` (the first aggregate it returns is the one answered for) and save what it changed,
        all at once; on a version conflict, run it again on fresh state."""
        if idem is not None and (earlier := self._replay(who, idem)) is not None:
            return earlier
        for _ in range(MAX_ATTEMPTS):
            aggregates = attempt()
            aggregate = aggregates[0]
            record = (
                IdempotencyRecord(who.key_id, idem.key, idem.fingerprint, str(aggregate.id), aggregate.version)
                if idem is not None
                else None
            )
            try:
                position = self.store.save(*aggregates, idempotency=record)
            except OutcomeUnknown:  # not retried: the write may have landed
                raise outcome_unknown(aggregate, idem) from None
            except IntegrityError:
                if idem is not None and (earlier := self._replay(who, idem)) is not None:
                    return earlier
                if if_match is not None:
                    raise PreconditionFailed("the record changed while this request was being handled") from None
                continue
            self._keep(aggregates)
            return WriteResult(aggregate.id, aggregate.version, position)
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


def _refusing_only_on_stored_state(attempt: Callable[[bool], list[Aggregate]]) -> Callable[[], list[Aggregate]]:
    """Run `attempt` on the kept case; a refusal is given only if the stored case refuses too (the kept one
    may be behind another process's writes). A success needs no such check: its save would conflict."""

    def run() -> list[Aggregate]:
        try:
            return attempt(False)
        except (ApplicationError, DomainError):
            return attempt(True)

    return run


def _open(asked: CaseOpening, client: Client) -> ServiceCase:
    return ServiceCase.open(
        asked.service_type, asked.institution_id, asked.client_id, asked.intake, asked.meta, client.profile
    )


class _NotInMemory(Exception):
    pass


def _not_in_memory(aggregate_id: UUID) -> Aggregate | None:
    raise _NotInMemory(aggregate_id)
