"""7.1 服务评价: a served person's evaluation of a case on the five indicators, five levels each."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from uuid import UUID, uuid5

from domain.errors import FieldError
from domain.labels import Label
from domain.lifecycle import Payload, Score, Text

EVALUATION_CLAUSE = "7.1"
LOW_SCORE = 2
"""A score at or below this is low: it needs a comment, opens a return visit and proposes a corrective action."""


class Indicator(StrEnum):
    PROFESSIONAL_LEVEL = "professional_level"
    ATTITUDE = "attitude"
    CONTENT = "content"
    QUALITY = "quality"
    SATISFACTION = "satisfaction"


INDICATOR_LABELS: dict[Indicator, Label] = {
    Indicator.PROFESSIONAL_LEVEL: Label("专业水平", "Professional level"),
    Indicator.ATTITUDE: Label("服务态度", "Service attitude"),
    Indicator.CONTENT: Label("服务内容", "Service content"),
    Indicator.QUALITY: Label("服务质量", "Service quality"),
    Indicator.SATISFACTION: Label("服务满意度", "Satisfaction"),
}

SCALE_LABELS: dict[int, Label] = {
    1: Label("非常不满意", "Very dissatisfied"),
    2: Label("不满意", "Dissatisfied"),
    3: Label("一般", "Neutral"),
    4: Label("满意", "Satisfied"),
    5: Label("非常满意", "Very satisfied"),
}


class Channel(StrEnum):
    QUESTIONNAIRE = "questionnaire"
    PHONE = "phone"
    ONLINE = "online"
    VISIT = "visit"


class EvaluationForm(Payload, kw_only=True):
    respondent: Text
    """Who answered: the client, or a named attendee of a training, etc."""
    channel: Channel = Channel.QUESTIONNAIRE
    professional_level: Score
    attitude: Score
    content: Score
    quality: Score
    satisfaction: Score
    comment: str | None = None

    @property
    def scores(self) -> dict[str, int]:
        return {i.value: getattr(self, i.value) for i in Indicator}

    @property
    def low(self) -> bool:
        return min(self.scores.values()) <= LOW_SCORE

    def invariants(self) -> Iterator[FieldError]:
        if self.low and not (self.comment or "").strip():
            yield FieldError("comment", f"a comment is required when any score is {LOW_SCORE} or lower")


class EvaluationFollowUp(Payload, kw_only=True):
    """The return visit after a low evaluation."""

    visited_by: Text
    outcome: Text
    resolved: bool = False


def evaluation_id(case_id: UUID, respondent: str) -> UUID:
    """One evaluation per respondent per case: the id is made from both (spaces and case do not count)."""
    return uuid5(case_id, "evaluation:" + " ".join(respondent.split()).casefold())
