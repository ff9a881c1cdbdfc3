"""5.1.10 基础知识培训 Basic IP training.

a) Needs are learnt through questionnaires and visits; b) a training plan is made with invited lecturers
and the courseware confirmed with them; c) the session is held and a satisfaction questionnaire follows;
d) the training and attendee records are kept, with the questions asked and the further needs.

The courses (the standard's Appendix B, not included) are data: `COURSES`. A training may be a series:
a new or revised plan, and further sessions, may follow each session's questionnaire. The session's
date is the step's effective time.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

import msgspec

from domain.errors import FieldError, RuleBroken
from domain.labels import Label
from domain.lifecycle import OPENED, CaseView, Names, Payload, ServiceType, Step, Text

Positive = Annotated[int, msgspec.Meta(ge=1)]


class Course(StrEnum):
    IP_BASICS = "ip_basics"
    PATENT_APPLICATION = "patent_application"
    TRADEMARK_REGISTRATION = "trademark_registration"
    COPYRIGHT_REGISTRATION = "copyright_registration"
    PATENT_SEARCH = "patent_search"
    IP_PROTECTION = "ip_protection"
    TRADE_SECRETS = "trade_secrets"
    GEOGRAPHICAL_INDICATIONS = "geographical_indications"
    IP_FINANCE = "ip_finance"
    IP_COMPLIANCE = "ip_compliance"
    OVERSEAS_RISK = "overseas_risk"


COURSES: dict[Course, Label] = {
    Course.IP_BASICS: Label("知识产权基础知识", "IP basics"),
    Course.PATENT_APPLICATION: Label("专利申请实务", "Filing a patent application"),
    Course.TRADEMARK_REGISTRATION: Label("商标注册与使用", "Registering and using a trademark"),
    Course.COPYRIGHT_REGISTRATION: Label("作品与软件著作权登记", "Copyright and software registration"),
    Course.PATENT_SEARCH: Label("专利信息检索与利用", "Patent search and use"),
    Course.IP_PROTECTION: Label("知识产权保护与维权", "Protecting and enforcing IP"),
    Course.TRADE_SECRETS: Label("商业秘密保护", "Protecting trade secrets"),
    Course.GEOGRAPHICAL_INDICATIONS: Label("地理标志保护与运用", "Geographical indications"),
    Course.IP_FINANCE: Label("知识产权质押融资", "IP-backed financing"),
    Course.IP_COMPLIANCE: Label("企业知识产权合规管理", "IP compliance management"),
    Course.OVERSEAS_RISK: Label("海外知识产权风险防控", "Overseas IP risks"),
}


class SurveyMethod(StrEnum):
    QUESTIONNAIRE = "questionnaire"  # 调查问卷
    VISIT = "visit"  # 定期走访
    SYMPOSIUM = "symposium"  # 座谈


class NeedsSurveyed(Payload, kw_only=True):
    methods: Annotated[list[SurveyMethod], msgspec.Meta(min_length=1)]
    respondents: Positive
    courses_wanted: list[Course] = msgspec.field(default_factory=list)
    topics_wanted: list[Text] = msgspec.field(default_factory=list)

    def invariants(self) -> Iterator[FieldError]:
        if not self.courses_wanted and not self.topics_wanted:
            yield FieldError("courses_wanted", "name at least one course or topic wanted")


class TrainingPlanned(Payload, kw_only=True):
    title: Text
    planned_on: date
    lecturers: Names
    courses: list[Course] = msgspec.field(default_factory=list)
    other_topics: list[Text] = msgspec.field(default_factory=list)
    audience: str = ""
    courseware_confirmed: bool = False
    """Whether the lecturers have confirmed the courseware; no session is held before they have."""

    def invariants(self) -> Iterator[FieldError]:
        if not self.courses and not self.other_topics:
            yield FieldError("courses", "name at least one course or topic")


class SessionHeld(Payload, kw_only=True):
    venue: Text
    attendees_count: Positive
    attendees: list[Text] = msgspec.field(default_factory=list)
    """Names from the sign-in sheet, when kept; may be fewer than the head count."""

    def invariants(self) -> Iterator[FieldError]:
        if len(self.attendees) > self.attendees_count:
            yield FieldError("attendees", "more names than attendees_count")


class SatisfactionSurveyed(Payload, kw_only=True):
    responses: Positive
    mean_score: Decimal
    """Mean of the 1-5 scores (7.1)."""
    satisfied_percent: Decimal
    """Share of respondents satisfied or very satisfied, in percent."""
    comments: list[Text] = msgspec.field(default_factory=list)

    def invariants(self) -> Iterator[FieldError]:
        if not self.mean_score.is_finite() or not 1 <= self.mean_score <= 5:
            yield FieldError("mean_score", "a mean score lies between 1 and 5")
        if not self.satisfied_percent.is_finite() or not 0 <= self.satisfied_percent <= 100:
            yield FieldError("satisfied_percent", "a percentage lies between 0 and 100")


class AttendeeRecord(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    name: Text
    organisation: str | None = None


class RecordsKept(Payload, kw_only=True):
    archive_no: Text
    attendee_records: list[AttendeeRecord] = msgspec.field(default_factory=list)
    questions_collected: list[Text] = msgspec.field(default_factory=list)
    follow_up_needs: list[Text] = msgspec.field(default_factory=list)


def courseware_confirmed_before_session(view: CaseView, step: Step, payload: Payload) -> None:
    """5.1.10.b: a session follows a plan whose courseware the lecturers have confirmed."""
    if step.code != "session_held":
        return
    plans = view.payloads("training_planned")
    if not plans or not plans[-1].get("courseware_confirmed"):
        raise RuleBroken(
            "5.1.10.b: the lecturers have not confirmed the courseware of the training plan; "
            "record the plan again with courseware_confirmed once they have",
            "5.1.10.b",
        )


def responses_within_attendance(view: CaseView, step: Step, payload: Payload) -> None:
    """5.1.10.c: the questionnaire is answered by people who attended the session just held."""
    if not isinstance(payload, SatisfactionSurveyed):
        return
    sessions = view.payloads("session_held")
    attended = int(sessions[-1]["attendees_count"]) if sessions else 0
    if payload.responses > attended:
        raise RuleBroken(
            f"5.1.10.c: {payload.responses} questionnaire responses but {attended} attended the session",
            "5.1.10.c",
        )


TRAINING = ServiceType(
    code="training",
    clause="5.1.10",
    name=Label("基础知识培训", "Basic IP training"),
    rules=(courseware_confirmed_before_session, responses_within_attendance),
    steps=(
        Step(
            "needs_surveyed",
            "5.1.10.a",
            Label("通过调查问卷、定期走访了解知识产权需求", "Needs surveyed"),
            NeedsSurveyed,
            follows=frozenset({OPENED, "needs_surveyed"}),
            repeatable=True,
        ),
        Step(
            "training_planned",
            "5.1.10.b",
            Label("制定培训方案并与讲师确认培训课件", "Training planned, courseware confirmed"),
            TrainingPlanned,
            follows=frozenset({"needs_surveyed", "training_planned", "satisfaction_surveyed"}),
            repeatable=True,
        ),
        Step(
            "session_held",
            "5.1.10.c",
            Label("组织参加知识产权培训", "Training session held"),
            SessionHeld,
            follows=frozenset({"training_planned", "satisfaction_surveyed"}),
            repeatable=True,
        ),
        Step(
            "satisfaction_surveyed",
            "5.1.10.c",
            Label("培训满意度问卷调查", "Satisfaction questionnaire"),
            SatisfactionSurveyed,
            follows=frozenset({"session_held"}),
            repeatable=True,
        ),
        Step(
            "records_kept",
            "5.1.10.d",
            Label("留存培训及参会记录，整理咨询信息及后续培训需求", "Records kept, further needs collected"),
            RecordsKept,
            follows=frozenset({"satisfaction_surveyed"}),
            closes=True,
        ),
    ),
)
