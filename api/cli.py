"""The `ipps` command line: serve, keys, projections, demo. It reads the same settings as the server."""

from __future__ import annotations

import argparse
import gc
import sqlite3
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn
from urllib.parse import urlsplit
from uuid import UUID

import psycopg
from eventsourcing.persistence import OperationalError

from api.access import key_scope_problem
from domain.parties import Institution
from domain.provenance import Role
from infra.calendar import horizon_warning
from infra.keys import create_key, revoke_key
from infra.logging import configure_logging
from infra.settings import Settings, SettingsError
from infra.store import Store

USAGE_OR_SETUP = 2  # exit status: what was asked cannot be done as set up; the one line says what to change


def _store(settings: Settings) -> Store:
    return Store(settings)


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from api.app import create_app
    from api.http_server import BoundedHeadProtocol

    host = args.host or settings.host
    port = args.port or settings.port
    # Opened here first, so that a store that cannot be used is told in one line, not from inside the server.
    store = _store(settings)
    try:
        if args.demo_if_empty:
            _load_demo_if_empty(store)
        if args.announce:
            _signing_key_for(settings)
            _, key = create_key(store.db, Role.ADMIN.value, None, label="make serve")
            base = f"http://{host}:{port}"
            print(f"\nipps is starting on {base}")
            print(f"  API docs:   {base}/schema")
            print(f"  OpenAPI:    {base}/schema/openapi.json")
            print(f"  data:       {_postgres_at(settings) if settings.is_postgres else settings.sqlite_path}")
            print(f"  admin key (try: curl -H 'Authorization: Bearer $KEY' {base}/v1/catalogue):")
            print(key, flush=True)
    finally:
        store.close()
    app = create_app(settings, run_projections=not args.no_projections)
    # What startup allocated (modules, the catalogue, the app) lives for the process: kept out of the
    # collector's full passes, which otherwise walk all of it and stall requests.
    gc.collect()
    gc.freeze()
    # Fewer, larger young collections: a long case read allocates enough to set off several, and some went
    # on to a full pass over the heap inside the request (the long-history reads' p99 in `make bench`).
    gc.set_threshold(10_000, 20, 20)
    uvicorn.run(app, host=host, port=port, log_config=None, access_log=False, http=BoundedHeadProtocol)
    return 0


def _signing_key_for(settings: Settings) -> None:
    """`make serve` signs checkpoints out of the box: a key is made where the settings say, if there is none."""
    from infra.signing import init_key

    if not settings.signing_key_path.exists():
        signer = init_key(settings.signing_key_path)
        print(f"signing key written to {settings.signing_key_path}; public key {signer.public_key}")


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
    institution: UUID | None = args.institution
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


def cmd_signing_init(args: argparse.Namespace, settings: Settings) -> int:
    from infra.signing import init_key

    path = settings.signing_key_path
    if path.exists():
        print(f"error: {path} exists already: a signing key is never overwritten", file=sys.stderr)
        return USAGE_OR_SETUP
    signer = init_key(path)
    print(f"signing key written to {path} (mode 0600); its public key:")
    print(signer.public_key)
    return 0


def cmd_signing_show(args: argparse.Namespace, settings: Settings) -> int:
    from infra.signing import NoSigningKey, load_signer

    try:
        print(load_signer(settings.signing_key_path).public_key)
    except NoSigningKey as exc:
        print(f"error: {exc}", file=sys.stderr)
        return USAGE_OR_SETUP
    return 0


def cmd_checkpoints_make(args: argparse.Namespace, settings: Settings) -> int:
    from infra.audit import make_checkpoint
    from infra.signing import NoSigningKey, load_signer

    try:
        signer = load_signer(settings.signing_key_path)
    except NoSigningKey as exc:
        print(f"error: {exc}", file=sys.stderr)
        return USAGE_OR_SETUP
    store = _store(settings)
    try:
        checkpoint = make_checkpoint(store, signer)
    finally:
        store.close()
    print(f"checkpoint {checkpoint.size}: root {checkpoint.root}, signed {checkpoint.made_at}")
    return 0


def cmd_chain_backfill(args: argparse.Namespace, settings: Settings) -> int:
    from infra.audit import checkpoint_of, make_checkpoint
    from infra.chain import backfill_chain
    from infra.signing import NoSigningKey, load_signer

    store = _store(settings)  # opening the store chains what is not: told here, and nothing left to do after
    try:
        more = backfill_chain(store.db, store.events_table, store.position_column, store.dialect)
        (row,) = store.db.query("SELECT COUNT(*) AS n FROM event_chain")
        print(f"{row['n']} events chained" + (f" ({more} just now)" if more else ""))
        if checkpoint_of(store.db, None) is None:  # the store's first checkpoint, when there is a key to sign it
            try:
                first = make_checkpoint(store, load_signer(settings.signing_key_path))
            except NoSigningKey as exc:
                print(f"no first checkpoint: {exc}")
            else:
                print(f"first checkpoint {first.size}: root {first.root}")
    finally:
        store.close()
    return 0


def cmd_verify(args: argparse.Namespace, settings: Settings) -> int:
    import time

    from infra import ipps_verify
    from infra.audit import verify_store

    if args.bundle:
        return ipps_verify.main([args.bundle, *(["--key", args.key] if args.key else [])])
    store = _store(settings)
    try:
        started = time.perf_counter()
        report = verify_store(store)
        seconds = time.perf_counter() - started
    finally:
        store.close()
    for finding in report.findings:
        print(f"NOT VERIFIED: {finding}")
    rate = report.events / seconds if seconds else 0.0
    print(
        f"{'NOT verified' if report.findings else 'verified'}: {report.events} events of {report.cases} cases,"
        f" {report.checkpoints} signed checkpoints, {len(report.findings)} findings ({rate:,.0f} events/s)"
    )
    return 1 if report.findings else 0


class _Parser(argparse.ArgumentParser):
    """argparse's, but a mistake is told in one line (with where to find help), not after the usage."""

    def error(self, message: str) -> NoReturn:
        self.exit(USAGE_OR_SETUP, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _uuid(text: str) -> UUID:
    try:
        return UUID(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an id (a UUID such as 3f2b…-…)") from None


def parser() -> argparse.ArgumentParser:
    # --debug is accepted before or after the command; SUPPRESS keeps a subcommand from resetting it.
    debug = _Parser(add_help=False)
    debug.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show the traceback of an error")
    top = _Parser(prog="ipps", description="Xining IP public services: the ipps backend", parents=[debug])
    sub = top.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", parents=[debug], help="serve the HTTP API (with the projection runner embedded)")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--no-projections", action="store_true", help="leave projections to `ipps projections run`")
    serve.add_argument("--demo-if-empty", action="store_true", help="load the demo data set into an empty store")
    serve.add_argument("--announce", action="store_true", help="print the docs address and a new admin key")
    serve.set_defaults(handler=cmd_serve)

    keys = sub.add_parser("keys", parents=[debug], help="API keys").add_subparsers(dest="keys_command", required=True)
    create = keys.add_parser("create", parents=[debug], help="make a key; it is printed alone on the last line")
    create.add_argument("--role", required=True, choices=[r.value for r in Role])
    create.add_argument(
        "--institution", type=_uuid, help="institution id (required for staff; scopes integration/viewer)"
    )
    create.add_argument("--label", default="")
    create.set_defaults(handler=cmd_keys_create)
    revoke = keys.add_parser("revoke", parents=[debug], help="revoke a key by its id")
    revoke.add_argument("key_id")
    revoke.set_defaults(handler=cmd_keys_revoke)

    projections = sub.add_parser("projections", parents=[debug], help="read models").add_subparsers(
        dest="p_command", required=True
    )
    rebuild = projections.add_parser("rebuild", parents=[debug], help="rebuild from position 0 (the API keeps serving)")
    rebuild.add_argument("names", nargs="*")
    rebuild.set_defaults(handler=cmd_projections_rebuild)
    projections.add_parser("run", parents=[debug], help="keep the projections live").set_defaults(
        handler=cmd_projections_run
    )
    projections.add_parser(
        "status",
        parents=[debug],
        help="positions, errors and whether each is running; exits 1 if any is stopped, not running or stale",
    ).set_defaults(handler=cmd_projections_status)

    signing = sub.add_parser(
        "signing", parents=[debug], help="the key that signs checkpoints (a file, not in the database)"
    )
    signing_commands = signing.add_subparsers(dest="s_command", required=True)
    signing_commands.add_parser(
        "init", parents=[debug], help="write a new key to IPPS_SIGNING_KEY_FILE (mode 0600) and print its public key"
    ).set_defaults(handler=cmd_signing_init)
    signing_commands.add_parser("show", parents=[debug], help="print the public key").set_defaults(
        handler=cmd_signing_show
    )
    checkpoints = sub.add_parser("checkpoints", parents=[debug], help="signed checkpoints of the log")
    checkpoints.add_subparsers(dest="c_command", required=True).add_parser(
        "make", parents=[debug], help="sign the log as it is now"
    ).set_defaults(handler=cmd_checkpoints_make)
    chain = sub.add_parser("chain", parents=[debug], help="the events' hash chains")
    chain.add_subparsers(dest="h_command", required=True).add_parser(
        "backfill", parents=[debug], help="chain the events of a store made before chains (idempotent)"
    ).set_defaults(handler=cmd_chain_backfill)
    verify = sub.add_parser("verify", parents=[debug], help="check an audit bundle, or (--store) the whole store")
    target = verify.add_mutually_exclusive_group(required=True)
    target.add_argument("bundle", nargs="?", help="an audit bundle file (GET /v1/cases/{id}/bundle)")
    target.add_argument("--store", action="store_true", help="re-hash every event, chain and checkpoint")
    verify.add_argument("--key", help="with a bundle: the public key you trust (base64)")
    verify.set_defaults(handler=cmd_verify)

    demo = sub.add_parser("demo", parents=[debug], help="load a realistic demo data set")
    demo.add_argument("--seed", type=int, default=20261124)
    demo.add_argument("--cases", type=int, default=1000)
    demo.add_argument("--if-empty", action="store_true")
    demo.set_defaults(handler=cmd_demo)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    settings: Settings | None = None
    try:
        settings = Settings.from_env()
        configure_logging(settings.log_format)
        code: int = args.handler(args, settings)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if getattr(args, "debug", False):
            raise
        told = next((tell(exc, settings) for kind, tell in _TOLD if isinstance(exc, kind)), None)
        if told is None:
            print(
                f"error: {type(exc).__name__}: {_first_line(exc)} (run with --debug for the traceback)", file=sys.stderr
            )
            return 1
        print(f"error: {told}", file=sys.stderr)
        return USAGE_OR_SETUP
    return code


def _first_line(exc: BaseException) -> str:
    return next((line.strip() for line in str(exc).splitlines() if line.strip()), "")


def _unreachable_store(exc: BaseException, settings: Settings | None) -> str:
    if settings is None or not settings.is_postgres:
        return _unusable_sqlite(exc, settings)
    reason = _first_line(exc).removeprefix("connection failed: ")
    return (
        f"{_postgres_at(settings)} (IPPS_DATABASE_URL) cannot be used: {reason};"
        " check that the server is running and the URL names a database that exists"
    )


def _postgres_at(settings: Settings) -> str:
    url = urlsplit(settings.database_url or "")  # told without its user and password
    return f"PostgreSQL at {url.hostname or 'localhost'}:{url.port or 5432}{url.path or '/'}"


def _unusable_sqlite(exc: BaseException, settings: Settings | None) -> str:
    where = settings.sqlite_path if settings is not None else "the SQLite file"
    return f"the SQLite store {where} cannot be used: {_first_line(exc)}; check IPPS_DATA_DIR"


def _unusable_path(exc: BaseException, settings: Settings | None) -> str:
    what = getattr(exc, "filename", None) or "a file"
    data_dir = f" (IPPS_DATA_DIR is {settings.data_dir})" if settings is not None and not settings.is_postgres else ""
    reason = getattr(exc, "strerror", None) or _first_line(exc)
    return f"{what}: {reason}{data_dir}; set IPPS_DATA_DIR to a directory ipps may write"


# What someone at the command line can put right, and how to tell them (in one line, exit status 2).
_TOLD: tuple[tuple[type[Exception], Callable[[Exception, Settings | None], str]], ...] = (
    (SettingsError, lambda exc, _: str(exc)),
    (psycopg.OperationalError, _unreachable_store),  # psycopg_pool's PoolTimeout among them
    (OperationalError, _unreachable_store),
    (sqlite3.OperationalError, _unusable_sqlite),
    (OSError, _unusable_path),
)


if __name__ == "__main__":
    sys.exit(main())
