"""TODO"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from api.demo.common import Process
from api.demo.disputes import dispute_payload, new_story
from api.demo.model import (
    GAPS,
    _CasePlan,
    _Run,
    _Story,
)
from domain.services.common import IP_TYPE_LABELS

if TYPE_CHECKING:
    from api.demo.world import Demo


# Rights-protection assistance (5.1.4) -------------------------------------------------------------


def life(demo: Demo, run: _Run) -> Process:
    story = new_story(demo, run.client)
    demo.open_case(run, assistance_intake(demo, run.plan, story))
    while (code := next_assistance(demo, run.case.steps, run.case.allowed_next_steps(), story)) is not None:
        yield demo.later(run, *GAPS[code])
        demo.record(run, code, dispute_payload(demo, code, run.plan, story, run.at))


def assistance_intake(demo: Demo, plan: _CasePlan, story: _Story) -> dict[str, Any]:
    ip = IP_TYPE_LABELS[story.ip_type].zh
    story.difficult = demo.rng.random() < 0.2
    return {
        "summary": f"{plan.client.short}就{story.product}相关{ip}被侵权申请维权援助",
        "ip_type": story.ip_type.value,
    }


def next_assistance(demo: Demo, steps: list[str], allowed: list[str], story: _Story) -> str | None:
    if not steps:
        return "need_collected"
    helps = len(steps) - 1
    weights = {
        "guidance_given": 5.0 if helps == 0 else 1.5 / helps,
        "expert_panel_advice": (3.0 if story.difficult else 0.4) if "expert_panel_advice" not in steps else 0.2,
        "referred": 1.5 if story.referred is None else 0.3,
        "return_visit": 0.5 + 2.0 * helps,
    }
    return demo.choose(weights, allowed)
