"""The generic services of 5.1.1 and the featured services of 5.2."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from api.demo.common import Process
from api.demo.content_clients import DESIGNATION_NAMES
from api.demo.content_places import COPYRIGHT_SERVICE, PATENT_AGENCIES, SALES_CHANNELS, TRADEMARK_AGENCIES
from api.demo.content_policies import CHAIN_SEGMENTS, INDUSTRY_NEEDS, PLACE_NEEDS, PLACE_TOPICS, SEP_STANDARDS
from api.demo.content_services import (
    ENTERPRISE_NEEDS,
    EVIDENCE_RESULTS,
    INDUSTRY_PROBLEMS,
    INDUSTRY_STATES,
    INDUSTRY_WORK_NAMES,
    PLACE_MEASURES,
    POINT_SERVICES,
    QINGHAI_RESULTS,
    QINGHAI_SERVICES,
)
from api.demo.loader_outreach import _Outreach
from api.demo.model import _SCORES, _Run
from domain.ip_ledger import RightStatus
from domain.services.common import IpType
from domain.services.four_places import FOUR_PLACE_LABELS, FourPlace, Novelty
from domain.services.generic import FollowUpMethod
from domain.services.key_industry import KEY_INDUSTRY_LABELS, KeyIndustry, SepTopic


class _Featured(_Outreach):
    # The generic services of 5.1.1 ----------------------------------------------------------------------

    def _life_fast_examination(self, run: _Run) -> Process:
        rng = self.rng
        client, inst = run.client, run.inst
        title = f"一种{rng.choice(client.sector.inventions)}"
        self._open(
            run,
            {
                "need": f"{title}发明专利申请，希望通过保护中心预审通道加快审查",
                "ip_type": IpType.PATENT.value,
                "summary": "专利快速预审",
            },
        )
        yield self._later(run, 24, 240)
        day = self._day(run.at)
        self._step(
            run,
            "service_delivered",
            {
                "delivered_on": day.isoformat(),
                "delivered_by": self._staff(inst, 1),
                "content": "指导完成保护中心备案，提交专利预审申请，预审合格后转入国家知识产权局快速审查通道",
                "reference_no": f"YS{day.year}-{self._serial(inst, 'YS', day.year):04d}",
            },
        )
        right = self._file_right(client, IpType.PATENT, day, title, kind=1)
        right.examining_on = day + timedelta(days=rng.randint(10, 25))
        decided = day + timedelta(days=rng.randint(60, 150))
        if rng.random() < 0.9:
            self._grant(right, decided)
        else:
            right.outcome, right.decided_on, right.registration_no = RightStatus.REJECTED, decided, None
        next_on = day + timedelta(days=rng.randint(20, 45))
        yield self._later(run, 72, 360)
        self._step(
            run,
            "followed_up",
            {
                "method": FollowUpMethod.PHONE.value,
                "result": rng.choice(
                    ("预审合格，已转入国家知识产权局快速审查通道", "预审提出补正意见，企业修改后已合格")
                ),
                "next_follow_up_on": next_on.isoformat(),
            },
        )
        office_action = rng.random() < 0.6
        while next_on < decided - timedelta(days=10):  # followed up while it is examined
            yield self._around(run, next_on, 3, 5)
            if office_action:
                office_action = False
                self._step(
                    run,
                    "service_delivered",
                    {
                        "delivered_on": self._day(run.at).isoformat(),
                        "delivered_by": self._staff(inst, 1),
                        "content": "协助企业答复第一次审查意见通知书，修改权利要求",
                    },
                )
                yield self._later(run, 24, 120)
                result = "意见陈述书和修改文本已提交，等待审查"
            else:
                result = "仍在审查中，暂无新的审查意见"
            next_on = self._day(run.at) + timedelta(days=rng.randint(20, 40))
            self._step(
                run,
                "followed_up",
                {"method": FollowUpMethod.PHONE.value, "result": result, "next_follow_up_on": next_on.isoformat()},
            )
        yield self._around(run, decided + timedelta(days=rng.randint(3, 15)), 0, 5)
        status = right.status_at(self._day(run.at))
        months = max(2, (self._day(run.at) - day).days // 30)
        result = {
            RightStatus.GRANTED: f"发明专利已授权（{right.registration_no}），自预审受理起约{months}个月",
            RightStatus.REJECTED: "审查员坚持驳回意见，建议企业提出复审请求",
        }.get(status, "仍在快速审查中")
        self._step(
            run,
            "followed_up",
            {
                "method": rng.choice((FollowUpMethod.PHONE, FollowUpMethod.ONLINE)).value,
                "result": result,
                "satisfaction": rng.choices(
                    _SCORES, (1, 2, 8, 35, 54) if status is RightStatus.GRANTED else (5, 15, 40, 30, 10)
                )[0],
            },
        )
        yield self._later(run, 2, 120)
        self._step(run, "closed", {"outcome": "发明专利已快速授权" if status is RightStatus.GRANTED else result})

    def _life_data_ip_registration(self, run: _Run) -> Process:
        rng = self.rng
        client, inst = run.client, run.inst
        dataset = rng.choice(client.sector.datasets or ("业务运营数据集",))
        self._open(
            run,
            {
                "need": f"{client.short}积累的{dataset}拟申请数据知识产权登记",
                "ip_type": IpType.DATA_IP.value,
                "summary": "数据知识产权登记引导",
            },
        )
        yield self._later(run, 24, 240)
        self._step(
            run,
            "service_delivered",
            {
                "delivered_on": self._day(run.at).isoformat(),
                "delivered_by": self._staff(inst, 2),
                "content": "讲解数据知识产权登记条件与流程，指导准备数据来源合法性说明、数据样例和存证材料",
            },
        )
        yield self._later(run, 168, 720)
        filed = self._day(run.at) - timedelta(days=rng.randint(1, 5))
        right = self._file_right(client, IpType.DATA_IP, filed, dataset)
        self._step(run, "followed_up", {"method": FollowUpMethod.ONLINE.value, "result": "登记申请已提交，进入公示期"})
        yield self._around(run, (right.decided_on or filed) + timedelta(days=rng.randint(2, 10)), 0, 5)
        self._step(
            run,
            "followed_up",
            {
                "method": FollowUpMethod.PHONE.value,
                "result": f"公示期满无异议，已取得登记证书（{right.number}）",
                "satisfaction": rng.choices(_SCORES, (1, 2, 8, 35, 54))[0],
            },
        )
        if rng.random() < 0.3:
            yield self._later(run, 168, 720)
            self._step(
                run,
                "service_delivered",
                {
                    "delivered_on": self._day(run.at).isoformat(),
                    "delivered_by": self._staff(inst, 1),
                    "content": "协助开展数据资产入表和数据知识产权质押融资的可行性分析",
                    "reference_no": right.number,
                },
            )
            yield self._later(run, 168, 720)
            self._step(
                run, "followed_up", {"method": FollowUpMethod.VISIT.value, "result": "企业已与银行初步对接质押融资"}
            )
        yield self._later(run, 2, 168)
        self._step(run, "closed", {"outcome": "取得数据知识产权登记证书"})

    def _life_electronic_evidence(self, run: _Run) -> Process:
        rng = self.rng
        client, inst = run.client, run.inst
        weights = dict(client.sector.ip_weights)
        ip = (
            IpType.TRADEMARK
            if weights.get(IpType.TRADEMARK, 0) >= weights.get(IpType.COPYRIGHT, 0)
            else IpType.COPYRIGHT
        )
        infringer = self._opponent(client)
        channel = rng.choice(SALES_CHANNELS[:4])
        product = rng.choice(client.sector.products)
        need = (
            f"在{channel}发现{infringer}销售仿冒“{client.brand}”的{product}，需要固定网页侵权证据"
            if ip is IpType.TRADEMARK
            else f"发现{infringer}在{channel}未经许可使用其{product}相关作品，需要固定侵权证据"
        )
        self._open(run, {"need": need, "ip_type": ip.value, "summary": "网页侵权证据电子存证"})
        yield self._later(run, 0.5, 48)
        day = self._day(run.at)
        self._step(
            run,
            "service_delivered",
            {
                "delivered_on": day.isoformat(),
                "delivered_by": self._staff(inst, 1),
                "content": "指导使用区块链电子存证平台对侵权网页、商品链接和交易记录进行取证固定",
                "reference_no": f"CZ-{day:%Y%m%d}-{rng.randrange(1, 10000):04d}",
            },
        )
        yield self._later(run, 72, 480)
        result = rng.choice(EVIDENCE_RESULTS)
        self._step(
            run,
            "followed_up",
            {
                "method": rng.choice(list(FollowUpMethod)).value,
                "result": result,
                "satisfaction": rng.choices(_SCORES, (1, 2, 8, 35, 54))[0],
            },
        )
        yield self._later(run, 2, 168)
        self._step(run, "closed", {"outcome": f"证据固定完成，{result}"})

    def _life_qinghai_industry(self, run: _Run) -> Process:
        rng = self.rng
        client, inst = run.client, run.inst
        sector = client.sector
        need = rng.choice(INDUSTRY_NEEDS[sector.tag])
        ip = {"藏毯文创": IpType.COPYRIGHT, "生物医药": IpType.PATENT}.get(sector.tag, IpType.TRADEMARK)
        self._open(run, {"need": f"{client.short}{need}", "ip_type": ip.value, "summary": f"{sector.tag}特色产业帮扶"})
        rounds = rng.choices((1, 2), (60, 40))[0]
        for n in range(rounds):
            yield self._later(run, *((24.0, 240.0) if n == 0 else (168.0, 720.0)))
            self._step(
                run,
                "service_delivered",
                {
                    "delivered_on": self._day(run.at).isoformat(),
                    "delivered_by": self._staff(inst, 2),
                    "content": QINGHAI_SERVICES[ip][n],
                },
            )
            yield self._later(run, 168, 720)
            last = n == rounds - 1
            self._step(
                run,
                "followed_up",
                {
                    "method": rng.choice((FollowUpMethod.VISIT, FollowUpMethod.PHONE)).value,
                    "result": QINGHAI_RESULTS[ip][n],
                    "satisfaction": rng.choices(_SCORES, (1, 2, 8, 35, 54))[0] if last else None,
                },
            )
        yield self._later(run, 24, 240)
        self._step(run, "closed", {"outcome": QINGHAI_RESULTS[ip][rounds - 1]})

    # Featured services (5.2) ---------------------------------------------------------------------------

    def _life_key_industry(self, run: _Run) -> Process:
        rng = self.rng
        client, inst = run.client, run.inst
        sector = client.sector
        industry = sector.key_industry or KeyIndustry.NEW_MATERIALS
        label = KEY_INDUSTRY_LABELS[industry].zh
        self._open(
            run,
            {
                "industry": industry.value,
                "chain_segment": rng.choice(CHAIN_SEGMENTS.get(industry, ("产业链关键环节",))),
                "summary": f"{label}产业专利导航与重点企业服务",
            },
        )
        yield self._later(run, 72, 480)
        peers = [c.short for c in self.people if c.sector is sector and c is not client and c.group == "enterprise"]
        self._step(
            run,
            "industry_surveyed",
            {
                "surveyed_on": self._day(run.at).isoformat(),
                "enterprises": [client.short, *rng.sample(peers, min(len(peers), rng.randint(1, 3)))],
                "current_state": rng.choice(INDUSTRY_STATES).format(label=label),
                "problems": rng.choice(INDUSTRY_PROBLEMS),
            },
        )
        yield self._later(run, 960, 2400)
        analysed = rng.randint(3000, 25000)
        keyword = rng.choice(sector.keywords)
        self._step(
            run,
            "patent_navigation_done",
            {
                "report_title": f"西宁市{label}产业专利导航分析报告",
                "report_no": self._number(inst, "DH", run.at, 2),
                "completed_on": self._day(run.at).isoformat(),
                "patents_analysed": analysed,
                "findings": f"{keyword}方向专利集中度较高，{rng.choice(sector.keywords)}方向存在布局空白点，"
                "建议重点突破",
            },
        )
        work = ["patent_database_built", "courses_designed", "portfolio_planned", "high_value_patent_cultivated"]
        if industry in SEP_STANDARDS:
            work.append("sep_guidance_given")
        if industry in (KeyIndustry.PLATEAU_AGRICULTURE, KeyIndustry.ECO_TOURISM, KeyIndustry.BIOMEDICINE):
            work.append("brand_cultivation_guided")
        done = []
        for code in rng.sample(work, rng.randint(2, min(4, len(work)))):
            yield self._later(run, 240, 1500)
            self._step(run, code, self._industry_work(code, run, industry, analysed))
            done.append(INDUSTRY_WORK_NAMES[code])
        yield self._later(run, 240, 1080)
        self._step(
            run,
            "service_concluded",
            {
                "results": f"完成{label}产业专利导航，{'、'.join(done)}",
                "satisfaction": rng.choices(_SCORES, (0, 1, 5, 40, 54))[0],
            },
        )

    def _industry_work(self, code: str, run: _Run, industry: KeyIndustry, analysed: int) -> dict[str, Any]:
        rng = self.rng
        client = run.client
        sector = client.sector
        label = KEY_INDUSTRY_LABELS[industry].zh
        keywords = rng.sample(sector.keywords, 3)
        if code == "patent_database_built":
            return {
                "database_name": f"西宁{label}产业专利专题数据库",
                "records": analysed + rng.randint(0, 800),
                "tagging_scheme": f"按{'、'.join(keywords)}等技术分支及申请人、法律状态标引",
            }
        if code == "courses_designed":
            return {
                "courses": [f"{label}产业专利态势解读", f"{keywords[0]}专利挖掘与撰写实务", "海外专利布局与风险规避"][
                    : rng.randint(2, 3)
                ],
                "audience": f"{label}企业研发人员与知识产权管理人员",
            }
        if code == "portfolio_planned":
            return {
                "technology_areas": keywords[: rng.randint(2, 3)],
                "target_regions": ["中国", *rng.sample(("美国", "欧洲", "日本", "东南亚", "智利"), rng.randint(0, 2))],
                "planned_filings": rng.randint(8, 40),
                "plan": f"围绕{keywords[0]}核心技术构建专利组合，同步提交PCT申请",
            }
        if code == "high_value_patent_cultivated":
            day = self._day(run.at)
            held = {r.key: r for r in (self._held_right(client, IpType.PATENT, day) for _ in range(rng.randint(1, 3)))}
            return {
                "project": f"{keywords[0]}高价值专利培育项目",
                "patents": [r.number for r in held.values()],
                "criteria": "技术先进、权利稳定、市场前景好，覆盖核心工艺和关键设备",
            }
        if code == "sep_guidance_given":
            topics = sorted(rng.sample(list(SepTopic), rng.randint(1, 3)), key=list(SepTopic).index)
            payload: dict[str, Any] = {
                "topics": [t.value for t in topics],
                "standard": rng.choice(SEP_STANDARDS[industry]),
                "advice": "许可报价应参照可比许可协议并说明计费依据，保留谈判记录以证明符合FRAND承诺",
            }
            if SepTopic.JURISDICTION in topics:
                payload["jurisdictions"] = ["中国", rng.choice(("德国", "英国", "美国"))]
            if SepTopic.ROYALTY_CALCULATION in topics:
                payload |= {
                    "royalty_rate": rng.choice(("0.005", "0.01", "0.015", "0.02")),
                    "royalty_base_cny": f"{rng.randint(50, 800) * 10000}.00",
                }
            return payload
        if code == "brand_cultivation_guided":
            return {
                "brands": [client.brand],
                "nice_classes": sorted(rng.sample(sector.classes, min(len(sector.classes), 2))),
                "strategy": "统一企业字号与产品商标，在核心类别全类注册，培育区域品牌并申请使用地理标志专用标志",
            }
        raise AssertionError(f"no payload for step {code}")

    def _life_key_enterprise(self, run: _Run) -> Process:
        rng = self.rng
        client, inst = run.client, run.inst
        year: int = run.plan.extra["year"]
        industry = client.sector.key_industry
        basis = [DESIGNATION_NAMES[d] for d in client.designations]
        if industry is not None:
            basis.append(f"{KEY_INDUSTRY_LABELS[industry].zh}产业链重点企业")
        self._open(run, {"summary": f"{client.short}，{year}年度重点服务企业"})
        yield self._later(run, 0.5, 72)
        self._step(
            run,
            "directory_listed",
            {"year": year, "industry": industry.value if industry else None, "basis": "、".join(basis)},
        )
        visits = services = 0
        for _ in range(rng.randint(1, 3)):
            yield self._later(run, 168, 1440)
            visits += 1
            self._step(
                run,
                "enterprise_visited",
                {
                    "visited_on": self._day(run.at).isoformat(),
                    "visitors": self._staff(inst, 2),
                    "needs": rng.choice(ENTERPRISE_NEEDS),
                },
            )
            for _ in range(rng.choices((1, 2), (70, 30))[0]):
                yield self._later(run, 72, 480)
                services += 1
                topic, content = rng.choice(POINT_SERVICES)
                self._step(
                    run,
                    "point_to_point_service",
                    {
                        "served_on": self._day(run.at).isoformat(),
                        "topic": topic,
                        "content": content,
                        "served_by": self._staff(inst, 1) + self._experts(client.sector, 1)[:1],
                    },
                )
        yield self._around(run, date(year, 12, rng.randint(12, 26)), 0, 2)
        self._step(
            run,
            "annual_service_concluded",
            {
                "summary": f"{year}年走访{visits}次，开展点对点服务{services}项，企业知识产权管理水平明显提升",
                "satisfaction": rng.choices(_SCORES, (0, 1, 5, 40, 54))[0],
            },
        )

    def _life_four_places(self, run: _Run) -> Process:
        rng = self.rng
        client, inst = run.client, run.inst
        sector = client.sector
        place = sector.place or FourPlace.GREEN_ORGANIC_PRODUCE
        novelty = sorted(rng.sample(list(Novelty), rng.randint(1, 2)), key=list(Novelty).index)
        ip_types = sorted({self._pick(sector.ip_weights) for _ in range(2)}, key=list(IpType).index)
        self._open(
            run,
            {
                "place": place.value,
                "novelty": [n.value for n in novelty],
                "ip_types": [t.value for t in ip_types],
                "summary": f"{client.short}：{FOUR_PLACE_LABELS[place].zh}建设中的知识产权服务需求",
            },
        )
        yield self._later(run, 24, 480)
        self._step(
            run,
            "capability_built",
            {
                "completed_on": self._day(run.at).isoformat(),
                "staff": self._staff(inst, 2),
                "topics": rng.sample(PLACE_TOPICS[place], 2),
            },
        )
        yield self._later(run, 48, 480)
        needs = rng.sample(PLACE_NEEDS[place], rng.randint(2, 3))
        self._step(
            run,
            "service_plan_designed",
            {
                "title": f"{client.short}知识产权服务方案",
                "needs": needs,
                "measures": [PLACE_MEASURES[need] for need in needs],
                "planned_until": (self._day(run.at) + timedelta(days=rng.randint(120, 300))).isoformat(),
            },
        )
        for need in needs[: rng.randint(1, len(needs))]:
            yield self._later(run, 168, 1080)
            self._step(
                run,
                "plan_delivered",
                {
                    "delivered_on": self._day(run.at).isoformat(),
                    "content": f"{PLACE_MEASURES[need]}，已完成阶段性工作",
                    "delivered_by": self._staff(inst, 1),
                },
            )
        if rng.random() < 0.5:
            yield self._later(run, 72, 480)
            need = rng.choice(needs)
            self._step(
                run,
                "agency_referred",
                {
                    "need": need,
                    "agency": rng.choice(
                        TRADEMARK_AGENCIES
                        if any(w in need for w in ("商标", "品牌", "标志"))
                        else (COPYRIGHT_SERVICE,)
                        if "版权" in need
                        else PATENT_AGENCIES
                    ),
                    "solution": rng.choice(("代理机构已提交相关申请", "代理机构出具了布局方案", None)),
                },
            )
        yield self._later(run, 168, 720)
        self._step(
            run,
            "service_concluded",
            {"results": f"完成{'、'.join(needs)}等服务", "satisfaction": rng.choices(_SCORES, (0, 1, 6, 40, 53))[0]},
        )
