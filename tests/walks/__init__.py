"""One module per service type: the walks that take a case of that type through every step of its table.

`tests/api/test_service_walks.py` runs every walk through the API on both stores, and checks that every
type of the catalogue has a walk and that the walks of a type visit every step of its table. They are plain
data, kept outside tests/api because the domain tests take their intakes too.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import Any

StepCall = tuple[str, dict[str, Any]]


@dataclass(frozen=True)
class Walk:
    service_type: str
    intake: dict[str, Any]
    paths: tuple[tuple[StepCall, ...], ...]
    """Each path runs from the opening; together they visit every step. The first ends the case."""
    refused: StepCall
    """A step whose payload is valid but that the state does not allow right after the opening (409)."""
    client: dict[str, Any] = field(
        default_factory=lambda: {
            "name": "青海盐湖锂业科技有限公司",
            "kind": "innovator",
            "innovator_kind": "enterprise",
            "enterprise_size": "small",
        }
    )


def all_walks() -> dict[str, Walk]:
    walks: dict[str, Walk] = {}
    for module in pkgutil.iter_modules(__path__):
        walk = getattr(importlib.import_module(f"{__name__}.{module.name}"), "WALK", None)
        if isinstance(walk, Walk):
            walks[walk.service_type] = walk
    return walks
