"""5.1.11 知识宣传 IP publicity.

a) The publicity is planned; b) materials are prepared; c) campaigns are held around the key dates and
major exhibitions; d) daily publicity runs online and offline; e) photos, audio and video of the
activities are collected; f) the activity is reported. Campaigns and daily publicity repeat as often as
the plan needs, with more materials and more media collected between them; the report follows the
media collected, and closes the case.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from typing import Annotated

import msgspec

from domain.errors import FieldError
from domain.labels import Label
from domain.lifecycle import OPENED, Payload, ServiceType, Step, Text

Count = Annotated[int, msgspec.Meta(ge=0)]
Reference = Annotated[str, msgspec.Meta(pattern=r"^(?!(?i:data):)\S+$", max_length=2048)]
"""Where a file is kept (a URI or an archive path), never the file itself: `data:` URIs are refused."""


class KeyOccasion(StrEnum):
    IP_WEEK = "ip_week"
    PATENT_WEEK = "patent_week"
    CHINA_BRAND_DAY = "china_brand_day"
    MASS_INNOVATION_WEEK = "mass_innovation_week"
    MAJOR_EXHIBITION = "major_exhibition"


KEY_OCCASIONS: dict[KeyOccasion, Label] = {
    KeyOccasion.IP_WEEK: Label("“4·26”知识产权宣传周", "4.26 IP Publicity Week"),
    KeyOccasion.PATENT_WEEK: Label("专利周", "Patent Week"),
    KeyOccasion.CHINA_BRAND_DAY: Label("中国品牌日（5月10日）", "China Brand Day (10 May)"),
    KeyOccasion.MASS_INNOVATION_WEEK: Label("全国大众创业万众创新活动周", "Mass Innovation Week"),
    KeyOccasion.MAJOR_EXHIBITION: Label("重大展会活动", "Major exhibition"),
}


class MaterialKind(StrEnum):
    BROCHURE = "brochure"  # 宣传册
    LEAFLET = "leaflet"  # 折页
    POSTER = "poster"  # 海报
    DISPLAY_BOARD = "display_board"  # 展板、易拉宝
    BANNER = "banner"  # 横幅
    VIDEO = "video"  # 宣传片、短视频
    ARTICLE = "article"  # 宣传文章、推文
    HANDBOOK = "handbook"  # 知识手册
    GIVEAWAY = "giveaway"  # 宣传品


class Channel(StrEnum):
    WEBSITE = "website"  # 网站
    WECHAT = "wechat"  # 微信公众号
    WEIBO = "weibo"  # 微博
    SHORT_VIDEO = "short_video"  # 抖音、视频号
    POSTER_BOARD = "poster_board"  # 海报栏、宣传栏
    LED_SCREEN = "led_screen"  # 电子屏
    OTHER = "other"


class DailyTopic(StrEnum):
    LAWS = "laws"  # 法律法规
    POLICY = "policy"  # 政策
    HOT_NEWS = "hot_news"  # 热点新闻
    KNOWLEDGE = "knowledge"  # 知识普及
    TYPICAL_CASES = "typical_cases"  # 典型案例


class MediaKind(StrEnum):
    PHOTO = "photo"
    AUDIO = "audio"
    VIDEO = "video"


class PublicityPlanned(Payload, kw_only=True):
    title: Text
    theme: Text
    starts_on: date
    ends_on: date
    occasions: list[KeyOccasion] = msgspec.field(default_factory=list)
    channels: list[Channel] = msgspec.field(default_factory=list)
    audience: str = ""

    def invariants(self) -> Iterator[FieldError]:
        if self.ends_on < self.starts_on:
            yield FieldError("ends_on", "the plan cannot end before it starts")


class Material(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    kind: MaterialKind
    title: Text
    quantity: Annotated[int, msgspec.Meta(ge=1)] | None = None


class MaterialsPrepared(Payload, kw_only=True):
    materials: Annotated[list[Material], msgspec.Meta(min_length=1)]


class KeyDateCampaignHeld(Payload, kw_only=True):
    occasion: KeyOccasion
    exhibition: str | None = None
    """The exhibition's name, for a campaign at a major exhibition."""
    venue: Text
    activities: Text
    participants: Count | None = None
    materials_handed_out: Count | None = None

    def invariants(self) -> Iterator[FieldError]:
        if self.occasion is KeyOccasion.MAJOR_EXHIBITION and not (self.exhibition or "").strip():
            yield FieldError("exhibition", "name the exhibition")


class DailyPublicityPosted(Payload, kw_only=True):
    channels: Annotated[list[Channel], msgspec.Meta(min_length=1)]
    topic: DailyTopic
    title: Text
    links: list[Reference] = msgspec.field(default_factory=list)


class MediaReference(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    kind: MediaKind
    caption: str = ""
    uri: Reference | None = None
    archive_no: str | None = None


class MediaCollected(Payload, kw_only=True):
    items: Annotated[list[MediaReference], msgspec.Meta(min_length=1)]

    def invariants(self) -> Iterator[FieldError]:
        for n, item in enumerate(self.items):
            if item.uri is None and not (item.archive_no or "").strip():
                yield FieldError(f"items[{n}]", "give where the file is kept: a uri or an archive_no")


class ActivityReported(Payload, kw_only=True):
    summary: Text
    outlets: list[Text] = msgspec.field(default_factory=list)
    """Where it was reported: the institution's site, newspapers, new-media accounts."""
    links: list[Reference] = msgspec.field(default_factory=list)
    people_reached: Count | None = None
    online_views: Count | None = None


_ACTIVE = frozenset({"materials_prepared", "key_date_campaign_held", "daily_publicity_posted", "media_collected"})
_ACTIVITIES = frozenset({"key_date_campaign_held", "daily_publicity_posted"})

PUBLICITY = ServiceType(
    code="publicity",
    clause="5.1.11",
    name=Label("知识宣传", "IP publicity"),
    steps=(
        Step(
            "publicity_planned",
            "5.1.11.a",
            Label("策划宣传方案", "Publicity planned"),
            PublicityPlanned,
            follows=frozenset({OPENED}),
        ),
        Step(
            "materials_prepared",
            "5.1.11.b",
            Label("制作宣传物料", "Materials prepared"),
            MaterialsPrepared,
            follows=_ACTIVE | {"publicity_planned"},
            repeatable=True,
        ),
        Step(
            "key_date_campaign_held",
            "5.1.11.c",
            Label("重要时间节点和重大展会集中宣传", "Key-date campaign held"),
            KeyDateCampaignHeld,
            follows=_ACTIVE,
            repeatable=True,
        ),
        Step(
            "daily_publicity_posted",
            "5.1.11.d",
            Label("网站、新媒体、海报栏等多渠道日常宣传", "Daily publicity posted"),
            DailyPublicityPosted,
            follows=_ACTIVE,
            repeatable=True,
        ),
        Step(
            "media_collected",
            "5.1.11.e",
            Label("收集整理活动照片、音像资料", "Photos, audio and video collected"),
            MediaCollected,
            follows=_ACTIVITIES | {"media_collected"},
            repeatable=True,
        ),
        Step(
            "activity_reported",
            "5.1.11.f",
            Label("宣传活动报道", "Activity reported"),
            ActivityReported,
            follows=frozenset({"media_collected"}),
            closes=True,
        ),
    ),
)
