"""IP finance (5.1.13, 知识产权金融): the life of a demo case."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from msgspec.structs import replace

from api.demo.common import Process
from api.demo.content_places import BANKS, GUARANTORS
from api.demo.content_policies import FINANCE_PRODUCTS, FINANCE_PURPOSES
from api.demo.content_services import FINANCE_SERVICE
from api.demo.run import Run
from api.demo.world import Demo
from domain.parties import EnterpriseSize
from domain.services import ip_finance


def life(demo: Demo, run: Run) -> Process:
    rng = demo.rng
    client, inst = run.client, run.inst
    kinds = list(ip_finance.FinanceKind)
    weights = (8, 60, 12, 4 if client.size is EnterpriseSize.LARGE else 0, 16)
    kind = rng.choices(kinds, weights)[0]
    pledge = kind is ip_finance.FinanceKind.CREDIT and rng.random() < 0.7
    purpose = rng.choice(FINANCE_PURPOSES)
    patents = rng.randint(2, 12)
    intake_summary = {
        ip_finance.FinanceKind.CREDIT: f"拟以{patents}件发明专利质押申请贷款，用于{purpose}"
        if pledge
        else f"申请科技型企业信用贷款，用于{purpose}",
        ip_finance.FinanceKind.GUARANTEE: f"申请知识产权质押融资担保，用于{purpose}",
        ip_finance.FinanceKind.INSURANCE: "为核心专利投保知识产权保险",
        ip_finance.FinanceKind.INVESTMENT: "寻求科技成果转化股权投资",
        ip_finance.FinanceKind.SECURITIES: "参与知识产权证券化产品融资",
    }[kind]
    run.open(ip_finance.FinanceIntake(finance_kind=kind, pledge_loan=pledge, summary=intake_summary))
    institutions, products = FINANCE_PRODUCTS[kind]
    yield run.later(24, 240)
    small = client.size in (EnterpriseSize.MICRO, EnterpriseSize.SMALL)
    gap = rng.choice((100, 200, 300, 500) if small else (500, 800, 1000, 2000, 3000))
    run.record(
        ip_finance.EnterpriseVisited(
            visited_on=demo.day(run.at),
            visitors=rng.sample(inst.staff, min(2, len(inst.staff))),
            needs=[kind],
            findings=f"企业拟{purpose}，资金缺口约{gap}万元，持有有效发明专利{patents}件",
        ),
    )
    if rng.random() < 0.35:
        yield run.later(72, 480)
        run.record(
            ip_finance.SpecialTrainingHeld(
                held_on=demo.day(run.at),
                institutions=[*rng.sample(BANKS, 2), GUARANTORS[0]],
                topic="知识产权质押融资政策与操作实务专场培训",
                attendees=rng.randint(20, 80),
            ),
        )
    institution = rng.choice(institutions)
    product = products[0] if pledge else rng.choice(products[1:] or products)
    yield run.later(72, 480)
    run.record(
        ip_finance.InstitutionMatched(institution=institution, product=product, contact=f"{demo.person()}（客户经理）"),
    )
    if rng.random() < 0.7:
        yield run.later(24, 168)
        run.record(
            ip_finance.PointToPointService(
                institution=institution, served_on=demo.day(run.at), content=rng.choice(FINANCE_SERVICE)
            ),
        )
    yield run.later(48, 240)  # tracked within ten working days of the match
    applied_on = demo.day(run.at) - timedelta(days=rng.randint(0, 5))
    amount = gap * 10000 if kind is not ip_finance.FinanceKind.INSURANCE else rng.choice((20, 50, 100, 200)) * 10000
    applied = ip_finance.FinancingTracked(
        institution=institution,
        amount_applied_cny=Decimal(f"{amount}.00"),
        applied_on=applied_on,
        outcome=ip_finance.FinancingOutcome.PENDING,
    )
    run.record(applied)
    if rng.random() < 0.3:
        yield run.later(240, 480)
        run.record(replace(applied, note="仍在审批中"))
    yield run.later(240, 1080)
    outcome = rng.choices(
        (
            ip_finance.FinancingOutcome.GRANTED,
            ip_finance.FinancingOutcome.PARTLY_GRANTED,
            ip_finance.FinancingOutcome.REFUSED,
        ),
        (55, 25, 20),
    )[0]
    day = demo.day(run.at)
    decided = replace(applied, outcome=outcome)
    if outcome is not ip_finance.FinancingOutcome.REFUSED:
        granted = (
            amount if outcome is ip_finance.FinancingOutcome.GRANTED else amount * rng.choice((4, 5, 6, 7, 8)) // 10
        )
        decided = replace(
            decided,
            amount_granted_cny=Decimal(f"{granted}.00"),
            granted_on=applied_on + timedelta(days=rng.randint(1, max(1, (day - applied_on).days))),
        )
    run.record(decided)
    yield run.later(24, 240)
    summary = {
        ip_finance.FinancingOutcome.GRANTED: f"获批{product}{amount // 10000}万元，已办理相关登记",
        ip_finance.FinancingOutcome.PARTLY_GRANTED: f"获批{product}，金额低于申请额度，企业接受",
        ip_finance.FinancingOutcome.REFUSED: "金融机构未予批准，已告知企业可完善材料后再行申请",
    }[outcome]
    run.record(ip_finance.FinancingConcluded(summary=summary))
