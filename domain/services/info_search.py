"""5.1.8 信息查询检索 IP information search.

a) The catalogue of common search platforms (the standard's Appendix A, not included) is data:
`SEARCH_PLATFORMS`, which the search steps name their platforms from. b) Staff search skills are kept in
the staff registry (6.1.2, 6.1.3), not in a case. c) The basic search is free of charge; d) a search the
institution runs jointly with a professional agency may be charged.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

import msgspec

from domain.errors import FieldError
from domain.labels import Label
from domain.lifecycle import OPENED, Charged, Intake, Payload, ServiceType, Step, Text, always_free
from domain.services.common import IpType

Count = Annotated[int, msgspec.Meta(ge=0)]


class SearchPlatform(StrEnum):
    CNIPA_PATENT_SEARCH = "cnipa_patent_search"
    CNIPA_PUBLICATION = "cnipa_publication"
    CNIPA_EXAMINATION_STATUS = "cnipa_examination_status"
    CHINA_TRADEMARK = "china_trademark"
    CHINA_COPYRIGHT = "china_copyright"
    CHINA_JUDGMENTS = "china_judgments"
    WIPO_PATENTSCOPE = "wipo_patentscope"
    WIPO_BRAND_DATABASE = "wipo_brand_database"
    EPO_ESPACENET = "epo_espacenet"
    USPTO_PATENT_PUBLIC_SEARCH = "uspto_patent_public_search"
    JPO_J_PLATPAT = "jpo_j_platpat"
    INCOPAT = "incopat"
    PATSNAP = "patsnap"


@dataclass(frozen=True)
class PlatformInfo:
    name: Label
    url: str
    covers: frozenset[IpType]
    subscription: bool = False
    """A commercial database the institution must subscribe to (6.3.c)."""


_PATENTS = frozenset({IpType.PATENT})

SEARCH_PLATFORMS: dict[SearchPlatform, PlatformInfo] = {
    SearchPlatform.CNIPA_PATENT_SEARCH: PlatformInfo(
        Label("国家知识产权局专利检索及分析系统", "CNIPA Patent Search and Analysis"),
        "https://pss-system.cponline.cnipa.gov.cn",
        _PATENTS,
    ),
    SearchPlatform.CNIPA_PUBLICATION: PlatformInfo(
        Label("中国专利公布公告", "CNIPA patent publication and announcement"), "http://epub.cnipa.gov.cn", _PATENTS
    ),
    SearchPlatform.CNIPA_EXAMINATION_STATUS: PlatformInfo(
        Label("中国及多国专利审查信息查询", "CNIPA examination status inquiry"),
        "https://cpquery.cponline.cnipa.gov.cn",
        _PATENTS,
    ),
    SearchPlatform.CHINA_TRADEMARK: PlatformInfo(
        Label("中国商标网", "China Trademark Network"), "https://sbj.cnipa.gov.cn", frozenset({IpType.TRADEMARK})
    ),
    SearchPlatform.CHINA_COPYRIGHT: PlatformInfo(
        Label("中国版权保护中心", "Copyright Protection Center of China"),
        "https://www.ccopyright.com.cn",
        frozenset({IpType.COPYRIGHT}),
    ),
    SearchPlatform.CHINA_JUDGMENTS: PlatformInfo(
        Label("中国裁判文书网", "China Judgements Online"), "https://wenshu.court.gov.cn", frozenset(IpType)
    ),
    SearchPlatform.WIPO_PATENTSCOPE: PlatformInfo(
        Label("世界知识产权组织 PATENTSCOPE", "WIPO Patentscope"), "https://patentscope.wipo.int", _PATENTS
    ),
    SearchPlatform.WIPO_BRAND_DATABASE: PlatformInfo(
        Label("世界知识产权组织全球品牌数据库", "WIPO Global Brand Database"),
        "https://branddb.wipo.int",
        frozenset({IpType.TRADEMARK}),
    ),
    SearchPlatform.EPO_ESPACENET: PlatformInfo(
        Label("欧洲专利局 Espacenet", "EPO Espacenet"), "https://worldwide.espacenet.com", _PATENTS
    ),
    SearchPlatform.USPTO_PATENT_PUBLIC_SEARCH: PlatformInfo(
        Label("美国专利商标局专利公共检索", "USPTO Patent Public Search"), "https://ppubs.uspto.gov", _PATENTS
    ),
    SearchPlatform.JPO_J_PLATPAT: PlatformInfo(
        Label("日本特许厅 J-PlatPat", "JPO J-PlatPat"),
        "https://www.j-platpat.inpit.go.jp",
        frozenset({IpType.PATENT, IpType.TRADEMARK}),
    ),
    SearchPlatform.INCOPAT: PlatformInfo(
        Label("incoPat 科技创新情报平台", "incoPat"), "https://www.incopat.com", _PATENTS, subscription=True
    ),
    SearchPlatform.PATSNAP: PlatformInfo(
        Label("智慧芽全球专利数据库", "PatSnap"), "https://www.zhihuiya.com", _PATENTS, subscription=True
    ),
}


class SearchPurpose(StrEnum):
    NOVELTY = "novelty"  # 查新（新颖性、创造性）
    LEGAL_STATUS = "legal_status"  # 法律状态
    INFRINGEMENT_RISK = "infringement_risk"  # 侵权风险（自由实施）
    TRADEMARK_CLEARANCE = "trademark_clearance"  # 商标近似查询
    PRIOR_ART = "prior_art"  # 现有技术（技术现状）
    OWNERSHIP = "ownership"  # 权属
    OTHER = "other"


class DeliveryChannel(StrEnum):
    IN_PERSON = "in_person"  # 当面交付
    EMAIL = "email"
    POST = "post"  # 邮寄
    ONLINE_PLATFORM = "online_platform"  # 服务平台在线交付


class Fee(Charged, kw_only=True):
    """`Charged` with its fee checked in `invariants`: msgspec 0.22 refuses `ge` on a Decimal, so the
    field `Charged` declares cannot be parsed. Drop this override once `Charged` is fixed."""

    fee_cny: Decimal = Decimal(0)

    def invariants(self) -> Iterator[FieldError]:
        if not self.fee_cny.is_finite() or self.fee_cny < 0:
            yield FieldError("fee_cny", "a fee is a finite amount of 0 or more")


class SearchIntake(Intake, kw_only=True):
    ip_type: IpType
    purpose: SearchPurpose
    subject: Text
    """What is searched: the technical solution, the mark, the work or the right holder."""


class BasicSearchPerformed(Fee, kw_only=True):
    platforms: list[SearchPlatform] = msgspec.field(default_factory=list)
    other_platforms: list[Text] = msgspec.field(default_factory=list)
    query: Text
    """The search expression or keywords, classification codes, names as entered."""
    hits: Count
    relevant_hits: Count | None = None
    findings: str = ""

    def invariants(self) -> Iterator[FieldError]:
        yield from super().invariants()
        if not self.platforms and not self.other_platforms:
            yield FieldError("platforms", "name at least one platform searched")
        if self.relevant_hits is not None and self.relevant_hits > self.hits:
            yield FieldError("relevant_hits", "cannot exceed the hits")


class JointSearchArranged(Fee, kw_only=True):
    agency: Text
    scope: Text
    platforms: list[SearchPlatform] = msgspec.field(default_factory=list)
    hits: Count | None = None
    findings: str = ""


class ResultsDelivered(Payload, kw_only=True):
    delivered_to: Text
    channel: DeliveryChannel
    conclusion: Text
    report_no: str | None = None


_SEARCHED = frozenset({"basic_search_performed", "joint_search_arranged"})

INFO_SEARCH = ServiceType(
    code="info_search",
    clause="5.1.8",
    name=Label("信息查询检索", "IP information search"),
    intake=SearchIntake,
    steps=(
        Step(
            "basic_search_performed",
            "5.1.8.c",
            Label("免费提供基础知识产权信息检索", "Free basic search performed"),
            BasicSearchPerformed,
            follows=_SEARCHED | {OPENED},
            repeatable=True,
            free=always_free,
        ),
        Step(
            "joint_search_arranged",
            "5.1.8.d",
            Label("联合专业服务机构提供检索服务", "Search with a professional agency"),
            JointSearchArranged,
            follows=_SEARCHED | {OPENED},
            repeatable=True,
        ),
        Step(
            "results_delivered",
            "5.1.8.c",
            Label("反馈检索结果", "Search results delivered"),
            ResultsDelivered,
            follows=_SEARCHED,
            closes=True,
        ),
    ),
)
