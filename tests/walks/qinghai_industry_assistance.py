from tests.walks import Walk

WALK = Walk(
    service_type="qinghai_industry_assistance",
    intake={"need": "湟中银铜器锻制技艺企业希望申请地理标志和外观设计保护", "ip_type": "trademark"},
    paths=(
        (
            (
                "service_delivered",
                {
                    "delivered_on": "2026-04-02",
                    "delivered_by": ["马军", "韩雪"],
                    "content": "走访企业，梳理产品外观设计和商标布局，指导准备地理标志证明商标申请材料",
                },
            ),
            ("followed_up", {"method": "visit", "result": "外观设计申请已提交5件，证明商标材料仍在完善"}),
            (
                "service_delivered",
                {"delivered_on": "2026-04-20", "delivered_by": ["韩雪"], "content": "协助制定证明商标使用管理规则"},
            ),
            ("followed_up", {"method": "phone", "result": "证明商标申请已受理", "satisfaction": 5}),
            ("closed", {"outcome": "外观设计与证明商标申请均已提交"}),
        ),
    ),
    refused=("followed_up", {"method": "phone", "result": "尚未服务"}),
)
