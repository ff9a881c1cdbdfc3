"""A client's IP management ledger 知识产权管理台账 (5.1.5.a): each right once, whichever case records it.

One aggregate per client, its id derived from the client's id: two cases that start the ledger at the same
time make the same aggregate at version 1, so one of them loses on the store's version check and is retried
against the ledger the other saved, where the rule then refuses the duplicate.
"""

from __future__ import annotations

import re
from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID, uuid5
from zoneinfo import ZoneInfo

from eventsourcing.domain import Aggregate, event

from domain import events
from domain.errors import RuleBroken
from domain.labels import Label
from domain.provenance import Provenance

LEDGER_CLAUSE = "5.1.5.a"
_NAMESPACE = UUID("6f1d3c52-2b7e-5c1a-9d4e-5a1b0c7e8f21")
_SHANGHAI = ZoneInfo("Asia/Shanghai")


class RightStatus(StrEnum):
    FILED = "filed"  # 已申请
    EXAMINING = "examining"  # 审查中
    GRANTED = "granted"  # 已授权 / 已登记
    REJECTED = "rejected"  # 已驳回
    LAPSED = "lapsed"  # 已失效


RIGHT_STATUS_LABELS: dict[RightStatus, Label] = {
    RightStatus.FILED: Label("已申请", "Filed"),
    RightStatus.EXAMINING: Label("审查中", "Under examination"),
    RightStatus.GRANTED: Label("已授权（登记）", "Granted / registered"),
    RightStatus.REJECTED: Label("已驳回", "Rejected"),
    RightStatus.LAPSED: Label("已失效", "Lapsed"),
}

_SPACES = re.compile(r"\s+")
_CN_PREFIX = re.compile(r"^CN(?=\d)")


def ledger_key(application_no: str) -> str:
    """The application number as the ledger compares it: "CN 2024 1012 3456.7" and "202410123456.7" are
    one right, as staff write the same number both ways."""
    return _CN_PREFIX.sub("", _SPACES.sub("", application_no).upper())


class ClientIpLedger(Aggregate):
    class Started(events.Created):
        client_id: UUID

    class EntryRecorded(events.Recorded):
        key: str
        entry: dict[str, Any]
        institution_id: UUID | None

    @staticmethod
    def create_id(client_id: UUID) -> UUID:
        return uuid5(_NAMESPACE, f"ip-ledger:{client_id}")

    @event(Started)
    def __init__(
        self,
        client_id: UUID,
        clause: str,
        actor: Any,
        effective_at: datetime,
        correlation_id: str,
        causation_id: str,
    ) -> None:
        self.client_id = client_id
        self.entries: dict[str, dict[str, Any]] = {}

    @classmethod
    def start(cls, client_id: UUID, meta: Provenance) -> ClientIpLedger:
        return cls(client_id=client_id, **meta.stamp(LEDGER_CLAUSE))

    def has(self, application_no: str) -> bool:
        return ledger_key(application_no) in self.entries

    def record_entry(
        self,
        client_id: UUID,
        application_no: str,
        entry: dict[str, Any],
        institution_id: UUID | None,
        meta: Provenance,
    ) -> None:
        """Add a right to the ledger; refused when its application number is already there."""
        key = ledger_key(application_no)
        earlier = self.entries.get(key)
        if earlier is not None:
            # Only the date: the entry may have been recorded by another institution, whose record is its own.
            raise RuleBroken(
                f"{LEDGER_CLAUSE}: application number {application_no} is already in this client's IP ledger"
                f" (recorded {earlier['recorded_at'].astimezone(_SHANGHAI).date().isoformat()})",
                LEDGER_CLAUSE,
            )
        self._entry_recorded(key=key, entry=entry, institution_id=institution_id, **meta.stamp(LEDGER_CLAUSE))

    @event(EntryRecorded)
    def _entry_recorded(
        self,
        key: str,
        entry: dict[str, Any],
        institution_id: UUID | None,
        clause: str,
        actor: Any,
        effective_at: datetime,
        correlation_id: str,
        causation_id: str,
    ) -> None:
        self.entries[key] = {**entry, "recorded_at": effective_at, "institution_id": institution_id}
