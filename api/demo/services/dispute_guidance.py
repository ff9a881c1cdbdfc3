"""Dispute response guidance (5.1.7, 纠纷应对指导): the life of a demo case."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from api.demo.common import TYPICAL_CASE_RATE, Process
from api.demo.content_clients import PERSONAL
from api.demo.content_places import (
    ARBITRATION_COMMISSION,
    COURTS,
    LAW_FIRMS,
    MEDIATION_COMMITTEE,
    NOTARIES,
    SALES_CHANNELS,
)
from api.demo.disputes import GAPS, Story, dispute_result, infringing_act, new_story, opinion, resolution
from api.demo.model import _CasePlan
from api.demo.names import experts_on, serial_number
from api.demo.run import Run
from api.demo.world import Demo
from domain.lifecycle import Payload
from domain.services import dispute_guidance
from domain.services.common import IP_TYPE_LABELS

GUIDANCE = (
    "mediation_session",
    "expert_consultation",
    "mediation_committee_referral",
    "evidence_referral",
    "litigation_guidance",
)
# How often each of GUIDANCE follows, by the route the parties are on.
GUIDANCE_BY_ROUTE: dict[dispute_guidance.Route | None, tuple[float, ...]] = {
    dispute_guidance.Route.MEDIATION: (6, 1, 2, 0.5, 0.3),
    dispute_guidance.Route.SETTLEMENT: (3, 1.5, 0.5, 0.5, 0.3),
    dispute_guidance.Route.JUDICIAL: (0.8, 1.5, 0.3, 3, 5),
    dispute_guidance.Route.ARBITRATION: (0.8, 1, 0.3, 5, 0.8),
    dispute_guidance.Route.ADMINISTRATIVE: (1, 2.5, 0.5, 2.5, 0.8),
    None: (3, 2, 1, 1.5, 1.5),
}
# The route a dispute of each kind takes.
ROUTE_BY_DISPUTE: dict[dispute_guidance.DisputeKind, tuple[tuple[dispute_guidance.Route, float], ...]] = {
    dispute_guidance.DisputeKind.INFRINGEMENT: (
        (dispute_guidance.Route.MEDIATION, 35),
        (dispute_guidance.Route.JUDICIAL, 25),
        (dispute_guidance.Route.ADMINISTRATIVE, 20),
        (dispute_guidance.Route.SETTLEMENT, 15),
        (dispute_guidance.Route.ARBITRATION, 5),
    ),
    dispute_guidance.DisputeKind.CONTRACT: (
        (dispute_guidance.Route.MEDIATION, 30),
        (dispute_guidance.Route.ARBITRATION, 30),
        (dispute_guidance.Route.JUDICIAL, 20),
        (dispute_guidance.Route.SETTLEMENT, 20),
    ),
    dispute_guidance.DisputeKind.OWNERSHIP: (
        (dispute_guidance.Route.MEDIATION, 35),
        (dispute_guidance.Route.JUDICIAL, 35),
        (dispute_guidance.Route.ARBITRATION, 15),
        (dispute_guidance.Route.SETTLEMENT, 15),
    ),
}


def life(demo: Demo, run: Run) -> Process:
    story = new_story(demo, run.client)
    run.open(dispute_intake(demo, run.plan, story))
    while (code := next_dispute(demo, run.case.steps, run.case.allowed_next_steps(), story)) is not None:
        yield run.later(*GAPS[code])
        run.record(PAYLOADS[code](demo, run.plan, story, run.at))


def dispute_intake(demo: Demo, plan: _CasePlan, story: Story) -> dispute_guidance.DisputeIntake:
    rng = demo.rng
    kind = rng.choices(list(dispute_guidance.DisputeKind), (70, 18, 12))[0]
    ip = IP_TYPE_LABELS[story.ip_type].zh
    who = plan.client.short
    if kind is dispute_guidance.DisputeKind.INFRINGEMENT:
        summary = f"{who}反映{story.opponent}{infringing_act(demo, story)}，咨询纠纷应对途径"
    elif kind is dispute_guidance.DisputeKind.CONTRACT:
        contract = rng.choice(("专利实施许可合同", "技术开发合同", "技术转让合同", "商标使用许可合同", "委托开发合同"))
        summary = f"{who}与{story.opponent}之间的{contract}在付款及成果交付上发生争议，涉及{ip}"
    else:
        context = rng.choice(("职务发明认定", "合作研发成果归属", "离职员工另行申请的专利", "委托创作作品的归属"))
        summary = f"{who}与{story.opponent}就{story.product}相关{ip}的权属发生争议（{context}）"
    story.dispute_kind = kind
    return dispute_guidance.DisputeIntake(
        summary=summary, dispute_kind=kind, ip_type=story.ip_type, opposing_party=story.opponent
    )


def next_dispute(demo: Demo, steps: list[str], allowed: list[str], story: Story) -> str | None:
    if not steps:
        return "routes_explained"
    last = steps[-1]
    if last == "archived":
        substantive = len(steps) >= 6 or story.mediation is dispute_guidance.MediationOutcome.AGREEMENT
        rate = TYPICAL_CASE_RATE if substantive else TYPICAL_CASE_RATE / 5
        return "typical_case_written" if demo.rng.random() < rate else None
    if last == "typical_case_written":
        return None
    guidance = sum(1 for s in steps[1:] if s != "parties_followed_up")
    weights = dict(zip(GUIDANCE, GUIDANCE_BY_ROUTE[story.route], strict=True))
    if last == "parties_followed_up":
        followups = steps.count("parties_followed_up")
        weights = {code: 0.15 for code in weights}
        weights |= {"archived": 5 if followups == 1 else 12, "parties_followed_up": 1.2}
        return demo.choose(no_second_mediation(demo, weights, story), allowed)
    follow = 0.3 + 1.2 * guidance
    if guidance >= 5:
        follow *= 3
    if story.mediation is dispute_guidance.MediationOutcome.AGREEMENT and last == "mediation_session":
        weights = {code: 0.2 for code in weights}
        follow = 10
    elif story.mediation is dispute_guidance.MediationOutcome.ADJOURNED and last == "mediation_session":
        weights["mediation_session"] *= 4
    elif story.mediation is dispute_guidance.MediationOutcome.NO_AGREEMENT and last == "mediation_session":
        weights["litigation_guidance"] += 2
        weights["mediation_committee_referral"] += 1
    weights["parties_followed_up"] = follow
    return demo.choose(no_second_mediation(demo, weights, story), allowed)


def no_second_mediation(demo: Demo, weights: dict[str, float], story: Story) -> dict[str, float]:
    """While a mediation is adjourned, it is continued (by its mediator): not referred to the committee,
    and the case is not archived before it is concluded (5.1.7.b)."""
    if story.open_mediator is None:
        return weights
    return weights | {"mediation_committee_referral": 0.0, "archived": 0.0}


def routes_explained(demo: Demo, plan: _CasePlan, story: Story, at: datetime) -> dispute_guidance.RoutesExplained:
    rng = demo.rng
    story.route = demo.pick(ROUTE_BY_DISPUTE[story.dispute_kind]) if rng.random() < 0.9 else None
    routes = (
        list(dispute_guidance.Route)
        if rng.random() < 0.7
        else sorted(
            {story.route or dispute_guidance.Route.MEDIATION, *rng.sample(list(dispute_guidance.Route), 2)},
            key=list(dispute_guidance.Route).index,
        )
    )
    return dispute_guidance.RoutesExplained(
        routes=list(routes),
        recommended=story.route if story.route else None,
        note="介绍行政投诉、司法诉讼、调解、和解、仲裁等途径的程序、时限与成本",
    )


def mediation_session(demo: Demo, plan: _CasePlan, story: Story, at: datetime) -> dispute_guidance.MediationSession:
    rng = demo.rng
    inst = plan.institution
    client = plan.client.short
    outcome = rng.choices(list(dispute_guidance.MediationOutcome), (35, 15, 25, 25))[0]
    story.mediation = outcome
    if outcome is dispute_guidance.MediationOutcome.AGREEMENT:
        story.paths.append("mediation")
    amount = rng.choice((0.5, 1, 1.5, 2, 3, 5, 8, 10, 15, 20, 30))
    note = {
        dispute_guidance.MediationOutcome.AGREEMENT: f"双方达成调解协议：{story.opponent}"
        f"于{rng.choice((7, 10, 15, 30))}日内停止相关行为并赔偿{amount:g}万元",
        dispute_guidance.MediationOutcome.PARTIAL_AGREEMENT: "双方就停止侵权达成一致，赔偿数额分歧较大，约定另行协商",
        dispute_guidance.MediationOutcome.NO_AGREEMENT: "双方对侵权事实认定分歧较大，调解未果，"
        "告知可另循诉讼或仲裁途径",
        dispute_guidance.MediationOutcome.ADJOURNED: "被申请人代理人请求补充提交证据，调解延期",
    }[outcome]
    present = [client, story.opponent]
    if rng.random() < 0.4:
        present.append(f"{rng.choice(LAW_FIRMS)}律师")
    mediator = story.open_mediator or rng.choice(inst.mediators)
    story.open_mediator = mediator if outcome is dispute_guidance.MediationOutcome.ADJOURNED else None
    return dispute_guidance.MediationSession(
        mediator=mediator,
        room=rng.choice(("调解室", "第一调解室", "知识产权纠纷调解室", "线上调解（视频）")),
        parties_present=present,
        outcome=outcome,
        note=note,
    )


def expert_consultation(demo: Demo, plan: _CasePlan, story: Story, at: datetime) -> dispute_guidance.ExpertConsultation:
    rng = demo.rng
    steer = rng.random() < 0.3
    return dispute_guidance.ExpertConsultation(
        experts=experts_on(demo, plan.client.sector, rng.randint(2, 3)),
        opinion=opinion(demo, story),
        steered_to_mediation=steer,
    )


def mediation_committee_referral(
    demo: Demo, plan: _CasePlan, story: Story, at: datetime
) -> dispute_guidance.MediationCommitteeReferral:
    rng = demo.rng
    story.paths.append("committee")
    return dispute_guidance.MediationCommitteeReferral(
        committee=MEDIATION_COMMITTEE,
        support_given=rng.choice(
            ("协助准备调解申请书及证据目录", "联系调解员并预约调解时间", "告知调解协议可申请司法确认")
        ),
    )


def evidence_referral(demo: Demo, plan: _CasePlan, story: Story, at: datetime) -> dispute_guidance.EvidenceReferral:
    rng = demo.rng
    arbitration = rng.random() < (0.8 if story.route is dispute_guidance.Route.ARBITRATION else 0.15)
    if arbitration:
        story.paths.append("arbitration")
        return dispute_guidance.EvidenceReferral(
            body_kind=dispute_guidance.EvidenceBody.ARBITRATION,
            body_name=ARBITRATION_COMMISSION,
            purpose=rng.choice(("申请仲裁前证据保全", "合同纠纷仲裁申请指导")),
        )
    story.paths.append("notary")
    return dispute_guidance.EvidenceReferral(
        body_kind=dispute_guidance.EvidenceBody.NOTARY,
        body_name=rng.choice(NOTARIES),
        purpose=rng.choice(
            (
                f"对{story.opponent}{rng.choice(SALES_CHANNELS)}销售页面进行证据保全",
                f"公证购买被控侵权的{story.product}",
                "对网络传播内容进行电子数据存证",
            )
        ),
    )


def litigation_guidance(demo: Demo, plan: _CasePlan, story: Story, at: datetime) -> dispute_guidance.LitigationGuidance:
    rng = demo.rng
    story.paths.append("litigation")
    court = demo.pick(COURTS) if rng.random() < 0.9 else None
    return dispute_guidance.LitigationGuidance(
        court=court,
        guidance=rng.choice(
            (
                "指导准备起诉状、权利证明及侵权比对表，提示三年诉讼时效",
                "讲解诉前财产保全与行为保全的申请条件",
                "建议先行发送律师函，再视对方回应决定是否起诉",
                "说明诉讼费用、证据规则及可申请诉前调解",
            )
        ),
    )


def parties_followed_up(demo: Demo, plan: _CasePlan, story: Story, at: datetime) -> dispute_guidance.PartiesFollowedUp:
    rng = demo.rng
    client = plan.client.short
    contacted = [client] if rng.random() < 0.7 else [client, story.opponent]
    return dispute_guidance.PartiesFollowedUp(
        contacted=contacted,
        method=rng.choices(("phone", "wechat", "visit", "email"), (70, 18, 8, 4))[0],
        result=dispute_result(demo, story),
    )


def archived(demo: Demo, plan: _CasePlan, story: Story, at: datetime) -> dispute_guidance.Archived:
    inst = plan.institution
    return dispute_guidance.Archived(
        archive_no=serial_number(demo, inst, "JF", at, 4), resolution=resolution(demo, story)
    )


def typical_case_written(
    demo: Demo, plan: _CasePlan, story: Story, at: datetime
) -> dispute_guidance.TypicalCaseWritten:
    inst = plan.institution
    client = plan.client.short
    ip = IP_TYPE_LABELS[story.ip_type].zh
    how = {
        "mediation": "调解室快速调解",
        "committee": "人民调解委员会调解",
        "litigation": "诉讼指导",
        "arbitration": "仲裁引导",
        "notary": "公证取证助力维权",
    }
    path = story.paths[-1] if story.paths else "mediation"
    who = "个人" if plan.client.sector is PERSONAL else f"{plan.client.sector.tag}领域"
    return dispute_guidance.TypicalCaseWritten(
        title=f"{who}{story.product}{ip}纠纷{how[path]}案",
        summary=f"{inst.spec.name}受理{client}与{story.opponent}之间的{ip}纠纷，"
        f"经{how[path]}妥善化解，为同类纠纷提供了可复制的处理经验。",
        tags=[ip, how[path], plan.client.sector.tag],
    )


PAYLOADS: dict[str, Callable[[Demo, _CasePlan, Story, datetime], Payload]] = {
    "routes_explained": routes_explained,
    "mediation_session": mediation_session,
    "expert_consultation": expert_consultation,
    "mediation_committee_referral": mediation_committee_referral,
    "evidence_referral": evidence_referral,
    "litigation_guidance": litigation_guidance,
    "parties_followed_up": parties_followed_up,
    "archived": archived,
    "typical_case_written": typical_case_written,
}
