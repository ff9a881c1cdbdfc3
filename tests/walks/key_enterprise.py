from tests.walks import Walk

WALK = Walk(
    service_type="key_enterprise",
    intake={"summary": "光伏单晶硅片龙头企业，2026年度重点服务"},
    client={
        "name": "青海高原光伏材料股份有限公司",
        "kind": "innovator",
        "innovator_kind": "enterprise",
        "enterprise_size": "medium",
        "designations": ["specialised_sme", "national_advantage"],
    },
    paths=(
        (
            (
                "directory_listed",
                {
                    "year": 2026,
                    "industry": "photovoltaic",
                    "basis": "国家级专精特新“小巨人”、国家知识产权优势企业，光伏产业链核心企业",
                },
            ),
            (
                "enterprise_visited",
                {
                    "visited_on": "2026-02-26",
                    "visitors": ["张磊", "祁红"],
                    "needs": "N型电池片技术拟出口东南亚，需要海外专利风险排查和布局建议",
                },
            ),
            (
                "point_to_point_service",
                {
                    "served_on": "2026-03-12",
                    "topic": "海外专利风险排查",
                    "content": "组织专家对越南、马来西亚相关专利进行检索分析，出具自由实施风险提示",
                    "served_by": ["张磊", "外聘专利代理师 刘洋"],
                },
            ),
            (
                "enterprise_visited",
                {"visited_on": "2026-06-18", "visitors": ["祁红"], "needs": "希望申报省级知识产权示范企业"},
            ),
            (
                "point_to_point_service",
                {
                    "served_on": "2026-07-02",
                    "topic": "示范企业申报辅导",
                    "content": "指导完善知识产权管理制度和申报材料",
                    "served_by": ["祁红"],
                },
            ),
            (
                "annual_service_concluded",
                {"summary": "全年走访2次，点对点服务2项，企业提交PCT申请3件", "satisfaction": 5},
            ),
        ),
    ),
    refused=(
        "enterprise_visited",
        {"visited_on": "2026-02-26", "visitors": ["张磊"], "needs": "未列入名录前走访"},
    ),
)
