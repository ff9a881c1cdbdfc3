"""Featured service for key industries (5.2.2, 重点产业特色服务): the life of a demo case."""

from __future__ import annotations

from decimal import Decimal

from api.demo.common import Process
from api.demo.content_policies import CHAIN_SEGMENTS, SEP_STANDARDS
from api.demo.content_services import INDUSTRY_PROBLEMS, INDUSTRY_STATES, INDUSTRY_WORK_NAMES
from api.demo.model import _SCORES
from api.demo.names import serial_number
from api.demo.rights import held_right
from api.demo.run import Run
from api.demo.world import Demo
from domain.lifecycle import Payload
from domain.services import key_industry
from domain.services.common import IpType


def life(demo: Demo, run: Run) -> Process:
    rng = demo.rng
    client, inst = run.client, run.inst
    sector = client.sector
    industry = sector.key_industry or key_industry.KeyIndustry.NEW_MATERIALS
    label = key_industry.KEY_INDUSTRY_LABELS[industry].zh
    run.open(
        key_industry.IndustryIntake(
            industry=industry,
            chain_segment=rng.choice(CHAIN_SEGMENTS.get(industry, ("产业链关键环节",))),
            summary=f"{label}产业专利导航与重点企业服务",
        ),
    )
    yield run.later(72, 480)
    peers = [c.short for c in demo.people if c.sector is sector and c is not client and c.group == "enterprise"]
    run.record(
        key_industry.IndustrySurveyed(
            surveyed_on=demo.day(run.at),
            enterprises=[client.short, *rng.sample(peers, min(len(peers), rng.randint(1, 3)))],
            current_state=rng.choice(INDUSTRY_STATES).format(label=label),
            problems=rng.choice(INDUSTRY_PROBLEMS),
        ),
    )
    yield run.later(960, 2400)
    analysed = rng.randint(3000, 25000)
    keyword = rng.choice(sector.keywords)
    run.record(
        key_industry.PatentNavigationDone(
            report_title=f"西宁市{label}产业专利导航分析报告",
            report_no=serial_number(demo, inst, "DH", run.at, 2),
            completed_on=demo.day(run.at),
            patents_analysed=analysed,
            findings=f"{keyword}方向专利集中度较高，{rng.choice(sector.keywords)}方向存在布局空白点，建议重点突破",
        ),
    )
    work = ["patent_database_built", "courses_designed", "portfolio_planned", "high_value_patent_cultivated"]
    if industry in SEP_STANDARDS:
        work.append("sep_guidance_given")
    if industry in (
        key_industry.KeyIndustry.PLATEAU_AGRICULTURE,
        key_industry.KeyIndustry.ECO_TOURISM,
        key_industry.KeyIndustry.BIOMEDICINE,
    ):
        work.append("brand_cultivation_guided")
    done = []
    for code in rng.sample(work, rng.randint(2, min(4, len(work)))):
        yield run.later(240, 1500)
        run.record(industry_work(demo, code, run, industry, analysed))
        done.append(INDUSTRY_WORK_NAMES[code])
    yield run.later(240, 1080)
    run.record(
        key_industry.ServiceConcluded(
            results=f"完成{label}产业专利导航，{'、'.join(done)}",
            satisfaction=rng.choices(_SCORES, (0, 1, 5, 40, 54))[0],
        ),
    )


def industry_work(demo: Demo, code: str, run: Run, industry: key_industry.KeyIndustry, analysed: int) -> Payload:
    rng = demo.rng
    client = run.client
    sector = client.sector
    label = key_industry.KEY_INDUSTRY_LABELS[industry].zh
    keywords = rng.sample(sector.keywords, 3)
    if code == "patent_database_built":
        return key_industry.PatentDatabaseBuilt(
            database_name=f"西宁{label}产业专利专题数据库",
            records=analysed + rng.randint(0, 800),
            tagging_scheme=f"按{'、'.join(keywords)}等技术分支及申请人、法律状态标引",
        )
    if code == "courses_designed":
        return key_industry.CoursesDesigned(
            courses=[f"{label}产业专利态势解读", f"{keywords[0]}专利挖掘与撰写实务", "海外专利布局与风险规避"][
                : rng.randint(2, 3)
            ],
            audience=f"{label}企业研发人员与知识产权管理人员",
        )
    if code == "portfolio_planned":
        return key_industry.PortfolioPlanned(
            technology_areas=keywords[: rng.randint(2, 3)],
            target_regions=["中国", *rng.sample(("美国", "欧洲", "日本", "东南亚", "智利"), rng.randint(0, 2))],
            planned_filings=rng.randint(8, 40),
            plan=f"围绕{keywords[0]}核心技术构建专利组合，同步提交PCT申请",
        )
    if code == "high_value_patent_cultivated":
        day = demo.day(run.at)
        held = {r.key: r for r in (held_right(demo, client, IpType.PATENT, day) for _ in range(rng.randint(1, 3)))}
        return key_industry.HighValuePatentCultivated(
            project=f"{keywords[0]}高价值专利培育项目",
            patents=[r.number for r in held.values()],
            criteria="技术先进、权利稳定、市场前景好，覆盖核心工艺和关键设备",
        )
    if code == "sep_guidance_given":
        topics = sorted(
            rng.sample(list(key_industry.SepTopic), rng.randint(1, 3)), key=list(key_industry.SepTopic).index
        )
        standard = rng.choice(SEP_STANDARDS[industry])
        jurisdictions = (
            ["中国", rng.choice(("德国", "英国", "美国"))] if key_industry.SepTopic.JURISDICTION in topics else []
        )
        royalty = key_industry.SepTopic.ROYALTY_CALCULATION in topics
        return key_industry.SepGuidance(
            topics=topics,
            standard=standard,
            advice="许可报价应参照可比许可协议并说明计费依据，保留谈判记录以证明符合FRAND承诺",
            jurisdictions=jurisdictions,
            royalty_rate=Decimal(rng.choice(("0.005", "0.01", "0.015", "0.02"))) if royalty else None,
            royalty_base_cny=Decimal(f"{rng.randint(50, 800) * 10000}.00") if royalty else None,
        )
    if code == "brand_cultivation_guided":
        return key_industry.BrandCultivationGuided(
            brands=[client.brand],
            nice_classes=sorted(rng.sample(sector.classes, min(len(sector.classes), 2))),
            strategy="统一企业字号与产品商标，在核心类别全类注册，培育区域品牌并申请使用地理标志专用标志",
        )
    raise AssertionError(f"no payload for step {code}")
