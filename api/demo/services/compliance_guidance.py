"""IP compliance guidance (5.1.12, 合规管理引导): the life of a demo case."""

from __future__ import annotations

from datetime import timedelta

from api.demo.common import Process
from api.demo.content_policies import (
    COMPLIANCE_DIFFICULTIES,
    COMPLIANCE_FINDINGS,
    COMPLIANCE_MEASURES,
    COMPLIANCE_STANDARD,
)
from api.demo.content_services import COMPLIANCE_ENDINGS, COMPLIANCE_ISSUES, COMPLIANCE_OBSERVATIONS
from api.demo.names import contact
from api.demo.run import Run
from api.demo.world import Demo
from domain.lifecycle import Intake
from domain.parties import EnterpriseSize
from domain.services import compliance_guidance


def life(demo: Demo, run: Run) -> Process:
    rng = demo.rng
    client = run.client
    big = client.size in (EnterpriseSize.MEDIUM, EnterpriseSize.LARGE)
    has_system = big and rng.random() < 0.4
    run.open(Intake(summary=f"{client.short}拟开展知识产权合规管理体系建设"))
    yield run.later(24, 240)
    areas = sorted(
        rng.sample(list(compliance_guidance.ComplianceArea), rng.randint(3, 5)),
        key=list(compliance_guidance.ComplianceArea).index,
    )
    run.record(
        compliance_guidance.ComplianceSurveyed(
            methods=[
                m
                for m in sorted(
                    rng.sample(list(compliance_guidance.SurveyMethod), rng.randint(1, 3)),
                    key=list(compliance_guidance.SurveyMethod).index,
                )
            ],
            areas=list(areas),
            findings=rng.choice(COMPLIANCE_FINDINGS),
            has_management_system=has_system,
            certified_standard="GB/T 29490-2013" if has_system and rng.random() < 0.5 else None,
        ),
    )
    yield run.later(72, 480)
    run.record(
        compliance_guidance.DifficultiesAnalysed(
            difficulties=rng.sample(COMPLIANCE_DIFFICULTIES, rng.randint(1, 3)),
            weak_areas=list(rng.sample(areas, rng.randint(1, 2))),
            risk_level=rng.choices(list(compliance_guidance.RiskLevel), (25, 55, 20))[0],
            analysis="企业处于快速成长期，制度建设滞后于研发投入" if not big else "制度较完善但执行与考核不到位",
        ),
    )
    yield run.later(72, 480)
    compliance_guided(demo, run)
    next_on = demo.day(run.at) + timedelta(days=rng.randint(22, 32))  # the first: within 20 working days
    well = 0
    for n in range(5):
        yield run.around(next_on, 4, 4 if rng.random() < 0.85 else 30)
        running = rng.choices(list(compliance_guidance.RunningState), (25 + 25 * n, 55, 20 - 4 * n))[0]
        well += running is compliance_guidance.RunningState.RUNNING_WELL
        next_on = demo.day(run.at) + timedelta(days=rng.randint(60, 120))
        run.record(
            compliance_guidance.ComplianceFollowedUp(
                running=running,
                observations=COMPLIANCE_OBSERVATIONS[running],
                issues=[]
                if running is compliance_guidance.RunningState.RUNNING_WELL
                else [rng.choice(COMPLIANCE_ISSUES)],
                next_follow_up=next_on,
            ),
        )
        if well >= rng.choice((1, 2)):
            break
        if n < 4 and running is not compliance_guidance.RunningState.RUNNING_WELL and rng.random() < 0.6:
            yield run.later(24, 240)
            compliance_guided(demo, run)
    if well:
        yield run.later(24, 240)
        reason = rng.choices(
            (compliance_guidance.EndReason.SYSTEM_RUNNING, compliance_guidance.EndReason.CERTIFIED), (80, 20)
        )[0]
    else:
        yield run.later(240, 720)
        reason = compliance_guidance.EndReason.CLIENT_DECLINED
    run.record(compliance_guidance.FollowUpEnded(reason=reason, summary=COMPLIANCE_ENDINGS[reason]))


def compliance_guided(demo: Demo, run: Run) -> None:
    rng = demo.rng
    run.record(
        compliance_guidance.SystemGuided(
            measures=rng.sample(COMPLIANCE_MEASURES, rng.randint(1, 3)),
            reference_standard=COMPLIANCE_STANDARD,
            client_contact=contact(demo, run.client),
            target_date=(demo.day(run.at) + timedelta(days=rng.randint(90, 180))),
        ),
    )
