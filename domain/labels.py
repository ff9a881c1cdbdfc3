"""Bilingual labels: every code the system shows carries a zh label (for the people using it) and an en one."""

from __future__ import annotations

import msgspec


class Label(msgspec.Struct, frozen=True):
    zh: str
    en: str
