from tests.walks import Walk

WALK = Walk(
    service_type="policy_promotion",
    intake={
        "industries": ["pv_lithium"],
        "interests": ["support", "reward"],
        "summary": "企业想了解专利资助和奖励政策",
    },
    paths=(
        (
            (
                "policies_collected",
                {
                    "policies": [
                        {
                            "title": "青海省知识产权专项资金管理办法",
                            "level": "qinghai",
                            "kind": "support",
                            "issuer": "青海省知识产权局",
                        },
                        {
                            "title": "西宁市知识产权示范企业认定及奖励办法",
                            "level": "xining",
                            "kind": "reward",
                            "issuer": "西宁市市场监督管理局",
                        },
                        {"title": "国家知识产权优势企业培育工作方案", "level": "national", "kind": "pilot_application"},
                    ]
                },
            ),
            (
                "industry_policies_tracked",
                {
                    "industries": ["pv_lithium"],
                    "policies": ["青海省光伏制造行业高质量发展实施方案"],
                    "changes": "新增锂电池回收专利奖励条款",
                },
            ),
            (
                "interpretation_session_held",
                {
                    "topic": "光伏锂电产业知识产权政策专题解读会",
                    "industries": ["pv_lithium"],
                    "experts": ["青海大学马教授", "西宁市知识产权局政策法规科李科长"],
                    "attendees": 46,
                    "venue": "南川工业园区管委会会议室",
                },
            ),
            (
                "compilation_pushed",
                {
                    "title": "西宁市知识产权惠企政策汇编",
                    "version": "2025年第二版",
                    "channels": ["government_platform", "park_window"],
                    "policy_count": 28,
                },
            ),
            (
                "project_application_assisted",
                {
                    "project": "2025年度西宁市知识产权示范企业",
                    "level": "xining",
                    "authority": "西宁市市场监督管理局",
                    "materials": ["申报书", "知识产权管理制度文件", "近三年专利清单"],
                    "submitted_on": "2025-05-20",
                    "deadline": "2025-05-31",
                },
            ),
            ("concluded", {"outcome": "企业已提交示范企业申报，并订阅政策汇编更新"}),
        ),
    ),
    refused=("concluded", {"outcome": "未归集政策即办结"}),
)
