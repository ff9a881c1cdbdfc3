from tests.walks import Walk

WALK = Walk(
    service_type="compliance_guidance",
    intake={"summary": "企业拟开展知识产权合规管理体系建设"},
    paths=(
        (
            (
                "compliance_surveyed",
                {
                    "methods": ["on_site", "document_review"],
                    "areas": ["policies", "employee_inventions", "contracts", "trade_secrets"],
                    "findings": "未设专职知识产权岗位，职务发明奖酬制度缺失，技术合同未约定成果归属",
                },
            ),
            (
                "difficulties_analysed",
                {
                    "difficulties": ["缺少熟悉知识产权管理的专职人员", "研发记录不规范，难以证明技术来源"],
                    "weak_areas": ["organisation", "records"],
                    "risk_level": "medium",
                    "analysis": "企业处于快速成长期，制度建设滞后于研发投入",
                },
            ),
            (
                "system_guided",
                {
                    "measures": ["制定知识产权管理手册", "设立知识产权专员岗位", "规范研发记录与技术合同审查"],
                    "reference_standard": "GB/T 29490-2023 企业知识产权合规管理体系 要求",
                    "client_contact": "综合部 赵经理",
                    "target_date": "2026-09-30",
                },
            ),
            (
                "compliance_followed_up",
                {
                    "running": "partly_running",
                    "observations": "管理手册已发布，研发记录制度尚未落实",
                    "issues": ["研发记录仍为纸质，未归档"],
                    "next_follow_up": "2026-07-15",
                },
            ),
            ("system_guided", {"measures": ["推行电子研发记录本"]}),
            (
                "compliance_followed_up",
                {"running": "running_well", "observations": "各项制度运行正常", "next_follow_up": "2026-10-15"},
            ),
            ("follow_up_ended", {"reason": "system_running", "summary": "合规管理体系稳定运行，转入年度回访"}),
        ),
    ),
    refused=(
        "system_guided",
        {"measures": ["制定知识产权管理手册"]},
    ),
)
