from tests.walks import Walk

_PLAN = {
    "title": "2026年度中小企业知识产权基础知识培训班",
    "planned_on": "2026-05-20",
    "lecturers": ["张明（专利代理师）", "刘芳（西宁市中级人民法院法官）"],
    "courses": ["ip_basics", "patent_application", "trade_secrets"],
    "audience": "城北区生物医药园区企业研发与管理人员",
}

WALK = Walk(
    service_type="training",
    intake={"summary": "园区企业知识产权基础培训"},
    paths=(
        (
            (
                "needs_surveyed",
                {
                    "methods": ["questionnaire"],
                    "respondents": 48,
                    "courses_wanted": ["patent_application", "trade_secrets"],
                },
            ),
            (
                "needs_surveyed",
                {"methods": ["visit"], "respondents": 6, "topics_wanted": ["职务发明奖励报酬怎么定"]},
            ),
            ("training_planned", _PLAN),
            ("training_planned", {**_PLAN, "courseware_confirmed": True}),
            (
                "session_held",
                {
                    "venue": "西宁市知识产权保护中心三楼培训室",
                    "attendees_count": 62,
                    "attendees": ["王海军", "陈晓燕"],
                },
            ),
            (
                "satisfaction_surveyed",
                {"responses": 55, "mean_score": "4.6", "satisfied_percent": "94.5", "comments": ["案例讲解实用"]},
            ),
            ("session_held", {"venue": "线上（腾讯会议）", "attendees_count": 120}),
            ("satisfaction_surveyed", {"responses": 80, "mean_score": "4.3", "satisfied_percent": "88"}),
            (
                "records_kept",
                {
                    "archive_no": "XN-PX-2026-005",
                    "attendee_records": [
                        {"name": "王海军", "organisation": "青海某生物科技有限公司"},
                        {"name": "陈晓燕"},
                    ],
                    "questions_collected": ["软件著作权登记需要多长时间"],
                    "follow_up_needs": ["高价值专利培育", "专利质押融资"],
                },
            ),
        ),
    ),
    refused=("session_held", {"venue": "培训室", "attendees_count": 10}),
)
