"""A realistic demo data set: Xining's IP public-service institutions, their clients and a year of their work.

Everything goes through the real write path. Institutions and clients are registered through `Commands`;
the registries of clause 6 (staff and their training, experts, the knowledge base, outside bodies) are made
by `RegistryRecord`; a case of each service type of the catalogue is opened and walked through its step
table on the `ServiceCase` aggregate, evaluated (7.1) with `ServiceCase.evaluate`, and a low evaluation
opens the corrective action it proposes (7.2), walked on `CorrectiveAction`. So every step is checked by the
domain exactly as an API call would be, and the rules across cases (a right once in a client's IP ledger,
an enterprise once in a year's key-enterprise directory) by the companions that steps return.

A case of service type `<code>` is lived by the script in `services/<code>.py`: it is given the load's context
(`world.Demo`: the seeded randomness, names and clock) and the case (`run.Run`), and records each step as the
payload struct the step table names, so mypy checks every payload.

The year is simulated in time order: each case, each evaluation and each corrective action is a process
that waits for the moment of its next act, and the earliest act of all is done next. So the companions
that cases share (a client's IP ledger, a year's directory) record their events in the order they
happened, and what one case did (a right filed, an archive number taken) is seen by the cases after it.
Nothing is in the future: a process whose next act would fall on or after the start of today stops there,
so recent cases are still open. Everything is saved once the year is done: each case with its corrective
actions, then the companions.

The data set is a function of the seed and of the day it is loaded: which cases exist, their steps and
payloads, and their times relative to today (the past 365 days, in China Standard Time, in office hours
on working days) do not depend on the hour at which it is loaded.
"""

from collections.abc import Callable

from api.demo.cases import plan_cases, start_case
from api.demo.common import DemoSummary
from api.demo.content_clients import EXPERT_SPECS, _Expert
from api.demo.setup import institution_specs, plan_client, register_clients, register_institution, register_registries
from api.demo.world import Demo
from infra.store import Store

__all__ = ["DemoSummary", "is_empty", "load_demo"]


def is_empty(store: Store) -> bool:
    return store.max_position() == 0


def load_demo(
    store: Store,
    *,
    seed: int = 20261124,
    institutions: int = 5,
    clients: int = 200,
    cases: int = 1000,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Fill `store` with `institutions`, `clients` and `cases`; the same seed gives the same data set.

    `progress` is told (done, total) as institutions, clients and cases are saved."""
    if institutions < 0 or clients < 0 or cases < 0:
        raise ValueError("counts must not be negative")
    if institutions == 0 and (clients or cases):
        raise ValueError("clients and cases need at least one institution")
    if clients == 0 and cases:
        raise ValueError("cases need at least one client")
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
