from tests.walks import Walk

WALK = Walk(
    service_type="info_search",
    intake={
        "ip_type": "patent",
        "purpose": "novelty",
        "subject": "一种盐湖卤水提锂用铝系吸附剂及其制备方法",
        "summary": "企业拟申请发明专利，申请前查新",
    },
    paths=(
        (
            (
                "basic_search_performed",
                {
                    "platforms": ["cnipa_patent_search", "epo_espacenet"],
                    "query": "(盐湖 OR 卤水) AND 提锂 AND 铝系吸附剂；IPC: C22B26/12, B01J20/08",
                    "hits": 137,
                    "relevant_hits": 9,
                    "findings": "检出 3 篇近似度较高的中国专利文献，均未公开层状双氢氧化物掺杂工艺",
                },
            ),
            (
                "joint_search_arranged",
                {
                    "agency": "青海智汇知识产权代理有限公司",
                    "scope": "全球范围新颖性、创造性检索及对比分析",
                    "platforms": ["incopat"],
                    "hits": 412,
                    "fee_cny": "1800.00",
                },
            ),
            (
                "results_delivered",
                {
                    "delivered_to": "研发部 李工",
                    "channel": "email",
                    "conclusion": "未发现破坏新颖性的对比文件，建议围绕掺杂工艺撰写权利要求",
                    "report_no": "XN-JS-2026-031",
                },
            ),
        ),
        (
            (
                "joint_search_arranged",
                {"agency": "青海省专利信息服务中心", "scope": "美国、欧洲同族专利法律状态检索"},
            ),
            (
                "basic_search_performed",
                {
                    "platforms": ["cnipa_examination_status"],
                    "other_platforms": ["国家知识产权局专利公布公告"],
                    "query": "申请号 CN202310123456.7",
                    "hits": 1,
                },
            ),
        ),
    ),
    refused=("results_delivered", {"delivered_to": "申请人", "channel": "in_person", "conclusion": "尚未检索"}),
)
