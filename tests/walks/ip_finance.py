from tests.walks import Walk

WALK = Walk(
    service_type="ip_finance",
    intake={
        "finance_kind": "credit",
        "pledge_loan": True,
        "summary": "拟以发明专利质押申请贷款，用于碳酸锂提纯产线扩建",
    },
    paths=(
        (
            (
                "enterprise_visited",
                {
                    "visited_on": "2026-03-02",
                    "visitors": ["马晓梅", "韩东"],
                    "needs": ["credit", "insurance"],
                    "findings": "企业拟扩建产线，资金缺口约800万元，持有有效发明专利12件，有质押融资意向",
                },
            ),
            (
                "special_training_held",
                {
                    "held_on": "2026-03-18",
                    "institutions": ["青海银行西宁分行", "西宁市融资担保有限公司"],
                    "topic": "知识产权质押融资政策与操作实务专场培训",
                    "attendees": 46,
                },
            ),
            (
                "institution_matched",
                {"institution": "青海银行西宁分行", "product": "知识产权质押贷款", "contact": "普惠金融部 李经理"},
            ),
            (
                "point_to_point_service",
                {
                    "institution": "青海银行西宁分行",
                    "served_on": "2026-03-25",
                    "content": "协助梳理拟质押专利清单、对接评估机构出具价值评估报告，银行客户经理上门尽调",
                },
            ),
            (
                "financing_tracked",
                {
                    "institution": "青海银行西宁分行",
                    "amount_applied_cny": "8000000.00",
                    "applied_on": "2026-04-01",
                    "outcome": "pending",
                },
            ),
            (
                "financing_tracked",
                {
                    "institution": "青海银行西宁分行",
                    "amount_applied_cny": "8000000.00",
                    "amount_granted_cny": "5000000.00",
                    "applied_on": "2026-04-01",
                    "granted_on": "2026-04-20",
                    "outcome": "partly_granted",
                },
            ),
            ("financing_concluded", {"summary": "获批知识产权质押贷款500万元，期限一年，已办理专利权质押登记"}),
        ),
    ),
    refused=("institution_matched", {"institution": "青海银行西宁分行", "product": "知识产权质押贷款"}),
)
