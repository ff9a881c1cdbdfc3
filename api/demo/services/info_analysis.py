"""IP information analysis and use (5.1.9, 信息分析利用): the life of a demo case."""

from __future__ import annotations

from decimal import Decimal

from api.demo.common import Process
from api.demo.content_places import PATENT_AGENCIES
from api.demo.content_services import (
    ACQUISITION,
    ANALYSIS_ADVICE,
    ANALYSIS_CONCLUSIONS,
    ANALYSIS_SUMMARIES,
    PATENT_SCHEMES,
)
from api.demo.names import contact, opponent, serial_number
from api.demo.run import Run
from api.demo.world import Demo
from domain.services import info_analysis
from domain.services.info_search import DeliveryChannel, SearchPlatform


def life(demo: Demo, run: Run) -> Process:
    rng = demo.rng
    client, inst = run.client, run.inst
    sector = client.sector
    purpose = rng.choices(list(info_analysis.AnalysisPurpose), (30, 20, 25, 15, 8, 2))[0]
    topic = rng.choice(sector.keywords)
    if purpose is info_analysis.AnalysisPurpose.COMPETITOR:
        subject = f"{opponent(demo, client)}的{topic}专利布局"
    else:
        subject = f"{sector.tag if sector.fragments else topic}领域{topic}技术"
    run.open(info_analysis.AnalysisIntake(purpose=purpose, subject=subject, summary=ANALYSIS_SUMMARIES[purpose]))
    yield run.later(4, 168)
    more = [
        info_analysis.InfoCategory.LITERATURE,
        info_analysis.InfoCategory.TRADEMARK,
        info_analysis.InfoCategory.JUDICIAL,
        info_analysis.InfoCategory.TRANSACTION,
    ]
    categories = [
        info_analysis.InfoCategory.PATENT,
        info_analysis.InfoCategory.LEGAL_STATUS,
        *rng.sample(more, rng.randint(0, 2)),
    ]
    records = rng.randint(300, 20000)
    run.record(
        info_analysis.InformationOrganised(
            categories=list(categories),
            records=records,
            scheme=rng.choice(PATENT_SCHEMES),
            platforms=[SearchPlatform.CNIPA_PATENT_SEARCH]
            + ([rng.choice((SearchPlatform.INCOPAT, SearchPlatform.WIPO_PATENTSCOPE))] if rng.random() < 0.6 else []),
            other_sources=["中国知网"] if info_analysis.InfoCategory.LITERATURE in categories else [],
        ),
    )
    if rng.random() < 0.7:
        yield run.later(24, 240)
        explained = rng.sample(categories, min(len(categories), rng.randint(1, 3)))
        run.record(
            info_analysis.AcquisitionExplained(
                methods=[
                    info_analysis.AcquisitionMethod(category=c, how=ACQUISITION[c][0], platform=ACQUISITION[c][1])
                    for c in explained
                ],
                explained_to=[contact(demo, client)],
            ),
        )
    yield run.later(72, 480)
    kinds = rng.sample(list(info_analysis.AnalysisKind), rng.randint(2, 4))
    run.record(
        info_analysis.BasicAnalysisPerformed(
            kinds=list(sorted(kinds, key=list(info_analysis.AnalysisKind).index)),
            records_analysed=rng.randint(records // 2, records),
            conclusions=rng.choice(ANALYSIS_CONCLUSIONS).format(topic=topic, rate=rng.randint(6, 25)),
        ),
    )
    if rng.random() < 0.2:
        yield run.later(168, 720)
        run.record(
            info_analysis.JointAnalysisArranged(
                agency=rng.choice(PATENT_AGENCIES),
                scope=f"{topic}技术专利导航分析",
                deliverable=rng.choice(("专利导航分析报告", "竞争对手专利预警报告", "专利布局建议书")),
                fee_cny=Decimal(f"{rng.choice((8000, 15000, 30000, 50000))}.00"),
            ),
        )
    yield run.later(24, 240)
    run.record(
        info_analysis.AnalysisDelivered(
            report_title=f"{topic}技术专利态势分析",
            delivered_to=client.short,
            channel=rng.choices(list(DeliveryChannel), (40, 35, 5, 20))[0],
            recommendations=rng.choice(ANALYSIS_ADVICE).format(topic=topic),
            report_no=serial_number(demo, inst, "FXBG", run.at),
        ),
    )
