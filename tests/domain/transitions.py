"""The shared check of a service type's transitions against a module's hand-written table of the standard.

Each module keeps its own `EXPECTED` (step code -> (clause, follows, repeatable, closes)) and `PATH_TO` (a history
that ends with each step) and its own builders; these two functions are the one place that reads them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pytest

from domain.case import ServiceCase
from domain.errors import StepNotAllowed
from domain.lifecycle import OPENED

Expected = Mapping[str, tuple[str, set[str], bool, bool]]


def expected_next(expected: Expected, history: tuple[str, ...]) -> list[str]:
    """The steps the table allows after `history`, in the table's order."""
    last = history[-1] if history else OPENED
    return [
        code
        for code, (_, follows, repeatable, _) in expected.items()
        if last in follows and (repeatable or code not in history)
    ]


def check_transition(
    expected: Expected,
    path_to: Mapping[str, tuple[str, ...]],
    last: str,
    step: str,
    walk: Callable[[tuple[str, ...]], ServiceCase],
    record: Callable[[ServiceCase, str], object],
    *,
    versioned: bool = False,
) -> None:
    """Walk to `last`, check what may follow, then record `step`: taken if the table allows it, else refused.

    `versioned` also checks that the refusal names the step and that the case's version moves only when taken.
    """
    history = path_to[last]
    case = walk(history)
    allowed = expected_next(expected, history)
    assert case.allowed_next_steps() == allowed
    version = case.version
    if step in allowed:
        record(case, step)
        assert case.steps == [*history, step]
        if versioned:
            assert case.version == version + 1
    else:
        with pytest.raises(StepNotAllowed) as refused:
            record(case, step)
        if versioned:
            assert refused.value.step == step
        assert list(refused.value.allowed) == allowed
        assert case.steps == list(history)
        if versioned:
            assert case.version == version
