"""The lifecycle engine: one declarative step table per service type, one engine that reads them.

A `Step` says which steps it may follow (`follows`), whether it may be recorded again (`repeatable`)
and whether it ends the case (`closes`). A step that lists a closing step in `follows` may still be
recorded after the case is closed (the typical-case write-up after archiving, 5.1.7.f).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, cached_property
from typing import Annotated, Any, TypeVar
from uuid import UUID

import msgspec

from domain.errors import FeeNotAllowed, FieldError, InvalidPayload, StepNotAllowed, UnknownCode
from domain.labels import Label

OPENED = "opened"
"""The pseudo-step every case starts at: `follows={OPENED}` marks a possible first step."""


Text = Annotated[str, msgspec.Meta(pattern=r"\S", max_length=20_000, description="non-blank text")]
"""Required text: blank or whitespace-only text is refused."""
Names = Annotated[list[Text], msgspec.Meta(min_length=1, max_length=200)]
"""A list of at least one name."""
Score = Annotated[int, msgspec.Meta(ge=1, le=5, description="1 very dissatisfied … 5 very satisfied (7.1)")]


class Payload(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Base of every step's payload: what the staff member records at that step.

    A payload may define `invariants()` yielding a FieldError for each rule across its fields it breaks.
    """

    note: str | None = None


class Intake(Payload, kw_only=True):
    """What every case records when it is opened; a type may ask for more."""

    summary: str = ""


# A rule only one service type has: it sees the case so far and the step asked for, and may refuse.
CaseRule = Callable[["CaseView", "Step", Payload], None]


class CaseView(msgspec.Struct, frozen=True):
    """What a rule may look at: the recorded steps, oldest first, with their payloads; the intake; and the
    client as it was when the case was opened (kind, enterprise size, designations)."""

    recorded: tuple[tuple[str, Mapping[str, Any]], ...]
    intake: Mapping[str, Any] = msgspec.field(default_factory=dict)
    client: Mapping[str, Any] = msgspec.field(default_factory=dict)
    client_id: UUID | None = None
    institution_id: UUID | None = None
    case_id: UUID | None = None

    def payloads(self, code: str) -> list[Mapping[str, Any]]:
        return [payload for step, payload in self.recorded if step == code]


FreeWhen = Callable[[CaseView], bool]
"""When a step's service must be free of charge for this case (5.1.3.c, 5.1.8.c, 5.1.9.c)."""


def always_free(view: CaseView) -> bool:
    return True


SME_SIZES = frozenset({"micro", "small", "medium"})


def free_for_smes(view: CaseView) -> bool:
    return view.client.get("enterprise_size") in SME_SIZES


class Charged(Payload, kw_only=True):
    """A payload of a service that may carry a fee; steps marked `free` refuse any fee above zero."""

    fee_cny: Decimal = Decimal(0)  # msgspec cannot bound a Decimal: check_step refuses a negative fee


@dataclass(frozen=True)
class Companion:
    """Another aggregate a step changes in the same transaction: where a rule across cases is kept.

    `aggregate_id` names it from the case and the payload; `start` makes it (from the case, the payload and
    the command's provenance) when it does not exist yet; `apply` records the step's effect on it (and
    refuses, if the rule across cases is broken). Two cases starting it at once collide on its id.
    """

    aggregate_id: Callable[[CaseView, Any], UUID]
    start: Callable[[CaseView, Any, Any], Any]
    apply: Callable[[Any, CaseView, Any, Any], None]


@dataclass(frozen=True)
class Step:
    code: str
    clause: str
    name: Label
    payload: type[Payload] = Payload
    follows: frozenset[str] = frozenset()
    repeatable: bool = False
    closes: bool = False
    free: FreeWhen | None = None
    companion: Companion | None = None


@dataclass(frozen=True)
class ServiceType:
    code: str
    clause: str
    name: Label
    steps: tuple[Step, ...]
    intake: type[Intake] = Intake
    rules: tuple[CaseRule, ...] = field(default=())

    def __post_init__(self) -> None:
        codes = [s.code for s in self.steps]
        if len(set(codes)) != len(codes):
            raise ValueError(f"{self.code}: duplicate step codes")
        unknown = {f for s in self.steps for f in s.follows} - {*codes, OPENED}
        if unknown:
            raise ValueError(f"{self.code}: steps follow unknown steps {sorted(unknown)}")

    def step(self, code: str) -> Step:
        for candidate in self.steps:
            if candidate.code == code:
                return candidate
        raise UnknownCode("step", code, [s.code for s in self.steps])

    @cached_property
    def closing_steps(self) -> frozenset[str]:
        return frozenset(s.code for s in self.steps if s.closes)

    def allowed_next(self, recorded: Sequence[str]) -> list[str]:
        """Step codes that may be recorded after `recorded` (the codes so far, oldest first)."""
        last = recorded[-1] if recorded else OPENED
        done = set(recorded)
        return [s.code for s in self.steps if last in s.follows and (s.repeatable or s.code not in done)]

    def check_step(self, view: CaseView, code: str, raw_payload: Mapping[str, Any]) -> Payload:
        """Validate that `code` may follow and that its payload has the right shape; returns the payload."""
        step = self.step(code)
        recorded = [c for c, _ in view.recorded]
        allowed = self.allowed_next(recorded)
        if code not in allowed:
            raise StepNotAllowed(code, allowed)
        payload = parse_payload(step.payload, raw_payload)
        fee = getattr(payload, "fee_cny", Decimal(0))
        if fee < 0:  # parse_payload has already refused NaN and infinities
            raise InvalidPayload("fee_cny: a fee cannot be negative", "fee_cny")
        if step.free is not None and fee > 0 and step.free(view):
            raise FeeNotAllowed(f"{step.clause}: this service is free of charge for this client; fee_cny must be 0")
        for rule in self.rules:
            rule(view, step, payload)
        return payload


_PATH = re.compile(r" - at `\$(?P<path>[^`]*)`$")
_NAMED_FIELD = re.compile(r"(?:missing required|unknown) field `(?P<name>[^`]+)`")
P = TypeVar("P", bound=msgspec.Struct)


def parse_payload(kind: type[P], raw: Mapping[str, Any]) -> P:
    """Convert a JSON-shaped mapping into the typed payload; every field at fault is named."""
    if not isinstance(raw, Mapping):
        raise InvalidPayload("expected a JSON object", "", [FieldError("", "expected a JSON object")])
    try:
        if not fields_of(kind).keys() >= raw.keys():  # msgspec would ignore them: field_errors names them
            raise msgspec.ValidationError("unknown field")
        parsed = msgspec.convert(raw, type=kind)
    except msgspec.ValidationError as exc:
        # Each field is checked on its own only now (it costs more than the one conversion), so a client learns
        # of every mistake at once.
        errors = field_errors(kind, raw)
        if errors:
            summary = "; ".join(f"{e.field}: {e.message}" for e in errors)
            raise InvalidPayload(summary, errors[0].field, errors) from None
        detail, path = describe_validation_error(exc)
        raise InvalidPayload(detail, path, [FieldError(path, detail)]) from exc
    check = getattr(parsed, "invariants", None)
    broken = [
        FieldError(name, "must be a finite number")
        for name in parsed.__struct_fields__
        if isinstance(value := getattr(parsed, name), Decimal) and not value.is_finite()
    ]
    broken += list(check()) if check is not None and not broken else []
    if broken:
        raise InvalidPayload("; ".join(f"{e.field}: {e.message}" for e in broken), broken[0].field, broken)
    return parsed


@cache
def fields_of(kind: type[msgspec.Struct]) -> dict[str, msgspec.structs.FieldInfo]:
    """A struct's fields by wire name (msgspec evaluates the annotations on every call: keep the answer)."""
    return {f.encode_name: f for f in msgspec.structs.fields(kind)}


def field_errors(kind: type[msgspec.Struct], raw: Mapping[str, Any]) -> list[FieldError]:
    """Check each field on its own, so that a client learns of every mistake at once."""
    fields = fields_of(kind)
    errors = [FieldError(str(name), "unknown field") for name in raw if name not in fields]
    for name, info in fields.items():
        if name not in raw:
            if info.required:
                errors.append(FieldError(name, "required field is missing"))
            continue
        try:
            msgspec.convert(raw[name], type=info.type)
        except msgspec.ValidationError as exc:
            detail, path = describe_validation_error(exc)
            errors.append(FieldError(f"{name}{path if path.startswith('[') else '.' + path}" if path else name, detail))
    return errors


def to_record(payload: msgspec.Struct) -> dict[str, Any]:
    """The payload as JSON-ready builtins, as it is stored in the event and shown in the history."""
    record: dict[str, Any] = msgspec.to_builtins(payload)
    return record


def describe_validation_error(exc: msgspec.ValidationError) -> tuple[str, str]:
    """(message, field path) of a msgspec validation error, e.g. ("Expected `int`...", "amount")."""
    message = str(exc)
    at = _PATH.search(message)
    path = at.group("path").lstrip(".") if at else ""
    detail = _PATH.sub("", message)
    named = _NAMED_FIELD.search(detail)
    if named:
        path = f"{path}.{named.group('name')}" if path else named.group("name")
    return detail, path
