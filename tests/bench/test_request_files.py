"""bench.request_files sees a step's whole path: the handler on the event loop, the commands, the domain, the
store, and the event writer's own thread (issue 13's count of the files a request passes through)."""

from __future__ import annotations

from bench.request_files import record_a_step
from tests.conftest import PG_URL, postgres_or_skip


def test_a_step_is_seen_in_every_layer_and_thread_it_runs_in() -> None:
    postgres_or_skip()
    files = record_a_step(PG_URL)
    assert {
        "api/routes/cases.py",  # the event loop's thread
        "api/commands.py",
        "domain/case.py",
        "infra/store.py",
        "infra/group_commit.py",
        "infra/array_literals.py",  # only the event writer's thread runs it
    } <= set(files)
    assert not [name for name in files if name.startswith(("tests/", "bench/"))]
