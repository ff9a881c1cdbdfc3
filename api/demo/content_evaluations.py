"""7.1 and 7.2: what a low evaluation says, and what is done about it."""

from __future__ import annotations

from domain.evaluation import Indicator

# 7.1 and 7.2: what a low evaluation says, and what is done about it
_SEARCHING = frozenset({"info_search", "info_analysis", "risk_prevention"})
_REFERRING = frozenset({"application_guidance", "consultation", "risk_prevention", "four_places", "ip_finance"})
# A low score's comment, and the service types it can be about (None: any).
LOW_COMMENTS: dict[Indicator, tuple[tuple[str, frozenset[str] | None], ...]] = {
    Indicator.PROFESSIONAL_LEVEL: (
        ("工作人员对问题解答不够专业，答非所问", None),
        ("给出的意见过于笼统，没有针对我们的实际情况", None),
        ("检索报告过于简单，没有结论性意见", _SEARCHING),
        ("讲师对实务问题讲得不透", frozenset({"training"})),
    ),
    Indicator.ATTITUDE: (
        ("电话多次无人接听，接通后态度生硬", None),
        ("工作人员不耐烦，解释问题敷衍", None),
        ("调解过程中对我方态度冷淡", frozenset({"dispute_guidance", "rights_assistance"})),
    ),
    Indicator.CONTENT: (
        ("提供的材料清单不完整，来回跑了三次", None),
        ("培训内容偏理论，实用性不强", frozenset({"training"})),
        ("推荐的机构与我们的需求不匹配", _REFERRING),
        ("宣传内容与我们关心的问题关系不大", frozenset({"publicity", "policy_promotion"})),
    ),
    Indicator.QUALITY: (
        ("回复时间太长，等了一周多才有人联系", None),
        ("承诺的跟进没有兑现，一直没有下文", None),
        ("对接的金融机构审批慢，服务不到位", frozenset({"ip_finance"})),
    ),
    Indicator.SATISFACTION: (("问题最终没有得到解决，整体不满意", None), ("办理流程不清楚，体验较差", None)),
}
GOOD_COMMENTS = (
    "工作人员很专业，解答耐心细致",
    "响应及时，帮了大忙",
    "服务周到，流程清楚",
    "专家意见很有针对性",
    "希望以后多开展类似服务",
)
MEASURES: dict[Indicator, tuple[tuple[tuple[str, ...], str], ...]] = {
    Indicator.PROFESSIONAL_LEVEL: (
        (
            ("组织咨询人员开展商标、专利法律实务专题培训", "建立疑难问题专家会商机制"),
            "两周内完成专题培训，月底前上线会商流程",
        ),
        (("检索分析报告增加结论与建议章节", "报告出具前由专职人员复核"), "修订报告模板并试行一个月"),
    ),
    Indicator.ATTITUDE: (
        (("开展服务规范与沟通技巧培训", "将服务态度纳入月度考核"), "本月内完成全员培训，次月起纳入考核"),
        (("公布服务监督电话", "落实首问负责制"), "即日起执行，月底检查落实情况"),
    ),
    Indicator.CONTENT: (
        (("修订服务指南和一次性告知清单", "在网站和服务窗口公开办事材料清单"), "三周内完成修订并公开"),
        (("建立代理机构服务评价与动态调整机制",), "一个月内完成首轮评价"),
    ),
    Indicator.QUALITY: (
        (("建立办理时限提醒机制", "对超期未回复事项实行督办"), "两周内上线时限提醒，每周通报超期事项"),
        (("回访承诺事项纳入跟进台账", "每周检查台账落实情况"), "即日起执行"),
    ),
    Indicator.SATISFACTION: (
        (("对未解决事项重新会商并制定跟进方案", "由中心负责人牵头回访"), "十个工作日内完成会商和回访"),
    ),
}
DISMISS_REASONS = (
    "经回访核实，低分系当事人对纠纷处理结果不满，非服务本身问题，已做好解释工作",
    "经回访，当事人误将其他机构的服务评价至本案，当事人已确认",
)
