"""Which cases, of which service type, for whom, where and when; and the start of each case's life."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from api.demo.common import ASSISTANCE, DISPUTE, STALL_RATE, TYPE_MIX, WINDOW_DAYS, Process
from api.demo.content_clients import SECTORS
from api.demo.content_places import _KIND_WEIGHTS
from api.demo.content_policies import INDUSTRY_NEEDS, OCCASION_DATES
from api.demo.model import _CasePlan, _ClientPlan, _Inst
from api.demo.run import Run
from api.demo.services import LIVES
from api.demo.world import Demo
from domain.parties import EnterpriseSize
from domain.services.common import IpType


def type_counts(demo: Demo, cases: int) -> dict[str, int]:
    """Cases per type in proportion to TYPE_MIX (largest remainders); every type at least once if it can."""
    total = sum(TYPE_MIX.values())
    share = {code: cases * weight / total for code, weight in TYPE_MIX.items()}
    counts = {code: math.floor(s) for code, s in share.items()}
    for code in sorted(share, key=lambda c: counts[c] - share[c])[: cases - sum(counts.values())]:
        counts[code] += 1
    if cases >= len(TYPE_MIX):
        for code in TYPE_MIX:
            if counts[code] == 0:
                donor = max(counts, key=lambda c: counts[c])
                counts[donor] -= 1
                counts[code] += 1
    return counts


def plan_cases(demo: Demo, cases: int) -> list[_CasePlan]:
    listed: set[tuple[int, int]] = set()  # (client, year) in a key-enterprise directory
    plans = [
        plan_case(demo, service_type, listed, renewal=service_type == "key_enterprise" and n >= 0.8 * count)
        for service_type, count in type_counts(demo, cases).items()
        for n in range(count)
    ]
    return sorted(plans, key=lambda p: p.opened_at)


def plan_case(demo: Demo, service_type: str, listed: set[tuple[int, int]], *, renewal: bool = False) -> _CasePlan:
    rng = demo.rng
    extra: dict[str, Any] = {}
    day = math.floor(WINDOW_DAYS * rng.random() ** 0.8)  # a little busier lately
    opened = demo.working_moment(demo.day(demo.start) + timedelta(days=day))
    if service_type == "key_enterprise":  # the directory is drawn up early in the year, and grows later
        lately = demo.day(demo.today) - timedelta(days=rng.randint(1, 25))
        early = date(demo.today.year, 1, 5) + timedelta(days=rng.randint(0, 85))
        if renewal and lately.month >= 11:  # next year's directory is being drawn up now
            opened = demo.working_moment(lately)
        elif not renewal and rng.random() < 0.6 and demo.day(demo.start) <= early < demo.day(demo.today):
            opened = demo.working_moment(early)
    if service_type == "publicity":
        occasion = pick_occasion(demo)
        if occasion is not None:
            opened = demo.working_moment(occasion["day"] - timedelta(days=rng.randint(20, 40)))
            extra = occasion
    client: _ClientPlan | None
    if service_type == "key_enterprise":
        local = demo.day(opened)
        year = local.year + 1 if local.month >= 11 else local.year  # next year's directory is drawn up now
        client = None
        if renewal:  # most of next year's directory were in this year's
            client = pick_client(
                demo, service_type, lambda c: (id(c), year - 1) in listed and (id(c), year) not in listed
            )
        client = client or pick_client(demo, service_type, lambda c: (id(c), year) not in listed)
        if client is not None:
            listed.add((id(client), year))
            extra = {"year": year}
    else:
        client = pick_client(demo, service_type)
    if client is None:  # nobody in this data set could use the service
        service_type = "consultation"
        client = pick_client(demo, service_type)
        if client is None:
            raise AssertionError("anybody may ask a question")
    return _CasePlan(service_type, pick_institution(demo, service_type), client, opened, extra)


def pick_institution(demo: Demo, service_type: str) -> _Inst:
    weights = _KIND_WEIGHTS[service_type]
    per_kind = Counter(i.spec.kind for i in demo.insts)
    chances = [weights[i.spec.kind] / per_kind[i.spec.kind] for i in demo.insts]
    if not any(chances):
        chances = [1.0] * len(demo.insts)
    return demo.rng.choices(demo.insts, chances)[0]


def pick_client(
    demo: Demo, service_type: str, allowed: Callable[[_ClientPlan], bool] | None = None
) -> _ClientPlan | None:
    chances = [
        c.weight * affinity(demo, service_type, c) if allowed is None or allowed(c) else 0.0 for c in demo.people
    ]
    if not any(chances):
        return None
    return demo.rng.choices(demo.people, chances)[0]


def affinity(demo: Demo, service_type: str, c: _ClientPlan) -> float:
    """How likely this client is to use the service, relative to its general propensity (0: never)."""
    group, size, sector = c.group, c.size, c.sector
    big = size in (EnterpriseSize.MEDIUM, EnterpriseSize.LARGE)
    enterprise = group == "enterprise"
    academic = group in ("university", "institute")
    by_size: dict[EnterpriseSize | None, float]
    if service_type in (ASSISTANCE, DISPUTE):
        return 1.0
    if service_type == "consultation":
        return {"person": 2.0, "enterprise": 0.8 if big else 1.3, "cooperative": 1.0}.get(group, 0.4)
    if service_type == "application_guidance":
        by_size = {EnterpriseSize.MICRO: 1.6, EnterpriseSize.SMALL: 1.4, EnterpriseSize.MEDIUM: 0.8}
        return by_size.get(size, 0.4) if enterprise else {"person": 1.2, "cooperative": 1.2}.get(group, 0.6)
    if service_type == "policy_promotion":
        if enterprise:
            return 1.5 if sector.policy_industry else 1.0
        return {"person": 0.1, "cooperative": 0.8}.get(group, 0.6)
    if service_type == "risk_prevention":
        by_size = {EnterpriseSize.MICRO: 0.5, EnterpriseSize.SMALL: 1.0, EnterpriseSize.MEDIUM: 1.5}
        return by_size.get(size, 1.8) if enterprise else 0.2 if group == "university" else 0.0
    if service_type == "info_search":
        return 2.0 if academic else {"person": 0.4, "enterprise": 1.0, "cooperative": 0.2}[group]
    if service_type == "info_analysis":
        return 2.0 if academic else (1.5 if big else 0.5) if enterprise else 0.0
    if service_type == "training":
        return (
            (1.5 if big else 0.4)
            if enterprise
            else {"university": 1.5, "institute": 1.0, "cooperative": 1.0}.get(group, 0.0)
        )
    if service_type == "publicity":
        if enterprise:
            return 1.0 if size is EnterpriseSize.LARGE else 0.2 if big else 0.0
        return {"university": 3.0, "institute": 1.0, "cooperative": 1.0}.get(group, 0.0)
    if service_type == "compliance_guidance":
        by_size = {EnterpriseSize.MICRO: 0.1, EnterpriseSize.SMALL: 0.6, EnterpriseSize.MEDIUM: 1.5}
        return by_size.get(size, 2.0) if enterprise else 0.0
    if service_type == "ip_finance":
        by_size = {EnterpriseSize.MICRO: 0.5, EnterpriseSize.SMALL: 1.2, EnterpriseSize.MEDIUM: 1.5}
        return by_size.get(size, 0.8) if enterprise else 0.0
    if service_type == "transfer_license":
        return 3.0 if academic else {"enterprise": 0.7, "person": 0.2}.get(group, 0.0)
    if service_type == "fast_examination_liaison":
        if enterprise:
            patents = dict(sector.ip_weights).get(IpType.PATENT, 0) >= 5
            return (1.5 if patents else 0.2) * (0.5 if size is EnterpriseSize.MICRO else 1.0)
        return 1.2 if academic else 0.1 if group == "person" else 0.0
    if service_type == "data_ip_registration":
        if not sector.datasets:
            return 0.0
        return 3.0 if sector is SECTORS[6] else 1.5 if group == "institute" else 1.0 if academic else 0.3
    if service_type == "electronic_evidence":
        marks = dict(sector.ip_weights).get(IpType.TRADEMARK, 0) >= 4
        return {"person": 1.0, "enterprise": 1.2 if marks else 0.3, "cooperative": 0.8}.get(group, 0.1)
    if service_type == "qinghai_industry_assistance":
        if sector.tag not in INDUSTRY_NEEDS:
            return 0.0
        return {"enterprise": 2.0, "cooperative": 3.0}.get(group, 0.0)
    if service_type == "key_industry":
        if not enterprise or sector.key_industry is None:
            return 0.0
        return 2.0 if big else 0.1 if size is EnterpriseSize.MICRO else 0.6
    if service_type == "key_enterprise":
        if not enterprise:
            return 0.0
        if c.designations:
            return 3.0
        if sector.key_industry is None or size is EnterpriseSize.MICRO:
            return 0.0
        return 1.0 if big else 0.3
    if service_type == "four_places":
        if sector.place is None or group not in ("enterprise", "cooperative"):
            return 0.0
        return 2.0 if big else 1.5
    raise AssertionError(f"no affinity for {service_type}")


def pick_occasion(demo: Demo) -> dict[str, Any] | None:
    """A key date of 5.1.11.c in the window for a campaign, or None for daily publicity."""
    options = []
    first, last = demo.day(demo.start) + timedelta(days=40), demo.day(demo.today) + timedelta(days=20)
    for year in (demo.today.year - 1, demo.today.year):
        for occasion, month, day_of_month, exhibition in OCCASION_DATES:
            day = date(year, month, day_of_month)
            if first <= day < last:
                options.append({"occasion": occasion, "day": day, "exhibition": exhibition})
    if not options or demo.rng.random() < 0.3:
        return None
    return demo.rng.choice(options)


# A case's life -----------------------------------------------------------------------------------


def start_case(demo: Demo, number: int, plan: _CasePlan) -> Run:
    correlation = f"demo-{demo.seed}-case-{number:04d}"
    stall = demo.rng.randint(1, 3) if demo.rng.random() < STALL_RATE else None
    run = Run(demo, number, plan, correlation, plan.opened_at, stall_after=stall)
    demo.spawn(case_life(demo, run), run)
    return run


def case_life(demo: Demo, run: Run) -> Process:
    yield run.at
    yield from LIVES[run.plan.service_type](demo, run)
