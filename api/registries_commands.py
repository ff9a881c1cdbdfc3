"""The use cases that write the registries of clause 6, through `Commands.write` (idempotency, conflicts, turns).

Scope: a record of an institution is managed by that institution's keys (and admin); a city-wide record
(no institution) by admin alone. Registries are read city-wide, so another institution's record is 403 to
write, not 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from api.access import Principal
from api.commands import Commands, Idempotency, WriteResult
from api.errors import Forbidden, NotFound, PreconditionFailed, PreconditionRequired
from domain.parties import Institution
from domain.provenance import Provenance
from domain.registries import RegistryKind, RegistryRecord, kind_spec


class RegistryCommands:
    def __init__(self, commands: Commands) -> None:
        self.commands = commands
        self.store = commands.store

    async def register(
        self,
        who: Principal,
        kind: RegistryKind,
        institution_id: UUID | None,
        profile: dict[str, Any],
        meta: Provenance,
        idem: Idempotency | None,
    ) -> WriteResult:
        async def decide(stored: bool) -> list[Aggregate]:
            if institution_id is not None and await self.store.to_change(institution_id, Institution) is None:
                raise NotFound(f"institution {institution_id} does not exist", field="institution_id")
            if institution_id is not None or not kind_spec(kind).institution_required:
                _may_manage(who, kind, institution_id)  # else the domain names the missing institution_id
            return [RegistryRecord.register(kind, institution_id, profile, meta)]

        return await self.commands.write(who, idem, None, decide)

    async def revise(
        self,
        who: Principal,
        kind: RegistryKind,
        record_id: UUID,
        profile: dict[str, Any],
        meta: Provenance,
        if_match: int | None,
        idem: Idempotency | None,
    ) -> WriteResult:
        async def decide(stored: bool) -> list[Aggregate]:
            record = await self.store.run(self._for_writing, who, kind, record_id, if_match)
            record.revise(profile, meta)  # the domain's refusals (retired, invalid) come first
            if if_match is None:  # a whole-profile replacement must name the version it replaces
                raise PreconditionRequired(
                    f'send If-Match with the version you read (now "{record.version - 1}")',
                    current_version=record.version - 1,
                )
            return [record]

        return await self.commands.write(who, idem, if_match, decide, turn_of=record_id)

    async def change(
        self,
        who: Principal,
        record_id: UUID,
        kind: RegistryKind,
        change: Callable[[RegistryRecord], None],
        if_match: int | None,
        idem: Idempotency | None,
    ) -> WriteResult:
        """A retirement, a training …: `change` records it on the record, which refuses what it may not."""

        async def decide(stored: bool) -> list[Aggregate]:
            record = await self.store.run(self._for_writing, who, kind, record_id, if_match)
            change(record)
            return [record]

        return await self.commands.write(who, idem, if_match, decide, turn_of=record_id)

    def load(self, kind: RegistryKind, record_id: UUID) -> RegistryRecord:
        record = self.store.get(record_id, RegistryRecord)
        if record is None or record.kind != kind.value:
            raise NotFound(f"no {kind.value} record {record_id}")
        return record

    def _for_writing(self, who: Principal, kind: RegistryKind, record_id: UUID, if_match: int | None) -> RegistryRecord:
        record = self.load(kind, record_id)
        _may_manage(who, kind, record.institution_id)
        if if_match is not None and record.version != if_match:
            raise PreconditionFailed(
                f"the record is at version {record.version}, not {if_match}", current_version=record.version
            )
        return record


def _may_manage(who: Principal, kind: RegistryKind, institution_id: UUID | None) -> None:
    name = kind_spec(kind).name.en
    if institution_id is None:
        if who.scoped:
            raise Forbidden(f"a city-wide record ({name}, no institution_id) needs an admin key")
    elif not who.sees(institution_id):
        raise Forbidden(f"this key manages only its own institution's records ({name})")
