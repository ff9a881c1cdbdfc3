"""The `ipps` command line: serve, keys, projections, demo. It reads the same settings as the server."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from uuid import UUID

from api.access import key_scope_problem
from domain.provenance import Role
from domain.registry import Institution
from infra.calendar import horizon_warning
from infra.keys import create_key, revoke_key
from infra.logging import configure_logging
from infra.settings import Settings
from infra.store import Store


def _store(settings: Settings) -> Store:
    return Store(settings)


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from api.app import create_app
    from api.http_server import BoundedHeadProtocol

    host = args.host or settings.host
    port = args.port or settings.port
    if args.demo_if_empty or args.announce:
        store = _store(settings)
        try:
            if args.demo_if_empty:
                _load_demo_if_empty(store)
            if args.announce:
                _, key = create_key(store.db, Role.ADMIN.value, None, label="make serve")
                base = f"http://{host}:{port}"
                print(f"\nipps is starting on {base}")
                print(f"  API docs:   {base}/schema")
                print(f"  OpenAPI:    {base}/schema/openapi.json")
                print(f"  data:       {settings.database_url or settings.sqlite_path}")
                print(f"  admin key (try: curl -H 'Authorization: Bearer $KEY' {base}/v1/catalogue):")
                print(key, flush=True)
        finally:
            store.close()
    app = create_app(settings, run_projections=not args.no_projections)
    # What startup allocated (modules, the catalogue, the app) lives for the process: kept out of the
    # collector's full passes, which otherwise walk all of it and stall requests by ~15 ms.
    gc.collect()
    gc.freeze()
    # Fewer, larger young collections: a 1,000-step case read allocates enough to set off several, and
    # one in ten of those went on to a full pass over the heap (17-30 ms) inside the request. At 10,000 the
    # state read's p99 went from ~50 to ~12 ms in the benchmark, at the same command throughput.
    gc.set_threshold(10_000, 20, 20)
    uvicorn.run(app, host=host, port=port, log_config=None, access_log=False, http=BoundedHeadProtocol)
    return 0


def _load_demo_if_empty(store: Store) -> None:
    from api.demo import is_empty, load_demo

    if not is_empty(store):
        print("the store already holds events: no demo data loaded")
        return
    summary = _with_progress("loading demo data", lambda progress: load_demo(store, progress=progress))
    print(f"demo data: {summary}")


def _with_progress(title: str, work):  # type: ignore[no-untyped-def]
    from rich.progress import Progress

    with Progress(transient=False) as bar:
        task = bar.add_task(title, total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return work(progress)


def cmd_keys_create(args: argparse.Namespace, settings: Settings) -> int:
    role = Role(args.role)
    institution = UUID(args.institution) if args.institution else None
    problem = key_scope_problem(role, institution)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    store = _store(settings)
    try:
        if institution is not None and store.get(institution, Institution) is None:
            print(f"error: no institution {institution} in this store", file=sys.stderr)
            return 2
        record, key = create_key(store.db, role.value, institution, label=args.label)
    finally:
        store.close()
    print(f"created {record.role} key {record.key_id}" + (f" for institution {institution}" if institution else ""))
    print(key)
    return 0


def cmd_keys_revoke(args: argparse.Namespace, settings: Settings) -> int:
    store = _store(settings)
    try:
        done = revoke_key(store.db, args.key_id)
    finally:
        store.close()
    print("revoked" if done else "no such active key")
    return 0 if done else 1


def cmd_projections_rebuild(args: argparse.Namespace, settings: Settings) -> int:
    from projections.runner import Runner

    store = _store(settings)
    try:
        runner = Runner(store)
        names = args.names or list(runner.projections)
        unknown = [n for n in names if n not in runner.projections]
        if unknown:
            print(f"error: unknown projections {unknown}; known: {list(runner.projections)}", file=sys.stderr)
            return 2
        for name in names:
            position = _with_progress(f"rebuilding {name}", lambda p, n=name: runner.rebuild(n, p))
            print(f"{name}: rebuilt up to position {position}")
    finally:
        store.close()
    return 0


def cmd_projections_run(args: argparse.Namespace, settings: Settings) -> int:
    import signal
    import threading

    from projections.runner import Runner

    store = _store(settings)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    try:
        Runner.live(store).run(stop)
    finally:
        store.close()
    return 0


def cmd_projections_status(args: argparse.Namespace, settings: Settings) -> int:
    from projections.runner import Runner

    store = _store(settings)
    try:
        healths = Runner(store).health()
        for h in healths:
            print(f"{h.status.name}: position {h.status.position}, {h.events_behind} behind, {h.state}")
        if warning := horizon_warning():
            print(f"warning: {warning}")
    finally:
        store.close()
    return 0 if all(h.running and not h.stale for h in healths) else 1


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    from api.demo import is_empty, load_demo

    store = _store(settings)
    try:
        if args.if_empty and not is_empty(store):
            print("the store already holds events: no demo data loaded")
            return 0
        summary = _with_progress(
            "loading demo data", lambda progress: load_demo(store, seed=args.seed, cases=args.cases, progress=progress)
        )
        print(f"demo data: {summary}")
    finally:
        store.close()
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="ipps", description="Xining IP public services: the ipps backend")
    sub = top.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="serve the HTTP API (with the projection runner embedded)")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--no-projections", action="store_true", help="leave projections to `ipps projections run`")
    serve.add_argument("--demo-if-empty", action="store_true", help="load the demo data set into an empty store")
    serve.add_argument("--announce", action="store_true", help="print the docs address and a new admin key")
    serve.set_defaults(handler=cmd_serve)

    keys = sub.add_parser("keys", help="API keys").add_subparsers(dest="keys_command", required=True)
    create = keys.add_parser("create", help="make a key; it is printed alone on the last line")
    create.add_argument("--role", required=True, choices=[r.value for r in Role])
    create.add_argument("--institution", help="institution id (required for staff; scopes integration/viewer)")
    create.add_argument("--label", default="")
    create.set_defaults(handler=cmd_keys_create)
    revoke = keys.add_parser("revoke", help="revoke a key by its id")
    revoke.add_argument("key_id")
    revoke.set_defaults(handler=cmd_keys_revoke)

    projections = sub.add_parser("projections", help="read models").add_subparsers(dest="p_command", required=True)
    rebuild = projections.add_parser("rebuild", help="rebuild from position 0 (the API keeps serving)")
    rebuild.add_argument("names", nargs="*")
    rebuild.set_defaults(handler=cmd_projections_rebuild)
    projections.add_parser("run", help="keep the projections live").set_defaults(handler=cmd_projections_run)
    projections.add_parser(
        "status", help="positions, errors and whether each is running; exits 1 if any is stopped, not running or stale"
    ).set_defaults(handler=cmd_projections_status)

    demo = sub.add_parser("demo", help="load a realistic demo data set")
    demo.add_argument("--seed", type=int, default=20261124)
    demo.add_argument("--cases", type=int, default=1000)
    demo.add_argument("--if-empty", action="store_true")
    demo.set_defaults(handler=cmd_demo)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    settings = Settings.from_env()
    configure_logging(settings.log_format)
    code: int = args.handler(args, settings)
    return code


if __name__ == "__main__":
    sys.exit(main())
