"""Fresh PostgreSQL schemas for one run, dropped at the end whatever happens."""

from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg import sql

from infra.settings import Settings


class Schemas:
    """Makes schemas named `bench_<run>_<part>`; `drop_all` removes every one it made."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.run = uuid.uuid4().hex[:10]
        self.made: list[str] = []

    def new(self, part: str) -> str:
        name = f"bench_{self.run}_{part}"
        with psycopg.connect(self.url, autocommit=True, connect_timeout=5) as conn:
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(name)))
        self.made.append(name)
        return name

    def drop_all(self) -> None:
        for name in reversed(self.made):
            try:
                with psycopg.connect(self.url, autocommit=True, connect_timeout=5) as conn:
                    conn.execute("SET lock_timeout = '15s'")
                    conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(name)))
            except psycopg.Error as exc:
                print(f"warning: could not drop schema {name}: {exc}", file=sys.stderr)
        self.made.clear()

    def settings(self, schema: str, pool_size: int = 8) -> Settings:
        return Settings(database_url=self.url, db_schema=schema, pool_size=pool_size, log_format="json")


@contextmanager
def fresh_schemas(url: str) -> Iterator[Schemas]:
    schemas = Schemas(url)
    try:
        yield schemas
    finally:
        schemas.drop_all()


def server_version(url: str) -> str:
    with psycopg.connect(url, connect_timeout=5) as conn:
        row = conn.execute("SHOW server_version").fetchone()
    return str(row[0]) if row else "?"
