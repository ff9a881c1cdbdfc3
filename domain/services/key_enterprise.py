"""5.2.3 区域重点企业的精准服务 Precise service for the region's key enterprises.

Priority goes to the designations of `domain.parties.Designation` (专精特新, 走出去, 示范/优势企业 ...),
as the client snapshot holds them. a) The enterprise is listed in the annual key-enterprise directory
(`KeyEnterpriseDirectory`, a rule across cases: at most once a year); b) visits and point-to-point service.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from uuid import UUID

import msgspec

from domain.errors import RuleBroken
from domain.key_enterprise_directory import KeyEnterpriseDirectory
from domain.labels import Label
from domain.lifecycle import OPENED, CaseView, Companion, Intake, Names, Payload, Score, ServiceType, Step, Text
from domain.provenance import Provenance
from domain.services.key_industry import KeyIndustry

Year = Annotated[int, msgspec.Meta(ge=2000, le=2100)]


class DirectoryListed(Payload, kw_only=True):
    year: Year
    industry: KeyIndustry | None = None
    """The key industry the enterprise is listed for (5.2.3.a: 结合重点产业发展情况)."""
    basis: Text
    """Why it was selected."""


class EnterpriseVisited(Payload, kw_only=True):
    visited_on: date
    visitors: Names
    needs: Text


class PointToPointService(Payload, kw_only=True):
    served_on: date
    topic: Text
    content: Text
    served_by: Names


class AnnualServiceConcluded(Payload, kw_only=True):
    summary: Text
    satisfaction: Score | None = None


def _directory_of_year(view: CaseView, payload: DirectoryListed) -> UUID:
    return KeyEnterpriseDirectory.create_id(payload.year)


def _start(view: CaseView, payload: DirectoryListed, meta: Provenance) -> KeyEnterpriseDirectory:
    return KeyEnterpriseDirectory.start(payload.year, meta)


def _list(directory: Any, view: CaseView, payload: DirectoryListed, meta: Provenance) -> None:
    if not isinstance(directory, KeyEnterpriseDirectory):
        raise TypeError(f"{directory!r} is not a key-enterprise directory")
    if view.client_id is None:
        raise RuleBroken("5.2.3.a: the case names no client to list", "5.2.3.a")
    directory.list_enterprise(
        payload.year,
        view.client_id,
        view.client,
        view.institution_id,
        payload.industry,
        meta,
    )


DIRECTORY = Companion(aggregate_id=_directory_of_year, start=_start, apply=_list)

_SERVED = frozenset({"directory_listed", "enterprise_visited", "point_to_point_service"})

KEY_ENTERPRISE = ServiceType(
    code="key_enterprise",
    clause="5.2.3",
    name=Label("区域重点企业精准服务", "Precise service for key enterprises"),
    intake=Intake,
    steps=(
        Step(
            "directory_listed",
            "5.2.3.a",
            Label("纳入年度重点服务企业名录", "Listed in the annual key-enterprise directory"),
            DirectoryListed,
            follows=frozenset({OPENED}),
            companion=DIRECTORY,
        ),
        Step(
            "enterprise_visited",
            "5.2.3.b",
            Label("主动对接走访，了解企业需求", "Enterprise visited, needs learnt"),
            EnterpriseVisited,
            follows=_SERVED,
            repeatable=True,
        ),
        Step(
            "point_to_point_service",
            "5.2.3.b",
            Label("开展知识产权“点对点”服务", "Point-to-point IP service"),
            PointToPointService,
            follows=_SERVED - {"directory_listed"},
            repeatable=True,
        ),
        Step(
            "annual_service_concluded",
            "5.2.3",  # not a step of the text: the year's precise service is summed up and the case closed
            Label("年度精准服务总结", "Year's service concluded"),
            AnnualServiceConcluded,
            follows=frozenset({"point_to_point_service"}),
            closes=True,
        ),
    ),
)
