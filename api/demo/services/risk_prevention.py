"""Risk prevention (5.1.3, 风险防控): the life of a demo case."""

from __future__ import annotations

from decimal import Decimal

from api.demo.common import Process
from api.demo.content_clients import patent_number
from api.demo.content_places import _TISC, _WS, LAW_FIRMS, PATENT_AGENCIES
from api.demo.content_policies import RISK_TRAINING_TOPICS, RULE_DOCUMENTS, RULE_GAPS
from api.demo.content_services import RISK_OUTCOMES, RISK_SUMMARIES
from api.demo.names import experts_on, serial_number
from api.demo.run import Run
from api.demo.world import Demo
from domain.lifecycle import Payload
from domain.parties import EnterpriseSize
from domain.services import risk_prevention
from domain.services.common import IpType
from domain.services.info_search import SEARCH_PLATFORMS, SearchPlatform


def life(demo: Demo, run: Run) -> Process:
    rng = demo.rng
    client = run.client
    sector = client.sector
    areas = sorted(
        set(
            rng.choices(
                list(risk_prevention.RiskArea),
                (40, 20, 20 if IpType.TRADE_SECRET in dict(sector.ip_weights) else 5, 8, 8, 6),
                k=2,
            )
        ),
        key=list(risk_prevention.RiskArea).index,
    )
    ip_types = sorted({demo.pick(sector.ip_weights) for _ in range(2)}, key=list(IpType).index)
    run.open(
        risk_prevention.RiskIntake(risk_areas=list(areas), ip_types=list(ip_types), summary=RISK_SUMMARIES[areas[0]]),
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
        yield run.later(*((2.0, 120.0) if not run.case.steps else (24.0, 480.0)))
        run.record(risk_payload(demo, code, run, ip_types))
    yield run.later(24, 360)
    residual = rng.choice((None, "一件相关专利仍需持续监控", "海外市场的商标风险仍需跟进", None))
    run.record(
        risk_prevention.Concluded(outcome=RISK_OUTCOMES[run.case.steps[-1]], residual_risks=residual),
    )


def risk_payload(demo: Demo, code: str, run: Run, ip_types: list[IpType]) -> Payload:
    rng = demo.rng
    client, inst = run.client, run.inst
    sector = client.sector
    if code == "rules_improved":
        systems = sorted(
            rng.sample(list(risk_prevention.RuleSystem), rng.randint(1, 2)), key=list(risk_prevention.RuleSystem).index
        )
        documents = [rng.choice(RULE_DOCUMENTS[s]) for s in systems]
        return risk_prevention.RulesImproved(
            systems=list(systems), documents=documents, gaps_found=rng.choice(RULE_GAPS)
        )
    if code == "risk_training_held":
        partners = [i.spec.name for i in demo.insts if i.spec.kind in (_TISC, _WS) and i is not inst][:2]
        return risk_prevention.RiskTrainingHeld(
            partners=partners or [inst.spec.name],
            audiences=list(rng.sample(list(risk_prevention.TrainingAudience), rng.randint(1, 2))),
            topic=rng.choice(RISK_TRAINING_TOPICS),
            lecturers=[*experts_on(demo, sector, 1), rng.choice(inst.staff)],
            trainees=rng.randint(8, 60),
        )
    if code == "risk_search_analysed":
        level = rng.choices(list(risk_prevention.RiskLevel), (45, 40, 15))[0]
        hits = rng.randint(3, 40)
        findings = {
            risk_prevention.RiskLevel.LOW: f"检索到相关专利{hits}件，均未覆盖拟采用的技术方案，侵权风险较低",
            risk_prevention.RiskLevel.MEDIUM: f"检索到{hits}件相关有效专利，其中{rng.randint(1, 3)}件的权利要求"
            "与拟采用方案部分重合，建议调整工艺参数",
            risk_prevention.RiskLevel.HIGH: f"发现{rng.randint(1, 2)}件有效发明专利的独立权利要求覆盖核心工艺，"
            "侵权风险高，建议规避设计或寻求许可",
        }[level]
        warnings = (
            []
            if level is risk_prevention.RiskLevel.LOW
            else [patent_number(rng, demo.day(run.at).year - rng.randint(2, 8), 1) for _ in range(rng.randint(1, 3))]
        )
        charged = client.size is EnterpriseSize.LARGE and rng.random() < 0.4  # free for micro, small and medium
        platforms = rng.sample(
            (SearchPlatform.CNIPA_PATENT_SEARCH, SearchPlatform.INCOPAT, SearchPlatform.EPO_ESPACENET), 2
        )
        return risk_prevention.RiskSearchAnalysed(
            subject=rng.choice(sector.inventions),
            ip_types=list(ip_types),
            databases=[SEARCH_PLATFORMS[p].name.zh for p in platforms],
            risk_level=level,
            findings=findings,
            warnings=warnings,
            report_no=serial_number(demo, inst, "FX", run.at),
            fee_cny=Decimal(f"{rng.choice((3000, 5000, 8000, 12000, 20000))}.00" if charged else "0"),
        )
    if code == "referred_to_agency":
        law = rng.random() < 0.5
        return risk_prevention.ReferredToAgency(
            agency_kind=(risk_prevention.AgencyKind.LAW_FIRM if law else risk_prevention.AgencyKind.PATENT_AGENCY),
            agency_name=rng.choice(LAW_FIRMS if law else PATENT_AGENCIES),
            services=rng.choice(("出具不侵权法律意见", "合同知识产权条款审查"))
            if law
            else rng.choice(("规避设计与专利布局", "专利稳定性分析")),
        )
    raise AssertionError(f"no payload for step {code}")
