"""Domain errors: each says what rule was broken, in words a client can act on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class DomainError(Exception):
    """A command the domain refuses."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class UnknownCode(DomainError):
    """A service type, step or other code that the catalogue does not know (422)."""

    def __init__(self, kind: str, code: str, known: Sequence[str]) -> None:
        super().__init__(f"unknown {kind} {code!r}; known: {', '.join(known)}")
        self.kind = kind
        self.code = code
        self.known = tuple(known)


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


class InvalidPayload(DomainError):
    """A step's or registration's fields do not have the shape the step requires (400)."""

    def __init__(self, detail: str, field: str = "", errors: Sequence[FieldError] = ()) -> None:
        super().__init__(detail)
        self.field = field
        self.errors = tuple(errors) or (FieldError(field, detail),)


class StepNotAllowed(DomainError):
    """The case's current state does not allow the step (409); the allowed next steps are listed."""

    def __init__(self, step: str, allowed: Sequence[str]) -> None:
        allowed_text = ", ".join(allowed) if allowed else "none (the case is closed)"
        super().__init__(f"step {step!r} is not allowed now; allowed next: {allowed_text}")
        self.step = step
        self.allowed = tuple(allowed)


class InvalidEffectiveTime(DomainError):
    """`effective_at` lies in the future, or before the case was opened or its previous step (422)."""


class FeeNotAllowed(DomainError):
    """A fee recorded for a service the standard makes free (422)."""


class RuleBroken(DomainError):
    """A rule of the standard across steps or cases refuses the command (409), e.g. a right already in
    the client's IP ledger, a second evaluation by the same respondent."""

    def __init__(self, detail: str, clause: str = "") -> None:
        super().__init__(detail)
        self.clause = clause
