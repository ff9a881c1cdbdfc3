from tests.walks import Walk

WALK = Walk(
    service_type="risk_prevention",
    intake={
        "risk_areas": ["infringement", "leakage"],
        "ip_types": ["patent", "trade_secret"],
        "summary": "新产品上市前排查侵权风险",
    },
    paths=(
        (
            (
                "rules_improved",
                {
                    "systems": ["ip_protection", "confidentiality"],
                    "documents": ["《知识产权管理办法》", "《技术秘密保密管理规定》"],
                    "gaps_found": "研发人员离职未签竞业限制协议",
                },
            ),
            (
                "risk_training_held",
                {
                    "partners": ["青海大学TISC", "城东区知识产权公共服务工作站"],
                    "audiences": ["managers", "rd_team"],
                    "topic": "研发过程中的专利侵权风险识别",
                    "lecturers": ["王律师"],
                    "trainees": 23,
                },
            ),
            (
                "risk_search_analysed",
                {
                    "subject": "磷酸铁锂正极材料制备工艺",
                    "ip_types": ["patent"],
                    "databases": ["国家知识产权局专利检索及分析系统", "incoPat"],
                    "risk_level": "medium",
                    "findings": "检索到3件相关有效专利，其中1件权利要求覆盖烧结温度区间",
                    "warnings": ["CN201910000001.2"],
                    "report_no": "XN-FX-2025-017",
                    "fee_cny": "0",
                },
            ),
            (
                "referred_to_agency",
                {"agency_kind": "law_firm", "agency_name": "青海树人律师事务所", "services": "出具不侵权法律意见"},
            ),
            ("concluded", {"outcome": "企业调整工艺参数规避风险", "residual_risks": "一件专利仍需持续监控"}),
        ),
    ),
    refused=(
        "referred_to_agency",
        {"agency_kind": "patent_agency", "agency_name": "西宁某专利代理事务所", "services": "布局"},
    ),
)
