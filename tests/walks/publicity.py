from tests.walks import Walk

WALK = Walk(
    service_type="publicity",
    intake={"summary": "2026年知识产权宣传周系列活动"},
    client={"name": "社会公众", "kind": "public"},
    paths=(
        (
            (
                "publicity_planned",
                {
                    "title": "2026年西宁市“4·26”知识产权宣传周活动方案",
                    "theme": "全面加强知识产权保护 激发全社会创新活力",
                    "starts_on": "2026-04-20",
                    "ends_on": "2026-05-10",
                    "occasions": ["ip_week", "china_brand_day"],
                    "channels": ["wechat", "poster_board"],
                },
            ),
            (
                "materials_prepared",
                {
                    "materials": [
                        {"kind": "brochure", "title": "知识产权保护知识手册", "quantity": 2000},
                        {"kind": "poster", "title": "打击侵权假冒 保护知识产权", "quantity": 50},
                    ]
                },
            ),
            (
                "key_date_campaign_held",
                {
                    "occasion": "ip_week",
                    "venue": "西宁市中心广场",
                    "activities": "设立咨询台，发放宣传手册，现场解答商标注册与维权问题",
                    "participants": 600,
                    "materials_handed_out": 1500,
                },
            ),
            (
                "daily_publicity_posted",
                {
                    "channels": ["website", "wechat"],
                    "topic": "laws",
                    "title": "一图读懂新修订的《专利法实施细则》",
                    "links": ["https://mp.weixin.qq.com/s/xnip-2026-0421"],
                },
            ),
            (
                "media_collected",
                {
                    "items": [
                        {"kind": "photo", "caption": "广场咨询台", "archive_no": "XN-XC-2026-014-P01"},
                        {"kind": "video", "uri": "https://files.example.cn/xnip/2026/426.mp4"},
                    ]
                },
            ),
            (
                "key_date_campaign_held",
                {
                    "occasion": "major_exhibition",
                    "exhibition": "第二十六届中国·青海绿色发展投资贸易洽谈会",
                    "venue": "青海国际会展中心",
                    "activities": "设置知识产权保护展区，展示地理标志产品",
                },
            ),
            ("media_collected", {"items": [{"kind": "audio", "archive_no": "XN-XC-2026-014-A01"}]}),
            (
                "activity_reported",
                {
                    "summary": "宣传周期间开展集中宣传2场，发放资料1500余份，线上推文阅读量逾万次",
                    "outlets": ["西宁晚报", "“西宁知识产权”微信公众号"],
                    "people_reached": 900,
                    "online_views": 12400,
                },
            ),
        ),
        (
            (
                "publicity_planned",
                {"title": "日常普法宣传", "theme": "商标知识", "starts_on": "2026-06-01", "ends_on": "2026-06-30"},
            ),
            ("materials_prepared", {"materials": [{"kind": "article", "title": "如何识别商标侵权"}]}),
            (
                "daily_publicity_posted",
                {"channels": ["poster_board"], "topic": "knowledge", "title": "商标注册常见问题"},
            ),
            ("materials_prepared", {"materials": [{"kind": "video", "title": "商标小课堂第1期"}]}),
        ),
    ),
    refused=(
        "daily_publicity_posted",
        {"channels": ["website"], "topic": "hot_news", "title": "未策划先发布"},
    ),
)
