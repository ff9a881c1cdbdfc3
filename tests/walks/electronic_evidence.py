from tests.walks import Walk

WALK = Walk(
    service_type="electronic_evidence",
    intake={"need": "电商平台发现仿冒牦牛肉干包装，需要固定网页侵权证据", "ip_type": "trademark"},
    paths=(
        (
            (
                "service_delivered",
                {
                    "delivered_on": "2026-03-09",
                    "delivered_by": ["赵明"],
                    "content": "指导企业使用区块链电子存证平台对侵权网页、商品链接和交易记录进行取证固定",
                    "reference_no": "CZ-20260309-0042",
                },
            ),
            ("followed_up", {"method": "visit", "result": "存证材料已提交平台投诉，侵权链接已下架", "satisfaction": 4}),
            ("closed", {"outcome": "证据固定完成，侵权商品已下架"}),
        ),
    ),
    refused=("closed", {"outcome": "未提供服务"}),
)
