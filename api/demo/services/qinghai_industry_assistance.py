"""IP assistance for Qinghai characteristic industries (5.1.1, 涉青特色产业知识产权帮扶): the life of a demo case."""

from __future__ import annotations

from api.demo.common import Process
from api.demo.content_policies import INDUSTRY_NEEDS
from api.demo.content_services import QINGHAI_RESULTS, QINGHAI_SERVICES
from api.demo.model import _SCORES
from api.demo.names import staff_of
from api.demo.run import Run
from api.demo.world import Demo
from domain.services import generic
from domain.services.common import IpType


def life(demo: Demo, run: Run) -> Process:
    rng = demo.rng
    client, inst = run.client, run.inst
    sector = client.sector
    need = rng.choice(INDUSTRY_NEEDS[sector.tag])
    ip = {"藏毯文创": IpType.COPYRIGHT, "生物医药": IpType.PATENT}.get(sector.tag, IpType.TRADEMARK)
    run.open(generic.GenericIntake(need=f"{client.short}{need}", ip_type=ip, summary=f"{sector.tag}特色产业帮扶"))
    rounds = rng.choices((1, 2), (60, 40))[0]
    for n in range(rounds):
        yield run.later(*((24.0, 240.0) if n == 0 else (168.0, 720.0)))
        run.record(
            generic.ServiceDelivered(
                delivered_on=demo.day(run.at), delivered_by=staff_of(demo, inst, 2), content=QINGHAI_SERVICES[ip][n]
            ),
        )
        yield run.later(168, 720)
        last = n == rounds - 1
        run.record(
            generic.FollowedUp(
                method=rng.choice((generic.FollowUpMethod.VISIT, generic.FollowUpMethod.PHONE)),
                result=QINGHAI_RESULTS[ip][n],
                satisfaction=rng.choices(_SCORES, (1, 2, 8, 35, 54))[0] if last else None,
            ),
        )
    yield run.later(24, 240)
    run.record(generic.Closed(outcome=QINGHAI_RESULTS[ip][rounds - 1]))
