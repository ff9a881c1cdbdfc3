"""A realistic demo data set: Xining's IP public-service institutions, their clients and a year of their work.

Everything goes through the real write path. Institutions and clients are registered through `Commands`;
the registries of clause 6 (staff and their training, experts, the knowledge base, outside bodies) are made
by `RegistryRecord`; a case of each service type of the catalogue is opened and walked through its step
table on the `ServiceCase` aggregate, evaluated (7.1) with `ServiceCase.evaluate`, and a low evaluation
opens the corrective action it proposes (7.2), walked on `CorrectiveAction`. So every step is checked by the
domain exactly as an API call would be, and the rules across cases (a right once in a client's IP ledger,
an enterprise once in a year's key-enterprise directory) by the companions that steps return.

The year is simulated in time order: each case, each evaluation and each corrective action is a process
that waits for the moment of its next act, and the earliest act of all is done next. So the companions
that cases share (a client's IP ledger, a year's directory) record their events in the order they
happened, and what one case did (a right filed, an archive number taken) is seen by the cases after it.
Nothing is in the future: a process whose next act would fall on or after the start of today stops there,
so recent cases are still open. Everything is saved once the year is done: each case with its corrective
actions, then the companions.

The data set is a function of the seed and of the day it is loaded: which cases exist, their steps and
payloads, and their times relative to today (the past 365 days, in China Standard Time, in office hours
on working days) do not depend on the hour at which it is loaded.
"""

from __future__ import annotations

import heapq
import itertools
import math
import random
from collections import Counter
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate
from faker import Faker

from api.access import Principal
from api.commands import Commands
from domain.case import ServiceCase
from domain.corrective_action import CorrectiveAction, proposed_for
from domain.evaluation import INDICATOR_LABELS, LOW_SCORE, Indicator
from domain.evaluation import Channel as EvaluationChannel
from domain.ip_ledger import RightStatus, ledger_key
from domain.provenance import Provenance, Role
from domain.registries import (
    Availability,
    Background,
    BodyKind,
    Education,
    Employment,
    KnowledgeCategory,
    RegistryKind,
    RegistryRecord,
    TrainingKind,
)
from domain.registry import Client, ClientKind, Designation, EnterpriseSize, InnovatorKind, InstitutionKind
from domain.services.common import IP_TYPE_LABELS, IpType
from domain.services.compliance_guidance import ComplianceArea, EndReason, RunningState
from domain.services.compliance_guidance import RiskLevel as ComplianceRisk
from domain.services.compliance_guidance import SurveyMethod as ComplianceSurvey
from domain.services.consultation import AgencyKind as ConsultAgency
from domain.services.consultation import Channel as ConsultChannel
from domain.services.consultation import Topic
from domain.services.dispute_guidance import DisputeKind, EvidenceBody, MediationOutcome, Route
from domain.services.four_places import FOUR_PLACE_LABELS, FourPlace, Novelty
from domain.services.generic import FollowUpMethod
from domain.services.info_analysis import AnalysisKind, AnalysisPurpose, ClassificationScheme, InfoCategory
from domain.services.info_search import SEARCH_PLATFORMS, DeliveryChannel, SearchPlatform, SearchPurpose
from domain.services.ip_finance import FinanceKind, FinancingOutcome
from domain.services.key_industry import KEY_INDUSTRY_LABELS, KeyIndustry, SepTopic
from domain.services.policy_promotion import KeyIndustry as PolicyIndustry
from domain.services.policy_promotion import PolicyKind, PolicyLevel, PushChannel
from domain.services.publicity import KEY_OCCASIONS, DailyTopic, KeyOccasion, MaterialKind, MediaKind
from domain.services.publicity import Channel as PublicityChannel
from domain.services.rights_assistance import AssistanceOutcome, GuidanceKind, ReferralTarget
from domain.services.risk_prevention import AgencyKind as RiskAgency
from domain.services.risk_prevention import RiskArea, RuleSystem, TrainingAudience
from domain.services.risk_prevention import RiskLevel as RiskPreventionLevel
from domain.services.training import COURSES, Course
from domain.services.training import SurveyMethod as TrainingSurvey
from domain.services.transfer_license import ClientSide, ContractKind, DealOutcome, ValuationMethod
from infra.calendar import load_calendar
from infra.store import Store

T = TypeVar("T")
Process = Generator[datetime, None, None]
"""A simulated process: it yields the moment of its next act, and is resumed at that moment to do it."""

CST = timezone(timedelta(hours=8), "CST")
"""China Standard Time: Xining's clocks, and the offset every demo event is stamped with."""

DISPUTE = "dispute_guidance"
ASSISTANCE = "rights_assistance"

WINDOW_DAYS = 365
OFFICE_OPENS = timedelta(hours=8, minutes=30)
OFFICE_CLOSES = timedelta(hours=17, minutes=30)
STALL_RATE = 0.04  # cases the client walks away from: they stay open however old they are
TYPICAL_CASE_RATE = 0.18  # of archived disputes that went somewhere, how many become typical cases
EVALUATION_RATE = 0.42  # of closed cases, how many the client evaluates (a few closed lately are not yet)
RETURN_VISIT_RATE = 0.6  # of low evaluations, how many had their return visit recorded

# How many cases of each type, in proportion (5.1 basic services far outnumber the featured ones of 5.2).
TYPE_MIX: dict[str, float] = {
    "consultation": 17,
    "rights_assistance": 14,
    "application_guidance": 12,
    "dispute_guidance": 11,
    "info_search": 7,
    "policy_promotion": 6,
    "risk_prevention": 4,
    "fast_examination_liaison": 3,
    "training": 3,
    "info_analysis": 3,
    "compliance_guidance": 3,
    "ip_finance": 3,
    "transfer_license": 3,
    "key_enterprise": 2,
    "electronic_evidence": 2,
    "publicity": 2,
    "data_ip_registration": 1.5,
    "qinghai_industry_assistance": 1.5,
    "four_places": 1.5,
    "key_industry": 1,
}


@dataclass(frozen=True)
class DemoSummary:
    institutions: int
    clients: int
    cases: int
    events: int
    evaluations: int = 0
    low_evaluations: int = 0
    corrective_actions: int = 0
    registry_records: int = 0

    def __str__(self) -> str:
        return (
            f"{self.institutions} institutions, {self.clients} clients, {self.cases} cases, {self.events} events;"
            f" {self.evaluations} evaluations ({self.low_evaluations} low), {self.corrective_actions} corrective"
            f" actions, {self.registry_records} registry records"
        )


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
    """Fill `store` with `institutions`, `clients` and `cases`; the same seed gives the same data set.

    `progress` is told (done, total) as institutions, clients and cases are saved."""
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

_PC, _AC, _UC, _TISC, _WS = (
    InstitutionKind.PROTECTION_CENTER,
    InstitutionKind.ASSISTANCE_CENTER,
    InstitutionKind.UNIVERSITY_CENTER,
    InstitutionKind.TISC,
    InstitutionKind.WORKSTATION,
)


def _kinds(pc: float, ac: float, uc: float, tisc: float, ws: float) -> dict[InstitutionKind, float]:
    return {_PC: pc, _AC: ac, _UC: uc, _TISC: tisc, _WS: ws}


# How each service type is spread over the kinds of institution (a data set may lack a kind: then any).
_KIND_WEIGHTS: dict[str, dict[InstitutionKind, float]] = {
    "consultation": _kinds(25, 20, 15, 15, 25),
    ASSISTANCE: _kinds(25, 45, 7, 8, 15),
    DISPUTE: _kinds(45, 20, 7, 8, 20),
    "application_guidance": _kinds(20, 5, 20, 25, 30),
    "policy_promotion": _kinds(20, 5, 10, 20, 45),
    "risk_prevention": _kinds(30, 15, 10, 35, 10),
    "info_search": _kinds(15, 2, 40, 40, 3),
    "info_analysis": _kinds(15, 0, 45, 40, 0),
    "training": _kinds(20, 5, 25, 30, 20),
    "publicity": _kinds(30, 15, 15, 10, 30),
    "compliance_guidance": _kinds(35, 5, 10, 40, 10),
    "ip_finance": _kinds(50, 5, 5, 15, 25),
    "transfer_license": _kinds(20, 0, 50, 30, 0),
    "fast_examination_liaison": _kinds(90, 0, 3, 7, 0),
    "data_ip_registration": _kinds(40, 5, 25, 25, 5),
    "electronic_evidence": _kinds(40, 40, 5, 5, 10),
    "qinghai_industry_assistance": _kinds(25, 10, 10, 10, 45),
    "key_industry": _kinds(50, 0, 25, 25, 0),
    "key_enterprise": _kinds(60, 5, 5, 15, 15),
    "four_places": _kinds(45, 5, 20, 20, 10),
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
PATENT_AGENCIES = ("青海中诚专利代理事务所", "西宁科腾专利代理有限公司", "青海智汇知识产权代理有限公司")
TRADEMARK_AGENCIES = ("青海鼎信商标代理有限公司", "西宁华商商标事务所有限公司")
COPYRIGHT_SERVICE = "青海省版权保护中心"
VALUATION_FIRMS = (("青海正信资产评估有限公司", "青正评报字"), ("青海中和资产评估有限公司", "青中和评报字"))
BANKS = (
    "青海银行西宁分行",
    "中国建设银行青海省分行",
    "中国工商银行西宁城西支行",
    "西宁农村商业银行",
    "中国银行青海省分行",
)
GUARANTORS = ("西宁市融资担保有限公司", "青海省信用担保集团有限公司")
INSURERS = ("中国人民财产保险股份有限公司青海省分公司", "中国平安财产保险股份有限公司青海分公司")
INVESTORS = ("青海省科技成果转化引导基金", "西宁市产业投资发展基金")
SECURITIES_FIRMS = ("西部证券股份有限公司",)
MARKET_REGULATOR = "西宁市市场监督管理局（知识产权局）"
PROVINCIAL_OFFICE = "青海省知识产权局"
PROFESSIONAL_BODIES: dict[IpType, tuple[str, ...]] = {
    IpType.PATENT: ("青海省知识产权司法鉴定所", "青海省专利代理师协会"),
    IpType.TRADEMARK: ("西宁市商标协会", "青海省知识产权司法鉴定所"),
    IpType.COPYRIGHT: (COPYRIGHT_SERVICE,),
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
VENUES = (
    "西宁市知识产权保护中心报告厅",
    "南川工业园区管委会会议室",
    "东川工业园区企业服务中心",
    "生物科技产业园区会议室",
    "甘河工业园区管委会会议室",
    "青海大学图书馆报告厅",
    "线上（腾讯会议）",
)


# Experts (6.3.b): who is called for a consultation, a panel, a session -----------------------------------


@dataclass(frozen=True)
class _ExpertSpec:
    place: str
    title: str
    speciality: str
    ip_types: tuple[IpType, ...]
    sectors: tuple[str, ...] = ()  # the sector tags a technical expert knows; none for a legal expert
    legal: bool = False


_P, _T, _C, _S, _D, _L = (
    IpType.PATENT,
    IpType.TRADEMARK,
    IpType.COPYRIGHT,
    IpType.TRADE_SECRET,
    IpType.DATA_IP,
    IpType.IC_LAYOUT,
)

EXPERT_SPECS = (
    _ExpertSpec("青海大学新能源光伏产业研究中心", "高级工程师", "光伏材料与器件", (_P,), ("光伏",)),
    _ExpertSpec("中国科学院青海盐湖研究所", "研究员", "盐湖提锂与锂电材料", (_P, _S), ("锂电", "科研成果")),
    _ExpertSpec("中国科学院青海盐湖研究所", "研究员", "盐湖化工与镁资源利用", (_P, _S), ("盐湖化工",)),
    _ExpertSpec("中国科学院西北高原生物研究所", "研究员", "高原生物资源与藏药", (_P,), ("生物医药",)),
    _ExpertSpec("青海省农林科学院", "研究员", "高原作物育种与农产品加工", (_P, _T), ("高原农牧", "科研成果")),
    _ExpertSpec("青海省畜牧兽医科学院", "研究员", "牦牛产品加工", (_P,), ("牦牛产品",)),
    _ExpertSpec("青海大学计算机技术与应用系", "教授", "数据中心与数据知识产权", (_P, _C, _D), ("绿色算力",)),
    _ExpertSpec("青海民族大学艺术学院", "教授", "民族工艺美术与著作权", (_C, _T), ("藏毯文创",)),
    _ExpertSpec("青海大学农牧学院", "教授", "青稞酿造与食品工程", (_P, _T), ("青稞酒",)),
    _ExpertSpec("青海师范大学美术学院", "副教授", "美术作品与著作权", (_C,), ("个人创作",)),
    _ExpertSpec("青海大学", "教授", "科技成果转化", (_P, _L), ("科研成果", "个人创作")),
    _ExpertSpec("青海大学法学院", "教授", "知识产权法", (_P, _C, _T), legal=True),
    _ExpertSpec("青海民族大学法学院", "副教授", "著作权法与非物质文化遗产保护", (_C,), legal=True),
    _ExpertSpec("青海师范大学法学与社会学学院", "教授", "商标法与反不正当竞争法", (_T, _S), legal=True),
    _ExpertSpec("青海昆仑律师事务所", "律师", "知识产权诉讼", (_P, _T, _C), legal=True),
    _ExpertSpec("青海夏都律师事务所", "律师", "商业秘密与技术合同", (_S, _P), legal=True),
    _ExpertSpec("青海省专利代理师协会", "专利代理师", "专利申请与无效宣告", (_P,), legal=True),
    _ExpertSpec("西宁市知识产权保护中心专利预审部", "审查员", "专利审查", (_P, _L), legal=True),
    _ExpertSpec("青海正信资产评估有限公司", "资产评估师", "知识产权价值评估", (_P, _T)),
    _ExpertSpec("青海银行普惠金融部", "高级经济师", "知识产权质押融资", (_P, _T)),
)


@dataclass(frozen=True)
class _Expert:
    name: str
    spec: _ExpertSpec

    def __str__(self) -> str:
        return f"{self.name}（{self.spec.place}{self.spec.title}）"


# Who the clients are ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sector:
    tag: str  # as in a typical case's tags and title
    fragments: tuple[str, ...]  # what a company name of this sector says it does
    products: tuple[str, ...]
    ip_weights: tuple[tuple[IpType, float], ...]
    expert: tuple[str, str]  # where a technical expert on it works, and as what
    inventions: tuple[str, ...] = ()  # what its patents are titled, after 一种
    keywords: tuple[str, ...] = ()  # what a search on its technology looks for
    ipc: tuple[str, ...] = ()
    classes: tuple[int, ...] = (35,)  # Nice classes its marks are filed in
    datasets: tuple[str, ...] = ()
    policy_industry: PolicyIndustry | None = None  # 5.1.2.c
    key_industry: KeyIndustry | None = None  # 5.2.2
    place: FourPlace | None = None  # 5.2.4


SECTORS = (
    Sector(
        "光伏",
        ("光伏科技", "新能源科技", "光电材料"),
        ("单晶硅片", "光伏组件", "光伏逆变器", "光伏支架"),
        ((IpType.PATENT, 7), (IpType.TRADEMARK, 1.5), (IpType.TRADE_SECRET, 1.5), (IpType.IC_LAYOUT, 0.5)),
        ("青海大学新能源光伏产业研究中心", "高级工程师"),
        inventions=(
            "N型TOPCon电池片的钝化接触结构及其制备方法",
            "单晶硅片的金刚线切割装置",
            "光伏组件用抗PID封装胶膜及其制备方法",
            "适用于高原光伏电站的组件清洗机器人",
            "组串式光伏逆变器的散热结构",
        ),
        keywords=("TOPCon", "钝化接触", "金刚线切割", "封装胶膜", "逆变器散热"),
        ipc=("H01L31/18", "H01L31/048", "H02S40/10", "B28D5/04", "H02M7/48"),
        classes=(9, 19, 37),
        datasets=("光伏电站发电运行数据集", "高原光伏组件衰减监测数据集"),
        policy_industry=PolicyIndustry.PV_LITHIUM,
        key_industry=KeyIndustry.PHOTOVOLTAIC,
        place=FourPlace.CLEAN_ENERGY,
    ),
    Sector(
        "锂电",
        ("锂业", "锂电新材料", "储能科技"),
        ("电池级碳酸锂", "磷酸铁锂正极材料", "储能电池模组"),
        ((IpType.PATENT, 7), (IpType.TRADE_SECRET, 2), (IpType.TRADEMARK, 1)),
        ("中国科学院青海盐湖研究所", "研究员"),
        inventions=(
            "盐湖卤水吸附法提锂用铝系吸附剂及其制备方法",
            "电池级碳酸锂的深度除杂工艺",
            "磷酸铁锂正极材料的碳包覆方法",
            "储能电池模组的液冷板结构",
            "废旧锂电池正极材料的回收方法",
        ),
        keywords=("吸附法提锂", "碳酸锂除杂", "磷酸铁锂", "液冷板", "电池回收"),
        ipc=("C22B26/12", "C01D15/08", "H01M4/58", "H01M10/613", "H01M10/54"),
        classes=(1, 9),
        datasets=("盐湖卤水成分监测数据集", "储能电站电池运行数据集"),
        policy_industry=PolicyIndustry.PV_LITHIUM,
        key_industry=KeyIndustry.LITHIUM_BATTERY,
        place=FourPlace.SALT_LAKE_INDUSTRY,
    ),
    Sector(
        "盐湖化工",
        ("盐湖化工", "钾肥", "镁业"),
        ("氯化钾", "高纯氧化镁", "硼酸", "氢氧化镁阻燃剂"),
        ((IpType.PATENT, 6), (IpType.TRADE_SECRET, 2.5), (IpType.TRADEMARK, 1.5)),
        ("中国科学院青海盐湖研究所", "研究员"),
        inventions=(
            "氯化钾的反浮选-冷结晶生产工艺",
            "高纯氧化镁的制备方法",
            "利用盐湖老卤制备氢氧化镁阻燃剂的方法",
            "硼酸的萃取提纯工艺",
            "光卤石分解结晶装置",
        ),
        keywords=("反浮选", "冷结晶", "高纯氧化镁", "老卤", "硼酸萃取"),
        ipc=("C01D3/04", "C01F5/08", "C01F5/14", "C01B35/10", "B01D9/02"),
        classes=(1, 5),
        datasets=("钾肥生产工艺参数数据集",),
        policy_industry=PolicyIndustry.SALT_LAKE_CHEMICALS,
        key_industry=KeyIndustry.SALT_LAKE_CHEMICALS,
        place=FourPlace.SALT_LAKE_INDUSTRY,
    ),
    Sector(
        "生物医药",
        ("生物医药", "藏药", "药业", "生物科技"),
        ("藏药丸剂", "冬虫夏草提取物", "红景天胶囊", "沙棘籽油软胶囊"),
        ((IpType.PATENT, 5), (IpType.TRADEMARK, 4), (IpType.TRADE_SECRET, 1)),
        ("中国科学院西北高原生物研究所", "研究员"),
        inventions=(
            "藏药丸剂的质量检测方法",
            "冬虫夏草菌丝体的液体发酵培养方法",
            "红景天苷的提取纯化工艺",
            "沙棘籽油软胶囊及其制备方法",
            "藏药浴制剂及其制备方法",
        ),
        keywords=("藏药", "冬虫夏草", "红景天苷", "沙棘籽油", "药浴"),
        ipc=("A61K36/00", "A61K36/068", "A61K36/41", "A61K9/48", "G01N30/02"),
        classes=(5, 3, 30),
        datasets=("藏药方剂与药材数据库",),
        policy_industry=PolicyIndustry.BIOMEDICINE,
        key_industry=KeyIndustry.BIOMEDICINE,
    ),
    Sector(
        "高原农牧",
        ("高原农业", "农牧科技", "枸杞生物", "青稞食品"),
        ("柴达木黑枸杞", "青稞挂面", "高原菜籽油", "藜麦"),
        ((IpType.TRADEMARK, 6), (IpType.PATENT, 2.5), (IpType.COPYRIGHT, 1)),
        ("青海省农林科学院", "研究员"),
        inventions=(
            "黑枸杞花青素的低温提取方法",
            "青稞β-葡聚糖挂面及其制作工艺",
            "高原菜籽油的低温压榨设备",
            "藜麦脱皂苷清洗装置",
            "枸杞烘干用热泵干燥房",
        ),
        keywords=("花青素", "青稞", "低温压榨", "藜麦", "热泵干燥"),
        ipc=("A23L19/00", "A23L7/109", "C11B1/06", "A23N12/02", "F26B9/06"),
        classes=(29, 30, 31),
        datasets=("枸杞种植气象与产量数据集",),
        policy_industry=PolicyIndustry.PLATEAU_AGRICULTURE,
        key_industry=KeyIndustry.PLATEAU_AGRICULTURE,
        place=FourPlace.GREEN_ORGANIC_PRODUCE,
    ),
    Sector(
        "牦牛产品",
        ("牦牛乳业", "牦牛食品", "畜产品开发"),
        ("牦牛肉干", "牦牛酸奶", "牦牛绒围巾", "牦牛奶粉"),
        ((IpType.TRADEMARK, 7), (IpType.PATENT, 2), (IpType.COPYRIGHT, 1)),
        ("青海省畜牧兽医科学院", "研究员"),
        inventions=(
            "风干牦牛肉的低温熟化工艺",
            "牦牛酸奶用发酵剂及其制备方法",
            "牦牛绒的分梳除杂装置",
            "牦牛乳冻干粉生产装置",
            "牦牛骨胶原蛋白肽的酶解制备方法",
        ),
        keywords=("牦牛肉", "发酵剂", "牦牛绒", "冻干", "胶原蛋白肽"),
        ipc=("A23L13/40", "A23C9/123", "D01B3/00", "A23C1/04", "C12P21/06"),
        classes=(29, 25, 24),
        datasets=("牦牛养殖溯源数据集",),
        policy_industry=PolicyIndustry.PLATEAU_AGRICULTURE,
        key_industry=KeyIndustry.PLATEAU_AGRICULTURE,
        place=FourPlace.GREEN_ORGANIC_PRODUCE,
    ),
    Sector(
        "绿色算力",
        ("绿色算力", "数据科技", "云计算"),
        ("数据中心液冷系统", "算力调度平台软件", "高原生态遥感数据集"),
        ((IpType.DATA_IP, 4), (IpType.COPYRIGHT, 3), (IpType.PATENT, 2.5), (IpType.TRADE_SECRET, 2)),
        ("青海大学计算机技术与应用系", "教授"),
        inventions=(
            "数据中心浸没式液冷系统",
            "基于自然冷源的高原数据中心制冷方法",
            "多云算力任务调度方法及系统",
            "遥感影像的分布式存储与检索方法",
            "算力网络能耗监测装置",
        ),
        keywords=("浸没式液冷", "自然冷源", "算力调度", "遥感影像", "能耗监测"),
        ipc=("H05K7/20", "G06F1/20", "G06F9/50", "G06F16/29", "G06Q50/06"),
        classes=(9, 42),
        datasets=("高原生态遥感影像数据集", "算力调度日志数据集", "数据中心能耗监测数据集"),
        policy_industry=PolicyIndustry.GREEN_COMPUTING,
        key_industry=KeyIndustry.GREEN_COMPUTING,
        place=FourPlace.CLEAN_ENERGY,
    ),
    Sector(
        "藏毯文创",
        ("藏毯", "文化创意", "唐卡艺术"),
        ("手工藏毯", "唐卡复制品", "青绣文创产品", "热贡艺术挂画"),
        ((IpType.COPYRIGHT, 6), (IpType.TRADEMARK, 3), (IpType.PATENT, 1)),
        ("青海民族大学艺术学院", "教授"),
        inventions=(
            "手工藏毯的植物染色工艺",
            "藏毯栽绒编织机",
            "唐卡矿物颜料的研磨制备方法",
            "青绣图案的数字化提取方法",
            "热贡艺术挂画的装裱结构",
        ),
        keywords=("植物染色", "栽绒", "矿物颜料", "青绣", "装裱"),
        ipc=("D06P1/34", "D03D27/00", "C09D5/00", "G06T7/00", "A47G1/06"),
        classes=(27, 24, 16),
        datasets=("藏毯传统图案数字资源库",),
        policy_industry=PolicyIndustry.OTHER,
        key_industry=KeyIndustry.ECO_TOURISM,
        place=FourPlace.ECO_TOURISM,
    ),
    Sector(
        "青稞酒",
        ("青稞酒业", "酒业"),
        ("青稞白酒", "青稞酒礼盒"),
        ((IpType.TRADEMARK, 7), (IpType.PATENT, 1.5), (IpType.COPYRIGHT, 1.5)),
        ("青海大学农牧学院", "教授"),
        inventions=(
            "青稞酒的清蒸清烧酿造工艺",
            "青稞酒用大曲及其制备方法",
            "低醇青稞酒的脱醇装置",
            "青稞酒糟的综合利用方法",
            "酒坛储存老熟装置",
        ),
        keywords=("清蒸清烧", "大曲", "脱醇", "酒糟", "老熟"),
        ipc=("C12G3/02", "C12N1/14", "C12H6/02", "A23K10/38", "C12H1/22"),
        classes=(33, 32),
        datasets=("青稞酒酿造发酵过程数据集",),
        policy_industry=PolicyIndustry.PLATEAU_AGRICULTURE,
        key_industry=KeyIndustry.PLATEAU_AGRICULTURE,
        place=FourPlace.GREEN_ORGANIC_PRODUCE,
    ),
)
SECTOR_WEIGHTS = (14, 12, 11, 12, 12, 11, 8, 10, 5)

PERSONAL = Sector(
    "个人创作",
    (),
    ("摄影作品", "原创短视频", "手绘唐卡图样", "网络小说", "便携式酥油茶壶", "原创歌曲"),
    ((IpType.COPYRIGHT, 6), (IpType.PATENT, 2.5), (IpType.TRADEMARK, 1.5)),
    ("青海师范大学美术学院", "副教授"),
    inventions=("便携式酥油茶电热壶", "牧区太阳能移动电源", "可折叠转经筒支架", "高原帐篷防风固定装置"),
    keywords=("酥油茶壶", "移动电源", "转经筒", "帐篷固定"),
    ipc=("A47J27/21", "H02J7/35", "A47B23/04", "E04H15/62"),
    classes=(41, 25, 30),
)
ACADEMIC = Sector(
    "科研成果",
    (),
    ("高原鼠兔防控技术", "盐湖提锂工艺", "青稞新品种栽培技术", "藏药质量检测方法"),
    ((IpType.PATENT, 7), (IpType.COPYRIGHT, 2), (IpType.TRADE_SECRET, 1), (IpType.DATA_IP, 1)),
    ("青海大学", "教授"),
    inventions=(
        "高原鼠兔的生态防控方法",
        "盐湖提锂的纳滤膜分离工艺",
        "青稞抗旱品种的栽培方法",
        "藏药中重金属的快速检测方法",
        "高寒草地退化的遥感监测方法",
    ),
    keywords=("鼠兔防控", "纳滤膜", "青稞栽培", "重金属检测", "草地遥感"),
    ipc=("A01M1/00", "B01D61/02", "A01G22/20", "G01N21/31", "G06V20/13"),
    classes=(42, 41),
    datasets=("青藏高原生物多样性观测数据集", "高寒草地遥感监测数据集"),
    policy_industry=PolicyIndustry.NEW_MATERIALS,
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
DESIGNATION_NAMES: dict[Designation, str] = {
    Designation.SPECIALISED_SME: "专精特新中小企业",
    Designation.GOING_GLOBAL: "“走出去”重点企业",
    Designation.NATIONAL_DEMONSTRATION: "国家知识产权示范企业",
    Designation.NATIONAL_ADVANTAGE: "国家知识产权优势企业",
    Designation.PROVINCIAL_MUNICIPAL_DEMONSTRATION: "省市知识产权重点示范企业",
    Designation.KEY_TALENT: "重点人才企业",
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


def _patent_digits(rng: random.Random, year: int, kind: int) -> str:
    """A 12-digit application number (year, kind 1/2/3, serial), a dot and its mod-11 check digit."""
    digits = f"{year}{kind}{rng.randrange(10**7):07d}"
    check = sum(int(d) * w for d, w in zip(digits, (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5), strict=True)) % 11
    return f"{digits}.{'X' if check == 10 else check}"


def patent_number(rng: random.Random, year: int, kind: int) -> str:
    """ZL + a 12-digit application number (year, kind 1/2/3, serial) + its mod-11 check digit."""
    return f"ZL{_patent_digits(rng, year, kind)}"


# What the services say ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Question:
    """A question of the consultation archive (5.1.6.b); {product}, {brand}, {cls} and {work} are filled in."""

    text: str
    topics: tuple[Topic, ...]
    ip_types: tuple[IpType, ...]
    tags: tuple[str, ...]
    answer: str
    legal_basis: str | None = None
    agency: ConsultAgency | None = None  # who the client is referred to, when the question needs one


_APP, _PRO, _USE, _DIS = Topic.APPLICATION, Topic.PROTECTION, Topic.USE, Topic.DISPUTE
_PA, _TA, _LF, _OA = (
    ConsultAgency.PATENT_AGENCY,
    ConsultAgency.TRADEMARK_AGENCY,
    ConsultAgency.LAW_FIRM,
    ConsultAgency.OTHER,
)

QUESTIONS = (
    _Question(
        "我们研发的{product}相关技术想申请发明专利，需要准备哪些材料？",
        (_APP,),
        (_P,),
        ("专利申请", "申请材料"),
        "需提交请求书、说明书及其摘要和权利要求书，有附图的应同时提交；建议申请前先做查新检索，由专利代理师撰写权利要求",
        "《专利法》第二十六条",
        _PA,
    ),
    _Question(
        "发明专利和实用新型专利有什么区别？{product}的改进该申请哪一种？",
        (_APP,),
        (_P,),
        ("专利类型",),
        "实用新型只保护产品的形状、构造，审查快、保护期十年；方法改进只能申请发明专利，也可同日分别申请发明和实用新型",
        "《专利法》第二条、第九条",
        _PA,
    ),
    _Question(
        "“{brand}”想在第{cls}类注册商标，怎么判断能不能注册？",
        (_APP,),
        (_T,),
        ("商标注册", "近似查询"),
        "可先在中国商标网查询近似商标，避开缺乏显著性和与在先商标近似的标识；建议同时在关联类别注册",
        "《商标法》第九条、第三十条",
        _TA,
    ),
    _Question(
        "网上有店铺销售仿冒我们{product}的商品，用的标识和我们的商标很像，该怎么办？",
        (_PRO, _DIS),
        (_T,),
        ("商标侵权", "电商投诉"),
        "先固定侵权证据（公证购买或电子存证），再向电商平台投诉，可同时向市场监管部门举报或起诉；可申请维权援助",
        "《商标法》第五十七条、《电子商务法》第四十二条",
        _LF,
    ),
    _Question(
        "我的{work}被一个公众号未经许可使用了，能要求赔偿吗？",
        (_PRO, _DIS),
        (_C,),
        ("著作权侵权", "网络传播"),
        "作品自创作完成即享有著作权，保存原始文件及创作过程材料作为权属证据，可要求对方删除并赔偿，协商不成可起诉",
        "《著作权法》第十条、第五十二条",
        _LF,
    ),
    _Question(
        "软件著作权登记需要多长时间？要提交源代码吗？",
        (_APP,),
        (_C,),
        ("软件著作权", "登记"),
        "一般约三十个工作日；需提交申请表、身份证明及源程序和文档的鉴别材料（通常为前后各连续三十页）",
        "《计算机软件著作权登记办法》",
        _OA,
    ),
    _Question(
        "专利年费忘了缴，收到了专利权终止通知，还能恢复吗？",
        (_PRO,),
        (_P,),
        ("专利年费", "权利恢复"),
        "自收到通知之日起两个月内可以请求恢复权利，需说明理由并缴纳恢复费和所欠年费及滞纳金",
        "《专利法实施细则》第六条",
    ),
    _Question(
        "公司员工的职务发明，奖励和报酬应该怎么定？",
        (_USE,),
        (_P,),
        ("职务发明", "奖励报酬"),
        "单位可以与发明人约定，或在依法制定的规章制度中规定奖励、报酬的方式和数额；没有约定的按法定标准执行",
        "《专利法》第十五条",
        _LF,
    ),
    _Question(
        "申请高新技术企业认定，对知识产权有哪些要求？",
        (_USE,),
        (_P, _C),
        ("高新技术企业", "政策"),
        "须拥有对主要产品（服务）在技术上发挥核心支持作用的知识产权所有权，按类别和数量计分，建议提前规划申请",
        "《高新技术企业认定管理办法》",
    ),
    _Question(
        "用专利做质押贷款需要什么条件？",
        (_USE,),
        (_P,),
        ("质押融资",),
        "专利须有效且权属清晰，一般需经价值评估，银行审批后到国家知识产权局办理质押登记；符合条件的可申请贴息",
        "《专利权质押登记办法》",
    ),
    _Question(
        "我们合作社想申请地理标志证明商标，需要什么条件？",
        (_APP,),
        (_T,),
        ("地理标志", "证明商标"),
        "申请人应为对该地理标志具有监督能力的团体或协会，需提交地方政府的批准文件及产品特定品质与地理因素关系的说明",
        "《集体商标、证明商标注册和管理规定》",
        _TA,
    ),
    _Question(
        "离职员工把我们{product}的工艺资料带到了竞争对手那里，怎么维权？",
        (_DIS,),
        (_S,),
        ("商业秘密", "离职员工"),
        "需证明信息不为公众所知悉、具有商业价值并已采取保密措施，尽快固定证据，可向市场监管部门投诉或起诉",
        "《反不正当竞争法》商业秘密条款",
        _LF,
    ),
    _Question(
        "收到了别人的专利侵权警告函，我们该怎么应对？",
        (_DIS,),
        (_P,),
        ("侵权警告", "应诉"),
        "先核实对方专利的法律状态并做技术比对，必要时考虑现有技术抗辩或请求宣告专利无效，不要贸然停产或赔偿",
        "《专利法》第四十五条、第六十七条",
        _PA,
    ),
    _Question(
        "{product}的包装能申请外观设计专利吗？",
        (_APP,),
        (_P,),
        ("外观设计", "包装"),
        "产品包装的形状、图案及其结合可以申请外观设计专利，提交申请前不要公开销售，以免丧失新颖性",
        "《专利法》第二条、第二十三条",
        _PA,
    ),
    _Question(
        "{product}准备出口，怎么申请国外专利？PCT流程是什么？",
        (_APP,),
        (_P,),
        ("PCT", "海外布局"),
        "首次申请后十二个月内可要求优先权提交PCT国际申请，自优先权日起三十个月内进入目标国家阶段；省市对PCT申请有资助",
        "《专利合作条约》",
        _PA,
    ),
    _Question(
        "企业积累的数据可以申请数据知识产权登记吗？要准备什么材料？",
        (_APP,),
        (_D,),
        ("数据知识产权", "登记"),
        "经过一定规则处理、具有实用价值和智力成果属性的数据可以申请登记，需提交数据来源合法性说明、数据样例和存证证明",
    ),
    _Question(
        "商标注册后一直没用，会被撤销吗？",
        (_PRO,),
        (_T,),
        ("连续三年不使用", "商标使用"),
        "注册商标没有正当理由连续三年不使用的，任何单位或个人都可以申请撤销，建议留存使用证据",
        "《商标法》第四十九条",
    ),
    _Question(
        "和高校合作开发的技术，专利申请权归谁？",
        (_USE,),
        (_P,),
        ("合作开发", "权属"),
        "有约定的从约定；没有约定的，申请专利的权利属于完成或者共同完成的当事人",
        "《民法典》第八百六十条",
        _LF,
    ),
    _Question(
        "我们的商标被别人在第{cls}类抢注了，还能拿回来吗？",
        (_PRO, _DIS),
        (_T,),
        ("商标抢注", "无效宣告"),
        "自商标注册之日起五年内，在先使用并有一定影响的可以请求宣告无效，恶意注册的不受五年限制，需准备使用证据",
        "《商标法》第三十二条、第四十五条",
        _TA,
    ),
    _Question(
        "申请专利有费用减缴吗？个人能减缴多少？",
        (_APP,),
        (_P,),
        ("费用减缴",),
        "符合条件的个人、小微企业、高校等可以请求减缴申请费、年费等，个人或单位单独申请的可减缴百分之八十五",
        "《专利收费减缴办法》",
    ),
    _Question(
        "西宁市对企业获得发明专利授权有奖励吗？",
        (_APP, _USE),
        (_P,),
        ("资助奖励", "政策"),
        "可关注西宁市知识产权资助奖励政策，按年度申报，具体条件以当年申报通知为准；可订阅我们的政策汇编推送",
    ),
    _Question(
        "知识产权侵权纠纷的诉讼时效是多久？",
        (_DIS,),
        (),
        ("诉讼时效",),
        "诉讼时效为三年，自权利人知道或者应当知道权利受到损害以及义务人之日起计算",
        "《民法典》第一百八十八条",
        _LF,
    ),
    _Question(
        "网店的{product}商品图片被同行盗用，怎么向平台投诉？",
        (_PRO,),
        (_C,),
        ("电商投诉", "图片盗用"),
        "准备权属证明（原图、作品登记证书）和侵权链接，通过平台知识产权保护系统提交通知，平台应当及时采取必要措施",
        "《电子商务法》第四十二条",
    ),
    _Question(
        "个体工商户可以用个人名义申请商标吗？",
        (_APP,),
        (_T,),
        ("商标注册", "个体工商户"),
        "个体工商户可以以营业执照上登记的经营者名义提出申请，需提交营业执照副本",
        "《商标法》第四条",
        _TA,
    ),
    _Question(
        "专利转让要办哪些手续？什么时候生效？",
        (_USE,),
        (_P,),
        ("专利转让", "登记"),
        "双方订立书面合同后向国家知识产权局登记，专利权的转让自登记之日起生效",
        "《专利法》第十条",
        _PA,
    ),
    _Question(
        "作品一定要登记才有著作权吗？{work}有必要登记吗？",
        (_PRO,),
        (_C,),
        ("作品登记", "权属"),
        "著作权自作品创作完成之日起产生，登记不是取得著作权的前提，但登记证书是有力的权属初步证据",
        "《著作权法》第二条",
    ),
    _Question(
        "集成电路布图设计怎么申请登记保护？",
        (_APP,),
        (_L,),
        ("布图设计", "登记"),
        "向国家知识产权局提交登记申请表和布图设计的复制件或者图样，已投入商业利用的还需提交样品，保护期十年",
        "《集成电路布图设计保护条例》",
        _PA,
    ),
    _Question(
        "我们的企业名称和别人的注册商标一样，会不会侵权？",
        (_DIS,),
        (_T,),
        ("企业字号", "商标侵权"),
        "将与他人注册商标相同或近似的文字作为企业字号突出使用、容易使公众混淆的，可能构成商标侵权或不正当竞争",
        "《商标法》第五十八条",
        _LF,
    ),
)
REFERRAL_REASONS: dict[ConsultAgency, tuple[str, ...]] = {
    _PA: ("需代为撰写并提交专利申请文件", "需做专利稳定性分析", "需代为提交无效宣告请求"),
    _TA: ("需代为提交商标注册申请", "需代为提交无效宣告请求", "需办理商标变更、续展手续"),
    _LF: ("需出具法律意见并代理诉讼", "需起草合同条款和内部制度", "需代为发送律师函"),
    _OA: ("需办理作品著作权登记", "需做知识产权价值评估"),
}
WORKS = ("产品宣传图片", "包装设计图", "宣传短视频")

# 5.1.2: (title, level, kind, issuer)
POLICIES: tuple[tuple[str, PolicyLevel, PolicyKind, str], ...] = (
    ("知识产权强国建设纲要（2021—2035年）", PolicyLevel.NATIONAL, PolicyKind.SUPPORT, "中共中央、国务院"),
    ("“十四五”国家知识产权保护和运用规划", PolicyLevel.NATIONAL, PolicyKind.SUPPORT, "国务院"),
    ("专利转化运用专项行动方案（2023—2025年）", PolicyLevel.NATIONAL, PolicyKind.SUPPORT, "国务院办公厅"),
    (
        "国家知识产权优势企业和示范企业培育工作方案",
        PolicyLevel.NATIONAL,
        PolicyKind.PILOT_APPLICATION,
        "国家知识产权局",
    ),
    ("知识产权质押融资入园惠企行动方案", PolicyLevel.NATIONAL, PolicyKind.SUPPORT, "国家知识产权局"),
    ("青海省知识产权专项资金管理办法", PolicyLevel.QINGHAI, PolicyKind.SUPPORT, "青海省财政厅、青海省知识产权局"),
    ("青海省专利奖评奖办法", PolicyLevel.QINGHAI, PolicyKind.REWARD, PROVINCIAL_OFFICE),
    ("青海省知识产权质押融资风险补偿资金管理办法", PolicyLevel.QINGHAI, PolicyKind.SUPPORT, PROVINCIAL_OFFICE),
    ("青海省高价值专利培育工程实施方案", PolicyLevel.QINGHAI, PolicyKind.PILOT_APPLICATION, PROVINCIAL_OFFICE),
    ("西宁市知识产权资助奖励办法", PolicyLevel.XINING, PolicyKind.REWARD, MARKET_REGULATOR),
    ("西宁市知识产权示范企业认定管理办法", PolicyLevel.XINING, PolicyKind.PILOT_APPLICATION, MARKET_REGULATOR),
    ("西宁市专利导航项目申报指南", PolicyLevel.XINING, PolicyKind.PILOT_APPLICATION, MARKET_REGULATOR),
    ("西宁市知识产权质押融资贴息补助实施细则", PolicyLevel.XINING, PolicyKind.SUPPORT, MARKET_REGULATOR),
)
POLICY_INDUSTRY_NAMES: dict[PolicyIndustry, str] = {
    PolicyIndustry.PV_LITHIUM: "光伏锂电",
    PolicyIndustry.BIOMEDICINE: "生物医药",
    PolicyIndustry.GREEN_COMPUTING: "绿色算力",
    PolicyIndustry.SALT_LAKE_CHEMICALS: "盐湖化工",
    PolicyIndustry.NEW_MATERIALS: "新材料",
    PolicyIndustry.PLATEAU_AGRICULTURE: "高原特色农牧",
    PolicyIndustry.OTHER: "文化旅游",
}
INDUSTRY_POLICIES: dict[PolicyIndustry, tuple[str, ...]] = {
    PolicyIndustry.PV_LITHIUM: ("青海省光伏制造业高质量发展实施方案", "青海省锂电产业链高质量发展行动方案"),
    PolicyIndustry.SALT_LAKE_CHEMICALS: (
        "青海省世界级盐湖产业基地建设行动方案",
        "盐湖资源综合利用产业知识产权保护指引",
    ),
    PolicyIndustry.BIOMEDICINE: ("青海省中藏药产业高质量发展实施意见", "西宁市生物医药产业发展扶持办法"),
    PolicyIndustry.GREEN_COMPUTING: ("青海省绿色算力产业发展规划", "西宁市数据要素市场化配置改革实施方案"),
    PolicyIndustry.PLATEAU_AGRICULTURE: (
        "青海省绿色有机农畜产品输出地建设行动方案",
        "西宁市地理标志运用促进工程实施方案",
    ),
    PolicyIndustry.NEW_MATERIALS: ("青海省新材料产业高质量发展实施方案",),
    PolicyIndustry.OTHER: ("青海省文化和旅游产业知识产权保护工作方案",),
}
POLICY_CHANGES: dict[PolicyIndustry, str] = {
    PolicyIndustry.PV_LITHIUM: "新增锂电池回收利用专利奖励条款",
    PolicyIndustry.GREEN_COMPUTING: "新增数据知识产权登记补贴",
    PolicyIndustry.PLATEAU_AGRICULTURE: "新增地理标志运用促进项目",
    PolicyIndustry.SALT_LAKE_CHEMICALS: "调整盐湖资源综合利用专利导航项目申报条件",
    PolicyIndustry.BIOMEDICINE: "提高中藏药发明专利授权资助标准",
}
# (project, level, authority, materials)
PROJECTS: tuple[tuple[str, PolicyLevel, str, tuple[str, ...]], ...] = (
    (
        "{year}年度西宁市知识产权示范企业认定",
        PolicyLevel.XINING,
        MARKET_REGULATOR,
        ("申报书", "知识产权管理制度文件", "近三年专利清单", "营业执照复印件"),
    ),
    (
        "{year}年度国家知识产权优势企业申报",
        PolicyLevel.NATIONAL,
        "国家知识产权局（经青海省知识产权局推荐）",
        ("申报书", "知识产权工作情况报告", "有效专利清单", "研发投入证明"),
    ),
    (
        "{year}年度青海省专利奖申报",
        PolicyLevel.QINGHAI,
        PROVINCIAL_OFFICE,
        ("专利奖申报书", "专利证书复印件", "经济效益证明"),
    ),
    (
        "{year}年度西宁市专利转化专项资助",
        PolicyLevel.XINING,
        MARKET_REGULATOR,
        ("资助申请表", "专利实施许可合同", "技术合同登记证明"),
    ),
    (
        "{year}年度知识产权质押融资贴息",
        PolicyLevel.XINING,
        MARKET_REGULATOR,
        ("贴息申请表", "借款合同", "质押登记通知书", "利息支付凭证"),
    ),
    (
        "{year}年度青海省高价值专利培育项目",
        PolicyLevel.QINGHAI,
        PROVINCIAL_OFFICE,
        ("项目申报书", "专利组合清单", "培育实施方案"),
    ),
)

# 5.1.3
RULE_DOCUMENTS: dict[RuleSystem, tuple[str, ...]] = {
    RuleSystem.IP_PROTECTION: (
        "《知识产权管理办法》",
        "《新产品上市前知识产权风险排查制度》",
        "《职务发明奖励报酬办法》",
    ),
    RuleSystem.CONFIDENTIALITY: (
        "《技术秘密保密管理规定》",
        "《研发人员保密与竞业限制协议》",
        "《涉密资料分级管理办法》",
    ),
    RuleSystem.COMPLIANCE: ("《合同知识产权条款审查流程》", "《对外合作知识产权合规指引》"),
}
RULE_GAPS = (
    "研发人员离职未签竞业限制协议",
    "技术资料未分级管理，涉密文件可随意拷贝",
    "对外合作合同未约定成果归属",
    "未建立新产品上市前的侵权风险排查流程",
    "商标使用不规范，存在被撤销的风险",
)
RISK_TRAINING_TOPICS = (
    "研发过程中的专利侵权风险识别",
    "商业秘密保护与员工保密管理",
    "产品出口前的海外知识产权风险排查",
    "商标规范使用与品牌风险防控",
)

# 5.1.10
TRAINING_QUESTIONS = (
    "软件著作权登记需要多长时间",
    "职务发明的奖励报酬怎么约定",
    "商标续展有没有宽展期",
    "专利申请被驳回后怎么办",
    "专利质押贷款的利息能否补贴",
    "PCT申请的费用大约多少",
)
TRAINING_NEEDS = ("高价值专利培育", "专利质押融资", "海外知识产权风险防控", "商标品牌建设", "专利检索实操")
TRAINING_COMMENTS = ("案例讲解实用", "希望增加实操环节", "课件可以提前发放", "时间安排合理", "希望多组织此类培训")

# 5.1.11 (occasion, month, day, exhibition)
OCCASION_DATES: tuple[tuple[KeyOccasion, int, int, str | None], ...] = (
    (KeyOccasion.IP_WEEK, 4, 26, None),
    (KeyOccasion.CHINA_BRAND_DAY, 5, 10, None),
    (KeyOccasion.MAJOR_EXHIBITION, 6, 12, "中国（青海）藏毯国际展览会"),
    (KeyOccasion.MAJOR_EXHIBITION, 7, 6, "中国·青海绿色发展投资贸易洽谈会"),
    (KeyOccasion.PATENT_WEEK, 9, 16, None),
    (KeyOccasion.MASS_INNOVATION_WEEK, 10, 20, None),
)
PUBLICITY_THEMES: dict[KeyOccasion, tuple[str, ...]] = {
    KeyOccasion.IP_WEEK: ("全面加强知识产权保护 激发全社会创新活力", "知识产权保护 你我共同参与"),
    KeyOccasion.CHINA_BRAND_DAY: ("中国品牌 世界共享", "培育高原特色品牌 讲好青海品牌故事"),
    KeyOccasion.MAJOR_EXHIBITION: ("保护知识产权 护航绿色发展", "展会知识产权保护 让创新者安心参展"),
    KeyOccasion.PATENT_WEEK: ("专利转化运用 赋能高质量发展",),
    KeyOccasion.MASS_INNOVATION_WEEK: ("创新创业 知识产权先行",),
}
CAMPAIGN_VENUES = ("西宁市中心广场", "力盟商业巷步行街", "西宁市海湖新区万达广场", "青海国际会展中心", "{client}")
DAILY_TITLES: dict[DailyTopic, tuple[str, ...]] = {
    DailyTopic.LAWS: ("一图读懂新修订的《专利法实施细则》", "《商标法》中的恶意注册规制", "商业秘密保护的五个误区"),
    DailyTopic.POLICY: ("西宁市知识产权资助奖励政策问答", "专利质押融资贴息怎么申请", "数据知识产权登记政策解读"),
    DailyTopic.HOT_NEWS: ("我省新增一批国家知识产权优势企业", "青海首单数据知识产权质押融资落地"),
    DailyTopic.KNOWLEDGE: ("商标注册常见问题", "如何识别商标侵权", "软件著作权登记小贴士", "地理标志产品知多少"),
    DailyTopic.TYPICAL_CASES: ("牦牛肉干商标侵权纠纷调解案", "藏毯图案著作权纠纷典型案例"),
}
REPORT_OUTLETS = ("西宁晚报", "青海日报", "“西宁知识产权”微信公众号", "西宁市人民政府网站", "青海广播电视台")

# 5.1.12
COMPLIANCE_FINDINGS = (
    "未设专职知识产权岗位，职务发明奖酬制度缺失，技术合同未约定成果归属",
    "已有知识产权管理制度但执行不到位，研发记录不完整",
    "商业秘密保护措施薄弱，员工保密协议覆盖不全",
    "对外合作及采购合同缺少知识产权条款，存在权属和侵权风险",
    "海外销售产品未做专利和商标风险排查",
)
COMPLIANCE_DIFFICULTIES = (
    "缺少熟悉知识产权管理的专职人员",
    "研发记录不规范，难以证明技术来源",
    "管理层对合规投入的认识不足",
    "制度与业务流程脱节，执行难以落地",
    "缺少合同知识产权条款审查能力",
)
COMPLIANCE_MEASURES = (
    "制定知识产权管理手册",
    "设立知识产权专员岗位",
    "规范研发记录与技术合同审查",
    "推行电子研发记录本",
    "签订全员保密协议，核心人员签订竞业限制协议",
    "建立新产品上市前风险排查流程",
    "开展全员知识产权合规培训",
)
COMPLIANCE_STANDARD = "GB/T 29490-2023 企业知识产权合规管理体系 要求"

# 5.1.13: the financial institutions of each kind of financing, and the products they offer
FINANCE_PRODUCTS: dict[FinanceKind, tuple[tuple[str, ...], tuple[str, ...]]] = {
    FinanceKind.CREDIT: (BANKS, ("知识产权质押贷款", "科技型企业信用贷款")),
    FinanceKind.GUARANTEE: (GUARANTORS, ("知识产权质押融资担保",)),
    FinanceKind.INSURANCE: (INSURERS, ("专利执行保险", "知识产权海外侵权责任保险", "专利被侵权损失保险")),
    FinanceKind.INVESTMENT: (INVESTORS, ("科技成果转化股权投资",)),
    FinanceKind.SECURITIES: (SECURITIES_FIRMS, ("知识产权证券化产品",)),
}
FINANCE_PURPOSES = ("生产线扩建", "新产品研发", "补充流动资金", "技术改造", "购置检测设备")

# 5.2.2
CHAIN_SEGMENTS: dict[KeyIndustry, tuple[str, ...]] = {
    KeyIndustry.PHOTOVOLTAIC: ("单晶硅棒与硅片制造", "高效电池片", "光伏组件封装"),
    KeyIndustry.LITHIUM_BATTERY: ("盐湖卤水提锂与电池级碳酸锂精制", "正极材料", "储能电池系统"),
    KeyIndustry.SALT_LAKE_CHEMICALS: ("钾肥生产", "镁资源综合利用", "硼锂伴生资源提取"),
    KeyIndustry.BIOMEDICINE: ("中藏药制剂", "高原特色生物资源提取"),
    KeyIndustry.GREEN_COMPUTING: ("数据中心基础设施", "算力调度与云服务"),
    KeyIndustry.PLATEAU_AGRICULTURE: ("牦牛乳肉精深加工", "枸杞与青稞深加工", "青稞酒酿造"),
    KeyIndustry.ECO_TOURISM: ("藏毯与民族文创产品", "文旅融合产品"),
}
SEP_STANDARDS: dict[KeyIndustry, tuple[str, ...]] = {
    KeyIndustry.LITHIUM_BATTERY: (
        "GB/T 36276 电力储能用锂离子电池",
        "GB/T 34131 电化学储能电站用锂离子电池管理系统技术规范",
    ),
    KeyIndustry.GREEN_COMPUTING: ("5G NR（3GPP TS 38 系列）",),
}

# 5.2.4
PLACE_TOPICS: dict[FourPlace, tuple[str, ...]] = {
    FourPlace.SALT_LAKE_INDUSTRY: ("盐湖提锂专利技术脉络", "盐湖镁资源综合利用专利分析", "化工工艺类专利撰写要点"),
    FourPlace.CLEAN_ENERGY: ("光伏与储能技术专利态势", "绿电与算力融合的知识产权问题", "新能源装备出口专利风险"),
    FourPlace.ECO_TOURISM: ("文旅产品著作权与商标保护", "非物质文化遗产的知识产权保护", "民族手工艺外观设计保护"),
    FourPlace.GREEN_ORGANIC_PRODUCE: ("地理标志保护与运用", "农产品区域公用品牌建设", "绿色有机农畜产品商标布局"),
}
PLACE_NEEDS: dict[FourPlace, tuple[str, ...]] = {
    FourPlace.SALT_LAKE_INDUSTRY: ("新工艺专利挖掘", "技术秘密保护", "海外专利布局"),
    FourPlace.CLEAN_ENERGY: ("核心设备专利布局", "出口产品风险排查", "标准与专利融合"),
    FourPlace.ECO_TOURISM: ("文创产品版权登记", "民族图案外观设计保护", "旅游品牌商标注册"),
    FourPlace.GREEN_ORGANIC_PRODUCE: ("地理标志专用标志使用", "区域品牌商标注册", "产品包装外观设计"),
}

# 5.1.1 Qinghai characteristic industries: what a client of each sector asks for
INDUSTRY_NEEDS: dict[str, tuple[str, ...]] = {
    "高原农牧": ("希望申请使用地理标志专用标志并规范包装标注", "高原特色农产品商标注册和品牌培育"),
    "牦牛产品": ("牦牛乳制品商标品牌培育和地理标志运用", "牦牛肉干包装外观设计和商标布局"),
    "藏毯文创": ("藏毯传统图案的著作权登记与外观设计保护", "唐卡及民族手工艺品的版权保护"),
    "青稞酒": ("青稞酒老字号商标保护和包装外观设计布局",),
    "生物医药": ("藏药传统配方的技术秘密保护和专利布局", "藏药企业商标与地理标志运用"),
}

# 7.1 and 7.2: what a low evaluation says, and what is done about it
_SEARCHING = frozenset({"info_search", "info_analysis", "risk_prevention"})
_REFERRING = frozenset({"application_guidance", "consultation", "risk_prevention", "four_places", "ip_finance"})
# A low score's comment, and the service types it can be about (None: any).
LOW_COMMENTS: dict[Indicator, tuple[tuple[str, frozenset[str] | None], ...]] = {
    Indicator.PROFESSIONAL_LEVEL: (
        ("工作人员对问题解答不够专业，答非所问", None),
        ("给出的意见过于笼统，没有针对我们的实际情况", None),
        ("检索报告过于简单，没有结论性意见", _SEARCHING),
        ("讲师对实务问题讲得不透", frozenset({"training"})),
    ),
    Indicator.ATTITUDE: (
        ("电话多次无人接听，接通后态度生硬", None),
        ("工作人员不耐烦，解释问题敷衍", None),
        ("调解过程中对我方态度冷淡", frozenset({"dispute_guidance", "rights_assistance"})),
    ),
    Indicator.CONTENT: (
        ("提供的材料清单不完整，来回跑了三次", None),
        ("培训内容偏理论，实用性不强", frozenset({"training"})),
        ("推荐的机构与我们的需求不匹配", _REFERRING),
        ("宣传内容与我们关心的问题关系不大", frozenset({"publicity", "policy_promotion"})),
    ),
    Indicator.QUALITY: (
        ("回复时间太长，等了一周多才有人联系", None),
        ("承诺的跟进没有兑现，一直没有下文", None),
        ("对接的金融机构审批慢，服务不到位", frozenset({"ip_finance"})),
    ),
    Indicator.SATISFACTION: (("问题最终没有得到解决，整体不满意", None), ("办理流程不清楚，体验较差", None)),
}
GOOD_COMMENTS = (
    "工作人员很专业，解答耐心细致",
    "响应及时，帮了大忙",
    "服务周到，流程清楚",
    "专家意见很有针对性",
    "希望以后多开展类似服务",
)
MEASURES: dict[Indicator, tuple[tuple[tuple[str, ...], str], ...]] = {
    Indicator.PROFESSIONAL_LEVEL: (
        (
            ("组织咨询人员开展商标、专利法律实务专题培训", "建立疑难问题专家会商机制"),
            "两周内完成专题培训，月底前上线会商流程",
        ),
        (("检索分析报告增加结论与建议章节", "报告出具前由专职人员复核"), "修订报告模板并试行一个月"),
    ),
    Indicator.ATTITUDE: (
        (("开展服务规范与沟通技巧培训", "将服务态度纳入月度考核"), "本月内完成全员培训，次月起纳入考核"),
        (("公布服务监督电话", "落实首问负责制"), "即日起执行，月底检查落实情况"),
    ),
    Indicator.CONTENT: (
        (("修订服务指南和一次性告知清单", "在网站和服务窗口公开办事材料清单"), "三周内完成修订并公开"),
        (("建立代理机构服务评价与动态调整机制",), "一个月内完成首轮评价"),
    ),
    Indicator.QUALITY: (
        (("建立办理时限提醒机制", "对超期未回复事项实行督办"), "两周内上线时限提醒，每周通报超期事项"),
        (("回访承诺事项纳入跟进台账", "每周检查台账落实情况"), "即日起执行"),
    ),
    Indicator.SATISFACTION: (
        (("对未解决事项重新会商并制定跟进方案", "由中心负责人牵头回访"), "十个工作日内完成会商和回访"),
    ),
}
DISMISS_REASONS = (
    "经回访核实，低分系当事人对纠纷处理结果不满，非服务本身问题，已做好解释工作",
    "经回访，当事人误将其他机构的服务评价至本案，当事人已确认",
)

# 6: the registries
STAFF_DUTIES: dict[InstitutionKind, str] = {
    _PC: "专利快速预审、快速维权与纠纷调解",
    _AC: "维权援助受理、纠纷调解与跟踪回访",
    _UC: "专利信息检索分析与科技成果转化服务",
    _TISC: "专利检索、技术创新支持与知识产权培训",
    _WS: "政策宣传、业务咨询与申请引导",
}
# (topic, provider, hours); {inst} is the staff member's institution
STAFF_TRAININGS: dict[TrainingKind, tuple[tuple[str, str, float], ...]] = {
    TrainingKind.PRE_JOB: (("知识产权公共服务岗前培训", PROVINCIAL_OFFICE, 24), ("新入职人员岗前培训", "{inst}", 16)),
    TrainingKind.CAPACITY: (
        ("全省知识产权维权援助业务能力提升培训", PROVINCIAL_OFFICE, 16),
        ("专利检索与分析实务培训", "青海大学国家知识产权信息服务中心", 12),
        ("知识产权纠纷调解员能力提升培训", MEDIATION_COMMITTEE, 8),
    ),
    TrainingKind.EXCHANGE: (
        ("甘青两省知识产权保护中心业务交流会", "甘肃省知识产权保护中心", 6),
        ("西宁市知识产权公共服务网点经验交流会", MARKET_REGULATOR, 4),
    ),
    TrainingKind.HEARING_OBSERVATION: (
        ("旁听专利侵权纠纷案件庭审", "西宁市中级人民法院", 3),
        ("旁听商标侵权纠纷案件庭审", "西宁市中级人民法院", 3),
    ),
    TrainingKind.STUDY: (
        ("新修订《专利法实施细则》专题学习", "{inst}", 3),
        ("商标恶意注册规制专题学习", "{inst}", 2),
        ("《知识产权强国建设纲要（2021—2035年）》学习", "{inst}", 2),
    ),
}
# (title, category, content, tags, source, ip_types, published)
KNOWLEDGE: tuple[tuple[str, KnowledgeCategory, str, tuple[str, ...], str, tuple[IpType, ...], date | None], ...] = (
    (
        "中华人民共和国专利法（2020年修正）",
        KnowledgeCategory.LAW,
        "2020年10月17日第十三届全国人民代表大会常务委员会第二十二次会议修正，自2021年6月1日起施行",
        ("专利", "法律"),
        "全国人民代表大会常务委员会",
        (_P,),
        date(2020, 10, 17),
    ),
    (
        "中华人民共和国商标法（2019年修正）",
        KnowledgeCategory.LAW,
        "2019年4月23日修正，自2019年11月1日起施行，加大对恶意注册和侵权行为的规制",
        ("商标", "法律"),
        "全国人民代表大会常务委员会",
        (_T,),
        date(2019, 4, 23),
    ),
    (
        "中华人民共和国著作权法（2020年修正）",
        KnowledgeCategory.LAW,
        "2020年11月11日修正，自2021年6月1日起施行",
        ("著作权", "法律"),
        "全国人民代表大会常务委员会",
        (_C,),
        date(2020, 11, 11),
    ),
    (
        "中华人民共和国专利法实施细则（2023年修订）",
        KnowledgeCategory.LAW,
        "国务院修订公布，自2024年1月20日起施行",
        ("专利", "实施细则"),
        "国务院",
        (_P,),
        None,
    ),
    (
        "西宁市知识产权公共服务规范",
        KnowledgeCategory.STANDARD,
        "本市知识产权公共服务的服务内容、服务保障及服务评价与改进要求",
        ("服务规范",),
        MARKET_REGULATOR,
        (),
        None,
    ),
    (
        COMPLIANCE_STANDARD,
        KnowledgeCategory.STANDARD,
        "企业建立、实施、保持和改进知识产权合规管理体系的要求",
        ("合规管理", "国家标准"),
        "国家市场监督管理总局、国家标准化管理委员会",
        (_P, _T, _C, _S),
        None,
    ),
    (
        "专利申请办事指南",
        KnowledgeCategory.GUIDE,
        "专利申请的材料、费用、减缴条件和线上线下办理渠道",
        ("专利申请", "办事指南"),
        MARKET_REGULATOR,
        (_P,),
        None,
    ),
    (
        "商标注册办事指南",
        KnowledgeCategory.GUIDE,
        "商标注册申请的材料、类别选择、费用和审查流程",
        ("商标注册", "办事指南"),
        MARKET_REGULATOR,
        (_T,),
        None,
    ),
    (
        "专利权质押登记办事指南",
        KnowledgeCategory.GUIDE,
        "质押登记的申请材料、办理时限及贴息政策衔接",
        ("质押融资", "办事指南"),
        MARKET_REGULATOR,
        (_P,),
        None,
    ),
    (
        "保护中心专利快速预审服务指南",
        KnowledgeCategory.GUIDE,
        "备案条件、预审技术领域、提交方式与办理时限",
        ("快速预审",),
        "西宁市知识产权保护中心",
        (_P,),
        None,
    ),
    (
        "数据知识产权登记指引",
        KnowledgeCategory.GUIDE,
        "数据知识产权登记的对象、材料、公示与证书",
        ("数据知识产权", "登记"),
        "青海省数据知识产权登记服务中心",
        (_D,),
        None,
    ),
    (
        "业务咨询常见问题汇编（{year}年版）",
        KnowledgeCategory.FAQ,
        "咨询档案中的高频问题及答复口径：专利类型选择、商标近似判断、费用减缴、侵权应对等",
        ("常见问题",),
        MARKET_REGULATOR,
        (_P, _T, _C),
        None,
    ),
    (
        "西宁市锂电产业专利态势简报",
        KnowledgeCategory.INDUSTRY,
        "盐湖提锂、正极材料、储能电池等技术分支的专利申请趋势和主要申请人",
        ("锂电", "专利导航"),
        "西宁市知识产权保护中心",
        (_P,),
        None,
    ),
    (
        "西宁市光伏产业专利态势简报",
        KnowledgeCategory.INDUSTRY,
        "硅片、电池片、组件等环节的专利布局与风险提示",
        ("光伏", "专利导航"),
        "西宁市知识产权保护中心",
        (_P,),
        None,
    ),
    (
        "牦牛肉干商标侵权纠纷调解案",
        KnowledgeCategory.TYPICAL_CASE,
        "调解室快速调解，侵权方停止销售并赔偿，为同类农畜产品商标纠纷提供参考",
        ("商标", "调解", "典型案例"),
        "西宁市知识产权保护中心",
        (_T,),
        None,
    ),
)
OUTSIDE_BODIES: tuple[tuple[str, BodyKind], ...] = (
    *((name, BodyKind.LAW_FIRM) for name in LAW_FIRMS[:4]),
    *((name, BodyKind.NOTARY) for name in NOTARIES[:2]),
    (ARBITRATION_COMMISSION, BodyKind.ARBITRATION_COMMISSION),
    (MEDIATION_COMMITTEE, BodyKind.MEDIATION_COMMITTEE),
    *((name, BodyKind.IP_AGENCY) for name in (*PATENT_AGENCIES, TRADEMARK_AGENCIES[0])),
    *((name, BodyKind.VALUATION_INSTITUTION) for name, _ in VALUATION_FIRMS),
    *((name, BodyKind.FINANCIAL_INSTITUTION) for name in (BANKS[0], BANKS[1], GUARANTORS[0])),
    (MARKET_REGULATOR, BodyKind.PUBLIC_SERVICE_DEPARTMENT),
)
RETURN_VISIT_OUTCOMES = (
    ("已向当事人致歉并说明情况，当事人表示理解", True),
    ("当事人反映的问题已转业务部门整改，当事人对处理表示满意", True),
    ("已重新安排专人跟进，当事人同意继续观察", False),
    ("电话回访当事人，其仍对处理结果有意见，已记录并纳入整改", False),
)

# 5.1.5
APPLIED_TYPES = (IpType.PATENT, IpType.TRADEMARK, IpType.COPYRIGHT)
BASIC_TOPICS = ("知识产权基础知识", "专利申请基础知识", "商标注册流程", "著作权登记常识", "知识产权保护与维权")
APPLICATION_ADVICE: dict[IpType, tuple[str, ...]] = {
    IpType.PATENT: (
        "建议申请实用新型专利，同步提交发明专利",
        "建议先做查新检索，再确定申请发明还是实用新型",
        "核心工艺以技术秘密保护，外围结构申请专利",
    ),
    IpType.TRADEMARK: ("建议在核心类别及关联类别同时申请，避开近似商标", "建议文字与图形分开申请，申请前先做近似查询"),
    IpType.COPYRIGHT: ("建议办理著作权登记，保留创作底稿和过程文件", "建议办理软件著作权登记，保留源代码和开发文档"),
}
FILED_PROGRESS: dict[IpType, str] = {
    IpType.PATENT: "申请文件已定稿并提交国家知识产权局，已收到受理通知书",
    IpType.TRADEMARK: "商标注册申请已提交，已收到受理通知书",
    IpType.COPYRIGHT: "登记申请材料已提交，等待审查",
}

# 5.1.3
RISK_SUMMARIES: dict[RiskArea, str] = {
    RiskArea.INFRINGEMENT: "新产品上市前排查侵权风险",
    RiskArea.BEING_INFRINGED: "核心产品屡遭仿冒，希望建立防护措施",
    RiskArea.LEAKAGE: "核心技术人员流动频繁，加强商业秘密保护",
    RiskArea.OWNERSHIP: "拟开展合作研发，梳理成果权属风险",
    RiskArea.COMPLIANCE: "完善知识产权合规制度",
    RiskArea.OVERSEAS: "产品拟出口，排查海外知识产权风险",
}
RISK_OUTCOMES: dict[str, str] = {  # by the last thing done
    "risk_search_analysed": "企业已根据检索预警结果调整技术方案，风险可控",
    "rules_improved": "相关制度已修订发布，企业已组织全员学习",
    "risk_training_held": "培训已完成，管理人员和研发团队的风险意识明显提升",
    "referred_to_agency": "企业已委托专业机构跟进，风险可控",
}

# 5.1.8
SEARCH_PURPOSES: dict[IpType, tuple[tuple[SearchPurpose, float], ...]] = {
    IpType.PATENT: (
        (SearchPurpose.NOVELTY, 40),
        (SearchPurpose.PRIOR_ART, 20),
        (SearchPurpose.INFRINGEMENT_RISK, 15),
        (SearchPurpose.LEGAL_STATUS, 15),
        (SearchPurpose.OWNERSHIP, 5),
    ),
    IpType.TRADEMARK: ((SearchPurpose.TRADEMARK_CLEARANCE, 80), (SearchPurpose.LEGAL_STATUS, 20)),
    IpType.COPYRIGHT: ((SearchPurpose.OWNERSHIP, 60), (SearchPurpose.OTHER, 40)),
}
SEARCH_SUMMARIES: dict[SearchPurpose, str] = {
    SearchPurpose.NOVELTY: "拟申请发明专利，申请前查新",
    SearchPurpose.PRIOR_ART: "研发立项前了解现有技术",
    SearchPurpose.INFRINGEMENT_RISK: "新产品上市前的自由实施检索",
    SearchPurpose.LEGAL_STATUS: "核实专利法律状态",
    SearchPurpose.OWNERSHIP: "核实权利归属",
    SearchPurpose.TRADEMARK_CLEARANCE: "商标申请前近似查询",
    SearchPurpose.OTHER: "作品登记信息查询",
}
SEARCH_FINDINGS: dict[SearchPurpose, str] = {
    SearchPurpose.NOVELTY: "检出{n}篇相关文献，其中近似度较高的中国专利文献均未公开核心技术特征",
    SearchPurpose.PRIOR_ART: "梳理出{n}篇代表性现有技术文献",
    SearchPurpose.INFRINGEMENT_RISK: "检出{n}件相关有效专利，需逐一比对权利要求",
    SearchPurpose.LEGAL_STATUS: "查得审查、缴费及法律状态信息",
    SearchPurpose.OWNERSHIP: "查得{n}条相关登记信息",
    SearchPurpose.TRADEMARK_CLEARANCE: "检出{n}件相同或近似在先商标",
    SearchPurpose.OTHER: "查得{n}条作品登记信息",
}
SEARCH_CONCLUSIONS: dict[SearchPurpose, tuple[str, ...]] = {
    SearchPurpose.NOVELTY: (
        "未发现破坏新颖性的对比文件，建议围绕核心工艺撰写权利要求",
        "检出一篇影响创造性的对比文件，建议补充实验数据突出技术效果",
    ),
    SearchPurpose.PRIOR_ART: ("现有技术集中在工艺改进，设备结构方向仍有布局空间",),
    SearchPurpose.INFRINGEMENT_RISK: (
        "未发现明显侵权风险，建议上市后持续监控",
        "发现一件需重点关注的有效专利，建议规避设计",
    ),
    SearchPurpose.LEGAL_STATUS: ("该专利处于有效状态，年费已按期缴纳", "该专利因未缴年费已终止，可自由实施"),
    SearchPurpose.OWNERSHIP: ("权属清晰，未发现转让或质押记录",),
    SearchPurpose.TRADEMARK_CLEARANCE: (
        "未检索到相同或近似在先商标，可以申请",
        "存在近似在先商标，建议调整标识或变更指定商品",
    ),
    SearchPurpose.OTHER: ("登记信息与当事人提供的证书一致",),
}

# 5.1.9
PATENT_SCHEMES = (
    ClassificationScheme.IPC,
    ClassificationScheme.CPC,
    ClassificationScheme.INDUSTRY,
    ClassificationScheme.TECHNOLOGY_BRANCHES,
)
ANALYSIS_SUMMARIES: dict[AnalysisPurpose, str] = {
    AnalysisPurpose.TECHNOLOGY_TREND: "了解国内外技术发展趋势，确定研发方向",
    AnalysisPurpose.COMPETITOR: "分析主要竞争对手的专利布局",
    AnalysisPurpose.RD_DIRECTION: "研发立项前的专利分析",
    AnalysisPurpose.PORTFOLIO: "规划专利布局",
    AnalysisPurpose.RISK_WARNING: "产品出口前的专利风险预警",
    AnalysisPurpose.OTHER: "了解相关领域的知识产权信息",
}
ACQUISITION: dict[InfoCategory, dict[str, str]] = {
    InfoCategory.PATENT: {"how": "在专利检索及分析系统按IPC分类号与关键词组合检索", "platform": "cnipa_patent_search"},
    InfoCategory.LEGAL_STATUS: {
        "how": "通过中国及多国专利审查信息查询系统查看审查、缴费与失效信息",
        "platform": "cnipa_examination_status",
    },
    InfoCategory.LITERATURE: {"how": "在中国知网按主题词和作者机构检索科技文献"},
    InfoCategory.TRADEMARK: {"how": "在中国商标网按商标名称和类别查询", "platform": "china_trademark"},
    InfoCategory.JUDICIAL: {"how": "在中国裁判文书网按案由和当事人检索裁判文书", "platform": "china_judgments"},
    InfoCategory.TRANSACTION: {"how": "通过专利公布公告查询转让、许可和质押信息", "platform": "cnipa_publication"},
}
ANALYSIS_CONCLUSIONS = (
    "近五年{topic}相关申请量年均增长约{rate}%，省内申请人集中度低，核心专利多掌握在省外企业手中",
    "{topic}方向以工艺改进类专利为主，高价值发明专利占比不足两成",
    "主要竞争对手近三年在{topic}方向申请量增长{rate}%，布局重点转向海外",
)
ANALYSIS_ADVICE = (
    "建议重点布局{topic}相关的核心工艺与关键设备",
    "建议围绕{topic}开展专利挖掘，同步考虑PCT申请",
    "建议跟踪竞争对手在{topic}方向的新申请，必要时提出公众意见",
)

# 5.1.11
CAMPAIGN_ACTIVITIES = (
    "设立咨询台，发放宣传手册，现场解答商标注册与维权问题",
    "开展知识产权知识有奖问答，展示典型侵权案例和地理标志产品",
    "组织专家现场义诊，解答企业专利申请与保护问题",
    "设置知识产权保护展区，展示本地特色品牌和正品识别方法",
)
MATERIALS: tuple[tuple[MaterialKind, str, tuple[int, ...]], ...] = (
    (MaterialKind.BROCHURE, "知识产权保护知识手册", (500, 1000, 2000)),
    (MaterialKind.POSTER, "打击侵权假冒 保护知识产权", (20, 50, 100)),
    (MaterialKind.DISPLAY_BOARD, "知识产权公共服务事项展板", (4, 6, 10)),
    (MaterialKind.LEAFLET, "商标注册与使用三折页", (500, 1000)),
    (MaterialKind.VIDEO, "知识产权小课堂短视频", ()),
    (MaterialKind.ARTICLE, "如何识别商标侵权", ()),
    (MaterialKind.GIVEAWAY, "知识产权主题帆布袋", (200, 300, 500)),
)

# 5.1.12
COMPLIANCE_OBSERVATIONS: dict[RunningState, str] = {
    RunningState.RUNNING_WELL: "各项制度运行正常，研发记录和合同审查已常态化",
    RunningState.PARTLY_RUNNING: "管理手册已发布，部分制度尚未落实",
    RunningState.NOT_RUNNING: "制度已制定但未执行，专员岗位仍空缺",
}
COMPLIANCE_ISSUES = (
    "研发记录仍为纸质，未归档",
    "合同审查流程未覆盖采购合同",
    "保密协议签订率不足一半",
    "专员兼职过多，精力不足",
)
COMPLIANCE_ENDINGS: dict[EndReason, str] = {
    EndReason.SYSTEM_RUNNING: "合规管理体系稳定运行，转入年度回访",
    EndReason.CERTIFIED: "企业已通过知识产权合规管理体系认证",
    EndReason.CLIENT_DECLINED: "企业表示暂无继续跟进的需要，结束定期跟进",
    EndReason.CLIENT_GONE: "企业已迁出本市",
}

# 5.1.13
FINANCE_SERVICE = (
    "协助梳理拟质押专利清单，对接评估机构出具价值评估报告，银行客户经理上门尽调",
    "协助准备融资申请材料，讲解贴息和风险补偿政策",
    "组织银企座谈，解答企业对质押登记流程的疑问",
)

# 5.1.14
CONTRACT_NAMES: dict[ContractKind, str] = {
    ContractKind.ASSIGNMENT: "转让",
    ContractKind.EXCLUSIVE_LICENCE: "独占许可",
    ContractKind.SOLE_LICENCE: "排他许可",
    ContractKind.NON_EXCLUSIVE_LICENCE: "普通许可",
}
CONTRACT_ADVICE: dict[bool, tuple[str, str, str]] = {  # keyed by: is it an assignment
    False: (
        "建议采用入门费加销售额提成的支付方式，明确改进技术归属与保密义务",
        "补充违约责任和合同备案条款，约定许可期内专利年费由许可方缴纳",
        "明确许可范围和再许可限制，约定提成的核算与审计方式",
    ),
    True: (
        "提示转让自国家知识产权局登记之日起生效，约定登记前的实施权",
        "补充权利瑕疵担保条款，约定转让前已签许可合同的处理",
        "明确价款分期支付节点与登记手续的办理责任",
    ),
}

# 5.1.1
EVIDENCE_RESULTS = (
    "存证材料已提交平台投诉，侵权链接已下架",
    "已凭存证材料向对方发送律师函，对方已停止销售",
    "存证材料已作为证据提交法院",
)
QINGHAI_SERVICES: dict[IpType, tuple[str, str]] = {
    IpType.TRADEMARK: (
        "走访企业，梳理产品商标布局，指导准备地理标志专用标志使用申请材料",
        "协助制定商标使用管理规则，规范产品包装标注",
    ),
    IpType.COPYRIGHT: (
        "走访企业，梳理传统图案与设计作品，指导办理作品著作权登记",
        "协助建立图案设计档案，指导外观设计专利申请",
    ),
    IpType.PATENT: (
        "走访企业，梳理传统配方与工艺，区分专利保护和技术秘密保护",
        "协助制定技术秘密保护制度，指导核心工艺专利申请",
    ),
}
QINGHAI_RESULTS: dict[IpType, tuple[str, str]] = {
    IpType.TRADEMARK: ("商标和地理标志专用标志使用申请材料已提交", "商标注册申请已受理，包装标注已规范"),
    IpType.COPYRIGHT: ("已提交作品著作权登记申请", "作品登记证书已取得，外观设计申请已提交"),
    IpType.PATENT: ("核心工艺专利申请材料已准备完毕", "专利申请已提交，技术秘密保护制度已发布"),
}

# 5.2
INDUSTRY_STATES = (
    "{label}产能快速扩张，核心材料和关键设备依赖外购",
    "{label}企业数量多、规模小，专利以实用新型为主",
    "{label}龙头企业带动明显，中小企业创新能力不足",
)
INDUSTRY_PROBLEMS = (
    "企业专利以实用新型为主，海外布局空白，对竞争对手的专利壁垒了解不足",
    "高价值专利少，专利转化运用率低",
    "品牌意识薄弱，商标布局不全，存在被抢注风险",
)
INDUSTRY_WORK_NAMES = {
    "patent_database_built": "建成产业专利专题数据库",
    "courses_designed": "设计产业培训课程",
    "portfolio_planned": "制定专利布局规划",
    "high_value_patent_cultivated": "培育高价值专利",
    "sep_guidance_given": "开展标准必要专利指导",
    "brand_cultivation_guided": "指导商标品牌培育",
}
ENTERPRISE_NEEDS = (
    "新产品拟出口东南亚，需要海外专利风险排查和布局建议",
    "希望申报省级知识产权示范企业",
    "核心技术人员离职，需要加强商业秘密保护",
    "拟以专利质押融资扩建产线",
    "产品遭遇仿冒，需要维权支持",
)
POINT_SERVICES = (
    ("海外专利风险排查", "组织专家对目标市场相关专利进行检索分析，出具自由实施风险提示"),
    ("示范企业申报辅导", "指导完善知识产权管理制度和申报材料"),
    ("商业秘密保护", "协助梳理涉密信息清单，修订保密协议和竞业限制协议"),
    ("质押融资对接", "对接银行和评估机构，协助准备质押融资材料"),
    ("维权支持", "指导固定侵权证据，对接维权援助律师团"),
)
PLACE_MEASURES: dict[str, str] = {
    "新工艺专利挖掘": "组织专利挖掘会，形成专利申请提案",
    "技术秘密保护": "协助建立技术秘密保护制度",
    "海外专利布局": "对接代理机构制定海外专利布局方案",
    "核心设备专利布局": "围绕核心设备开展专利布局",
    "出口产品风险排查": "开展出口产品专利风险排查",
    "标准与专利融合": "指导参与标准制定并做好专利披露",
    "文创产品版权登记": "指导文创产品批量办理作品登记",
    "民族图案外观设计保护": "指导民族图案产品申请外观设计专利",
    "旅游品牌商标注册": "指导旅游品牌商标分类注册",
    "地理标志专用标志使用": "指导申请使用地理标志专用标志",
    "区域品牌商标注册": "协助区域公用品牌商标注册和使用管理",
    "产品包装外观设计": "指导产品包装申请外观设计专利",
}


# The load ---------------------------------------------------------------------------------------------


@dataclass
class _Right:
    """A right a client holds or has applied for; its status changes with time."""

    ip_type: IpType
    title: str
    application_no: str
    filed_on: date
    outcome: RightStatus = RightStatus.GRANTED  # what the examination decides: granted or rejected
    decided_on: date | None = None
    examining_on: date | None = None  # an invention enters substantive examination
    lapsed_on: date | None = None
    registration_no: str | None = None  # once granted

    @property
    def key(self) -> str:
        return ledger_key(self.application_no)

    def status_at(self, day: date) -> RightStatus:
        if self.lapsed_on is not None and day >= self.lapsed_on:
            return RightStatus.LAPSED
        if self.decided_on is not None and day >= self.decided_on:
            return self.outcome
        if self.examining_on is not None and day >= self.examining_on:
            return RightStatus.EXAMINING
        return RightStatus.FILED

    def granted_at(self, day: date) -> bool:
        return self.status_at(day) is RightStatus.GRANTED

    @property
    def number(self) -> str:
        """How the right is cited once granted (a patent by its ZL number)."""
        return self.registration_no or self.application_no


@dataclass
class _ClientPlan:
    profile: dict[str, Any]
    short: str  # how staff refer to the client in their notes
    sector: Sector
    weight: float  # how often this client comes back
    group: str  # person, enterprise, university, institute, cooperative
    brand: str
    size: EnterpriseSize | None = None
    designations: tuple[Designation, ...] = ()
    id: UUID | None = None
    registered_by: _Inst | None = None
    registered_at: datetime | None = None
    snapshot: dict[str, Any] = field(default_factory=dict)  # the profile as registered
    contact: str | None = None  # who speaks for an organisation
    rights: list[_Right] | None = None  # made when first needed
    ledger: set[str] = field(default_factory=set)  # keys of the rights in its IP ledger

    @property
    def organisation(self) -> bool:
        return self.group != "person"


@dataclass
class _Inst:
    id: UUID
    spec: _InstitutionSpec
    principal: Principal
    staff: list[str]
    mediators: list[str]
    registered_at: datetime
    full_time: int
    serials: Counter[str] = field(default_factory=Counter)


@dataclass
class _CasePlan:
    service_type: str
    institution: _Inst
    client: _ClientPlan
    opened_at: datetime
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Story:
    """What has happened in a dispute or assistance case so far, beyond its step codes."""

    ip_type: IpType
    opponent: str
    product: str
    route: Route | None = None
    mediation: MediationOutcome | None = None
    referred: ReferralTarget | None = None
    paths: list[str] = field(default_factory=list)  # litigation, arbitration, committee, notary...
    dispute_kind: DisputeKind = DisputeKind.INFRINGEMENT
    difficult: bool = False
    open_mediator: str | None = None  # who continues an adjourned mediation (5.1.7.b: one open mediation)


@dataclass
class _Run:
    """One case being lived through."""

    number: int
    plan: _CasePlan
    correlation: str
    at: datetime  # the moment of its latest act
    stall_after: int | None = None
    stalled: bool = False
    opened: ServiceCase | None = None
    respondents: list[str] = field(default_factory=list)  # who may evaluate it (7.1)
    evaluations: int = 0
    actions: list[CorrectiveAction] = field(default_factory=list)

    @property
    def case(self) -> ServiceCase:
        if self.opened is None:
            raise AssertionError("the case is not open yet")
        return self.opened

    @property
    def inst(self) -> _Inst:
        return self.plan.institution

    @property
    def client(self) -> _ClientPlan:
        return self.plan.client


# Gaps between a dispute or assistance step and the one before it, in hours (drawn log-uniformly).
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
_SCORES = (1, 2, 3, 4, 5)


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
        self.calendar = load_calendar()
        self.today = datetime.now(CST).replace(hour=0, minute=0, second=0, microsecond=0)
        self.start = self.today - timedelta(days=WINDOW_DAYS)
        self.used_names: set[str] = set()
        self.admin = Principal("demo-admin", Role.ADMIN, None)
        self.experts: list[_Expert] = []
        self.people: list[_ClientPlan] = []
        self.insts: list[_Inst] = []
        self.companions: dict[UUID, Aggregate] = {}
        self.queue: list[tuple[datetime, int, Process, _Run | None]] = []
        self.order = itertools.count()
        self.clock = self.start - timedelta(days=3 * WINDOW_DAYS)
        self.evaluations = 0
        self.low = 0
        self.action_count = 0
        self.registry_records = 0
        self.registry_refs = itertools.count(1)
        self.lives: dict[str, Callable[[_Run], Process]] = {
            "consultation": self._life_consultation,
            ASSISTANCE: self._life_assistance,
            DISPUTE: self._life_dispute,
            "application_guidance": self._life_application_guidance,
            "policy_promotion": self._life_policy_promotion,
            "risk_prevention": self._life_risk_prevention,
            "info_search": self._life_info_search,
            "info_analysis": self._life_info_analysis,
            "training": self._life_training,
            "publicity": self._life_publicity,
            "compliance_guidance": self._life_compliance_guidance,
            "ip_finance": self._life_ip_finance,
            "transfer_license": self._life_transfer_license,
            "fast_examination_liaison": self._life_fast_examination,
            "data_ip_registration": self._life_data_ip_registration,
            "electronic_evidence": self._life_electronic_evidence,
            "qinghai_industry_assistance": self._life_qinghai_industry,
            "key_industry": self._life_key_industry,
            "key_enterprise": self._life_key_enterprise,
            "four_places": self._life_four_places,
        }

    # The whole load --------------------------------------------------------------------------------

    def run(self, institutions: int, clients: int, cases: int) -> DemoSummary:
        self.insts = [self._register_institution(spec) for spec in self._institution_specs(institutions)]
        self.experts = [_Expert(self._fresh(self._person), spec) for spec in EXPERT_SPECS]
        if self.insts:
            self._register_registries()
        self.people = [self._plan_client() for _ in range(clients)]
        plans = self._plan_cases(cases)
        self._register_clients(plans)
        runs = [self._start_case(number, plan) for number, plan in enumerate(plans, start=1)]
        self._simulate()
        for run in runs:
            self._save(run.case, *run.actions)
            self._tick()
        if self.companions:
            self._save(*self.companions.values())
        return DemoSummary(
            institutions=len(self.insts),
            clients=len(self.people),
            cases=len(runs),
            events=self.events,
            evaluations=self.evaluations,
            low_evaluations=self.low,
            corrective_actions=self.action_count,
            registry_records=self.registry_records,
        )

    def _save(self, *aggregates: Aggregate) -> None:
        self.events += sum(len(a.pending_events) for a in aggregates)
        self.store.save(*aggregates)

    def _tick(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total)

    def _meta(self, who: Principal, at: datetime, correlation: str, causation: str) -> Provenance:
        return Provenance(
            actor=who.actor, now=datetime.now(UTC), effective_at=at, correlation_id=correlation, causation_id=causation
        )

    # The simulation: every process acts at its moment, the earliest first ----------------------------

    def _spawn(self, process: Process, owner: _Run | None = None) -> None:
        """Run `process` up to its first wait, and queue it for that moment (unless it is in the future)."""
        try:
            at = next(process)
        except StopIteration:
            return
        if at < self.clock:
            raise AssertionError(f"a process wants to act at {at}, before the simulated now ({self.clock})")
        if at >= self.today:
            process.close()  # its next act has not happened yet
            return
        heapq.heappush(self.queue, (at, next(self.order), process, owner))

    def _simulate(self) -> None:
        while self.queue:
            at, _, process, owner = heapq.heappop(self.queue)
            self.clock = at
            if owner is not None and owner.stalled:  # the client walked away: the case stays as it is
                process.close()
                continue
            self._spawn(process, owner)  # resumes it: it acts now, then waits for its next act

    def _after(self, moment: datetime, low: float, high: float) -> datetime:
        """Some hours after `moment` (log-uniformly between `low` and `high`), in office hours."""
        return self._office(moment + timedelta(hours=math.exp(self.rng.uniform(math.log(low), math.log(high)))))

    def _later(self, run: _Run, low: float, high: float) -> datetime:
        run.at = self._after(run.at, low, high)
        return run.at

    def _around(self, run: _Run, day: date, early: int = 3, late: int = 3) -> datetime:
        """A working moment near `day` (after the case's latest act): when something planned for `day` is done."""
        shifted = day + timedelta(days=self.rng.randint(-early, late))
        target = datetime.combine(shifted, time(), CST) + OFFICE_OPENS + timedelta(minutes=self.rng.uniform(0, 480))
        run.at = self._office(target) if target > run.at else self._after(run.at, 1, 48)
        return run.at

    def _day(self, moment: datetime) -> date:
        return moment.astimezone(CST).date()

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
        at = self._office(self.start - timedelta(days=self.rng.uniform(20, 60)))
        profile = {
            "name": spec.name,
            "kind": spec.kind.value,
            "district": spec.district,
            "address": spec.address,
            "phone": self._landline(),
        }
        result = self.commands.register_institution(
            self.admin,
            profile,
            self._meta(self.admin, at, f"demo-{self.seed}-setup", f"demo-{self.seed}-inst-{spec.short}"),
            None,
        )
        self.events += 1
        self._tick()
        staff = [self._fresh(self._person) for _ in range(self.rng.randint(3, 5))]
        mediators = staff[:2] + [f"{self._fresh(self._person)}（特邀调解员）" for _ in range(2)]
        principal = Principal(f"demo-{spec.short}", Role.STAFF, result.id)
        full_time = 1 if spec.kind is InstitutionKind.WORKSTATION else self.rng.randint(1, 2)
        return _Inst(result.id, spec, principal, staff, mediators, at, full_time)

    def _serial(self, inst: _Inst, series: str, year: int) -> int:
        inst.serials[f"{series}-{year}"] += 1
        return inst.serials[f"{series}-{year}"]

    def _number(self, inst: _Inst, series: str, at: datetime, width: int = 3) -> str:
        """An archive-style number of the institution: XNBH-JS-2026-017."""
        year = self._day(at).year
        return f"{inst.spec.archive_prefix}-{series}-{year}-{self._serial(inst, series, year):0{width}d}"

    def _inst_of_kind(self, kind: InstitutionKind) -> _Inst | None:
        found = [i for i in self.insts if i.spec.kind is kind]
        return found[0] if found else None

    # The registries of clause 6 --------------------------------------------------------------------

    def _register_registries(self) -> None:
        records = [
            self._staff_record(inst, name, full_time=n < inst.full_time)
            for inst in self.insts
            for n, name in enumerate(inst.staff)
        ]
        for expert in self.experts:
            records.append(self._city_record(RegistryKind.EXPERTS, self._expert_profile(expert)))
        for profile in self._knowledge():
            records.append(self._city_record(RegistryKind.KNOWLEDGE, profile))
        for name, body_kind in OUTSIDE_BODIES:
            district = self.rng.choices(list(DISTRICTS), DISTRICT_WEIGHTS)[0]
            profile = {
                "name": name,
                "body_kind": body_kind.value,
                "district": district,
                "contact": self._landline(),
                "address": f"西宁市{district}{self.rng.choice(STREETS)}{self.rng.randint(1, 200)}号",
            }
            records.append(self._city_record(RegistryKind.OUTSIDE_BODIES, profile))
        self.registry_records = len(records)
        self._save(*records)

    def _registry_ref(self) -> str:
        return f"demo-{self.seed}-registry-{next(self.registry_refs):03d}"

    def _city_record(self, kind: RegistryKind, profile: dict[str, Any]) -> RegistryRecord:
        """A city-wide record, registered by the administrator while the system was set up."""
        at = self._office(self.start - timedelta(days=self.rng.uniform(3, 18)))
        ref = self._registry_ref()
        return RegistryRecord.register(kind.value, None, profile, self._meta(self.admin, at, ref, ref))

    def _staff_record(self, inst: _Inst, name: str, *, full_time: bool) -> RegistryRecord:
        """6.1.1-6.1.3: a staff member, with the trainings taken (the pre-job one, and some this past year)."""
        rng = self.rng
        at = self._office(inst.registered_at + timedelta(days=rng.uniform(1, 10)))
        joined = self._day(at) - timedelta(days=rng.randint(1, 10 if full_time else 5) * 365 + rng.randint(0, 300))
        education = rng.choices(list(Education), (5, 50, 40, 5) if full_time else (30, 55, 15, 0))[0]
        background = rng.choices(list(Background), (40, 45, 15) if full_time else (35, 25, 40))[0]
        certificates = []
        if rng.random() < (0.5 if full_time else 0.15):
            certificates.append("专利代理师资格证")
        if background is Background.LEGAL and rng.random() < 0.6:
            certificates.append("法律职业资格证书")
        if rng.random() < 0.3:
            certificates.append("知识产权师（中级）")
        head = full_time and name == inst.staff[0]
        profile = {
            "name": name,
            "employment": (Employment.FULL_TIME if full_time else Employment.PART_TIME).value,
            "education": education.value,
            "background": background.value,
            "duties": STAFF_DUTIES[inst.spec.kind] if full_time else "兼职咨询解答、政策宣传与回访",
            "certificates": certificates,
            "position": "负责人" if head else "专职服务专员" if full_time else "兼职服务专员",
            "phone": self._landline(),
            "joined_on": joined.isoformat(),
        }
        ref = self._registry_ref()
        record = RegistryRecord.register(
            RegistryKind.STAFF.value, inst.id, profile, self._meta(inst.principal, at, ref, ref)
        )
        trainings = [(TrainingKind.PRE_JOB, joined + timedelta(days=rng.randint(3, 20)))]
        for _ in range(rng.randint(1, 3) if full_time else rng.randint(0, 2)):
            kind = rng.choice(
                (TrainingKind.CAPACITY, TrainingKind.EXCHANGE, TrainingKind.HEARING_OBSERVATION, TrainingKind.STUDY)
            )
            trainings.append((kind, self._day(self.start) + timedelta(days=rng.randint(0, WINDOW_DAYS - 15))))
        updated = at
        for n, (kind, day) in enumerate(sorted(trainings, key=lambda t: t[1]), start=1):
            topic, provider, hours = rng.choice(STAFF_TRAININGS[kind])
            payload: dict[str, Any] = {
                "kind": kind.value,
                "date": day.isoformat(),
                "hours": hours,
                "provider": provider.format(inst=inst.spec.name),
                "topic": topic,
            }
            if kind in (TrainingKind.PRE_JOB, TrainingKind.CAPACITY) and rng.random() < 0.5:
                payload["certificate"] = f"结业证书 {day.year}-{rng.randrange(1, 400):04d}"
            recorded = self._office(datetime.combine(day, time(16, 30), CST) + timedelta(days=rng.randint(0, 3)))
            updated = max(recorded, updated + timedelta(minutes=10))
            record.record_training(payload, self._meta(inst.principal, updated, ref, f"{ref}-training-{n}"))
        return record

    def _expert_profile(self, expert: _Expert) -> dict[str, Any]:
        spec = expert.spec
        return {
            "name": expert.name,
            "field": spec.speciality,
            "title": spec.title,
            "organisation": spec.place,
            "contact": self._landline(),
            "availability": self.rng.choices(list(Availability), (70, 25, 5))[0].value,
            "ip_types": [t.value for t in spec.ip_types],
        }

    def _knowledge(self) -> list[dict[str, Any]]:
        year = self._day(self.start).year
        entries = []
        for title, category, content, tags, source, ip_types, published in KNOWLEDGE:
            entry: dict[str, Any] = {
                "title": title.format(year=year),
                "category": category.value,
                "content": content,
                "tags": list(tags),
                "source": source,
                "ip_types": [t.value for t in ip_types],
            }
            if published is not None:
                entry["published_on"] = published.isoformat()
            entries.append(entry)
        return entries

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
            return _ClientPlan(profile, person, PERSONAL, rng.lognormvariate(0, 0.5), "person", rng.choice(BRANDS))
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
        size: EnterpriseSize | None = None
        designations: list[str] = []
        if kind is InnovatorKind.ENTERPRISE:
            sector = rng.choices(SECTORS, SECTOR_WEIGHTS)[0]
            size = rng.choices([s for s, _ in SIZE_WEIGHTS], [w for _, w in SIZE_WEIGHTS])[0]
            name = self._company(sector, size)
            designations = self._designations(size)
            profile |= {
                "enterprise_size": size.value,
                "designations": designations,
                "credit_code": credit_code(rng, "91", DISTRICTS[district]),
            }
            weight = SIZE_PROPENSITY[size]
            group = "enterprise"
        elif kind is InnovatorKind.OTHER:
            activity, sector = rng.choice(COOPERATIVES)
            town = district.removesuffix("回族土族自治县")
            name = self._fresh(lambda: f"{town}{rng.choice(BRANDS)}{activity}专业合作社")
            profile["credit_code"] = credit_code(rng, "93", DISTRICTS[district])
            weight = 0.8
            group = "cooperative"
        else:
            sector = ACADEMIC
            division = "100000" if name and name.startswith("中国科学院") else "630000"
            profile["credit_code"] = credit_code(rng, "12", division)
            weight = 2.5
            group = "university" if kind is InnovatorKind.UNIVERSITY else "institute"
        if name is None:
            raise AssertionError("every client has a name")
        profile["name"] = name
        brand = next((b for b in BRANDS if b in name), None) or rng.choice(BRANDS)
        return _ClientPlan(
            profile,
            name,
            sector,
            weight * rng.lognormvariate(0, 0.5),
            group,
            brand,
            size,
            tuple(Designation(d) for d in designations),
        )

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

    def _register_clients(self, plans: list[_CasePlan]) -> None:
        """Each client is registered by the institution of its first case, shortly before it (or any time)."""
        for plan in plans:  # oldest first
            client = plan.client
            if client.registered_at is None:
                client.registered_by = plan.institution
                client.registered_at = self._before(plan.opened_at)
        for client in self.people:
            if client.registered_at is None:
                client.registered_by = self.rng.choice(self.insts)
                some_day = self._day(self.start) + timedelta(days=self.rng.randint(0, WINDOW_DAYS - 1))
                client.registered_at = self._working_moment(some_day)
        for n, client in enumerate(sorted(self.people, key=lambda c: c.registered_at or self.start), start=1):
            by, at = client.registered_by, client.registered_at
            if by is None or at is None:
                raise AssertionError("every client was given a registration above")
            ref = f"demo-{self.seed}-client-{n:04d}"
            client.id = self.commands.register_client(
                by.principal, client.profile, self._meta(by.principal, at, ref, ref), None
            ).id
            registered = self.store.get(client.id, Client)
            if registered is None:
                raise AssertionError("a client just registered is in the store")
            client.snapshot = registered.profile  # what a case opened through the API keeps of it
            self.events += 1
            self._tick()

    def _before(self, opened_at: datetime) -> datetime:
        """When a client was registered, given its first case was opened at `opened_at`."""
        midnight = opened_at.replace(hour=0, minute=0, second=0, microsecond=0)
        if self.rng.random() < 0.75:  # at the same visit
            return max(midnight + OFFICE_OPENS, opened_at - timedelta(minutes=self.rng.uniform(5, 40)))
        day = self._day(midnight) - timedelta(days=self.rng.randint(1, 20))
        while not self.calendar.is_working_day(day):
            day -= timedelta(days=1)
        return datetime.combine(day, time(), CST) + OFFICE_OPENS + timedelta(minutes=self.rng.uniform(0, 540))

    def _contact(self, client: _ClientPlan) -> str:
        """Who speaks for the client: the person, or a named contact of the organisation."""
        if not client.organisation:
            return client.short
        if client.contact is None:
            role = self.rng.choice(("综合部经理", "研发部主任", "法务专员", "知识产权专员", "副总经理"))
            if client.group in ("university", "institute"):
                role = self.rng.choice(("科技处老师", "成果转化办公室主任", "课题组负责人"))
            client.contact = f"{self._person()}（{role}）"
        return client.contact

    # Cases: which, where, for whom, when ---------------------------------------------------------------

    def _type_counts(self, cases: int) -> dict[str, int]:
        """Cases per type in proportion to TYPE_MIX (largest remainders); every type at least once if it can."""
        total = sum(TYPE_MIX.values())
        share = {code: cases * weight / total for code, weight in TYPE_MIX.items()}
        counts = {code: math.floor(s) for code, s in share.items()}
        for code in sorted(share, key=lambda c: counts[c] - share[c])[: cases - sum(counts.values())]:
            counts[code] += 1
        if cases >= len(TYPE_MIX):
            for code in TYPE_MIX:
                if counts[code] == 0:
                    donor = max(counts, key=lambda c: counts[c])
                    counts[donor] -= 1
                    counts[code] += 1
        return counts

    def _plan_cases(self, cases: int) -> list[_CasePlan]:
        listed: set[tuple[int, int]] = set()  # (client, year) in a key-enterprise directory
        plans = [
            self._plan_case(service_type, listed, renewal=service_type == "key_enterprise" and n >= 0.8 * count)
            for service_type, count in self._type_counts(cases).items()
            for n in range(count)
        ]
        return sorted(plans, key=lambda p: p.opened_at)

    def _plan_case(self, service_type: str, listed: set[tuple[int, int]], *, renewal: bool = False) -> _CasePlan:
        rng = self.rng
        extra: dict[str, Any] = {}
        day = math.floor(WINDOW_DAYS * rng.random() ** 0.8)  # a little busier lately
        opened = self._working_moment(self._day(self.start) + timedelta(days=day))
        if service_type == "key_enterprise":  # the directory is drawn up early in the year, and grows later
            lately = self._day(self.today) - timedelta(days=rng.randint(1, 25))
            early = date(self.today.year, 1, 5) + timedelta(days=rng.randint(0, 85))
            if renewal and lately.month >= 11:  # next year's directory is being drawn up now
                opened = self._working_moment(lately)
            elif not renewal and rng.random() < 0.6 and self._day(self.start) <= early < self._day(self.today):
                opened = self._working_moment(early)
        if service_type == "publicity":
            occasion = self._occasion()
            if occasion is not None:
                opened = self._working_moment(occasion["day"] - timedelta(days=rng.randint(20, 40)))
                extra = occasion
        client: _ClientPlan | None
        if service_type == "key_enterprise":
            local = self._day(opened)
            year = local.year + 1 if local.month >= 11 else local.year  # next year's directory is drawn up now
            client = None
            if renewal:  # most of next year's directory were in this year's
                client = self._pick_client(
                    service_type, lambda c: (id(c), year - 1) in listed and (id(c), year) not in listed
                )
            client = client or self._pick_client(service_type, lambda c: (id(c), year) not in listed)
            if client is not None:
                listed.add((id(client), year))
                extra = {"year": year}
        else:
            client = self._pick_client(service_type)
        if client is None:  # nobody in this data set could use the service
            service_type = "consultation"
            client = self._pick_client(service_type)
            if client is None:
                raise AssertionError("anybody may ask a question")
        return _CasePlan(service_type, self._pick_institution(service_type), client, opened, extra)

    def _pick_institution(self, service_type: str) -> _Inst:
        weights = _KIND_WEIGHTS[service_type]
        per_kind = Counter(i.spec.kind for i in self.insts)
        chances = [weights[i.spec.kind] / per_kind[i.spec.kind] for i in self.insts]
        if not any(chances):
            chances = [1.0] * len(self.insts)
        return self.rng.choices(self.insts, chances)[0]

    def _pick_client(
        self, service_type: str, allowed: Callable[[_ClientPlan], bool] | None = None
    ) -> _ClientPlan | None:
        chances = [
            c.weight * self._affinity(service_type, c) if allowed is None or allowed(c) else 0.0 for c in self.people
        ]
        if not any(chances):
            return None
        return self.rng.choices(self.people, chances)[0]

    def _affinity(self, service_type: str, c: _ClientPlan) -> float:
        """How likely this client is to use the service, relative to its general propensity (0: never)."""
        group, size, sector = c.group, c.size, c.sector
        big = size in (EnterpriseSize.MEDIUM, EnterpriseSize.LARGE)
        enterprise = group == "enterprise"
        academic = group in ("university", "institute")
        by_size: dict[EnterpriseSize | None, float]
        if service_type in (ASSISTANCE, DISPUTE):
            return 1.0
        if service_type == "consultation":
            return {"person": 2.0, "enterprise": 0.8 if big else 1.3, "cooperative": 1.0}.get(group, 0.4)
        if service_type == "application_guidance":
            by_size = {EnterpriseSize.MICRO: 1.6, EnterpriseSize.SMALL: 1.4, EnterpriseSize.MEDIUM: 0.8}
            return by_size.get(size, 0.4) if enterprise else {"person": 1.2, "cooperative": 1.2}.get(group, 0.6)
        if service_type == "policy_promotion":
            if enterprise:
                return 1.5 if sector.policy_industry else 1.0
            return {"person": 0.1, "cooperative": 0.8}.get(group, 0.6)
        if service_type == "risk_prevention":
            by_size = {EnterpriseSize.MICRO: 0.5, EnterpriseSize.SMALL: 1.0, EnterpriseSize.MEDIUM: 1.5}
            return by_size.get(size, 1.8) if enterprise else 0.2 if group == "university" else 0.0
        if service_type == "info_search":
            return 2.0 if academic else {"person": 0.4, "enterprise": 1.0, "cooperative": 0.2}[group]
        if service_type == "info_analysis":
            return 2.0 if academic else (1.5 if big else 0.5) if enterprise else 0.0
        if service_type == "training":
            return (
                (1.5 if big else 0.4)
                if enterprise
                else {"university": 1.5, "institute": 1.0, "cooperative": 1.0}.get(group, 0.0)
            )
        if service_type == "publicity":
            if enterprise:
                return 1.0 if size is EnterpriseSize.LARGE else 0.2 if big else 0.0
            return {"university": 3.0, "institute": 1.0, "cooperative": 1.0}.get(group, 0.0)
        if service_type == "compliance_guidance":
            by_size = {EnterpriseSize.MICRO: 0.1, EnterpriseSize.SMALL: 0.6, EnterpriseSize.MEDIUM: 1.5}
            return by_size.get(size, 2.0) if enterprise else 0.0
        if service_type == "ip_finance":
            by_size = {EnterpriseSize.MICRO: 0.5, EnterpriseSize.SMALL: 1.2, EnterpriseSize.MEDIUM: 1.5}
            return by_size.get(size, 0.8) if enterprise else 0.0
        if service_type == "transfer_license":
            return 3.0 if academic else {"enterprise": 0.7, "person": 0.2}.get(group, 0.0)
        if service_type == "fast_examination_liaison":
            if enterprise:
                patents = dict(sector.ip_weights).get(IpType.PATENT, 0) >= 5
                return (1.5 if patents else 0.2) * (0.5 if size is EnterpriseSize.MICRO else 1.0)
            return 1.2 if academic else 0.1 if group == "person" else 0.0
        if service_type == "data_ip_registration":
            if not sector.datasets:
                return 0.0
            return 3.0 if sector is SECTORS[6] else 1.5 if group == "institute" else 1.0 if academic else 0.3
        if service_type == "electronic_evidence":
            marks = dict(sector.ip_weights).get(IpType.TRADEMARK, 0) >= 4
            return {"person": 1.0, "enterprise": 1.2 if marks else 0.3, "cooperative": 0.8}.get(group, 0.1)
        if service_type == "qinghai_industry_assistance":
            if sector.tag not in INDUSTRY_NEEDS:
                return 0.0
            return {"enterprise": 2.0, "cooperative": 3.0}.get(group, 0.0)
        if service_type == "key_industry":
            if not enterprise or sector.key_industry is None:
                return 0.0
            return 2.0 if big else 0.1 if size is EnterpriseSize.MICRO else 0.6
        if service_type == "key_enterprise":
            if not enterprise:
                return 0.0
            if c.designations:
                return 3.0
            if sector.key_industry is None or size is EnterpriseSize.MICRO:
                return 0.0
            return 1.0 if big else 0.3
        if service_type == "four_places":
            if sector.place is None or group not in ("enterprise", "cooperative"):
                return 0.0
            return 2.0 if big else 1.5
        raise AssertionError(f"no affinity for {service_type}")

    def _working_moment(self, day: date) -> datetime:
        """An office-hours moment on `day`, or on the working day before it (after it, at the window's start)."""
        moved = day
        while not self.calendar.is_working_day(moved):
            moved -= timedelta(days=1)
        if moved < self._day(self.start):
            moved = day
            while not self.calendar.is_working_day(moved):
                moved += timedelta(days=1)
        return datetime.combine(moved, time(), CST) + OFFICE_OPENS + timedelta(minutes=self.rng.uniform(0, 540))

    def _occasion(self) -> dict[str, Any] | None:
        """A key date of 5.1.11.c in the window for a campaign, or None for daily publicity."""
        options = []
        first, last = self._day(self.start) + timedelta(days=40), self._day(self.today) + timedelta(days=20)
        for year in (self.today.year - 1, self.today.year):
            for occasion, month, day_of_month, exhibition in OCCASION_DATES:
                day = date(year, month, day_of_month)
                if first <= day < last:
                    options.append({"occasion": occasion, "day": day, "exhibition": exhibition})
        if not options or self.rng.random() < 0.3:
            return None
        return self.rng.choice(options)

    # A case's life -----------------------------------------------------------------------------------

    def _start_case(self, number: int, plan: _CasePlan) -> _Run:
        correlation = f"demo-{self.seed}-case-{number:04d}"
        stall = self.rng.randint(1, 3) if self.rng.random() < STALL_RATE else None
        run = _Run(number, plan, correlation, plan.opened_at, stall_after=stall)
        self._spawn(self._case_life(run), run)
        return run

    def _case_life(self, run: _Run) -> Process:
        yield run.at
        yield from self.lives[run.plan.service_type](run)

    def _open(self, run: _Run, intake: dict[str, Any]) -> None:
        plan = run.plan
        if plan.client.id is None:
            raise AssertionError("clients are registered before their cases are opened")
        meta = self._meta(plan.institution.principal, run.at, run.correlation, f"{run.correlation}-0")
        run.opened = ServiceCase.open(
            plan.service_type, plan.institution.id, plan.client.id, intake, meta, plan.client.snapshot
        )

    def _step(self, run: _Run, code: str, payload: dict[str, Any]) -> None:
        case = run.case
        was_open = case.closed_at is None
        meta = self._meta(run.inst.principal, run.at, run.correlation, f"{run.correlation}-{len(case.steps) + 1}")
        for companion in case.record_step(code, payload, meta, load=self._companion):
            self.companions[companion.id] = companion  # the same object for every case that changes it
        if was_open and case.closed_at is not None and self.rng.random() < EVALUATION_RATE:
            for respondent in self._respondents(run):
                self._spawn(self._evaluation_life(run, respondent))
        if run.stall_after is not None and len(case.steps) >= run.stall_after:
            run.stalled = True

    def _companion(self, aggregate_id: UUID) -> Aggregate | None:
        return self.companions.get(aggregate_id) or self.store.get(aggregate_id, Aggregate)

    def _choose(self, weights: dict[str, float], allowed: Sequence[str]) -> str | None:
        candidates = [(code, w) for code, w in weights.items() if code in allowed and w > 0]
        if not candidates:
            return None
        return self.rng.choices([c for c, _ in candidates], [w for _, w in candidates])[0]

    def _story(self, client: _ClientPlan) -> _Story:
        return _Story(
            ip_type=self._pick(client.sector.ip_weights),
            opponent=self._opponent(client),
            product=self.rng.choice(client.sector.products),
        )

    # 7.1 Evaluation, its return visit, and 7.2 the corrective action it proposes -------------------------

    def _respondents(self, run: _Run) -> list[str]:
        if run.respondents:  # attendees of a training
            return self.rng.sample(run.respondents, min(len(run.respondents), self.rng.randint(1, 3)))
        return [self._contact(run.client)]

    def _evaluation_life(self, run: _Run, respondent: str) -> Process:
        rng = self.rng
        quick = run.plan.service_type == "consultation"  # often asked at the end of the call
        at = self._after(run.at, *((0.05, 30.0) if quick else (2.0, 480.0)))
        yield at
        case, inst = run.case, run.inst
        run.evaluations += 1
        ref = f"{run.correlation}-evaluation-{run.evaluations}"
        meta = self._meta(inst.principal, at, run.correlation, ref)
        evaluation = case.evaluate(self._evaluation_form(respondent, run.plan.service_type), meta)
        recorded = case.evaluations[evaluation]
        self.evaluations += 1
        if not recorded["low"]:
            return
        self.low += 1
        low = [INDICATOR_LABELS[i].zh for i in Indicator if recorded[i.value] <= LOW_SCORE]
        problem = {  # as the API proposes it (api/quality_commands.py)
            "institution_id": str(case.institution_id),
            "problem": f"低分评价（{'、'.join(low)}）：{recorded.get('comment') or ''}",
            "case_ids": [str(case.id)],
            "evaluation_ids": [str(evaluation)],
        }
        action = CorrectiveAction.open(problem, meta, action_id=proposed_for(evaluation))
        run.actions.append(action)
        self.action_count += 1
        worst = min(Indicator, key=lambda i: int(recorded[i.value]))
        self._spawn(self._action_life(run, action, at, worst))
        if rng.random() < RETURN_VISIT_RATE:
            at = self._after(at, 4, 150)  # due within five working days; some are late
            yield at
            outcome, resolved = rng.choice(RETURN_VISIT_OUTCOMES)
            follow_up = {
                "visited_by": rng.choice(inst.staff[: inst.full_time]),
                "outcome": outcome,
                "resolved": resolved,
            }
            case.follow_up_evaluation(
                evaluation, follow_up, self._meta(inst.principal, at, run.correlation, f"{ref}-return-visit")
            )

    def _evaluation_form(self, respondent: str, service_type: str) -> dict[str, Any]:
        rng = self.rng
        overall = rng.choices(_SCORES, (1, 3, 8, 33, 55))[0]
        scores = {i.value: min(5, max(1, overall + rng.choices((-1, 0, 1), (15, 70, 15))[0])) for i in Indicator}
        worst = min(Indicator, key=lambda i: scores[i.value])
        comment = None
        if scores[worst.value] <= LOW_SCORE:
            comment = rng.choice(
                [text for text, about in LOW_COMMENTS[worst] if about is None or service_type in about]
            )
        elif overall >= 4 and rng.random() < 0.3:
            comment = rng.choice(GOOD_COMMENTS)
        channel = rng.choices(list(EvaluationChannel), (35, 40, 20, 5))[0]
        return {"respondent": respondent, "channel": channel.value, **scores, "comment": comment}

    def _action_life(self, run: _Run, action: CorrectiveAction, at: datetime, worst: Indicator) -> Process:
        """7.2: measures planned, implemented, their effect reviewed, closed; or left open, or dismissed."""
        rng = self.rng
        inst = run.inst
        correlation = f"demo-{self.seed}-action-{self.action_count:03d}"
        owner = inst.staff[0]

        def act(code: str, payload: dict[str, Any], when: datetime) -> None:
            causation = f"{correlation}-{len(action.steps) + 1}"
            action.record_step(code, payload, self._meta(inst.principal, when, correlation, causation))

        fate = rng.choices(("walked", "stalled", "dismissed"), (55, 35, 10))[0]
        if fate == "dismissed":
            at = self._after(at, 24, 240)
            yield at
            act("dismissed", {"reason": rng.choice(DISMISS_REASONS)}, at)
            return
        rounds = 1 if rng.random() < 0.8 else 2  # the first measures were not enough
        for n in range(rounds):
            at = self._after(at, 24, 240 if n == 0 else 96)
            yield at
            measures, plan = rng.choice(MEASURES[worst])
            due = self._day(at) + timedelta(days=rng.randint(20, 45))
            act(
                "measures_planned",
                {"measures": list(measures), "plan": plan, "owner": owner, "due": due.isoformat()},
                at,
            )
            if fate == "stalled":
                return  # planned, never reported done: overdue once the due date has passed
            done = datetime.combine(due - timedelta(days=rng.randint(-6, 15)), time(9), CST)
            done += timedelta(minutes=rng.uniform(0, 480))
            at = self._office(max(done, at + timedelta(days=1)))
            yield at
            act("implemented", {"done": f"已完成：{'；'.join(measures)}", "on": self._day(at).isoformat()}, at)
            at = self._after(at, 168, 720)
            yield at
            effective = n == rounds - 1
            findings = (
                f"整改后回访服务对象{rng.randint(5, 20)}名，{INDICATOR_LABELS[worst].zh}评分明显提升，未再出现同类反映"
                if effective
                else "整改后仍收到同类反映，措施落实不到位，需重新制定措施"
            )
            act("effect_reviewed", {"effective": effective, "findings": findings}, at)
        at = self._after(at, 2, 96)
        yield at
        act("closed", {"summary": f"针对{INDICATOR_LABELS[worst].zh}问题的整改已完成并经效果评估，转入日常管理"}, at)

    # Dispute guidance (5.1.7) -------------------------------------------------------------------------

    def _life_dispute(self, run: _Run) -> Process:
        story = self._story(run.client)
        self._open(run, self._dispute_intake(run.plan, story))
        while (code := self._next_dispute(run.case.steps, run.case.allowed_next_steps(), story)) is not None:
            yield self._later(run, *GAPS[code])
            self._step(run, code, self._payload(code, run.plan, story, run.at))

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
            return self._choose(self._no_second_mediation(weights, story), allowed)
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
        return self._choose(self._no_second_mediation(weights, story), allowed)

    def _no_second_mediation(self, weights: dict[str, float], story: _Story) -> dict[str, float]:
        """While a mediation is adjourned, it is continued (by its mediator), not referred to the committee."""
        if story.open_mediator is None:
            return weights
        return weights | {"mediation_committee_referral": 0.0}

    # Rights-protection assistance (5.1.4) -------------------------------------------------------------

    def _life_assistance(self, run: _Run) -> Process:
        story = self._story(run.client)
        self._open(run, self._assistance_intake(run.plan, story))
        while (code := self._next_assistance(run.case.steps, run.case.allowed_next_steps(), story)) is not None:
            yield self._later(run, *GAPS[code])
            self._step(run, code, self._payload(code, run.plan, story, run.at))

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

    # Payloads of 5.1.4 and 5.1.7 ----------------------------------------------------------------------

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
            mediator = story.open_mediator or rng.choice(inst.mediators)
            story.open_mediator = mediator if outcome is MediationOutcome.ADJOURNED else None
            return {
                "mediator": mediator,
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
            return {"archive_no": self._number(inst, "JF", at, 4), "resolution": self._resolution(story)}
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
                "right_number": self._right_number(story, plan.client, at),
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
            satisfaction = rng.choices(_SCORES, _SATISFACTION[result])[0]
            return {"outcome": result.value, "satisfaction": satisfaction, "visited_by": rng.choice(inst.staff)}
        raise AssertionError(f"no payload for step {code}")

    # Consultation (5.1.6) -------------------------------------------------------------------------------

    def _life_consultation(self, run: _Run) -> Process:
        rng = self.rng
        client = run.client
        channel = rng.choices(list(ConsultChannel), (40, 15, 27, 18))[0]
        first, asked = self._ask(client)
        questions = [asked]
        other, also = self._ask(client)
        second = other if rng.random() < 0.22 and other is not first else None
        if second is not None:
            questions.append(also)
        contact = {
            ConsultChannel.PHONE: str(client.profile["phone"]),
            ConsultChannel.WEBSITE: f"网站留言 {self.fake.free_email()}",
            ConsultChannel.SOCIAL_MEDIA: rng.choice(("微信公众号留言", "抖音私信", "微信小程序在线咨询")),
            ConsultChannel.FACE_TO_FACE: None,
        }[channel]
        self._open(run, {"channel": channel.value, "contact": contact, "summary": f"{'、'.join(first.tags)}咨询"})
        for question in questions:
            yield self._later(run, 0.02, 0.3)
            self._step(run, "question_recorded", question)
        referred_first = first.agency is not None and rng.random() < 0.06  # a specialist answers it
        if referred_first:
            yield self._later(run, 2, 72)
            self._step(run, "referred_to_agency", self._consult_referral(first))
        quick = channel in (ConsultChannel.PHONE, ConsultChannel.FACE_TO_FACE) and not referred_first
        yield self._later(run, *((0.05, 0.8) if quick and rng.random() < 0.75 else (2.0, 120.0)))
        answer = first.answer if second is None else f"{first.answer}；{second.answer}"
        self._step(
            run,
            "answered",
            {
                "answer": answer,
                "answered_by": rng.choice(run.inst.staff),
                "legal_basis": first.legal_basis,
                "satisfaction": rng.choices(_SCORES, (1, 2, 7, 30, 60))[0],
            },
        )
        if not referred_first and first.agency is not None and rng.random() < 0.12:
            yield self._later(run, 0.3, 72)
            self._step(run, "referred_to_agency", self._consult_referral(first))

    def _ask(self, client: _ClientPlan) -> tuple[_Question, dict[str, Any]]:
        rng = self.rng
        ip = self._pick(client.sector.ip_weights)
        matching = [q for q in QUESTIONS if ip in q.ip_types]
        question = rng.choice(matching if matching and rng.random() > 0.1 else QUESTIONS)
        sector = client.sector
        text = question.text.format(
            product=rng.choice(sector.products),
            brand=client.brand,
            cls=rng.choice(sector.classes),
            work=rng.choice(sector.products if sector is PERSONAL else WORKS),
        )
        return question, {
            "question": text,
            "topics": [t.value for t in question.topics],
            "ip_types": [t.value for t in question.ip_types],
            "tags": list(question.tags),
        }

    def _consult_referral(self, question: _Question) -> dict[str, Any]:
        agency = question.agency or ConsultAgency.OTHER
        names = {
            ConsultAgency.PATENT_AGENCY: PATENT_AGENCIES,
            ConsultAgency.TRADEMARK_AGENCY: TRADEMARK_AGENCIES,
            ConsultAgency.LAW_FIRM: LAW_FIRMS,
            ConsultAgency.OTHER: (COPYRIGHT_SERVICE, VALUATION_FIRMS[0][0]),
        }[agency]
        return {
            "agency_kind": agency.value,
            "agency_name": self.rng.choice(names),
            "reason": self.rng.choice(REFERRAL_REASONS[agency]),
        }

    # Application guidance (5.1.5) and the client's IP ledger ------------------------------------------

    def _life_application_guidance(self, run: _Run) -> Process:
        rng = self.rng
        client = run.client
        held = self._portfolio(client, self._day(run.at))
        unrecorded = [r for r in held if r.key not in client.ledger]
        wanted = self._pick([(t, w) for t, w in client.sector.ip_weights if t in APPLIED_TYPES] or [(IpType.PATENT, 1)])
        self._open(
            run,
            {
                "has_ip_activity": bool(held),
                "ip_types": [wanted.value],
                "summary": f"梳理已有知识产权并申请{IP_TYPE_LABELS[wanted].zh}"
                if held
                else f"尚无知识产权，希望了解如何申请{IP_TYPE_LABELS[wanted].zh}",
            },
        )
        if unrecorded and rng.random() < 0.8:  # 5.1.5.a: the rights it already has go into its ledger
            for right in rng.sample(unrecorded, min(len(unrecorded), rng.randint(1, 4))):
                yield self._later(run, 0.1, 6)
                self._record_right(run, right)
        if not held:  # 5.1.5.c
            yield self._later(run, 0.1, 72)
            topics = rng.sample(BASIC_TOPICS, rng.randint(2, 3))
            self._step(
                run,
                "basic_training_given",
                {
                    "topics": topics,
                    "trainer": rng.choice(run.inst.staff),
                    "attendees": 1 if not client.organisation else rng.randint(2, 8),
                    "hours": rng.choice((1.0, 1.5, 2.0, 3.0)),
                },
            )
        subject = self._subject(client, wanted)
        yield self._later(run, 0.2, 48)
        self._step(
            run,
            "application_guided",
            {"ip_types": [wanted.value], "subject": subject, "advice": rng.choice(APPLICATION_ADVICE[wanted])},
        )
        if rng.random() < 0.2:
            yield self._later(run, 24, 240)
            self._step(run, "concluded", {"outcome": "已讲清申请要点和材料要求，申请人自行提交申请"})
            return
        agency_kind, agency, services = self._application_agency(wanted)
        yield self._later(run, 24, 240)
        referred_on = self._day(run.at)
        self._step(
            run,
            "referred_to_agency",
            {
                "agency_kind": agency_kind,
                "agency_name": agency,
                "services": services,
                "contact": f"{self._person()} {self._landline()}",
            },
        )
        yield self._later(run, 168, 720)  # the agency drafts and files
        day = self._day(run.at)
        filed = referred_on + timedelta(days=rng.randint(1, max(1, (day - referred_on).days)))
        right = self._file_right(client, wanted, min(filed, day), subject)
        # Many end once the application is filed and in the ledger; the agency sees it through.
        handed_over = wanted is not IpType.COPYRIGHT and rng.random() < 0.4
        next_on = day + timedelta(days=rng.randint(45, 120))
        self._step(
            run,
            "agency_followed_up",
            {
                "agency_name": agency,
                "progress": FILED_PROGRESS[wanted],
                "satisfaction": rng.choices(_SCORES, (1, 2, 10, 40, 47))[0],
                "next_follow_up_on": None if handed_over else next_on.isoformat(),
            },
        )
        if right.ip_type is not IpType.COPYRIGHT:  # a copyright goes into the ledger once registered
            yield self._later(run, 0.5, 72)
            self._record_right(run, right)
        if handed_over:
            yield self._later(run, 2, 240)
            self._step(run, "concluded", {"outcome": "申请已提交并纳入知识产权管理台账，后续审查由代理机构跟进"})
            return
        for n in range(3):  # 5.1.5.e: periodically, until the right is decided
            yield self._around(run, next_on, 5, 10 if rng.random() < 0.8 else 30)
            day = self._day(run.at)
            status = right.status_at(day)
            decided = status in (RightStatus.GRANTED, RightStatus.REJECTED)
            later = None if decided or n == 2 else day + timedelta(days=rng.randint(60, 120))
            self._step(
                run,
                "agency_followed_up",
                {
                    "agency_name": agency,
                    "progress": self._progress(right, status),
                    "satisfaction": rng.choices(_SCORES, (1, 2, 10, 40, 47))[0],
                    "next_follow_up_on": later.isoformat() if later else None,
                },
            )
            if status is RightStatus.GRANTED and right.key not in client.ledger:
                yield self._later(run, 0.5, 48)
                self._record_right(run, right)
            if later is None:
                break
            next_on = later
        yield self._later(run, 2, 240)
        status = right.status_at(self._day(run.at))
        outcome = {
            RightStatus.GRANTED: f"{IP_TYPE_LABELS[wanted].zh}已授权（登记），已纳入知识产权管理台账",
            RightStatus.REJECTED: "申请被驳回，已告知复审途径，服务办结",
        }.get(status, "申请审查中，已纳入知识产权管理台账持续跟踪")
        self._step(run, "concluded", {"outcome": outcome})

    def _record_right(self, run: _Run, right: _Right) -> None:
        """5.1.5.a: the right as it stands today goes into the client's ledger (once: the ledger refuses more)."""
        status = right.status_at(self._day(run.at))
        entry: dict[str, Any] = {
            "ip_type": right.ip_type.value,
            "title": right.title,
            "application_no": right.application_no,
            "status": status.value,
            "filed_on": right.filed_on.isoformat(),
        }
        if status in (RightStatus.GRANTED, RightStatus.LAPSED) and right.decided_on is not None:
            entry |= {"granted_on": right.decided_on.isoformat(), "registration_no": right.registration_no}
        self._step(run, "ledger_entry_recorded", entry)
        run.client.ledger.add(right.key)

    def _progress(self, right: _Right, status: RightStatus) -> str:
        label = IP_TYPE_LABELS[right.ip_type].zh
        if status is RightStatus.GRANTED:
            return {
                IpType.COPYRIGHT: "已取得登记证书",
                IpType.TRADEMARK: "商标已核准注册，已取得注册证",
            }.get(right.ip_type, f"{label}已授权，已办理登记手续")
        if status is RightStatus.REJECTED:
            return "申请被驳回，代理机构正在评估复审的可行性"
        if status is RightStatus.EXAMINING:
            return "发明专利申请已进入实质审查阶段，代理机构正在跟进审查意见"
        return {IpType.TRADEMARK: "商标注册申请处于实质审查阶段"}.get(
            right.ip_type, "申请处于初步审查阶段，暂无审查意见"
        )

    def _application_agency(self, wanted: IpType) -> tuple[str, str, str]:
        rng = self.rng
        if wanted is IpType.TRADEMARK:
            return "trademark_agency", rng.choice(TRADEMARK_AGENCIES), "商标近似查询、分类与注册申请"
        if wanted is IpType.COPYRIGHT:
            return "copyright_service", COPYRIGHT_SERVICE, "作品（软件）著作权登记"
        return "patent_agency", rng.choice(PATENT_AGENCIES), "专利申请文件撰写与提交"

    def _subject(self, client: _ClientPlan, wanted: IpType) -> str:
        rng = self.rng
        sector = client.sector
        if wanted is IpType.TRADEMARK:
            return f"“{client.brand}”商标（第{rng.choice(sector.classes)}类）"
        if wanted is IpType.COPYRIGHT:
            if sector in (SECTORS[6], ACADEMIC):
                return f"{rng.choice(sector.keywords)}管理软件V1.0"
            return f"{rng.choice(sector.products)}（作品）"
        if wanted is IpType.IC_LAYOUT:
            return f"{rng.choice(sector.products)}控制芯片布图设计"
        return f"一种{rng.choice(sector.inventions)}"

    # A client's rights ------------------------------------------------------------------------------

    def _portfolio(self, client: _ClientPlan, day: date) -> list[_Right]:
        """The rights the client has filed by `day`; those from before the demo year are made when first asked."""
        rng = self.rng
        if client.rights is None:
            client.rights = []
            count = {
                "person": rng.choices((0, 1, 2), (50, 35, 15))[0],
                "cooperative": rng.randint(0, 3),
                "university": rng.randint(6, 14),
                "institute": rng.randint(5, 12),
            }.get(client.group, 0)
            if client.group == "enterprise":
                low, high = {
                    EnterpriseSize.MICRO: (0, 2),
                    EnterpriseSize.SMALL: (0, 5),
                    EnterpriseSize.MEDIUM: (3, 9),
                    EnterpriseSize.LARGE: (6, 15),
                }[client.size or EnterpriseSize.SMALL]
                count = rng.randint(low, high)
            weights = [(t, w) for t, w in client.sector.ip_weights if t is not IpType.TRADE_SECRET]
            for _ in range(count):
                filed = day - timedelta(days=rng.randint(120, 8 * 365))
                client.rights.append(self._new_right(client, self._pick(weights), filed))
        return [r for r in client.rights if r.filed_on <= day]

    def _file_right(
        self, client: _ClientPlan, ip_type: IpType, filed: date, title: str, kind: int | None = None
    ) -> _Right:
        """A new application: the agency filed it on `filed`; its examination will decide it later."""
        self._portfolio(client, filed)
        right = self._new_right(client, ip_type, filed, title, kind)
        if client.rights is not None:
            client.rights.append(right)
        return right

    def _held_right(self, client: _ClientPlan, ip_type: IpType, day: date) -> _Right:
        """A right of this type the client holds on `day`: one it has, or one it was granted years ago."""
        held = [r for r in self._portfolio(client, day) if r.ip_type is ip_type and r.granted_at(day)]
        if held:
            return self.rng.choice(held)
        right = self._new_right(client, ip_type, day - timedelta(days=self.rng.randint(500, 2500)))
        self._grant(right, min(right.decided_on or day, day - timedelta(days=30)))
        if client.rights is not None:
            client.rights.append(right)
        return right

    def _grant(self, right: _Right, on: date) -> None:
        right.outcome = RightStatus.GRANTED
        right.decided_on = max(on, right.filed_on + timedelta(days=30))
        right.lapsed_on = None
        if right.registration_no is None:
            right.registration_no = (
                f"ZL{right.application_no.removeprefix('CN')}"
                if right.ip_type is IpType.PATENT
                else right.application_no
            )

    def _new_right(
        self, client: _ClientPlan, ip_type: IpType, filed: date, title: str | None = None, kind: int | None = None
    ) -> _Right:
        taken = {r.key for r in client.rights or []}
        for _ in range(20):
            right = self._draw_right(client, ip_type, filed, title, kind)
            if right.key not in taken:
                return right
        raise AssertionError("twenty random application numbers in a row were taken")

    def _draw_right(
        self, client: _ClientPlan, ip_type: IpType, filed: date, title: str | None, kind: int | None
    ) -> _Right:
        rng = self.rng
        sector = client.sector
        year = filed.year

        def days(low: int, high: int) -> date:
            return filed + timedelta(days=rng.randint(low, high))

        if ip_type is IpType.PATENT:
            weights = (75, 20, 5) if client.group in ("university", "institute") else (35, 45, 20)
            if kind is None:  # 1 invention, 2 utility model, 3 design (a title given is an invention or a utility)
                kind = rng.choices((1, 2), weights[:2])[0] if title else rng.choices((1, 2, 3), weights)[0]
            if title and ("方法" in title or "工艺" in title):
                kind = 1  # a process is protected by an invention patent only
            digits = _patent_digits(rng, year, kind)
            title = title or (
                f"一种{rng.choice(sector.inventions)}" if kind != 3 else f"{rng.choice(sector.products)}包装盒"
            )
            right = _Right(ip_type, title, f"CN{digits}", filed)
            if kind == 1:
                right.examining_on = days(90, 360)
                right.decided_on = days(540, 1100)
                granted = rng.random() < 0.7
            else:
                right.decided_on = days(150, 360) if kind == 2 else days(100, 240)
                granted = rng.random() < 0.93
            if granted:
                right.registration_no = f"ZL{digits}"
                if rng.random() < 0.12 and right.decided_on is not None:  # the annual fee was not paid
                    right.lapsed_on = right.decided_on + timedelta(days=rng.randint(365, 2500))
            else:
                right.outcome = RightStatus.REJECTED
            return right
        if ip_type is IpType.TRADEMARK:
            number = str(rng.randrange(10**7, 8 * 10**7))
            title = title or f"“{client.brand}”商标（第{rng.choice(sector.classes)}类）"
            right = _Right(ip_type, title, number, filed, decided_on=days(240, 420))
            if rng.random() < 0.85:
                right.registration_no = number
            else:
                right.outcome = RightStatus.REJECTED
            return right
        if ip_type is IpType.COPYRIGHT:
            if sector in (SECTORS[6], ACADEMIC) or rng.random() < 0.15:
                number = f"{year}SR{rng.randrange(10**7):07d}"
                title = title or f"{rng.choice(sector.keywords)}管理软件V1.0"
            else:
                number = f"青作登字-{year}-{rng.choice('FIAJ')}-{rng.randrange(10**8):08d}"
                title = title or f"{rng.choice(sector.products)}（作品）"
            return _Right(ip_type, title, number, filed, decided_on=days(20, 60), registration_no=number)
        if ip_type is IpType.DATA_IP:
            number = f"青数知登字〔{year}〕第{rng.randrange(1, 3000):06d}号"
            title = title or rng.choice(sector.datasets or ("业务运营数据集",))
            return _Right(ip_type, title, number, filed, decided_on=days(30, 60), registration_no=number)
        if ip_type is IpType.IC_LAYOUT:
            number = f"BS.{year % 100:02d}{rng.randrange(10**6, 10**7)}"
            title = title or f"{rng.choice(sector.products)}控制芯片布图设计"
            return _Right(ip_type, title, number, filed, decided_on=days(90, 200), registration_no=number)
        raise AssertionError(f"{ip_type} has no number to keep in a ledger")

    # Policy promotion (5.1.2) ----------------------------------------------------------------------------

    def _life_policy_promotion(self, run: _Run) -> Process:
        rng = self.rng
        client = run.client
        industry = client.sector.policy_industry
        interests = sorted(rng.sample(list(PolicyKind), rng.randint(1, 2)), key=list(PolicyKind).index)
        names = {
            PolicyKind.SUPPORT: "资助扶持",
            PolicyKind.REWARD: "奖励",
            PolicyKind.PILOT_APPLICATION: "试点示范申报",
        }
        self._open(
            run,
            {
                "industries": [industry.value] if industry else [],
                "interests": [i.value for i in interests],
                "summary": f"{client.short}希望了解知识产权{'、'.join(names[i] for i in interests)}政策",
            },
        )
        yield self._later(run, 2, 120)
        fitting = [p for p in POLICIES if p[2] in interests] or list(POLICIES)
        chosen = rng.sample(fitting, min(len(fitting), rng.randint(2, 4)))
        others = [p for p in POLICIES if p not in chosen]
        chosen += rng.sample(others, rng.randint(0, 1))
        policies = [{"title": t, "level": lv.value, "kind": k.value, "issuer": issuer} for t, lv, k, issuer in chosen]
        self._step(run, "policies_collected", {"policies": policies})
        yield self._later(run, 24, 240)
        at = self._day(run.at)
        channels = rng.sample(list(PushChannel), rng.randint(1, 3))
        self._step(
            run,
            "compilation_pushed",
            {
                "title": "西宁市知识产权惠企政策汇编",
                "version": f"{at.year}年第{'一' if at.month <= 6 else '二'}版",
                "channels": [c.value for c in sorted(channels, key=list(PushChannel).index)],
                "policy_count": rng.randint(24, 46),
            },
        )
        if industry is not None and rng.random() < 0.55:
            yield self._later(run, 72, 720)
            tracked = INDUSTRY_POLICIES[industry]
            self._step(
                run,
                "industry_policies_tracked",
                {
                    "industries": [industry.value],
                    "policies": rng.sample(tracked, rng.randint(1, len(tracked))),
                    "changes": POLICY_CHANGES.get(industry) if rng.random() < 0.6 else None,
                },
            )
            if rng.random() < 0.6:
                yield self._later(run, 72, 480)
                self._step(
                    run,
                    "interpretation_session_held",
                    {
                        "topic": f"{POLICY_INDUSTRY_NAMES[industry]}产业知识产权政策专题解读会",
                        "industries": [industry.value],
                        "experts": self._experts(client.sector, 2),
                        "attendees": rng.randint(18, 120),
                        "venue": rng.choice(VENUES),
                    },
                )
        outcome = "已将相关政策推送至服务对象，服务对象表示将关注后续申报通知"
        if client.organisation and rng.random() < 0.5:  # 5.1.2.d: a member of the public applies for no project
            yield self._later(run, 72, 720)
            day = self._day(run.at)
            project, level, authority, materials = rng.choice(PROJECTS)
            title = project.format(year=day.year)
            self._step(
                run,
                "project_application_assisted",
                {
                    "project": title,
                    "level": level.value,
                    "authority": authority,
                    "materials": list(materials),
                    "submitted_on": day.isoformat(),
                    "deadline": (day + timedelta(days=rng.randint(2, 25))).isoformat(),
                },
            )
            outcome = f"已协助提交{title}申报材料，等待评审结果"
        yield self._later(run, 24, 480)
        self._step(run, "concluded", {"outcome": outcome})

    # Risk prevention (5.1.3) -----------------------------------------------------------------------------

    def _life_risk_prevention(self, run: _Run) -> Process:
        rng = self.rng
        client = run.client
        sector = client.sector
        areas = sorted(
            set(
                rng.choices(
                    list(RiskArea), (40, 20, 20 if IpType.TRADE_SECRET in dict(sector.ip_weights) else 5, 8, 8, 6), k=2
                )
            ),
            key=list(RiskArea).index,
        )
        ip_types = sorted({self._pick(sector.ip_weights) for _ in range(2)}, key=list(IpType).index)
        self._open(
            run,
            {
                "risk_areas": [a.value for a in areas],
                "ip_types": [t.value for t in ip_types],
                "summary": RISK_SUMMARIES[areas[0]],
            },
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
            yield self._later(run, *((2.0, 120.0) if not run.case.steps else (24.0, 480.0)))
            self._step(run, code, self._risk_payload(code, run, ip_types))
        yield self._later(run, 24, 360)
        residual = rng.choice((None, "一件相关专利仍需持续监控", "海外市场的商标风险仍需跟进", None))
        self._step(
            run,
            "concluded",
            {"outcome": RISK_OUTCOMES[run.case.steps[-1]], "residual_risks": residual},
        )

    def _risk_payload(self, code: str, run: _Run, ip_types: list[IpType]) -> dict[str, Any]:
        rng = self.rng
        client, inst = run.client, run.inst
        sector = client.sector
        if code == "rules_improved":
            systems = sorted(rng.sample(list(RuleSystem), rng.randint(1, 2)), key=list(RuleSystem).index)
            documents = [rng.choice(RULE_DOCUMENTS[s]) for s in systems]
            return {
                "systems": [s.value for s in systems],
                "documents": documents,
                "gaps_found": rng.choice(RULE_GAPS),
            }
        if code == "risk_training_held":
            partners = [i.spec.name for i in self.insts if i.spec.kind in (_TISC, _WS) and i is not inst][:2]
            return {
                "partners": partners or [inst.spec.name],
                "audiences": [a.value for a in rng.sample(list(TrainingAudience), rng.randint(1, 2))],
                "topic": rng.choice(RISK_TRAINING_TOPICS),
                "lecturers": [*self._experts(sector, 1), rng.choice(inst.staff)],
                "trainees": rng.randint(8, 60),
            }
        if code == "risk_search_analysed":
            level = rng.choices(list(RiskPreventionLevel), (45, 40, 15))[0]
            hits = rng.randint(3, 40)
            findings = {
                RiskPreventionLevel.LOW: f"检索到相关专利{hits}件，均未覆盖拟采用的技术方案，侵权风险较低",
                RiskPreventionLevel.MEDIUM: f"检索到{hits}件相关有效专利，其中{rng.randint(1, 3)}件的权利要求"
                "与拟采用方案部分重合，建议调整工艺参数",
                RiskPreventionLevel.HIGH: f"发现{rng.randint(1, 2)}件有效发明专利的独立权利要求覆盖核心工艺，"
                "侵权风险高，建议规避设计或寻求许可",
            }[level]
            warnings = (
                []
                if level is RiskPreventionLevel.LOW
                else [
                    patent_number(rng, self._day(run.at).year - rng.randint(2, 8), 1) for _ in range(rng.randint(1, 3))
                ]
            )
            charged = client.size is EnterpriseSize.LARGE and rng.random() < 0.4  # free for micro, small and medium
            platforms = rng.sample(
                (SearchPlatform.CNIPA_PATENT_SEARCH, SearchPlatform.INCOPAT, SearchPlatform.EPO_ESPACENET), 2
            )
            return {
                "subject": rng.choice(sector.inventions),
                "ip_types": [t.value for t in ip_types],
                "databases": [SEARCH_PLATFORMS[p].name.zh for p in platforms],
                "risk_level": level.value,
                "findings": findings,
                "warnings": warnings,
                "report_no": self._number(inst, "FX", run.at),
                "fee_cny": f"{rng.choice((3000, 5000, 8000, 12000, 20000))}.00" if charged else "0",
            }
        if code == "referred_to_agency":
            law = rng.random() < 0.5
            return {
                "agency_kind": (RiskAgency.LAW_FIRM if law else RiskAgency.PATENT_AGENCY).value,
                "agency_name": rng.choice(LAW_FIRMS if law else PATENT_AGENCIES),
                "services": rng.choice(("出具不侵权法律意见", "合同知识产权条款审查"))
                if law
                else rng.choice(("规避设计与专利布局", "专利稳定性分析")),
            }
        raise AssertionError(f"no payload for step {code}")

    # Information search (5.1.8) ---------------------------------------------------------------------------

    def _life_info_search(self, run: _Run) -> Process:
        rng = self.rng
        client, inst = run.client, run.inst
        sector = client.sector
        ip = self._pick(sector.ip_weights)
        ip = ip if ip in (IpType.PATENT, IpType.TRADEMARK, IpType.COPYRIGHT) else IpType.PATENT
        purpose = self._pick(SEARCH_PURPOSES[ip])
        if ip is IpType.TRADEMARK:
            cls = rng.choice(sector.classes)
            subject = f"“{client.brand}”商标（第{cls}类）"
            query = f"“{client.brand}” 第{cls}类 近似查询（含拼音及图形要素）"
        elif ip is IpType.COPYRIGHT:
            software = sector in (SECTORS[6], ACADEMIC)
            subject = f"{client.short}的{'软件' if software else rng.choice(sector.products)}著作权登记信息"
            query = f"著作权人：{client.short}"
        elif purpose is SearchPurpose.LEGAL_STATUS:
            right = self._held_right(client, ip, self._day(run.at))
            subject = f"{right.title}（{right.number}）"
            query = f"申请号 {right.application_no}"
        else:
            keywords = rng.sample(sector.keywords, 2)
            subject = f"一种{rng.choice(sector.inventions)}"
            query = f"({keywords[0]} OR {keywords[1]}) AND {rng.choice(sector.products)}；IPC: {rng.choice(sector.ipc)}"
        self._open(
            run,
            {"ip_type": ip.value, "purpose": purpose.value, "subject": subject, "summary": SEARCH_SUMMARIES[purpose]},
        )
        yield self._later(run, 1, 96)
        platforms = self._platforms(ip, purpose)
        few = purpose is SearchPurpose.LEGAL_STATUS or ip is IpType.COPYRIGHT
        hits = rng.randint(1, 20) if few else rng.randint(8, 600)
        relevant = min(hits, rng.randint(0, 15))
        self._step(
            run,
            "basic_search_performed",
            {
                "platforms": [p.value for p in platforms],
                "query": query,
                "hits": hits,
                "relevant_hits": relevant,
                "findings": SEARCH_FINDINGS[purpose].format(n=relevant),
            },
        )
        if ip is IpType.PATENT and purpose is not SearchPurpose.LEGAL_STATUS and rng.random() < 0.2:
            yield self._later(run, 72, 360)
            self._step(
                run,
                "joint_search_arranged",
                {
                    "agency": rng.choice(PATENT_AGENCIES),
                    "scope": rng.choice(
                        ("全球范围新颖性、创造性检索及对比分析", "美国、欧洲同族专利检索", "主要竞争对手专利检索")
                    ),
                    "platforms": [rng.choice((SearchPlatform.INCOPAT, SearchPlatform.PATSNAP)).value],
                    "hits": rng.randint(100, 900),
                    "fee_cny": f"{rng.choice((800, 1200, 1800, 2500, 4000))}.00",
                    "findings": "补充检出境外同族文献若干，未改变基础检索结论",
                },
            )
        yield self._later(run, 4, 120)
        self._step(
            run,
            "results_delivered",
            {
                "delivered_to": self._contact(client),
                "channel": rng.choices(list(DeliveryChannel), (35, 40, 5, 20))[0].value,
                "conclusion": rng.choice(SEARCH_CONCLUSIONS[purpose]),
                "report_no": self._number(inst, "JS", run.at),
            },
        )

    def _platforms(self, ip: IpType, purpose: SearchPurpose) -> list[SearchPlatform]:
        rng = self.rng
        if ip is IpType.TRADEMARK:
            return [SearchPlatform.CHINA_TRADEMARK] + (
                [SearchPlatform.WIPO_BRAND_DATABASE] if rng.random() < 0.2 else []
            )
        if ip is IpType.COPYRIGHT:
            return [SearchPlatform.CHINA_COPYRIGHT] + ([SearchPlatform.CHINA_JUDGMENTS] if rng.random() < 0.2 else [])
        if purpose is SearchPurpose.LEGAL_STATUS:
            return [SearchPlatform.CNIPA_EXAMINATION_STATUS, SearchPlatform.CNIPA_PUBLICATION]
        extra = rng.choice(
            (SearchPlatform.EPO_ESPACENET, SearchPlatform.WIPO_PATENTSCOPE, SearchPlatform.CNIPA_PUBLICATION)
        )
        return [SearchPlatform.CNIPA_PATENT_SEARCH] + ([extra] if rng.random() < 0.5 else [])

    # Information analysis (5.1.9) ---------------------------------------------------------------------------

    def _life_info_analysis(self, run: _Run) -> Process:
        rng = self.rng
        client, inst = run.client, run.inst
        sector = client.sector
        purpose = rng.choices(list(AnalysisPurpose), (30, 20, 25, 15, 8, 2))[0]
        topic = rng.choice(sector.keywords)
        if purpose is AnalysisPurpose.COMPETITOR:
            subject = f"{self._opponent(client)}的{topic}专利布局"
        else:
            subject = f"{sector.tag if sector.fragments else topic}领域{topic}技术"
        self._open(run, {"purpose": purpose.value, "subject": subject, "summary": ANALYSIS_SUMMARIES[purpose]})
        yield self._later(run, 4, 168)
        more = [InfoCategory.LITERATURE, InfoCategory.TRADEMARK, InfoCategory.JUDICIAL, InfoCategory.TRANSACTION]
        categories = [InfoCategory.PATENT, InfoCategory.LEGAL_STATUS, *rng.sample(more, rng.randint(0, 2))]
        records = rng.randint(300, 20000)
        self._step(
            run,
            "information_organised",
            {
                "categories": [c.value for c in categories],
                "records": records,
                "scheme": rng.choice(PATENT_SCHEMES).value,
                "platforms": [SearchPlatform.CNIPA_PATENT_SEARCH.value]
                + (
                    [rng.choice((SearchPlatform.INCOPAT, SearchPlatform.WIPO_PATENTSCOPE)).value]
                    if rng.random() < 0.6
                    else []
                ),
                "other_sources": ["中国知网"] if InfoCategory.LITERATURE in categories else [],
            },
        )
        if rng.random() < 0.7:
            yield self._later(run, 24, 240)
            explained = rng.sample(categories, min(len(categories), rng.randint(1, 3)))
            self._step(
                run,
                "acquisition_explained",
                {
                    "methods": [{"category": c.value, **ACQUISITION[c]} for c in explained],
                    "explained_to": [self._contact(client)],
                },
            )
        yield self._later(run, 72, 480)
        kinds = rng.sample(list(AnalysisKind), rng.randint(2, 4))
        self._step(
            run,
            "basic_analysis_performed",
            {
                "kinds": [k.value for k in sorted(kinds, key=list(AnalysisKind).index)],
                "records_analysed": rng.randint(records // 2, records),
                "conclusions": rng.choice(ANALYSIS_CONCLUSIONS).format(topic=topic, rate=rng.randint(6, 25)),
            },
        )
        if rng.random() < 0.2:
            yield self._later(run, 168, 720)
            self._step(
                run,
                "joint_analysis_arranged",
                {
                    "agency": rng.choice(PATENT_AGENCIES),
                    "scope": f"{topic}技术专利导航分析",
                    "deliverable": rng.choice(("专利导航分析报告", "竞争对手专利预警报告", "专利布局建议书")),
                    "fee_cny": f"{rng.choice((8000, 15000, 30000, 50000))}.00",
                },
            )
        yield self._later(run, 24, 240)
        self._step(
            run,
            "analysis_delivered",
            {
                "report_title": f"{topic}技术专利态势分析",
                "delivered_to": client.short,
                "channel": rng.choices(list(DeliveryChannel), (40, 35, 5, 20))[0].value,
                "recommendations": rng.choice(ANALYSIS_ADVICE).format(topic=topic),
                "report_no": self._number(inst, "FXBG", run.at),
            },
        )

    # Training (5.1.10) ------------------------------------------------------------------------------------

    def _life_training(self, run: _Run) -> Process:
        rng = self.rng
        client, inst = run.client, run.inst
        courses = sorted(rng.sample(list(Course), rng.randint(2, 3)), key=list(Course).index)
        self._open(run, {"summary": f"{client.short}知识产权基础知识培训"})
        for n in range(rng.choices((1, 2), (75, 25))[0]):
            yield self._later(run, *((2.0, 96.0) if n == 0 else (24.0, 240.0)))
            methods = rng.sample(list(TrainingSurvey), rng.randint(1, 2))
            self._step(
                run,
                "needs_surveyed",
                {
                    "methods": [m.value for m in sorted(methods, key=list(TrainingSurvey).index)],
                    "respondents": rng.randint(5, 80),
                    "courses_wanted": [c.value for c in courses] if n == 0 else [],
                    "topics_wanted": [] if n == 0 else [rng.choice(TRAINING_NEEDS)],
                },
            )
        yield self._later(run, 48, 336)
        session_day = self._working_moment(self._day(run.at) + timedelta(days=rng.randint(10, 35)))
        names = "、".join(COURSES[c].zh for c in courses[:2])
        plan = {
            "title": f"{self._day(session_day).year}年{client.short}知识产权培训班（{names}）",
            "planned_on": self._day(session_day).isoformat(),
            "lecturers": [*self._experts(client.sector, 1), rng.choice(inst.staff)],
            "courses": [c.value for c in courses],
            "audience": f"{client.short}{'师生' if client.group == 'university' else '研发与管理人员'}",
        }
        confirmed_at_once = rng.random() < 0.55
        self._step(run, "training_planned", {**plan, "courseware_confirmed": confirmed_at_once})
        if not confirmed_at_once:  # 5.1.10.b: the lecturers confirm the courseware, then the plan is recorded again
            yield self._later(run, 24, 168)
            self._step(run, "training_planned", {**plan, "courseware_confirmed": True})
        venue = rng.choice((f"{client.short}会议室", f"{inst.spec.name}培训室", "线上（腾讯会议）"))
        attendees = [self._person() for _ in range(rng.randint(2, 5))]
        run.respondents = list(attendees)
        for n in range(rng.choices((1, 2), (75, 25))[0]):
            if n == 0:
                run.at = max(session_day, self._office(run.at + timedelta(hours=2)))
                yield run.at
            else:
                yield self._later(run, 168, 720)
            count = rng.randint(15, 150)
            self._step(
                run,
                "session_held",
                {
                    "venue": venue if n == 0 else "线上（腾讯会议）",
                    "attendees_count": count,
                    "attendees": attendees if n == 0 else [],
                },
            )
            yield self._later(run, 1, 72)
            mean = round(rng.uniform(3.9, 4.9), 1)
            self._step(
                run,
                "satisfaction_surveyed",
                {
                    "responses": rng.randint(max(1, count // 2), count),
                    "mean_score": f"{mean:.1f}",
                    "satisfied_percent": f"{min(100.0, round(20 * mean - 2 + rng.uniform(-3, 3), 1)):.1f}",
                    "comments": rng.sample(TRAINING_COMMENTS, rng.randint(0, 2)),
                },
            )
        yield self._later(run, 24, 240)
        self._step(
            run,
            "records_kept",
            {
                "archive_no": self._number(inst, "PX", run.at),
                "attendee_records": [{"name": a, "organisation": client.short} for a in attendees],
                "questions_collected": rng.sample(TRAINING_QUESTIONS, rng.randint(1, 3)),
                "follow_up_needs": rng.sample(TRAINING_NEEDS, rng.randint(1, 2)),
            },
        )

    # Publicity (5.1.11) ----------------------------------------------------------------------------------

    def _life_publicity(self, run: _Run) -> Process:
        rng = self.rng
        client, inst = run.client, run.inst
        occasion: KeyOccasion | None = run.plan.extra.get("occasion")
        day: date | None = run.plan.extra.get("day")
        exhibition: str | None = run.plan.extra.get("exhibition")
        opened = self._day(run.at)
        if occasion is not None and day is not None:
            label = KEY_OCCASIONS[occasion].zh.split("（")[0]
            title = f"{day.year}年{exhibition or label}知识产权宣传活动方案"
            theme = rng.choice(PUBLICITY_THEMES[occasion])
            starts, ends = day - timedelta(days=6), day + timedelta(days=rng.randint(3, 14))
            summary = f"{day.year}年{exhibition or label}系列宣传活动（联合{client.short}）"
        else:
            topic = rng.choice(("商标知识", "专利申请常识", "著作权保护", "地理标志知识", "打击侵权假冒"))
            starts, ends = opened + timedelta(days=7), opened + timedelta(days=rng.randint(30, 60))
            title = f"{starts.year}年{starts.month}月{topic}日常普法宣传"
            theme = topic
            summary = f"面向{client.short}的{topic}日常宣传"
        channels = sorted(rng.sample(list(PublicityChannel)[:6], rng.randint(2, 4)), key=list(PublicityChannel).index)
        self._open(run, {"summary": summary})
        yield self._later(run, 4, 120)
        self._step(
            run,
            "publicity_planned",
            {
                "title": title,
                "theme": theme,
                "starts_on": starts.isoformat(),
                "ends_on": ends.isoformat(),
                "occasions": [occasion.value] if occasion else [],
                "channels": [c.value for c in channels],
                "audience": f"{client.short}及周边群众" if occasion else f"{client.short}",
            },
        )
        yield self._later(run, 48, 240)
        self._step(run, "materials_prepared", {"materials": self._materials()})
        posts = [(topic, title) for topic, titles in DAILY_TITLES.items() for title in titles]
        for topic_code, post in rng.sample(posts, rng.randint(0, 2) if occasion else rng.randint(2, 4)):
            yield self._later(run, 72, 240)
            self._step(
                run,
                "daily_publicity_posted",
                {
                    "channels": [c.value for c in rng.sample(channels, min(len(channels), 2))],
                    "topic": topic_code.value,
                    "title": post,
                },
            )
        handed = 0
        if occasion is not None and day is not None:
            campaign = datetime.combine(day, time(9, 30), CST)
            run.at = campaign if campaign > run.at else self._after(run.at, 1, 24)
            yield run.at
            participants = rng.randint(150, 900)
            handed = rng.randint(participants, participants * 3)
            self._step(
                run,
                "key_date_campaign_held",
                {
                    "occasion": occasion.value,
                    "exhibition": exhibition,
                    "venue": rng.choice(CAMPAIGN_VENUES).format(client=client.short)
                    if exhibition is None
                    else "青海国际会展中心",
                    "activities": rng.choice(CAMPAIGN_ACTIVITIES),
                    "participants": participants,
                    "materials_handed_out": handed,
                },
            )
        yield self._later(run, 2, 72)
        self._step(run, "media_collected", {"items": self._media(inst, run.at)})
        yield self._later(run, 72, 336)
        views = rng.randint(2000, 30000)
        done = (
            f"现场发放宣传资料{handed}份，"
            if handed
            else f"发布宣传内容{run.case.steps.count('daily_publicity_posted')}篇，"
        )
        self._step(
            run,
            "activity_reported",
            {
                "summary": f"{title.removesuffix('方案')}已完成，{done}线上阅读量{views}次",
                "outlets": rng.sample(REPORT_OUTLETS, rng.randint(1, 3)),
                "people_reached": rng.randint(200, 3000) if handed else rng.randint(50, 400),
                "online_views": views,
            },
        )

    def _materials(self) -> list[dict[str, Any]]:
        rng = self.rng
        chosen = rng.sample(MATERIALS, rng.randint(1, 3))
        return [
            {"kind": kind.value, "title": title, **({"quantity": rng.choice(amounts)} if amounts else {})}
            for kind, title, amounts in chosen
        ]

    def _media(self, inst: _Inst, at: datetime) -> list[dict[str, Any]]:
        number = self._number(inst, "XC", at)
        kinds = [MediaKind.PHOTO] + ([MediaKind.VIDEO] if self.rng.random() < 0.5 else [])
        return [
            {
                "kind": k.value,
                "caption": {MediaKind.PHOTO: "宣传活动照片", MediaKind.VIDEO: "宣传活动视频"}[k],
                "archive_no": f"{number}-{k.value[0].upper()}{n:02d}",
            }
            for n, k in enumerate(kinds, start=1)
        ]

    # Compliance guidance (5.1.12) -----------------------------------------------------------------------

    def _life_compliance_guidance(self, run: _Run) -> Process:
        rng = self.rng
        client = run.client
        big = client.size in (EnterpriseSize.MEDIUM, EnterpriseSize.LARGE)
        has_system = big and rng.random() < 0.4
        self._open(run, {"summary": f"{client.short}拟开展知识产权合规管理体系建设"})
        yield self._later(run, 24, 240)
        areas = sorted(rng.sample(list(ComplianceArea), rng.randint(3, 5)), key=list(ComplianceArea).index)
        self._step(
            run,
            "compliance_surveyed",
            {
                "methods": [
                    m.value
                    for m in sorted(
                        rng.sample(list(ComplianceSurvey), rng.randint(1, 3)), key=list(ComplianceSurvey).index
                    )
                ],
                "areas": [a.value for a in areas],
                "findings": rng.choice(COMPLIANCE_FINDINGS),
                "has_management_system": has_system,
                "certified_standard": "GB/T 29490-2013" if has_system and rng.random() < 0.5 else None,
            },
        )
        yield self._later(run, 72, 480)
        self._step(
            run,
            "difficulties_analysed",
            {
                "difficulties": rng.sample(COMPLIANCE_DIFFICULTIES, rng.randint(1, 3)),
                "weak_areas": [a.value for a in rng.sample(areas, rng.randint(1, 2))],
                "risk_level": rng.choices(list(ComplianceRisk), (25, 55, 20))[0].value,
                "analysis": "企业处于快速成长期，制度建设滞后于研发投入" if not big else "制度较完善但执行与考核不到位",
            },
        )
        yield self._later(run, 72, 480)
        self._compliance_guided(run)
        next_on = self._day(run.at) + timedelta(days=rng.randint(22, 32))  # the first: within 20 working days
        well = 0
        for n in range(5):
            yield self._around(run, next_on, 4, 4 if rng.random() < 0.85 else 30)
            running = rng.choices(list(RunningState), (25 + 25 * n, 55, 20 - 4 * n))[0]
            well += running is RunningState.RUNNING_WELL
            next_on = self._day(run.at) + timedelta(days=rng.randint(60, 120))
            self._step(
                run,
                "compliance_followed_up",
                {
                    "running": running.value,
                    "observations": COMPLIANCE_OBSERVATIONS[running],
                    "issues": [] if running is RunningState.RUNNING_WELL else [rng.choice(COMPLIANCE_ISSUES)],
                    "next_follow_up": next_on.isoformat(),
                },
            )
            if well >= rng.choice((1, 2)):
                break
            if n < 4 and running is not RunningState.RUNNING_WELL and rng.random() < 0.6:
                yield self._later(run, 24, 240)
                self._compliance_guided(run)
        if well:
            yield self._later(run, 24, 240)
            reason = rng.choices((EndReason.SYSTEM_RUNNING, EndReason.CERTIFIED), (80, 20))[0]
        else:
            yield self._later(run, 240, 720)
            reason = EndReason.CLIENT_DECLINED
        self._step(run, "follow_up_ended", {"reason": reason.value, "summary": COMPLIANCE_ENDINGS[reason]})

    def _compliance_guided(self, run: _Run) -> None:
        rng = self.rng
        self._step(
            run,
            "system_guided",
            {
                "measures": rng.sample(COMPLIANCE_MEASURES, rng.randint(1, 3)),
                "reference_standard": COMPLIANCE_STANDARD,
                "client_contact": self._contact(run.client),
                "target_date": (self._day(run.at) + timedelta(days=rng.randint(90, 180))).isoformat(),
            },
        )

    # IP finance (5.1.13) -----------------------------------------------------------------------------------

    def _life_ip_finance(self, run: _Run) -> Process:
        rng = self.rng
        client, inst = run.client, run.inst
        kinds = list(FinanceKind)
        weights = (8, 60, 12, 4 if client.size is EnterpriseSize.LARGE else 0, 16)
        kind = rng.choices(kinds, weights)[0]
        pledge = kind is FinanceKind.CREDIT and rng.random() < 0.7
        purpose = rng.choice(FINANCE_PURPOSES)
        patents = rng.randint(2, 12)
        intake_summary = {
            FinanceKind.CREDIT: f"拟以{patents}件发明专利质押申请贷款，用于{purpose}"
            if pledge
            else f"申请科技型企业信用贷款，用于{purpose}",
            FinanceKind.GUARANTEE: f"申请知识产权质押融资担保，用于{purpose}",
            FinanceKind.INSURANCE: "为核心专利投保知识产权保险",
            FinanceKind.INVESTMENT: "寻求科技成果转化股权投资",
            FinanceKind.SECURITIES: "参与知识产权证券化产品融资",
        }[kind]
        self._open(run, {"finance_kind": kind.value, "pledge_loan": pledge, "summary": intake_summary})
        institutions, products = FINANCE_PRODUCTS[kind]
        yield self._later(run, 24, 240)
        small = client.size in (EnterpriseSize.MICRO, EnterpriseSize.SMALL)
        gap = rng.choice((100, 200, 300, 500) if small else (500, 800, 1000, 2000, 3000))
        self._step(
            run,
            "enterprise_visited",
            {
                "visited_on": self._day(run.at).isoformat(),
                "visitors": rng.sample(inst.staff, min(2, len(inst.staff))),
                "needs": [kind.value],
                "findings": f"企业拟{purpose}，资金缺口约{gap}万元，持有有效发明专利{patents}件",
            },
        )
        if rng.random() < 0.35:
            yield self._later(run, 72, 480)
            self._step(
                run,
                "special_training_held",
                {
                    "held_on": self._day(run.at).isoformat(),
                    "institutions": [*rng.sample(BANKS, 2), GUARANTORS[0]],
                    "topic": "知识产权质押融资政策与操作实务专场培训",
                    "attendees": rng.randint(20, 80),
                },
            )
        institution = rng.choice(institutions)
        product = products[0] if pledge else rng.choice(products[1:] or products)
        yield self._later(run, 72, 480)
        self._step(
            run,
            "institution_matched",
            {"institution": institution, "product": product, "contact": f"{self._person()}（客户经理）"},
        )
        if rng.random() < 0.7:
            yield self._later(run, 24, 168)
            self._step(
                run,
                "point_to_point_service",
                {
                    "institution": institution,
                    "served_on": self._day(run.at).isoformat(),
                    "content": rng.choice(FINANCE_SERVICE),
                },
            )
        yield self._later(run, 48, 240)  # tracked within ten working days of the match
        applied_on = self._day(run.at) - timedelta(days=rng.randint(0, 5))
        amount = gap * 10000 if kind is not FinanceKind.INSURANCE else rng.choice((20, 50, 100, 200)) * 10000
        applied = {
            "institution": institution,
            "amount_applied_cny": f"{amount}.00",
            "applied_on": applied_on.isoformat(),
        }
        self._step(run, "financing_tracked", {**applied, "outcome": FinancingOutcome.PENDING.value})
        if rng.random() < 0.3:
            yield self._later(run, 240, 480)
            self._step(
                run, "financing_tracked", {**applied, "outcome": FinancingOutcome.PENDING.value, "note": "仍在审批中"}
            )
        yield self._later(run, 240, 1080)
        outcome = rng.choices(
            (FinancingOutcome.GRANTED, FinancingOutcome.PARTLY_GRANTED, FinancingOutcome.REFUSED), (55, 25, 20)
        )[0]
        day = self._day(run.at)
        decided: dict[str, Any] = {**applied, "outcome": outcome.value}
        if outcome is not FinancingOutcome.REFUSED:
            granted = amount if outcome is FinancingOutcome.GRANTED else amount * rng.choice((4, 5, 6, 7, 8)) // 10
            decided |= {
                "amount_granted_cny": f"{granted}.00",
                "granted_on": (
                    applied_on + timedelta(days=rng.randint(1, max(1, (day - applied_on).days)))
                ).isoformat(),
            }
        self._step(run, "financing_tracked", decided)
        yield self._later(run, 24, 240)
        summary = {
            FinancingOutcome.GRANTED: f"获批{product}{amount // 10000}万元，已办理相关登记",
            FinancingOutcome.PARTLY_GRANTED: f"获批{product}，金额低于申请额度，企业接受",
            FinancingOutcome.REFUSED: "金融机构未予批准，已告知企业可完善材料后再行申请",
        }[outcome]
        self._step(run, "financing_concluded", {"summary": summary})

    # Transfer and licensing (5.1.14) ----------------------------------------------------------------------

    def _life_transfer_license(self, run: _Run) -> Process:
        rng = self.rng
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
        kind = rng.choices(list(ContractKind), (5, 10, 25, 60) if ip is IpType.TRADEMARK else (35, 20, 15, 30))[0]
        day = self._day(run.at)
        if grantor:
            held = {
                r.key: r
                for r in (self._held_right(client, ip, day) for _ in range(rng.choices((1, 2, 3), (70, 20, 10))[0]))
            }
            rights = [{"ip_type": ip.value, "number": r.number, "title": r.title} for r in held.values()]
            peers = [c.short for c in self.people if c.group == "enterprise" and c is not client and c.sector is sector]
            counterparty = rng.choice(peers) if peers and rng.random() < 0.6 else self._company_like(client)
        else:
            counterparty = (
                rng.choice(UNIVERSITIES + RESEARCH_INSTITUTES) if ip is IpType.PATENT else self._company_like(client)
            )
            rights = [
                {
                    "ip_type": ip.value,
                    "number": patent_number(rng, day.year - rng.randint(1, 6), 1)
                    if ip is IpType.PATENT
                    else str(rng.randrange(10**7, 8 * 10**7))
                    if ip is IpType.TRADEMARK
                    else f"{day.year - 1}SR{rng.randrange(10**7):07d}",
                    "title": f"一种{rng.choice(sector.inventions)}"
                    if ip is IpType.PATENT
                    else f"{rng.choice(sector.products)}相关{IP_TYPE_LABELS[ip].zh}",
                }
            ]
        title = rights[0]["title"]
        deal = CONTRACT_NAMES[kind]
        self._open(
            run,
            {
                "ip_type": ip.value,
                "client_side": (ClientSide.GRANTOR if grantor else ClientSide.GRANTEE).value,
                "summary": f"拟将{title}{deal}给{counterparty}"
                if grantor
                else f"拟通过{deal}取得{counterparty}的{title}",
            },
        )
        value = rng.choice((5, 8, 10, 20, 30, 50, 80, 120, 200, 300)) * 10000
        if rng.random() < 0.6:  # 5.1.14.a
            yield self._later(run, 72, 480)
            firm, prefix = rng.choice(VALUATION_FIRMS)
            valued = self._day(run.at)
            self._step(
                run,
                "valuation_referred",
                {
                    "institution": firm,
                    "method": rng.choices(list(ValuationMethod), (60, 25, 15))[0].value,
                    "valuation_cny": f"{value}.00",
                    "valued_on": valued.isoformat(),
                    "report_no": f"{prefix}〔{valued.year}〕第{self._serial(inst, prefix, valued.year):03d}号",
                },
            )
        terms: dict[str, Any] = {
            "contract_kind": kind.value,
            "counterparty": counterparty,
            "rights": rights,
            "consideration_cny": f"{value * rng.choice((8, 9, 10, 11)) // 10}.00",
        }
        if kind is not ContractKind.ASSIGNMENT:
            start = self._day(run.at) + timedelta(days=rng.randint(20, 75))
            years = rng.randint(3, 10)
            terms |= {
                "term_from": start.isoformat(),
                "term_to": (start.replace(year=start.year + years) - timedelta(days=1)).isoformat(),
                "territory": rng.choice(("中国大陆", "青海省", "中国大陆", "全球")),
            }
        for n in range(rng.choices((1, 2, 3), (50, 35, 15))[0]):
            yield self._later(run, 72, 480)
            self._step(run, "contract_guided", {**terms, "advice": CONTRACT_ADVICE[kind is ContractKind.ASSIGNMENT][n]})
        last_draft = self._day(run.at)
        yield self._later(run, 72, 720)
        day = self._day(run.at)
        archived: dict[str, Any] = {"archive_no": self._number(inst, "ZX", run.at)}
        signed = rng.random() < 0.8
        if signed:
            signed_on = max(last_draft, day - timedelta(days=rng.randint(0, 5)))
            archived |= {
                "outcome": DealOutcome.SIGNED.value,
                "signed_on": signed_on.isoformat(),
                "recorded_with_authority": rng.random() < 0.75,
            }
        else:
            archived |= {
                "outcome": DealOutcome.ABANDONED.value,
                "note": rng.choice(("受让方放弃交易", "双方对许可使用费未能达成一致", "评估价值与对方预期差距较大")),
            }
        self._step(run, "archived", archived)
        if signed and rng.random() < 0.25:  # 5.1.14.c
            yield self._later(run, 336, 1440)
            who = "高校" if client.group == "university" else "科研院所" if client.group == "institute" else "企业"
            self._step(
                run,
                "typical_case_written",
                {
                    "title": f"{who}{title.removeprefix('一种')}{IP_TYPE_LABELS[ip].zh}{deal}案",
                    "summary": f"{inst.spec.name}指导{client.short}与{counterparty}完成{deal}，"
                    f"{'交易前委托评估确定价格基准，' if 'valuation_referred' in run.case.steps else ''}"
                    "多轮完善合同条款，明确改进技术归属与保密义务",
                    "tags": [f"{IP_TYPE_LABELS[ip].zh}{deal}", sector.tag],
                },
            )

    # The generic services of 5.1.1 ----------------------------------------------------------------------

    def _life_fast_examination(self, run: _Run) -> Process:
        rng = self.rng
        client, inst = run.client, run.inst
        title = f"一种{rng.choice(client.sector.inventions)}"
        self._open(
            run,
            {
                "need": f"{title}发明专利申请，希望通过保护中心预审通道加快审查",
                "ip_type": IpType.PATENT.value,
                "summary": "专利快速预审",
            },
        )
        yield self._later(run, 24, 240)
        day = self._day(run.at)
        self._step(
            run,
            "service_delivered",
            {
                "delivered_on": day.isoformat(),
                "delivered_by": self._staff(inst, 1),
                "content": "指导完成保护中心备案，提交专利预审申请，预审合格后转入国家知识产权局快速审查通道",
                "reference_no": f"YS{day.year}-{self._serial(inst, 'YS', day.year):04d}",
            },
        )
        right = self._file_right(client, IpType.PATENT, day, title, kind=1)
        right.examining_on = day + timedelta(days=rng.randint(10, 25))
        decided = day + timedelta(days=rng.randint(60, 150))
        if rng.random() < 0.9:
            self._grant(right, decided)
        else:
            right.outcome, right.decided_on, right.registration_no = RightStatus.REJECTED, decided, None
        next_on = day + timedelta(days=rng.randint(20, 45))
        yield self._later(run, 72, 360)
        self._step(
            run,
            "followed_up",
            {
                "method": FollowUpMethod.PHONE.value,
                "result": rng.choice(
                    ("预审合格，已转入国家知识产权局快速审查通道", "预审提出补正意见，企业修改后已合格")
                ),
                "next_follow_up_on": next_on.isoformat(),
            },
        )
        office_action = rng.random() < 0.6
        while next_on < decided - timedelta(days=10):  # followed up while it is examined
            yield self._around(run, next_on, 3, 5)
            if office_action:
                office_action = False
                self._step(
                    run,
                    "service_delivered",
                    {
                        "delivered_on": self._day(run.at).isoformat(),
                        "delivered_by": self._staff(inst, 1),
                        "content": "协助企业答复第一次审查意见通知书，修改权利要求",
                    },
                )
                yield self._later(run, 24, 120)
                result = "意见陈述书和修改文本已提交，等待审查"
            else:
                result = "仍在审查中，暂无新的审查意见"
            next_on = self._day(run.at) + timedelta(days=rng.randint(20, 40))
            self._step(
                run,
                "followed_up",
                {"method": FollowUpMethod.PHONE.value, "result": result, "next_follow_up_on": next_on.isoformat()},
            )
        yield self._around(run, decided + timedelta(days=rng.randint(3, 15)), 0, 5)
        status = right.status_at(self._day(run.at))
        months = max(2, (self._day(run.at) - day).days // 30)
        result = {
            RightStatus.GRANTED: f"发明专利已授权（{right.registration_no}），自预审受理起约{months}个月",
            RightStatus.REJECTED: "审查员坚持驳回意见，建议企业提出复审请求",
        }.get(status, "仍在快速审查中")
        self._step(
            run,
            "followed_up",
            {
                "method": rng.choice((FollowUpMethod.PHONE, FollowUpMethod.ONLINE)).value,
                "result": result,
                "satisfaction": rng.choices(
                    _SCORES, (1, 2, 8, 35, 54) if status is RightStatus.GRANTED else (5, 15, 40, 30, 10)
                )[0],
            },
        )
        yield self._later(run, 2, 120)
        self._step(run, "closed", {"outcome": "发明专利已快速授权" if status is RightStatus.GRANTED else result})

    def _life_data_ip_registration(self, run: _Run) -> Process:
        rng = self.rng
        client, inst = run.client, run.inst
        dataset = rng.choice(client.sector.datasets or ("业务运营数据集",))
        self._open(
            run,
            {
                "need": f"{client.short}积累的{dataset}拟申请数据知识产权登记",
                "ip_type": IpType.DATA_IP.value,
                "summary": "数据知识产权登记引导",
            },
        )
        yield self._later(run, 24, 240)
        self._step(
            run,
            "service_delivered",
            {
                "delivered_on": self._day(run.at).isoformat(),
                "delivered_by": self._staff(inst, 2),
                "content": "讲解数据知识产权登记条件与流程，指导准备数据来源合法性说明、数据样例和存证材料",
            },
        )
        yield self._later(run, 168, 720)
        filed = self._day(run.at) - timedelta(days=rng.randint(1, 5))
        right = self._file_right(client, IpType.DATA_IP, filed, dataset)
        self._step(run, "followed_up", {"method": FollowUpMethod.ONLINE.value, "result": "登记申请已提交，进入公示期"})
        yield self._around(run, (right.decided_on or filed) + timedelta(days=rng.randint(2, 10)), 0, 5)
        self._step(
            run,
            "followed_up",
            {
                "method": FollowUpMethod.PHONE.value,
                "result": f"公示期满无异议，已取得登记证书（{right.number}）",
                "satisfaction": rng.choices(_SCORES, (1, 2, 8, 35, 54))[0],
            },
        )
        if rng.random() < 0.3:
            yield self._later(run, 168, 720)
            self._step(
                run,
                "service_delivered",
                {
                    "delivered_on": self._day(run.at).isoformat(),
                    "delivered_by": self._staff(inst, 1),
                    "content": "协助开展数据资产入表和数据知识产权质押融资的可行性分析",
                    "reference_no": right.number,
                },
            )
            yield self._later(run, 168, 720)
            self._step(
                run, "followed_up", {"method": FollowUpMethod.VISIT.value, "result": "企业已与银行初步对接质押融资"}
            )
        yield self._later(run, 2, 168)
        self._step(run, "closed", {"outcome": "取得数据知识产权登记证书"})

    def _life_electronic_evidence(self, run: _Run) -> Process:
        rng = self.rng
        client, inst = run.client, run.inst
        weights = dict(client.sector.ip_weights)
        ip = (
            IpType.TRADEMARK
            if weights.get(IpType.TRADEMARK, 0) >= weights.get(IpType.COPYRIGHT, 0)
            else IpType.COPYRIGHT
        )
        infringer = self._opponent(client)
        channel = rng.choice(SALES_CHANNELS[:4])
        product = rng.choice(client.sector.products)
        need = (
            f"在{channel}发现{infringer}销售仿冒“{client.brand}”的{product}，需要固定网页侵权证据"
            if ip is IpType.TRADEMARK
            else f"发现{infringer}在{channel}未经许可使用其{product}相关作品，需要固定侵权证据"
        )
        self._open(run, {"need": need, "ip_type": ip.value, "summary": "网页侵权证据电子存证"})
        yield self._later(run, 0.5, 48)
        day = self._day(run.at)
        self._step(
            run,
            "service_delivered",
            {
                "delivered_on": day.isoformat(),
                "delivered_by": self._staff(inst, 1),
                "content": "指导使用区块链电子存证平台对侵权网页、商品链接和交易记录进行取证固定",
                "reference_no": f"CZ-{day:%Y%m%d}-{rng.randrange(1, 10000):04d}",
            },
        )
        yield self._later(run, 72, 480)
        result = rng.choice(EVIDENCE_RESULTS)
        self._step(
            run,
            "followed_up",
            {
                "method": rng.choice(list(FollowUpMethod)).value,
                "result": result,
                "satisfaction": rng.choices(_SCORES, (1, 2, 8, 35, 54))[0],
            },
        )
        yield self._later(run, 2, 168)
        self._step(run, "closed", {"outcome": f"证据固定完成，{result}"})

    def _life_qinghai_industry(self, run: _Run) -> Process:
        rng = self.rng
        client, inst = run.client, run.inst
        sector = client.sector
        need = rng.choice(INDUSTRY_NEEDS[sector.tag])
        ip = {"藏毯文创": IpType.COPYRIGHT, "生物医药": IpType.PATENT}.get(sector.tag, IpType.TRADEMARK)
        self._open(run, {"need": f"{client.short}{need}", "ip_type": ip.value, "summary": f"{sector.tag}特色产业帮扶"})
        rounds = rng.choices((1, 2), (60, 40))[0]
        for n in range(rounds):
            yield self._later(run, *((24.0, 240.0) if n == 0 else (168.0, 720.0)))
            self._step(
                run,
                "service_delivered",
                {
                    "delivered_on": self._day(run.at).isoformat(),
                    "delivered_by": self._staff(inst, 2),
                    "content": QINGHAI_SERVICES[ip][n],
                },
            )
            yield self._later(run, 168, 720)
            last = n == rounds - 1
            self._step(
                run,
                "followed_up",
                {
                    "method": rng.choice((FollowUpMethod.VISIT, FollowUpMethod.PHONE)).value,
                    "result": QINGHAI_RESULTS[ip][n],
                    "satisfaction": rng.choices(_SCORES, (1, 2, 8, 35, 54))[0] if last else None,
                },
            )
        yield self._later(run, 24, 240)
        self._step(run, "closed", {"outcome": QINGHAI_RESULTS[ip][rounds - 1]})

    # Featured services (5.2) ---------------------------------------------------------------------------

    def _life_key_industry(self, run: _Run) -> Process:
        rng = self.rng
        client, inst = run.client, run.inst
        sector = client.sector
        industry = sector.key_industry or KeyIndustry.NEW_MATERIALS
        label = KEY_INDUSTRY_LABELS[industry].zh
        self._open(
            run,
            {
                "industry": industry.value,
                "chain_segment": rng.choice(CHAIN_SEGMENTS.get(industry, ("产业链关键环节",))),
                "summary": f"{label}产业专利导航与重点企业服务",
            },
        )
        yield self._later(run, 72, 480)
        peers = [c.short for c in self.people if c.sector is sector and c is not client and c.group == "enterprise"]
        self._step(
            run,
            "industry_surveyed",
            {
                "surveyed_on": self._day(run.at).isoformat(),
                "enterprises": [client.short, *rng.sample(peers, min(len(peers), rng.randint(1, 3)))],
                "current_state": rng.choice(INDUSTRY_STATES).format(label=label),
                "problems": rng.choice(INDUSTRY_PROBLEMS),
            },
        )
        yield self._later(run, 960, 2400)
        analysed = rng.randint(3000, 25000)
        keyword = rng.choice(sector.keywords)
        self._step(
            run,
            "patent_navigation_done",
            {
                "report_title": f"西宁市{label}产业专利导航分析报告",
                "report_no": self._number(inst, "DH", run.at, 2),
                "completed_on": self._day(run.at).isoformat(),
                "patents_analysed": analysed,
                "findings": f"{keyword}方向专利集中度较高，{rng.choice(sector.keywords)}方向存在布局空白点，"
                "建议重点突破",
            },
        )
        work = ["patent_database_built", "courses_designed", "portfolio_planned", "high_value_patent_cultivated"]
        if industry in SEP_STANDARDS:
            work.append("sep_guidance_given")
        if industry in (KeyIndustry.PLATEAU_AGRICULTURE, KeyIndustry.ECO_TOURISM, KeyIndustry.BIOMEDICINE):
            work.append("brand_cultivation_guided")
        done = []
        for code in rng.sample(work, rng.randint(2, min(4, len(work)))):
            yield self._later(run, 240, 1500)
            self._step(run, code, self._industry_work(code, run, industry, analysed))
            done.append(INDUSTRY_WORK_NAMES[code])
        yield self._later(run, 240, 1080)
        self._step(
            run,
            "service_concluded",
            {
                "results": f"完成{label}产业专利导航，{'、'.join(done)}",
                "satisfaction": rng.choices(_SCORES, (0, 1, 5, 40, 54))[0],
            },
        )

    def _industry_work(self, code: str, run: _Run, industry: KeyIndustry, analysed: int) -> dict[str, Any]:
        rng = self.rng
        client = run.client
        sector = client.sector
        label = KEY_INDUSTRY_LABELS[industry].zh
        keywords = rng.sample(sector.keywords, 3)
        if code == "patent_database_built":
            return {
                "database_name": f"西宁{label}产业专利专题数据库",
                "records": analysed + rng.randint(0, 800),
                "tagging_scheme": f"按{'、'.join(keywords)}等技术分支及申请人、法律状态标引",
            }
        if code == "courses_designed":
            return {
                "courses": [f"{label}产业专利态势解读", f"{keywords[0]}专利挖掘与撰写实务", "海外专利布局与风险规避"][
                    : rng.randint(2, 3)
                ],
                "audience": f"{label}企业研发人员与知识产权管理人员",
            }
        if code == "portfolio_planned":
            return {
                "technology_areas": keywords[: rng.randint(2, 3)],
                "target_regions": ["中国", *rng.sample(("美国", "欧洲", "日本", "东南亚", "智利"), rng.randint(0, 2))],
                "planned_filings": rng.randint(8, 40),
                "plan": f"围绕{keywords[0]}核心技术构建专利组合，同步提交PCT申请",
            }
        if code == "high_value_patent_cultivated":
            day = self._day(run.at)
            held = {r.key: r for r in (self._held_right(client, IpType.PATENT, day) for _ in range(rng.randint(1, 3)))}
            return {
                "project": f"{keywords[0]}高价值专利培育项目",
                "patents": [r.number for r in held.values()],
                "criteria": "技术先进、权利稳定、市场前景好，覆盖核心工艺和关键设备",
            }
        if code == "sep_guidance_given":
            topics = sorted(rng.sample(list(SepTopic), rng.randint(1, 3)), key=list(SepTopic).index)
            payload: dict[str, Any] = {
                "topics": [t.value for t in topics],
                "standard": rng.choice(SEP_STANDARDS[industry]),
                "advice": "许可报价应参照可比许可协议并说明计费依据，保留谈判记录以证明符合FRAND承诺",
            }
            if SepTopic.JURISDICTION in topics:
                payload["jurisdictions"] = ["中国", rng.choice(("德国", "英国", "美国"))]
            if SepTopic.ROYALTY_CALCULATION in topics:
                payload |= {
                    "royalty_rate": rng.choice(("0.005", "0.01", "0.015", "0.02")),
                    "royalty_base_cny": f"{rng.randint(50, 800) * 10000}.00",
                }
            return payload
        if code == "brand_cultivation_guided":
            return {
                "brands": [client.brand],
                "nice_classes": sorted(rng.sample(sector.classes, min(len(sector.classes), 2))),
                "strategy": "统一企业字号与产品商标，在核心类别全类注册，培育区域品牌并申请使用地理标志专用标志",
            }
        raise AssertionError(f"no payload for step {code}")

    def _life_key_enterprise(self, run: _Run) -> Process:
        rng = self.rng
        client, inst = run.client, run.inst
        year: int = run.plan.extra["year"]
        industry = client.sector.key_industry
        basis = [DESIGNATION_NAMES[d] for d in client.designations]
        if industry is not None:
            basis.append(f"{KEY_INDUSTRY_LABELS[industry].zh}产业链重点企业")
        self._open(run, {"summary": f"{client.short}，{year}年度重点服务企业"})
        yield self._later(run, 0.5, 72)
        self._step(
            run,
            "directory_listed",
            {"year": year, "industry": industry.value if industry else None, "basis": "、".join(basis)},
        )
        visits = services = 0
        for _ in range(rng.randint(1, 3)):
            yield self._later(run, 168, 1440)
            visits += 1
            self._step(
                run,
                "enterprise_visited",
                {
                    "visited_on": self._day(run.at).isoformat(),
                    "visitors": self._staff(inst, 2),
                    "needs": rng.choice(ENTERPRISE_NEEDS),
                },
            )
            for _ in range(rng.choices((1, 2), (70, 30))[0]):
                yield self._later(run, 72, 480)
                services += 1
                topic, content = rng.choice(POINT_SERVICES)
                self._step(
                    run,
                    "point_to_point_service",
                    {
                        "served_on": self._day(run.at).isoformat(),
                        "topic": topic,
                        "content": content,
                        "served_by": self._staff(inst, 1) + self._experts(client.sector, 1)[:1],
                    },
                )
        yield self._around(run, date(year, 12, rng.randint(12, 26)), 0, 2)
        self._step(
            run,
            "annual_service_concluded",
            {
                "summary": f"{year}年走访{visits}次，开展点对点服务{services}项，企业知识产权管理水平明显提升",
                "satisfaction": rng.choices(_SCORES, (0, 1, 5, 40, 54))[0],
            },
        )

    def _life_four_places(self, run: _Run) -> Process:
        rng = self.rng
        client, inst = run.client, run.inst
        sector = client.sector
        place = sector.place or FourPlace.GREEN_ORGANIC_PRODUCE
        novelty = sorted(rng.sample(list(Novelty), rng.randint(1, 2)), key=list(Novelty).index)
        ip_types = sorted({self._pick(sector.ip_weights) for _ in range(2)}, key=list(IpType).index)
        self._open(
            run,
            {
                "place": place.value,
                "novelty": [n.value for n in novelty],
                "ip_types": [t.value for t in ip_types],
                "summary": f"{client.short}：{FOUR_PLACE_LABELS[place].zh}建设中的知识产权服务需求",
            },
        )
        yield self._later(run, 24, 480)
        self._step(
            run,
            "capability_built",
            {
                "completed_on": self._day(run.at).isoformat(),
                "staff": self._staff(inst, 2),
                "topics": rng.sample(PLACE_TOPICS[place], 2),
            },
        )
        yield self._later(run, 48, 480)
        needs = rng.sample(PLACE_NEEDS[place], rng.randint(2, 3))
        self._step(
            run,
            "service_plan_designed",
            {
                "title": f"{client.short}知识产权服务方案",
                "needs": needs,
                "measures": [PLACE_MEASURES[need] for need in needs],
                "planned_until": (self._day(run.at) + timedelta(days=rng.randint(120, 300))).isoformat(),
            },
        )
        for need in needs[: rng.randint(1, len(needs))]:
            yield self._later(run, 168, 1080)
            self._step(
                run,
                "plan_delivered",
                {
                    "delivered_on": self._day(run.at).isoformat(),
                    "content": f"{PLACE_MEASURES[need]}，已完成阶段性工作",
                    "delivered_by": self._staff(inst, 1),
                },
            )
        if rng.random() < 0.5:
            yield self._later(run, 72, 480)
            need = rng.choice(needs)
            self._step(
                run,
                "agency_referred",
                {
                    "need": need,
                    "agency": rng.choice(
                        TRADEMARK_AGENCIES
                        if any(w in need for w in ("商标", "品牌", "标志"))
                        else (COPYRIGHT_SERVICE,)
                        if "版权" in need
                        else PATENT_AGENCIES
                    ),
                    "solution": rng.choice(("代理机构已提交相关申请", "代理机构出具了布局方案", None)),
                },
            )
        yield self._later(run, 168, 720)
        self._step(
            run,
            "service_concluded",
            {"results": f"完成{'、'.join(needs)}等服务", "satisfaction": rng.choices(_SCORES, (0, 1, 6, 40, 53))[0]},
        )

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

    def _right_number(self, story: _Story, client: _ClientPlan, at: datetime) -> str | None:
        """The number of the right the client asks help for: one it holds (a trade secret has none)."""
        if story.ip_type is IpType.TRADE_SECRET:
            return None
        right = self._held_right(client, story.ip_type, self._day(at))
        return f"第{right.number}号" if story.ip_type is IpType.TRADEMARK else right.number

    def _experts(self, sector: Sector, count: int) -> list[str]:
        """A technical expert on the client's field and `count - 1` legal ones, from the expert database."""
        technical = [e for e in self.experts if sector.tag in e.spec.sectors] or [
            e for e in self.experts if e.spec.sectors
        ]
        legal = [e for e in self.experts if e.spec.legal]
        chosen = [self.rng.choice(technical), *self.rng.sample(legal, min(len(legal), count - 1))]
        return [str(e) for e in chosen]

    def _staff(self, inst: _Inst, count: int) -> list[str]:
        return self.rng.sample(inst.staff, min(count, len(inst.staff)))

    def _opponent(self, client: _ClientPlan) -> str:
        rng = self.rng
        if rng.random() < 0.3:
            return f"{self.fake.last_name()}某（个体工商户）"
        return self._company_like(client)

    def _company_like(self, client: _ClientPlan) -> str:
        """A company of the client's trade (of any, for a person), in Qinghai or from outside."""
        rng = self.rng
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
        """`moment`, or the next office-hours minute after it (08:30-17:30 China Standard Time, working days)."""
        local = moment.astimezone(CST)
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        into = local - midnight
        if into < OFFICE_OPENS:
            local = midnight + OFFICE_OPENS + timedelta(minutes=self.rng.uniform(0, 90))
        elif into > OFFICE_CLOSES:
            midnight += timedelta(days=1)
            local = midnight + OFFICE_OPENS + timedelta(minutes=self.rng.uniform(0, 90))
        while not self.calendar.is_working_day(midnight.date()):
            midnight += timedelta(days=1)
            local = midnight + OFFICE_OPENS + timedelta(minutes=self.rng.uniform(0, 90))
        return local
