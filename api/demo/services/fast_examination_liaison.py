"""Fast pre-examination and priority-examination liaison (5.1.1, 快速预审与优先审查对接): the life of a demo case."""

from __future__ import annotations

from datetime import timedelta

from api.demo.common import Process
from api.demo.model import _SCORES
from api.demo.names import serial, staff_of
from api.demo.rights import file_right, grant
from api.demo.run import Run
from api.demo.world import Demo
from domain.ip_ledger import RightStatus
from domain.services import generic
from domain.services.common import IpType


def life(demo: Demo, run: Run) -> Process:
    rng = demo.rng
    client, inst = run.client, run.inst
    title = f"一种{rng.choice(client.sector.inventions)}"
    run.open(
        generic.GenericIntake(
            need=f"{title}发明专利申请，希望通过保护中心预审通道加快审查", ip_type=IpType.PATENT, summary="专利快速预审"
        ),
    )
    yield run.later(24, 240)
    day = demo.day(run.at)
    run.record(
        generic.ServiceDelivered(
            delivered_on=day,
            delivered_by=staff_of(demo, inst, 1),
            content="指导完成保护中心备案，提交专利预审申请，预审合格后转入国家知识产权局快速审查通道",
            reference_no=f"YS{day.year}-{serial(demo, inst, 'YS', day.year):04d}",
        ),
    )
    right = file_right(demo, client, IpType.PATENT, day, title, kind=1)
    right.examining_on = day + timedelta(days=rng.randint(10, 25))
    decided = day + timedelta(days=rng.randint(60, 150))
    if rng.random() < 0.9:
        grant(demo, right, decided)
    else:
        right.outcome, right.decided_on, right.registration_no = RightStatus.REJECTED, decided, None
    next_on = day + timedelta(days=rng.randint(20, 45))
    yield run.later(72, 360)
    run.record(
        generic.FollowedUp(
            method=generic.FollowUpMethod.PHONE,
            result=rng.choice(("预审合格，已转入国家知识产权局快速审查通道", "预审提出补正意见，企业修改后已合格")),
            next_follow_up_on=next_on,
        ),
    )
    office_action = rng.random() < 0.6
    while next_on < decided - timedelta(days=10):  # followed up while it is examined
        yield run.around(next_on, 3, 5)
        if office_action:
            office_action = False
            run.record(
                generic.ServiceDelivered(
                    delivered_on=demo.day(run.at),
                    delivered_by=staff_of(demo, inst, 1),
                    content="协助企业答复第一次审查意见通知书，修改权利要求",
                ),
            )
            yield run.later(24, 120)
            result = "意见陈述书和修改文本已提交，等待审查"
        else:
            result = "仍在审查中，暂无新的审查意见"
        next_on = demo.day(run.at) + timedelta(days=rng.randint(20, 40))
        run.record(
            generic.FollowedUp(method=generic.FollowUpMethod.PHONE, result=result, next_follow_up_on=next_on),
        )
    yield run.around(decided + timedelta(days=rng.randint(3, 15)), 0, 5)
    status = right.status_at(demo.day(run.at))
    months = max(2, (demo.day(run.at) - day).days // 30)
    result = {
        RightStatus.GRANTED: f"发明专利已授权（{right.registration_no}），自预审受理起约{months}个月",
        RightStatus.REJECTED: "审查员坚持驳回意见，建议企业提出复审请求",
    }.get(status, "仍在快速审查中")
    run.record(
        generic.FollowedUp(
            method=rng.choice((generic.FollowUpMethod.PHONE, generic.FollowUpMethod.ONLINE)),
            result=result,
            satisfaction=rng.choices(
                _SCORES, (1, 2, 8, 35, 54) if status is RightStatus.GRANTED else (5, 15, 40, 30, 10)
            )[0],
        ),
    )
    yield run.later(2, 120)
    run.record(generic.Closed(outcome="发明专利已快速授权" if status is RightStatus.GRANTED else result))
