"""Exports of read models as the forms staff hand to supervisors: CSV (UTF-8 with BOM) and real .xlsx.

A table is described by its columns (a Chinese header and how to get the cell); times are shown in
Asia/Shanghai. Text is recorded by clients and staff, so a cell that a spreadsheet would read as a formula
(OWASP's CSV injection: text starting with = + - @, tab or carriage return) is kept text: in the CSV it gets
a leading apostrophe, in the .xlsx it is a string cell with Excel's own apostrophe (the quote prefix), so the
name reads as it was registered and editing the cell does not turn it into a formula either.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, TypeGuard, TypeVar

from litestar.openapi.spec import OpenAPIFormat, OpenAPIMediaType, OpenAPIResponse, OpenAPIType, Operation, Schema
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from api.presenters import local

T = TypeVar("T")
Cell = str | int | float | date | datetime | None
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"  # Litestar adds `; charset=utf-8` to a text/* answer
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    value: Callable[[T], Cell]
    width: int = 16


def _plain(value: Cell) -> Cell:
    if isinstance(value, datetime):
        shown = local(value)
        return shown.replace(tzinfo=None) if shown else None  # spreadsheets have no time zones
    return value


def _formula_like(value: Cell) -> TypeGuard[str]:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def _csv_text(value: Cell) -> str | int | float | date:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return "'" + value if _formula_like(value) else value


def to_csv(columns: Sequence[Column[T]], rows: Sequence[T]) -> bytes:
    out = io.StringIO()
    out.write("\ufeff")  # spreadsheet programs then read the Chinese headers as UTF-8
    writer = csv.writer(out)
    writer.writerow([c.header for c in columns])
    for row in rows:
        writer.writerow([_csv_text(_plain(c.value(row))) for c in columns])
    return out.getvalue().encode("utf-8")


def to_xlsx(columns: Sequence[Column[T]], rows: Sequence[T], title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # noqa: S101  (a new workbook always has one sheet)
    sheet.title = title[:31]
    sheet.append([c.header for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for r, row in enumerate(rows, start=2):
        for n, column in enumerate(columns, start=1):
            value = _plain(column.value(row))
            cell = sheet.cell(row=r, column=n, value=value)
            if _formula_like(value):
                cell.data_type = "s"  # openpyxl takes text starting with "=" for a formula
                cell.quotePrefix = True
            elif isinstance(value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
    for n, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(n)].width = column.width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@dataclass
class ExportOperation(Operation):
    """The OpenAPI operation of a read that also answers as a CSV or an .xlsx file (its `format`): the 200
    documents both beside the JSON one."""

    def __post_init__(self) -> None:
        ok = (self.responses or {}).get("200")
        assert isinstance(ok, OpenAPIResponse)  # noqa: S101  (Litestar's own 200, from the handler's return type)
        assert ok.content is not None  # noqa: S101
        ok.content[CSV] = OpenAPIMediaType(schema=Schema(type=OpenAPIType.STRING, description="UTF-8 with BOM"))
        ok.content[XLSX] = OpenAPIMediaType(schema=Schema(type=OpenAPIType.STRING, format=OpenAPIFormat.BINARY))


def attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}
