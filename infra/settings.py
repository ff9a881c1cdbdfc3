"""Settings from the environment (a `.env` file in the working directory may set them too).

A setting that cannot be used stops the start with a `SettingsError` naming it: above all a database URL
that is set but not PostgreSQL's (`mysql://`, a typo, SQLAlchemy's `postgresql+psycopg://`), which would
otherwise send production writes to a local SQLite file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

N = TypeVar("N", int, float)
POSTGRES_SCHEMES = ("postgresql://", "postgres://")
SQLITE_HINT = "unset it to keep the data in the SQLite file under IPPS_DATA_DIR"


class SettingsError(ValueError):
    """A setting that cannot be used; the message is one line that names it and says what to set."""


def _read_dotenv(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    values: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        values[key.strip().removeprefix("export ").strip()] = value.strip().strip("'\"")
    return values


def setting(name: str) -> str | None:
    """One setting, read when it is used (the process environment over `.env`, as `Settings.from_env`): for
    what process-wide code reads, such as the working-day calendar (IPPS_CALENDAR_FILE, infra/calendar.py)."""
    value = os.environ.get(name)
    if value is None:
        value = _read_dotenv(Path(".env")).get(name)
    return value or None


def _number(env: dict[str, str], name: str, default: N, kind: Callable[[str], N]) -> N:
    text = env.get(name)
    if text is None:
        return default
    try:
        return kind(text)
    except ValueError:
        raise SettingsError(f"{name} must be a number (default {default})") from None


def _refused_database_url(url: str) -> SettingsError:
    # The URL may hold a password: the message shows its scheme at most.
    scheme = url.partition("://")[0] if "://" in url else ""
    shown = f" ({scheme}:// is not)" if re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]{0,30}", scheme) else ""
    return SettingsError(
        f"IPPS_DATABASE_URL must be a PostgreSQL URL, postgresql://user:password@host:5432/database{shown};"
        f" {SQLITE_HINT}"
    )


@dataclass(frozen=True)
class Settings:
    database_url: str | None = None
    data_dir: Path = Path("var")
    host: str = "127.0.0.1"
    port: int = 8000
    log_format: str = "json"
    cors_origins: tuple[str, ...] = ()
    db_schema: str | None = None  # PostgreSQL schema; tests use one of their own
    pool_size: int = 8
    group_commit: bool = True
    sqlite_lock_seconds: int = 30  # how long a write waits for SQLite's file lock before it is refused
    projection_poll_seconds: float = 0.2
    # Under a stream of commands, the projection runner starts a cycle at most this often (a backlog goes on
    # at once): cycles then apply tens of events each, not a few, for at most this much more lag.
    projection_pace_seconds: float = 0.02
    history_cache_mb: int = 32  # rendered case histories kept per API process (0: none)
    # Cases kept for the next command on them, counted in events (0: none). Small on purpose: a command's
    # next step tends to come soon, and every kept case is objects that the collector's full passes walk:
    # many made those passes long enough to be the p99 of every request they landed in.
    case_cache_events: int = 2_000
    # The Ed25519 key that signs checkpoints: a file, never in the database (`ipps signing init` writes it).
    # None: IPPS_DATA_DIR/signing.key.
    signing_key_file: Path | None = None
    checkpoint_every_seconds: float = 300.0  # how often the projection worker signs a checkpoint (0: never)

    def __post_init__(self) -> None:
        if self.database_url is not None and not self.database_url.startswith(POSTGRES_SCHEMES):
            raise _refused_database_url(self.database_url)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = {**_read_dotenv(Path(".env")), **(environ if environ is not None else os.environ)}
        origins = tuple(o.strip() for o in env.get("IPPS_CORS_ORIGINS", "").split(",") if o.strip())
        return cls(
            database_url=env.get("IPPS_DATABASE_URL") or None,
            data_dir=Path(env.get("IPPS_DATA_DIR", "var")),
            host=env.get("IPPS_HOST", "127.0.0.1"),
            port=_number(env, "IPPS_PORT", 8000, int),
            log_format=env.get("IPPS_LOG_FORMAT", "json"),
            cors_origins=origins,
            db_schema=env.get("IPPS_DB_SCHEMA") or None,
            pool_size=_number(env, "IPPS_POOL_SIZE", 8, int),
            group_commit=env.get("IPPS_GROUP_COMMIT", "1").lower() not in {"0", "false", "no", "off"},
            sqlite_lock_seconds=_number(env, "IPPS_SQLITE_LOCK_SECONDS", 30, int),
            history_cache_mb=_number(env, "IPPS_HISTORY_CACHE_MB", 32, int),
            case_cache_events=_number(env, "IPPS_CASE_CACHE_EVENTS", 2000, int),
            projection_pace_seconds=_number(env, "IPPS_PROJECTION_PACE_SECONDS", 0.02, float),
            signing_key_file=Path(env["IPPS_SIGNING_KEY_FILE"]) if env.get("IPPS_SIGNING_KEY_FILE") else None,
            checkpoint_every_seconds=_number(env, "IPPS_CHECKPOINT_EVERY_SECONDS", 300.0, float),
        )

    @property
    def is_postgres(self) -> bool:
        return self.database_url is not None  # nothing else gets past __post_init__

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "ipps.sqlite3"

    @property
    def signing_key_path(self) -> Path:
        return self.signing_key_file or self.data_dir / "signing.key"
