from tests.walks import Walk

WALK = Walk(
    service_type="info_analysis",
    intake={
        "purpose": "technology_trend",
        "subject": "高原特色牦牛乳制品加工技术",
        "summary": "乳业企业了解国内外技术发展趋势，确定研发方向",
    },
    paths=(
        (
            (
                "information_organised",
                {
                    "categories": ["patent", "legal_status", "literature"],
                    "records": 2360,
                    "scheme": "ipc",
                    "platforms": ["cnipa_patent_search", "wipo_patentscope"],
                    "other_sources": ["中国知网"],
                },
            ),
            (
                "acquisition_explained",
                {
                    "methods": [
                        {
                            "category": "patent",
                            "how": "在专利检索及分析系统按 IPC A23C 分类号与关键词组合检索",
                            "platform": "cnipa_patent_search",
                        },
                        {
                            "category": "legal_status",
                            "how": "通过中国及多国专利审查信息查询系统查看审查、缴费与失效信息",
                            "platform": "cnipa_examination_status",
                        },
                    ],
                    "explained_to": ["技术中心 马主任"],
                },
            ),
            (
                "basic_analysis_performed",
                {
                    "kinds": ["trend", "applicants", "technology_composition"],
                    "records_analysed": 2360,
                    "conclusions": "近五年申请量年均增长约 12%，发酵乳制品工艺为主要热点，省内申请人集中度低",
                },
            ),
            (
                "joint_analysis_arranged",
                {
                    "agency": "北京某知识产权运营中心",
                    "scope": "牦牛乳功能性成分提取技术专利导航",
                    "deliverable": "专利导航分析报告",
                    "fee_cny": "30000",
                },
            ),
            (
                "analysis_delivered",
                {
                    "report_title": "牦牛乳制品加工技术专利态势分析",
                    "delivered_to": "青海高原乳业有限公司",
                    "channel": "in_person",
                    "recommendations": "重点布局低温发酵菌种与冻干工艺",
                },
            ),
        ),
    ),
    refused=(
        "basic_analysis_performed",
        {"kinds": ["trend"], "records_analysed": 10, "conclusions": "未经整理即分析"},
    ),
)
