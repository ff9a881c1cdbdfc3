"""Places and bodies: districts, institutions, courts, agencies, banks, venues."""

from __future__ import annotations

from dataclasses import dataclass

from api.demo.common import ASSISTANCE, DISPUTE
from domain.parties import InstitutionKind
from domain.services.common import IpType

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
