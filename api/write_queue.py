"""The writers of one record in this process take turns, on the event loop.

Commands changing one record at once (steps recorded on a case by many clients) would all read the same version,
and all but one would conflict on saving, run again on fresh state and race again: with enough of them, some
ran out of attempts (`MAX_ATTEMPTS`) though every one was allowed. Waiting for the record's turn instead, each
command reads what the one before it saved (the kept case, see infra/case_cache) and lands at its first attempt;
it waits on the event loop, holding no worker thread. A writer in another process is in no queue here: a
conflict with it is still retried (`Commands.write`), and it can cost a writer here an attempt only once per
write of the other process's.

A record is in the queue only while a writer holds or waits for its turn. Uncontended, a turn costs one small
object and an asyncio lock that is acquired without suspending.
"""

from __future__ import annotations

import asyncio
from uuid import UUID


class WriteQueue:
    def __init__(self) -> None:
        self._turns: dict[UUID, Turn] = {}

    def turn(self, record_id: UUID) -> Turn:
        """`async with queue.turn(record_id):` — within it, no other writer of this process changes the record."""
        turn = self._turns.get(record_id)
        if turn is None:
            turn = self._turns[record_id] = Turn(self._turns, record_id)
        turn.writers += 1
        return turn

    def __len__(self) -> int:
        return len(self._turns)


class Turn:
    """One record's turn: held by one writer, waited for by the others (first come, first served)."""

    __slots__ = ("_lock", "_turns", "record_id", "writers")

    def __init__(self, turns: dict[UUID, Turn], record_id: UUID) -> None:
        self._turns = turns
        self._lock = asyncio.Lock()
        self.record_id = record_id
        self.writers = 0  # holding or waiting

    async def __aenter__(self) -> None:
        try:
            await self._lock.acquire()
        except BaseException:  # cancelled while waiting: no longer a writer of the record
            self._leave()
            raise

    async def __aexit__(self, *exc_info: object) -> None:
        self._lock.release()
        self._leave()

    def _leave(self) -> None:
        self.writers -= 1
        if self.writers == 0:
            del self._turns[self.record_id]
