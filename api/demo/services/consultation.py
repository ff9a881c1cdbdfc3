"""Consultation (5.1.6, 业务办理咨询): the life of a demo case."""

from __future__ import annotations

from api.demo.common import Process
from api.demo.content_clients import PERSONAL
from api.demo.content_places import COPYRIGHT_SERVICE, LAW_FIRMS, PATENT_AGENCIES, TRADEMARK_AGENCIES, VALUATION_FIRMS
from api.demo.content_questions import QUESTIONS, REFERRAL_REASONS, WORKS, _Question
from api.demo.model import _SCORES, _ClientPlan
from api.demo.run import Run
from api.demo.world import Demo
from domain.services import consultation


def life(demo: Demo, run: Run) -> Process:
    rng = demo.rng
    client = run.client
    channel = rng.choices(list(consultation.Channel), (40, 15, 27, 18))[0]
    first, asked = ask(demo, client)
    questions = [asked]
    other, also = ask(demo, client)
    second = other if rng.random() < 0.22 and other is not first else None
    if second is not None:
        questions.append(also)
    contact = {
        consultation.Channel.PHONE: str(client.profile["phone"]),
        consultation.Channel.WEBSITE: f"网站留言 {demo.fake.free_email()}",
        consultation.Channel.SOCIAL_MEDIA: rng.choice(("微信公众号留言", "抖音私信", "微信小程序在线咨询")),
        consultation.Channel.FACE_TO_FACE: None,
    }[channel]
    run.open(consultation.ConsultationIntake(channel=channel, contact=contact, summary=f"{'、'.join(first.tags)}咨询"))
    for question in questions:
        yield run.later(0.02, 0.3)
        run.record(question)
    referred_first = first.agency is not None and rng.random() < 0.06  # a specialist answers it
    if referred_first:
        yield run.later(2, 72)
        run.record(consult_referral(demo, first))
    quick = channel in (consultation.Channel.PHONE, consultation.Channel.FACE_TO_FACE) and not referred_first
    yield run.later(*((0.05, 0.8) if quick and rng.random() < 0.75 else (2.0, 120.0)))
    answer = first.answer if second is None else f"{first.answer}；{second.answer}"
    run.record(
        consultation.Answered(
            answer=answer,
            answered_by=rng.choice(run.inst.staff),
            legal_basis=first.legal_basis,
            satisfaction=rng.choices(_SCORES, (1, 2, 7, 30, 60))[0],
        ),
    )
    if not referred_first and first.agency is not None and rng.random() < 0.12:
        yield run.later(0.3, 72)
        run.record(consult_referral(demo, first))


def ask(demo: Demo, client: _ClientPlan) -> tuple[_Question, consultation.QuestionRecorded]:
    rng = demo.rng
    ip = demo.pick(client.sector.ip_weights)
    matching = [q for q in QUESTIONS if ip in q.ip_types]
    question = rng.choice(matching if matching and rng.random() > 0.1 else QUESTIONS)
    sector = client.sector
    text = question.text.format(
        product=rng.choice(sector.products),
        brand=client.brand,
        cls=rng.choice(sector.classes),
        work=rng.choice(sector.products if sector is PERSONAL else WORKS),
    )
    return question, consultation.QuestionRecorded(
        question=text,
        topics=list(question.topics),
        ip_types=list(question.ip_types),
        tags=list(question.tags),
    )


def consult_referral(demo: Demo, question: _Question) -> consultation.ReferredToAgency:
    agency = question.agency or consultation.AgencyKind.OTHER
    names = {
        consultation.AgencyKind.PATENT_AGENCY: PATENT_AGENCIES,
        consultation.AgencyKind.TRADEMARK_AGENCY: TRADEMARK_AGENCIES,
        consultation.AgencyKind.LAW_FIRM: LAW_FIRMS,
        consultation.AgencyKind.OTHER: (COPYRIGHT_SERVICE, VALUATION_FIRMS[0][0]),
    }[agency]
    return consultation.ReferredToAgency(
        agency_kind=agency, agency_name=demo.rng.choice(names), reason=demo.rng.choice(REFERRAL_REASONS[agency])
    )
