"""Rights-protection assistance (5.1.4, 维权援助): the life of a demo case."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from api.demo.common import Process
from api.demo.content_places import ARBITRATION_COMMISSION, CROSS_REGION, LAW_FIRMS, PROFESSIONAL_BODIES
from api.demo.disputes import GAPS, Story, difficulty, infringing_act, new_story, right_number
from api.demo.model import _SCORES, _CasePlan
from api.demo.names import experts_on
from api.demo.run import Run
from api.demo.world import Demo
from domain.lifecycle import Payload
from domain.services import rights_assistance
from domain.services.common import IP_TYPE_LABELS

SATISFACTION: dict[rights_assistance.AssistanceOutcome, tuple[float, float, float, float, float]] = {
    # weights of 1..5
    rights_assistance.AssistanceOutcome.RESOLVED: (1, 1, 5, 32, 61),
    rights_assistance.AssistanceOutcome.PARTLY_RESOLVED: (1, 3, 14, 45, 37),
    rights_assistance.AssistanceOutcome.IN_PROGRESS_ELSEWHERE: (1, 3, 13, 45, 38),
    rights_assistance.AssistanceOutcome.UNRESOLVED: (6, 12, 27, 35, 20),
}


MAX_RETURN_VISITS = 3


def life(demo: Demo, run: Run) -> Process:
    story = new_story(demo, run.client)
    run.open(assistance_intake(demo, run.plan, story))
    while (code := next_assistance(demo, run.case.steps, run.case.allowed_next_steps(), story)) is not None:
        yield run.later(*GAPS[code])
        run.record(PAYLOADS[code](demo, run.plan, story, run.at))


def assistance_intake(demo: Demo, plan: _CasePlan, story: Story) -> rights_assistance.AssistanceIntake:
    ip = IP_TYPE_LABELS[story.ip_type].zh
    story.difficult = demo.rng.random() < 0.2
    return rights_assistance.AssistanceIntake(
        summary=f"{plan.client.short}就{story.product}相关{ip}被侵权申请维权援助", ip_type=story.ip_type
    )


def next_assistance(demo: Demo, steps: list[str], allowed: list[str], story: Story) -> str | None:
    if not steps:
        return "need_collected"
    visits = steps.count("return_visit")
    if visits:  # visited again only while the matter goes on elsewhere, as the step allows, a few times at most
        pending = story.visited is rights_assistance.AssistanceOutcome.IN_PROGRESS_ELSEWHERE
        return "return_visit" if pending and visits < MAX_RETURN_VISITS else None
    helps = len(steps) - 1
    weights = {
        "guidance_given": 5.0 if helps == 0 else 1.5 / helps,
        "expert_panel_advice": (3.0 if story.difficult else 0.4) if "expert_panel_advice" not in steps else 0.2,
        "referred": 1.5 if story.referred is None else 0.3,
        "return_visit": 0.5 + 2.0 * helps,
    }
    return demo.choose(weights, allowed)


def need_collected(demo: Demo, plan: _CasePlan, story: Story, at: datetime) -> rights_assistance.NeedCollected:
    rng = demo.rng
    client = plan.client.short
    wanted = rng.sample(list(rights_assistance.GuidanceKind), rng.randint(1, 3))
    return rights_assistance.NeedCollected(
        description=f"{client}发现{story.opponent}{infringing_act(demo, story)}",
        right_number=right_number(demo, story, plan.client, at),
        infringer=story.opponent,
        help_wanted=list(sorted(wanted, key=list(rights_assistance.GuidanceKind).index)),
    )


def guidance_given(demo: Demo, plan: _CasePlan, story: Story, at: datetime) -> rights_assistance.GuidanceGiven:
    rng = demo.rng
    kind = rng.choice(list(rights_assistance.GuidanceKind))
    content = {
        rights_assistance.GuidanceKind.EVIDENCE_COLLECTION: (
            "指导当事人通过公证购买固定侵权产品及销售票据",
            "指导对网店页面进行时间戳电子存证",
            "指导保存交易记录、聊天记录等电子证据",
        ),
        rights_assistance.GuidanceKind.PROCEDURE_CONSULTATION: (
            "讲解行政裁决与民事诉讼的程序、时限及所需材料",
            "说明向西宁市市场监督管理局投诉举报的流程",
            "解答电商平台知识产权投诉流程",
        ),
        rights_assistance.GuidanceKind.DISPUTE_MEDIATION: (
            "指导当事人与对方协商，草拟和解协议要点",
            "建议申请调解室调解并协助准备调解申请材料",
        ),
    }[kind]
    return rights_assistance.GuidanceGiven(kind=kind, content=rng.choice(content))


def expert_panel_advice(demo: Demo, plan: _CasePlan, story: Story, at: datetime) -> rights_assistance.ExpertPanelAdvice:
    rng = demo.rng
    return rights_assistance.ExpertPanelAdvice(
        experts=experts_on(demo, plan.client.sector, 3),
        difficulty=difficulty(demo, story),
        legal_advice=rng.choice(
            (
                "建议先行固定证据并发送律师函",
                "建议在诉讼中一并申请行为保全",
                "建议针对可能的无效宣告请求做好答辩准备",
                "建议以合同违约与侵权竞合择一主张",
            )
        ),
        response_suggestions=rng.choice(
            (
                "由维权援助律师团出具法律意见书",
                "先行向电商平台投诉下架，再评估诉讼必要性",
                "委托鉴定机构进行技术比对后再决定维权方式",
            )
        ),
    )


def referred(demo: Demo, plan: _CasePlan, story: Story, at: datetime) -> rights_assistance.Referred:
    rng = demo.rng
    target = rng.choices(list(rights_assistance.ReferralTarget), (45, 15, 25, 15))[0]
    story.referred = target
    region = None
    if target is rights_assistance.ReferralTarget.LAWYER_GROUP:
        body = f"西宁市知识产权维权援助律师团（{rng.choice(LAW_FIRMS)}）"
    elif target is rights_assistance.ReferralTarget.ARBITRATION:
        body = ARBITRATION_COMMISSION
    elif target is rights_assistance.ReferralTarget.PROFESSIONAL_INSTITUTION:
        body = rng.choice(PROFESSIONAL_BODIES[story.ip_type])
    else:
        body, region = rng.choice(CROSS_REGION)
    return rights_assistance.Referred(target=target, body_name=body, region=region)


def return_visit(demo: Demo, plan: _CasePlan, story: Story, at: datetime) -> rights_assistance.ReturnVisit:
    rng = demo.rng
    inst = plan.institution
    if (
        story.referred is rights_assistance.ReferralTarget.CROSS_REGION
        or story.referred is rights_assistance.ReferralTarget.ARBITRATION
    ):
        outcome_weights: tuple[float, ...] = (35, 20, 10, 35)
    else:
        outcome_weights = (55, 20, 12, 13)
    result = story.visited = rng.choices(list(rights_assistance.AssistanceOutcome), outcome_weights)[0]
    satisfaction = rng.choices(_SCORES, SATISFACTION[result])[0]
    return rights_assistance.ReturnVisit(outcome=result, satisfaction=satisfaction, visited_by=rng.choice(inst.staff))


PAYLOADS: dict[str, Callable[[Demo, _CasePlan, Story, datetime], Payload]] = {
    "need_collected": need_collected,
    "guidance_given": guidance_given,
    "expert_panel_advice": expert_panel_advice,
    "referred": referred,
    "return_visit": return_visit,
}
