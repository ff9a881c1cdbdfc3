"""Builders shared by the domain tests: a fixed clock, an actor, and a valid payload for every step.

The payloads are written by hand (not derived from the step tables), so that a test fed with them
fails when a step's shape changes without the tests being told.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from domain.case import ServiceCase
from domain.provenance import Actor, Provenance

NOW = datetime(2026, 4, 26, 9, 30, tzinfo=UTC)  # 4.26, World IP Day
INSTITUTION_ID = UUID("00000000-0000-4000-8000-000000000001")
CLIENT_ID = UUID("00000000-0000-4000-8000-000000000002")
STAFF = Actor("key-staff-1", "staff", INSTITUTION_ID)

DISPUTE = "dispute_guidance"
ASSISTANCE = "rights_assistance"

INTAKES: dict[str, dict[str, Any]] = {
    DISPUTE: {"dispute_kind": "infringement", "ip_type": "patent", "summary": "光伏组件专利侵权"},
    ASSISTANCE: {"ip_type": "trade_secret", "summary": "技术秘密被前员工带走"},
}

# One valid payload per step, as a client would send it.
VALID_PAYLOADS: dict[str, dict[str, dict[str, Any]]] = {
    DISPUTE: {
        "routes_explained": {"recommended": "mediation"},
        "mediation_session": {"mediator": "李调解员", "outcome": "adjourned", "parties_present": ["甲", "乙"]},
        "expert_consultation": {"experts": ["王教授"], "opinion": "侵权成立可能性大", "steered_to_mediation": True},
        "mediation_committee_referral": {"committee": "西宁市知识产权纠纷人民调解委员会"},
        "evidence_referral": {"body_kind": "notary", "body_name": "西宁市公证处"},
        "litigation_guidance": {"court": "西宁市中级人民法院", "guidance": "准备诉状与证据目录"},
        "parties_followed_up": {"contacted": ["甲"], "result": "已履行调解协议"},
        "archived": {"archive_no": "XN-2026-001", "resolution": "调解结案"},
        "typical_case_written": {
            "title": "光伏组件专利侵权纠纷调解案",
            "summary": "两次调解达成协议",
            "tags": ["光伏"],
        },
    },
    ASSISTANCE: {
        "need_collected": {"description": "竞品抄袭外观设计", "right_number": "ZL2024300000001.X"},
        "guidance_given": {"kind": "evidence_collection", "content": "公证购买侵权产品"},
        "expert_panel_advice": {
            "experts": ["赵律师", "钱教授"],
            "difficulty": "跨省侵权",
            "legal_advice": "可主张惩罚性赔偿",
            "response_suggestions": "先发律师函",
        },
        "referred": {"target": "cross_region", "body_name": "甘肃省知识产权保护中心", "region": "兰州"},
        "return_visit": {"outcome": "resolved", "satisfaction": 5, "visited_by": "张三"},
    },
}


def meta(
    *,
    effective_at: datetime | None = None,
    now: datetime = NOW,
    actor: Actor = STAFF,
    correlation_id: str = "corr-1",
    causation_id: str = "cause-1",
) -> Provenance:
    return Provenance(
        actor=actor, now=now, effective_at=effective_at, correlation_id=correlation_id, causation_id=causation_id
    )


def open_case(type_code: str, *, effective_at: datetime | None = None, **provenance: Any) -> ServiceCase:
    return ServiceCase.open(
        type_code, INSTITUTION_ID, CLIENT_ID, dict(INTAKES[type_code]), meta(effective_at=effective_at, **provenance)
    )


def record(case: ServiceCase, code: str, *, effective_at: datetime | None = None, **provenance: Any) -> None:
    case.record_step(code, dict(VALID_PAYLOADS[case.service_type][code]), meta(effective_at=effective_at, **provenance))


def walk(type_code: str, steps: Iterable[str], *, start: datetime = NOW - timedelta(days=30)) -> ServiceCase:
    """A case opened at `start` with `steps` recorded one hour apart, each with its valid payload."""
    case = open_case(type_code, effective_at=start)
    for hour, code in enumerate(steps, start=1):
        record(case, code, effective_at=start + timedelta(hours=hour))
    return case


def history_before(type_code: str, step: str) -> list[str]:
    """A short history after which `step` may be recorded."""
    special = {
        (DISPUTE, "routes_explained"): [],
        (DISPUTE, "parties_followed_up"): ["routes_explained"],
        (DISPUTE, "archived"): ["routes_explained", "parties_followed_up"],
        (DISPUTE, "typical_case_written"): ["routes_explained", "parties_followed_up", "archived"],
        (ASSISTANCE, "need_collected"): [],
        (ASSISTANCE, "return_visit"): ["need_collected", "guidance_given"],
    }
    first = "routes_explained" if type_code == DISPUTE else "need_collected"
    return special.get((type_code, step), [first])
