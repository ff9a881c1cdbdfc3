"""IP publicity (5.1.11, 知识宣传): the life of a demo case."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from api.demo.common import CST, Process
from api.demo.content_policies import CAMPAIGN_VENUES, DAILY_TITLES, PUBLICITY_THEMES, REPORT_OUTLETS
from api.demo.content_services import CAMPAIGN_ACTIVITIES, MATERIALS
from api.demo.model import _Inst
from api.demo.names import serial_number
from api.demo.run import Run
from api.demo.world import Demo
from domain.lifecycle import Intake
from domain.services import publicity


def life(demo: Demo, run: Run) -> Process:
    rng = demo.rng
    client, inst = run.client, run.inst
    occasion: publicity.KeyOccasion | None = run.plan.extra.get("occasion")
    day: date | None = run.plan.extra.get("day")
    exhibition: str | None = run.plan.extra.get("exhibition")
    opened = demo.day(run.at)
    if occasion is not None and day is not None:
        label = publicity.KEY_OCCASIONS[occasion].zh.split("（")[0]
        title = f"{day.year}年{exhibition or label}知识产权宣传活动方案"
        theme = rng.choice(PUBLICITY_THEMES[occasion])
        starts, ends = day - timedelta(days=6), day + timedelta(days=rng.randint(3, 14))
        summary = f"{day.year}年{exhibition or label}系列宣传活动（联合{client.short}）"
    else:
        topic = rng.choice(("商标知识", "专利申请常识", "著作权保护", "地理标志知识", "打击侵权假冒"))
        starts, ends = opened + timedelta(days=7), opened + timedelta(days=rng.randint(30, 60))
        title = f"{starts.year}年{starts.month}月{topic}日常普法宣传"
        theme = topic
        summary = f"面向{client.short}的{topic}日常宣传"
    channels = sorted(rng.sample(list(publicity.Channel)[:6], rng.randint(2, 4)), key=list(publicity.Channel).index)
    run.open(Intake(summary=summary))
    yield run.later(4, 120)
    run.record(
        publicity.PublicityPlanned(
            title=title,
            theme=theme,
            starts_on=starts,
            ends_on=ends,
            occasions=[occasion] if occasion else [],
            channels=list(channels),
            audience=f"{client.short}及周边群众" if occasion else f"{client.short}",
        ),
    )
    yield run.later(48, 240)
    run.record(publicity.MaterialsPrepared(materials=materials(demo)))
    posts = [(topic, title) for topic, titles in DAILY_TITLES.items() for title in titles]
    for topic_code, post in rng.sample(posts, rng.randint(0, 2) if occasion else rng.randint(2, 4)):
        yield run.later(72, 240)
        run.record(
            publicity.DailyPublicityPosted(
                channels=list(rng.sample(channels, min(len(channels), 2))), topic=topic_code, title=post
            ),
        )
    handed = 0
    if occasion is not None and day is not None:
        campaign = datetime.combine(day, time(9, 30), CST)
        run.at = campaign if campaign > run.at else demo.after(run.at, 1, 24)
        yield run.at
        participants = rng.randint(150, 900)
        handed = rng.randint(participants, participants * 3)
        run.record(
            publicity.KeyDateCampaignHeld(
                occasion=occasion,
                exhibition=exhibition,
                venue=rng.choice(CAMPAIGN_VENUES).format(client=client.short)
                if exhibition is None
                else "青海国际会展中心",
                activities=rng.choice(CAMPAIGN_ACTIVITIES),
                participants=participants,
                materials_handed_out=handed,
            ),
        )
    yield run.later(2, 72)
    run.record(publicity.MediaCollected(items=media(demo, inst, run.at)))
    yield run.later(72, 336)
    views = rng.randint(2000, 30000)
    done = (
        f"现场发放宣传资料{handed}份，"
        if handed
        else f"发布宣传内容{run.case.steps.count('daily_publicity_posted')}篇，"
    )
    run.record(
        publicity.ActivityReported(
            summary=f"{title.removesuffix('方案')}已完成，{done}线上阅读量{views}次",
            outlets=rng.sample(REPORT_OUTLETS, rng.randint(1, 3)),
            people_reached=rng.randint(200, 3000) if handed else rng.randint(50, 400),
            online_views=views,
        ),
    )


def materials(demo: Demo) -> list[publicity.Material]:
    rng = demo.rng
    chosen = rng.sample(MATERIALS, rng.randint(1, 3))
    return [
        publicity.Material(kind=kind, title=title, quantity=rng.choice(amounts) if amounts else None)
        for kind, title, amounts in chosen
    ]


def media(demo: Demo, inst: _Inst, at: datetime) -> list[publicity.MediaReference]:
    number = serial_number(demo, inst, "XC", at)
    kinds = [publicity.MediaKind.PHOTO] + ([publicity.MediaKind.VIDEO] if demo.rng.random() < 0.5 else [])
    return [
        publicity.MediaReference(
            kind=k,
            caption={publicity.MediaKind.PHOTO: "宣传活动照片", publicity.MediaKind.VIDEO: "宣传活动视频"}[k],
            archive_no=f"{number}-{k.value[0].upper()}{n:02d}",
        )
        for n, k in enumerate(kinds, start=1)
    ]
