"""Basic IP training (5.1.10, 基础知识培训): the life of a demo case."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from msgspec.structs import replace

from api.demo.common import Process
from api.demo.content_policies import TRAINING_COMMENTS, TRAINING_NEEDS, TRAINING_QUESTIONS
from api.demo.names import experts_on, serial_number
from api.demo.run import Run
from api.demo.world import Demo
from domain.lifecycle import Intake
from domain.services import training


def life(demo: Demo, run: Run) -> Process:
    rng = demo.rng
    client, inst = run.client, run.inst
    courses = sorted(rng.sample(list(training.Course), rng.randint(2, 3)), key=list(training.Course).index)
    run.open(Intake(summary=f"{client.short}知识产权基础知识培训"))
    for n in range(rng.choices((1, 2), (75, 25))[0]):
        yield run.later(*((2.0, 96.0) if n == 0 else (24.0, 240.0)))
        methods = rng.sample(list(training.SurveyMethod), rng.randint(1, 2))
        run.record(
            training.NeedsSurveyed(
                methods=list(sorted(methods, key=list(training.SurveyMethod).index)),
                respondents=rng.randint(5, 80),
                courses_wanted=list(courses) if n == 0 else [],
                topics_wanted=[] if n == 0 else [rng.choice(TRAINING_NEEDS)],
            ),
        )
    yield run.later(48, 336)
    session_day = demo.working_moment(demo.day(run.at) + timedelta(days=rng.randint(10, 35)))
    names = "、".join(training.COURSES[c].zh for c in courses[:2])
    plan = training.TrainingPlanned(
        title=f"{demo.day(session_day).year}年{client.short}知识产权培训班（{names}）",
        planned_on=demo.day(session_day),
        lecturers=[*experts_on(demo, client.sector, 1), rng.choice(inst.staff)],
        courses=list(courses),
        audience=f"{client.short}{'师生' if client.group == 'university' else '研发与管理人员'}",
    )
    confirmed_at_once = rng.random() < 0.55
    run.record(replace(plan, courseware_confirmed=confirmed_at_once))
    if not confirmed_at_once:  # 5.1.10.b: the lecturers confirm the courseware, then the plan is recorded again
        yield run.later(24, 168)
        run.record(replace(plan, courseware_confirmed=True))
    venue = rng.choice((f"{client.short}会议室", f"{inst.spec.name}培训室", "线上（腾讯会议）"))
    attendees = [demo.person() for _ in range(rng.randint(2, 5))]
    run.respondents = list(attendees)
    for n in range(rng.choices((1, 2), (75, 25))[0]):
        if n == 0:
            run.at = max(session_day, demo.office(run.at + timedelta(hours=2)))
            yield run.at
        else:
            yield run.later(168, 720)
        count = rng.randint(15, 150)
        run.record(
            training.SessionHeld(
                venue=venue if n == 0 else "线上（腾讯会议）",
                attendees_count=count,
                attendees=attendees if n == 0 else [],
            ),
        )
        yield run.later(1, 72)
        mean = round(rng.uniform(3.9, 4.9), 1)
        run.record(
            training.SatisfactionSurveyed(
                responses=rng.randint(max(1, count // 2), count),
                mean_score=Decimal(f"{mean:.1f}"),
                satisfied_percent=Decimal(f"{min(100.0, round(20 * mean - 2 + rng.uniform(-3, 3), 1)):.1f}"),
                comments=rng.sample(TRAINING_COMMENTS, rng.randint(0, 2)),
            ),
        )
    yield run.later(24, 240)
    run.record(
        training.RecordsKept(
            archive_no=serial_number(demo, inst, "PX", run.at),
            attendee_records=[training.AttendeeRecord(name=a, organisation=client.short) for a in attendees],
            questions_collected=rng.sample(TRAINING_QUESTIONS, rng.randint(1, 3)),
            follow_up_needs=rng.sample(TRAINING_NEEDS, rng.randint(1, 2)),
        ),
    )
