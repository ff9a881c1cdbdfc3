"""The service ledger 服务台账 on both stores: filters, sorting, paging, totals, and the CSV and .xlsx forms."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

from openpyxl import load_workbook

from tests.api.conftest import World


def fill(world: World) -> int:
    now = datetime.now(UTC)
    for days in (30, 20, 10):
        world.open_case(effective_at=(now - timedelta(days=days)).isoformat())
    case_id = world.open_case(service_type="rights_assistance", effective_at=(now - timedelta(days=5)).isoformat())
    world.step(case_id, "need_collected", description="需求")
    world.step(case_id, "guidance_given", kind="evidence_collection", content="取证")
    last = world.step(case_id, "return_visit", outcome="resolved", satisfaction=5)
    world.open_case(who="staff_b", institution_id=world.institution_b)
    return int(last.json()["position"]) + 1


def ledger(world: World, who: str = "supervisor", **params: str | int) -> dict[str, object]:
    response = world.client.get(
        "/v1/ledgers/services",
        params={"min_position": world.store.max_position(), **params},
        headers=world.headers(who),
    )
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def test_filters_totals_and_paging(world: World) -> None:
    fill(world)
    everything = ledger(world)
    assert everything["total"] == 5
    only_a = ledger(world, institution_id=str(world.institution_a))
    assert only_a["total"] == 4
    closed = ledger(world, status="closed")
    assert closed["total"] == 1
    assert ledger(world, service_type="rights_assistance")["total"] == 1
    since = (datetime.now(UTC) - timedelta(days=15)).isoformat()
    assert ledger(world, opened_from=since, institution_id=str(world.institution_a))["total"] == 2
    page = ledger(world, sort="opened_at", limit=2, offset=1, institution_id=str(world.institution_a))
    items = page["items"]
    assert isinstance(items, list)
    assert page["total"] == 4
    assert len(items) == 2
    assert items[0]["opened_at"] < items[1]["opened_at"]
    assert items[0]["institution_name"] == "西宁市知识产权保护中心"
    assert items[0]["client_name"] == "青海盐湖新材料有限公司"


def test_a_scoped_key_sees_only_its_own_rows(world: World) -> None:
    fill(world)
    assert ledger(world, who="staff_b")["total"] == 1
    assert ledger(world, who="viewer_a")["total"] == 4


def test_csv_export_has_chinese_headers_and_every_matching_row(world: World) -> None:
    fill(world)
    response = world.client.get(
        "/v1/ledgers/services",
        params={"format": "csv", "limit": 1, "min_position": world.store.max_position()},
        headers=world.headers("supervisor"),
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["案件编号", "服务机构", "服务类型"]
    assert len(rows) == 6  # the limit pages JSON only: an export holds every matching row
    assert {r[5] for r in rows[1:]} == {"办理中", "已办结"}


def test_xlsx_export_opens_with_the_right_columns_and_cells(world: World) -> None:
    fill(world)
    response = world.client.get(
        "/v1/ledgers/services",
        params={"format": "xlsx", "status": "closed", "min_position": world.store.max_position()},
        headers=world.headers("supervisor"),
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    assert sheet.title == "服务台账"
    header = [c.value for c in sheet[1]]
    assert header == [
        "案件编号",
        "服务机构",
        "服务类型",
        "条款",
        "服务对象",
        "状态",
        "受理时间",
        "办结时间",
        "最近步骤",
        "最近步骤时间",
        "步骤数",
    ]
    assert sheet.max_row == 2
    row = [c.value for c in sheet[2]]
    assert row[2] == "维权援助"
    assert row[3] == "5.1.4"
    assert row[5] == "已办结"
    assert row[8] == "回访跟踪维权结果与满意度"
    assert row[10] == 3
    opened = row[6]
    assert isinstance(opened, datetime)
    # Shown in Asia/Shanghai: eight hours ahead of UTC.
    expected = (datetime.now(UTC) - timedelta(days=5) + timedelta(hours=8)).replace(tzinfo=None)
    assert abs((opened - expected).total_seconds()) < 120
