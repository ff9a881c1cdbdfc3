from tests.walks import Walk

WALK = Walk(
    service_type="four_places",
    intake={
        "place": "salt_lake_industry",
        "novelty": ["new_technology"],
        "ip_types": ["patent", "trademark"],
        "summary": "盐湖镁资源综合利用企业，开发高纯氢氧化镁新工艺",
    },
    paths=(
        (
            (
                "capability_built",
                {
                    "completed_on": "2026-01-20",
                    "staff": ["孙立", "马晓梅"],
                    "topics": ["盐湖镁资源综合利用专利技术脉络", "化工工艺类专利撰写要点"],
                },
            ),
            (
                "service_plan_designed",
                {
                    "title": "盐湖镁基新材料企业知识产权服务方案",
                    "needs": ["新工艺专利挖掘", "产品商标注册", "技术秘密保护"],
                    "measures": ["组织专利挖掘会", "指导商标分类注册", "协助建立保密制度"],
                    "planned_until": "2026-12-31",
                },
            ),
            (
                "plan_delivered",
                {
                    "delivered_on": "2026-03-05",
                    "content": "召开专利挖掘会，形成专利申请提案6项",
                    "delivered_by": ["孙立"],
                },
            ),
            (
                "agency_referred",
                {
                    "need": "高纯氢氧化镁工艺的海外专利布局",
                    "agency": "青海智诚专利代理事务所",
                    "solution": "代理机构提交PCT申请2件",
                },
            ),
            ("service_concluded", {"results": "提交发明专利申请6件、PCT申请2件，注册商标1件", "satisfaction": 4}),
        ),
    ),
    refused=(
        "service_plan_designed",
        {"title": "未经能力建设的方案", "needs": ["专利挖掘"], "measures": ["挖掘会"]},
    ),
)
