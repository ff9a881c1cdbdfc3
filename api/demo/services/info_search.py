"""IP information search (5.1.8, 信息查询检索): the life of a demo case."""

from __future__ import annotations

from decimal import Decimal

from api.demo.common import Process
from api.demo.content_clients import ACADEMIC, SECTORS
from api.demo.content_places import PATENT_AGENCIES
from api.demo.content_services import SEARCH_CONCLUSIONS, SEARCH_FINDINGS, SEARCH_PURPOSES, SEARCH_SUMMARIES
from api.demo.names import contact, serial_number
from api.demo.rights import held_right
from api.demo.run import Run
from api.demo.world import Demo
from domain.services import info_search
from domain.services.common import IpType


def life(demo: Demo, run: Run) -> Process:
    rng = demo.rng
    client, inst = run.client, run.inst
    sector = client.sector
    ip = demo.pick(sector.ip_weights)
    ip = ip if ip in (IpType.PATENT, IpType.TRADEMARK, IpType.COPYRIGHT) else IpType.PATENT
    purpose = demo.pick(SEARCH_PURPOSES[ip])
    if ip is IpType.TRADEMARK:
        cls = rng.choice(sector.classes)
        subject = f"“{client.brand}”商标（第{cls}类）"
        query = f"“{client.brand}” 第{cls}类 近似查询（含拼音及图形要素）"
    elif ip is IpType.COPYRIGHT:
        software = sector in (SECTORS[6], ACADEMIC)
        subject = f"{client.short}的{'软件' if software else rng.choice(sector.products)}著作权登记信息"
        query = f"著作权人：{client.short}"
    elif purpose is info_search.SearchPurpose.LEGAL_STATUS:
        right = held_right(demo, client, ip, demo.day(run.at))
        subject = f"{right.title}（{right.number}）"
        query = f"申请号 {right.application_no}"
    else:
        keywords = rng.sample(sector.keywords, 2)
        subject = f"一种{rng.choice(sector.inventions)}"
        query = f"({keywords[0]} OR {keywords[1]}) AND {rng.choice(sector.products)}；IPC: {rng.choice(sector.ipc)}"
    run.open(
        info_search.SearchIntake(ip_type=ip, purpose=purpose, subject=subject, summary=SEARCH_SUMMARIES[purpose]),
    )
    yield run.later(1, 96)
    platforms = platforms_for(demo, ip, purpose)
    few = purpose is info_search.SearchPurpose.LEGAL_STATUS or ip is IpType.COPYRIGHT
    hits = rng.randint(1, 20) if few else rng.randint(8, 600)
    relevant = min(hits, rng.randint(0, 15))
    run.record(
        info_search.BasicSearchPerformed(
            platforms=list(platforms),
            query=query,
            hits=hits,
            relevant_hits=relevant,
            findings=SEARCH_FINDINGS[purpose].format(n=relevant),
        ),
    )
    if ip is IpType.PATENT and purpose is not info_search.SearchPurpose.LEGAL_STATUS and rng.random() < 0.2:
        yield run.later(72, 360)
        run.record(
            info_search.JointSearchArranged(
                agency=rng.choice(PATENT_AGENCIES),
                scope=rng.choice(
                    ("全球范围新颖性、创造性检索及对比分析", "美国、欧洲同族专利检索", "主要竞争对手专利检索")
                ),
                platforms=[rng.choice((info_search.SearchPlatform.INCOPAT, info_search.SearchPlatform.PATSNAP))],
                hits=rng.randint(100, 900),
                fee_cny=Decimal(f"{rng.choice((800, 1200, 1800, 2500, 4000))}.00"),
                findings="补充检出境外同族文献若干，未改变基础检索结论",
            ),
        )
    yield run.later(4, 120)
    run.record(
        info_search.ResultsDelivered(
            delivered_to=contact(demo, client),
            channel=rng.choices(list(info_search.DeliveryChannel), (35, 40, 5, 20))[0],
            conclusion=rng.choice(SEARCH_CONCLUSIONS[purpose]),
            report_no=serial_number(demo, inst, "JS", run.at),
        ),
    )


def platforms_for(demo: Demo, ip: IpType, purpose: info_search.SearchPurpose) -> list[info_search.SearchPlatform]:
    rng = demo.rng
    if ip is IpType.TRADEMARK:
        return [info_search.SearchPlatform.CHINA_TRADEMARK] + (
            [info_search.SearchPlatform.WIPO_BRAND_DATABASE] if rng.random() < 0.2 else []
        )
    if ip is IpType.COPYRIGHT:
        return [info_search.SearchPlatform.CHINA_COPYRIGHT] + (
            [info_search.SearchPlatform.CHINA_JUDGMENTS] if rng.random() < 0.2 else []
        )
    if purpose is info_search.SearchPurpose.LEGAL_STATUS:
        return [info_search.SearchPlatform.CNIPA_EXAMINATION_STATUS, info_search.SearchPlatform.CNIPA_PUBLICATION]
    extra = rng.choice(
        (
            info_search.SearchPlatform.EPO_ESPACENET,
            info_search.SearchPlatform.WIPO_PATENTSCOPE,
            info_search.SearchPlatform.CNIPA_PUBLICATION,
        )
    )
    return [info_search.SearchPlatform.CNIPA_PATENT_SEARCH] + ([extra] if rng.random() < 0.5 else [])
