"""5.2.2 重点产业特色服务 Featured service for key industries: patent navigation, industry patent database,
high-value patents, standard-essential patents, trademark brands."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

import msgspec

from domain.errors import FieldError
from domain.labels import Label
from domain.lifecycle import OPENED, Intake, Names, Payload, Score, ServiceType, Step, Text
from domain.services.ip_finance import money_errors

Count = Annotated[int, msgspec.Meta(ge=0)]


class KeyIndustry(StrEnum):
    """Key industries of Qinghai and Xining (the industry policies of 5.1.2.c, the "four places" of 5.2.4)."""

    PHOTOVOLTAIC = "photovoltaic"  # 光伏制造
    LITHIUM_BATTERY = "lithium_battery"  # 锂电
    SALT_LAKE_CHEMICALS = "salt_lake_chemicals"  # 盐湖化工
    NEW_MATERIALS = "new_materials"  # 新材料（有色合金、特种材料）
    CLEAN_ENERGY = "clean_energy"  # 清洁能源（储能、氢能）
    BIOMEDICINE = "biomedicine"  # 生物医药（含中藏药）
    GREEN_COMPUTING = "green_computing"  # 绿色算力
    PLATEAU_AGRICULTURE = "plateau_agriculture"  # 高原特色农畜产品加工（牦牛、枸杞、青稞）
    ECO_TOURISM = "eco_tourism"  # 生态旅游与文化


KEY_INDUSTRY_LABELS: dict[KeyIndustry, Label] = {
    KeyIndustry.PHOTOVOLTAIC: Label("光伏制造", "Photovoltaic manufacturing"),
    KeyIndustry.LITHIUM_BATTERY: Label("锂电", "Lithium batteries"),
    KeyIndustry.SALT_LAKE_CHEMICALS: Label("盐湖化工", "Salt-lake chemicals"),
    KeyIndustry.NEW_MATERIALS: Label("新材料", "New materials"),
    KeyIndustry.CLEAN_ENERGY: Label("清洁能源（储能、氢能）", "Clean energy (storage, hydrogen)"),
    KeyIndustry.BIOMEDICINE: Label("生物医药（含中藏药）", "Biomedicine (incl. Tibetan medicine)"),
    KeyIndustry.GREEN_COMPUTING: Label("绿色算力", "Green computing"),
    KeyIndustry.PLATEAU_AGRICULTURE: Label("高原特色农畜产品加工", "Plateau agricultural and livestock products"),
    KeyIndustry.ECO_TOURISM: Label("生态旅游", "Eco-tourism"),
}


class SepTopic(StrEnum):
    """5.2.2.e: the questions of standard-essential patents the standard names."""

    FILING = "filing"  # 标准必要专利申请
    LICENCE_TERMS = "licence_terms"  # 许可条件确定
    FRAND_COMPLIANCE = "frand_compliance"  # 是否符合 FRAND 承诺
    JURISDICTION = "jurisdiction"  # 国际裁判管辖
    ROYALTY_CALCULATION = "royalty_calculation"  # FRAND 许可费率计算


class IndustryIntake(Intake, kw_only=True):
    industry: KeyIndustry
    chain_segment: str | None = None
    """The link of the industry chain served, e.g. 碳酸锂提纯, 正极材料."""


class IndustrySurveyed(Payload, kw_only=True):
    surveyed_on: date
    enterprises: Names
    current_state: Text
    problems: Text


class PatentNavigationDone(Payload, kw_only=True):
    report_title: Text
    report_no: str | None = None
    completed_on: date
    patents_analysed: Count
    findings: Text


class PatentDatabaseBuilt(Payload, kw_only=True):
    database_name: Text
    records: Count
    tagging_scheme: Text
    """How the records are tagged (标引): technology branches, applicants, legal status ..."""


class CoursesDesigned(Payload, kw_only=True):
    courses: Names
    audience: Text


class PortfolioPlanned(Payload, kw_only=True):
    technology_areas: Names
    target_regions: list[Text] = msgspec.field(default_factory=list)
    planned_filings: Count
    plan: Text


class HighValuePatentCultivated(Payload, kw_only=True):
    project: Text
    patents: Names
    """Numbers of the patents (or applications) cultivated."""
    criteria: Text


class SepGuidance(Payload, kw_only=True):
    topics: Annotated[list[SepTopic], msgspec.Meta(min_length=1)]
    standard: Text
    """The standard concerned, e.g. 3GPP TS 38 series, GB/T 36276."""
    advice: Text
    jurisdictions: list[Text] = msgspec.field(default_factory=list)
    royalty_rate: Decimal | None = None
    """A fraction of the base, e.g. 0.0325 for 3.25 %."""
    royalty_base_cny: Decimal | None = None

    def invariants(self) -> Iterator[FieldError]:
        if SepTopic.JURISDICTION in self.topics and not self.jurisdictions:
            yield FieldError("jurisdictions", "international jurisdiction: name the jurisdictions considered")
        calculated = SepTopic.ROYALTY_CALCULATION in self.topics
        for name in ("royalty_rate", "royalty_base_cny"):
            given = getattr(self, name) is not None
            if calculated and not given:
                yield FieldError(name, "a FRAND royalty calculation records its rate and base")
            if given and not calculated:
                yield FieldError(name, "only a royalty calculation records a rate or base")
        rate = self.royalty_rate
        if rate is not None and not (rate.is_finite() and 0 < rate <= 1):
            yield FieldError("royalty_rate", "a royalty rate is a fraction of the base, more than 0 and at most 1")
        yield from money_errors("royalty_base_cny", self.royalty_base_cny)


class BrandCultivationGuided(Payload, kw_only=True):
    brands: Names
    nice_classes: list[Annotated[int, msgspec.Meta(ge=1, le=45)]] = msgspec.field(default_factory=list)
    strategy: Text


class ServiceConcluded(Payload, kw_only=True):
    results: Text
    satisfaction: Score | None = None


# After the navigation, b)-f) in any order, as often as the work needs.
_WORK = frozenset(
    {
        "patent_navigation_done",
        "patent_database_built",
        "courses_designed",
        "portfolio_planned",
        "high_value_patent_cultivated",
        "sep_guidance_given",
        "brand_cultivation_guided",
    }
)

KEY_INDUSTRY = ServiceType(
    code="key_industry",
    clause="5.2.2",
    name=Label("重点产业特色服务", "Featured service for key industries"),
    intake=IndustryIntake,
    steps=(
        Step(
            "industry_surveyed",
            "5.2.2.a",
            Label("调研重点产业创新主体", "Industry surveyed"),
            IndustrySurveyed,
            follows=frozenset({OPENED}),
        ),
        Step(
            "patent_navigation_done",
            "5.2.2.a",
            Label("开展专利导航", "Patent navigation done"),
            PatentNavigationDone,
            follows=frozenset({"industry_surveyed"}),
        ),
        Step(
            "patent_database_built",
            "5.2.2.b",
            Label("标引产业数据，建立产业专利数据库", "Industry patent database built"),
            PatentDatabaseBuilt,
            follows=_WORK,
            repeatable=True,  # the database is kept up to date
        ),
        Step(
            "courses_designed",
            "5.2.2.c",
            Label("根据导航分析结果制定产业培训课程", "Industry courses designed"),
            CoursesDesigned,
            follows=_WORK,
            repeatable=True,
        ),
        Step(
            "portfolio_planned",
            "5.2.2.d",
            Label("引导产业专利布局", "Patent portfolio planned"),
            PortfolioPlanned,
            follows=_WORK,
            repeatable=True,
        ),
        Step(
            "high_value_patent_cultivated",
            "5.2.2.d",
            Label("高价值专利培育", "High-value patents cultivated"),
            HighValuePatentCultivated,
            follows=_WORK,
            repeatable=True,
        ),
        Step(
            "sep_guidance_given",
            "5.2.2.e",
            Label("标准必要专利指导", "Standard-essential patent guidance"),
            SepGuidance,
            follows=_WORK,
            repeatable=True,
        ),
        Step(
            "brand_cultivation_guided",
            "5.2.2.f",
            Label("商标品牌培育指导", "Trademark and brand cultivation guided"),
            BrandCultivationGuided,
            follows=_WORK,
            repeatable=True,
        ),
        Step(
            "service_concluded",
            "5.2.2",  # not a step of the text: the featured service is wound up with its results
            Label("服务办结", "Service concluded"),
            ServiceConcluded,
            follows=_WORK,
            closes=True,
        ),
    ),
)
