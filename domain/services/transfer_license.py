"""5.1.14 知识产权转让、许可 Transfer and licensing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

import msgspec

from domain.errors import FieldError
from domain.labels import Label
from domain.lifecycle import OPENED, Intake, Payload, ServiceType, Step, Text
from domain.services.common import IpType
from domain.services.ip_finance import money_errors


class ClientSide(StrEnum):
    GRANTOR = "grantor"  # 转让方 / 许可方
    GRANTEE = "grantee"  # 受让方 / 被许可方


class ContractKind(StrEnum):
    ASSIGNMENT = "assignment"  # 转让
    EXCLUSIVE_LICENCE = "exclusive_licence"  # 独占许可
    SOLE_LICENCE = "sole_licence"  # 排他许可
    NON_EXCLUSIVE_LICENCE = "non_exclusive_licence"  # 普通许可


class ValuationMethod(StrEnum):
    INCOME = "income"  # 收益法
    MARKET = "market"  # 市场法
    COST = "cost"  # 成本法


class DealOutcome(StrEnum):
    SIGNED = "signed"  # 已签约
    ABANDONED = "abandoned"  # 交易终止


class RightRef(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """One right a deal concerns: its kind and its number (patent no., registration no. ...)."""

    ip_type: IpType
    number: Text
    title: str | None = None


class TransferIntake(Intake, kw_only=True):
    ip_type: IpType
    client_side: ClientSide


class ValuationReferred(Payload, kw_only=True):
    institution: Text
    method: ValuationMethod | None = None
    valuation_cny: Decimal
    valued_on: date
    report_no: str | None = None

    def invariants(self) -> Iterator[FieldError]:
        yield from money_errors("valuation_cny", self.valuation_cny)


class ContractGuided(Payload, kw_only=True):
    contract_kind: ContractKind
    counterparty: Text
    rights: Annotated[list[RightRef], msgspec.Meta(min_length=1, max_length=200)]
    consideration_cny: Decimal
    term_from: date | None = None
    term_to: date | None = None
    territory: str | None = None
    advice: Text
    """The clauses drafted or improved, and why (保障双方权益)."""

    def invariants(self) -> Iterator[FieldError]:
        numbers = [(r.ip_type, r.number.strip()) for r in self.rights]
        if len(set(numbers)) != len(numbers):
            yield FieldError("rights", "a right is named twice")
        yield from money_errors("consideration_cny", self.consideration_cny)
        if self.contract_kind == ContractKind.ASSIGNMENT:
            for name in ("term_from", "term_to", "territory"):
                if getattr(self, name) is not None:
                    yield FieldError(name, "an assignment transfers the right: it has no licence term or territory")
        elif self.term_from is not None and self.term_to is not None and self.term_to <= self.term_from:
            yield FieldError("term_to", "the licence term must end after it starts")


class Archived(Payload, kw_only=True):
    outcome: DealOutcome
    signed_on: date | None = None
    recorded_with_authority: bool = False
    """The assignment registered / the licence contract filed (备案) with the authority."""
    archive_no: Text

    def invariants(self) -> Iterator[FieldError]:
        if self.outcome == DealOutcome.SIGNED and self.signed_on is None:
            yield FieldError("signed_on", "a signed deal has a signing date")
        if self.outcome == DealOutcome.ABANDONED:
            if self.signed_on is not None:
                yield FieldError("signed_on", "an abandoned deal was not signed")
            if self.recorded_with_authority:
                yield FieldError("recorded_with_authority", "an abandoned deal cannot have been recorded")


class TypicalCaseWritten(Payload, kw_only=True):
    title: Text
    summary: Text
    tags: list[str] = msgspec.field(default_factory=list)


TRANSFER_LICENSE = ServiceType(
    code="transfer_license",
    clause="5.1.14",
    name=Label("知识产权转让、许可", "Transfer and licensing"),
    intake=TransferIntake,
    steps=(
        Step(
            "valuation_referred",
            "5.1.14.a",
            Label("交易前对接专业评估机构评估价值", "Referred for valuation before the deal"),
            ValuationReferred,
            follows=frozenset({OPENED}),
        ),
        Step(
            "contract_guided",
            "5.1.14.b",
            Label("指导起草和完善合同条款", "Contract drafting guided"),
            ContractGuided,
            follows=frozenset({OPENED, "valuation_referred", "contract_guided"}),
            repeatable=True,  # drafts go back and forth
        ),
        Step(
            "archived",
            "5.1.14",  # not a step of the text: the case is wound up whether or not the deal was signed
            Label("办结归档", "Archived"),
            Archived,
            follows=frozenset({"valuation_referred", "contract_guided"}),
            closes=True,
        ),
        Step(
            "typical_case_written",
            "5.1.14.c",
            Label("撰写典型转让、许可案例", "Typical case written up"),
            TypicalCaseWritten,
            follows=frozenset({"archived"}),
        ),
    ),
)
