"""6: the registries (staff, their trainings, the knowledge base, outside bodies)."""

from __future__ import annotations

from datetime import date

from api.demo.content_clients import _C, _D, _P, _S, _T
from api.demo.content_places import (
    _AC,
    _PC,
    _TISC,
    _UC,
    _WS,
    ARBITRATION_COMMISSION,
    BANKS,
    GUARANTORS,
    LAW_FIRMS,
    MARKET_REGULATOR,
    MEDIATION_COMMITTEE,
    NOTARIES,
    PATENT_AGENCIES,
    PROVINCIAL_OFFICE,
    TRADEMARK_AGENCIES,
    VALUATION_FIRMS,
)
from api.demo.content_policies import COMPLIANCE_STANDARD
from domain.parties import InstitutionKind
from domain.registries import BodyKind, KnowledgeCategory, TrainingKind
from domain.services.common import IpType

# 6: the registries
STAFF_DUTIES: dict[InstitutionKind, str] = {
    _PC: "专利快速预审、快速维权与纠纷调解",
    _AC: "维权援助受理、纠纷调解与跟踪回访",
    _UC: "专利信息检索分析与科技成果转化服务",
    _TISC: "专利检索、技术创新支持与知识产权培训",
    _WS: "政策宣传、业务咨询与申请引导",
}
# (topic, provider, hours); {inst} is the staff member's institution
STAFF_TRAININGS: dict[TrainingKind, tuple[tuple[str, str, float], ...]] = {
    TrainingKind.PRE_JOB: (("知识产权公共服务岗前培训", PROVINCIAL_OFFICE, 24), ("新入职人员岗前培训", "{inst}", 16)),
    TrainingKind.CAPACITY: (
        ("全省知识产权维权援助业务能力提升培训", PROVINCIAL_OFFICE, 16),
        ("专利检索与分析实务培训", "青海大学国家知识产权信息服务中心", 12),
        ("知识产权纠纷调解员能力提升培训", MEDIATION_COMMITTEE, 8),
    ),
    TrainingKind.EXCHANGE: (
        ("甘青两省知识产权保护中心业务交流会", "甘肃省知识产权保护中心", 6),
        ("西宁市知识产权公共服务网点经验交流会", MARKET_REGULATOR, 4),
    ),
    TrainingKind.HEARING_OBSERVATION: (
        ("旁听专利侵权纠纷案件庭审", "西宁市中级人民法院", 3),
        ("旁听商标侵权纠纷案件庭审", "西宁市中级人民法院", 3),
    ),
    TrainingKind.STUDY: (
        ("新修订《专利法实施细则》专题学习", "{inst}", 3),
        ("商标恶意注册规制专题学习", "{inst}", 2),
        ("《知识产权强国建设纲要（2021—2035年）》学习", "{inst}", 2),
    ),
}
# (title, category, content, tags, source, ip_types, published)
KNOWLEDGE: tuple[tuple[str, KnowledgeCategory, str, tuple[str, ...], str, tuple[IpType, ...], date | None], ...] = (
    (
        "中华人民共和国专利法（2020年修正）",
        KnowledgeCategory.LAW,
        "2020年10月17日第十三届全国人民代表大会常务委员会第二十二次会议修正，自2021年6月1日起施行",
        ("专利", "法律"),
        "全国人民代表大会常务委员会",
        (_P,),
        date(2020, 10, 17),
    ),
    (
        "中华人民共和国商标法（2019年修正）",
        KnowledgeCategory.LAW,
        "2019年4月23日修正，自2019年11月1日起施行，加大对恶意注册和侵权行为的规制",
        ("商标", "法律"),
        "全国人民代表大会常务委员会",
        (_T,),
        date(2019, 4, 23),
    ),
    (
        "中华人民共和国著作权法（2020年修正）",
        KnowledgeCategory.LAW,
        "2020年11月11日修正，自2021年6月1日起施行",
        ("著作权", "法律"),
        "全国人民代表大会常务委员会",
        (_C,),
        date(2020, 11, 11),
    ),
    (
        "中华人民共和国专利法实施细则（2023年修订）",
        KnowledgeCategory.LAW,
        "国务院修订公布，自2024年1月20日起施行",
        ("专利", "实施细则"),
        "国务院",
        (_P,),
        None,
    ),
    (
        "西宁市知识产权公共服务规范",
        KnowledgeCategory.STANDARD,
        "本市知识产权公共服务的服务内容、服务保障及服务评价与改进要求",
        ("服务规范",),
        MARKET_REGULATOR,
        (),
        None,
    ),
    (
        COMPLIANCE_STANDARD,
        KnowledgeCategory.STANDARD,
        "企业建立、实施、保持和改进知识产权合规管理体系的要求",
        ("合规管理", "国家标准"),
        "国家市场监督管理总局、国家标准化管理委员会",
        (_P, _T, _C, _S),
        None,
    ),
    (
        "专利申请办事指南",
        KnowledgeCategory.GUIDE,
        "专利申请的材料、费用、减缴条件和线上线下办理渠道",
        ("专利申请", "办事指南"),
        MARKET_REGULATOR,
        (_P,),
        None,
    ),
    (
        "商标注册办事指南",
        KnowledgeCategory.GUIDE,
        "商标注册申请的材料、类别选择、费用和审查流程",
        ("商标注册", "办事指南"),
        MARKET_REGULATOR,
        (_T,),
        None,
    ),
    (
        "专利权质押登记办事指南",
        KnowledgeCategory.GUIDE,
        "质押登记的申请材料、办理时限及贴息政策衔接",
        ("质押融资", "办事指南"),
        MARKET_REGULATOR,
        (_P,),
        None,
    ),
    (
        "保护中心专利快速预审服务指南",
        KnowledgeCategory.GUIDE,
        "备案条件、预审技术领域、提交方式与办理时限",
        ("快速预审",),
        "西宁市知识产权保护中心",
        (_P,),
        None,
    ),
    (
        "数据知识产权登记指引",
        KnowledgeCategory.GUIDE,
        "数据知识产权登记的对象、材料、公示与证书",
        ("数据知识产权", "登记"),
        "青海省数据知识产权登记服务中心",
        (_D,),
        None,
    ),
    (
        "业务咨询常见问题汇编（{year}年版）",
        KnowledgeCategory.FAQ,
        "咨询档案中的高频问题及答复口径：专利类型选择、商标近似判断、费用减缴、侵权应对等",
        ("常见问题",),
        MARKET_REGULATOR,
        (_P, _T, _C),
        None,
    ),
    (
        "西宁市锂电产业专利态势简报",
        KnowledgeCategory.INDUSTRY,
        "盐湖提锂、正极材料、储能电池等技术分支的专利申请趋势和主要申请人",
        ("锂电", "专利导航"),
        "西宁市知识产权保护中心",
        (_P,),
        None,
    ),
    (
        "西宁市光伏产业专利态势简报",
        KnowledgeCategory.INDUSTRY,
        "硅片、电池片、组件等环节的专利布局与风险提示",
        ("光伏", "专利导航"),
        "西宁市知识产权保护中心",
        (_P,),
        None,
    ),
    (
        "牦牛肉干商标侵权纠纷调解案",
        KnowledgeCategory.TYPICAL_CASE,
        "调解室快速调解，侵权方停止销售并赔偿，为同类农畜产品商标纠纷提供参考",
        ("商标", "调解", "典型案例"),
        "西宁市知识产权保护中心",
        (_T,),
        None,
    ),
)
OUTSIDE_BODIES: tuple[tuple[str, BodyKind], ...] = (
    *((name, BodyKind.LAW_FIRM) for name in LAW_FIRMS[:4]),
    *((name, BodyKind.NOTARY) for name in NOTARIES[:2]),
    (ARBITRATION_COMMISSION, BodyKind.ARBITRATION_COMMISSION),
    (MEDIATION_COMMITTEE, BodyKind.MEDIATION_COMMITTEE),
    *((name, BodyKind.IP_AGENCY) for name in (*PATENT_AGENCIES, TRADEMARK_AGENCIES[0])),
    *((name, BodyKind.VALUATION_INSTITUTION) for name, _ in VALUATION_FIRMS),
    *((name, BodyKind.FINANCIAL_INSTITUTION) for name in (BANKS[0], BANKS[1], GUARANTORS[0])),
    (MARKET_REGULATOR, BodyKind.PUBLIC_SERVICE_DEPARTMENT),
)
