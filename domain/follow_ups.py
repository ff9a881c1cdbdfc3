"""What makes a follow-up due, and what does it (the follow-up queue): one declarative table.

A rule says: after one of these steps, a follow-up of this kind is due within so many working days;
one of those steps does it. A periodic rule makes the next one due when one is done, until the case
closes. A low evaluation (7.1) makes a return visit due as well (see EVALUATION_RETURN_VISIT).
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.labels import Label


@dataclass(frozen=True)
class FollowUpRule:
    kind: str
    clause: str
    name: Label
    service_type: str
    after: frozenset[str]
    done_by: frozenset[str]
    working_days: int
    periodic: bool = False
    next_date_field: str | None = None
    """A field of the doing step's payload that names the date the next one is planned for."""


@dataclass(frozen=True)
class EvaluationReturnVisit:
    kind: str
    clause: str
    name: Label
    working_days: int


EVALUATION_RETURN_VISIT = EvaluationReturnVisit(
    kind="evaluation_return_visit",
    clause="7.1",
    name=Label("低分评价回访", "Return visit after a low evaluation"),
    working_days=5,
)

FOLLOW_UP_RULES: tuple[FollowUpRule, ...] = (
    FollowUpRule(
        kind="assistance_return_visit",
        clause="5.1.4.e",
        name=Label("维权援助回访", "Rights-assistance return visit"),
        service_type="rights_assistance",
        after=frozenset({"guidance_given", "expert_panel_advice", "referred"}),
        done_by=frozenset({"return_visit"}),
        working_days=10,
    ),
    FollowUpRule(
        kind="dispute_party_follow_up",
        clause="5.1.7.f",
        name=Label("纠纷当事人跟踪回访", "Dispute parties followed up"),
        service_type="dispute_guidance",
        after=frozenset(
            {
                "mediation_session",
                "expert_consultation",
                "mediation_committee_referral",
                "evidence_referral",
                "litigation_guidance",
            }
        ),
        done_by=frozenset({"parties_followed_up"}),
        working_days=10,
    ),
    FollowUpRule(
        kind="agency_follow_up",
        clause="5.1.5.e",
        name=Label("转介后定期跟踪代理机构服务", "Agency service followed up"),
        service_type="application_guidance",
        after=frozenset({"referred_to_agency"}),
        done_by=frozenset({"agency_followed_up"}),
        working_days=20,
        periodic=True,
        next_date_field="next_follow_up_on",
    ),
    FollowUpRule(
        kind="compliance_follow_up",
        clause="5.1.12.d",
        name=Label("合规体系运行定期跟踪", "Compliance system followed up"),
        service_type="compliance_guidance",
        after=frozenset({"system_guided"}),
        done_by=frozenset({"compliance_followed_up"}),
        working_days=20,
        periodic=True,
        next_date_field="next_follow_up",
    ),
    FollowUpRule(
        kind="financing_tracking",
        clause="5.1.13.c",
        name=Label("融资进展跟踪", "Financing tracked"),
        service_type="ip_finance",
        after=frozenset({"institution_matched"}),
        done_by=frozenset({"financing_tracked"}),
        working_days=10,
        periodic=True,
    ),
)


def rules_for(service_type: str) -> tuple[FollowUpRule, ...]:
    return tuple(r for r in FOLLOW_UP_RULES if r.service_type == service_type)
