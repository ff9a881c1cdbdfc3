from tests.walks import Walk

WALK = Walk(
    service_type="consultation",
    intake={"channel": "social_media", "contact": "微信公众号留言", "summary": "商标被抢注咨询"},
    paths=(
        (
            (
                "question_recorded",
                {
                    "question": "我们的商标被他人在第30类抢注了，还能申请无效吗？",
                    "topics": ["protection", "dispute"],
                    "ip_types": ["trademark"],
                    "tags": ["商标抢注", "无效宣告"],
                },
            ),
            (
                "question_recorded",
                {"question": "申请无效宣告需要准备哪些证据？", "topics": ["dispute"], "tags": ["证据"]},
            ),
            (
                "referred_to_agency",
                {
                    "agency_kind": "trademark_agency",
                    "agency_name": "青海鼎信商标代理有限公司",
                    "reason": "需代为提交无效宣告请求",
                },
            ),
            (
                "answered",
                {
                    "answer": "注册不满五年可以在先使用为由申请无效宣告，需提供使用证据",
                    "answered_by": "刘咨询员",
                    "legal_basis": "《商标法》第三十二条、第四十五条",
                    "satisfaction": 5,
                },
            ),
        ),
        (
            (
                "question_recorded",
                {"question": "职务发明的奖励报酬怎么算？", "topics": ["use"], "ip_types": ["patent"]},
            ),
            (
                "answered",
                {"answer": "约定优先，无约定按专利法实施细则执行", "answered_by": "刘咨询员", "satisfaction": 4},
            ),
            (
                "referred_to_agency",
                {"agency_kind": "law_firm", "agency_name": "青海昆仑律师事务所", "reason": "需起草奖励报酬制度"},
            ),
        ),
    ),
    refused=("answered", {"answer": "无问题可答", "answered_by": "刘咨询员", "satisfaction": 3}),
)
