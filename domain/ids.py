"""Random ids (UUID version 4), from the operating system's random source read in blocks.

`uuid.uuid4()` reads its 16 bytes with a system call that lets go of the interpreter lock. In the API under
load, with the event writer's thread waiting for that lock, each call then waited for the lock to come back
(the command path opened a case and made a request id: two of them a request). Read 4 KiB at a time, the ids are
as random and the system call comes once per 256 of them.
"""

from __future__ import annotations

import os
import threading
from uuid import UUID

_BLOCK = 16 * 256


class _RandomBlocks:
    def __init__(self) -> None:
        self.forget()

    def forget(self) -> None:
        """Start afresh; in a forked child, so that it never hands out the bytes its parent will."""
        self.lock = threading.Lock()
        self.block = b""
        self.at = 0

    def take(self) -> bytes:
        with self.lock:
            if self.at >= len(self.block):
                self.block, self.at = os.urandom(_BLOCK), 0
            self.at += 16
            return self.block[self.at - 16 : self.at]


_blocks = _RandomBlocks()
os.register_at_fork(after_in_child=_blocks.forget)


def new_id() -> UUID:
    """A random UUID, as `uuid.uuid4()` makes."""
    return UUID(bytes=_blocks.take(), version=4)
