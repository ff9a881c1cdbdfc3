"""Policy promotion (5.1.2, 政策宣贯): the life of a demo case."""

from __future__ import annotations

from datetime import timedelta

from api.demo.common import Process
from api.demo.content_places import VENUES
from api.demo.content_policies import INDUSTRY_POLICIES, POLICIES, POLICY_CHANGES, POLICY_INDUSTRY_NAMES, PROJECTS
from api.demo.names import experts_on
from api.demo.run import Run
from api.demo.world import Demo
from domain.services import policy_promotion


def life(demo: Demo, run: Run) -> Process:
    rng = demo.rng
    client = run.client
    industry = client.sector.policy_industry
    interests = sorted(
        rng.sample(list(policy_promotion.PolicyKind), rng.randint(1, 2)), key=list(policy_promotion.PolicyKind).index
    )
    names = {
        policy_promotion.PolicyKind.SUPPORT: "资助扶持",
        policy_promotion.PolicyKind.REWARD: "奖励",
        policy_promotion.PolicyKind.PILOT_APPLICATION: "试点示范申报",
    }
    run.open(
        policy_promotion.PromotionIntake(
            industries=[industry] if industry else [],
            interests=list(interests),
            summary=f"{client.short}希望了解知识产权{'、'.join(names[i] for i in interests)}政策",
        ),
    )
    yield run.later(2, 120)
    fitting = [p for p in POLICIES if p[2] in interests] or list(POLICIES)
    chosen = rng.sample(fitting, min(len(fitting), rng.randint(2, 4)))
    others = [p for p in POLICIES if p not in chosen]
    chosen += rng.sample(others, rng.randint(0, 1))
    policies = [policy_promotion.Policy(title=t, level=lv, kind=k, issuer=issuer) for t, lv, k, issuer in chosen]
    run.record(policy_promotion.PoliciesCollected(policies=policies))
    yield run.later(24, 240)
    at = demo.day(run.at)
    channels = rng.sample(list(policy_promotion.PushChannel), rng.randint(1, 3))
    run.record(
        policy_promotion.CompilationPushed(
            title="西宁市知识产权惠企政策汇编",
            version=f"{at.year}年第{'一' if at.month <= 6 else '二'}版",
            channels=list(sorted(channels, key=list(policy_promotion.PushChannel).index)),
            policy_count=rng.randint(24, 46),
        ),
    )
    if industry is not None and rng.random() < 0.55:
        yield run.later(72, 720)
        tracked = INDUSTRY_POLICIES[industry]
        run.record(
            policy_promotion.IndustryPoliciesTracked(
                industries=[industry],
                policies=rng.sample(tracked, rng.randint(1, len(tracked))),
                changes=POLICY_CHANGES.get(industry) if rng.random() < 0.6 else None,
            ),
        )
        if rng.random() < 0.6:
            yield run.later(72, 480)
            run.record(
                policy_promotion.InterpretationSessionHeld(
                    topic=f"{POLICY_INDUSTRY_NAMES[industry]}产业知识产权政策专题解读会",
                    industries=[industry],
                    experts=experts_on(demo, client.sector, 2),
                    attendees=rng.randint(18, 120),
                    venue=rng.choice(VENUES),
                ),
            )
    outcome = "已将相关政策推送至服务对象，服务对象表示将关注后续申报通知"
    if client.organisation and rng.random() < 0.5:  # 5.1.2.d: a member of the public applies for no project
        yield run.later(72, 720)
        day = demo.day(run.at)
        project, level, authority, materials = rng.choice(PROJECTS)
        title = project.format(year=day.year)
        run.record(
            policy_promotion.ProjectApplicationAssisted(
                project=title,
                level=level,
                authority=authority,
                materials=list(materials),
                submitted_on=day,
                deadline=(day + timedelta(days=rng.randint(2, 25))),
            ),
        )
        outcome = f"已协助提交{title}申报材料，等待评审结果"
    yield run.later(24, 480)
    run.record(policy_promotion.Concluded(outcome=outcome))
