"""eventsourcing's own recorder conformance suite, run against our PostgreSQL recorders (the plain one with
idempotency keys, and the group-commit one), each in a schema of its own."""

from __future__ import annotations

import uuid
from typing import Any

import psycopg
from eventsourcing.postgres import PostgresDatastore
from eventsourcing.tests.persistence import ApplicationRecorderTestCase, NonInterleavingNotificationIDsBaseCase

from infra.group_commit import GroupCommitRecorder
from infra.recorders import PostgresRecorder
from tests.conftest import PG_URL, postgres_or_skip


class PostgresSchema:
    """A fresh schema per test, dropped afterwards."""

    recorder_class: type[PostgresRecorder] = GroupCommitRecorder
    datastore: PostgresDatastore

    def setUp(self) -> None:
        postgres_or_skip()
        self.schema = f"c_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{self.schema}"')
        info = psycopg.conninfo.conninfo_to_dict(PG_URL)
        self.datastore = PostgresDatastore(
            dbname=str(info.get("dbname", "test")),
            host=str(info.get("host", "127.0.0.1")),
            port=str(info.get("port", "5432")),
            user=str(info.get("user", "postgres")),
            password=str(info.get("password", "")),
            schema=self.schema,
            pool_size=20,
            max_overflow=0,
        )
        super().setUp()  # type: ignore[misc]

    def tearDown(self) -> None:
        super().tearDown()  # type: ignore[misc]
        self.datastore.close()
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE')

    def create_recorder(self) -> Any:
        recorder = self.recorder_class(self.datastore, events_table_name="stored_events")
        recorder.create_table()
        return recorder


class TestGroupCommitApplicationRecorder(PostgresSchema, ApplicationRecorderTestCase[Any]):
    pass


class TestGroupCommitNonInterleavingNotificationIds(PostgresSchema, NonInterleavingNotificationIDsBaseCase):
    pass


class TestPlainApplicationRecorder(PostgresSchema, ApplicationRecorderTestCase[Any]):
    recorder_class = PostgresRecorder


class TestPlainNonInterleavingNotificationIds(PostgresSchema, NonInterleavingNotificationIDsBaseCase):
    recorder_class = PostgresRecorder
