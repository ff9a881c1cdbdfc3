"""5.2.3.a 年度重点服务企业名录 The annual key-enterprise directory: one aggregate per year.

Its id comes from the year, so two cases that list enterprises for the same year at once both write to
the same aggregate and one of them is retried on fresh state: an enterprise appears at most once a year.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain import events
from domain.errors import RuleBroken
from domain.provenance import Provenance

CLAUSE = "5.2.3.a"
_NAMESPACE = UUID("6f1d7c3e-2b7a-5c41-9e0a-5d2c8b4f7a13")


class KeyEnterpriseDirectory(Aggregate):
    class Started(events.Created):
        year: int

    class EnterpriseListed(events.Recorded):
        client_id: UUID
        institution_id: UUID | None
        designations: list[str]
        industry: str | None

    @staticmethod
    def create_id(year: int) -> UUID:
        return uuid5(_NAMESPACE, f"key-enterprise-directory/{year}")

    @event(Started)
    def __init__(
        self,
        year: int,
        clause: str,
        actor: Any,
        effective_at: datetime,
        correlation_id: str,
        causation_id: str,
    ) -> None:
        self.year = year
        self.entries: dict[UUID, dict[str, Any]] = {}

    @classmethod
    def start(cls, year: int, meta: Provenance) -> KeyEnterpriseDirectory:
        return cls(year=year, **meta.stamp(CLAUSE))

    def list_enterprise(
        self,
        year: int,
        client_id: UUID,
        client: Mapping[str, Any],
        institution_id: UUID | None,
        industry: str | None,
        meta: Provenance,
    ) -> None:
        """List the client for the year, with the designations it holds; at most once a year, enterprises only."""
        if client.get("kind") != "innovator" or client.get("innovator_kind") != "enterprise":
            raise RuleBroken(f"{CLAUSE}: only innovator enterprises are listed in the key-enterprise directory", CLAUSE)
        designations: Sequence[str] = client.get("designations") or []
        if not designations and industry is None:
            raise RuleBroken(
                f"{CLAUSE}: the enterprise holds no priority designation; name the key industry it is listed for",
                CLAUSE,
            )
        if year != self.year:
            raise ValueError(f"this is the directory of {self.year}, not {year}")
        if client_id in self.entries:
            raise RuleBroken(f"{CLAUSE}: the enterprise is already in the key-enterprise directory of {year}", CLAUSE)
        self._listed(
            client_id=client_id,
            institution_id=institution_id,
            designations=list(designations),
            industry=industry,
            **meta.stamp(CLAUSE),
        )

    @event(EnterpriseListed)
    def _listed(
        self,
        client_id: UUID,
        institution_id: UUID | None,
        designations: list[str],
        industry: str | None,
        clause: str,
        actor: Any,
        effective_at: datetime,
        correlation_id: str,
        causation_id: str,
    ) -> None:
        self.entries[client_id] = {
            "institution_id": institution_id,
            "designations": designations,
            "industry": industry,
            "listed_at": effective_at,
        }

    def lists(self, client_id: UUID) -> bool:
        return client_id in self.entries
