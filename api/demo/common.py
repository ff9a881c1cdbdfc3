"""The demo's constants and its summary."""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TypeVar

from domain.catalogue import SERVICE_TYPES
from domain.corrective_action import CORRECTIVE_ACTION
from domain.lifecycle import Payload

T = TypeVar("T")
Process = Generator[datetime, None, None]
"""A simulated process: it yields the moment of its next act, and is resumed at that moment to do it."""

CST = timezone(timedelta(hours=8), "CST")
"""China Standard Time: Xining's clocks, and the offset every demo event is stamped with."""

DISPUTE = "dispute_guidance"
ASSISTANCE = "rights_assistance"

WINDOW_DAYS = 365
OFFICE_OPENS = timedelta(hours=8, minutes=30)
OFFICE_CLOSES = timedelta(hours=17, minutes=30)
STALL_RATE = 0.04  # cases the client walks away from: they stay open however old they are
TYPICAL_CASE_RATE = 0.18  # of archived disputes that went somewhere, how many become typical cases
EVALUATION_RATE = 0.42  # of closed cases, how many the client evaluates (a few closed lately are not yet)
RETURN_VISIT_RATE = 0.6  # of low evaluations, how many had their return visit recorded

# How many cases of each type, in proportion (5.1 basic services far outnumber the featured ones of 5.2).
TYPE_MIX: dict[str, float] = {
    "consultation": 17,
    "rights_assistance": 14,
    "application_guidance": 12,
    "dispute_guidance": 11,
    "info_search": 7,
    "policy_promotion": 6,
    "risk_prevention": 4,
    "fast_examination_liaison": 3,
    "training": 3,
    "info_analysis": 3,
    "compliance_guidance": 3,
    "ip_finance": 3,
    "transfer_license": 3,
    "key_enterprise": 2,
    "electronic_evidence": 2,
    "publicity": 2,
    "data_ip_registration": 1.5,
    "qinghai_industry_assistance": 1.5,
    "four_places": 1.5,
    "key_industry": 1,
}

STEP_OF: dict[tuple[str, type[Payload]], str] = {
    (kind.code, step.payload): step.code for kind in [*SERVICE_TYPES.values(), CORRECTIVE_ACTION] for step in kind.steps
}
"""The step of a service type (or of a corrective action) a payload struct is of: no two steps share one."""


@dataclass(frozen=True)
class DemoSummary:
    institutions: int
    clients: int
    cases: int
    events: int
    evaluations: int = 0
    low_evaluations: int = 0
    corrective_actions: int = 0
    registry_records: int = 0

    def __str__(self) -> str:
        return (
            f"{self.institutions} institutions, {self.clients} clients, {self.cases} cases, {self.events} events;"
            f" {self.evaluations} evaluations ({self.low_evaluations} low), {self.corrective_actions} corrective"
            f" actions, {self.registry_records} registry records"
        )
