"""5.1.13 知识产权金融 IP finance: investment, credit (incl. pledge loans), guarantee, securities, insurance."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

import msgspec

from domain.errors import FieldError, RuleBroken
from domain.labels import Label
from domain.lifecycle import OPENED, CaseView, Intake, Names, Payload, ServiceType, Step, Text

CLAUSE = "5.1.13"


def money_errors(field: str, amount: Decimal | None) -> Iterator[FieldError]:
    """An amount in CNY is finite, not negative, and in whole fen (msgspec cannot constrain a Decimal)."""
    if amount is None:
        return
    if not amount.is_finite() or amount < 0:
        yield FieldError(field, "an amount in CNY is a finite number of 0 or more")
    elif amount != amount.quantize(Decimal("0.01")):
        yield FieldError(field, "an amount in CNY has at most two decimal places (fen)")


class FinanceKind(StrEnum):
    INVESTMENT = "investment"  # 投资
    CREDIT = "credit"  # 信贷
    GUARANTEE = "guarantee"  # 担保
    SECURITIES = "securities"  # 证券化
    INSURANCE = "insurance"  # 保险


class FinancingOutcome(StrEnum):
    GRANTED = "granted"  # 全额获批
    PARTLY_GRANTED = "partly_granted"  # 部分获批
    REFUSED = "refused"  # 未获批
    PENDING = "pending"  # 审批中


class FinanceIntake(Intake, kw_only=True):
    finance_kind: FinanceKind
    pledge_loan: bool = False
    """A credit secured by pledging IP (知识产权质押融资)."""

    def invariants(self) -> Iterator[FieldError]:
        if self.pledge_loan and self.finance_kind != FinanceKind.CREDIT:
            yield FieldError("pledge_loan", "a pledge loan is a kind of credit: finance_kind must be credit")


class EnterpriseVisited(Payload, kw_only=True):
    visited_on: date
    visitors: Names
    needs: list[FinanceKind] = msgspec.field(default_factory=list)
    findings: Text


class SpecialTrainingHeld(Payload, kw_only=True):
    held_on: date
    institutions: Names
    """The financial institutions invited (banks, guarantors, insurers ...)."""
    topic: Text
    attendees: Annotated[int, msgspec.Meta(ge=0)] = 0


class InstitutionMatched(Payload, kw_only=True):
    institution: Text
    product: Text
    """The financial product proposed, e.g. 知识产权质押贷款, 专利保险."""
    contact: str | None = None


class PointToPointService(Payload, kw_only=True):
    institution: Text
    served_on: date
    content: Text


class FinancingTracked(Payload, kw_only=True):
    institution: Text
    amount_applied_cny: Decimal
    amount_granted_cny: Decimal = Decimal(0)
    applied_on: date
    granted_on: date | None = None
    outcome: FinancingOutcome

    def invariants(self) -> Iterator[FieldError]:
        yield from money_errors("amount_applied_cny", self.amount_applied_cny)
        yield from money_errors("amount_granted_cny", self.amount_granted_cny)
        applied, granted = self.amount_applied_cny, self.amount_granted_cny
        if not (applied.is_finite() and granted.is_finite()):
            return
        if granted > applied:
            yield FieldError("amount_granted_cny", "the amount granted cannot exceed the amount applied for")
        elif self.outcome == FinancingOutcome.GRANTED and (granted != applied or granted == 0):
            yield FieldError("amount_granted_cny", "granted in full: the amount granted equals the amount applied for")
        elif self.outcome == FinancingOutcome.PARTLY_GRANTED and not 0 < granted < applied:
            yield FieldError("amount_granted_cny", "partly granted: more than 0 and less than the amount applied for")
        elif self.outcome in (FinancingOutcome.REFUSED, FinancingOutcome.PENDING) and granted != 0:
            yield FieldError("amount_granted_cny", f"{self.outcome}: nothing has been granted")
        decided = self.outcome in (FinancingOutcome.GRANTED, FinancingOutcome.PARTLY_GRANTED)
        if decided and self.granted_on is None:
            yield FieldError("granted_on", "the date of the grant is required when the financing is granted")
        if not decided and self.granted_on is not None:
            yield FieldError("granted_on", f"{self.outcome}: there is no date of grant")
        if self.granted_on is not None and self.granted_on < self.applied_on:
            yield FieldError("granted_on", "the grant cannot precede the application")


class FinancingConcluded(Payload, kw_only=True):
    summary: Text


def _served_by_a_matched_institution(view: CaseView, step: Step, payload: Payload) -> None:
    """Point-to-point service and tracking are about an institution this case was matched with."""
    institution = getattr(payload, "institution", None)
    if step.code not in {"point_to_point_service", "financing_tracked"} or institution is None:
        return
    matched = [p["institution"] for p in view.payloads("institution_matched")]
    if institution.strip() not in {m.strip() for m in matched}:
        raise RuleBroken(
            f"{step.clause}: {institution!r} was not matched with this client; matched: {', '.join(matched)}",
            step.clause,
        )


def _financing_decided_before_closing(view: CaseView, step: Step, payload: Payload) -> None:
    """The case ends only when the latest financing tracked is no longer pending (the follow-up queue's work)."""
    if step.code != "financing_concluded":
        return
    tracked = view.payloads("financing_tracked")
    if tracked and tracked[-1]["outcome"] == FinancingOutcome.PENDING:
        raise RuleBroken(f"{step.clause}: the financing is still pending; track its outcome first", step.clause)


_ENGAGED = frozenset(
    {
        "enterprise_visited",
        "special_training_held",
        "institution_matched",
        "point_to_point_service",
        "financing_tracked",
    }
)
_MATCHED = frozenset({"institution_matched", "point_to_point_service", "financing_tracked"})

IP_FINANCE = ServiceType(
    code="ip_finance",
    clause=CLAUSE,
    name=Label("知识产权金融", "IP finance"),
    intake=FinanceIntake,
    rules=(_served_by_a_matched_institution, _financing_decided_before_closing),
    steps=(
        Step(
            "enterprise_visited",
            "5.1.13.a",
            Label("定期走访了解融资需求", "Periodic visit: financing needs learnt"),
            EnterpriseVisited,
            follows=_ENGAGED | {OPENED},
            repeatable=True,
        ),
        Step(
            "special_training_held",
            "5.1.13.b",
            Label("邀约金融机构举办专场培训", "Special training with financial institutions"),
            SpecialTrainingHeld,
            follows=_ENGAGED,
            repeatable=True,
        ),
        Step(
            "institution_matched",
            "5.1.13.c",
            Label("对接金融服务机构", "Matched with a financial institution"),
            InstitutionMatched,
            follows=_ENGAGED,
            repeatable=True,
        ),
        Step(
            "point_to_point_service",
            "5.1.13.c",
            Label("点对点服务", "Point-to-point service"),
            PointToPointService,
            follows=_MATCHED,
            repeatable=True,
        ),
        Step(
            "financing_tracked",
            "5.1.13.c",
            Label("融资服务跟踪管理", "Financing tracked"),
            FinancingTracked,
            follows=_MATCHED,
            repeatable=True,
        ),
        Step(
            "financing_concluded",
            "5.1.13.c",
            Label("融资服务办结", "Financing service concluded"),
            FinancingConcluded,
            follows=frozenset({"financing_tracked"}),
            closes=True,
        ),
    ),
)
