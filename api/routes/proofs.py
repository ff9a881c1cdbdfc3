"""Provable histories on the wire: signed checkpoints, a case's proof, consistency proofs and audit bundles
(infra/audit.py; the formats are the README's "Provable histories", checked by infra/ipps_verify.py)."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

import msgspec
from litestar import Request, Response, get
from litestar.params import FromPath, QueryParameter

from api.access import Permission, Principal
from api.errors import ApplicationError, NotFound
from api.event_rendering import read_history
from api.parameters import MAX_INTEGER, Offset
from api.problems import READ, problems
from api.services import Services
from infra import audit
from infra.signing import NoSigningKey, public_key
from infra.store import Store


class CheckpointOut(msgspec.Struct):
    size: int
    root: str
    made_at: str
    public_key: str
    signature: str


class ConsistencyOut(msgspec.Struct):
    from_size: int = msgspec.field(name="from")
    to_size: int = msgspec.field(name="to")
    from_root: str
    to_root: str
    proof: list[str]


class ProvenEvent(msgspec.Struct):
    position: int
    version: int
    topic: str
    state: str
    hash: str | None
    leaf: int | None
    inclusion: list[str] | None


class ProofOut(msgspec.Struct):
    case_id: UUID
    verified: bool
    findings: list[str]
    checkpoint: CheckpointOut | None
    events: list[ProvenEvent]


class SigningKeyOut(msgspec.Struct):
    public_key: str
    algorithm: str = "Ed25519"


def _readable(store: Store, who: Principal, case_id: UUID) -> None:
    """A proof is read as the case is (another institution's case is as good as absent), but without decoding
    its events into the domain: the proof of a case whose stored bytes were changed must still be given.
    When even its opening no longer reads, only a city-wide key may see it."""
    exists, institution = audit.opened_by(store, case_id)
    if not exists or (who.institution_id is not None and (institution is None or not who.sees(institution))):
        raise NotFound(f"case {case_id} does not exist")


def _out(checkpoint: audit.Checkpoint) -> CheckpointOut:
    return CheckpointOut(**checkpoint.as_json())


CheckpointSize = Annotated[
    int | None, QueryParameter(ge=1, le=MAX_INTEGER, description="The checkpoint's size (default: the latest)")
]


@get(
    "/v1/checkpoints",
    tags=["proofs"],
    summary="Signed checkpoints of the log, newest first",
    opt={"permission": Permission.READ_CASES},
    responses=READ,
)
async def list_checkpoints(
    request: Request[Principal, Any, Any], limit: Annotated[int, QueryParameter(ge=1, le=500)] = 50, offset: Offset = 0
) -> list[CheckpointOut]:
    services: Services = request.app.state.services
    return [_out(c) for c in await services.call(audit.checkpoints, services.store.db, limit, offset)]


@get(
    "/v1/checkpoints/latest",
    tags=["proofs"],
    summary="The latest signed checkpoint",
    opt={"permission": Permission.READ_CASES},
    responses={**READ, **problems(404)},
)
async def latest_checkpoint(request: Request[Principal, Any, Any]) -> CheckpointOut:
    services: Services = request.app.state.services
    checkpoint = await services.call(audit.checkpoint_of, services.store.db, None)
    if checkpoint is None:
        raise NotFound("no checkpoint has been signed yet")
    return _out(checkpoint)


@get(
    "/v1/checkpoints/consistency",
    tags=["proofs"],
    summary="That the log of one checkpoint only grew into another's (RFC 9162 consistency proof)",
    opt={"permission": Permission.READ_CASES},
    responses={**READ, **problems(404, 422)},
)
async def checkpoint_consistency(
    request: Request[Principal, Any, Any],
    from_size: Annotated[int, QueryParameter(name="from", ge=1, le=MAX_INTEGER, description="The older size")],
    to_size: Annotated[
        int | None, QueryParameter(name="to", ge=1, le=MAX_INTEGER, description="The newer size (default: the latest)")
    ] = None,
) -> ConsistencyOut:
    if to_size is not None and from_size > to_size:
        raise ApplicationError(f"`from` ({from_size}) must not be larger than `to` ({to_size})", field="from")
    services: Services = request.app.state.services
    db = services.store.db
    older = await services.call(audit.checkpoint_of, db, from_size)
    newer = await services.call(audit.checkpoint_of, db, to_size)
    if older is None or newer is None:
        raise NotFound(f"no checkpoint of size {from_size if older is None else to_size or 'any'}")
    if from_size > newer.size:
        raise ApplicationError(f"`from` ({from_size}) is after the latest checkpoint ({newer.size})", field="from")
    to_size = newer.size
    try:
        proof = await services.call(audit.consistency_proof, db, from_size, to_size)
    except LookupError as exc:
        raise NotFound(f"the store cannot prove it: {exc}") from exc
    return ConsistencyOut(from_size, to_size, older.root, newer.root, proof)


@get(
    "/v1/signing-key",
    tags=["proofs"],
    summary="The public key checkpoints are signed with",
    opt={"permission": Permission.READ_CASES},
    responses={**READ, **problems(404)},
)
async def signing_key(request: Request[Principal, Any, Any]) -> SigningKeyOut:
    services: Services = request.app.state.services
    try:
        key = await services.call(public_key, services.store.settings.signing_key_path)
    except NoSigningKey as exc:
        raise NotFound("this installation has no signing key (`ipps signing init`)") from exc
    return SigningKeyOut(key)


@get(
    "/v1/cases/{case_id:uuid}/proof",
    tags=["proofs"],
    summary="Each event of the case with its hash and an inclusion proof against a signed checkpoint",
    opt={"permission": Permission.READ_CASES},
    responses={**READ, **problems(404)},
)
async def case_proof(
    request: Request[Principal, Any, Any], case_id: FromPath[UUID], checkpoint: CheckpointSize = None
) -> ProofOut:
    services: Services = request.app.state.services
    await services.call(_readable, services.store, request.user, case_id)
    if checkpoint is not None and await services.call(audit.checkpoint_of, services.store.db, checkpoint) is None:
        raise NotFound(f"no checkpoint of size {checkpoint}")
    proof = await services.call(audit.case_proof, services.store, case_id, checkpoint)
    if proof is None:
        raise NotFound(f"case {case_id} does not exist")
    return ProofOut(
        case_id=case_id,
        verified=proof.verified,
        findings=proof.findings,
        checkpoint=_out(proof.checkpoint) if proof.checkpoint else None,
        events=[msgspec.convert(e, ProvenEvent) for e in proof.events],
    )


@get(
    "/v1/cases/{case_id:uuid}/bundle",
    tags=["proofs"],
    summary="The case's audit bundle: a file that `ipps verify` or the standalone verifier checks",
    opt={"permission": Permission.READ_CASES},
    responses={**READ, **problems(404)},
)
async def case_bundle(request: Request[Principal, Any, Any], case_id: FromPath[UUID]) -> Response[bytes]:
    services: Services = request.app.state.services
    await services.call(services.commands.load_case, request.user, case_id)
    rendered = [
        msgspec.json.decode(raw)
        for raw in await services.call(read_history, services.store, services.histories, case_id)
    ]
    try:
        made = await services.call(audit.bundle, services.store, case_id, rendered)
    except LookupError as exc:
        raise NotFound(str(exc)) from exc
    if made is None:
        raise NotFound(f"case {case_id} does not exist")
    return Response(
        msgspec.json.encode(made),
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="ipps-case-{case_id}.bundle.json"'},
    )


ROUTES = [list_checkpoints, latest_checkpoint, checkpoint_consistency, signing_key, case_proof, case_bundle]
