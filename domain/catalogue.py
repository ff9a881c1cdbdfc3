"""The service catalogue (4.2): every service type, in the city's priority order (5.1.1).

The order is data: `DEFAULT_PRIORITY` is where a new store starts, and an administrator may change it.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Sequence

from domain import services
from domain.errors import UnknownCode
from domain.lifecycle import ServiceType


def _discover() -> dict[str, ServiceType]:
    """Every ServiceType defined at the top level of a module of `domain.services`."""
    found: dict[str, ServiceType] = {}
    for module_info in sorted(pkgutil.iter_modules(services.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{services.__name__}.{module_info.name}")
        for value in vars(module).values():
            if isinstance(value, ServiceType):
                if value.code in found and found[value.code] is not value:
                    raise ValueError(f"service type {value.code} is defined twice")
                found[value.code] = value
    return found


SERVICE_TYPES: dict[str, ServiceType] = _discover()

# 5.1.1, in the order the standard lists the basic services, then the featured services of 5.2.
DEFAULT_PRIORITY: tuple[str, ...] = (
    "policy_promotion",
    "risk_prevention",
    "rights_assistance",
    "fast_examination_liaison",
    "application_guidance",
    "consultation",
    "dispute_guidance",
    "info_search",
    "info_analysis",
    "training",
    "publicity",
    "compliance_guidance",
    "ip_finance",
    "transfer_license",
    "data_ip_registration",
    "electronic_evidence",
    "qinghai_industry_assistance",
    "key_industry",
    "key_enterprise",
    "four_places",
)


def service_type(code: str) -> ServiceType:
    try:
        return SERVICE_TYPES[code]
    except KeyError:
        raise UnknownCode("service type", code, list(SERVICE_TYPES)) from None


def in_priority_order(priority: Sequence[str] = DEFAULT_PRIORITY) -> list[ServiceType]:
    """The catalogue in `priority` order; types the order does not name come last, in code order."""
    ranked: Iterable[str] = [c for c in priority if c in SERVICE_TYPES]
    rest = sorted(set(SERVICE_TYPES) - set(priority))
    return [SERVICE_TYPES[c] for c in [*ranked, *rest]]
