"""The loader: its state, and the whole load."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from datetime import datetime, timedelta
from uuid import UUID

from eventsourcing.domain import Aggregate
from faker import Faker

from api.access import Principal
from api.commands import Commands
from api.demo.common import ASSISTANCE, CST, DISPUTE, WINDOW_DAYS, DemoSummary, Process
from api.demo.content_clients import EXPERT_SPECS, _Expert
from api.demo.loader_featured import _Featured
from api.demo.model import _ClientPlan, _Inst, _Run
from domain.provenance import Role
from infra.calendar import working_calendar
from infra.store import Store


class _Loader(_Featured):
    def __init__(self, store: Store, seed: int, progress: Callable[[int, int], None] | None, total: int) -> None:
        self.store = store
        self.commands = Commands(store)
        self.seed = seed
        self.rng = random.Random(seed)  # noqa: S311 - demo data, not secrets
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)
        self.progress = progress
        self.total = total
        self.done = 0
        self.events = 0
        self.calendar = working_calendar()
        self.today = datetime.now(CST).replace(hour=0, minute=0, second=0, microsecond=0)
        self.start = self.today - timedelta(days=WINDOW_DAYS)
        self.used_names: set[str] = set()
        self.admin = Principal("demo-admin", Role.ADMIN, None)
        self.experts: list[_Expert] = []
        self.people: list[_ClientPlan] = []
        self.insts: list[_Inst] = []
        self.companions: dict[UUID, Aggregate] = {}
        self.queue: list[tuple[datetime, int, Process, _Run | None]] = []
        self.order = itertools.count()
        self.clock = self.start - timedelta(days=3 * WINDOW_DAYS)
        self.evaluations = 0
        self.low = 0
        self.action_count = 0
        self.registry_records = 0
        self.registry_refs = itertools.count(1)
        self.lives: dict[str, Callable[[_Run], Process]] = {
            "consultation": self._life_consultation,
            ASSISTANCE: self._life_assistance,
            DISPUTE: self._life_dispute,
            "application_guidance": self._life_application_guidance,
            "policy_promotion": self._life_policy_promotion,
            "risk_prevention": self._life_risk_prevention,
            "info_search": self._life_info_search,
            "info_analysis": self._life_info_analysis,
            "training": self._life_training,
            "publicity": self._life_publicity,
            "compliance_guidance": self._life_compliance_guidance,
            "ip_finance": self._life_ip_finance,
            "transfer_license": self._life_transfer_license,
            "fast_examination_liaison": self._life_fast_examination,
            "data_ip_registration": self._life_data_ip_registration,
            "electronic_evidence": self._life_electronic_evidence,
            "qinghai_industry_assistance": self._life_qinghai_industry,
            "key_industry": self._life_key_industry,
            "key_enterprise": self._life_key_enterprise,
            "four_places": self._life_four_places,
        }

    # The whole load --------------------------------------------------------------------------------

    def run(self, institutions: int, clients: int, cases: int) -> DemoSummary:
        self.insts = [self._register_institution(spec) for spec in self._institution_specs(institutions)]
        self.experts = [_Expert(self._fresh(self._person), spec) for spec in EXPERT_SPECS]
        if self.insts:
            self._register_registries()
        self.people = [self._plan_client() for _ in range(clients)]
        plans = self._plan_cases(cases)
        self._register_clients(plans)
        runs = [self._start_case(number, plan) for number, plan in enumerate(plans, start=1)]
        self._simulate()
        for run in runs:
            self._save(run.case, *run.actions)
            self._tick()
        if self.companions:
            self._save(*self.companions.values())
        return DemoSummary(
            institutions=len(self.insts),
            clients=len(self.people),
            cases=len(runs),
            events=self.events,
            evaluations=self.evaluations,
            low_evaluations=self.low,
            corrective_actions=self.action_count,
            registry_records=self.registry_records,
        )
