"""One case being lived through: what a service's demo script writes it with (open it, record a step by its
payload, wait for the next act) and, once it is closed, its evaluations (7.1) with their return visits and the
corrective actions low ones propose (7.2)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from api.demo.common import CST, EVALUATION_RATE, OFFICE_OPENS, RETURN_VISIT_RATE, STEP_OF, Process
from api.demo.content_evaluations import DISMISS_REASONS, GOOD_COMMENTS, LOW_COMMENTS, MEASURES
from api.demo.content_services import RETURN_VISIT_OUTCOMES
from api.demo.model import _SCORES, _CasePlan, _ClientPlan, _Inst
from api.demo.names import contact
from api.demo.world import Demo
from domain.case import ServiceCase
from domain.catalogue import service_type
from domain.corrective_action import (
    CORRECTIVE_ACTION,
    ActionProblem,
    Closed,
    CorrectiveAction,
    Dismissed,
    EffectReviewed,
    Implemented,
    MeasuresPlanned,
    proposed_for,
)
from domain.evaluation import INDICATOR_LABELS, LOW_SCORE, EvaluationFollowUp, EvaluationForm, Indicator
from domain.evaluation import Channel as EvaluationChannel
from domain.lifecycle import Intake, Payload, to_record


@dataclass
class Run:
    """One case being lived through, and what its service's script writes it with."""

    demo: Demo
    number: int
    plan: _CasePlan
    correlation: str
    at: datetime  # the moment of its latest act
    stall_after: int | None = None
    stalled: bool = False
    opened: ServiceCase | None = None
    respondents: list[str] = field(default_factory=list)  # who may evaluate it (7.1)
    evaluations: int = 0
    actions: list[CorrectiveAction] = field(default_factory=list)

    @property
    def case(self) -> ServiceCase:
        if self.opened is None:
            raise AssertionError("the case is not open yet")
        return self.opened

    @property
    def inst(self) -> _Inst:
        return self.plan.institution

    @property
    def client(self) -> _ClientPlan:
        return self.plan.client

    def later(self, low: float, high: float) -> datetime:
        self.at = self.demo.after(self.at, low, high)
        return self.at

    def around(self, day: date, early: int = 3, late: int = 3) -> datetime:
        """A working moment near `day` (after the case's latest act): when something planned for `day` is done."""
        shifted = day + timedelta(days=self.demo.rng.randint(-early, late))
        target = (
            datetime.combine(shifted, time(), CST) + OFFICE_OPENS + timedelta(minutes=self.demo.rng.uniform(0, 480))
        )
        self.at = self.demo.office(target) if target > self.at else self.demo.after(self.at, 1, 48)
        return self.at

    def open(self, intake: Intake) -> None:
        plan = self.plan
        if plan.client.id is None:
            raise AssertionError("clients are registered before their cases are opened")
        expected = service_type(plan.service_type).intake
        if type(intake) is not expected:  # mypy sees an Intake; the catalogue knows which one this type takes
            raise TypeError(f"{plan.service_type} opens with {expected.__name__}, not {type(intake).__name__}")
        meta = self.demo.meta(plan.institution.principal, self.at, self.correlation, f"{self.correlation}-0")
        self.opened = ServiceCase.open(
            plan.service_type, plan.institution.id, plan.client.id, to_record(intake), meta, plan.client.snapshot
        )

    def record(self, payload: Payload) -> None:
        """Record on the case the step this payload is of (no two steps of a service type share a payload)."""
        case = self.case
        code = STEP_OF.get((case.service_type, type(payload)))
        if code is None:
            raise TypeError(f"no step of {case.service_type} takes {type(payload).__name__}")
        was_open = case.closed_at is None
        meta = self.demo.meta(
            self.inst.principal, self.at, self.correlation, f"{self.correlation}-{len(case.steps) + 1}"
        )
        for companion in case.record_step(code, to_record(payload), meta, load=self.demo.companion):
            self.demo.companions[companion.id] = companion  # the same object for every case that changes it
        if was_open and case.closed_at is not None and self.demo.rng.random() < EVALUATION_RATE:
            for respondent in respondents(self.demo, self):
                self.demo.spawn(evaluation_life(self.demo, self, respondent))
        if self.stall_after is not None and len(case.steps) >= self.stall_after:
            self.stalled = True


def respondents(demo: Demo, run: Run) -> list[str]:
    if run.respondents:  # attendees of a training
        return demo.rng.sample(run.respondents, min(len(run.respondents), demo.rng.randint(1, 3)))
    return [contact(demo, run.client)]


def evaluation_life(demo: Demo, run: Run, respondent: str) -> Process:
    rng = demo.rng
    quick = run.plan.service_type == "consultation"  # often asked at the end of the call
    at = demo.after(run.at, *((0.05, 30.0) if quick else (2.0, 480.0)))
    yield at
    case, inst = run.case, run.inst
    run.evaluations += 1
    ref = f"{run.correlation}-evaluation-{run.evaluations}"
    meta = demo.meta(inst.principal, at, run.correlation, ref)
    evaluation = case.evaluate(to_record(evaluation_form(demo, respondent, run.plan.service_type)), meta)
    recorded = case.evaluations[evaluation]
    demo.evaluations += 1
    if not recorded["low"]:
        return
    demo.low += 1
    low = [INDICATOR_LABELS[i].zh for i in Indicator if recorded[i.value] <= LOW_SCORE]
    problem = ActionProblem(  # as the API proposes it (api/quality_commands.py)
        institution_id=case.institution_id,
        problem=f"低分评价（{'、'.join(low)}）：{recorded.get('comment') or ''}",
        case_ids=[case.id],
        evaluation_ids=[evaluation],
    )
    action = CorrectiveAction.open(to_record(problem), meta, action_id=proposed_for(evaluation))
    run.actions.append(action)
    demo.action_count += 1
    worst = min(Indicator, key=lambda i: int(recorded[i.value]))
    demo.spawn(action_life(demo, run, action, at, worst))
    if rng.random() < RETURN_VISIT_RATE:
        at = demo.after(at, 4, 150)  # due within five working days; some are late
        yield at
        outcome, resolved = rng.choice(RETURN_VISIT_OUTCOMES)
        follow_up = EvaluationFollowUp(
            visited_by=rng.choice(inst.staff[: inst.full_time]), outcome=outcome, resolved=resolved
        )
        case.follow_up_evaluation(
            evaluation, to_record(follow_up), demo.meta(inst.principal, at, run.correlation, f"{ref}-return-visit")
        )


def evaluation_form(demo: Demo, respondent: str, service_type: str) -> EvaluationForm:
    rng = demo.rng
    overall = rng.choices(_SCORES, (1, 3, 8, 33, 55))[0]
    scores = {i.value: min(5, max(1, overall + rng.choices((-1, 0, 1), (15, 70, 15))[0])) for i in Indicator}
    worst = min(Indicator, key=lambda i: scores[i.value])
    comment = None
    if scores[worst.value] <= LOW_SCORE:
        comment = rng.choice([text for text, about in LOW_COMMENTS[worst] if about is None or service_type in about])
    elif overall >= 4 and rng.random() < 0.3:
        comment = rng.choice(GOOD_COMMENTS)
    channel = rng.choices(list(EvaluationChannel), (35, 40, 20, 5))[0]
    return EvaluationForm(
        respondent=respondent,
        channel=channel,
        professional_level=scores[Indicator.PROFESSIONAL_LEVEL],
        attitude=scores[Indicator.ATTITUDE],
        content=scores[Indicator.CONTENT],
        quality=scores[Indicator.QUALITY],
        satisfaction=scores[Indicator.SATISFACTION],
        comment=comment,
    )


def action_life(demo: Demo, run: Run, action: CorrectiveAction, at: datetime, worst: Indicator) -> Process:
    """7.2: measures planned, implemented, their effect reviewed, closed; or left open, or dismissed."""
    rng = demo.rng
    inst = run.inst
    correlation = f"demo-{demo.seed}-action-{demo.action_count:03d}"
    owner = inst.staff[0]

    def act(payload: Payload, when: datetime) -> None:
        causation = f"{correlation}-{len(action.steps) + 1}"
        meta = demo.meta(inst.principal, when, correlation, causation)
        action.record_step(STEP_OF[CORRECTIVE_ACTION.code, type(payload)], to_record(payload), meta)

    fate = rng.choices(("walked", "stalled", "dismissed"), (55, 35, 10))[0]
    if fate == "dismissed":
        at = demo.after(at, 24, 240)
        yield at
        act(Dismissed(reason=rng.choice(DISMISS_REASONS)), at)
        return
    rounds = 1 if rng.random() < 0.8 else 2  # the first measures were not enough
    for n in range(rounds):
        at = demo.after(at, 24, 240 if n == 0 else 96)
        yield at
        measures, plan = rng.choice(MEASURES[worst])
        due = demo.day(at) + timedelta(days=rng.randint(20, 45))
        act(MeasuresPlanned(measures=list(measures), plan=plan, owner=owner, due=due), at)
        if fate == "stalled":
            return  # planned, never reported done: overdue once the due date has passed
        done = datetime.combine(due - timedelta(days=rng.randint(-6, 15)), time(9), CST)
        done += timedelta(minutes=rng.uniform(0, 480))
        at = demo.office(max(done, at + timedelta(days=1)))
        yield at
        act(Implemented(done=f"已完成：{'；'.join(measures)}", on=demo.day(at)), at)
        at = demo.after(at, 168, 720)
        yield at
        effective = n == rounds - 1
        findings = (
            f"整改后回访服务对象{rng.randint(5, 20)}名，{INDICATOR_LABELS[worst].zh}评分明显提升，未再出现同类反映"
            if effective
            else "整改后仍收到同类反映，措施落实不到位，需重新制定措施"
        )
        act(EffectReviewed(effective=effective, findings=findings), at)
    at = demo.after(at, 2, 96)
    yield at
    act(Closed(summary=f"针对{INDICATOR_LABELS[worst].zh}问题的整改已完成并经效果评估，转入日常管理"), at)
