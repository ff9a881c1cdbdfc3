"""Refusals of the application layer (beside the domain's own), each with its HTTP status."""

from __future__ import annotations

from typing import Any


class ApplicationError(Exception):
    status = 400
    title = "Bad request"
    slug = "bad-request"

    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra


class NotFound(ApplicationError):
    status, title, slug = 404, "Not found", "not-found"


class Forbidden(ApplicationError):
    status, title, slug = 403, "Forbidden", "forbidden"


class PreconditionFailed(ApplicationError):
    status, title, slug = 412, "Precondition failed", "stale-version"


class PreconditionRequired(ApplicationError):
    status, title, slug = 428, "Precondition required", "if-match-required"


class IdempotencyKeyReused(ApplicationError):
    status, title, slug = 422, "Idempotency key reused with another request", "idempotency-key-reused"


class Conflict(ApplicationError):
    status, title, slug = 409, "Conflict", "conflict"


class NotReady(ApplicationError):
    status, title, slug = 503, "Read model not caught up", "projection-behind"


class StoreBusy(ApplicationError):
    """The store refused or could not be reached, and nothing is known to have changed."""

    status, title, slug = 503, "Service unavailable", "store-busy"

    def __init__(self) -> None:
        super().__init__("the store is busy or unreachable; nothing was changed — retry shortly")


class WriteOutcomeUnknown(ApplicationError):
    """The store did not confirm a write it may have committed: the client must find out, or retry with its key."""

    status, title, slug = 504, "Outcome of the write unknown", "outcome-unknown"
