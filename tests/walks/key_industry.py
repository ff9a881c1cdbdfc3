from tests.walks import Walk

WALK = Walk(
    service_type="key_industry",
    intake={"industry": "lithium_battery", "chain_segment": "盐湖卤水提锂与电池级碳酸锂精制"},
    paths=(
        (
            (
                "industry_surveyed",
                {
                    "surveyed_on": "2026-01-15",
                    "enterprises": ["青海盐湖锂业科技有限公司", "西宁锂源新材料有限公司", "青海柴达木锂电池有限公司"],
                    "current_state": "提锂产能快速扩张，核心吸附剂和膜分离材料依赖外购",
                    "problems": "企业专利以实用新型为主，海外布局空白，对竞争对手专利壁垒了解不足",
                },
            ),
            (
                "patent_navigation_done",
                {
                    "report_title": "西宁市锂电产业专利导航分析报告",
                    "report_no": "XN-DH-2026-01",
                    "completed_on": "2026-04-30",
                    "patents_analysed": 18436,
                    "findings": "吸附法提锂专利集中度高，膜法与电化学提锂存在布局空白点，建议重点突破",
                },
            ),
            (
                "patent_database_built",
                {
                    "database_name": "西宁锂电产业专利专题数据库",
                    "records": 18436,
                    "tagging_scheme": "按提锂工艺、正极材料、电解液、回收利用四个技术分支及法律状态标引",
                },
            ),
            (
                "courses_designed",
                {
                    "courses": ["锂电产业专利态势解读", "提锂技术专利挖掘与撰写实务", "海外专利布局与风险规避"],
                    "audience": "锂电企业研发人员与知识产权管理人员",
                },
            ),
            (
                "portfolio_planned",
                {
                    "technology_areas": ["膜法提锂", "电化学提锂", "废旧电池锂回收"],
                    "target_regions": ["中国", "智利", "阿根廷"],
                    "planned_filings": 24,
                    "plan": "围绕膜法提锂核心工艺构建专利组合，同步提交PCT申请",
                },
            ),
            (
                "high_value_patent_cultivated",
                {
                    "project": "高镁锂比卤水提锂高价值专利培育项目",
                    "patents": ["ZL202310456789.1", "CN202410123456.7"],
                    "criteria": "技术先进、权利稳定、市场前景好，覆盖核心工艺和关键设备",
                },
            ),
            (
                "sep_guidance_given",
                {
                    "topics": ["licence_terms", "frand_compliance", "jurisdiction", "royalty_calculation"],
                    "standard": "GB/T 34131 电化学储能电站用锂离子电池管理系统技术规范",
                    "advice": "许可报价应参照可比许可协议并说明计费依据，保留谈判记录以证明符合FRAND承诺",
                    "jurisdictions": ["中国", "德国"],
                    "royalty_rate": "0.015",
                    "royalty_base_cny": "3200000.00",
                },
            ),
            (
                "brand_cultivation_guided",
                {
                    "brands": ["昆仑锂源"],
                    "nice_classes": [1, 9],
                    "strategy": "统一企业字号与产品商标，在第1类、第9类全类注册，并启动马德里国际注册",
                },
            ),
            ("service_concluded", {"results": "完成专利导航报告和专题数据库，培育高价值专利2件", "satisfaction": 5}),
        ),
    ),
    refused=(
        "patent_navigation_done",
        {
            "report_title": "西宁市锂电产业专利导航分析报告",
            "completed_on": "2026-04-30",
            "patents_analysed": 100,
            "findings": "未经调研",
        },
    ),
)
