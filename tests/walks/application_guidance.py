from tests.walks import Walk

WALK = Walk(
    service_type="application_guidance",
    intake={"has_ip_activity": False, "ip_types": ["patent", "trademark"], "summary": "初创企业尚无知识产权"},
    paths=(
        (
            (
                "basic_training_given",
                {"topics": ["专利申请基础知识", "商标注册流程"], "trainer": "张老师", "attendees": 6, "hours": 2},
            ),
            (
                "application_guided",
                {
                    "ip_types": ["patent"],
                    "subject": "高原牦牛乳冻干粉生产装置",
                    "advice": "建议申请实用新型专利，同步提交发明专利",
                },
            ),
            (
                "referred_to_agency",
                {
                    "agency_kind": "patent_agency",
                    "agency_name": "青海中诚专利代理事务所",
                    "services": "专利申请文件撰写与提交",
                },
            ),
            (
                "ledger_entry_recorded",
                {
                    "ip_type": "patent",
                    "title": "一种牦牛乳冻干粉生产装置",
                    "application_no": "CN202520123456.7",
                    "status": "filed",
                    "filed_on": "2025-03-12",
                },
            ),
            (
                "agency_followed_up",
                {
                    "agency_name": "青海中诚专利代理事务所",
                    "progress": "已提交申请，等待受理",
                    "satisfaction": 4,
                    "next_follow_up_on": "2025-06-12",
                },
            ),
            (
                "agency_followed_up",
                {"agency_name": "青海中诚专利代理事务所", "progress": "已授权", "satisfaction": 5},
            ),
            ("concluded", {"outcome": "实用新型已授权，企业建立知识产权台账"}),
        ),
    ),
    refused=("agency_followed_up", {"agency_name": "青海中诚专利代理事务所", "progress": "未对接", "satisfaction": 3}),
)
