"""Policies, projects, rules, trainings, occasions, compliance, finance and industries."""

from __future__ import annotations

from api.demo.content_places import (
    BANKS,
    GUARANTORS,
    INSURERS,
    INVESTORS,
    MARKET_REGULATOR,
    PROVINCIAL_OFFICE,
    SECURITIES_FIRMS,
)
from domain.services.four_places import FourPlace
from domain.services.ip_finance import FinanceKind
from domain.services.key_industry import KeyIndustry
from domain.services.policy_promotion import KeyIndustry as PolicyIndustry
from domain.services.policy_promotion import PolicyKind, PolicyLevel
from domain.services.publicity import DailyTopic, KeyOccasion
from domain.services.risk_prevention import RuleSystem

# 5.1.2: (title, level, kind, issuer)
POLICIES: tuple[tuple[str, PolicyLevel, PolicyKind, str], ...] = (
    ("知识产权强国建设纲要（2021—2035年）", PolicyLevel.NATIONAL, PolicyKind.SUPPORT, "中共中央、国务院"),
    ("“十四五”国家知识产权保护和运用规划", PolicyLevel.NATIONAL, PolicyKind.SUPPORT, "国务院"),
    ("专利转化运用专项行动方案（2023—2025年）", PolicyLevel.NATIONAL, PolicyKind.SUPPORT, "国务院办公厅"),
    (
        "国家知识产权优势企业和示范企业培育工作方案",
        PolicyLevel.NATIONAL,
        PolicyKind.PILOT_APPLICATION,
        "国家知识产权局",
    ),
    ("知识产权质押融资入园惠企行动方案", PolicyLevel.NATIONAL, PolicyKind.SUPPORT, "国家知识产权局"),
    ("青海省知识产权专项资金管理办法", PolicyLevel.QINGHAI, PolicyKind.SUPPORT, "青海省财政厅、青海省知识产权局"),
    ("青海省专利奖评奖办法", PolicyLevel.QINGHAI, PolicyKind.REWARD, PROVINCIAL_OFFICE),
    ("青海省知识产权质押融资风险补偿资金管理办法", PolicyLevel.QINGHAI, PolicyKind.SUPPORT, PROVINCIAL_OFFICE),
    ("青海省高价值专利培育工程实施方案", PolicyLevel.QINGHAI, PolicyKind.PILOT_APPLICATION, PROVINCIAL_OFFICE),
    ("西宁市知识产权资助奖励办法", PolicyLevel.XINING, PolicyKind.REWARD, MARKET_REGULATOR),
    ("西宁市知识产权示范企业认定管理办法", PolicyLevel.XINING, PolicyKind.PILOT_APPLICATION, MARKET_REGULATOR),
    ("西宁市专利导航项目申报指南", PolicyLevel.XINING, PolicyKind.PILOT_APPLICATION, MARKET_REGULATOR),
    ("西宁市知识产权质押融资贴息补助实施细则", PolicyLevel.XINING, PolicyKind.SUPPORT, MARKET_REGULATOR),
)
POLICY_INDUSTRY_NAMES: dict[PolicyIndustry, str] = {
    PolicyIndustry.PV_LITHIUM: "光伏锂电",
    PolicyIndustry.BIOMEDICINE: "生物医药",
    PolicyIndustry.GREEN_COMPUTING: "绿色算力",
    PolicyIndustry.SALT_LAKE_CHEMICALS: "盐湖化工",
    PolicyIndustry.NEW_MATERIALS: "新材料",
    PolicyIndustry.PLATEAU_AGRICULTURE: "高原特色农牧",
    PolicyIndustry.OTHER: "文化旅游",
}
INDUSTRY_POLICIES: dict[PolicyIndustry, tuple[str, ...]] = {
    PolicyIndustry.PV_LITHIUM: ("青海省光伏制造业高质量发展实施方案", "青海省锂电产业链高质量发展行动方案"),
    PolicyIndustry.SALT_LAKE_CHEMICALS: (
        "青海省世界级盐湖产业基地建设行动方案",
        "盐湖资源综合利用产业知识产权保护指引",
    ),
    PolicyIndustry.BIOMEDICINE: ("青海省中藏药产业高质量发展实施意见", "西宁市生物医药产业发展扶持办法"),
    PolicyIndustry.GREEN_COMPUTING: ("青海省绿色算力产业发展规划", "西宁市数据要素市场化配置改革实施方案"),
    PolicyIndustry.PLATEAU_AGRICULTURE: (
        "青海省绿色有机农畜产品输出地建设行动方案",
        "西宁市地理标志运用促进工程实施方案",
    ),
    PolicyIndustry.NEW_MATERIALS: ("青海省新材料产业高质量发展实施方案",),
    PolicyIndustry.OTHER: ("青海省文化和旅游产业知识产权保护工作方案",),
}
POLICY_CHANGES: dict[PolicyIndustry, str] = {
    PolicyIndustry.PV_LITHIUM: "新增锂电池回收利用专利奖励条款",
    PolicyIndustry.GREEN_COMPUTING: "新增数据知识产权登记补贴",
    PolicyIndustry.PLATEAU_AGRICULTURE: "新增地理标志运用促进项目",
    PolicyIndustry.SALT_LAKE_CHEMICALS: "调整盐湖资源综合利用专利导航项目申报条件",
    PolicyIndustry.BIOMEDICINE: "提高中藏药发明专利授权资助标准",
}
# (project, level, authority, materials)
PROJECTS: tuple[tuple[str, PolicyLevel, str, tuple[str, ...]], ...] = (
    (
        "{year}年度西宁市知识产权示范企业认定",
        PolicyLevel.XINING,
        MARKET_REGULATOR,
        ("申报书", "知识产权管理制度文件", "近三年专利清单", "营业执照复印件"),
    ),
    (
        "{year}年度国家知识产权优势企业申报",
        PolicyLevel.NATIONAL,
        "国家知识产权局（经青海省知识产权局推荐）",
        ("申报书", "知识产权工作情况报告", "有效专利清单", "研发投入证明"),
    ),
    (
        "{year}年度青海省专利奖申报",
        PolicyLevel.QINGHAI,
        PROVINCIAL_OFFICE,
        ("专利奖申报书", "专利证书复印件", "经济效益证明"),
    ),
    (
        "{year}年度西宁市专利转化专项资助",
        PolicyLevel.XINING,
        MARKET_REGULATOR,
        ("资助申请表", "专利实施许可合同", "技术合同登记证明"),
    ),
    (
        "{year}年度知识产权质押融资贴息",
        PolicyLevel.XINING,
        MARKET_REGULATOR,
        ("贴息申请表", "借款合同", "质押登记通知书", "利息支付凭证"),
    ),
    (
        "{year}年度青海省高价值专利培育项目",
        PolicyLevel.QINGHAI,
        PROVINCIAL_OFFICE,
        ("项目申报书", "专利组合清单", "培育实施方案"),
    ),
)

# 5.1.3
RULE_DOCUMENTS: dict[RuleSystem, tuple[str, ...]] = {
    RuleSystem.IP_PROTECTION: (
        "《知识产权管理办法》",
        "《新产品上市前知识产权风险排查制度》",
        "《职务发明奖励报酬办法》",
    ),
    RuleSystem.CONFIDENTIALITY: (
        "《技术秘密保密管理规定》",
        "《研发人员保密与竞业限制协议》",
        "《涉密资料分级管理办法》",
    ),
    RuleSystem.COMPLIANCE: ("《合同知识产权条款审查流程》", "《对外合作知识产权合规指引》"),
}
RULE_GAPS = (
    "研发人员离职未签竞业限制协议",
    "技术资料未分级管理，涉密文件可随意拷贝",
    "对外合作合同未约定成果归属",
    "未建立新产品上市前的侵权风险排查流程",
    "商标使用不规范，存在被撤销的风险",
)
RISK_TRAINING_TOPICS = (
    "研发过程中的专利侵权风险识别",
    "商业秘密保护与员工保密管理",
    "产品出口前的海外知识产权风险排查",
    "商标规范使用与品牌风险防控",
)

# 5.1.10
TRAINING_QUESTIONS = (
    "软件著作权登记需要多长时间",
    "职务发明的奖励报酬怎么约定",
    "商标续展有没有宽展期",
    "专利申请被驳回后怎么办",
    "专利质押贷款的利息能否补贴",
    "PCT申请的费用大约多少",
)
TRAINING_NEEDS = ("高价值专利培育", "专利质押融资", "海外知识产权风险防控", "商标品牌建设", "专利检索实操")
TRAINING_COMMENTS = ("案例讲解实用", "希望增加实操环节", "课件可以提前发放", "时间安排合理", "希望多组织此类培训")

# 5.1.11 (occasion, month, day, exhibition)
OCCASION_DATES: tuple[tuple[KeyOccasion, int, int, str | None], ...] = (
    (KeyOccasion.IP_WEEK, 4, 26, None),
    (KeyOccasion.CHINA_BRAND_DAY, 5, 10, None),
    (KeyOccasion.MAJOR_EXHIBITION, 6, 12, "中国（青海）藏毯国际展览会"),
    (KeyOccasion.MAJOR_EXHIBITION, 7, 6, "中国·青海绿色发展投资贸易洽谈会"),
    (KeyOccasion.PATENT_WEEK, 9, 16, None),
    (KeyOccasion.MASS_INNOVATION_WEEK, 10, 20, None),
)
PUBLICITY_THEMES: dict[KeyOccasion, tuple[str, ...]] = {
    KeyOccasion.IP_WEEK: ("全面加强知识产权保护 激发全社会创新活力", "知识产权保护 你我共同参与"),
    KeyOccasion.CHINA_BRAND_DAY: ("中国品牌 世界共享", "培育高原特色品牌 讲好青海品牌故事"),
    KeyOccasion.MAJOR_EXHIBITION: ("保护知识产权 护航绿色发展", "展会知识产权保护 让创新者安心参展"),
    KeyOccasion.PATENT_WEEK: ("专利转化运用 赋能高质量发展",),
    KeyOccasion.MASS_INNOVATION_WEEK: ("创新创业 知识产权先行",),
}
CAMPAIGN_VENUES = ("西宁市中心广场", "力盟商业巷步行街", "西宁市海湖新区万达广场", "青海国际会展中心", "{client}")
DAILY_TITLES: dict[DailyTopic, tuple[str, ...]] = {
    DailyTopic.LAWS: ("一图读懂新修订的《专利法实施细则》", "《商标法》中的恶意注册规制", "商业秘密保护的五个误区"),
    DailyTopic.POLICY: ("西宁市知识产权资助奖励政策问答", "专利质押融资贴息怎么申请", "数据知识产权登记政策解读"),
    DailyTopic.HOT_NEWS: ("我省新增一批国家知识产权优势企业", "青海首单数据知识产权质押融资落地"),
    DailyTopic.KNOWLEDGE: ("商标注册常见问题", "如何识别商标侵权", "软件著作权登记小贴士", "地理标志产品知多少"),
    DailyTopic.TYPICAL_CASES: ("牦牛肉干商标侵权纠纷调解案", "藏毯图案著作权纠纷典型案例"),
}
REPORT_OUTLETS = ("西宁晚报", "青海日报", "“西宁知识产权”微信公众号", "西宁市人民政府网站", "青海广播电视台")

# 5.1.12
COMPLIANCE_FINDINGS = (
    "未设专职知识产权岗位，职务发明奖酬制度缺失，技术合同未约定成果归属",
    "已有知识产权管理制度但执行不到位，研发记录不完整",
    "商业秘密保护措施薄弱，员工保密协议覆盖不全",
    "对外合作及采购合同缺少知识产权条款，存在权属和侵权风险",
    "海外销售产品未做专利和商标风险排查",
)
COMPLIANCE_DIFFICULTIES = (
    "缺少熟悉知识产权管理的专职人员",
    "研发记录不规范，难以证明技术来源",
    "管理层对合规投入的认识不足",
    "制度与业务流程脱节，执行难以落地",
    "缺少合同知识产权条款审查能力",
)
COMPLIANCE_MEASURES = (
    "制定知识产权管理手册",
    "设立知识产权专员岗位",
    "规范研发记录与技术合同审查",
    "推行电子研发记录本",
    "签订全员保密协议，核心人员签订竞业限制协议",
    "建立新产品上市前风险排查流程",
    "开展全员知识产权合规培训",
)
COMPLIANCE_STANDARD = "GB/T 29490-2023 企业知识产权合规管理体系 要求"

# 5.1.13: the financial institutions of each kind of financing, and the products they offer
FINANCE_PRODUCTS: dict[FinanceKind, tuple[tuple[str, ...], tuple[str, ...]]] = {
    FinanceKind.CREDIT: (BANKS, ("知识产权质押贷款", "科技型企业信用贷款")),
    FinanceKind.GUARANTEE: (GUARANTORS, ("知识产权质押融资担保",)),
    FinanceKind.INSURANCE: (INSURERS, ("专利执行保险", "知识产权海外侵权责任保险", "专利被侵权损失保险")),
    FinanceKind.INVESTMENT: (INVESTORS, ("科技成果转化股权投资",)),
    FinanceKind.SECURITIES: (SECURITIES_FIRMS, ("知识产权证券化产品",)),
}
FINANCE_PURPOSES = ("生产线扩建", "新产品研发", "补充流动资金", "技术改造", "购置检测设备")

# 5.2.2
CHAIN_SEGMENTS: dict[KeyIndustry, tuple[str, ...]] = {
    KeyIndustry.PHOTOVOLTAIC: ("单晶硅棒与硅片制造", "高效电池片", "光伏组件封装"),
    KeyIndustry.LITHIUM_BATTERY: ("盐湖卤水提锂与电池级碳酸锂精制", "正极材料", "储能电池系统"),
    KeyIndustry.SALT_LAKE_CHEMICALS: ("钾肥生产", "镁资源综合利用", "硼锂伴生资源提取"),
    KeyIndustry.BIOMEDICINE: ("中藏药制剂", "高原特色生物资源提取"),
    KeyIndustry.GREEN_COMPUTING: ("数据中心基础设施", "算力调度与云服务"),
    KeyIndustry.PLATEAU_AGRICULTURE: ("牦牛乳肉精深加工", "枸杞与青稞深加工", "青稞酒酿造"),
    KeyIndustry.ECO_TOURISM: ("藏毯与民族文创产品", "文旅融合产品"),
}
SEP_STANDARDS: dict[KeyIndustry, tuple[str, ...]] = {
    KeyIndustry.LITHIUM_BATTERY: (
        "GB/T 36276 电力储能用锂离子电池",
        "GB/T 34131 电化学储能电站用锂离子电池管理系统技术规范",
    ),
    KeyIndustry.GREEN_COMPUTING: ("5G NR（3GPP TS 38 系列）",),
}

# 5.2.4
PLACE_TOPICS: dict[FourPlace, tuple[str, ...]] = {
    FourPlace.SALT_LAKE_INDUSTRY: ("盐湖提锂专利技术脉络", "盐湖镁资源综合利用专利分析", "化工工艺类专利撰写要点"),
    FourPlace.CLEAN_ENERGY: ("光伏与储能技术专利态势", "绿电与算力融合的知识产权问题", "新能源装备出口专利风险"),
    FourPlace.ECO_TOURISM: ("文旅产品著作权与商标保护", "非物质文化遗产的知识产权保护", "民族手工艺外观设计保护"),
    FourPlace.GREEN_ORGANIC_PRODUCE: ("地理标志保护与运用", "农产品区域公用品牌建设", "绿色有机农畜产品商标布局"),
}
PLACE_NEEDS: dict[FourPlace, tuple[str, ...]] = {
    FourPlace.SALT_LAKE_INDUSTRY: ("新工艺专利挖掘", "技术秘密保护", "海外专利布局"),
    FourPlace.CLEAN_ENERGY: ("核心设备专利布局", "出口产品风险排查", "标准与专利融合"),
    FourPlace.ECO_TOURISM: ("文创产品版权登记", "民族图案外观设计保护", "旅游品牌商标注册"),
    FourPlace.GREEN_ORGANIC_PRODUCE: ("地理标志专用标志使用", "区域品牌商标注册", "产品包装外观设计"),
}

# 5.1.1 Qinghai characteristic industries: what a client of each sector asks for
INDUSTRY_NEEDS: dict[str, tuple[str, ...]] = {
    "高原农牧": ("希望申请使用地理标志专用标志并规范包装标注", "高原特色农产品商标注册和品牌培育"),
    "牦牛产品": ("牦牛乳制品商标品牌培育和地理标志运用", "牦牛肉干包装外观设计和商标布局"),
    "藏毯文创": ("藏毯传统图案的著作权登记与外观设计保护", "唐卡及民族手工艺品的版权保护"),
    "青稞酒": ("青稞酒老字号商标保护和包装外观设计布局",),
    "生物医药": ("藏药传统配方的技术秘密保护和专利布局", "藏药企业商标与地理标志运用"),
}
