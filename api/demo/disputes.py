"""What dispute guidance (5.1.7) and rights assistance (5.1.4) share: the story of a case so far, and its words."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from api.demo.content_places import SALES_CHANNELS
from api.demo.model import _ClientPlan
from api.demo.names import opponent
from api.demo.rights import held_right
from api.demo.world import Demo
from domain.services.common import IpType
from domain.services.dispute_guidance import DisputeKind, MediationOutcome, Route
from domain.services.rights_assistance import AssistanceOutcome, ReferralTarget

# Gaps between a dispute or assistance step and the one before it, in hours (drawn log-uniformly).
GAPS: dict[str, tuple[float, float]] = {
    "routes_explained": (0.1, 72),
    "mediation_session": (48, 504),
    "expert_consultation": (72, 336),
    "mediation_committee_referral": (24, 168),
    "evidence_referral": (24, 240),
    "litigation_guidance": (48, 480),
    "parties_followed_up": (168, 1080),
    "archived": (24, 240),
    "typical_case_written": (336, 2160),
    "need_collected": (0.1, 48),
    "guidance_given": (24, 240),
    "expert_panel_advice": (120, 480),
    "referred": (24, 168),
    "return_visit": (240, 1080),
}


@dataclass
class Story:
    """What has happened in a dispute or assistance case so far, beyond its step codes."""

    ip_type: IpType
    opponent: str
    product: str
    route: Route | None = None
    mediation: MediationOutcome | None = None
    referred: ReferralTarget | None = None
    paths: list[str] = field(default_factory=list)  # litigation, arbitration, committee, notary...
    dispute_kind: DisputeKind = DisputeKind.INFRINGEMENT
    difficult: bool = False
    open_mediator: str | None = None  # who continues an adjourned mediation (5.1.7.b: one open mediation)
    visited: AssistanceOutcome | None = None  # the last return visit's finding (5.1.8)


def new_story(demo: Demo, client: _ClientPlan) -> Story:
    return Story(
        ip_type=demo.pick(client.sector.ip_weights),
        opponent=opponent(demo, client),
        product=demo.rng.choice(client.sector.products),
    )


# Words ----------------------------------------------------------------------------------------------


def infringing_act(demo: Demo, story: Story) -> str:
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


def opinion(demo: Demo, story: Story) -> str:
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


def difficulty(demo: Demo, story: Story) -> str:
    return {
        IpType.PATENT: "涉案专利权利要求的解释及现有技术抗辩存在争议",
        IpType.TRADEMARK: "商标近似性及混淆可能性判断难度大",
        IpType.COPYRIGHT: "作品独创性及权属链条证明难度较大",
        IpType.TRADE_SECRET: "商业秘密的秘密性与保密措施认定困难",
        IpType.DATA_IP: "数据来源合法性及权属认定复杂",
        IpType.IC_LAYOUT: "布图设计独创性部分的比对需专业鉴定",
    }[story.ip_type]


def dispute_result(demo: Demo, story: Story) -> str:
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


def resolution(demo: Demo, story: Story) -> str:
    path = story.paths[-1] if story.paths else None
    return {
        "mediation": "调解成功，履行完毕后结案",
        "committee": "经人民调解委员会调解结案",
        "litigation": "已引导进入诉讼程序，指导工作结束",
        "arbitration": "已引导进入仲裁程序，指导工作结束",
        "notary": "证据保全完成，当事人自行维权，指导工作结束",
        None: demo.rng.choice(("双方和解，结案", "当事人撤回求助，结案")),
    }[path]


def right_number(demo: Demo, story: Story, client: _ClientPlan, at: datetime) -> str | None:
    """The number of the right the client asks help for: one it holds (a trade secret has none)."""
    if story.ip_type is IpType.TRADE_SECRET:
        return None
    right = held_right(demo, client, story.ip_type, demo.day(at))
    return f"第{right.number}号" if story.ip_type is IpType.TRADEMARK else right.number
