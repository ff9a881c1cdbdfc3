"""Random ids drawn in blocks: valid version-4 UUIDs, never handed out twice, not even across a fork."""

from __future__ import annotations

import os
import threading
from uuid import UUID

from domain.ids import new_id


def test_ids_are_random_version_4_uuids_never_repeated_across_blocks() -> None:
    ids = [new_id() for _ in range(2_000)]  # several blocks of 256
    assert len(set(ids)) == len(ids)
    assert {(i.version, i.variant) for i in ids} == {(4, "specified in RFC 4122")}
    assert all(UUID(str(i)) == i for i in ids)


def test_threads_taking_ids_at_once_never_share_one() -> None:
    taken: list[list[UUID]] = [[] for _ in range(8)]

    def take(mine: list[UUID]) -> None:
        mine.extend(new_id() for _ in range(1_000))

    threads = [threading.Thread(target=take, args=(mine,)) for mine in taken]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = [i for mine in taken for i in mine]
    assert len(set(every)) == len(every) == 8_000


def test_a_forked_child_does_not_hand_out_its_parent_s_next_ids() -> None:
    new_id()  # the parent holds a block partly used
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (the child reports through the pipe)
        os.write(write, b"".join(new_id().bytes for _ in range(300)))
        os._exit(0)
    os.close(write)
    os.waitpid(child, 0)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    childs = {UUID(bytes=data[n : n + 16]) for n in range(0, len(data), 16)}
    parents = {new_id() for _ in range(300)}
    assert len(childs) == 300
    assert not childs & parents
