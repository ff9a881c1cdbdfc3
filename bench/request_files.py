"""The files of ours one "record a step" request runs code in, in every thread (the event loop, the store's
workers, the event writer), on PostgreSQL with group commit and a case this process saved last.

`python -m bench.request_files [DATABASE_URL]` prints them and their count: the figure issue 13 asks for, to be
compared before and after a change of the write path (run it in each checkout).
"""

from __future__ import annotations

import sys
import tempfile
import threading
import uuid
from pathlib import Path
from types import FrameType
from typing import Any

import psycopg
from litestar.testing import TestClient

from api.app import create_app
from bench.config import ROOT
from bench.server import CLIENT, INSTITUTION
from infra.keys import create_key
from infra.settings import Settings
from infra.store import Store

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"


class Seen:
    """A profile function collecting the files under ROOT that run while `on`."""

    def __init__(self) -> None:
        self.on = False
        self.files: set[str] = set()

    def __call__(self, frame: FrameType, event: str, arg: Any) -> None:
        name = frame.f_code.co_filename
        if self.on and name.startswith(str(ROOT)) and "/.venv/" not in name:
            self.files.add(str(Path(name).relative_to(ROOT)))


def record_a_step(url: str) -> list[str]:
    schema = f"files_{uuid.uuid4().hex[:12]}"
    seen = Seen()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    threading.setprofile(seen)  # every thread started from here on: the store's and the app's
    try:
        with tempfile.TemporaryDirectory() as data:
            store = Store(Settings(data_dir=Path(data), database_url=url, db_schema=schema))
            try:
                _, key = create_key(store.db, "admin", None)
                headers = {"Authorization": f"Bearer {key}"}
                app = create_app(store=store, run_projections=False, configure_logs=False)
                with TestClient(app) as client:
                    institution = client.post("/v1/institutions", json=INSTITUTION, headers=headers).json()["id"]
                    client_id = client.post("/v1/clients", json=CLIENT, headers=headers).json()["id"]
                    opening = {
                        "service_type": "rights_assistance",
                        "institution_id": institution,
                        "client_id": client_id,
                        "ip_type": "patent",
                    }
                    case = client.post("/v1/cases", json=opening, headers=headers).json()["id"]
                    step = {"step": "need_collected", "description": "外观设计被仿冒，需取证指导"}
                    client.blocking_portal.call(sys.setprofile, seen)  # the event loop's thread
                    seen.on = True
                    response = client.post(f"/v1/cases/{case}/steps", json=step, headers=headers)
                    seen.on = False
                    if response.status_code != 201:
                        raise RuntimeError(f"the step was not recorded: {response.status_code} {response.text}")
            finally:
                store.close()
    finally:
        threading.setprofile(None)
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
    return sorted(seen.files)


def main() -> None:
    files = record_a_step(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_URL)
    print("\n".join(files))
    print(f"{len(files)} files")


if __name__ == "__main__":
    main()
