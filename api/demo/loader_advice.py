"""Policy promotion, risk prevention, information search and analysis, training (5.1.2, 5.1.3, 5.1.8-5.1.10)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from api.demo.common import Process
from api.demo.content_clients import ACADEMIC, SECTORS, patent_number
from api.demo.content_places import _TISC, _WS, LAW_FIRMS, PATENT_AGENCIES, VENUES
from api.demo.content_policies import (
    INDUSTRY_POLICIES,
    POLICIES,
    POLICY_CHANGES,
    POLICY_INDUSTRY_NAMES,
    PROJECTS,
    RISK_TRAINING_TOPICS,
    RULE_DOCUMENTS,
    RULE_GAPS,
    TRAINING_COMMENTS,
    TRAINING_NEEDS,
    TRAINING_QUESTIONS,
)
from api.demo.content_services import (
    ACQUISITION,
    ANALYSIS_ADVICE,
    ANALYSIS_CONCLUSIONS,
    ANALYSIS_SUMMARIES,
    PATENT_SCHEMES,
    RISK_OUTCOMES,
    RISK_SUMMARIES,
    SEARCH_CONCLUSIONS,
    SEARCH_FINDINGS,
    SEARCH_PURPOSES,
    SEARCH_SUMMARIES,
)
from api.demo.loader_disputes import _Disputes
from api.demo.model import _Run
from domain.parties import EnterpriseSize
from domain.services.common import IpType
from domain.services.info_analysis import AnalysisKind, AnalysisPurpose, InfoCategory
from domain.services.info_search import SEARCH_PLATFORMS, DeliveryChannel, SearchPlatform, SearchPurpose
from domain.services.policy_promotion import PolicyKind, PushChannel
from domain.services.risk_prevention import AgencyKind as RiskAgency
from domain.services.risk_prevention import RiskArea, RuleSystem, TrainingAudience
from domain.services.risk_prevention import RiskLevel as RiskPreventionLevel
from domain.services.training import COURSES, Course
from domain.services.training import SurveyMethod as TrainingSurvey


class _Advice(_Disputes):
    # Policy promotion (5.1.2) ----------------------------------------------------------------------------

    def _life_policy_promotion(self, run: _Run) -> Process:
        rng = self.rng
        client = run.client
        industry = client.sector.policy_industry
        interests = sorted(rng.sample(list(PolicyKind), rng.randint(1, 2)), key=list(PolicyKind).index)
        names = {
            PolicyKind.SUPPORT: "资助扶持",
            PolicyKind.REWARD: "奖励",
            PolicyKind.PILOT_APPLICATION: "试点示范申报",
        }
        self._open(
            run,
            {
                "industries": [industry.value] if industry else [],
                "interests": [i.value for i in interests],
                "summary": f"{client.short}希望了解知识产权{'、'.join(names[i] for i in interests)}政策",
            },
        )
        yield self._later(run, 2, 120)
        fitting = [p for p in POLICIES if p[2] in interests] or list(POLICIES)
        chosen = rng.sample(fitting, min(len(fitting), rng.randint(2, 4)))
        others = [p for p in POLICIES if p not in chosen]
        chosen += rng.sample(others, rng.randint(0, 1))
        policies = [{"title": t, "level": lv.value, "kind": k.value, "issuer": issuer} for t, lv, k, issuer in chosen]
        self._step(run, "policies_collected", {"policies": policies})
        yield self._later(run, 24, 240)
        at = self._day(run.at)
        channels = rng.sample(list(PushChannel), rng.randint(1, 3))
        self._step(
            run,
            "compilation_pushed",
            {
                "title": "西宁市知识产权惠企政策汇编",
                "version": f"{at.year}年第{'一' if at.month <= 6 else '二'}版",
                "channels": [c.value for c in sorted(channels, key=list(PushChannel).index)],
                "policy_count": rng.randint(24, 46),
            },
        )
        if industry is not None and rng.random() < 0.55:
            yield self._later(run, 72, 720)
            tracked = INDUSTRY_POLICIES[industry]
            self._step(
                run,
                "industry_policies_tracked",
                {
                    "industries": [industry.value],
                    "policies": rng.sample(tracked, rng.randint(1, len(tracked))),
                    "changes": POLICY_CHANGES.get(industry) if rng.random() < 0.6 else None,
                },
            )
            if rng.random() < 0.6:
                yield self._later(run, 72, 480)
                self._step(
                    run,
                    "interpretation_session_held",
                    {
                        "topic": f"{POLICY_INDUSTRY_NAMES[industry]}产业知识产权政策专题解读会",
                        "industries": [industry.value],
                        "experts": self._experts(client.sector, 2),
                        "attendees": rng.randint(18, 120),
                        "venue": rng.choice(VENUES),
                    },
                )
        outcome = "已将相关政策推送至服务对象，服务对象表示将关注后续申报通知"
        if client.organisation and rng.random() < 0.5:  # 5.1.2.d: a member of the public applies for no project
            yield self._later(run, 72, 720)
            day = self._day(run.at)
            project, level, authority, materials = rng.choice(PROJECTS)
            title = project.format(year=day.year)
            self._step(
                run,
                "project_application_assisted",
                {
                    "project": title,
                    "level": level.value,
                    "authority": authority,
                    "materials": list(materials),
                    "submitted_on": day.isoformat(),
                    "deadline": (day + timedelta(days=rng.randint(2, 25))).isoformat(),
                },
            )
            outcome = f"已协助提交{title}申报材料，等待评审结果"
        yield self._later(run, 24, 480)
        self._step(run, "concluded", {"outcome": outcome})

    # Risk prevention (5.1.3) -----------------------------------------------------------------------------

    def _life_risk_prevention(self, run: _Run) -> Process:
        rng = self.rng
        client = run.client
        sector = client.sector
        areas = sorted(
            set(
                rng.choices(
                    list(RiskArea), (40, 20, 20 if IpType.TRADE_SECRET in dict(sector.ip_weights) else 5, 8, 8, 6), k=2
                )
            ),
            key=list(RiskArea).index,
        )
        ip_types = sorted({self._pick(sector.ip_weights) for _ in range(2)}, key=list(IpType).index)
        self._open(
            run,
            {
                "risk_areas": [a.value for a in areas],
                "ip_types": [t.value for t in ip_types],
                "summary": RISK_SUMMARIES[areas[0]],
            },
        )
        plan = [
            code
            for code, chance in (("risk_search_analysed", 0.65), ("rules_improved", 0.5), ("risk_training_held", 0.3))
            if rng.random() < chance
        ]
        if not plan:
            plan = [rng.choice(("risk_search_analysed", "rules_improved"))]
        rng.shuffle(plan)
        if rng.random() < 0.35:
            plan.append("referred_to_agency")  # never first: 5.1.3.d follows the institution's own work
        for code in plan:
            yield self._later(run, *((2.0, 120.0) if not run.case.steps else (24.0, 480.0)))
            self._step(run, code, self._risk_payload(code, run, ip_types))
        yield self._later(run, 24, 360)
        residual = rng.choice((None, "一件相关专利仍需持续监控", "海外市场的商标风险仍需跟进", None))
        self._step(
            run,
            "concluded",
            {"outcome": RISK_OUTCOMES[run.case.steps[-1]], "residual_risks": residual},
        )

    def _risk_payload(self, code: str, run: _Run, ip_types: list[IpType]) -> dict[str, Any]:
        rng = self.rng
        client, inst = run.client, run.inst
        sector = client.sector
        if code == "rules_improved":
            systems = sorted(rng.sample(list(RuleSystem), rng.randint(1, 2)), key=list(RuleSystem).index)
            documents = [rng.choice(RULE_DOCUMENTS[s]) for s in systems]
            return {
                "systems": [s.value for s in systems],
                "documents": documents,
                "gaps_found": rng.choice(RULE_GAPS),
            }
        if code == "risk_training_held":
            partners = [i.spec.name for i in self.insts if i.spec.kind in (_TISC, _WS) and i is not inst][:2]
            return {
                "partners": partners or [inst.spec.name],
                "audiences": [a.value for a in rng.sample(list(TrainingAudience), rng.randint(1, 2))],
                "topic": rng.choice(RISK_TRAINING_TOPICS),
                "lecturers": [*self._experts(sector, 1), rng.choice(inst.staff)],
                "trainees": rng.randint(8, 60),
            }
        if code == "risk_search_analysed":
            level = rng.choices(list(RiskPreventionLevel), (45, 40, 15))[0]
            hits = rng.randint(3, 40)
            findings = {
                RiskPreventionLevel.LOW: f"检索到相关专利{hits}件，均未覆盖拟采用的技术方案，侵权风险较低",
                RiskPreventionLevel.MEDIUM: f"检索到{hits}件相关有效专利，其中{rng.randint(1, 3)}件的权利要求"
                "与拟采用方案部分重合，建议调整工艺参数",
                RiskPreventionLevel.HIGH: f"发现{rng.randint(1, 2)}件有效发明专利的独立权利要求覆盖核心工艺，"
                "侵权风险高，建议规避设计或寻求许可",
            }[level]
            warnings = (
                []
                if level is RiskPreventionLevel.LOW
                else [
                    patent_number(rng, self._day(run.at).year - rng.randint(2, 8), 1) for _ in range(rng.randint(1, 3))
                ]
            )
            charged = client.size is EnterpriseSize.LARGE and rng.random() < 0.4  # free for micro, small and medium
            platforms = rng.sample(
                (SearchPlatform.CNIPA_PATENT_SEARCH, SearchPlatform.INCOPAT, SearchPlatform.EPO_ESPACENET), 2
            )
            return {
                "subject": rng.choice(sector.inventions),
                "ip_types": [t.value for t in ip_types],
                "databases": [SEARCH_PLATFORMS[p].name.zh for p in platforms],
                "risk_level": level.value,
                "findings": findings,
                "warnings": warnings,
                "report_no": self._number(inst, "FX", run.at),
                "fee_cny": f"{rng.choice((3000, 5000, 8000, 12000, 20000))}.00" if charged else "0",
            }
        if code == "referred_to_agency":
            law = rng.random() < 0.5
            return {
                "agency_kind": (RiskAgency.LAW_FIRM if law else RiskAgency.PATENT_AGENCY).value,
                "agency_name": rng.choice(LAW_FIRMS if law else PATENT_AGENCIES),
                "services": rng.choice(("出具不侵权法律意见", "合同知识产权条款审查"))
                if law
                else rng.choice(("规避设计与专利布局", "专利稳定性分析")),
            }
        raise AssertionError(f"no payload for step {code}")

    # Information search (5.1.8) ---------------------------------------------------------------------------

    def _life_info_search(self, run: _Run) -> Process:
        rng = self.rng
        client, inst = run.client, run.inst
        sector = client.sector
        ip = self._pick(sector.ip_weights)
        ip = ip if ip in (IpType.PATENT, IpType.TRADEMARK, IpType.COPYRIGHT) else IpType.PATENT
        purpose = self._pick(SEARCH_PURPOSES[ip])
        if ip is IpType.TRADEMARK:
            cls = rng.choice(sector.classes)
            subject = f"“{client.brand}”商标（第{cls}类）"
            query = f"“{client.brand}” 第{cls}类 近似查询（含拼音及图形要素）"
        elif ip is IpType.COPYRIGHT:
            software = sector in (SECTORS[6], ACADEMIC)
            subject = f"{client.short}的{'软件' if software else rng.choice(sector.products)}著作权登记信息"
            query = f"著作权人：{client.short}"
        elif purpose is SearchPurpose.LEGAL_STATUS:
            right = self._held_right(client, ip, self._day(run.at))
            subject = f"{right.title}（{right.number}）"
            query = f"申请号 {right.application_no}"
        else:
            keywords = rng.sample(sector.keywords, 2)
            subject = f"一种{rng.choice(sector.inventions)}"
            query = f"({keywords[0]} OR {keywords[1]}) AND {rng.choice(sector.products)}；IPC: {rng.choice(sector.ipc)}"
        self._open(
            run,
            {"ip_type": ip.value, "purpose": purpose.value, "subject": subject, "summary": SEARCH_SUMMARIES[purpose]},
        )
        yield self._later(run, 1, 96)
        platforms = self._platforms(ip, purpose)
        few = purpose is SearchPurpose.LEGAL_STATUS or ip is IpType.COPYRIGHT
        hits = rng.randint(1, 20) if few else rng.randint(8, 600)
        relevant = min(hits, rng.randint(0, 15))
        self._step(
            run,
            "basic_search_performed",
            {
                "platforms": [p.value for p in platforms],
                "query": query,
                "hits": hits,
                "relevant_hits": relevant,
                "findings": SEARCH_FINDINGS[purpose].format(n=relevant),
            },
        )
        if ip is IpType.PATENT and purpose is not SearchPurpose.LEGAL_STATUS and rng.random() < 0.2:
            yield self._later(run, 72, 360)
            self._step(
                run,
                "joint_search_arranged",
                {
                    "agency": rng.choice(PATENT_AGENCIES),
                    "scope": rng.choice(
                        ("全球范围新颖性、创造性检索及对比分析", "美国、欧洲同族专利检索", "主要竞争对手专利检索")
                    ),
                    "platforms": [rng.choice((SearchPlatform.INCOPAT, SearchPlatform.PATSNAP)).value],
                    "hits": rng.randint(100, 900),
                    "fee_cny": f"{rng.choice((800, 1200, 1800, 2500, 4000))}.00",
                    "findings": "补充检出境外同族文献若干，未改变基础检索结论",
                },
            )
        yield self._later(run, 4, 120)
        self._step(
            run,
            "results_delivered",
            {
                "delivered_to": self._contact(client),
                "channel": rng.choices(list(DeliveryChannel), (35, 40, 5, 20))[0].value,
                "conclusion": rng.choice(SEARCH_CONCLUSIONS[purpose]),
                "report_no": self._number(inst, "JS", run.at),
            },
        )

    def _platforms(self, ip: IpType, purpose: SearchPurpose) -> list[SearchPlatform]:
        rng = self.rng
        if ip is IpType.TRADEMARK:
            return [SearchPlatform.CHINA_TRADEMARK] + (
                [SearchPlatform.WIPO_BRAND_DATABASE] if rng.random() < 0.2 else []
            )
        if ip is IpType.COPYRIGHT:
            return [SearchPlatform.CHINA_COPYRIGHT] + ([SearchPlatform.CHINA_JUDGMENTS] if rng.random() < 0.2 else [])
        if purpose is SearchPurpose.LEGAL_STATUS:
            return [SearchPlatform.CNIPA_EXAMINATION_STATUS, SearchPlatform.CNIPA_PUBLICATION]
        extra = rng.choice(
            (SearchPlatform.EPO_ESPACENET, SearchPlatform.WIPO_PATENTSCOPE, SearchPlatform.CNIPA_PUBLICATION)
        )
        return [SearchPlatform.CNIPA_PATENT_SEARCH] + ([extra] if rng.random() < 0.5 else [])

    # Information analysis (5.1.9) ---------------------------------------------------------------------------

    def _life_info_analysis(self, run: _Run) -> Process:
        rng = self.rng
        client, inst = run.client, run.inst
        sector = client.sector
        purpose = rng.choices(list(AnalysisPurpose), (30, 20, 25, 15, 8, 2))[0]
        topic = rng.choice(sector.keywords)
        if purpose is AnalysisPurpose.COMPETITOR:
            subject = f"{self._opponent(client)}的{topic}专利布局"
        else:
            subject = f"{sector.tag if sector.fragments else topic}领域{topic}技术"
        self._open(run, {"purpose": purpose.value, "subject": subject, "summary": ANALYSIS_SUMMARIES[purpose]})
        yield self._later(run, 4, 168)
        more = [InfoCategory.LITERATURE, InfoCategory.TRADEMARK, InfoCategory.JUDICIAL, InfoCategory.TRANSACTION]
        categories = [InfoCategory.PATENT, InfoCategory.LEGAL_STATUS, *rng.sample(more, rng.randint(0, 2))]
        records = rng.randint(300, 20000)
        self._step(
            run,
            "information_organised",
            {
                "categories": [c.value for c in categories],
                "records": records,
                "scheme": rng.choice(PATENT_SCHEMES).value,
                "platforms": [SearchPlatform.CNIPA_PATENT_SEARCH.value]
                + (
                    [rng.choice((SearchPlatform.INCOPAT, SearchPlatform.WIPO_PATENTSCOPE)).value]
                    if rng.random() < 0.6
                    else []
                ),
                "other_sources": ["中国知网"] if InfoCategory.LITERATURE in categories else [],
            },
        )
        if rng.random() < 0.7:
            yield self._later(run, 24, 240)
            explained = rng.sample(categories, min(len(categories), rng.randint(1, 3)))
            self._step(
                run,
                "acquisition_explained",
                {
                    "methods": [{"category": c.value, **ACQUISITION[c]} for c in explained],
                    "explained_to": [self._contact(client)],
                },
            )
        yield self._later(run, 72, 480)
        kinds = rng.sample(list(AnalysisKind), rng.randint(2, 4))
        self._step(
            run,
            "basic_analysis_performed",
            {
                "kinds": [k.value for k in sorted(kinds, key=list(AnalysisKind).index)],
                "records_analysed": rng.randint(records // 2, records),
                "conclusions": rng.choice(ANALYSIS_CONCLUSIONS).format(topic=topic, rate=rng.randint(6, 25)),
            },
        )
        if rng.random() < 0.2:
            yield self._later(run, 168, 720)
            self._step(
                run,
                "joint_analysis_arranged",
                {
                    "agency": rng.choice(PATENT_AGENCIES),
                    "scope": f"{topic}技术专利导航分析",
                    "deliverable": rng.choice(("专利导航分析报告", "竞争对手专利预警报告", "专利布局建议书")),
                    "fee_cny": f"{rng.choice((8000, 15000, 30000, 50000))}.00",
                },
            )
        yield self._later(run, 24, 240)
        self._step(
            run,
            "analysis_delivered",
            {
                "report_title": f"{topic}技术专利态势分析",
                "delivered_to": client.short,
                "channel": rng.choices(list(DeliveryChannel), (40, 35, 5, 20))[0].value,
                "recommendations": rng.choice(ANALYSIS_ADVICE).format(topic=topic),
                "report_no": self._number(inst, "FXBG", run.at),
            },
        )

    # Training (5.1.10) ------------------------------------------------------------------------------------

    def _life_training(self, run: _Run) -> Process:
        rng = self.rng
        client, inst = run.client, run.inst
        courses = sorted(rng.sample(list(Course), rng.randint(2, 3)), key=list(Course).index)
        self._open(run, {"summary": f"{client.short}知识产权基础知识培训"})
        for n in range(rng.choices((1, 2), (75, 25))[0]):
            yield self._later(run, *((2.0, 96.0) if n == 0 else (24.0, 240.0)))
            methods = rng.sample(list(TrainingSurvey), rng.randint(1, 2))
            self._step(
                run,
                "needs_surveyed",
                {
                    "methods": [m.value for m in sorted(methods, key=list(TrainingSurvey).index)],
                    "respondents": rng.randint(5, 80),
                    "courses_wanted": [c.value for c in courses] if n == 0 else [],
                    "topics_wanted": [] if n == 0 else [rng.choice(TRAINING_NEEDS)],
                },
            )
        yield self._later(run, 48, 336)
        session_day = self._working_moment(self._day(run.at) + timedelta(days=rng.randint(10, 35)))
        names = "、".join(COURSES[c].zh for c in courses[:2])
        plan = {
            "title": f"{self._day(session_day).year}年{client.short}知识产权培训班（{names}）",
            "planned_on": self._day(session_day).isoformat(),
            "lecturers": [*self._experts(client.sector, 1), rng.choice(inst.staff)],
            "courses": [c.value for c in courses],
            "audience": f"{client.short}{'师生' if client.group == 'university' else '研发与管理人员'}",
        }
        confirmed_at_once = rng.random() < 0.55
        self._step(run, "training_planned", {**plan, "courseware_confirmed": confirmed_at_once})
        if not confirmed_at_once:  # 5.1.10.b: the lecturers confirm the courseware, then the plan is recorded again
            yield self._later(run, 24, 168)
            self._step(run, "training_planned", {**plan, "courseware_confirmed": True})
        venue = rng.choice((f"{client.short}会议室", f"{inst.spec.name}培训室", "线上（腾讯会议）"))
        attendees = [self._person() for _ in range(rng.randint(2, 5))]
        run.respondents = list(attendees)
        for n in range(rng.choices((1, 2), (75, 25))[0]):
            if n == 0:
                run.at = max(session_day, self._office(run.at + timedelta(hours=2)))
                yield run.at
            else:
                yield self._later(run, 168, 720)
            count = rng.randint(15, 150)
            self._step(
                run,
                "session_held",
                {
                    "venue": venue if n == 0 else "线上（腾讯会议）",
                    "attendees_count": count,
                    "attendees": attendees if n == 0 else [],
                },
            )
            yield self._later(run, 1, 72)
            mean = round(rng.uniform(3.9, 4.9), 1)
            self._step(
                run,
                "satisfaction_surveyed",
                {
                    "responses": rng.randint(max(1, count // 2), count),
                    "mean_score": f"{mean:.1f}",
                    "satisfied_percent": f"{min(100.0, round(20 * mean - 2 + rng.uniform(-3, 3), 1)):.1f}",
                    "comments": rng.sample(TRAINING_COMMENTS, rng.randint(0, 2)),
                },
            )
        yield self._later(run, 24, 240)
        self._step(
            run,
            "records_kept",
            {
                "archive_no": self._number(inst, "PX", run.at),
                "attendee_records": [{"name": a, "organisation": client.short} for a in attendees],
                "questions_collected": rng.sample(TRAINING_QUESTIONS, rng.randint(1, 3)),
                "follow_up_needs": rng.sample(TRAINING_NEEDS, rng.randint(1, 2)),
            },
        )
