"""Institutions (spec §1 kinds) and clients (the public and innovators served)."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from litestar import Request, get, post
from litestar.params import FromPath, QueryParameter
from litestar.types import ASGIApp

from api.access import Permission, Principal
from api.errors import NotFound
from api.presenters import local
from api.problems import READ, problems
from api.routes.common import (
    IDEMPOTENCY_KEY,
    idempotency,
    json_body,
    provenance,
    write_response,
    write_route,
)
from api.routes.reads import MinPosition, caught_up
from api.schemas import ClientOut, CodeLabel, InstitutionListItem, InstitutionOut
from api.services import Services
from domain.parties import (
    INSTITUTION_KIND_LABELS,
    Client,
    ClientProfile,
    Institution,
    InstitutionKind,
    InstitutionProfile,
)
from projections import parties

WriteBody = dict[str, Any]


def institution_out(inst: Institution) -> InstitutionOut:
    profile = inst.profile
    kind = InstitutionKind(profile["kind"])
    return InstitutionOut(
        id=inst.id,
        version=inst.version,
        name=profile["name"],
        kind=CodeLabel(kind.value, INSTITUTION_KIND_LABELS[kind]),
        district=profile.get("district"),
        address=profile.get("address"),
        phone=profile.get("phone"),
        registered_at=local(inst.registered_at) or inst.registered_at,
    )


@post(
    "/v1/institutions",
    tags=["registry"],
    summary="Register an institution",
    opt={"permission": Permission.REGISTER_INSTITUTION},
    **write_route(InstitutionProfile, IDEMPOTENCY_KEY, located=True),
)
async def register_institution(request: Request[Principal, Any, Any]) -> ASGIApp:
    services: Services = request.app.state.services
    body = await json_body(request)
    result = await services.commands.register_institution(
        request.user, body, provenance(request), idempotency(request, body)
    )
    return write_response(result, f"/v1/institutions/{result.id}")


@get(
    "/v1/institutions",
    tags=["registry"],
    summary="List institutions (a read model: see `min_position`)",
    opt={"permission": Permission.READ_INSTITUTIONS},
    responses={**READ, **problems(503)},
)
async def list_institutions(
    request: Request[Principal, Any, Any],
    kind: Annotated[InstitutionKind | None, QueryParameter(description="Only institutions of this kind")] = None,
    min_position: MinPosition = 0,
) -> list[InstitutionListItem]:
    services: Services = request.app.state.services
    await caught_up(services, "registry", min_position)
    rows = await services.call(parties.institutions, services.store.db, kind.value if kind else None)
    return [
        InstitutionListItem(
            id=UUID(row["institution_id"]),
            name=row["name"],
            kind=CodeLabel(row["kind"], INSTITUTION_KIND_LABELS[InstitutionKind(row["kind"])]),
            district=row["district"],
        )
        for row in rows
    ]


@get(
    "/v1/institutions/{institution_id:uuid}",
    tags=["registry"],
    summary="One institution",
    opt={"permission": Permission.READ_INSTITUTIONS},
    responses={**READ, **problems(404)},
)
async def get_institution(request: Request[Principal, Any, Any], institution_id: FromPath[UUID]) -> InstitutionOut:
    services: Services = request.app.state.services
    inst = await services.call(services.store.get, institution_id, Institution)
    if inst is None:
        raise NotFound(f"institution {institution_id} does not exist")
    return institution_out(inst)


@post(
    "/v1/clients",
    tags=["registry"],
    summary="Register a client (a member of the public or an innovator)",
    opt={"permission": Permission.REGISTER_CLIENT},
    **write_route(ClientProfile, IDEMPOTENCY_KEY, located=True),
)
async def register_client(request: Request[Principal, Any, Any]) -> ASGIApp:
    services: Services = request.app.state.services
    body = await json_body(request)
    result = await services.commands.register_client(
        request.user, body, provenance(request), idempotency(request, body)
    )
    return write_response(result, f"/v1/clients/{result.id}")


@get(
    "/v1/clients/{client_id:uuid}",
    tags=["registry"],
    summary="One client",
    opt={"permission": Permission.READ_CLIENTS},
    responses={**READ, **problems(404)},
)
async def get_client(request: Request[Principal, Any, Any], client_id: FromPath[UUID]) -> ClientOut:
    services: Services = request.app.state.services
    client = await services.call(services.store.get, client_id, Client)
    if client is None:
        raise NotFound(f"client {client_id} does not exist")
    return ClientOut(
        id=client.id,
        version=client.version,
        registered_by=client.registered_by,
        registered_at=local(client.registered_at) or client.registered_at,
        profile=client.profile,
    )
