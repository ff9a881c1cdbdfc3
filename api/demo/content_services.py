"""What the services say: outcomes, advice, summaries and findings by service."""

from __future__ import annotations

from domain.services.common import IpType
from domain.services.compliance_guidance import EndReason, RunningState
from domain.services.info_analysis import AnalysisPurpose, ClassificationScheme, InfoCategory
from domain.services.info_search import SearchPlatform, SearchPurpose
from domain.services.publicity import MaterialKind
from domain.services.risk_prevention import RiskArea
from domain.services.transfer_license import ContractKind

RETURN_VISIT_OUTCOMES = (
    ("已向当事人致歉并说明情况，当事人表示理解", True),
    ("当事人反映的问题已转业务部门整改，当事人对处理表示满意", True),
    ("已重新安排专人跟进，当事人同意继续观察", False),
    ("电话回访当事人，其仍对处理结果有意见，已记录并纳入整改", False),
)

# 5.1.5
APPLIED_TYPES = (IpType.PATENT, IpType.TRADEMARK, IpType.COPYRIGHT)
BASIC_TOPICS = ("知识产权基础知识", "专利申请基础知识", "商标注册流程", "著作权登记常识", "知识产权保护与维权")
APPLICATION_ADVICE: dict[IpType, tuple[str, ...]] = {
    IpType.PATENT: (
        "建议申请实用新型专利，同步提交发明专利",
        "建议先做查新检索，再确定申请发明还是实用新型",
        "核心工艺以技术秘密保护，外围结构申请专利",
    ),
    IpType.TRADEMARK: ("建议在核心类别及关联类别同时申请，避开近似商标", "建议文字与图形分开申请，申请前先做近似查询"),
    IpType.COPYRIGHT: ("建议办理著作权登记，保留创作底稿和过程文件", "建议办理软件著作权登记，保留源代码和开发文档"),
}
FILED_PROGRESS: dict[IpType, str] = {
    IpType.PATENT: "申请文件已定稿并提交国家知识产权局，已收到受理通知书",
    IpType.TRADEMARK: "商标注册申请已提交，已收到受理通知书",
    IpType.COPYRIGHT: "登记申请材料已提交，等待审查",
}

# 5.1.3
RISK_SUMMARIES: dict[RiskArea, str] = {
    RiskArea.INFRINGEMENT: "新产品上市前排查侵权风险",
    RiskArea.BEING_INFRINGED: "核心产品屡遭仿冒，希望建立防护措施",
    RiskArea.LEAKAGE: "核心技术人员流动频繁，加强商业秘密保护",
    RiskArea.OWNERSHIP: "拟开展合作研发，梳理成果权属风险",
    RiskArea.COMPLIANCE: "完善知识产权合规制度",
    RiskArea.OVERSEAS: "产品拟出口，排查海外知识产权风险",
}
RISK_OUTCOMES: dict[str, str] = {  # by the last thing done
    "risk_search_analysed": "企业已根据检索预警结果调整技术方案，风险可控",
    "rules_improved": "相关制度已修订发布，企业已组织全员学习",
    "risk_training_held": "培训已完成，管理人员和研发团队的风险意识明显提升",
    "referred_to_agency": "企业已委托专业机构跟进，风险可控",
}

# 5.1.8
SEARCH_PURPOSES: dict[IpType, tuple[tuple[SearchPurpose, float], ...]] = {
    IpType.PATENT: (
        (SearchPurpose.NOVELTY, 40),
        (SearchPurpose.PRIOR_ART, 20),
        (SearchPurpose.INFRINGEMENT_RISK, 15),
        (SearchPurpose.LEGAL_STATUS, 15),
        (SearchPurpose.OWNERSHIP, 5),
    ),
    IpType.TRADEMARK: ((SearchPurpose.TRADEMARK_CLEARANCE, 80), (SearchPurpose.LEGAL_STATUS, 20)),
    IpType.COPYRIGHT: ((SearchPurpose.OWNERSHIP, 60), (SearchPurpose.OTHER, 40)),
}
SEARCH_SUMMARIES: dict[SearchPurpose, str] = {
    SearchPurpose.NOVELTY: "拟申请发明专利，申请前查新",
    SearchPurpose.PRIOR_ART: "研发立项前了解现有技术",
    SearchPurpose.INFRINGEMENT_RISK: "新产品上市前的自由实施检索",
    SearchPurpose.LEGAL_STATUS: "核实专利法律状态",
    SearchPurpose.OWNERSHIP: "核实权利归属",
    SearchPurpose.TRADEMARK_CLEARANCE: "商标申请前近似查询",
    SearchPurpose.OTHER: "作品登记信息查询",
}
SEARCH_FINDINGS: dict[SearchPurpose, str] = {
    SearchPurpose.NOVELTY: "检出{n}篇相关文献，其中近似度较高的中国专利文献均未公开核心技术特征",
    SearchPurpose.PRIOR_ART: "梳理出{n}篇代表性现有技术文献",
    SearchPurpose.INFRINGEMENT_RISK: "检出{n}件相关有效专利，需逐一比对权利要求",
    SearchPurpose.LEGAL_STATUS: "查得审查、缴费及法律状态信息",
    SearchPurpose.OWNERSHIP: "查得{n}条相关登记信息",
    SearchPurpose.TRADEMARK_CLEARANCE: "检出{n}件相同或近似在先商标",
    SearchPurpose.OTHER: "查得{n}条作品登记信息",
}
SEARCH_CONCLUSIONS: dict[SearchPurpose, tuple[str, ...]] = {
    SearchPurpose.NOVELTY: (
        "未发现破坏新颖性的对比文件，建议围绕核心工艺撰写权利要求",
        "检出一篇影响创造性的对比文件，建议补充实验数据突出技术效果",
    ),
    SearchPurpose.PRIOR_ART: ("现有技术集中在工艺改进，设备结构方向仍有布局空间",),
    SearchPurpose.INFRINGEMENT_RISK: (
        "未发现明显侵权风险，建议上市后持续监控",
        "发现一件需重点关注的有效专利，建议规避设计",
    ),
    SearchPurpose.LEGAL_STATUS: ("该专利处于有效状态，年费已按期缴纳", "该专利因未缴年费已终止，可自由实施"),
    SearchPurpose.OWNERSHIP: ("权属清晰，未发现转让或质押记录",),
    SearchPurpose.TRADEMARK_CLEARANCE: (
        "未检索到相同或近似在先商标，可以申请",
        "存在近似在先商标，建议调整标识或变更指定商品",
    ),
    SearchPurpose.OTHER: ("登记信息与当事人提供的证书一致",),
}

# 5.1.9
PATENT_SCHEMES = (
    ClassificationScheme.IPC,
    ClassificationScheme.CPC,
    ClassificationScheme.INDUSTRY,
    ClassificationScheme.TECHNOLOGY_BRANCHES,
)
ANALYSIS_SUMMARIES: dict[AnalysisPurpose, str] = {
    AnalysisPurpose.TECHNOLOGY_TREND: "了解国内外技术发展趋势，确定研发方向",
    AnalysisPurpose.COMPETITOR: "分析主要竞争对手的专利布局",
    AnalysisPurpose.RD_DIRECTION: "研发立项前的专利分析",
    AnalysisPurpose.PORTFOLIO: "规划专利布局",
    AnalysisPurpose.RISK_WARNING: "产品出口前的专利风险预警",
    AnalysisPurpose.OTHER: "了解相关领域的知识产权信息",
}
ACQUISITION: dict[InfoCategory, tuple[str, SearchPlatform | None]] = {  # how, and where
    InfoCategory.PATENT: ("在专利检索及分析系统按IPC分类号与关键词组合检索", SearchPlatform.CNIPA_PATENT_SEARCH),
    InfoCategory.LEGAL_STATUS: (
        "通过中国及多国专利审查信息查询系统查看审查、缴费与失效信息",
        SearchPlatform.CNIPA_EXAMINATION_STATUS,
    ),
    InfoCategory.LITERATURE: ("在中国知网按主题词和作者机构检索科技文献", None),
    InfoCategory.TRADEMARK: ("在中国商标网按商标名称和类别查询", SearchPlatform.CHINA_TRADEMARK),
    InfoCategory.JUDICIAL: ("在中国裁判文书网按案由和当事人检索裁判文书", SearchPlatform.CHINA_JUDGMENTS),
    InfoCategory.TRANSACTION: ("通过专利公布公告查询转让、许可和质押信息", SearchPlatform.CNIPA_PUBLICATION),
}
ANALYSIS_CONCLUSIONS = (
    "近五年{topic}相关申请量年均增长约{rate}%，省内申请人集中度低，核心专利多掌握在省外企业手中",
    "{topic}方向以工艺改进类专利为主，高价值发明专利占比不足两成",
    "主要竞争对手近三年在{topic}方向申请量增长{rate}%，布局重点转向海外",
)
ANALYSIS_ADVICE = (
    "建议重点布局{topic}相关的核心工艺与关键设备",
    "建议围绕{topic}开展专利挖掘，同步考虑PCT申请",
    "建议跟踪竞争对手在{topic}方向的新申请，必要时提出公众意见",
)

# 5.1.11
CAMPAIGN_ACTIVITIES = (
    "设立咨询台，发放宣传手册，现场解答商标注册与维权问题",
    "开展知识产权知识有奖问答，展示典型侵权案例和地理标志产品",
    "组织专家现场义诊，解答企业专利申请与保护问题",
    "设置知识产权保护展区，展示本地特色品牌和正品识别方法",
)
MATERIALS: tuple[tuple[MaterialKind, str, tuple[int, ...]], ...] = (
    (MaterialKind.BROCHURE, "知识产权保护知识手册", (500, 1000, 2000)),
    (MaterialKind.POSTER, "打击侵权假冒 保护知识产权", (20, 50, 100)),
    (MaterialKind.DISPLAY_BOARD, "知识产权公共服务事项展板", (4, 6, 10)),
    (MaterialKind.LEAFLET, "商标注册与使用三折页", (500, 1000)),
    (MaterialKind.VIDEO, "知识产权小课堂短视频", ()),
    (MaterialKind.ARTICLE, "如何识别商标侵权", ()),
    (MaterialKind.GIVEAWAY, "知识产权主题帆布袋", (200, 300, 500)),
)

# 5.1.12
COMPLIANCE_OBSERVATIONS: dict[RunningState, str] = {
    RunningState.RUNNING_WELL: "各项制度运行正常，研发记录和合同审查已常态化",
    RunningState.PARTLY_RUNNING: "管理手册已发布，部分制度尚未落实",
    RunningState.NOT_RUNNING: "制度已制定但未执行，专员岗位仍空缺",
}
COMPLIANCE_ISSUES = (
    "研发记录仍为纸质，未归档",
    "合同审查流程未覆盖采购合同",
    "保密协议签订率不足一半",
    "专员兼职过多，精力不足",
)
COMPLIANCE_ENDINGS: dict[EndReason, str] = {
    EndReason.SYSTEM_RUNNING: "合规管理体系稳定运行，转入年度回访",
    EndReason.CERTIFIED: "企业已通过知识产权合规管理体系认证",
    EndReason.CLIENT_DECLINED: "企业表示暂无继续跟进的需要，结束定期跟进",
    EndReason.CLIENT_GONE: "企业已迁出本市",
}

# 5.1.13
FINANCE_SERVICE = (
    "协助梳理拟质押专利清单，对接评估机构出具价值评估报告，银行客户经理上门尽调",
    "协助准备融资申请材料，讲解贴息和风险补偿政策",
    "组织银企座谈，解答企业对质押登记流程的疑问",
)

# 5.1.14
CONTRACT_NAMES: dict[ContractKind, str] = {
    ContractKind.ASSIGNMENT: "转让",
    ContractKind.EXCLUSIVE_LICENCE: "独占许可",
    ContractKind.SOLE_LICENCE: "排他许可",
    ContractKind.NON_EXCLUSIVE_LICENCE: "普通许可",
}
CONTRACT_ADVICE: dict[bool, tuple[str, str, str]] = {  # keyed by: is it an assignment
    False: (
        "建议采用入门费加销售额提成的支付方式，明确改进技术归属与保密义务",
        "补充违约责任和合同备案条款，约定许可期内专利年费由许可方缴纳",
        "明确许可范围和再许可限制，约定提成的核算与审计方式",
    ),
    True: (
        "提示转让自国家知识产权局登记之日起生效，约定登记前的实施权",
        "补充权利瑕疵担保条款，约定转让前已签许可合同的处理",
        "明确价款分期支付节点与登记手续的办理责任",
    ),
}

# 5.1.1
EVIDENCE_RESULTS = (
    "存证材料已提交平台投诉，侵权链接已下架",
    "已凭存证材料向对方发送律师函，对方已停止销售",
    "存证材料已作为证据提交法院",
)
QINGHAI_SERVICES: dict[IpType, tuple[str, str]] = {
    IpType.TRADEMARK: (
        "走访企业，梳理产品商标布局，指导准备地理标志专用标志使用申请材料",
        "协助制定商标使用管理规则，规范产品包装标注",
    ),
    IpType.COPYRIGHT: (
        "走访企业，梳理传统图案与设计作品，指导办理作品著作权登记",
        "协助建立图案设计档案，指导外观设计专利申请",
    ),
    IpType.PATENT: (
        "走访企业，梳理传统配方与工艺，区分专利保护和技术秘密保护",
        "协助制定技术秘密保护制度，指导核心工艺专利申请",
    ),
}
QINGHAI_RESULTS: dict[IpType, tuple[str, str]] = {
    IpType.TRADEMARK: ("商标和地理标志专用标志使用申请材料已提交", "商标注册申请已受理，包装标注已规范"),
    IpType.COPYRIGHT: ("已提交作品著作权登记申请", "作品登记证书已取得，外观设计申请已提交"),
    IpType.PATENT: ("核心工艺专利申请材料已准备完毕", "专利申请已提交，技术秘密保护制度已发布"),
}

# 5.2
INDUSTRY_STATES = (
    "{label}产能快速扩张，核心材料和关键设备依赖外购",
    "{label}企业数量多、规模小，专利以实用新型为主",
    "{label}龙头企业带动明显，中小企业创新能力不足",
)
INDUSTRY_PROBLEMS = (
    "企业专利以实用新型为主，海外布局空白，对竞争对手的专利壁垒了解不足",
    "高价值专利少，专利转化运用率低",
    "品牌意识薄弱，商标布局不全，存在被抢注风险",
)
INDUSTRY_WORK_NAMES = {
    "patent_database_built": "建成产业专利专题数据库",
    "courses_designed": "设计产业培训课程",
    "portfolio_planned": "制定专利布局规划",
    "high_value_patent_cultivated": "培育高价值专利",
    "sep_guidance_given": "开展标准必要专利指导",
    "brand_cultivation_guided": "指导商标品牌培育",
}
ENTERPRISE_NEEDS = (
    "新产品拟出口东南亚，需要海外专利风险排查和布局建议",
    "希望申报省级知识产权示范企业",
    "核心技术人员离职，需要加强商业秘密保护",
    "拟以专利质押融资扩建产线",
    "产品遭遇仿冒，需要维权支持",
)
POINT_SERVICES = (
    ("海外专利风险排查", "组织专家对目标市场相关专利进行检索分析，出具自由实施风险提示"),
    ("示范企业申报辅导", "指导完善知识产权管理制度和申报材料"),
    ("商业秘密保护", "协助梳理涉密信息清单，修订保密协议和竞业限制协议"),
    ("质押融资对接", "对接银行和评估机构，协助准备质押融资材料"),
    ("维权支持", "指导固定侵权证据，对接维权援助律师团"),
)
PLACE_MEASURES: dict[str, str] = {
    "新工艺专利挖掘": "组织专利挖掘会，形成专利申请提案",
    "技术秘密保护": "协助建立技术秘密保护制度",
    "海外专利布局": "对接代理机构制定海外专利布局方案",
    "核心设备专利布局": "围绕核心设备开展专利布局",
    "出口产品风险排查": "开展出口产品专利风险排查",
    "标准与专利融合": "指导参与标准制定并做好专利披露",
    "文创产品版权登记": "指导文创产品批量办理作品登记",
    "民族图案外观设计保护": "指导民族图案产品申请外观设计专利",
    "旅游品牌商标注册": "指导旅游品牌商标分类注册",
    "地理标志专用标志使用": "指导申请使用地理标志专用标志",
    "区域品牌商标注册": "协助区域公用品牌商标注册和使用管理",
    "产品包装外观设计": "指导产品包装申请外观设计专利",
}
