"""One demo script a service type: `<code>.py` here has `life(demo, run)`, the life of a case of service type
`<code>`. Found as `domain.catalogue` finds the service types, so a new type's script is picked up by its name."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable

from api.demo.common import Process
from api.demo.run import Run
from api.demo.world import Demo

Life = Callable[[Demo, Run], Process]


def _discover() -> dict[str, Life]:
    lives: dict[str, Life] = {}
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        lives[module_info.name] = module.life
    return lives


LIVES: dict[str, Life] = _discover()
