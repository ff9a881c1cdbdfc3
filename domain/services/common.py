"""Vocabularies shared by several service types (spec §1 and the clauses named on each)."""

from __future__ import annotations

from enum import StrEnum

from domain.labels import Label


class IpType(StrEnum):
    """Rights in scope (spec §1); trademarks and data IP appear in the featured services (5.2)."""

    PATENT = "patent"
    COPYRIGHT = "copyright"
    IC_LAYOUT = "ic_layout"
    TRADE_SECRET = "trade_secret"  # noqa: S105 (a kind of right, not a secret)
    TRADEMARK = "trademark"
    DATA_IP = "data_ip"


IP_TYPE_LABELS: dict[IpType, Label] = {
    IpType.PATENT: Label("专利", "Patent"),
    IpType.COPYRIGHT: Label("著作权", "Copyright"),
    IpType.IC_LAYOUT: Label("集成电路布图设计", "IC layout design"),
    IpType.TRADE_SECRET: Label("商业秘密", "Trade secret"),
    IpType.TRADEMARK: Label("商标", "Trademark"),
    IpType.DATA_IP: Label("数据知识产权", "Data IP"),
}
