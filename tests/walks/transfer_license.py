from tests.walks import Walk

RIGHT = {"ip_type": "patent", "number": "ZL202110345678.9", "title": "一种红景天提取物的制备方法"}

WALK = Walk(
    service_type="transfer_license",
    intake={"ip_type": "patent", "client_side": "grantor", "summary": "拟将红景天提取工艺专利独占许可给本地药企"},
    paths=(
        (
            (
                "valuation_referred",
                {
                    "institution": "青海正信资产评估有限公司",
                    "method": "income",
                    "valuation_cny": "1260000.00",
                    "valued_on": "2026-02-10",
                    "report_no": "青正评报字〔2026〕第018号",
                },
            ),
            (
                "contract_guided",
                {
                    "contract_kind": "exclusive_licence",
                    "counterparty": "青海雪域藏药制药有限公司",
                    "rights": [RIGHT],
                    "consideration_cny": "1200000.00",
                    "term_from": "2026-04-01",
                    "term_to": "2031-03-31",
                    "territory": "中国大陆",
                    "advice": "建议采用入门费加销售额提成的支付方式，明确改进技术归属与保密义务",
                },
            ),
            (
                "contract_guided",
                {
                    "contract_kind": "exclusive_licence",
                    "counterparty": "青海雪域藏药制药有限公司",
                    "rights": [RIGHT],
                    "consideration_cny": "1200000.00",
                    "term_from": "2026-04-01",
                    "term_to": "2031-03-31",
                    "territory": "中国大陆",
                    "advice": "补充违约责任和合同备案条款，约定许可期内专利年费由许可方缴纳",
                },
            ),
            (
                "archived",
                {
                    "outcome": "signed",
                    "signed_on": "2026-03-28",
                    "recorded_with_authority": True,
                    "archive_no": "XN-ZX-2026-007",
                },
            ),
            (
                "typical_case_written",
                {
                    "title": "高校红景天提取工艺专利独占许可案",
                    "summary": "交易前委托评估确定许可费基准，两轮修改合同条款，签约后完成专利实施许可合同备案",
                    "tags": ["专利许可", "生物医药", "价值评估"],
                },
            ),
        ),
        (
            (
                "contract_guided",
                {
                    "contract_kind": "assignment",
                    "counterparty": "西宁恒泰新能源科技有限公司",
                    "rights": [{"ip_type": "patent", "number": "ZL202220987654.3"}],
                    "consideration_cny": "300000.00",
                    "advice": "提示转让须经国家知识产权局登记方生效，约定登记前的实施权",
                },
            ),
            ("archived", {"outcome": "abandoned", "archive_no": "XN-ZX-2026-011", "note": "受让方放弃交易"}),
        ),
    ),
    refused=("archived", {"outcome": "abandoned", "archive_no": "XN-ZX-2026-012"}),
)
