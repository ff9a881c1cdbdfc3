"""Cases: which, where, for whom, when; a case's life; 7.1 evaluations and 7.2 corrective actions."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from api.demo.common import (
    ASSISTANCE,
    CST,
    DISPUTE,
    EVALUATION_RATE,
    RETURN_VISIT_RATE,
    STALL_RATE,
    TYPE_MIX,
    WINDOW_DAYS,
    Process,
)
from api.demo.content_clients import SECTORS
from api.demo.content_evaluations import DISMISS_REASONS, GOOD_COMMENTS, LOW_COMMENTS, MEASURES
from api.demo.content_places import _KIND_WEIGHTS
from api.demo.content_policies import INDUSTRY_NEEDS, OCCASION_DATES
from api.demo.content_services import RETURN_VISIT_OUTCOMES
from api.demo.loader_setup import _Setup
from api.demo.model import _SCORES, _CasePlan, _ClientPlan, _Inst, _Run, _Story
from domain.case import ServiceCase
from domain.corrective_action import CorrectiveAction, proposed_for
from domain.evaluation import INDICATOR_LABELS, LOW_SCORE, Indicator
from domain.evaluation import Channel as EvaluationChannel
from domain.parties import EnterpriseSize
from domain.services.common import IpType


class _Cases(_Setup):
    # Cases: which, where, for whom, when ---------------------------------------------------------------

    def _type_counts(self, cases: int) -> dict[str, int]:
        """Cases per type in proportion to TYPE_MIX (largest remainders); every type at least once if it can."""
        total = sum(TYPE_MIX.values())
        share = {code: cases * weight / total for code, weight in TYPE_MIX.items()}
        counts = {code: math.floor(s) for code, s in share.items()}
        for code in sorted(share, key=lambda c: counts[c] - share[c])[: cases - sum(counts.values())]:
            counts[code] += 1
        if cases >= len(TYPE_MIX):
            for code in TYPE_MIX:
                if counts[code] == 0:
                    donor = max(counts, key=lambda c: counts[c])
                    counts[donor] -= 1
                    counts[code] += 1
        return counts

    def _plan_cases(self, cases: int) -> list[_CasePlan]:
        listed: set[tuple[int, int]] = set()  # (client, year) in a key-enterprise directory
        plans = [
            self._plan_case(service_type, listed, renewal=service_type == "key_enterprise" and n >= 0.8 * count)
            for service_type, count in self._type_counts(cases).items()
            for n in range(count)
        ]
        return sorted(plans, key=lambda p: p.opened_at)

    def _plan_case(self, service_type: str, listed: set[tuple[int, int]], *, renewal: bool = False) -> _CasePlan:
        rng = self.rng
        extra: dict[str, Any] = {}
        day = math.floor(WINDOW_DAYS * rng.random() ** 0.8)  # a little busier lately
        opened = self._working_moment(self._day(self.start) + timedelta(days=day))
        if service_type == "key_enterprise":  # the directory is drawn up early in the year, and grows later
            lately = self._day(self.today) - timedelta(days=rng.randint(1, 25))
            early = date(self.today.year, 1, 5) + timedelta(days=rng.randint(0, 85))
            if renewal and lately.month >= 11:  # next year's directory is being drawn up now
                opened = self._working_moment(lately)
            elif not renewal and rng.random() < 0.6 and self._day(self.start) <= early < self._day(self.today):
                opened = self._working_moment(early)
        if service_type == "publicity":
            occasion = self._occasion()
            if occasion is not None:
                opened = self._working_moment(occasion["day"] - timedelta(days=rng.randint(20, 40)))
                extra = occasion
        client: _ClientPlan | None
        if service_type == "key_enterprise":
            local = self._day(opened)
            year = local.year + 1 if local.month >= 11 else local.year  # next year's directory is drawn up now
            client = None
            if renewal:  # most of next year's directory were in this year's
                client = self._pick_client(
                    service_type, lambda c: (id(c), year - 1) in listed and (id(c), year) not in listed
                )
            client = client or self._pick_client(service_type, lambda c: (id(c), year) not in listed)
            if client is not None:
                listed.add((id(client), year))
                extra = {"year": year}
        else:
            client = self._pick_client(service_type)
        if client is None:  # nobody in this data set could use the service
            service_type = "consultation"
            client = self._pick_client(service_type)
            if client is None:
                raise AssertionError("anybody may ask a question")
        return _CasePlan(service_type, self._pick_institution(service_type), client, opened, extra)

    def _pick_institution(self, service_type: str) -> _Inst:
        weights = _KIND_WEIGHTS[service_type]
        per_kind = Counter(i.spec.kind for i in self.insts)
        chances = [weights[i.spec.kind] / per_kind[i.spec.kind] for i in self.insts]
        if not any(chances):
            chances = [1.0] * len(self.insts)
        return self.rng.choices(self.insts, chances)[0]

    def _pick_client(
        self, service_type: str, allowed: Callable[[_ClientPlan], bool] | None = None
    ) -> _ClientPlan | None:
        chances = [
            c.weight * self._affinity(service_type, c) if allowed is None or allowed(c) else 0.0 for c in self.people
        ]
        if not any(chances):
            return None
        return self.rng.choices(self.people, chances)[0]

    def _affinity(self, service_type: str, c: _ClientPlan) -> float:
        """How likely this client is to use the service, relative to its general propensity (0: never)."""
        group, size, sector = c.group, c.size, c.sector
        big = size in (EnterpriseSize.MEDIUM, EnterpriseSize.LARGE)
        enterprise = group == "enterprise"
        academic = group in ("university", "institute")
        by_size: dict[EnterpriseSize | None, float]
        if service_type in (ASSISTANCE, DISPUTE):
            return 1.0
        if service_type == "consultation":
            return {"person": 2.0, "enterprise": 0.8 if big else 1.3, "cooperative": 1.0}.get(group, 0.4)
        if service_type == "application_guidance":
            by_size = {EnterpriseSize.MICRO: 1.6, EnterpriseSize.SMALL: 1.4, EnterpriseSize.MEDIUM: 0.8}
            return by_size.get(size, 0.4) if enterprise else {"person": 1.2, "cooperative": 1.2}.get(group, 0.6)
        if service_type == "policy_promotion":
            if enterprise:
                return 1.5 if sector.policy_industry else 1.0
            return {"person": 0.1, "cooperative": 0.8}.get(group, 0.6)
        if service_type == "risk_prevention":
            by_size = {EnterpriseSize.MICRO: 0.5, EnterpriseSize.SMALL: 1.0, EnterpriseSize.MEDIUM: 1.5}
            return by_size.get(size, 1.8) if enterprise else 0.2 if group == "university" else 0.0
        if service_type == "info_search":
            return 2.0 if academic else {"person": 0.4, "enterprise": 1.0, "cooperative": 0.2}[group]
        if service_type == "info_analysis":
            return 2.0 if academic else (1.5 if big else 0.5) if enterprise else 0.0
        if service_type == "training":
            return (
                (1.5 if big else 0.4)
                if enterprise
                else {"university": 1.5, "institute": 1.0, "cooperative": 1.0}.get(group, 0.0)
            )
        if service_type == "publicity":
            if enterprise:
                return 1.0 if size is EnterpriseSize.LARGE else 0.2 if big else 0.0
            return {"university": 3.0, "institute": 1.0, "cooperative": 1.0}.get(group, 0.0)
        if service_type == "compliance_guidance":
            by_size = {EnterpriseSize.MICRO: 0.1, EnterpriseSize.SMALL: 0.6, EnterpriseSize.MEDIUM: 1.5}
            return by_size.get(size, 2.0) if enterprise else 0.0
        if service_type == "ip_finance":
            by_size = {EnterpriseSize.MICRO: 0.5, EnterpriseSize.SMALL: 1.2, EnterpriseSize.MEDIUM: 1.5}
            return by_size.get(size, 0.8) if enterprise else 0.0
        if service_type == "transfer_license":
            return 3.0 if academic else {"enterprise": 0.7, "person": 0.2}.get(group, 0.0)
        if service_type == "fast_examination_liaison":
            if enterprise:
                patents = dict(sector.ip_weights).get(IpType.PATENT, 0) >= 5
                return (1.5 if patents else 0.2) * (0.5 if size is EnterpriseSize.MICRO else 1.0)
            return 1.2 if academic else 0.1 if group == "person" else 0.0
        if service_type == "data_ip_registration":
            if not sector.datasets:
                return 0.0
            return 3.0 if sector is SECTORS[6] else 1.5 if group == "institute" else 1.0 if academic else 0.3
        if service_type == "electronic_evidence":
            marks = dict(sector.ip_weights).get(IpType.TRADEMARK, 0) >= 4
            return {"person": 1.0, "enterprise": 1.2 if marks else 0.3, "cooperative": 0.8}.get(group, 0.1)
        if service_type == "qinghai_industry_assistance":
            if sector.tag not in INDUSTRY_NEEDS:
                return 0.0
            return {"enterprise": 2.0, "cooperative": 3.0}.get(group, 0.0)
        if service_type == "key_industry":
            if not enterprise or sector.key_industry is None:
                return 0.0
            return 2.0 if big else 0.1 if size is EnterpriseSize.MICRO else 0.6
        if service_type == "key_enterprise":
            if not enterprise:
                return 0.0
            if c.designations:
                return 3.0
            if sector.key_industry is None or size is EnterpriseSize.MICRO:
                return 0.0
            return 1.0 if big else 0.3
        if service_type == "four_places":
            if sector.place is None or group not in ("enterprise", "cooperative"):
                return 0.0
            return 2.0 if big else 1.5
        raise AssertionError(f"no affinity for {service_type}")

    def _occasion(self) -> dict[str, Any] | None:
        """A key date of 5.1.11.c in the window for a campaign, or None for daily publicity."""
        options = []
        first, last = self._day(self.start) + timedelta(days=40), self._day(self.today) + timedelta(days=20)
        for year in (self.today.year - 1, self.today.year):
            for occasion, month, day_of_month, exhibition in OCCASION_DATES:
                day = date(year, month, day_of_month)
                if first <= day < last:
                    options.append({"occasion": occasion, "day": day, "exhibition": exhibition})
        if not options or self.rng.random() < 0.3:
            return None
        return self.rng.choice(options)

    # A case's life -----------------------------------------------------------------------------------

    def _start_case(self, number: int, plan: _CasePlan) -> _Run:
        correlation = f"demo-{self.seed}-case-{number:04d}"
        stall = self.rng.randint(1, 3) if self.rng.random() < STALL_RATE else None
        run = _Run(number, plan, correlation, plan.opened_at, stall_after=stall)
        self._spawn(self._case_life(run), run)
        return run

    def _case_life(self, run: _Run) -> Process:
        yield run.at
        yield from self.lives[run.plan.service_type](run)

    def _open(self, run: _Run, intake: dict[str, Any]) -> None:
        plan = run.plan
        if plan.client.id is None:
            raise AssertionError("clients are registered before their cases are opened")
        meta = self._meta(plan.institution.principal, run.at, run.correlation, f"{run.correlation}-0")
        run.opened = ServiceCase.open(
            plan.service_type, plan.institution.id, plan.client.id, intake, meta, plan.client.snapshot
        )

    def _step(self, run: _Run, code: str, payload: dict[str, Any]) -> None:
        case = run.case
        was_open = case.closed_at is None
        meta = self._meta(run.inst.principal, run.at, run.correlation, f"{run.correlation}-{len(case.steps) + 1}")
        for companion in case.record_step(code, payload, meta, load=self._companion):
            self.companions[companion.id] = companion  # the same object for every case that changes it
        if was_open and case.closed_at is not None and self.rng.random() < EVALUATION_RATE:
            for respondent in self._respondents(run):
                self._spawn(self._evaluation_life(run, respondent))
        if run.stall_after is not None and len(case.steps) >= run.stall_after:
            run.stalled = True

    def _companion(self, aggregate_id: UUID) -> Aggregate | None:
        return self.companions.get(aggregate_id) or self.store.get(aggregate_id, Aggregate)

    def _choose(self, weights: dict[str, float], allowed: Sequence[str]) -> str | None:
        candidates = [(code, w) for code, w in weights.items() if code in allowed and w > 0]
        if not candidates:
            return None
        return self.rng.choices([c for c, _ in candidates], [w for _, w in candidates])[0]

    def _story(self, client: _ClientPlan) -> _Story:
        return _Story(
            ip_type=self._pick(client.sector.ip_weights),
            opponent=self._opponent(client),
            product=self.rng.choice(client.sector.products),
        )

    # 7.1 Evaluation, its return visit, and 7.2 the corrective action it proposes -------------------------

    def _respondents(self, run: _Run) -> list[str]:
        if run.respondents:  # attendees of a training
            return self.rng.sample(run.respondents, min(len(run.respondents), self.rng.randint(1, 3)))
        return [self._contact(run.client)]

    def _evaluation_life(self, run: _Run, respondent: str) -> Process:
        rng = self.rng
        quick = run.plan.service_type == "consultation"  # often asked at the end of the call
        at = self._after(run.at, *((0.05, 30.0) if quick else (2.0, 480.0)))
        yield at
        case, inst = run.case, run.inst
        run.evaluations += 1
        ref = f"{run.correlation}-evaluation-{run.evaluations}"
        meta = self._meta(inst.principal, at, run.correlation, ref)
        evaluation = case.evaluate(self._evaluation_form(respondent, run.plan.service_type), meta)
        recorded = case.evaluations[evaluation]
        self.evaluations += 1
        if not recorded["low"]:
            return
        self.low += 1
        low = [INDICATOR_LABELS[i].zh for i in Indicator if recorded[i.value] <= LOW_SCORE]
        problem = {  # as the API proposes it (api/quality_commands.py)
            "institution_id": str(case.institution_id),
            "problem": f"低分评价（{'、'.join(low)}）：{recorded.get('comment') or ''}",
            "case_ids": [str(case.id)],
            "evaluation_ids": [str(evaluation)],
        }
        action = CorrectiveAction.open(problem, meta, action_id=proposed_for(evaluation))
        run.actions.append(action)
        self.action_count += 1
        worst = min(Indicator, key=lambda i: int(recorded[i.value]))
        self._spawn(self._action_life(run, action, at, worst))
        if rng.random() < RETURN_VISIT_RATE:
            at = self._after(at, 4, 150)  # due within five working days; some are late
            yield at
            outcome, resolved = rng.choice(RETURN_VISIT_OUTCOMES)
            follow_up = {
                "visited_by": rng.choice(inst.staff[: inst.full_time]),
                "outcome": outcome,
                "resolved": resolved,
            }
            case.follow_up_evaluation(
                evaluation, follow_up, self._meta(inst.principal, at, run.correlation, f"{ref}-return-visit")
            )

    def _evaluation_form(self, respondent: str, service_type: str) -> dict[str, Any]:
        rng = self.rng
        overall = rng.choices(_SCORES, (1, 3, 8, 33, 55))[0]
        scores = {i.value: min(5, max(1, overall + rng.choices((-1, 0, 1), (15, 70, 15))[0])) for i in Indicator}
        worst = min(Indicator, key=lambda i: scores[i.value])
        comment = None
        if scores[worst.value] <= LOW_SCORE:
            comment = rng.choice(
                [text for text, about in LOW_COMMENTS[worst] if about is None or service_type in about]
            )
        elif overall >= 4 and rng.random() < 0.3:
            comment = rng.choice(GOOD_COMMENTS)
        channel = rng.choices(list(EvaluationChannel), (35, 40, 20, 5))[0]
        return {"respondent": respondent, "channel": channel.value, **scores, "comment": comment}

    def _action_life(self, run: _Run, action: CorrectiveAction, at: datetime, worst: Indicator) -> Process:
        """7.2: measures planned, implemented, their effect reviewed, closed; or left open, or dismissed."""
        rng = self.rng
        inst = run.inst
        correlation = f"demo-{self.seed}-action-{self.action_count:03d}"
        owner = inst.staff[0]

        def act(code: str, payload: dict[str, Any], when: datetime) -> None:
            causation = f"{correlation}-{len(action.steps) + 1}"
            action.record_step(code, payload, self._meta(inst.principal, when, correlation, causation))

        fate = rng.choices(("walked", "stalled", "dismissed"), (55, 35, 10))[0]
        if fate == "dismissed":
            at = self._after(at, 24, 240)
            yield at
            act("dismissed", {"reason": rng.choice(DISMISS_REASONS)}, at)
            return
        rounds = 1 if rng.random() < 0.8 else 2  # the first measures were not enough
        for n in range(rounds):
            at = self._after(at, 24, 240 if n == 0 else 96)
            yield at
            measures, plan = rng.choice(MEASURES[worst])
            due = self._day(at) + timedelta(days=rng.randint(20, 45))
            act(
                "measures_planned",
                {"measures": list(measures), "plan": plan, "owner": owner, "due": due.isoformat()},
                at,
            )
            if fate == "stalled":
                return  # planned, never reported done: overdue once the due date has passed
            done = datetime.combine(due - timedelta(days=rng.randint(-6, 15)), time(9), CST)
            done += timedelta(minutes=rng.uniform(0, 480))
            at = self._office(max(done, at + timedelta(days=1)))
            yield at
            act("implemented", {"done": f"已完成：{'；'.join(measures)}", "on": self._day(at).isoformat()}, at)
            at = self._after(at, 168, 720)
            yield at
            effective = n == rounds - 1
            findings = (
                f"整改后回访服务对象{rng.randint(5, 20)}名，{INDICATOR_LABELS[worst].zh}评分明显提升，未再出现同类反映"
                if effective
                else "整改后仍收到同类反映，措施落实不到位，需重新制定措施"
            )
            act("effect_reviewed", {"effective": effective, "findings": findings}, at)
        at = self._after(at, 2, 96)
        yield at
        act("closed", {"summary": f"针对{INDICATOR_LABELS[worst].zh}问题的整改已完成并经效果评估，转入日常管理"}, at)
