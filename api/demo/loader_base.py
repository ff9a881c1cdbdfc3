"""The loader's state, its simulation clock, and the small things every service uses."""

from __future__ import annotations

import heapq
import itertools
import math
import random
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from uuid import UUID

from eventsourcing.domain import Aggregate
from faker import Faker

from api.access import Principal
from api.commands import Commands
from api.demo.common import CST, OFFICE_CLOSES, OFFICE_OPENS, Process, T
from api.demo.content_clients import BRANDS, OUTSIDE_BRANDS, OUTSIDE_PLACES, SECTORS, Sector, _Expert
from api.demo.model import _ClientPlan, _Inst, _Run
from domain.provenance import Provenance
from domain.working_days import WorkingCalendar
from infra.store import Store


class _LoaderBase:
    """The state `_Loader.__init__` sets up. The loader is a chain of classes, one a module, each extending the
    one before: _LoaderBase, _Setup, _Cases, _Rights, _Disputes, _Advice, _Outreach, _Featured, _Loader."""

    store: Store
    commands: Commands
    seed: int
    rng: random.Random
    fake: Faker
    progress: Callable[[int, int], None] | None
    total: int
    done: int
    events: int
    calendar: WorkingCalendar
    today: datetime
    start: datetime
    used_names: set[str]
    admin: Principal
    experts: list[_Expert]
    people: list[_ClientPlan]
    insts: list[_Inst]
    companions: dict[UUID, Aggregate]
    queue: list[tuple[datetime, int, Process, _Run | None]]
    order: itertools.count[int]
    clock: datetime
    evaluations: int
    low: int
    action_count: int
    registry_records: int
    registry_refs: itertools.count[int]
    lives: dict[str, Callable[[_Run], Process]]

    def _save(self, *aggregates: Aggregate) -> None:
        self.events += sum(len(a.pending_events) for a in aggregates)
        self.store.save(*aggregates)

    def _tick(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total)

    def _meta(self, who: Principal, at: datetime, correlation: str, causation: str) -> Provenance:
        return Provenance(
            actor=who.actor, now=datetime.now(UTC), effective_at=at, correlation_id=correlation, causation_id=causation
        )

    # The simulation: every process acts at its moment, the earliest first ----------------------------

    def _spawn(self, process: Process, owner: _Run | None = None) -> None:
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

    def _simulate(self) -> None:
        while self.queue:
            at, _, process, owner = heapq.heappop(self.queue)
            self.clock = at
            if owner is not None and owner.stalled:  # the client walked away: the case stays as it is
                process.close()
                continue
            self._spawn(process, owner)  # resumes it: it acts now, then waits for its next act

    def _after(self, moment: datetime, low: float, high: float) -> datetime:
        """Some hours after `moment` (log-uniformly between `low` and `high`), in office hours."""
        return self._office(moment + timedelta(hours=math.exp(self.rng.uniform(math.log(low), math.log(high)))))

    def _later(self, run: _Run, low: float, high: float) -> datetime:
        run.at = self._after(run.at, low, high)
        return run.at

    def _around(self, run: _Run, day: date, early: int = 3, late: int = 3) -> datetime:
        """A working moment near `day` (after the case's latest act): when something planned for `day` is done."""
        shifted = day + timedelta(days=self.rng.randint(-early, late))
        target = datetime.combine(shifted, time(), CST) + OFFICE_OPENS + timedelta(minutes=self.rng.uniform(0, 480))
        run.at = self._office(target) if target > run.at else self._after(run.at, 1, 48)
        return run.at

    def _day(self, moment: datetime) -> date:
        return moment.astimezone(CST).date()

    def _working_moment(self, day: date) -> datetime:
        """An office-hours moment on `day`, or on the working day before it (after it, at the window's start)."""
        moved = day
        while not self.calendar.is_working_day(moved):
            moved -= timedelta(days=1)
        if moved < self._day(self.start):
            moved = day
            while not self.calendar.is_working_day(moved):
                moved += timedelta(days=1)
        return datetime.combine(moved, time(), CST) + OFFICE_OPENS + timedelta(minutes=self.rng.uniform(0, 540))

    def _experts(self, sector: Sector, count: int) -> list[str]:
        """A technical expert on the client's field and `count - 1` legal ones, from the expert database."""
        technical = [e for e in self.experts if sector.tag in e.spec.sectors] or [
            e for e in self.experts if e.spec.sectors
        ]
        legal = [e for e in self.experts if e.spec.legal]
        chosen = [self.rng.choice(technical), *self.rng.sample(legal, min(len(legal), count - 1))]
        return [str(e) for e in chosen]

    def _staff(self, inst: _Inst, count: int) -> list[str]:
        return self.rng.sample(inst.staff, min(count, len(inst.staff)))

    def _opponent(self, client: _ClientPlan) -> str:
        rng = self.rng
        if rng.random() < 0.3:
            return f"{self.fake.last_name()}某（个体工商户）"
        return self._company_like(client)

    def _company_like(self, client: _ClientPlan) -> str:
        """A company of the client's trade (of any, for a person), in Qinghai or from outside."""
        rng = self.rng
        sector = client.sector if client.sector.fragments else rng.choice(SECTORS)
        if rng.random() < 0.6:
            place, brand = rng.choice(("青海", "西宁")), rng.choice(BRANDS)
        else:
            place, brand = rng.choice(OUTSIDE_PLACES), rng.choice(OUTSIDE_BRANDS)
        return f"{place}{brand}{rng.choice(sector.fragments)}有限公司"

    # Small things ---------------------------------------------------------------------------------------

    def _pick(self, weighted: Sequence[tuple[T, float]]) -> T:
        return self.rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]

    def _person(self) -> str:
        return self.fake.name()

    def _landline(self) -> str:
        return f"0971-{self.rng.choice('5689')}{self.rng.randrange(10**6):06d}"

    def _fresh(self, make: Callable[[], str]) -> str:
        for _ in range(50):
            name = make()
            if name not in self.used_names:
                self.used_names.add(name)
                return name
        name, company = make(), "有限公司"
        name = f"{name.removesuffix(company)}（{len(self.used_names)}）{company if name.endswith(company) else ''}"
        self.used_names.add(name)
        return name

    def _unused(self, names: Sequence[str]) -> str | None:
        free = [n for n in names if n not in self.used_names]
        if not free:
            return None
        name = self.rng.choice(free)
        self.used_names.add(name)
        return name

    def _office(self, moment: datetime) -> datetime:
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
