"""TODO"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from api.demo.common import TYPICAL_CASE_RATE, Process
from api.demo.disputes import dispute_payload, infringing_act, new_story
from api.demo.model import (
    _GUIDANCE_BY_ROUTE,
    GAPS,
    _CasePlan,
    _Run,
    _Story,
)
from domain.services.common import IP_TYPE_LABELS
from domain.services.dispute_guidance import DisputeKind, MediationOutcome

if TYPE_CHECKING:
    from api.demo.world import Demo


# Dispute guidance (5.1.7) -------------------------------------------------------------------------


def life(demo: Demo, run: _Run) -> Process:
    story = new_story(demo, run.client)
    demo.open_case(run, dispute_intake(demo, run.plan, story))
    while (code := next_dispute(demo, run.case.steps, run.case.allowed_next_steps(), story)) is not None:
        yield demo.later(run, *GAPS[code])
        demo.record(run, code, dispute_payload(demo, code, run.plan, story, run.at))


def dispute_intake(demo: Demo, plan: _CasePlan, story: _Story) -> dict[str, Any]:
    rng = demo.rng
    kind = rng.choices(list(DisputeKind), (70, 18, 12))[0]
    ip = IP_TYPE_LABELS[story.ip_type].zh
    who = plan.client.short
    if kind is DisputeKind.INFRINGEMENT:
        summary = f"{who}反映{story.opponent}{infringing_act(demo, story)}，咨询纠纷应对途径"
    elif kind is DisputeKind.CONTRACT:
        contract = rng.choice(("专利实施许可合同", "技术开发合同", "技术转让合同", "商标使用许可合同", "委托开发合同"))
        summary = f"{who}与{story.opponent}之间的{contract}在付款及成果交付上发生争议，涉及{ip}"
    else:
        context = rng.choice(("职务发明认定", "合作研发成果归属", "离职员工另行申请的专利", "委托创作作品的归属"))
        summary = f"{who}与{story.opponent}就{story.product}相关{ip}的权属发生争议（{context}）"
    story.dispute_kind = kind
    return {
        "summary": summary,
        "dispute_kind": kind.value,
        "ip_type": story.ip_type.value,
        "opposing_party": story.opponent,
    }


def next_dispute(demo: Demo, steps: list[str], allowed: list[str], story: _Story) -> str | None:
    if not steps:
        return "routes_explained"
    last = steps[-1]
    if last == "archived":
        substantive = len(steps) >= 6 or story.mediation is MediationOutcome.AGREEMENT
        rate = TYPICAL_CASE_RATE if substantive else TYPICAL_CASE_RATE / 5
        return "typical_case_written" if demo.rng.random() < rate else None
    if last == "typical_case_written":
        return None
    guidance = sum(1 for s in steps[1:] if s != "parties_followed_up")
    weights = dict(_GUIDANCE_BY_ROUTE[story.route])
    if last == "parties_followed_up":
        followups = steps.count("parties_followed_up")
        weights = {code: 0.15 for code in weights}
        weights |= {"archived": 5 if followups == 1 else 12, "parties_followed_up": 1.2}
        return demo.choose(no_second_mediation(demo, weights, story), allowed)
    follow = 0.3 + 1.2 * guidance
    if guidance >= 5:
        follow *= 3
    if story.mediation is MediationOutcome.AGREEMENT and last == "mediation_session":
        weights = {code: 0.2 for code in weights}
        follow = 10
    elif story.mediation is MediationOutcome.ADJOURNED and last == "mediation_session":
        weights["mediation_session"] *= 4
    elif story.mediation is MediationOutcome.NO_AGREEMENT and last == "mediation_session":
        weights["litigation_guidance"] += 2
        weights["mediation_committee_referral"] += 1
    weights["parties_followed_up"] = follow
    return demo.choose(no_second_mediation(demo, weights, story), allowed)


def no_second_mediation(demo: Demo, weights: dict[str, float], story: _Story) -> dict[str, float]:
    """While a mediation is adjourned, it is continued (by its mediator): not referred to the committee,
    and the case is not archived before it is concluded (5.1.7.b)."""
    if story.open_mediator is None:
        return weights
    return weights | {"mediation_committee_referral": 0.0, "archived": 0.0}
