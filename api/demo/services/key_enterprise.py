"""Precise service for key enterprises (5.2.3, 区域重点企业精准服务): the life of a demo case."""

from __future__ import annotations

from datetime import date

from api.demo.common import Process
from api.demo.content_clients import DESIGNATION_NAMES
from api.demo.content_services import ENTERPRISE_NEEDS, POINT_SERVICES
from api.demo.model import _SCORES
from api.demo.names import experts_on, staff_of
from api.demo.run import Run
from api.demo.world import Demo
from domain.lifecycle import Intake
from domain.services import key_enterprise
from domain.services.key_industry import KEY_INDUSTRY_LABELS


def life(demo: Demo, run: Run) -> Process:
    rng = demo.rng
    client, inst = run.client, run.inst
    year: int = run.plan.extra["year"]
    industry = client.sector.key_industry
    basis = [DESIGNATION_NAMES[d] for d in client.designations]
    if industry is not None:
        basis.append(f"{KEY_INDUSTRY_LABELS[industry].zh}产业链重点企业")
    run.open(Intake(summary=f"{client.short}，{year}年度重点服务企业"))
    yield run.later(0.5, 72)
    run.record(
        key_enterprise.DirectoryListed(year=year, industry=industry if industry else None, basis="、".join(basis)),
    )
    visits = services = 0
    for _ in range(rng.randint(1, 3)):
        yield run.later(168, 1440)
        visits += 1
        run.record(
            key_enterprise.EnterpriseVisited(
                visited_on=demo.day(run.at), visitors=staff_of(demo, inst, 2), needs=rng.choice(ENTERPRISE_NEEDS)
            ),
        )
        for _ in range(rng.choices((1, 2), (70, 30))[0]):
            yield run.later(72, 480)
            services += 1
            topic, content = rng.choice(POINT_SERVICES)
            run.record(
                key_enterprise.PointToPointService(
                    served_on=demo.day(run.at),
                    topic=topic,
                    content=content,
                    served_by=staff_of(demo, inst, 1) + experts_on(demo, client.sector, 1)[:1],
                ),
            )
    yield run.around(date(year, 12, rng.randint(12, 26)), 0, 2)
    run.record(
        key_enterprise.AnnualServiceConcluded(
            summary=f"{year}年走访{visits}次，开展点对点服务{services}项，企业知识产权管理水平明显提升",
            satisfaction=rng.choices(_SCORES, (0, 1, 5, 40, 54))[0],
        ),
    )
