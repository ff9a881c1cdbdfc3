"""Who may do what: one table of roles and permissions, and the institution scope of a key.

admin: everything. supervisor: reads everything, audits. staff: writes and reads within its own
institution. integration: scoped like staff when its key names an institution, else city-wide read.
viewer: read models only.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from domain.provenance import Actor, Role


class Permission(StrEnum):
    READ_CATALOGUE = "read_catalogue"
    MANAGE_CATALOGUE = "manage_catalogue"
    READ_INSTITUTIONS = "read_institutions"
    REGISTER_INSTITUTION = "register_institution"
    READ_CLIENTS = "read_clients"
    REGISTER_CLIENT = "register_client"
    READ_CASES = "read_cases"
    WRITE_CASES = "write_cases"
    READ_LEDGERS = "read_ledgers"
    READ_EVENT_FEED = "read_event_feed"
    READ_REGISTRIES = "read_registries"  # staff, experts, knowledge base, outside bodies, directories (clause 6)
    MANAGE_REGISTRIES = "manage_registries"
    EVALUATE = "evaluate"  # record a client's evaluation of a case (7.1)
    MANAGE_CORRECTIVE_ACTIONS = "manage_corrective_actions"  # 7.2


_READ_MODELS = {
    Permission.READ_CATALOGUE,
    Permission.READ_INSTITUTIONS,
    Permission.READ_LEDGERS,
    Permission.READ_REGISTRIES,
}
_READ_ALL = _READ_MODELS | {Permission.READ_CLIENTS, Permission.READ_CASES}
_WRITE_OWN = {
    Permission.REGISTER_CLIENT,
    Permission.WRITE_CASES,
    Permission.MANAGE_REGISTRIES,  # within its own institution
    Permission.EVALUATE,
    Permission.MANAGE_CORRECTIVE_ACTIONS,
}

# (role, scoped to an institution?) -> what it may do
PERMISSIONS: dict[tuple[Role, bool], frozenset[Permission]] = {
    (Role.ADMIN, False): frozenset(Permission),
    (Role.SUPERVISOR, False): frozenset(_READ_ALL | {Permission.READ_EVENT_FEED}),
    (Role.STAFF, True): frozenset(_READ_ALL | _WRITE_OWN),
    (Role.INTEGRATION, True): frozenset(_READ_ALL | _WRITE_OWN),
    (Role.INTEGRATION, False): frozenset(_READ_ALL | {Permission.READ_EVENT_FEED}),
    (Role.VIEWER, True): frozenset(_READ_MODELS),
    (Role.VIEWER, False): frozenset(_READ_MODELS),
}

SCOPED_ROLES = {role for role, scoped in PERMISSIONS if scoped} - {role for role, scoped in PERMISSIONS if not scoped}
"""Roles whose keys must name an institution (staff)."""

UNSCOPED_ONLY_ROLES = {Role.ADMIN, Role.SUPERVISOR}


@dataclass(frozen=True)
class Principal:
    key_id: str
    role: Role
    institution_id: UUID | None

    @property
    def scoped(self) -> bool:
        return self.institution_id is not None

    def may(self, permission: Permission) -> bool:
        return permission in PERMISSIONS.get((self.role, self.scoped), frozenset())

    def sees(self, institution_id: UUID) -> bool:
        """Whether records of `institution_id` are within this key's scope."""
        return self.institution_id is None or self.institution_id == institution_id

    @property
    def actor(self) -> Actor:
        return Actor(principal_id=self.key_id, role=self.role.value, institution_id=self.institution_id)


def key_scope_problem(role: Role, institution_id: UUID | None) -> str | None:
    """Why a key of `role` with this institution cannot exist, or None when it can."""
    if role in SCOPED_ROLES and institution_id is None:
        return f"a {role.value} key must name an institution (--institution)"
    if role in UNSCOPED_ONLY_ROLES and institution_id is not None:
        return f"a {role.value} key is city-wide and takes no institution"
    return None
