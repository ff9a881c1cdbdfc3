"""Names and numbers the services share: experts, staff, opponents, contacts, an institution's serial numbers."""

from __future__ import annotations

from datetime import datetime

from api.demo.content_clients import BRANDS, OUTSIDE_BRANDS, OUTSIDE_PLACES, SECTORS, Sector
from api.demo.model import _ClientPlan, _Inst
from api.demo.world import Demo


def experts_on(demo: Demo, sector: Sector, count: int) -> list[str]:
    """A technical expert on the client's field and `count - 1` legal ones, from the expert database."""
    technical = [e for e in demo.experts if sector.tag in e.spec.sectors] or [e for e in demo.experts if e.spec.sectors]
    legal = [e for e in demo.experts if e.spec.legal]
    chosen = [demo.rng.choice(technical), *demo.rng.sample(legal, min(len(legal), count - 1))]
    return [str(e) for e in chosen]


def staff_of(demo: Demo, inst: _Inst, count: int) -> list[str]:
    return demo.rng.sample(inst.staff, min(count, len(inst.staff)))


def opponent(demo: Demo, client: _ClientPlan) -> str:
    rng = demo.rng
    if rng.random() < 0.3:
        return f"{demo.fake.last_name()}某（个体工商户）"
    return company_like(demo, client)


def company_like(demo: Demo, client: _ClientPlan) -> str:
    """A company of the client's trade (of any, for a person), in Qinghai or from outside."""
    rng = demo.rng
    sector = client.sector if client.sector.fragments else rng.choice(SECTORS)
    if rng.random() < 0.6:
        place, brand = rng.choice(("青海", "西宁")), rng.choice(BRANDS)
    else:
        place, brand = rng.choice(OUTSIDE_PLACES), rng.choice(OUTSIDE_BRANDS)
    return f"{place}{brand}{rng.choice(sector.fragments)}有限公司"


def serial(demo: Demo, inst: _Inst, series: str, year: int) -> int:
    inst.serials[f"{series}-{year}"] += 1
    return inst.serials[f"{series}-{year}"]


def serial_number(demo: Demo, inst: _Inst, series: str, at: datetime, width: int = 3) -> str:
    """An archive-style number of the institution: XNBH-JS-2026-017."""
    year = demo.day(at).year
    return f"{inst.spec.archive_prefix}-{series}-{year}-{serial(demo, inst, series, year):0{width}d}"


def contact(demo: Demo, client: _ClientPlan) -> str:
    """Who speaks for the client: the person, or a named contact of the organisation."""
    if not client.organisation:
        return client.short
    if client.contact is None:
        role = demo.rng.choice(("综合部经理", "研发部主任", "法务专员", "知识产权专员", "副总经理"))
        if client.group in ("university", "institute"):
            role = demo.rng.choice(("科技处老师", "成果转化办公室主任", "课题组负责人"))
        client.contact = f"{demo.person()}（{role}）"
    return client.contact
