"""Transfer and licensing (5.1.14, 知识产权转让、许可): the life of a demo case."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from functools import partial

from api.demo.common import Process
from api.demo.content_clients import RESEARCH_INSTITUTES, UNIVERSITIES, patent_number
from api.demo.content_places import VALUATION_FIRMS
from api.demo.content_services import CONTRACT_ADVICE, CONTRACT_NAMES
from api.demo.names import company_like, serial, serial_number
from api.demo.rights import held_right
from api.demo.run import Run
from api.demo.world import Demo
from domain.services import transfer_license
from domain.services.common import IP_TYPE_LABELS, IpType


def life(demo: Demo, run: Run) -> Process:
    rng = demo.rng
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
    kind = rng.choices(
        list(transfer_license.ContractKind), (5, 10, 25, 60) if ip is IpType.TRADEMARK else (35, 20, 15, 30)
    )[0]
    day = demo.day(run.at)
    if grantor:
        held = {
            r.key: r
            for r in (held_right(demo, client, ip, day) for _ in range(rng.choices((1, 2, 3), (70, 20, 10))[0]))
        }
        rights = [transfer_license.RightRef(ip_type=ip, number=r.number, title=r.title) for r in held.values()]
        peers = [c.short for c in demo.people if c.group == "enterprise" and c is not client and c.sector is sector]
        counterparty = rng.choice(peers) if peers and rng.random() < 0.6 else company_like(demo, client)
    else:
        counterparty = (
            rng.choice(UNIVERSITIES + RESEARCH_INSTITUTES) if ip is IpType.PATENT else company_like(demo, client)
        )
        rights = [
            transfer_license.RightRef(
                ip_type=ip,
                number=patent_number(rng, day.year - rng.randint(1, 6), 1)
                if ip is IpType.PATENT
                else str(rng.randrange(10**7, 8 * 10**7))
                if ip is IpType.TRADEMARK
                else f"{day.year - 1}SR{rng.randrange(10**7):07d}",
                title=f"一种{rng.choice(sector.inventions)}"
                if ip is IpType.PATENT
                else f"{rng.choice(sector.products)}相关{IP_TYPE_LABELS[ip].zh}",
            )
        ]
    title = rights[0].title or ""
    deal = CONTRACT_NAMES[kind]
    run.open(
        transfer_license.TransferIntake(
            ip_type=ip,
            client_side=(transfer_license.ClientSide.GRANTOR if grantor else transfer_license.ClientSide.GRANTEE),
            summary=f"拟将{title}{deal}给{counterparty}" if grantor else f"拟通过{deal}取得{counterparty}的{title}",
        ),
    )
    value = rng.choice((5, 8, 10, 20, 30, 50, 80, 120, 200, 300)) * 10000
    if rng.random() < 0.6:  # 5.1.14.a
        yield run.later(72, 480)
        firm, prefix = rng.choice(VALUATION_FIRMS)
        valued = demo.day(run.at)
        run.record(
            transfer_license.ValuationReferred(
                institution=firm,
                method=rng.choices(list(transfer_license.ValuationMethod), (60, 25, 15))[0],
                valuation_cny=Decimal(f"{value}.00"),
                valued_on=valued,
                report_no=f"{prefix}〔{valued.year}〕第{serial(demo, inst, prefix, valued.year):03d}号",
            ),
        )
    consideration = Decimal(f"{value * rng.choice((8, 9, 10, 11)) // 10}.00")
    term_from = term_to = territory = None
    if kind is not transfer_license.ContractKind.ASSIGNMENT:
        term_from = demo.day(run.at) + timedelta(days=rng.randint(20, 75))
        term_to = term_from.replace(year=term_from.year + rng.randint(3, 10)) - timedelta(days=1)
        territory = rng.choice(("中国大陆", "青海省", "中国大陆", "全球"))
    terms = partial(
        transfer_license.ContractGuided,
        contract_kind=kind,
        counterparty=counterparty,
        rights=rights,
        consideration_cny=consideration,
        term_from=term_from,
        term_to=term_to,
        territory=territory,
    )
    for n in range(rng.choices((1, 2, 3), (50, 35, 15))[0]):
        yield run.later(72, 480)
        run.record(terms(advice=CONTRACT_ADVICE[kind is transfer_license.ContractKind.ASSIGNMENT][n]))
    last_draft = demo.day(run.at)
    yield run.later(72, 720)
    day = demo.day(run.at)
    archive_no = serial_number(demo, inst, "ZX", run.at)
    signed = rng.random() < 0.8
    if signed:
        signed_on = max(last_draft, day - timedelta(days=rng.randint(0, 5)))
        archived = transfer_license.Archived(
            archive_no=archive_no,
            outcome=transfer_license.DealOutcome.SIGNED,
            signed_on=signed_on,
            recorded_with_authority=rng.random() < 0.75,
        )
    else:
        archived = transfer_license.Archived(
            archive_no=archive_no,
            outcome=transfer_license.DealOutcome.ABANDONED,
            note=rng.choice(("受让方放弃交易", "双方对许可使用费未能达成一致", "评估价值与对方预期差距较大")),
        )
    run.record(archived)
    if signed and rng.random() < 0.25:  # 5.1.14.c
        yield run.later(336, 1440)
        who = "高校" if client.group == "university" else "科研院所" if client.group == "institute" else "企业"
        run.record(
            transfer_license.TypicalCaseWritten(
                title=f"{who}{title.removeprefix('一种')}{IP_TYPE_LABELS[ip].zh}{deal}案",
                summary=f"{inst.spec.name}指导{client.short}与{counterparty}完成{deal}，"
                f"{'交易前委托评估确定价格基准，' if 'valuation_referred' in run.case.steps else ''}"
                "多轮完善合同条款，明确改进技术归属与保密义务",
                tags=[f"{IP_TYPE_LABELS[ip].zh}{deal}", sector.tag],
            ),
        )
