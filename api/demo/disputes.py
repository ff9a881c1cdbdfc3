"""TODO"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from api.demo.content_clients import PERSONAL
from api.demo.content_places import (
    ARBITRATION_COMMISSION,
    COURTS,
    CROSS_REGION,
    LAW_FIRMS,
    MEDIATION_COMMITTEE,
    NOTARIES,
    PROFESSIONAL_BODIES,
    SALES_CHANNELS,
)
from api.demo.model import (
    _ROUTE_BY_DISPUTE,
    _SATISFACTION,
    _SCORES,
    _CasePlan,
    _ClientPlan,
    _Story,
)
from api.demo.names import experts_on, opponent, serial_number
from api.demo.rights import held_right
from domain.services.common import IP_TYPE_LABELS, IpType
from domain.services.dispute_guidance import EvidenceBody, MediationOutcome, Route
from domain.services.rights_assistance import AssistanceOutcome, GuidanceKind, ReferralTarget

if TYPE_CHECKING:
    from api.demo.world import Demo


def new_story(demo: Demo, client: _ClientPlan) -> _Story:
    return _Story(
        ip_type=demo.pick(client.sector.ip_weights),
        opponent=opponent(demo, client),
        product=demo.rng.choice(client.sector.products),
    )


# Payloads of 5.1.4 and 5.1.7 ----------------------------------------------------------------------


def dispute_payload(demo: Demo, code: str, plan: _CasePlan, story: _Story, at: datetime) -> dict[str, Any]:
    rng = demo.rng
    inst = plan.institution
    client = plan.client.short
    ip = IP_TYPE_LABELS[story.ip_type].zh
    if code == "routes_explained":
        story.route = demo.pick(_ROUTE_BY_DISPUTE[story.dispute_kind]) if rng.random() < 0.9 else None
        routes = (
            list(Route)
            if rng.random() < 0.7
            else sorted({story.route or Route.MEDIATION, *rng.sample(list(Route), 2)}, key=list(Route).index)
        )
        return {
            "routes": [r.value for r in routes],
            "recommended": story.route.value if story.route else None,
            "note": "介绍行政投诉、司法诉讼、调解、和解、仲裁等途径的程序、时限与成本",
        }
    if code == "mediation_session":
        outcome = rng.choices(list(MediationOutcome), (35, 15, 25, 25))[0]
        story.mediation = outcome
        if outcome is MediationOutcome.AGREEMENT:
            story.paths.append("mediation")
        amount = rng.choice((0.5, 1, 1.5, 2, 3, 5, 8, 10, 15, 20, 30))
        note = {
            MediationOutcome.AGREEMENT: f"双方达成调解协议：{story.opponent}于{rng.choice((7, 10, 15, 30))}日内"
            f"停止相关行为并赔偿{amount:g}万元",
            MediationOutcome.PARTIAL_AGREEMENT: "双方就停止侵权达成一致，赔偿数额分歧较大，约定另行协商",
            MediationOutcome.NO_AGREEMENT: "双方对侵权事实认定分歧较大，调解未果，告知可另循诉讼或仲裁途径",
            MediationOutcome.ADJOURNED: "被申请人代理人请求补充提交证据，调解延期",
        }[outcome]
        present = [client, story.opponent]
        if rng.random() < 0.4:
            present.append(f"{rng.choice(LAW_FIRMS)}律师")
        mediator = story.open_mediator or rng.choice(inst.mediators)
        story.open_mediator = mediator if outcome is MediationOutcome.ADJOURNED else None
        return {
            "mediator": mediator,
            "room": rng.choice(("调解室", "第一调解室", "知识产权纠纷调解室", "线上调解（视频）")),
            "parties_present": present,
            "outcome": outcome.value,
            "note": note,
        }
    if code == "expert_consultation":
        steer = rng.random() < 0.3
        return {
            "experts": experts_on(demo, plan.client.sector, rng.randint(2, 3)),
            "opinion": opinion(demo, story),
            "steered_to_mediation": steer,
        }
    if code == "mediation_committee_referral":
        story.paths.append("committee")
        return {
            "committee": MEDIATION_COMMITTEE,
            "support_given": rng.choice(
                ("协助准备调解申请书及证据目录", "联系调解员并预约调解时间", "告知调解协议可申请司法确认")
            ),
        }
    if code == "evidence_referral":
        arbitration = rng.random() < (0.8 if story.route is Route.ARBITRATION else 0.15)
        if arbitration:
            story.paths.append("arbitration")
            return {
                "body_kind": EvidenceBody.ARBITRATION.value,
                "body_name": ARBITRATION_COMMISSION,
                "purpose": rng.choice(("申请仲裁前证据保全", "合同纠纷仲裁申请指导")),
            }
        story.paths.append("notary")
        return {
            "body_kind": EvidenceBody.NOTARY.value,
            "body_name": rng.choice(NOTARIES),
            "purpose": rng.choice(
                (
                    f"对{story.opponent}{rng.choice(SALES_CHANNELS)}销售页面进行证据保全",
                    f"公证购买被控侵权的{story.product}",
                    "对网络传播内容进行电子数据存证",
                )
            ),
        }
    if code == "litigation_guidance":
        story.paths.append("litigation")
        court = demo.pick(COURTS) if rng.random() < 0.9 else None
        return {
            "court": court,
            "guidance": rng.choice(
                (
                    "指导准备起诉状、权利证明及侵权比对表，提示三年诉讼时效",
                    "讲解诉前财产保全与行为保全的申请条件",
                    "建议先行发送律师函，再视对方回应决定是否起诉",
                    "说明诉讼费用、证据规则及可申请诉前调解",
                )
            ),
        }
    if code == "parties_followed_up":
        contacted = [client] if rng.random() < 0.7 else [client, story.opponent]
        return {
            "contacted": contacted,
            "method": rng.choices(("phone", "wechat", "visit", "email"), (70, 18, 8, 4))[0],
            "result": dispute_result(demo, story),
        }
    if code == "archived":
        return {"archive_no": serial_number(demo, inst, "JF", at, 4), "resolution": resolution(demo, story)}
    if code == "typical_case_written":
        how = {
            "mediation": "调解室快速调解",
            "committee": "人民调解委员会调解",
            "litigation": "诉讼指导",
            "arbitration": "仲裁引导",
            "notary": "公证取证助力维权",
        }
        path = story.paths[-1] if story.paths else "mediation"
        who = "个人" if plan.client.sector is PERSONAL else f"{plan.client.sector.tag}领域"
        return {
            "title": f"{who}{story.product}{ip}纠纷{how[path]}案",
            "summary": f"{inst.spec.name}受理{client}与{story.opponent}之间的{ip}纠纷，"
            f"经{how[path]}妥善化解，为同类纠纷提供了可复制的处理经验。",
            "tags": [ip, how[path], plan.client.sector.tag],
        }
    if code == "need_collected":
        wanted = rng.sample(list(GuidanceKind), rng.randint(1, 3))
        return {
            "description": f"{client}发现{story.opponent}{infringing_act(demo, story)}",
            "right_number": right_number(demo, story, plan.client, at),
            "infringer": story.opponent,
            "help_wanted": [g.value for g in sorted(wanted, key=list(GuidanceKind).index)],
        }
    if code == "guidance_given":
        kind = rng.choice(list(GuidanceKind))
        content = {
            GuidanceKind.EVIDENCE_COLLECTION: (
                "指导当事人通过公证购买固定侵权产品及销售票据",
                "指导对网店页面进行时间戳电子存证",
                "指导保存交易记录、聊天记录等电子证据",
            ),
            GuidanceKind.PROCEDURE_CONSULTATION: (
                "讲解行政裁决与民事诉讼的程序、时限及所需材料",
                "说明向西宁市市场监督管理局投诉举报的流程",
                "解答电商平台知识产权投诉流程",
            ),
            GuidanceKind.DISPUTE_MEDIATION: (
                "指导当事人与对方协商，草拟和解协议要点",
                "建议申请调解室调解并协助准备调解申请材料",
            ),
        }[kind]
        return {"kind": kind.value, "content": rng.choice(content)}
    if code == "expert_panel_advice":
        return {
            "experts": experts_on(demo, plan.client.sector, 3),
            "difficulty": difficulty(demo, story),
            "legal_advice": rng.choice(
                (
                    "建议先行固定证据并发送律师函",
                    "建议在诉讼中一并申请行为保全",
                    "建议针对可能的无效宣告请求做好答辩准备",
                    "建议以合同违约与侵权竞合择一主张",
                )
            ),
            "response_suggestions": rng.choice(
                (
                    "由维权援助律师团出具法律意见书",
                    "先行向电商平台投诉下架，再评估诉讼必要性",
                    "委托鉴定机构进行技术比对后再决定维权方式",
                )
            ),
        }
    if code == "referred":
        target = rng.choices(list(ReferralTarget), (45, 15, 25, 15))[0]
        story.referred = target
        region = None
        if target is ReferralTarget.LAWYER_GROUP:
            body = f"西宁市知识产权维权援助律师团（{rng.choice(LAW_FIRMS)}）"
        elif target is ReferralTarget.ARBITRATION:
            body = ARBITRATION_COMMISSION
        elif target is ReferralTarget.PROFESSIONAL_INSTITUTION:
            body = rng.choice(PROFESSIONAL_BODIES[story.ip_type])
        else:
            body, region = rng.choice(CROSS_REGION)
        return {"target": target.value, "body_name": body, "region": region}
    if code == "return_visit":
        if story.referred is ReferralTarget.CROSS_REGION or story.referred is ReferralTarget.ARBITRATION:
            outcome_weights: tuple[float, ...] = (35, 20, 10, 35)
        else:
            outcome_weights = (55, 20, 12, 13)
        result = rng.choices(list(AssistanceOutcome), outcome_weights)[0]
        satisfaction = rng.choices(_SCORES, _SATISFACTION[result])[0]
        return {"outcome": result.value, "satisfaction": satisfaction, "visited_by": rng.choice(inst.staff)}
    raise AssertionError(f"no payload for step {code}")


# Words ----------------------------------------------------------------------------------------------


def infringing_act(demo: Demo, story: _Story) -> str:
    rng = demo.rng
    channel = rng.choice(SALES_CHANNELS)
    return {
        IpType.PATENT: f"在{channel}销售的{story.product}涉嫌落入其专利权保护范围",
        IpType.TRADEMARK: f"在{channel}销售的{story.product}使用了与其注册商标近似的标识",
        IpType.COPYRIGHT: f"未经许可在{channel}使用其{story.product}相关作品",
        IpType.TRADE_SECRET: f"通过其离职员工获取{story.product}的工艺参数及客户名单",
        IpType.DATA_IP: "擅自爬取并商用其已登记的数据资源",
        IpType.IC_LAYOUT: f"{story.product}所用芯片疑似复制其集成电路布图设计",
    }[story.ip_type]


def opinion(demo: Demo, story: _Story) -> str:
    return demo.rng.choice(
        {
            IpType.PATENT: (
                "经技术比对，被控产品技术特征落入权利要求1保护范围，侵权可能性较大",
                "被控产品缺少权利要求中的一项必要技术特征，侵权认定存在难度",
            ),
            IpType.TRADEMARK: (
                "涉案标识与注册商标构成近似，易导致相关公众混淆",
                "涉案标识整体差异明显，构成商标侵权的可能性较小",
            ),
            IpType.COPYRIGHT: (
                "权利人可提供底稿及登记证书，权属清晰，侵权事实基本成立",
                "现有证据不足以证明接触可能性，建议补充创作过程证据",
            ),
            IpType.TRADE_SECRET: (
                "权利人保密措施较为完善，可主张构成商业秘密",
                "涉案信息部分已公开，秘密性认定存在风险",
            ),
            IpType.DATA_IP: ("数据来源合法、经登记公示，可依据数据知识产权登记证书主张权利",),
            IpType.IC_LAYOUT: ("布图设计具有独创性，建议委托鉴定机构进行比对",),
        }[story.ip_type]
    )


def difficulty(demo: Demo, story: _Story) -> str:
    return {
        IpType.PATENT: "涉案专利权利要求的解释及现有技术抗辩存在争议",
        IpType.TRADEMARK: "商标近似性及混淆可能性判断难度大",
        IpType.COPYRIGHT: "作品独创性及权属链条证明难度较大",
        IpType.TRADE_SECRET: "商业秘密的秘密性与保密措施认定困难",
        IpType.DATA_IP: "数据来源合法性及权属认定复杂",
        IpType.IC_LAYOUT: "布图设计独创性部分的比对需专业鉴定",
    }[story.ip_type]


def dispute_result(demo: Demo, story: _Story) -> str:
    path = story.paths[-1] if story.paths else None
    options = {
        "mediation": ("对方已按调解协议支付赔偿款并下架相关商品", "调解协议已履行完毕，当事人对处理结果表示满意"),
        "committee": (
            "人民调解委员会已组织调解，双方签订调解协议并申请司法确认",
            "人民调解仍在进行中，当事人表示将继续配合",
        ),
        "litigation": (
            "当事人已向西宁市中级人民法院提起诉讼，法院已立案受理",
            "诉前调解中，当事人表示将继续跟进",
            "一审已判决支持当事人主要诉讼请求",
        ),
        "arbitration": ("当事人已向西宁仲裁委员会申请仲裁", "仲裁裁决已作出，对方正在履行"),
        "notary": ("证据已公证保全，当事人已向对方发送律师函", "对方收到律师函后已停止侵权行为"),
        None: (
            "双方自行和解，当事人撤回求助",
            "对方已停止侵权行为，当事人不再追究",
            "当事人决定暂不采取进一步行动",
        ),
    }[path]
    return demo.rng.choice(options)


def resolution(demo: Demo, story: _Story) -> str:
    path = story.paths[-1] if story.paths else None
    return {
        "mediation": "调解成功，履行完毕后结案",
        "committee": "经人民调解委员会调解结案",
        "litigation": "已引导进入诉讼程序，指导工作结束",
        "arbitration": "已引导进入仲裁程序，指导工作结束",
        "notary": "证据保全完成，当事人自行维权，指导工作结束",
        None: demo.rng.choice(("双方和解，结案", "当事人撤回求助，结案")),
    }[path]


def right_number(demo: Demo, story: _Story, client: _ClientPlan, at: datetime) -> str | None:
    """The number of the right the client asks help for: one it holds (a trade secret has none)."""
    if story.ip_type is IpType.TRADE_SECRET:
        return None
    right = held_right(demo, client, story.ip_type, demo.day(at))
    return f"第{right.number}号" if story.ip_type is IpType.TRADEMARK else right.number
