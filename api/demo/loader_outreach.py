"""Publicity, compliance guidance, IP finance, transfer and licensing (5.1.11-5.1.14)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from api.demo.common import CST, Process
from api.demo.content_clients import RESEARCH_INSTITUTES, UNIVERSITIES, patent_number
from api.demo.content_places import BANKS, GUARANTORS, VALUATION_FIRMS
from api.demo.content_policies import (
    CAMPAIGN_VENUES,
    COMPLIANCE_DIFFICULTIES,
    COMPLIANCE_FINDINGS,
    COMPLIANCE_MEASURES,
    COMPLIANCE_STANDARD,
    DAILY_TITLES,
    FINANCE_PRODUCTS,
    FINANCE_PURPOSES,
    PUBLICITY_THEMES,
    REPORT_OUTLETS,
)
from api.demo.content_services import (
    CAMPAIGN_ACTIVITIES,
    COMPLIANCE_ENDINGS,
    COMPLIANCE_ISSUES,
    COMPLIANCE_OBSERVATIONS,
    CONTRACT_ADVICE,
    CONTRACT_NAMES,
    FINANCE_SERVICE,
    MATERIALS,
)
from api.demo.loader_advice import _Advice
from api.demo.model import _Inst, _Run
from domain.parties import EnterpriseSize
from domain.services.common import IP_TYPE_LABELS, IpType
from domain.services.compliance_guidance import ComplianceArea, EndReason, RunningState
from domain.services.compliance_guidance import RiskLevel as ComplianceRisk
from domain.services.compliance_guidance import SurveyMethod as ComplianceSurvey
from domain.services.ip_finance import FinanceKind, FinancingOutcome
from domain.services.publicity import KEY_OCCASIONS, KeyOccasion, MediaKind
from domain.services.publicity import Channel as PublicityChannel
from domain.services.transfer_license import ClientSide, ContractKind, DealOutcome, ValuationMethod


class _Outreach(_Advice):
    # Publicity (5.1.11) ----------------------------------------------------------------------------------

    def _life_publicity(self, run: _Run) -> Process:
        rng = self.rng
        client, inst = run.client, run.inst
        occasion: KeyOccasion | None = run.plan.extra.get("occasion")
        day: date | None = run.plan.extra.get("day")
        exhibition: str | None = run.plan.extra.get("exhibition")
        opened = self._day(run.at)
        if occasion is not None and day is not None:
            label = KEY_OCCASIONS[occasion].zh.split("（")[0]
            title = f"{day.year}年{exhibition or label}知识产权宣传活动方案"
            theme = rng.choice(PUBLICITY_THEMES[occasion])
            starts, ends = day - timedelta(days=6), day + timedelta(days=rng.randint(3, 14))
            summary = f"{day.year}年{exhibition or label}系列宣传活动（联合{client.short}）"
        else:
            topic = rng.choice(("商标知识", "专利申请常识", "著作权保护", "地理标志知识", "打击侵权假冒"))
            starts, ends = opened + timedelta(days=7), opened + timedelta(days=rng.randint(30, 60))
            title = f"{starts.year}年{starts.month}月{topic}日常普法宣传"
            theme = topic
            summary = f"面向{client.short}的{topic}日常宣传"
        channels = sorted(rng.sample(list(PublicityChannel)[:6], rng.randint(2, 4)), key=list(PublicityChannel).index)
        self._open(run, {"summary": summary})
        yield self._later(run, 4, 120)
        self._step(
            run,
            "publicity_planned",
            {
                "title": title,
                "theme": theme,
                "starts_on": starts.isoformat(),
                "ends_on": ends.isoformat(),
                "occasions": [occasion.value] if occasion else [],
                "channels": [c.value for c in channels],
                "audience": f"{client.short}及周边群众" if occasion else f"{client.short}",
            },
        )
        yield self._later(run, 48, 240)
        self._step(run, "materials_prepared", {"materials": self._materials()})
        posts = [(topic, title) for topic, titles in DAILY_TITLES.items() for title in titles]
        for topic_code, post in rng.sample(posts, rng.randint(0, 2) if occasion else rng.randint(2, 4)):
            yield self._later(run, 72, 240)
            self._step(
                run,
                "daily_publicity_posted",
                {
                    "channels": [c.value for c in rng.sample(channels, min(len(channels), 2))],
                    "topic": topic_code.value,
                    "title": post,
                },
            )
        handed = 0
        if occasion is not None and day is not None:
            campaign = datetime.combine(day, time(9, 30), CST)
            run.at = campaign if campaign > run.at else self._after(run.at, 1, 24)
            yield run.at
            participants = rng.randint(150, 900)
            handed = rng.randint(participants, participants * 3)
            self._step(
                run,
                "key_date_campaign_held",
                {
                    "occasion": occasion.value,
                    "exhibition": exhibition,
                    "venue": rng.choice(CAMPAIGN_VENUES).format(client=client.short)
                    if exhibition is None
                    else "青海国际会展中心",
                    "activities": rng.choice(CAMPAIGN_ACTIVITIES),
                    "participants": participants,
                    "materials_handed_out": handed,
                },
            )
        yield self._later(run, 2, 72)
        self._step(run, "media_collected", {"items": self._media(inst, run.at)})
        yield self._later(run, 72, 336)
        views = rng.randint(2000, 30000)
        done = (
            f"现场发放宣传资料{handed}份，"
            if handed
            else f"发布宣传内容{run.case.steps.count('daily_publicity_posted')}篇，"
        )
        self._step(
            run,
            "activity_reported",
            {
                "summary": f"{title.removesuffix('方案')}已完成，{done}线上阅读量{views}次",
                "outlets": rng.sample(REPORT_OUTLETS, rng.randint(1, 3)),
                "people_reached": rng.randint(200, 3000) if handed else rng.randint(50, 400),
                "online_views": views,
            },
        )

    def _materials(self) -> list[dict[str, Any]]:
        rng = self.rng
        chosen = rng.sample(MATERIALS, rng.randint(1, 3))
        return [
            {"kind": kind.value, "title": title, **({"quantity": rng.choice(amounts)} if amounts else {})}
            for kind, title, amounts in chosen
        ]

    def _media(self, inst: _Inst, at: datetime) -> list[dict[str, Any]]:
        number = self._number(inst, "XC", at)
        kinds = [MediaKind.PHOTO] + ([MediaKind.VIDEO] if self.rng.random() < 0.5 else [])
        return [
            {
                "kind": k.value,
                "caption": {MediaKind.PHOTO: "宣传活动照片", MediaKind.VIDEO: "宣传活动视频"}[k],
                "archive_no": f"{number}-{k.value[0].upper()}{n:02d}",
            }
            for n, k in enumerate(kinds, start=1)
        ]

    # Compliance guidance (5.1.12) -----------------------------------------------------------------------

    def _life_compliance_guidance(self, run: _Run) -> Process:
        rng = self.rng
        client = run.client
        big = client.size in (EnterpriseSize.MEDIUM, EnterpriseSize.LARGE)
        has_system = big and rng.random() < 0.4
        self._open(run, {"summary": f"{client.short}拟开展知识产权合规管理体系建设"})
        yield self._later(run, 24, 240)
        areas = sorted(rng.sample(list(ComplianceArea), rng.randint(3, 5)), key=list(ComplianceArea).index)
        self._step(
            run,
            "compliance_surveyed",
            {
                "methods": [
                    m.value
                    for m in sorted(
                        rng.sample(list(ComplianceSurvey), rng.randint(1, 3)), key=list(ComplianceSurvey).index
                    )
                ],
                "areas": [a.value for a in areas],
                "findings": rng.choice(COMPLIANCE_FINDINGS),
                "has_management_system": has_system,
                "certified_standard": "GB/T 29490-2013" if has_system and rng.random() < 0.5 else None,
            },
        )
        yield self._later(run, 72, 480)
        self._step(
            run,
            "difficulties_analysed",
            {
                "difficulties": rng.sample(COMPLIANCE_DIFFICULTIES, rng.randint(1, 3)),
                "weak_areas": [a.value for a in rng.sample(areas, rng.randint(1, 2))],
                "risk_level": rng.choices(list(ComplianceRisk), (25, 55, 20))[0].value,
                "analysis": "企业处于快速成长期，制度建设滞后于研发投入" if not big else "制度较完善但执行与考核不到位",
            },
        )
        yield self._later(run, 72, 480)
        self._compliance_guided(run)
        next_on = self._day(run.at) + timedelta(days=rng.randint(22, 32))  # the first: within 20 working days
        well = 0
        for n in range(5):
            yield self._around(run, next_on, 4, 4 if rng.random() < 0.85 else 30)
            running = rng.choices(list(RunningState), (25 + 25 * n, 55, 20 - 4 * n))[0]
            well += running is RunningState.RUNNING_WELL
            next_on = self._day(run.at) + timedelta(days=rng.randint(60, 120))
            self._step(
                run,
                "compliance_followed_up",
                {
                    "running": running.value,
                    "observations": COMPLIANCE_OBSERVATIONS[running],
                    "issues": [] if running is RunningState.RUNNING_WELL else [rng.choice(COMPLIANCE_ISSUES)],
                    "next_follow_up": next_on.isoformat(),
                },
            )
            if well >= rng.choice((1, 2)):
                break
            if n < 4 and running is not RunningState.RUNNING_WELL and rng.random() < 0.6:
                yield self._later(run, 24, 240)
                self._compliance_guided(run)
        if well:
            yield self._later(run, 24, 240)
            reason = rng.choices((EndReason.SYSTEM_RUNNING, EndReason.CERTIFIED), (80, 20))[0]
        else:
            yield self._later(run, 240, 720)
            reason = EndReason.CLIENT_DECLINED
        self._step(run, "follow_up_ended", {"reason": reason.value, "summary": COMPLIANCE_ENDINGS[reason]})

    def _compliance_guided(self, run: _Run) -> None:
        rng = self.rng
        self._step(
            run,
            "system_guided",
            {
                "measures": rng.sample(COMPLIANCE_MEASURES, rng.randint(1, 3)),
                "reference_standard": COMPLIANCE_STANDARD,
                "client_contact": self._contact(run.client),
                "target_date": (self._day(run.at) + timedelta(days=rng.randint(90, 180))).isoformat(),
            },
        )

    # IP finance (5.1.13) -----------------------------------------------------------------------------------

    def _life_ip_finance(self, run: _Run) -> Process:
        rng = self.rng
        client, inst = run.client, run.inst
        kinds = list(FinanceKind)
        weights = (8, 60, 12, 4 if client.size is EnterpriseSize.LARGE else 0, 16)
        kind = rng.choices(kinds, weights)[0]
        pledge = kind is FinanceKind.CREDIT and rng.random() < 0.7
        purpose = rng.choice(FINANCE_PURPOSES)
        patents = rng.randint(2, 12)
        intake_summary = {
            FinanceKind.CREDIT: f"拟以{patents}件发明专利质押申请贷款，用于{purpose}"
            if pledge
            else f"申请科技型企业信用贷款，用于{purpose}",
            FinanceKind.GUARANTEE: f"申请知识产权质押融资担保，用于{purpose}",
            FinanceKind.INSURANCE: "为核心专利投保知识产权保险",
            FinanceKind.INVESTMENT: "寻求科技成果转化股权投资",
            FinanceKind.SECURITIES: "参与知识产权证券化产品融资",
        }[kind]
        self._open(run, {"finance_kind": kind.value, "pledge_loan": pledge, "summary": intake_summary})
        institutions, products = FINANCE_PRODUCTS[kind]
        yield self._later(run, 24, 240)
        small = client.size in (EnterpriseSize.MICRO, EnterpriseSize.SMALL)
        gap = rng.choice((100, 200, 300, 500) if small else (500, 800, 1000, 2000, 3000))
        self._step(
            run,
            "enterprise_visited",
            {
                "visited_on": self._day(run.at).isoformat(),
                "visitors": rng.sample(inst.staff, min(2, len(inst.staff))),
                "needs": [kind.value],
                "findings": f"企业拟{purpose}，资金缺口约{gap}万元，持有有效发明专利{patents}件",
            },
        )
        if rng.random() < 0.35:
            yield self._later(run, 72, 480)
            self._step(
                run,
                "special_training_held",
                {
                    "held_on": self._day(run.at).isoformat(),
                    "institutions": [*rng.sample(BANKS, 2), GUARANTORS[0]],
                    "topic": "知识产权质押融资政策与操作实务专场培训",
                    "attendees": rng.randint(20, 80),
                },
            )
        institution = rng.choice(institutions)
        product = products[0] if pledge else rng.choice(products[1:] or products)
        yield self._later(run, 72, 480)
        self._step(
            run,
            "institution_matched",
            {"institution": institution, "product": product, "contact": f"{self._person()}（客户经理）"},
        )
        if rng.random() < 0.7:
            yield self._later(run, 24, 168)
            self._step(
                run,
                "point_to_point_service",
                {
                    "institution": institution,
                    "served_on": self._day(run.at).isoformat(),
                    "content": rng.choice(FINANCE_SERVICE),
                },
            )
        yield self._later(run, 48, 240)  # tracked within ten working days of the match
        applied_on = self._day(run.at) - timedelta(days=rng.randint(0, 5))
        amount = gap * 10000 if kind is not FinanceKind.INSURANCE else rng.choice((20, 50, 100, 200)) * 10000
        applied = {
            "institution": institution,
            "amount_applied_cny": f"{amount}.00",
            "applied_on": applied_on.isoformat(),
        }
        self._step(run, "financing_tracked", {**applied, "outcome": FinancingOutcome.PENDING.value})
        if rng.random() < 0.3:
            yield self._later(run, 240, 480)
            self._step(
                run, "financing_tracked", {**applied, "outcome": FinancingOutcome.PENDING.value, "note": "仍在审批中"}
            )
        yield self._later(run, 240, 1080)
        outcome = rng.choices(
            (FinancingOutcome.GRANTED, FinancingOutcome.PARTLY_GRANTED, FinancingOutcome.REFUSED), (55, 25, 20)
        )[0]
        day = self._day(run.at)
        decided: dict[str, Any] = {**applied, "outcome": outcome.value}
        if outcome is not FinancingOutcome.REFUSED:
            granted = amount if outcome is FinancingOutcome.GRANTED else amount * rng.choice((4, 5, 6, 7, 8)) // 10
            decided |= {
                "amount_granted_cny": f"{granted}.00",
                "granted_on": (
                    applied_on + timedelta(days=rng.randint(1, max(1, (day - applied_on).days)))
                ).isoformat(),
            }
        self._step(run, "financing_tracked", decided)
        yield self._later(run, 24, 240)
        summary = {
            FinancingOutcome.GRANTED: f"获批{product}{amount // 10000}万元，已办理相关登记",
            FinancingOutcome.PARTLY_GRANTED: f"获批{product}，金额低于申请额度，企业接受",
            FinancingOutcome.REFUSED: "金融机构未予批准，已告知企业可完善材料后再行申请",
        }[outcome]
        self._step(run, "financing_concluded", {"summary": summary})

    # Transfer and licensing (5.1.14) ----------------------------------------------------------------------

    def _life_transfer_license(self, run: _Run) -> Process:
        rng = self.rng
        client, inst = run.client, run.inst
        sector = client.sector
        academic = client.group in ("university", "institute")
        grantor = academic or client.group == "person" or rng.random() < 0.3
        if client.group == "person":
            ip = IpType.PATENT
        elif academic:
            ip = rng.choices((IpType.PATENT, IpType.COPYRIGHT), (90, 10))[0]
        else:
            ip = rng.choices((IpType.PATENT, IpType.TRADEMARK, IpType.COPYRIGHT), (80, 12, 8))[0]
        kind = rng.choices(list(ContractKind), (5, 10, 25, 60) if ip is IpType.TRADEMARK else (35, 20, 15, 30))[0]
        day = self._day(run.at)
        if grantor:
            held = {
                r.key: r
                for r in (self._held_right(client, ip, day) for _ in range(rng.choices((1, 2, 3), (70, 20, 10))[0]))
            }
            rights = [{"ip_type": ip.value, "number": r.number, "title": r.title} for r in held.values()]
            peers = [c.short for c in self.people if c.group == "enterprise" and c is not client and c.sector is sector]
            counterparty = rng.choice(peers) if peers and rng.random() < 0.6 else self._company_like(client)
        else:
            counterparty = (
                rng.choice(UNIVERSITIES + RESEARCH_INSTITUTES) if ip is IpType.PATENT else self._company_like(client)
            )
            rights = [
                {
                    "ip_type": ip.value,
                    "number": patent_number(rng, day.year - rng.randint(1, 6), 1)
                    if ip is IpType.PATENT
                    else str(rng.randrange(10**7, 8 * 10**7))
                    if ip is IpType.TRADEMARK
                    else f"{day.year - 1}SR{rng.randrange(10**7):07d}",
                    "title": f"一种{rng.choice(sector.inventions)}"
                    if ip is IpType.PATENT
                    else f"{rng.choice(sector.products)}相关{IP_TYPE_LABELS[ip].zh}",
                }
            ]
        title = rights[0]["title"]
        deal = CONTRACT_NAMES[kind]
        self._open(
            run,
            {
                "ip_type": ip.value,
                "client_side": (ClientSide.GRANTOR if grantor else ClientSide.GRANTEE).value,
                "summary": f"拟将{title}{deal}给{counterparty}"
                if grantor
                else f"拟通过{deal}取得{counterparty}的{title}",
            },
        )
        value = rng.choice((5, 8, 10, 20, 30, 50, 80, 120, 200, 300)) * 10000
        if rng.random() < 0.6:  # 5.1.14.a
            yield self._later(run, 72, 480)
            firm, prefix = rng.choice(VALUATION_FIRMS)
            valued = self._day(run.at)
            self._step(
                run,
                "valuation_referred",
                {
                    "institution": firm,
                    "method": rng.choices(list(ValuationMethod), (60, 25, 15))[0].value,
                    "valuation_cny": f"{value}.00",
                    "valued_on": valued.isoformat(),
                    "report_no": f"{prefix}〔{valued.year}〕第{self._serial(inst, prefix, valued.year):03d}号",
                },
            )
        terms: dict[str, Any] = {
            "contract_kind": kind.value,
            "counterparty": counterparty,
            "rights": rights,
            "consideration_cny": f"{value * rng.choice((8, 9, 10, 11)) // 10}.00",
        }
        if kind is not ContractKind.ASSIGNMENT:
            start = self._day(run.at) + timedelta(days=rng.randint(20, 75))
            years = rng.randint(3, 10)
            terms |= {
                "term_from": start.isoformat(),
                "term_to": (start.replace(year=start.year + years) - timedelta(days=1)).isoformat(),
                "territory": rng.choice(("中国大陆", "青海省", "中国大陆", "全球")),
            }
        for n in range(rng.choices((1, 2, 3), (50, 35, 15))[0]):
            yield self._later(run, 72, 480)
            self._step(run, "contract_guided", {**terms, "advice": CONTRACT_ADVICE[kind is ContractKind.ASSIGNMENT][n]})
        last_draft = self._day(run.at)
        yield self._later(run, 72, 720)
        day = self._day(run.at)
        archived: dict[str, Any] = {"archive_no": self._number(inst, "ZX", run.at)}
        signed = rng.random() < 0.8
        if signed:
            signed_on = max(last_draft, day - timedelta(days=rng.randint(0, 5)))
            archived |= {
                "outcome": DealOutcome.SIGNED.value,
                "signed_on": signed_on.isoformat(),
                "recorded_with_authority": rng.random() < 0.75,
            }
        else:
            archived |= {
                "outcome": DealOutcome.ABANDONED.value,
                "note": rng.choice(("受让方放弃交易", "双方对许可使用费未能达成一致", "评估价值与对方预期差距较大")),
            }
        self._step(run, "archived", archived)
        if signed and rng.random() < 0.25:  # 5.1.14.c
            yield self._later(run, 336, 1440)
            who = "高校" if client.group == "university" else "科研院所" if client.group == "institute" else "企业"
            self._step(
                run,
                "typical_case_written",
                {
                    "title": f"{who}{title.removeprefix('一种')}{IP_TYPE_LABELS[ip].zh}{deal}案",
                    "summary": f"{inst.spec.name}指导{client.short}与{counterparty}完成{deal}，"
                    f"{'交易前委托评估确定价格基准，' if 'valuation_referred' in run.case.steps else ''}"
                    "多轮完善合同条款，明确改进技术归属与保密义务",
                    "tags": [f"{IP_TYPE_LABELS[ip].zh}{deal}", sector.tag],
                },
            )
