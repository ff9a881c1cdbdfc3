"""A client's rights: those it held before the demo year (made when first asked), those it files, their fate."""

from __future__ import annotations

from datetime import date, timedelta

from api.demo.content_clients import ACADEMIC, SECTORS, _patent_digits
from api.demo.model import _ClientPlan, _Right
from api.demo.world import Demo
from domain.ip_ledger import RightStatus
from domain.parties import EnterpriseSize
from domain.services.common import IpType


def portfolio(demo: Demo, client: _ClientPlan, day: date) -> list[_Right]:
    """The rights the client has filed by `day`; those from before the demo year are made when first asked."""
    rng = demo.rng
    if client.rights is None:
        client.rights = []
        count = {
            "person": rng.choices((0, 1, 2), (50, 35, 15))[0],
            "cooperative": rng.randint(0, 3),
            "university": rng.randint(6, 14),
            "institute": rng.randint(5, 12),
        }.get(client.group, 0)
        if client.group == "enterprise":
            low, high = {
                EnterpriseSize.MICRO: (0, 2),
                EnterpriseSize.SMALL: (0, 5),
                EnterpriseSize.MEDIUM: (3, 9),
                EnterpriseSize.LARGE: (6, 15),
            }[client.size or EnterpriseSize.SMALL]
            count = rng.randint(low, high)
        weights = [(t, w) for t, w in client.sector.ip_weights if t is not IpType.TRADE_SECRET]
        for _ in range(count):
            filed = day - timedelta(days=rng.randint(120, 8 * 365))
            client.rights.append(new_right(demo, client, demo.pick(weights), filed))
    return [r for r in client.rights if r.filed_on <= day]


def file_right(
    demo: Demo, client: _ClientPlan, ip_type: IpType, filed: date, title: str, kind: int | None = None
) -> _Right:
    """A new application: the agency filed it on `filed`; its examination will decide it later."""
    portfolio(demo, client, filed)
    right = new_right(demo, client, ip_type, filed, title, kind)
    if client.rights is not None:
        client.rights.append(right)
    return right


def held_right(demo: Demo, client: _ClientPlan, ip_type: IpType, day: date) -> _Right:
    """A right of this type the client holds on `day`: one it has, or one it was granted years ago."""
    held = [r for r in portfolio(demo, client, day) if r.ip_type is ip_type and r.granted_at(day)]
    if held:
        return demo.rng.choice(held)
    right = new_right(demo, client, ip_type, day - timedelta(days=demo.rng.randint(500, 2500)))
    grant(demo, right, min(right.decided_on or day, day - timedelta(days=30)))
    if client.rights is not None:
        client.rights.append(right)
    return right


def grant(demo: Demo, right: _Right, on: date) -> None:
    right.outcome = RightStatus.GRANTED
    right.decided_on = max(on, right.filed_on + timedelta(days=30))
    right.lapsed_on = None
    if right.registration_no is None:
        right.registration_no = (
            f"ZL{right.application_no.removeprefix('CN')}" if right.ip_type is IpType.PATENT else right.application_no
        )


def new_right(
    demo: Demo, client: _ClientPlan, ip_type: IpType, filed: date, title: str | None = None, kind: int | None = None
) -> _Right:
    taken = {r.key for r in client.rights or []}
    for _ in range(20):
        right = draw_right(demo, client, ip_type, filed, title, kind)
        if right.key not in taken:
            return right
    raise AssertionError("twenty random application numbers in a row were taken")


def draw_right(
    demo: Demo, client: _ClientPlan, ip_type: IpType, filed: date, title: str | None, kind: int | None
) -> _Right:
    rng = demo.rng
    sector = client.sector
    year = filed.year

    def days(low: int, high: int) -> date:
        return filed + timedelta(days=rng.randint(low, high))

    if ip_type is IpType.PATENT:
        weights = (75, 20, 5) if client.group in ("university", "institute") else (35, 45, 20)
        if kind is None:  # 1 invention, 2 utility model, 3 design (a title given is an invention or a utility)
            kind = rng.choices((1, 2), weights[:2])[0] if title else rng.choices((1, 2, 3), weights)[0]
        if title and ("方法" in title or "工艺" in title):
            kind = 1  # a process is protected by an invention patent only
        digits = _patent_digits(rng, year, kind)
        title = title or (
            f"一种{rng.choice(sector.inventions)}" if kind != 3 else f"{rng.choice(sector.products)}包装盒"
        )
        right = _Right(ip_type, title, f"CN{digits}", filed)
        if kind == 1:
            right.examining_on = days(90, 360)
            right.decided_on = days(540, 1100)
            granted = rng.random() < 0.7
        else:
            right.decided_on = days(150, 360) if kind == 2 else days(100, 240)
            granted = rng.random() < 0.93
        if granted:
            right.registration_no = f"ZL{digits}"
            if rng.random() < 0.12 and right.decided_on is not None:  # the annual fee was not paid
                right.lapsed_on = right.decided_on + timedelta(days=rng.randint(365, 2500))
        else:
            right.outcome = RightStatus.REJECTED
        return right
    if ip_type is IpType.TRADEMARK:
        number = str(rng.randrange(10**7, 8 * 10**7))
        title = title or f"“{client.brand}”商标（第{rng.choice(sector.classes)}类）"
        right = _Right(ip_type, title, number, filed, decided_on=days(240, 420))
        if rng.random() < 0.85:
            right.registration_no = number
        else:
            right.outcome = RightStatus.REJECTED
        return right
    if ip_type is IpType.COPYRIGHT:
        if sector in (SECTORS[6], ACADEMIC) or rng.random() < 0.15:
            number = f"{year}SR{rng.randrange(10**7):07d}"
            title = title or f"{rng.choice(sector.keywords)}管理软件V1.0"
        else:
            number = f"青作登字-{year}-{rng.choice('FIAJ')}-{rng.randrange(10**8):08d}"
            title = title or f"{rng.choice(sector.products)}（作品）"
        return _Right(ip_type, title, number, filed, decided_on=days(20, 60), registration_no=number)
    if ip_type is IpType.DATA_IP:
        number = f"青数知登字〔{year}〕第{rng.randrange(1, 3000):06d}号"
        title = title or rng.choice(sector.datasets or ("业务运营数据集",))
        return _Right(ip_type, title, number, filed, decided_on=days(30, 60), registration_no=number)
    if ip_type is IpType.IC_LAYOUT:
        number = f"BS.{year % 100:02d}{rng.randrange(10**6, 10**7)}"
        title = title or f"{rng.choice(sector.products)}控制芯片布图设计"
        return _Right(ip_type, title, number, filed, decided_on=days(90, 200), registration_no=number)
    raise AssertionError(f"{ip_type} has no number to keep in a ledger")
