"""Bearer API keys, and one guard that checks the route's permission against the key's role."""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult

from api.access import Permission, Principal
from api.services import Services

PUBLIC_PATHS = {"/health", "/ready"}


class ApiKeyMiddleware(AbstractAuthenticationMiddleware):
    async def authenticate_request(self, connection: ASGIConnection[Any, Any, Any, Any]) -> AuthenticationResult:
        header = connection.headers.get("authorization", "")
        scheme, _, presented = header.partition(" ")
        if scheme.lower() != "bearer" or not presented.strip():
            raise NotAuthorizedException("send an API key as `Authorization: Bearer <key>`")
        services: Services = connection.app.state.services
        principal = await services.principal(presented.strip())
        if principal is None:
            raise NotAuthorizedException("the API key is unknown or revoked")
        return AuthenticationResult(user=principal, auth=presented)


async def permission_guard(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
    permission: Permission | None = handler.opt.get("permission")
    if permission is None:
        return
    principal: Principal = connection.user
    if not principal.may(permission):
        raise PermissionDeniedException(f"a {principal.role.value} key may not {permission.value.replace('_', ' ')}")
