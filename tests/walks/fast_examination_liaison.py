from tests.walks import Walk

WALK = Walk(
    service_type="fast_examination_liaison",
    intake={"need": "储能电池热管理发明专利申请，希望通过保护中心预审加快授权", "ip_type": "patent"},
    paths=(
        (
            (
                "service_delivered",
                {
                    "delivered_on": "2026-01-12",
                    "delivered_by": ["西宁市知识产权保护中心 预审部 王婧"],
                    "content": "指导企业完成保护中心备案，提交预审申请，预审合格后转入国家知识产权局快速审查通道",
                    "reference_no": "YS2026-0315",
                },
            ),
            (
                "followed_up",
                {"method": "phone", "result": "已收到第一次审查意见，指导答复", "next_follow_up_on": "2026-03-01"},
            ),
            (
                "service_delivered",
                {
                    "delivered_on": "2026-02-05",
                    "delivered_by": ["王婧"],
                    "content": "协助企业答复审查意见，修改权利要求",
                },
            ),
            ("followed_up", {"method": "phone", "result": "申请已授权，授权周期约三个月", "satisfaction": 5}),
            ("closed", {"outcome": "发明专利已授权"}),
        ),
    ),
    refused=("closed", {"outcome": "未提供服务"}),
)
