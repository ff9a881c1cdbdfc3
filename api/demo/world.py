"""The context every demo script is given, instead of inherited state: the load's seeded randomness and names,
its simulated clock, and the simulation in which every process acts at its moment, the earliest first."""

from __future__ import annotations

import heapq
import itertools
import math
import random
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.domain import Aggregate
from faker import Faker

from api.access import Principal
from api.demo.common import CST, OFFICE_CLOSES, OFFICE_OPENS, WINDOW_DAYS, Process, T
from api.demo.content_clients import _Expert
from api.demo.model import _ClientPlan, _Inst
from domain.provenance import Provenance, Role
from infra.calendar import working_calendar
from infra.store import Store

if TYPE_CHECKING:  # a Run is made with a Demo
    from api.demo.run import Run


class Demo:
    """What every service's demo script works with besides its case: the seeded randomness, names and clock of
    the load, and the simulation it acts in. Passed in, never inherited."""

    def __init__(self, store: Store, seed: int, progress: Callable[[int, int], None] | None, total: int) -> None:
        self.store = store
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
        self.queue: list[tuple[datetime, int, Process, Run | None]] = []
        self.order = itertools.count()
        self.clock = self.start - timedelta(days=3 * WINDOW_DAYS)
        self.evaluations = 0
        self.low = 0
        self.action_count = 0
        self.registry_records = 0
        self.registry_refs = itertools.count(1)

    def save(self, *aggregates: Aggregate) -> None:
        self.events += sum(len(a.pending_events) for a in aggregates)
        self.store.save(*aggregates)

    def tick(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total)

    def meta(self, who: Principal, at: datetime, correlation: str, causation: str) -> Provenance:
        return Provenance(
            actor=who.actor, now=datetime.now(UTC), effective_at=at, correlation_id=correlation, causation_id=causation
        )

    # The simulation: every process acts at its moment, the earliest first ----------------------------

    def spawn(self, process: Process, owner: Run | None = None) -> None:
        """Run `process` up to its first wait, and queue it for that moment (unless it is in the future)."""
        try:
            at = next(process)
        except StopIteration:
            return
        if at < self.clock:
            raise AssertionError(f"a process wants to act at {at}, before the simulated now ({self.clock})")
        if at >= self.today:
            process.close()  # its next act has not happened yet
            return
        heapq.heappush(self.queue, (at, next(self.order), process, owner))

    def simulate(self) -> None:
        while self.queue:
            at, _, process, owner = heapq.heappop(self.queue)
            self.clock = at
            if owner is not None and owner.stalled:  # the client walked away: the case stays as it is
                process.close()
                continue
            self.spawn(process, owner)  # resumes it: it acts now, then waits for its next act

    def after(self, moment: datetime, low: float, high: float) -> datetime:
        """Some hours after `moment` (log-uniformly between `low` and `high`), in office hours."""
        return self.office(moment + timedelta(hours=math.exp(self.rng.uniform(math.log(low), math.log(high)))))

    def day(self, moment: datetime) -> date:
        return moment.astimezone(CST).date()

    def working_moment(self, day: date) -> datetime:
        """An office-hours moment on `day`, or on the working day before it (after it, at the window's start)."""
        moved = day
        while not self.calendar.is_working_day(moved):
            moved -= timedelta(days=1)
        if moved < self.day(self.start):
            moved = day
            while not self.calendar.is_working_day(moved):
                moved += timedelta(days=1)
        return datetime.combine(moved, time(), CST) + OFFICE_OPENS + timedelta(minutes=self.rng.uniform(0, 540))

    # Small things ---------------------------------------------------------------------------------------

    def pick(self, weighted: Sequence[tuple[T, float]]) -> T:
        return self.rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]

    def person(self) -> str:
        return self.fake.name()

    def landline(self) -> str:
        return f"0971-{self.rng.choice('5689')}{self.rng.randrange(10**6):06d}"

    def fresh(self, make: Callable[[], str]) -> str:
        for _ in range(50):
            name = make()
            if name not in self.used_names:
                self.used_names.add(name)
                return name
        name, company = make(), "有限公司"
        name = f"{name.removesuffix(company)}（{len(self.used_names)}）{company if name.endswith(company) else ''}"
        self.used_names.add(name)
        return name

    def unused(self, names: Sequence[str]) -> str | None:
        free = [n for n in names if n not in self.used_names]
        if not free:
            return None
        name = self.rng.choice(free)
        self.used_names.add(name)
        return name

    def office(self, moment: datetime) -> datetime:
        """`moment`, or the next office-hours minute after it (08:30-17:30 China Standard Time, working days)."""
        local = moment.astimezone(CST)
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        into = local - midnight
        if into < OFFICE_OPENS:
            local = midnight + OFFICE_OPENS + timedelta(minutes=self.rng.uniform(0, 90))
        elif into > OFFICE_CLOSES:
            midnight += timedelta(days=1)
            local = midnight + OFFICE_OPENS + timedelta(minutes=self.rng.uniform(0, 90))
        while not self.calendar.is_working_day(midnight.date()):
            midnight += timedelta(days=1)
            local = midnight + OFFICE_OPENS + timedelta(minutes=self.rng.uniform(0, 90))
        return local

    def companion(self, aggregate_id: UUID) -> Aggregate | None:
        return self.companions.get(aggregate_id) or self.store.get(aggregate_id, Aggregate)

    def choose(self, weights: dict[str, float], allowed: Sequence[str]) -> str | None:
        candidates = [(code, w) for code, w in weights.items() if code in allowed and w > 0]
        return self.pick(candidates) if candidates else None
