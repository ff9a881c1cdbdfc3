from tests.walks import Walk

WALK = Walk(
    service_type="data_ip_registration",
    intake={"need": "企业积累的盐湖卤水成分监测数据集拟申请数据知识产权登记", "ip_type": "data_ip"},
    paths=(
        (
            (
                "service_delivered",
                {
                    "delivered_on": "2026-02-16",
                    "delivered_by": ["李慧"],
                    "content": "讲解数据知识产权登记条件与流程，指导准备数据来源合法性说明、数据样例和存证材料",
                },
            ),
            ("followed_up", {"method": "online", "result": "登记申请已提交，进入公示期"}),
            ("followed_up", {"method": "phone", "result": "公示期满无异议，已取得登记证书", "satisfaction": 5}),
            ("closed", {"outcome": "取得数据知识产权登记证书"}),
        ),
    ),
    refused=("followed_up", {"method": "phone", "result": "尚未服务"}),
)
