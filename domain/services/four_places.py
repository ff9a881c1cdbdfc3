"""5.2.4 “四地”产业服务 Service for the industries of Qinghai's "four places"."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import msgspec

from domain.labels import Label
from domain.lifecycle import OPENED, Intake, Names, Payload, Score, ServiceType, Step, Text
from domain.services.common import IpType


class FourPlace(StrEnum):
    SALT_LAKE_INDUSTRY = "salt_lake_industry"  # 世界级盐湖产业基地
    CLEAN_ENERGY = "clean_energy"  # 国家清洁能源产业高地
    ECO_TOURISM = "eco_tourism"  # 国际生态旅游目的地
    GREEN_ORGANIC_PRODUCE = "green_organic_produce"  # 绿色有机农畜产品输出地


FOUR_PLACE_LABELS: dict[FourPlace, Label] = {
    FourPlace.SALT_LAKE_INDUSTRY: Label("世界级盐湖产业基地", "World-class salt-lake industry base"),
    FourPlace.CLEAN_ENERGY: Label("国家清洁能源产业高地", "National clean-energy industry highland"),
    FourPlace.ECO_TOURISM: Label("国际生态旅游目的地", "International eco-tourism destination"),
    FourPlace.GREEN_ORGANIC_PRODUCE: Label(
        "绿色有机农畜产品输出地", "Green organic agricultural and livestock products export place"
    ),
}


class Novelty(StrEnum):
    """What is new about the need (5.2.4: 新需求、新技术、新模式)."""

    NEW_NEED = "new_need"
    NEW_TECHNOLOGY = "new_technology"
    NEW_MODEL = "new_model"


class FourPlacesIntake(Intake, kw_only=True):
    place: FourPlace
    novelty: list[Novelty] = msgspec.field(default_factory=list)
    ip_types: list[IpType] = msgspec.field(default_factory=list)


class CapabilityBuilt(Payload, kw_only=True):
    completed_on: date
    staff: Names
    topics: Names
    """What was studied or added to the knowledge reserve, e.g. 盐湖提锂专利技术脉络, 地理标志保护."""


class ServicePlanDesigned(Payload, kw_only=True):
    title: Text
    needs: Names
    measures: Names
    planned_until: date | None = None


class PlanDelivered(Payload, kw_only=True):
    delivered_on: date
    content: Text
    delivered_by: Names


class AgencyReferred(Payload, kw_only=True):
    need: Text
    """The individual need (个性化需求) the agency is asked to solve."""
    agency: Text
    solution: str | None = None


class ServiceConcluded(Payload, kw_only=True):
    results: Text
    satisfaction: Score | None = None


_DELIVERING = frozenset({"service_plan_designed", "plan_delivered", "agency_referred"})

FOUR_PLACES = ServiceType(
    code="four_places",
    clause="5.2.4",
    name=Label("“四地”产业服务", 'Service for the "four places" industries'),
    intake=FourPlacesIntake,
    steps=(
        Step(
            "capability_built",
            "5.2.4.a",
            Label("完善和强化自身能力，增加知识产权知识储备", "Capability built"),
            CapabilityBuilt,
            follows=frozenset({OPENED, "capability_built"}),
            repeatable=True,
        ),
        Step(
            "service_plan_designed",
            "5.2.4.b",
            Label("设计针对性的服务方案", "Targeted service plan designed"),
            ServicePlanDesigned,
            follows=_DELIVERING | {"capability_built"},
            repeatable=True,  # the plan is revised as the needs change
        ),
        Step(
            "plan_delivered",
            "5.2.4.b",
            Label("实施服务方案", "Service plan delivered"),
            PlanDelivered,
            follows=_DELIVERING,
            repeatable=True,
        ),
        Step(
            "agency_referred",
            "5.2.4.c",
            Label("对接专业服务机构，提供解决方案", "Referred to an agency for an individual need"),
            AgencyReferred,
            follows=_DELIVERING,
            repeatable=True,
        ),
        Step(
            "service_concluded",
            "5.2.4",  # not a step of the text: the service is wound up with its results
            Label("服务办结", "Service concluded"),
            ServiceConcluded,
            follows=frozenset({"plan_delivered", "agency_referred"}),
            closes=True,
        ),
    ),
)
