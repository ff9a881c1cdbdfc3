"""Electronic evidence preservation guidance (5.1.1, 电子存证指导): the life of a demo case."""

from __future__ import annotations

from api.demo.common import Process
from api.demo.content_places import SALES_CHANNELS
from api.demo.content_services import EVIDENCE_RESULTS
from api.demo.model import _SCORES
from api.demo.names import opponent, staff_of
from api.demo.run import Run
from api.demo.world import Demo
from domain.services import generic
from domain.services.common import IpType


def life(demo: Demo, run: Run) -> Process:
    rng = demo.rng
    client, inst = run.client, run.inst
    weights = dict(client.sector.ip_weights)
    ip = IpType.TRADEMARK if weights.get(IpType.TRADEMARK, 0) >= weights.get(IpType.COPYRIGHT, 0) else IpType.COPYRIGHT
    infringer = opponent(demo, client)
    channel = rng.choice(SALES_CHANNELS[:4])
    product = rng.choice(client.sector.products)
    need = (
        f"在{channel}发现{infringer}销售仿冒“{client.brand}”的{product}，需要固定网页侵权证据"
        if ip is IpType.TRADEMARK
        else f"发现{infringer}在{channel}未经许可使用其{product}相关作品，需要固定侵权证据"
    )
    run.open(generic.GenericIntake(need=need, ip_type=ip, summary="网页侵权证据电子存证"))
    yield run.later(0.5, 48)
    day = demo.day(run.at)
    run.record(
        generic.ServiceDelivered(
            delivered_on=day,
            delivered_by=staff_of(demo, inst, 1),
            content="指导使用区块链电子存证平台对侵权网页、商品链接和交易记录进行取证固定",
            reference_no=f"CZ-{day:%Y%m%d}-{rng.randrange(1, 10000):04d}",
        ),
    )
    yield run.later(72, 480)
    result = rng.choice(EVIDENCE_RESULTS)
    run.record(
        generic.FollowedUp(
            method=rng.choice(list(generic.FollowUpMethod)),
            result=result,
            satisfaction=rng.choices(_SCORES, (1, 2, 8, 35, 54))[0],
        ),
    )
    yield run.later(2, 168)
    run.record(generic.Closed(outcome=f"证据固定完成，{result}"))
