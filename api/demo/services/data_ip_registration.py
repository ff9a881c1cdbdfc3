"""Data-IP registration guidance (5.1.1, 数据知识产权登记引导): the life of a demo case."""

from __future__ import annotations

from datetime import timedelta

from api.demo.common import Process
from api.demo.model import _SCORES
from api.demo.names import staff_of
from api.demo.rights import file_right
from api.demo.run import Run
from api.demo.world import Demo
from domain.services import generic
from domain.services.common import IpType


def life(demo: Demo, run: Run) -> Process:
    rng = demo.rng
    client, inst = run.client, run.inst
    dataset = rng.choice(client.sector.datasets or ("业务运营数据集",))
    run.open(
        generic.GenericIntake(
            need=f"{client.short}积累的{dataset}拟申请数据知识产权登记",
            ip_type=IpType.DATA_IP,
            summary="数据知识产权登记引导",
        ),
    )
    yield run.later(24, 240)
    run.record(
        generic.ServiceDelivered(
            delivered_on=demo.day(run.at),
            delivered_by=staff_of(demo, inst, 2),
            content="讲解数据知识产权登记条件与流程，指导准备数据来源合法性说明、数据样例和存证材料",
        ),
    )
    yield run.later(168, 720)
    filed = demo.day(run.at) - timedelta(days=rng.randint(1, 5))
    right = file_right(demo, client, IpType.DATA_IP, filed, dataset)
    run.record(generic.FollowedUp(method=generic.FollowUpMethod.ONLINE, result="登记申请已提交，进入公示期"))
    yield run.around((right.decided_on or filed) + timedelta(days=rng.randint(2, 10)), 0, 5)
    run.record(
        generic.FollowedUp(
            method=generic.FollowUpMethod.PHONE,
            result=f"公示期满无异议，已取得登记证书（{right.number}）",
            satisfaction=rng.choices(_SCORES, (1, 2, 8, 35, 54))[0],
        ),
    )
    if rng.random() < 0.3:
        yield run.later(168, 720)
        run.record(
            generic.ServiceDelivered(
                delivered_on=demo.day(run.at),
                delivered_by=staff_of(demo, inst, 1),
                content="协助开展数据资产入表和数据知识产权质押融资的可行性分析",
                reference_no=right.number,
            ),
        )
        yield run.later(168, 720)
        run.record(generic.FollowedUp(method=generic.FollowUpMethod.VISIT, result="企业已与银行初步对接质押融资"))
    yield run.later(2, 168)
    run.record(generic.Closed(outcome="取得数据知识产权登记证书"))
