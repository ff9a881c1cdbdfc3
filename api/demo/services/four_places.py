"""Service for the "four places" industries (5.2.4, “四地”产业服务): the life of a demo case."""

from __future__ import annotations

from datetime import timedelta

from api.demo.common import Process
from api.demo.content_places import COPYRIGHT_SERVICE, PATENT_AGENCIES, TRADEMARK_AGENCIES
from api.demo.content_policies import PLACE_NEEDS, PLACE_TOPICS
from api.demo.content_services import PLACE_MEASURES
from api.demo.model import _SCORES
from api.demo.names import staff_of
from api.demo.run import Run
from api.demo.world import Demo
from domain.services import four_places
from domain.services.common import IpType


def life(demo: Demo, run: Run) -> Process:
    rng = demo.rng
    client, inst = run.client, run.inst
    sector = client.sector
    place = sector.place or four_places.FourPlace.GREEN_ORGANIC_PRODUCE
    novelty = sorted(rng.sample(list(four_places.Novelty), rng.randint(1, 2)), key=list(four_places.Novelty).index)
    ip_types = sorted({demo.pick(sector.ip_weights) for _ in range(2)}, key=list(IpType).index)
    run.open(
        four_places.FourPlacesIntake(
            place=place,
            novelty=list(novelty),
            ip_types=list(ip_types),
            summary=f"{client.short}：{four_places.FOUR_PLACE_LABELS[place].zh}建设中的知识产权服务需求",
        ),
    )
    yield run.later(24, 480)
    run.record(
        four_places.CapabilityBuilt(
            completed_on=demo.day(run.at), staff=staff_of(demo, inst, 2), topics=rng.sample(PLACE_TOPICS[place], 2)
        ),
    )
    yield run.later(48, 480)
    needs = rng.sample(PLACE_NEEDS[place], rng.randint(2, 3))
    run.record(
        four_places.ServicePlanDesigned(
            title=f"{client.short}知识产权服务方案",
            needs=needs,
            measures=[PLACE_MEASURES[need] for need in needs],
            planned_until=(demo.day(run.at) + timedelta(days=rng.randint(120, 300))),
        ),
    )
    for need in needs[: rng.randint(1, len(needs))]:
        yield run.later(168, 1080)
        run.record(
            four_places.PlanDelivered(
                delivered_on=demo.day(run.at),
                content=f"{PLACE_MEASURES[need]}，已完成阶段性工作",
                delivered_by=staff_of(demo, inst, 1),
            ),
        )
    if rng.random() < 0.5:
        yield run.later(72, 480)
        need = rng.choice(needs)
        run.record(
            four_places.AgencyReferred(
                need=need,
                agency=rng.choice(
                    TRADEMARK_AGENCIES
                    if any(w in need for w in ("商标", "品牌", "标志"))
                    else (COPYRIGHT_SERVICE,)
                    if "版权" in need
                    else PATENT_AGENCIES
                ),
                solution=rng.choice(("代理机构已提交相关申请", "代理机构出具了布局方案", None)),
            ),
        )
    yield run.later(168, 720)
    run.record(
        four_places.ServiceConcluded(
            results=f"完成{'、'.join(needs)}等服务", satisfaction=rng.choices(_SCORES, (0, 1, 6, 40, 53))[0]
        ),
    )
