"""Builders shared by the domain tests: a fixed clock, an actor, and a valid payload for every step.

The payloads are written by hand (not derived from the step tables), so that a test fed with them
fails when a step's shape changes without the tests being told. Those of dispute guidance and rights
assistance are written here; every other type's are taken from its own test module
(tests/domain/test_service_<code>.py), and its intake, when that module has none, from its walk
(tests/walks/<code>.py, the one the API tests run). They are loaded on first use, as those modules import this one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar
from uuid import UUID

from domain.case import ServiceCase
from domain.provenance import Actor, Provenance

NOW = datetime(2026, 4, 26, 9, 30, tzinfo=UTC)  # 4.26, World IP Day
INSTITUTION_ID = UUID("00000000-0000-4000-8000-000000000001")
CLIENT_ID = UUID("00000000-0000-4000-8000-000000000002")
STAFF = Actor("key-staff-1", "staff", INSTITUTION_ID)

DISPUTE = "dispute_guidance"
ASSISTANCE = "rights_assistance"

_INTAKES: dict[str, dict[str, Any]] = {
    DISPUTE: {"dispute_kind": "infringement", "ip_type": "patent", "summary": "光伏组件专利侵权"},
    ASSISTANCE: {"ip_type": "trade_secret", "summary": "技术秘密被前员工带走"},
}

# One valid payload per step, as a client would send it.
_VALID_PAYLOADS: dict[str, dict[str, dict[str, Any]]] = {
    DISPUTE: {
        "routes_explained": {"recommended": "mediation"},
        "mediation_session": {"mediator": "李调解员", "outcome": "partial_agreement", "parties_present": ["甲", "乙"]},
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


INNOVATOR: dict[str, Any] = {
    "kind": "innovator",
    "innovator_kind": "enterprise",
    "enterprise_size": "small",
    "designations": ["specialised_sme"],
}
"""The client a case is opened for, unless CLIENT_PROFILES names another for its type: a small innovator
enterprise with a designation, whom every service serves (key_enterprise lists only such enterprises)."""

CLIENT_PROFILES: dict[str, dict[str, Any]] = {}
"""type code -> the client its cases are opened for, where INNOVATOR will not do (none so far)."""

V = TypeVar("V")


class _Samples(Mapping[str, V]):
    """The samples written here, with those of the other types added the first time one is looked up."""

    def __init__(self, written: dict[str, V], others: Callable[[], dict[str, V]]) -> None:
        self._written = written
        self._others = others
        self._all: dict[str, V] | None = None

    def _samples(self) -> dict[str, V]:
        if self._all is None:
            others = self._others()
            assert not set(others) & set(self._written), "a type's samples are written here and in its module"
            self._all = {**self._written, **others}
        return self._all

    def __getitem__(self, type_code: str) -> V:
        return self._samples()[type_code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._samples())

    def __len__(self) -> int:
        return len(self._samples())


def _other_intakes() -> dict[str, dict[str, Any]]:
    from tests.domain import (
        test_service_compliance_guidance,
        test_service_info_analysis,
        test_service_info_search,
        test_service_ip_finance,
        test_service_policy_promotion,
        test_service_publicity,
        test_service_risk_prevention,
        test_service_training,
    )
    from tests.walks import all_walks

    walks = all_walks()
    return {
        "policy_promotion": test_service_policy_promotion.INTAKE,
        "risk_prevention": test_service_risk_prevention.INTAKE,
        "fast_examination_liaison": walks["fast_examination_liaison"].intake,
        "application_guidance": walks["application_guidance"].intake,
        "consultation": walks["consultation"].intake,
        "info_search": test_service_info_search.INTAKE,
        "info_analysis": test_service_info_analysis.INTAKE,
        "training": test_service_training.INTAKE,
        "publicity": test_service_publicity.INTAKE,
        "compliance_guidance": test_service_compliance_guidance.INTAKE,
        "ip_finance": test_service_ip_finance.INTAKE,
        "transfer_license": walks["transfer_license"].intake,
        "data_ip_registration": walks["data_ip_registration"].intake,
        "electronic_evidence": walks["electronic_evidence"].intake,
        "qinghai_industry_assistance": walks["qinghai_industry_assistance"].intake,
        "key_industry": walks["key_industry"].intake,
        "key_enterprise": walks["key_enterprise"].intake,
        "four_places": walks["four_places"].intake,
    }


def _other_valid_payloads() -> dict[str, dict[str, dict[str, Any]]]:
    from tests.domain import (
        test_service_application_guidance,
        test_service_compliance_guidance,
        test_service_consultation,
        test_service_four_places,
        test_service_generic,
        test_service_info_analysis,
        test_service_info_search,
        test_service_ip_finance,
        test_service_key_enterprise,
        test_service_key_industry,
        test_service_policy_promotion,
        test_service_publicity,
        test_service_risk_prevention,
        test_service_training,
        test_service_transfer_license,
    )

    return {
        "policy_promotion": test_service_policy_promotion.VALID,
        "risk_prevention": test_service_risk_prevention.VALID,
        "application_guidance": test_service_application_guidance.VALID,
        "consultation": test_service_consultation.VALID,
        "info_search": test_service_info_search.VALID,
        "info_analysis": test_service_info_analysis.VALID,
        "training": test_service_training.VALID,
        "publicity": test_service_publicity.VALID,
        "compliance_guidance": test_service_compliance_guidance.VALID,
        "ip_finance": test_service_ip_finance.VALID,
        "transfer_license": test_service_transfer_license.VALID,
        **dict.fromkeys(test_service_generic.GENERIC, test_service_generic.VALID),
        "key_industry": test_service_key_industry.VALID,
        "key_enterprise": test_service_key_enterprise.VALID,
        "four_places": test_service_four_places.VALID,
    }


INTAKES: Mapping[str, dict[str, Any]] = _Samples(_INTAKES, _other_intakes)
"""A valid intake for every service type."""
VALID_PAYLOADS: Mapping[str, dict[str, dict[str, Any]]] = _Samples(_VALID_PAYLOADS, _other_valid_payloads)
"""A valid payload for every step of every service type (the payloads of one case, that its rules accept)."""


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
        type_code,
        INSTITUTION_ID,
        CLIENT_ID,
        dict(INTAKES[type_code]),
        meta(effective_at=effective_at, **provenance),
        client_profile=dict(CLIENT_PROFILES.get(type_code, INNOVATOR)),
    )


def alone(aggregate_id: UUID) -> None:
    """A loader for a case seen on its own: no other case has started a client's ledger or a directory."""
    return None


def record(case: ServiceCase, code: str, *, effective_at: datetime | None = None, **provenance: Any) -> None:
    case.record_step(
        code, dict(VALID_PAYLOADS[case.service_type][code]), meta(effective_at=effective_at, **provenance), load=alone
    )


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
