"""A realistic demo data set: Xining's IP public-service institutions, their clients and a year of cases.

Everything goes through the real write path. Institutions and clients are registered through `Commands`;
each case is opened and walked through its service type's step table on the `ServiceCase` aggregate in
memory (so every step is checked by the domain exactly as an API call would be) and saved once, which
keeps a thousand cases well under a minute on SQLite.

The data set is a function of the seed: which cases exist, their steps and payloads, and their times
relative to today (the past 365 days, in China Standard Time, during office hours) do not depend on the
hour at which it is loaded. Nothing is stamped later than the start of today, so nothing is in the future.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, TypeVar
from uuid import UUID

from faker import Faker

from api.access import Principal
from api.commands import Commands
from domain.case import ServiceCase
from domain.provenance import Provenance, Role
from domain.registry import ClientKind, Designation, EnterpriseSize, InnovatorKind, InstitutionKind
from domain.services.common import IP_TYPE_LABELS, IpType
from domain.services.dispute_guidance import DisputeKind, EvidenceBody, MediationOutcome, Route
from domain.services.rights_assistance import AssistanceOutcome, GuidanceKind, ReferralTarget
from infra.store import Store

T = TypeVar("T")

CST = timezone(timedelta(hours=8), "CST")
"""China Standard Time: Xining's clocks, and the offset every demo event is stamped with."""

DISPUTE = "dispute_guidance"
ASSISTANCE = "rights_assistance"

WINDOW_DAYS = 365
OFFICE_OPENS = timedelta(hours=8, minutes=30)
OFFICE_CLOSES = timedelta(hours=17, minutes=30)
STALL_RATE = 0.04  # cases the client walks away from: they stay open however old they are
TYPICAL_CASE_RATE = 0.18  # of archived disputes that went somewhere, how many become typical cases


@dataclass(frozen=True)
class DemoSummary:
    institutions: int
    clients: int
    cases: int
    events: int

    def __str__(self) -> str:
        return f"{self.institutions} institutions, {self.clients} clients, {self.cases} cases, {self.events} events"


def is_empty(store: Store) -> bool:
    return store.max_position() == 0


def load_demo(
    store: Store,
    *,
    seed: int = 20261124,
    institutions: int = 5,
    clients: int = 200,
    cases: int = 1000,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Fill `store` with `institutions`, `clients` and `cases`; the same seed gives the same data set."""
    if institutions < 0 or clients < 0 or cases < 0:
        raise ValueError("counts must not be negative")
    if institutions == 0 and (clients or cases):
        raise ValueError("clients and cases need at least one institution")
    if clients == 0 and cases:
        raise ValueError("cases need at least one client")
    return _Loader(store, seed, progress, institutions + clients + cases).run(institutions, clients, cases)


# Places and bodies ------------------------------------------------------------------------------------

# District -> administrative division code (the 3rd to 8th characters of a unified social credit code).
DISTRICTS: dict[str, str] = {
    "城东区": "630102",
    "城中区": "630103",
    "城西区": "630104",
    "城北区": "630105",
    "湟中区": "630106",
    "大通回族土族自治县": "630121",
    "湟源县": "630123",
}
DISTRICT_WEIGHTS = (18, 16, 22, 20, 12, 7, 5)


@dataclass(frozen=True)
class _InstitutionSpec:
    kind: InstitutionKind
    short: str  # key id suffix
    archive_prefix: str
    name: str
    district: str
    address: str


_INSTITUTIONS = (
    _InstitutionSpec(
        InstitutionKind.PROTECTION_CENTER,
        "xnipc",
        "XNBH",
        "西宁市知识产权保护中心",
        "城西区",
        "西宁市城西区海湖大道12号海湖科创大厦",
    ),
    _InstitutionSpec(
        InstitutionKind.ASSISTANCE_CENTER,
        "assist",
        "XNWY",
        "青海省知识产权维权援助中心西宁分中心",
        "城中区",
        "西宁市城中区西大街40号",
    ),
    _InstitutionSpec(
        InstitutionKind.UNIVERSITY_CENTER,
        "qhu",
        "QHDX",
        "青海大学国家知识产权信息服务中心",
        "城北区",
        "西宁市城北区宁大路251号青海大学图书馆",
    ),
    _InstitutionSpec(
        InstitutionKind.TISC,
        "tisc",
        "TISC",
        "西宁经济技术开发区技术与创新支持中心（TISC）",
        "城东区",
        "西宁市城东区东川工业园区经二路8号",
    ),
    _InstitutionSpec(
        InstitutionKind.WORKSTATION,
        "huangzhong",
        "HZGZ",
        "湟中区知识产权公共服务工作站",
        "湟中区",
        "西宁市湟中区鲁沙尔镇莲湖路18号",
    ),
)
# Further workstations, for data sets with more than five institutions.
_WORKSTATION_DISTRICTS = (
    ("城西区", "chengxi", "CXGZ"),
    ("城东区", "chengdong", "CDGZ"),
    ("城中区", "chengzhong", "CZGZ"),
    ("城北区", "chengbei", "CBGZ"),
    ("大通回族土族自治县", "datong", "DTGZ"),
    ("湟源县", "huangyuan", "HYGZ"),
)

# How the two service types are spread over the kinds of institution.
_KIND_WEIGHTS: dict[str, dict[InstitutionKind, float]] = {
    ASSISTANCE: {
        InstitutionKind.ASSISTANCE_CENTER: 45,
        InstitutionKind.PROTECTION_CENTER: 25,
        InstitutionKind.WORKSTATION: 15,
        InstitutionKind.TISC: 8,
        InstitutionKind.UNIVERSITY_CENTER: 7,
    },
    DISPUTE: {
        InstitutionKind.PROTECTION_CENTER: 45,
        InstitutionKind.ASSISTANCE_CENTER: 20,
        InstitutionKind.WORKSTATION: 20,
        InstitutionKind.TISC: 8,
        InstitutionKind.UNIVERSITY_CENTER: 7,
    },
}

MEDIATION_COMMITTEE = "青海省知识产权人民调解委员会"
ARBITRATION_COMMISSION = "西宁仲裁委员会"
COURTS = (("西宁市中级人民法院", 8), ("青海省高级人民法院", 1), ("西宁市城西区人民法院", 1))
NOTARIES = ("西宁市城中公证处", "西宁市城东公证处", "青海省西宁市夏都公证处", "西宁市湟中区公证处")
LAW_FIRMS = (
    "青海昆仑律师事务所",
    "青海夏都律师事务所",
    "青海湟水律师事务所",
    "青海三江源律师事务所",
    "青海河湟律师事务所",
    "青海雪域律师事务所",
)
PROFESSIONAL_BODIES: dict[IpType, tuple[str, ...]] = {
    IpType.PATENT: ("青海省知识产权司法鉴定所", "青海省专利代理师协会"),
    IpType.TRADEMARK: ("西宁市商标协会", "青海省知识产权司法鉴定所"),
    IpType.COPYRIGHT: ("青海省版权保护中心",),
    IpType.TRADE_SECRET: ("青海省知识产权司法鉴定所",),
    IpType.DATA_IP: ("青海省数据知识产权登记服务中心",),
    IpType.IC_LAYOUT: ("青海省知识产权司法鉴定所", "青海省技术市场服务中心"),
}
CROSS_REGION = (
    ("甘肃省知识产权维权援助中心", "甘肃省兰州市"),
    ("广东省知识产权保护中心", "广东省广州市"),
    ("浙江省义乌市知识产权维权援助中心", "浙江省金华市义乌市"),
    ("四川省知识产权服务促进中心", "四川省成都市"),
    ("西藏自治区知识产权维权援助中心", "西藏自治区拉萨市"),
    ("新疆维吾尔自治区知识产权维权援助中心", "新疆维吾尔自治区乌鲁木齐市"),
)
LEGAL_EXPERTS = (
    ("青海大学法学院", "教授"),
    ("青海民族大学法学院", "副教授"),
    ("青海师范大学法学与社会学学院", "教授"),
    ("青海昆仑律师事务所", "律师"),
    ("青海夏都律师事务所", "律师"),
    ("青海省专利代理师协会", "专利代理师"),
    ("西宁市知识产权保护中心专利预审部", "审查员"),
)
STREETS = ("五四大街", "胜利路", "长江路", "昆仑路", "七一路", "八一路", "柴达木路", "南山路", "康川路", "宁张路")
SALES_CHANNELS = (
    "拼多多店铺",
    "淘宝店铺",
    "抖音直播间",
    "微信小程序商城",
    "西宁市力盟商业巷门店",
    "莫家街市场摊位",
    "青洽会展位",
    "线下专卖店",
)


# Who the clients are ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sector:
    tag: str  # as in a typical case's tags and title
    fragments: tuple[str, ...]  # what a company name of this sector says it does
    products: tuple[str, ...]
    ip_weights: tuple[tuple[IpType, float], ...]
    expert: tuple[str, str]  # where a technical expert on it works, and as what


SECTORS = (
    Sector(
        "光伏",
        ("光伏科技", "新能源科技", "光电材料"),
        ("单晶硅片", "光伏组件", "光伏逆变器", "光伏支架"),
        ((IpType.PATENT, 7), (IpType.TRADEMARK, 1.5), (IpType.TRADE_SECRET, 1.5), (IpType.IC_LAYOUT, 0.5)),
        ("青海大学新能源光伏产业研究中心", "高级工程师"),
    ),
    Sector(
        "锂电",
        ("锂业", "锂电新材料", "储能科技"),
        ("电池级碳酸锂", "磷酸铁锂正极材料", "储能电池模组"),
        ((IpType.PATENT, 7), (IpType.TRADE_SECRET, 2), (IpType.TRADEMARK, 1)),
        ("中国科学院青海盐湖研究所", "研究员"),
    ),
    Sector(
        "盐湖化工",
        ("盐湖化工", "钾肥", "镁业"),
        ("氯化钾", "高纯氧化镁", "硼酸", "氢氧化镁阻燃剂"),
        ((IpType.PATENT, 6), (IpType.TRADE_SECRET, 2.5), (IpType.TRADEMARK, 1.5)),
        ("中国科学院青海盐湖研究所", "研究员"),
    ),
    Sector(
        "生物医药",
        ("生物医药", "藏药", "药业", "生物科技"),
        ("藏药丸剂", "冬虫夏草提取物", "红景天胶囊", "沙棘籽油软胶囊"),
        ((IpType.PATENT, 5), (IpType.TRADEMARK, 4), (IpType.TRADE_SECRET, 1)),
        ("中国科学院西北高原生物研究所", "研究员"),
    ),
    Sector(
        "高原农牧",
        ("高原农业", "农牧科技", "枸杞生物", "青稞食品"),
        ("柴达木黑枸杞", "青稞挂面", "高原菜籽油", "藜麦"),
        ((IpType.TRADEMARK, 6), (IpType.PATENT, 2.5), (IpType.COPYRIGHT, 1)),
        ("青海省农林科学院", "研究员"),
    ),
    Sector(
        "牦牛产品",
        ("牦牛乳业", "牦牛食品", "畜产品开发"),
        ("牦牛肉干", "牦牛酸奶", "牦牛绒围巾", "牦牛奶粉"),
        ((IpType.TRADEMARK, 7), (IpType.PATENT, 2), (IpType.COPYRIGHT, 1)),
        ("青海省畜牧兽医科学院", "研究员"),
    ),
    Sector(
        "绿色算力",
        ("绿色算力", "数据科技", "云计算"),
        ("数据中心液冷系统", "算力调度平台软件", "高原生态遥感数据集"),
        ((IpType.DATA_IP, 4), (IpType.COPYRIGHT, 3), (IpType.PATENT, 2.5), (IpType.TRADE_SECRET, 2)),
        ("青海大学计算机技术与应用系", "教授"),
    ),
    Sector(
        "藏毯文创",
        ("藏毯", "文化创意", "唐卡艺术"),
        ("手工藏毯", "唐卡复制品", "青绣文创产品", "热贡艺术挂画"),
        ((IpType.COPYRIGHT, 6), (IpType.TRADEMARK, 3), (IpType.PATENT, 1)),
        ("青海民族大学艺术学院", "教授"),
    ),
    Sector(
        "青稞酒",
        ("青稞酒业", "酒业"),
        ("青稞白酒", "青稞酒礼盒"),
        ((IpType.TRADEMARK, 7), (IpType.PATENT, 1.5), (IpType.COPYRIGHT, 1.5)),
        ("青海大学农牧学院", "教授"),
    ),
)
SECTOR_WEIGHTS = (14, 12, 11, 12, 12, 11, 8, 10, 5)

PERSONAL = Sector(
    "个人创作",
    (),
    ("摄影作品", "原创短视频", "手绘唐卡图样", "网络小说", "便携式酥油茶壶", "原创歌曲"),
    ((IpType.COPYRIGHT, 6), (IpType.PATENT, 2.5), (IpType.TRADEMARK, 1.5)),
    ("青海师范大学美术学院", "副教授"),
)
ACADEMIC = Sector(
    "科研成果",
    (),
    ("高原鼠兔防控技术", "盐湖提锂工艺", "青稞新品种栽培技术", "藏药质量检测方法"),
    ((IpType.PATENT, 7), (IpType.COPYRIGHT, 2), (IpType.TRADE_SECRET, 1), (IpType.DATA_IP, 1)),
    ("青海大学", "教授"),
)

BRANDS = (
    "昆仑",
    "高原",
    "三江源",
    "柴达木",
    "湟水",
    "青藏",
    "祁连",
    "河湟",
    "夏都",
    "江河源",
    "雪域",
    "青海湖",
    "日月山",
    "唐古拉",
    "可可西里",
    "丹噶尔",
    "塔尔",
    "金银滩",
    "大美",
    "互助",
    "瑞丰",
    "宏源",
    "天佑",
    "雪莲",
)
OUTSIDE_PLACES = ("甘肃", "兰州", "四川", "成都", "义乌", "东莞", "深圳", "河北", "西安")
OUTSIDE_BRANDS = ("恒达", "鑫源", "华创", "博远", "金盛", "联创", "佳禾", "盛世", "永泰", "汇通")
COOPERATIVES = (("牦牛养殖", SECTORS[5]), ("青稞种植", SECTORS[4]), ("枸杞种植", SECTORS[4]), ("藏毯编织", SECTORS[7]))
UNIVERSITIES = (
    "青海大学",
    "青海师范大学",
    "青海民族大学",
    "青海大学医学院",
    "青海卫生职业技术学院",
    "西宁城市职业技术学院",
    "青海高等职业技术学院",
)
RESEARCH_INSTITUTES = (
    "中国科学院西北高原生物研究所",
    "中国科学院青海盐湖研究所",
    "青海省农林科学院",
    "青海省畜牧兽医科学院",
    "青海省藏医药研究院",
    "青海省环境科学研究设计院",
    "青海省地质矿产测试应用中心",
)
SIZE_WEIGHTS = (
    (EnterpriseSize.MICRO, 30),
    (EnterpriseSize.SMALL, 35),
    (EnterpriseSize.MEDIUM, 22),
    (EnterpriseSize.LARGE, 13),
)
SIZE_PROPENSITY = {
    EnterpriseSize.MICRO: 1.1,
    EnterpriseSize.SMALL: 1.4,
    EnterpriseSize.MEDIUM: 2.2,
    EnterpriseSize.LARGE: 3.5,
}

_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)  # GB 11714


def credit_code(rng: random.Random, head: str, division: str) -> str:
    """A well-formed 统一社会信用代码: `head` (e.g. 91 enterprise, 12 public institution), division, check digits."""
    body = "MA" if head == "91" and rng.random() < 0.7 else rng.choice("123456789") + rng.choice("0123456789")
    body += "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(6))
    org_sum = sum(_CREDIT_CHARS.index(c) * w for c, w in zip(body, _ORG_WEIGHTS, strict=True))
    org_check = 11 - org_sum % 11
    body += "X" if org_check == 10 else "0" if org_check == 11 else str(org_check)
    first17 = head + division + body
    check = (31 - sum(_CREDIT_CHARS.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True)) % 31) % 31
    return first17 + _CREDIT_CHARS[check]


def patent_number(rng: random.Random, year: int, kind: int) -> str:
    """ZL + a 12-digit application number (year, kind 1/2/3, serial) + its mod-11 check digit."""
    digits = f"{year}{kind}{rng.randrange(10**7):07d}"
    check = sum(int(d) * w for d, w in zip(digits, (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5), strict=True)) % 11
    return f"ZL{digits}.{'X' if check == 10 else check}"


@dataclass
class _ClientPlan:
    profile: dict[str, Any]
    short: str  # how staff refer to the client in their notes
    sector: Sector
    weight: float  # how often this client comes back
    id: UUID | None = None
    registered_by: _Inst | None = None
    registered_at: datetime | None = None


@dataclass
class _Inst:
    id: UUID
    spec: _InstitutionSpec
    principal: Principal
    staff: list[str]
    mediators: list[str]
    archived: Counter[int] = field(default_factory=Counter)


@dataclass(frozen=True)
class _CasePlan:
    service_type: str
    institution: _Inst
    client: _ClientPlan
    opened_at: datetime


@dataclass
class _Story:
    """What has happened in a case so far, beyond its step codes: it shapes the next step and the notes."""

    ip_type: IpType
    opponent: str
    product: str
    route: Route | None = None
    mediation: MediationOutcome | None = None
    referred: ReferralTarget | None = None
    paths: list[str] = field(default_factory=list)  # litigation, arbitration, committee, notary...
    dispute_kind: DisputeKind = DisputeKind.INFRINGEMENT
    difficult: bool = False
    stall_after: int | None = None


# Gaps between a step and the one before it, in hours (drawn log-uniformly, then moved into office hours).
GAPS: dict[str, tuple[float, float]] = {
    "routes_explained": (0.1, 72),
    "mediation_session": (48, 504),
    "expert_consultation": (72, 336),
    "mediation_committee_referral": (24, 168),
    "evidence_referral": (24, 240),
    "litigation_guidance": (48, 480),
    "parties_followed_up": (168, 1080),
    "archived": (24, 240),
    "typical_case_written": (336, 2160),
    "need_collected": (0.1, 48),
    "guidance_given": (24, 240),
    "expert_panel_advice": (120, 480),
    "referred": (24, 168),
    "return_visit": (240, 1080),
}

_GUIDANCE_BY_ROUTE: dict[Route | None, dict[str, float]] = {
    Route.MEDIATION: {
        "mediation_session": 6,
        "expert_consultation": 1,
        "mediation_committee_referral": 2,
        "evidence_referral": 0.5,
        "litigation_guidance": 0.3,
    },
    Route.SETTLEMENT: {
        "mediation_session": 3,
        "expert_consultation": 1.5,
        "mediation_committee_referral": 0.5,
        "evidence_referral": 0.5,
        "litigation_guidance": 0.3,
    },
    Route.JUDICIAL: {
        "mediation_session": 0.8,
        "expert_consultation": 1.5,
        "mediation_committee_referral": 0.3,
        "evidence_referral": 3,
        "litigation_guidance": 5,
    },
    Route.ARBITRATION: {
        "mediation_session": 0.8,
        "expert_consultation": 1,
        "mediation_committee_referral": 0.3,
        "evidence_referral": 5,
        "litigation_guidance": 0.8,
    },
    Route.ADMINISTRATIVE: {
        "mediation_session": 1,
        "expert_consultation": 2.5,
        "mediation_committee_referral": 0.5,
        "evidence_referral": 2.5,
        "litigation_guidance": 0.8,
    },
    None: {
        "mediation_session": 3,
        "expert_consultation": 2,
        "mediation_committee_referral": 1,
        "evidence_referral": 1.5,
        "litigation_guidance": 1.5,
    },
}
_ROUTE_BY_DISPUTE: dict[DisputeKind, tuple[tuple[Route, float], ...]] = {
    DisputeKind.INFRINGEMENT: (
        (Route.MEDIATION, 35),
        (Route.JUDICIAL, 25),
        (Route.ADMINISTRATIVE, 20),
        (Route.SETTLEMENT, 15),
        (Route.ARBITRATION, 5),
    ),
    DisputeKind.CONTRACT: (
        (Route.MEDIATION, 30),
        (Route.ARBITRATION, 30),
        (Route.JUDICIAL, 20),
        (Route.SETTLEMENT, 20),
    ),
    DisputeKind.OWNERSHIP: (
        (Route.MEDIATION, 35),
        (Route.JUDICIAL, 35),
        (Route.ARBITRATION, 15),
        (Route.SETTLEMENT, 15),
    ),
}
_SATISFACTION: dict[AssistanceOutcome, tuple[float, float, float, float, float]] = {
    # weights of 1..5
    AssistanceOutcome.RESOLVED: (1, 1, 5, 32, 61),
    AssistanceOutcome.PARTLY_RESOLVED: (1, 3, 14, 45, 37),
    AssistanceOutcome.IN_PROGRESS_ELSEWHERE: (1, 3, 13, 45, 38),
    AssistanceOutcome.UNRESOLVED: (6, 12, 27, 35, 20),
}


class _Loader:
    def __init__(self, store: Store, seed: int, progress: Callable[[int, int], None] | None, total: int) -> None:
        self.store = store
        self.commands = Commands(store)
        self.seed = seed
        self.rng = random.Random(seed)  # noqa: S311 - demo data, not secrets
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)
        self.progress = progress
        self.total = total
        self.done = 0
        self.events = 0
        self.today = datetime.now(CST).replace(hour=0, minute=0, second=0, microsecond=0)
        self.start = self.today - timedelta(days=WINDOW_DAYS)
        self.used_names: set[str] = set()

    # The whole load --------------------------------------------------------------------------------

    def run(self, institutions: int, clients: int, cases: int) -> DemoSummary:
        insts = [self._register_institution(spec) for spec in self._institution_specs(institutions)]
        people = [self._plan_client() for _ in range(clients)]
        plans = sorted((self._plan_case(insts, people) for _ in range(cases)), key=lambda p: p.opened_at)
        self._register_clients(insts, people, plans)
        for number, plan in enumerate(plans, start=1):
            case = self._walk(number, plan)
            self.store.save(case)
            self.events += case.version
            self._tick()
        return DemoSummary(len(insts), len(people), len(plans), self.events)

    def _tick(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total)

    def _meta(self, who: Principal, at: datetime, correlation: str, causation: str) -> Provenance:
        return Provenance(
            actor=who.actor, now=datetime.now(UTC), effective_at=at, correlation_id=correlation, causation_id=causation
        )

    # Institutions ----------------------------------------------------------------------------------

    def _institution_specs(self, count: int) -> list[_InstitutionSpec]:
        specs = list(_INSTITUTIONS[:count])
        for n in range(count - len(specs)):
            district, short, prefix = _WORKSTATION_DISTRICTS[n % len(_WORKSTATION_DISTRICTS)]
            round_ = n // len(_WORKSTATION_DISTRICTS)
            suffix = f"（第{round_ + 1}站）" if round_ else ""
            specs.append(
                _InstitutionSpec(
                    InstitutionKind.WORKSTATION,
                    f"{short}{round_ or ''}",
                    f"{prefix}{round_ or ''}",
                    f"{district}知识产权公共服务工作站{suffix}",
                    district,
                    f"西宁市{district}{self.rng.choice(STREETS)}{self.rng.randint(1, 120)}号",
                )
            )
        return specs

    def _register_institution(self, spec: _InstitutionSpec) -> _Inst:
        admin = Principal("demo-admin", Role.ADMIN, None)
        at = self._office(self.start - timedelta(days=self.rng.uniform(20, 60)))
        profile = {
            "name": spec.name,
            "kind": spec.kind.value,
            "district": spec.district,
            "address": spec.address,
            "phone": self._landline(),
        }
        result = self.commands.register_institution(
            admin,
            profile,
            self._meta(admin, at, f"demo-{self.seed}-setup", f"demo-{self.seed}-inst-{spec.short}"),
            None,
        )
        self.events += 1
        self._tick()
        staff = [self._person() for _ in range(self.rng.randint(3, 5))]
        mediators = staff[:2] + [f"{self._person()}（特邀调解员）" for _ in range(2)]
        principal = Principal(f"demo-{spec.short}", Role.STAFF, result.id)
        return _Inst(result.id, spec, principal, staff, mediators)

    # Clients ---------------------------------------------------------------------------------------

    def _plan_client(self) -> _ClientPlan:
        rng = self.rng
        district = rng.choices(list(DISTRICTS), DISTRICT_WEIGHTS)[0]
        if rng.random() < 0.35:
            person = self._fresh(self._person)
            profile: dict[str, Any] = {
                "name": person,
                "kind": ClientKind.PUBLIC.value,
                "district": district,
                "phone": self.fake.phone_number(),
            }
            return _ClientPlan(profile, person, PERSONAL, rng.lognormvariate(0, 0.5))
        kind = rng.choices(list(InnovatorKind), (80, 7, 8, 5))[0]
        name: str | None = None
        if kind in (InnovatorKind.UNIVERSITY, InnovatorKind.RESEARCH_INSTITUTE):
            name = self._unused(UNIVERSITIES if kind is InnovatorKind.UNIVERSITY else RESEARCH_INSTITUTES)
            if name is None:  # all of them are clients already
                kind = InnovatorKind.ENTERPRISE
        profile = {
            "kind": ClientKind.INNOVATOR.value,
            "innovator_kind": kind.value,
            "district": district,
            "phone": self._landline(),
        }
        if kind is InnovatorKind.ENTERPRISE:
            sector = rng.choices(SECTORS, SECTOR_WEIGHTS)[0]
            size = rng.choices([s for s, _ in SIZE_WEIGHTS], [w for _, w in SIZE_WEIGHTS])[0]
            name = self._company(sector, size)
            profile |= {
                "enterprise_size": size.value,
                "designations": self._designations(size),
                "credit_code": credit_code(rng, "91", DISTRICTS[district]),
            }
            weight = SIZE_PROPENSITY[size]
        elif kind is InnovatorKind.OTHER:
            activity, sector = rng.choice(COOPERATIVES)
            town = district.removesuffix("回族土族自治县")
            name = self._fresh(lambda: f"{town}{rng.choice(BRANDS)}{activity}专业合作社")
            profile["credit_code"] = credit_code(rng, "93", DISTRICTS[district])
            weight = 0.8
        else:
            sector = ACADEMIC
            division = "100000" if name and name.startswith("中国科学院") else "630000"
            profile["credit_code"] = credit_code(rng, "12", division)
            weight = 2.5
        if name is None:
            raise AssertionError("every client has a name")
        profile["name"] = name
        return _ClientPlan(profile, name, sector, weight * rng.lognormvariate(0, 0.5))

    def _company(self, sector: Sector, size: EnterpriseSize) -> str:
        rng = self.rng

        def make() -> str:
            place = rng.choice(("青海", "青海", "西宁"))
            suffix = "股份有限公司" if size is EnterpriseSize.LARGE and rng.random() < 0.6 else "有限公司"
            return f"{place}{rng.choice(BRANDS)}{rng.choice(sector.fragments)}{suffix}"

        return self._fresh(make)

    def _designations(self, size: EnterpriseSize) -> list[str]:
        rng = self.rng
        chosen: list[Designation] = []
        big = size in (EnterpriseSize.MEDIUM, EnterpriseSize.LARGE)
        if size in (EnterpriseSize.SMALL, EnterpriseSize.MEDIUM) and rng.random() < 0.25:
            chosen.append(Designation.SPECIALISED_SME)
        if big and rng.random() < 0.15:
            chosen.append(rng.choice((Designation.NATIONAL_ADVANTAGE, Designation.NATIONAL_DEMONSTRATION)))
        if size is not EnterpriseSize.MICRO and rng.random() < 0.12:
            chosen.append(Designation.PROVINCIAL_MUNICIPAL_DEMONSTRATION)
        if size is EnterpriseSize.LARGE and rng.random() < 0.25:
            chosen.append(Designation.GOING_GLOBAL)
        if size in (EnterpriseSize.MICRO, EnterpriseSize.SMALL) and rng.random() < 0.05:
            chosen.append(Designation.KEY_TALENT)
        return [d.value for d in chosen]

    def _register_clients(self, insts: list[_Inst], people: list[_ClientPlan], plans: list[_CasePlan]) -> None:
        """Each client is registered by the institution of its first case, shortly before it (or any time)."""
        for plan in plans:  # oldest first
            client = plan.client
            if client.registered_at is None:
                client.registered_by = plan.institution
                client.registered_at = self._before(plan.opened_at)
        for client in people:
            if client.registered_at is None:
                client.registered_by = self.rng.choice(insts)
                some_day = self.start + timedelta(days=self.rng.uniform(0, WINDOW_DAYS - 1))
                client.registered_at = self._office(some_day)
        for n, client in enumerate(sorted(people, key=lambda c: c.registered_at or self.start), start=1):
            by, at = client.registered_by, client.registered_at
            if by is None or at is None:
                raise AssertionError("every client was given a registration above")
            ref = f"demo-{self.seed}-client-{n:04d}"
            client.id = self.commands.register_client(
                by.principal, client.profile, self._meta(by.principal, at, ref, ref), None
            ).id
            self.events += 1
            self._tick()

    def _before(self, opened_at: datetime) -> datetime:
        """When a client was registered, given its first case was opened at `opened_at`."""
        midnight = opened_at.replace(hour=0, minute=0, second=0, microsecond=0)
        if self.rng.random() < 0.75:  # at the same visit
            return max(midnight + OFFICE_OPENS, opened_at - timedelta(minutes=self.rng.uniform(5, 40)))
        day = midnight - timedelta(days=self.rng.randint(1, 20))
        return day + OFFICE_OPENS + timedelta(minutes=self.rng.uniform(0, 540))

    # Cases -----------------------------------------------------------------------------------------

    def _plan_case(self, insts: list[_Inst], people: list[_ClientPlan]) -> _CasePlan:
        rng = self.rng
        kind = rng.choices((ASSISTANCE, DISPUTE), (55, 45))[0]
        per_kind = Counter(i.spec.kind for i in insts)
        inst = rng.choices(insts, [_KIND_WEIGHTS[kind][i.spec.kind] / per_kind[i.spec.kind] for i in insts])[0]
        client = rng.choices(people, [c.weight for c in people])[0]
        day = math.floor(WINDOW_DAYS * rng.random() ** 0.8)  # a little busier lately
        opened = self.start + timedelta(days=day) + OFFICE_OPENS + timedelta(minutes=rng.uniform(0, 540))
        return _CasePlan(kind, inst, client, opened)

    def _walk(self, number: int, plan: _CasePlan) -> ServiceCase:
        """Open the case and record its steps, one after another, until it ends or reaches today."""
        rng = self.rng
        who = plan.institution.principal
        correlation = f"demo-{self.seed}-case-{number:04d}"
        ip_type = self._pick(plan.client.sector.ip_weights)
        story = _Story(
            ip_type=ip_type,
            opponent=self._opponent(plan.client),
            product=rng.choice(plan.client.sector.products),
            stall_after=rng.randint(1, 3) if rng.random() < STALL_RATE else None,
        )
        dispute = plan.service_type == DISPUTE
        intake = self._dispute_intake(plan, story) if dispute else self._assistance_intake(plan, story)
        if plan.client.id is None:
            raise AssertionError("clients are registered before their cases are opened")
        case = ServiceCase.open(
            plan.service_type,
            plan.institution.id,
            plan.client.id,
            intake,
            self._meta(who, plan.opened_at, correlation, f"{correlation}-0"),
        )
        at = plan.opened_at
        while story.stall_after is None or len(case.steps) < story.stall_after:
            allowed = case.allowed_next_steps()
            if dispute:
                code = self._next_dispute(case.steps, allowed, story)
            else:
                code = self._next_assistance(case.steps, allowed, story)
            if code is None:
                break
            low, high = GAPS[code]
            at = self._office(at + timedelta(hours=math.exp(rng.uniform(math.log(low), math.log(high)))))
            if at >= self.today:
                break
            payload = self._payload(code, plan, story, at)
            case.record_step(code, payload, self._meta(who, at, correlation, f"{correlation}-{len(case.steps) + 1}"))
        return case

    def _choose(self, weights: dict[str, float], allowed: Sequence[str]) -> str | None:
        candidates = [(code, w) for code, w in weights.items() if code in allowed and w > 0]
        if not candidates:
            return None
        return self.rng.choices([c for c, _ in candidates], [w for _, w in candidates])[0]

    # Dispute guidance (5.1.7) -------------------------------------------------------------------------

    def _dispute_intake(self, plan: _CasePlan, story: _Story) -> dict[str, Any]:
        rng = self.rng
        kind = rng.choices(list(DisputeKind), (70, 18, 12))[0]
        ip = IP_TYPE_LABELS[story.ip_type].zh
        who = plan.client.short
        if kind is DisputeKind.INFRINGEMENT:
            summary = f"{who}反映{story.opponent}{self._infringing_act(story)}，咨询纠纷应对途径"
        elif kind is DisputeKind.CONTRACT:
            contract = rng.choice(
                ("专利实施许可合同", "技术开发合同", "技术转让合同", "商标使用许可合同", "委托开发合同")
            )
            summary = f"{who}与{story.opponent}之间的{contract}在付款及成果交付上发生争议，涉及{ip}"
        else:
            context = rng.choice(("职务发明认定", "合作研发成果归属", "离职员工另行申请的专利", "委托创作作品的归属"))
            summary = f"{who}与{story.opponent}就{story.product}相关{ip}的权属发生争议（{context}）"
        story.dispute_kind = kind
        return {
            "summary": summary,
            "dispute_kind": kind.value,
            "ip_type": story.ip_type.value,
            "opposing_party": story.opponent,
        }

    def _next_dispute(self, steps: list[str], allowed: list[str], story: _Story) -> str | None:
        if not steps:
            return "routes_explained"
        last = steps[-1]
        if last == "archived":
            substantive = len(steps) >= 6 or story.mediation is MediationOutcome.AGREEMENT
            rate = TYPICAL_CASE_RATE if substantive else TYPICAL_CASE_RATE / 5
            return "typical_case_written" if self.rng.random() < rate else None
        if last == "typical_case_written":
            return None
        guidance = sum(1 for s in steps[1:] if s != "parties_followed_up")
        weights = dict(_GUIDANCE_BY_ROUTE[story.route])
        if last == "parties_followed_up":
            followups = steps.count("parties_followed_up")
            weights = {code: 0.15 for code in weights}
            weights |= {"archived": 5 if followups == 1 else 12, "parties_followed_up": 1.2}
            return self._choose(weights, allowed)
        follow = 0.3 + 1.2 * guidance
        if guidance >= 5:
            follow *= 3
        if story.mediation is MediationOutcome.AGREEMENT and last == "mediation_session":
            weights = {code: 0.2 for code in weights}
            follow = 10
        elif story.mediation is MediationOutcome.ADJOURNED and last == "mediation_session":
            weights["mediation_session"] *= 4
        elif story.mediation is MediationOutcome.NO_AGREEMENT and last == "mediation_session":
            weights["litigation_guidance"] += 2
            weights["mediation_committee_referral"] += 1
        weights["parties_followed_up"] = follow
        return self._choose(weights, allowed)

    # Rights-protection assistance (5.1.4) -------------------------------------------------------------

    def _assistance_intake(self, plan: _CasePlan, story: _Story) -> dict[str, Any]:
        ip = IP_TYPE_LABELS[story.ip_type].zh
        story.difficult = self.rng.random() < 0.2
        return {
            "summary": f"{plan.client.short}就{story.product}相关{ip}被侵权申请维权援助",
            "ip_type": story.ip_type.value,
        }

    def _next_assistance(self, steps: list[str], allowed: list[str], story: _Story) -> str | None:
        if not steps:
            return "need_collected"
        helps = len(steps) - 1
        weights = {
            "guidance_given": 5.0 if helps == 0 else 1.5 / helps,
            "expert_panel_advice": (3.0 if story.difficult else 0.4) if "expert_panel_advice" not in steps else 0.2,
            "referred": 1.5 if story.referred is None else 0.3,
            "return_visit": 0.5 + 2.0 * helps,
        }
        return self._choose(weights, allowed)

    # Payloads ------------------------------------------------------------------------------------------

    def _payload(self, code: str, plan: _CasePlan, story: _Story, at: datetime) -> dict[str, Any]:
        rng = self.rng
        inst = plan.institution
        client = plan.client.short
        ip = IP_TYPE_LABELS[story.ip_type].zh
        if code == "routes_explained":
            story.route = self._pick(_ROUTE_BY_DISPUTE[story.dispute_kind]) if rng.random() < 0.9 else None
            routes = (
                list(Route)
                if rng.random() < 0.7
                else sorted({story.route or Route.MEDIATION, *rng.sample(list(Route), 2)}, key=list(Route).index)
            )
            return {
                "routes": [r.value for r in routes],
                "recommended": story.route.value if story.route else None,
                "note": "介绍行政投诉、司法诉讼、调解、和解、仲裁等途径的程序、时限与成本",
            }
        if code == "mediation_session":
            outcome = rng.choices(list(MediationOutcome), (35, 15, 25, 25))[0]
            story.mediation = outcome
            if outcome is MediationOutcome.AGREEMENT:
                story.paths.append("mediation")
            amount = rng.choice((0.5, 1, 1.5, 2, 3, 5, 8, 10, 15, 20, 30))
            note = {
                MediationOutcome.AGREEMENT: f"双方达成调解协议：{story.opponent}于{rng.choice((7, 10, 15, 30))}日内"
                f"停止相关行为并赔偿{amount:g}万元",
                MediationOutcome.PARTIAL_AGREEMENT: "双方就停止侵权达成一致，赔偿数额分歧较大，约定另行协商",
                MediationOutcome.NO_AGREEMENT: "双方对侵权事实认定分歧较大，调解未果，告知可另循诉讼或仲裁途径",
                MediationOutcome.ADJOURNED: "被申请人代理人请求补充提交证据，调解延期",
            }[outcome]
            present = [client, story.opponent]
            if rng.random() < 0.4:
                present.append(f"{rng.choice(LAW_FIRMS)}律师")
            return {
                "mediator": rng.choice(inst.mediators),
                "room": rng.choice(("调解室", "第一调解室", "知识产权纠纷调解室", "线上调解（视频）")),
                "parties_present": present,
                "outcome": outcome.value,
                "note": note,
            }
        if code == "expert_consultation":
            steer = rng.random() < 0.3
            return {
                "experts": self._experts(plan.client.sector, rng.randint(2, 3)),
                "opinion": self._opinion(story),
                "steered_to_mediation": steer,
            }
        if code == "mediation_committee_referral":
            story.paths.append("committee")
            return {
                "committee": MEDIATION_COMMITTEE,
                "support_given": rng.choice(
                    ("协助准备调解申请书及证据目录", "联系调解员并预约调解时间", "告知调解协议可申请司法确认")
                ),
            }
        if code == "evidence_referral":
            arbitration = rng.random() < (0.8 if story.route is Route.ARBITRATION else 0.15)
            if arbitration:
                story.paths.append("arbitration")
                return {
                    "body_kind": EvidenceBody.ARBITRATION.value,
                    "body_name": ARBITRATION_COMMISSION,
                    "purpose": rng.choice(("申请仲裁前证据保全", "合同纠纷仲裁申请指导")),
                }
            story.paths.append("notary")
            return {
                "body_kind": EvidenceBody.NOTARY.value,
                "body_name": rng.choice(NOTARIES),
                "purpose": rng.choice(
                    (
                        f"对{story.opponent}{rng.choice(SALES_CHANNELS)}销售页面进行证据保全",
                        f"公证购买被控侵权的{story.product}",
                        "对网络传播内容进行电子数据存证",
                    )
                ),
            }
        if code == "litigation_guidance":
            story.paths.append("litigation")
            court = self._pick(COURTS) if rng.random() < 0.9 else None
            return {
                "court": court,
                "guidance": rng.choice(
                    (
                        "指导准备起诉状、权利证明及侵权比对表，提示三年诉讼时效",
                        "讲解诉前财产保全与行为保全的申请条件",
                        "建议先行发送律师函，再视对方回应决定是否起诉",
                        "说明诉讼费用、证据规则及可申请诉前调解",
                    )
                ),
            }
        if code == "parties_followed_up":
            contacted = [client] if rng.random() < 0.7 else [client, story.opponent]
            return {
                "contacted": contacted,
                "method": rng.choices(("phone", "wechat", "visit", "email"), (70, 18, 8, 4))[0],
                "result": self._dispute_result(story),
            }
        if code == "archived":
            inst.archived[at.year] += 1
            return {
                "archive_no": f"{inst.spec.archive_prefix}-JF-{at.year}-{inst.archived[at.year]:04d}",
                "resolution": self._resolution(story),
            }
        if code == "typical_case_written":
            how = {
                "mediation": "调解室快速调解",
                "committee": "人民调解委员会调解",
                "litigation": "诉讼指导",
                "arbitration": "仲裁引导",
                "notary": "公证取证助力维权",
            }
            path = story.paths[-1] if story.paths else "mediation"
            who = "个人" if plan.client.sector is PERSONAL else f"{plan.client.sector.tag}领域"
            return {
                "title": f"{who}{story.product}{ip}纠纷{how[path]}案",
                "summary": f"{inst.spec.name}受理{client}与{story.opponent}之间的{ip}纠纷，"
                f"经{how[path]}妥善化解，为同类纠纷提供了可复制的处理经验。",
                "tags": [ip, how[path], plan.client.sector.tag],
            }
        if code == "need_collected":
            wanted = rng.sample(list(GuidanceKind), rng.randint(1, 3))
            return {
                "description": f"{client}发现{story.opponent}{self._infringing_act(story)}",
                "right_number": self._right_number(story, at),
                "infringer": story.opponent,
                "help_wanted": [g.value for g in sorted(wanted, key=list(GuidanceKind).index)],
            }
        if code == "guidance_given":
            kind = rng.choice(list(GuidanceKind))
            content = {
                GuidanceKind.EVIDENCE_COLLECTION: (
                    "指导当事人通过公证购买固定侵权产品及销售票据",
                    "指导对网店页面进行时间戳电子存证",
                    "指导保存交易记录、聊天记录等电子证据",
                ),
                GuidanceKind.PROCEDURE_CONSULTATION: (
                    "讲解行政裁决与民事诉讼的程序、时限及所需材料",
                    "说明向西宁市市场监督管理局投诉举报的流程",
                    "解答电商平台知识产权投诉流程",
                ),
                GuidanceKind.DISPUTE_MEDIATION: (
                    "指导当事人与对方协商，草拟和解协议要点",
                    "建议申请调解室调解并协助准备调解申请材料",
                ),
            }[kind]
            return {"kind": kind.value, "content": rng.choice(content)}
        if code == "expert_panel_advice":
            return {
                "experts": self._experts(plan.client.sector, 3),
                "difficulty": self._difficulty(story),
                "legal_advice": rng.choice(
                    (
                        "建议先行固定证据并发送律师函",
                        "建议在诉讼中一并申请行为保全",
                        "建议针对可能的无效宣告请求做好答辩准备",
                        "建议以合同违约与侵权竞合择一主张",
                    )
                ),
                "response_suggestions": rng.choice(
                    (
                        "由维权援助律师团出具法律意见书",
                        "先行向电商平台投诉下架，再评估诉讼必要性",
                        "委托鉴定机构进行技术比对后再决定维权方式",
                    )
                ),
            }
        if code == "referred":
            target = rng.choices(list(ReferralTarget), (45, 15, 25, 15))[0]
            story.referred = target
            region = None
            if target is ReferralTarget.LAWYER_GROUP:
                body = f"西宁市知识产权维权援助律师团（{rng.choice(LAW_FIRMS)}）"
            elif target is ReferralTarget.ARBITRATION:
                body = ARBITRATION_COMMISSION
            elif target is ReferralTarget.PROFESSIONAL_INSTITUTION:
                body = rng.choice(PROFESSIONAL_BODIES[story.ip_type])
            else:
                body, region = rng.choice(CROSS_REGION)
            return {"target": target.value, "body_name": body, "region": region}
        if code == "return_visit":
            if story.referred is ReferralTarget.CROSS_REGION or story.referred is ReferralTarget.ARBITRATION:
                outcome_weights: tuple[float, ...] = (35, 20, 10, 35)
            else:
                outcome_weights = (55, 20, 12, 13)
            result = rng.choices(list(AssistanceOutcome), outcome_weights)[0]
            satisfaction = rng.choices((1, 2, 3, 4, 5), _SATISFACTION[result])[0]
            return {"outcome": result.value, "satisfaction": satisfaction, "visited_by": rng.choice(inst.staff)}
        raise AssertionError(f"no payload for step {code}")

    # Words ----------------------------------------------------------------------------------------------

    def _infringing_act(self, story: _Story) -> str:
        rng = self.rng
        channel = rng.choice(SALES_CHANNELS)
        return {
            IpType.PATENT: f"在{channel}销售的{story.product}涉嫌落入其专利权保护范围",
            IpType.TRADEMARK: f"在{channel}销售的{story.product}使用了与其注册商标近似的标识",
            IpType.COPYRIGHT: f"未经许可在{channel}使用其{story.product}相关作品",
            IpType.TRADE_SECRET: f"通过其离职员工获取{story.product}的工艺参数及客户名单",
            IpType.DATA_IP: "擅自爬取并商用其已登记的数据资源",
            IpType.IC_LAYOUT: f"{story.product}所用芯片疑似复制其集成电路布图设计",
        }[story.ip_type]

    def _opinion(self, story: _Story) -> str:
        return self.rng.choice(
            {
                IpType.PATENT: (
                    "经技术比对，被控产品技术特征落入权利要求1保护范围，侵权可能性较大",
                    "被控产品缺少权利要求中的一项必要技术特征，侵权认定存在难度",
                ),
                IpType.TRADEMARK: (
                    "涉案标识与注册商标构成近似，易导致相关公众混淆",
                    "涉案标识整体差异明显，构成商标侵权的可能性较小",
                ),
                IpType.COPYRIGHT: (
                    "权利人可提供底稿及登记证书，权属清晰，侵权事实基本成立",
                    "现有证据不足以证明接触可能性，建议补充创作过程证据",
                ),
                IpType.TRADE_SECRET: (
                    "权利人保密措施较为完善，可主张构成商业秘密",
                    "涉案信息部分已公开，秘密性认定存在风险",
                ),
                IpType.DATA_IP: ("数据来源合法、经登记公示，可依据数据知识产权登记证书主张权利",),
                IpType.IC_LAYOUT: ("布图设计具有独创性，建议委托鉴定机构进行比对",),
            }[story.ip_type]
        )

    def _difficulty(self, story: _Story) -> str:
        return {
            IpType.PATENT: "涉案专利权利要求的解释及现有技术抗辩存在争议",
            IpType.TRADEMARK: "商标近似性及混淆可能性判断难度大",
            IpType.COPYRIGHT: "作品独创性及权属链条证明难度较大",
            IpType.TRADE_SECRET: "商业秘密的秘密性与保密措施认定困难",
            IpType.DATA_IP: "数据来源合法性及权属认定复杂",
            IpType.IC_LAYOUT: "布图设计独创性部分的比对需专业鉴定",
        }[story.ip_type]

    def _dispute_result(self, story: _Story) -> str:
        path = story.paths[-1] if story.paths else None
        options = {
            "mediation": ("对方已按调解协议支付赔偿款并下架相关商品", "调解协议已履行完毕，当事人对处理结果表示满意"),
            "committee": (
                "人民调解委员会已组织调解，双方签订调解协议并申请司法确认",
                "人民调解仍在进行中，当事人表示将继续配合",
            ),
            "litigation": (
                "当事人已向西宁市中级人民法院提起诉讼，法院已立案受理",
                "诉前调解中，当事人表示将继续跟进",
                "一审已判决支持当事人主要诉讼请求",
            ),
            "arbitration": ("当事人已向西宁仲裁委员会申请仲裁", "仲裁裁决已作出，对方正在履行"),
            "notary": ("证据已公证保全，当事人已向对方发送律师函", "对方收到律师函后已停止侵权行为"),
            None: (
                "双方自行和解，当事人撤回求助",
                "对方已停止侵权行为，当事人不再追究",
                "当事人决定暂不采取进一步行动",
            ),
        }[path]
        return self.rng.choice(options)

    def _resolution(self, story: _Story) -> str:
        path = story.paths[-1] if story.paths else None
        return {
            "mediation": "调解成功，履行完毕后结案",
            "committee": "经人民调解委员会调解结案",
            "litigation": "已引导进入诉讼程序，指导工作结束",
            "arbitration": "已引导进入仲裁程序，指导工作结束",
            "notary": "证据保全完成，当事人自行维权，指导工作结束",
            None: self.rng.choice(("双方和解，结案", "当事人撤回求助，结案")),
        }[path]

    def _right_number(self, story: _Story, at: datetime) -> str | None:
        rng = self.rng
        year = at.year - rng.randint(1, 8)
        if story.ip_type is IpType.PATENT:
            return patent_number(rng, year, rng.choices((1, 2, 3), (40, 45, 15))[0])
        if story.ip_type is IpType.TRADEMARK:
            return f"第{rng.randrange(10**7, 8 * 10**7)}号"
        if story.ip_type is IpType.COPYRIGHT:
            return f"青作登字-{year}-{rng.choice('AFGIJL')}-{rng.randrange(10**8):08d}"
        if story.ip_type is IpType.DATA_IP:
            return f"青数知登字〔{year}〕第{rng.randrange(1, 2000):06d}号"
        if story.ip_type is IpType.IC_LAYOUT:
            return f"BS.{year % 100}{rng.randrange(10**6, 10**7)}"
        return None  # a trade secret has no number

    def _experts(self, sector: Sector, count: int) -> list[str]:
        """A technical expert on the client's field and `count - 1` legal ones."""
        places = [sector.expert, *self.rng.sample(LEGAL_EXPERTS, count - 1)]
        return [f"{self._person()}（{place}{title}）" for place, title in places]

    def _opponent(self, client: _ClientPlan) -> str:
        rng = self.rng
        if rng.random() < 0.3:
            return f"{self.fake.last_name()}某（个体工商户）"
        sector = client.sector if client.sector.fragments else rng.choice(SECTORS)
        if rng.random() < 0.6:
            place, brand = rng.choice(("青海", "西宁")), rng.choice(BRANDS)
        else:
            place, brand = rng.choice(OUTSIDE_PLACES), rng.choice(OUTSIDE_BRANDS)
        return f"{place}{brand}{rng.choice(sector.fragments)}有限公司"

    # Small things ---------------------------------------------------------------------------------------

    def _pick(self, weighted: Sequence[tuple[T, float]]) -> T:
        return self.rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]

    def _person(self) -> str:
        return self.fake.name()

    def _landline(self) -> str:
        return f"0971-{self.rng.choice('5689')}{self.rng.randrange(10**6):06d}"

    def _fresh(self, make: Callable[[], str]) -> str:
        for _ in range(50):
            name = make()
            if name not in self.used_names:
                self.used_names.add(name)
                return name
        name, company = make(), "有限公司"
        name = f"{name.removesuffix(company)}（{len(self.used_names)}）{company if name.endswith(company) else ''}"
        self.used_names.add(name)
        return name

    def _unused(self, names: Sequence[str]) -> str | None:
        free = [n for n in names if n not in self.used_names]
        if not free:
            return None
        name = self.rng.choice(free)
        self.used_names.add(name)
        return name

    def _office(self, moment: datetime) -> datetime:
        """`moment`, or the next office-hours minute after it (08:30-17:30 China Standard Time)."""
        local = moment.astimezone(CST)
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        into = local - midnight
        if into < OFFICE_OPENS:
            return midnight + OFFICE_OPENS + timedelta(minutes=self.rng.uniform(0, 90))
        if into > OFFICE_CLOSES:
            return midnight + timedelta(days=1) + OFFICE_OPENS + timedelta(minutes=self.rng.uniform(0, 90))
        return local
