"""The whole load: institutions and registries, clients, the cases' year simulated, and everything saved."""

from __future__ import annotations

from collections.abc import Callable

from api.demo.cases import plan_cases, start_case
from api.demo.common import DemoSummary
from api.demo.content_clients import EXPERT_SPECS, _Expert
from api.demo.setup import institution_specs, plan_client, register_clients, register_institution, register_registries
from api.demo.world import Demo
from infra.store import Store


def load(
    store: Store, seed: int, progress: Callable[[int, int], None] | None, institutions: int, clients: int, cases: int
) -> DemoSummary:
    demo = Demo(store, seed, progress, institutions + clients + cases)
    demo.insts = [register_institution(demo, spec) for spec in institution_specs(demo, institutions)]
    demo.experts = [_Expert(demo.fresh(demo.person), spec) for spec in EXPERT_SPECS]
    if demo.insts:
        register_registries(demo)
    demo.people = [plan_client(demo) for _ in range(clients)]
    plans = plan_cases(demo, cases)
    register_clients(demo, plans)
    runs = [start_case(demo, number, plan) for number, plan in enumerate(plans, start=1)]
    demo.simulate()
    for run in runs:
        demo.save(run.case, *run.actions)
        demo.tick()
    if demo.companions:
        demo.save(*demo.companions.values())
    return DemoSummary(
        institutions=len(demo.insts),
        clients=len(demo.people),
        cases=len(runs),
        events=demo.events,
        evaluations=demo.evaluations,
        low_evaluations=demo.low,
        corrective_actions=demo.action_count,
        registry_records=demo.registry_records,
    )
