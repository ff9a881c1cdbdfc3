"""Bearer API keys, and the route's permission checked against the key's role."""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult

from api.access import Permission
from api.services import Services
from infra.keys import MAX_KEY_LENGTH


class ApiKeyMiddleware(AbstractAuthenticationMiddleware):
    """The bearer key's principal, and the route's permission (`opt["permission"]`) checked against its role.
    The check is here rather than in a Litestar guard: Litestar hands each guard a copy of the route handler,
    made anew for every request."""

    async def authenticate_request(self, connection: ASGIConnection[Any, Any, Any, Any]) -> AuthenticationResult:
        header = connection.headers.get("authorization", "")
        scheme, _, presented = header.partition(" ")
        presented = presented.strip()
        if scheme.lower() != "bearer" or not presented:
            raise NotAuthorizedException("send an API key as `Authorization: Bearer <key>`")
        if len(presented) > MAX_KEY_LENGTH:
            raise NotAuthorizedException(f"the API key is longer than any key ({MAX_KEY_LENGTH} characters)")
        services: Services = connection.app.state.services
        principal = await services.principal(presented)
        if principal is None:
            raise NotAuthorizedException("the API key is unknown or revoked")
        permission: Permission | None = connection.route_handler.opt.get("permission")
        if permission is not None and not principal.may(permission):
            action = permission.value.replace("_", " ")
            raise PermissionDeniedException(f"a {principal.role.value} key may not {action}")
        return AuthenticationResult(user=principal, auth=presented)
