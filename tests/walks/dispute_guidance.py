from tests.walks import Walk

WALK = Walk(
    service_type="dispute_guidance",
    intake={"dispute_kind": "infringement", "ip_type": "patent", "opposing_party": "某光伏组件厂"},
    paths=(
        (
            ("routes_explained", {"recommended": "mediation"}),
            ("expert_consultation", {"experts": ["赵教授"], "opinion": "侵权可能性较大", "steered_to_mediation": True}),
            ("mediation_session", {"mediator": "马调解员", "outcome": "adjourned"}),
            ("mediation_session", {"mediator": "马调解员", "outcome": "agreement"}),
            ("parties_followed_up", {"contacted": ["申请人"], "result": "已履行"}),
            ("archived", {"archive_no": "XN-JF-001", "resolution": "调解结案"}),
            ("typical_case_written", {"title": "光伏专利纠纷调解案", "summary": "两次调解达成协议"}),
        ),
        (
            ("routes_explained", {"routes": ["judicial", "arbitration"], "recommended": "judicial"}),
            ("mediation_committee_referral", {"committee": "青海省知识产权人民调解委员会"}),
            ("evidence_referral", {"body_kind": "notary", "body_name": "西宁市公证处"}),
            ("litigation_guidance", {"court": "西宁市中级人民法院", "guidance": "诉前财产保全"}),
            ("parties_followed_up", {"contacted": ["申请人"], "result": "已起诉"}),
            ("archived", {"archive_no": "XN-JF-002", "resolution": "转诉讼"}),
        ),
    ),
    refused=("archived", {"archive_no": "XN-JF-003", "resolution": "未经跟踪"}),
)
