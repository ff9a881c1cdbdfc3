"""Application guidance (5.1.5, 申请引导): the life of a demo case."""

from __future__ import annotations

from datetime import timedelta

from api.demo.common import Process
from api.demo.content_clients import ACADEMIC, SECTORS
from api.demo.content_places import COPYRIGHT_SERVICE, PATENT_AGENCIES, TRADEMARK_AGENCIES
from api.demo.content_services import APPLICATION_ADVICE, APPLIED_TYPES, BASIC_TOPICS, FILED_PROGRESS
from api.demo.model import _SCORES, _ClientPlan, _Right
from api.demo.rights import file_right, portfolio
from api.demo.run import Run
from api.demo.world import Demo
from domain.ip_ledger import RightStatus
from domain.services import application_guidance
from domain.services.common import IP_TYPE_LABELS, IpType


def life(demo: Demo, run: Run) -> Process:
    rng = demo.rng
    client = run.client
    held = portfolio(demo, client, demo.day(run.at))
    unrecorded = [r for r in held if r.key not in client.ledger]
    wanted = demo.pick([(t, w) for t, w in client.sector.ip_weights if t in APPLIED_TYPES] or [(IpType.PATENT, 1)])
    run.open(
        application_guidance.GuidanceIntake(
            has_ip_activity=bool(held),
            ip_types=[wanted],
            summary=f"梳理已有知识产权并申请{IP_TYPE_LABELS[wanted].zh}"
            if held
            else f"尚无知识产权，希望了解如何申请{IP_TYPE_LABELS[wanted].zh}",
        ),
    )
    if unrecorded and rng.random() < 0.8:  # 5.1.5.a: the rights it already has go into its ledger
        for right in rng.sample(unrecorded, min(len(unrecorded), rng.randint(1, 4))):
            yield run.later(0.1, 6)
            record_right(demo, run, right)
    if not held:  # 5.1.5.c
        yield run.later(0.1, 72)
        topics = rng.sample(BASIC_TOPICS, rng.randint(2, 3))
        run.record(
            application_guidance.BasicTrainingGiven(
                topics=topics,
                trainer=rng.choice(run.inst.staff),
                attendees=1 if not client.organisation else rng.randint(2, 8),
                hours=rng.choice((1.0, 1.5, 2.0, 3.0)),
            ),
        )
    subject = subject_of(demo, client, wanted)
    yield run.later(0.2, 48)
    run.record(
        application_guidance.ApplicationGuided(
            ip_types=[wanted], subject=subject, advice=rng.choice(APPLICATION_ADVICE[wanted])
        ),
    )
    if rng.random() < 0.2:
        yield run.later(24, 240)
        run.record(application_guidance.Concluded(outcome="已讲清申请要点和材料要求，申请人自行提交申请"))
        return
    agency_kind, agency, services = application_agency(demo, wanted)
    yield run.later(24, 240)
    referred_on = demo.day(run.at)
    run.record(
        application_guidance.ReferredToAgency(
            agency_kind=agency_kind, agency_name=agency, services=services, contact=f"{demo.person()} {demo.landline()}"
        ),
    )
    yield run.later(168, 720)  # the agency drafts and files
    day = demo.day(run.at)
    filed = referred_on + timedelta(days=rng.randint(1, max(1, (day - referred_on).days)))
    right = file_right(demo, client, wanted, min(filed, day), subject)
    # Many end once the application is filed and in the ledger; the agency sees it through.
    handed_over = wanted is not IpType.COPYRIGHT and rng.random() < 0.4
    next_on = day + timedelta(days=rng.randint(45, 120))
    run.record(
        application_guidance.AgencyFollowedUp(
            agency_name=agency,
            progress=FILED_PROGRESS[wanted],
            satisfaction=rng.choices(_SCORES, (1, 2, 10, 40, 47))[0],
            next_follow_up_on=None if handed_over else next_on,
        ),
    )
    if right.ip_type is not IpType.COPYRIGHT:  # a copyright goes into the ledger once registered
        yield run.later(0.5, 72)
        record_right(demo, run, right)
    if handed_over:
        yield run.later(2, 240)
        run.record(application_guidance.Concluded(outcome="申请已提交并纳入知识产权管理台账，后续审查由代理机构跟进"))
        return
    for n in range(3):  # 5.1.5.e: periodically, until the right is decided
        yield run.around(next_on, 5, 10 if rng.random() < 0.8 else 30)
        day = demo.day(run.at)
        status = right.status_at(day)
        decided = status in (RightStatus.GRANTED, RightStatus.REJECTED)
        later = None if decided or n == 2 else day + timedelta(days=rng.randint(60, 120))
        run.record(
            application_guidance.AgencyFollowedUp(
                agency_name=agency,
                progress=progress_of(demo, right, status),
                satisfaction=rng.choices(_SCORES, (1, 2, 10, 40, 47))[0],
                next_follow_up_on=later if later else None,
            ),
        )
        if status is RightStatus.GRANTED and right.key not in client.ledger:
            yield run.later(0.5, 48)
            record_right(demo, run, right)
        if later is None:
            break
        next_on = later
    yield run.later(2, 240)
    status = right.status_at(demo.day(run.at))
    outcome = {
        RightStatus.GRANTED: f"{IP_TYPE_LABELS[wanted].zh}已授权（登记），已纳入知识产权管理台账",
        RightStatus.REJECTED: "申请被驳回，已告知复审途径，服务办结",
    }.get(status, "申请审查中，已纳入知识产权管理台账持续跟踪")
    run.record(application_guidance.Concluded(outcome=outcome))


def record_right(demo: Demo, run: Run, right: _Right) -> None:
    """5.1.5.a: the right as it stands today goes into the client's ledger (once: the ledger refuses more)."""
    status = right.status_at(demo.day(run.at))
    decided = status in (RightStatus.GRANTED, RightStatus.LAPSED) and right.decided_on is not None
    entry = application_guidance.LedgerEntryRecorded(
        ip_type=right.ip_type,
        title=right.title,
        application_no=right.application_no,
        status=status,
        filed_on=right.filed_on,
        granted_on=right.decided_on if decided else None,
        registration_no=right.registration_no if decided else None,
    )
    run.record(entry)
    run.client.ledger.add(right.key)


def progress_of(demo: Demo, right: _Right, status: RightStatus) -> str:
    label = IP_TYPE_LABELS[right.ip_type].zh
    if status is RightStatus.GRANTED:
        return {
            IpType.COPYRIGHT: "已取得登记证书",
            IpType.TRADEMARK: "商标已核准注册，已取得注册证",
        }.get(right.ip_type, f"{label}已授权，已办理登记手续")
    if status is RightStatus.REJECTED:
        return "申请被驳回，代理机构正在评估复审的可行性"
    if status is RightStatus.EXAMINING:
        return "发明专利申请已进入实质审查阶段，代理机构正在跟进审查意见"
    return {IpType.TRADEMARK: "商标注册申请处于实质审查阶段"}.get(right.ip_type, "申请处于初步审查阶段，暂无审查意见")


def application_agency(demo: Demo, wanted: IpType) -> tuple[application_guidance.AgencyKind, str, str]:
    rng = demo.rng
    if wanted is IpType.TRADEMARK:
        return (
            application_guidance.AgencyKind.TRADEMARK_AGENCY,
            rng.choice(TRADEMARK_AGENCIES),
            "商标近似查询、分类与注册申请",
        )
    if wanted is IpType.COPYRIGHT:
        return application_guidance.AgencyKind.COPYRIGHT_SERVICE, COPYRIGHT_SERVICE, "作品（软件）著作权登记"
    return application_guidance.AgencyKind.PATENT_AGENCY, rng.choice(PATENT_AGENCIES), "专利申请文件撰写与提交"


def subject_of(demo: Demo, client: _ClientPlan, wanted: IpType) -> str:
    rng = demo.rng
    sector = client.sector
    if wanted is IpType.TRADEMARK:
        return f"“{client.brand}”商标（第{rng.choice(sector.classes)}类）"
    if wanted is IpType.COPYRIGHT:
        if sector in (SECTORS[6], ACADEMIC):
            return f"{rng.choice(sector.keywords)}管理软件V1.0"
        return f"{rng.choice(sector.products)}（作品）"
    if wanted is IpType.IC_LAYOUT:
        return f"{rng.choice(sector.products)}控制芯片布图设计"
    return f"一种{rng.choice(sector.inventions)}"
