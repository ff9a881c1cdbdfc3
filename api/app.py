"""The Litestar application: routes, auth, problem details, OpenAPI, and the embedded projection runner."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar, Router
from litestar.config.cors import CORSConfig
from litestar.datastructures import MutableScopeHeaders
from litestar.middleware import DefineMiddleware
from litestar.openapi.config import OpenAPIConfig
from litestar.openapi.plugins import ScalarRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme
from litestar.types import Message, Scope

from api.auth import ApiKeyMiddleware
from api.context import request_context, stamp_response
from api.parameters import refuse_nul
from api.problems import EXCEPTION_HANDLERS
from api.routes import (
    cases,
    catalogue,
    events,
    follow_ups,
    health,
    ledger,
    libraries,
    parties,
    proofs,
    quality,
    registries,
    reports,
    statistics,
)
from api.routes import projections as projection_status
from api.services import Services
from infra.logging import configure_logging
from infra.settings import Settings
from infra.store import Store
from projections.runner import Runner, RunnerThread

MAX_BODY_BYTES = 1024 * 1024


async def allow_every_method(message: Message, scope: Scope) -> None:
    """Litestar 2's own OPTIONS answer lists only the methods of the first handler registered on a path
    (litestar#4169, fixed in Litestar 3): its `Allow` is set again from the path's route, as a 405's is."""
    if message["type"] != "http.response.start" or scope.get("method") != "OPTIONS" or "path_template" not in scope:
        return
    app: Litestar = scope["litestar_app"]
    methods = next((route.methods for route in app.routes if route.path_format == scope["path_template"]), None)
    if methods:
        MutableScopeHeaders.from_message(message)["Allow"] = ", ".join(sorted(methods))


V1_HANDLERS = [
    catalogue.catalogue,
    catalogue.get_priority,
    catalogue.set_priority,
    parties.register_institution,
    parties.list_institutions,
    parties.get_institution,
    parties.register_client,
    parties.get_client,
    cases.open_case,
    cases.get_case,
    cases.record_step,
    cases.case_history,
    ledger.service_ledger,
    events.event_feed,
    projection_status.projections,
    quality.evaluate_case,
    quality.case_evaluations,
    quality.case_evaluation,
    quality.follow_up_evaluation,
    quality.open_action,
    quality.get_action,
    quality.record_action_step,
    quality.list_actions,
    statistics.evaluation_statistics,
    follow_ups.follow_up_queue,
    reports.conformance_report,
    *registries.ROUTES,
    *proofs.ROUTES,
    libraries.typical_cases,
    libraries.consultation_archive,
    libraries.consultation_analysis,
    libraries.financing_ledger,
    libraries.client_ip_ledger,
]


def create_app(
    settings: Settings | None = None,
    store: Store | None = None,
    run_projections: bool = True,
    configure_logs: bool = True,
) -> Litestar:
    settings = settings or (store.settings if store else Settings.from_env())
    if configure_logs:
        configure_logging(settings.log_format)

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        own_store = store is None
        the_store = store or Store(settings)
        runner = Runner.live(the_store)
        services = Services.build(the_store, runner)
        if run_projections:
            services.runner_thread = RunnerThread(runner)
            services.runner_thread.start()
        app.state.services = services
        try:
            yield
        finally:
            if services.runner_thread is not None:
                services.runner_thread.stop()
            if own_store:
                the_store.close()

    v1 = Router(path="/", route_handlers=V1_HANDLERS, security=[{"apiKey": []}], middleware=[refuse_nul])
    return Litestar(
        route_handlers=[health.health, health.ready, v1],
        lifespan=[lifespan],
        middleware=[request_context, DefineMiddleware(ApiKeyMiddleware, exclude=["^/schema"])],
        before_send=[stamp_response, allow_every_method],
        logging_config=None,
        exception_handlers=EXCEPTION_HANDLERS,  # type: ignore[arg-type]
        request_max_body_size=MAX_BODY_BYTES,
        cors_config=CORSConfig(allow_origins=list(settings.cors_origins)) if settings.cors_origins else None,
        openapi_config=OpenAPIConfig(
            title="ipps — Xining IP public services",
            version="1.0.0",
            description="Records, follows up, audits and reports the IP public services of 西宁市知识产权公共服务规范. "
            "Errors are RFC 9457 `application/problem+json`.",
            path="/schema",
            render_plugins=[ScalarRenderPlugin()],
            components=Components(
                security_schemes={
                    "apiKey": SecurityScheme(type="http", scheme="bearer", description="`ipps keys create`")
                }
            ),
        ),
        debug=False,
    )
