"""How things look on the wire: times in Asia/Shanghai, codes with zh and en labels."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


def local(moment: datetime | None) -> datetime | None:
    return moment.astimezone(SHANGHAI) if moment is not None else None


def local_text(iso_utc: str | None) -> datetime | None:
    return local(datetime.fromisoformat(iso_utc)) if iso_utc else None
