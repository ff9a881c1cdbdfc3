"""7.1: the evaluations of closed cases and their return visits; 7.2: the corrective actions low ones propose."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from api.demo.common import CST, RETURN_VISIT_RATE, STEP_OF, Process
from api.demo.content_evaluations import DISMISS_REASONS, GOOD_COMMENTS, LOW_COMMENTS, MEASURES
from api.demo.content_services import RETURN_VISIT_OUTCOMES
from api.demo.model import _SCORES, _Run
from api.demo.names import contact
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
from domain.lifecycle import Payload, to_record

if TYPE_CHECKING:
    from api.demo.world import Demo


def respondents(demo: Demo, run: _Run) -> list[str]:
    if run.respondents:  # attendees of a training
        return demo.rng.sample(run.respondents, min(len(run.respondents), demo.rng.randint(1, 3)))
    return [contact(demo, run.client)]


def evaluation_life(demo: Demo, run: _Run, respondent: str) -> Process:
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


def action_life(demo: Demo, run: _Run, action: CorrectiveAction, at: datetime, worst: Indicator) -> Process:
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
