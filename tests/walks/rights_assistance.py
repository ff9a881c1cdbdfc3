from tests.walks import Walk

WALK = Walk(
    service_type="rights_assistance",
    intake={"ip_type": "trade_secret", "summary": "前员工带走配方"},
    paths=(
        (
            ("need_collected", {"description": "商业秘密被前员工泄露", "help_wanted": ["evidence_collection"]}),
            ("guidance_given", {"kind": "evidence_collection", "content": "固定电子证据"}),
            (
                "expert_panel_advice",
                {
                    "experts": ["李律师", "王教授"],
                    "difficulty": "秘密点认定",
                    "legal_advice": "可主张侵权",
                    "response_suggestions": "先行发函",
                },
            ),
            ("referred", {"target": "lawyer_group", "body_name": "青海知识产权律师服务团"}),
            ("return_visit", {"outcome": "in_progress_elsewhere", "satisfaction": 4}),
            ("return_visit", {"outcome": "resolved", "satisfaction": 5}),
        ),
    ),
    refused=("return_visit", {"outcome": "resolved", "satisfaction": 5}),
)
