"""Ledger exports neutralise formula injection (OWASP CSV injection) on both stores: a client named like a
formula stays text in the CSV and in the .xlsx, and numbers stay numbers."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.api.conftest import World

# One client name per dangerous first character: a spreadsheet would take each as the start of a formula.
NAMES = {
    "=": '=HYPERLINK("http://x","点我")',
    "+": "+1+cmd|' /C calc'!A0",
    "-": "-2+3+cmd|' /C calc'!A0",
    "@": "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t": '\t=HYPERLINK("http://x","点我")',
    "\r": '\r=HYPERLINK("http://x","点我")',
}


def export(world: World, format: str) -> bytes:
    response = world.client.get(
        "/v1/ledgers/services",
        params={"format": format, "min_position": world.store.max_position()},
        headers=world.headers("supervisor"),
    )
    assert response.status_code == 200, response.text
    return response.content


def step_count(world: World) -> int:
    response = world.client.get("/v1/ledgers/services", headers=world.headers("supervisor"))
    (row,) = response.json()["items"]
    return int(row["step_count"])


def open_case_for(world: World, name: str) -> None:
    response = world.client.post(
        "/v1/clients",
        json={"name": name, "kind": "innovator", "innovator_kind": "enterprise", "enterprise_size": "small"},
        headers=world.headers("admin"),
    )
    assert response.status_code == 201, response.text
    case_id = world.open_case(client_id=response.json()["id"])
    assert world.step(case_id, "routes_explained", recommended="mediation").status_code == 201


@pytest.mark.parametrize("prefix", list(NAMES), ids=[repr(p) for p in NAMES])
def test_csv_export_quotes_a_cell_that_would_start_a_formula(world: World, prefix: str) -> None:
    open_case_for(world, NAMES[prefix])
    rows = list(csv.reader(io.StringIO(export(world, "csv").decode("utf-8-sig"), newline="")))
    client_cells = [row[4] for row in rows[1:]]
    assert client_cells == ["'" + NAMES[prefix]]
    assert rows[1][10] == str(step_count(world))  # a number, left as it is


@pytest.mark.parametrize("prefix", list(NAMES), ids=[repr(p) for p in NAMES])
def test_xlsx_export_writes_a_cell_that_would_start_a_formula_as_text(world: World, prefix: str) -> None:
    open_case_for(world, NAMES[prefix])
    sheet = load_workbook(io.BytesIO(export(world, "xlsx"))).active
    assert sheet is not None
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    client = sheet.cell(row=2, column=5)
    assert client.data_type == "s"
    # The name as registered, shown as text (Excel's leading apostrophe); XML reads a carriage return as a line feed.
    assert client.value == NAMES[prefix].replace("\r", "\n")
    assert client.quotePrefix
    steps = sheet.cell(row=2, column=11)
    assert steps.data_type == "n"
    assert steps.value == step_count(world)


def test_xlsx_export_keeps_ordinary_text_plain(world: World) -> None:
    open_case_for(world, "青海-盐湖 有限公司")
    sheet = load_workbook(io.BytesIO(export(world, "xlsx"))).active
    assert sheet is not None
    client = sheet.cell(row=2, column=5)
    assert client.value == "青海-盐湖 有限公司"
    assert not client.quotePrefix
