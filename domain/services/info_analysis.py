"""5.1.9 信息分析利用 IP information analysis and use.

a) The information is classified and organised; b) the client is shown how each kind is obtained;
c) the basic analysis is free of charge; d) an analysis the institution runs jointly with a professional
agency may be charged.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated

import msgspec

from domain.errors import FieldError
from domain.labels import Label
from domain.lifecycle import OPENED, Intake, Names, Payload, ServiceType, Step, Text, always_free
from domain.services.info_search import Count, DeliveryChannel, Fee, SearchPlatform


class InfoCategory(StrEnum):
    PATENT = "patent"
    TRADEMARK = "trademark"
    COPYRIGHT = "copyright"
    GEOGRAPHICAL_INDICATION = "geographical_indication"
    IC_LAYOUT = "ic_layout"
    LEGAL_STATUS = "legal_status"
    JUDICIAL = "judicial"
    TRANSACTION = "transaction"
    POLICY = "policy"
    LITERATURE = "literature"


INFO_CATEGORY_LABELS: dict[InfoCategory, Label] = {
    InfoCategory.PATENT: Label("专利信息", "Patent information"),
    InfoCategory.TRADEMARK: Label("商标信息", "Trademark information"),
    InfoCategory.COPYRIGHT: Label("著作权登记信息", "Copyright registrations"),
    InfoCategory.GEOGRAPHICAL_INDICATION: Label("地理标志信息", "Geographical indications"),
    InfoCategory.IC_LAYOUT: Label("集成电路布图设计信息", "IC layout designs"),
    InfoCategory.LEGAL_STATUS: Label("法律状态信息", "Legal status"),
    InfoCategory.JUDICIAL: Label("司法判决与行政执法信息", "Judgments and enforcement decisions"),
    InfoCategory.TRANSACTION: Label("转让、许可、质押信息", "Assignments, licences and pledges"),
    InfoCategory.POLICY: Label("知识产权政策法规信息", "Laws, regulations and policies"),
    InfoCategory.LITERATURE: Label("科技文献信息", "Scientific and technical literature"),
}


class ClassificationScheme(StrEnum):
    IPC = "ipc"  # 国际专利分类
    CPC = "cpc"
    NICE = "nice"  # 尼斯分类（商品和服务）
    INDUSTRY = "industry"  # 国民经济行业分类 / 战略性新兴产业分类
    TECHNOLOGY_BRANCHES = "technology_branches"  # 自定技术分支


class AnalysisPurpose(StrEnum):
    TECHNOLOGY_TREND = "technology_trend"  # 技术发展趋势
    COMPETITOR = "competitor"  # 竞争对手
    RD_DIRECTION = "rd_direction"  # 研发方向
    PORTFOLIO = "portfolio"  # 专利布局
    RISK_WARNING = "risk_warning"  # 风险预警
    OTHER = "other"


class AnalysisKind(StrEnum):
    TREND = "trend"  # 申请趋势
    APPLICANTS = "applicants"  # 申请人排名
    TECHNOLOGY_COMPOSITION = "technology_composition"  # 技术构成
    REGIONAL = "regional"  # 地域分布
    LEGAL_STATUS = "legal_status"  # 法律状态
    CITATIONS = "citations"  # 引证
    INVENTORS = "inventors"  # 发明人（团队）


class AnalysisIntake(Intake, kw_only=True):
    purpose: AnalysisPurpose
    subject: Text
    """The technology, industry, product or competitor analysed."""


class InformationOrganised(Payload, kw_only=True):
    categories: Annotated[list[InfoCategory], msgspec.Meta(min_length=1)]
    records: Count
    scheme: ClassificationScheme | None = None
    platforms: list[SearchPlatform] = msgspec.field(default_factory=list)
    other_sources: list[Text] = msgspec.field(default_factory=list)


class AcquisitionMethod(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    category: InfoCategory
    how: Text
    platform: SearchPlatform | None = None


class AcquisitionExplained(Payload, kw_only=True):
    methods: Annotated[list[AcquisitionMethod], msgspec.Meta(min_length=1)]
    explained_to: Names

    def invariants(self) -> Iterator[FieldError]:
        seen: set[InfoCategory] = set()
        for n, method in enumerate(self.methods):
            if method.category in seen:
                yield FieldError(f"methods[{n}].category", "each kind of information is explained once")
            seen.add(method.category)


class BasicAnalysisPerformed(Fee, kw_only=True):
    kinds: Annotated[list[AnalysisKind], msgspec.Meta(min_length=1)]
    records_analysed: Count
    conclusions: Text


class JointAnalysisArranged(Fee, kw_only=True):
    agency: Text
    scope: Text
    deliverable: Text
    """What the agency hands over, e.g. 专利导航分析报告."""


class AnalysisDelivered(Payload, kw_only=True):
    report_title: Text
    delivered_to: Text
    channel: DeliveryChannel
    recommendations: str = ""
    report_no: str | None = None


_ANALYSED = frozenset({"basic_analysis_performed", "joint_analysis_arranged"})
_PREPARED = frozenset({"information_organised", "acquisition_explained"})

INFO_ANALYSIS = ServiceType(
    code="info_analysis",
    clause="5.1.9",
    name=Label("信息分析利用", "IP information analysis and use"),
    intake=AnalysisIntake,
    steps=(
        Step(
            "information_organised",
            "5.1.9.a",
            Label("知识产权信息分类、整理", "Information classified and organised"),
            InformationOrganised,
            follows=frozenset({OPENED}),
        ),
        Step(
            "acquisition_explained",
            "5.1.9.b",
            Label("介绍各类知识产权信息获取方法", "How to obtain each kind explained"),
            AcquisitionExplained,
            follows=frozenset({"information_organised"}),
        ),
        Step(
            "basic_analysis_performed",
            "5.1.9.c",
            Label("免费提供基础知识产权信息分析利用", "Free basic analysis performed"),
            BasicAnalysisPerformed,
            follows=_PREPARED | _ANALYSED,
            repeatable=True,
            free=always_free,
        ),
        Step(
            "joint_analysis_arranged",
            "5.1.9.d",
            Label("联合专业服务机构提供信息分析利用服务", "Analysis with a professional agency"),
            JointAnalysisArranged,
            follows=_PREPARED | _ANALYSED,
            repeatable=True,
        ),
        Step(
            "analysis_delivered",
            "5.1.9.c",
            Label("交付分析结果", "Analysis delivered"),
            AnalysisDelivered,
            follows=_ANALYSED,
            closes=True,
        ),
    ),
)
