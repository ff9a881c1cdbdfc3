"""Who the clients are: experts, sectors, brands, universities, and their numbers."""

from __future__ import annotations

import random
from dataclasses import dataclass

from domain.parties import Designation, EnterpriseSize
from domain.services.common import IpType
from domain.services.four_places import FourPlace
from domain.services.key_industry import KeyIndustry
from domain.services.policy_promotion import KeyIndustry as PolicyIndustry

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
