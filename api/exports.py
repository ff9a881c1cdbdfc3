"""Exports of read models as the forms staff hand to supervisors: CSV (UTF-8 with BOM) and real .xlsx.

A table is described by its columns (a Chinese header and how to get the cell); times are shown in
Asia/Shanghai.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, TypeVar

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from api.presenters import local

T = TypeVar("T")
Cell = str | int | float | date | datetime | None
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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


def to_csv(columns: Sequence[Column[T]], rows: Sequence[T]) -> bytes:
    out = io.StringIO()
    out.write("\ufeff")  # spreadsheet programs then read the Chinese headers as UTF-8
    writer = csv.writer(out)
    writer.writerow([c.header for c in columns])
    for row in rows:
        values = [_plain(c.value(row)) for c in columns]
        writer.writerow(
            ["" if v is None else v.strftime("%Y-%m-%d %H:%M") if isinstance(v, datetime) else v for v in values]
        )
    return out.getvalue().encode("utf-8")


def to_xlsx(columns: Sequence[Column[T]], rows: Sequence[T], title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # noqa: S101  (a new workbook always has one sheet)
    sheet.title = title[:31]
    sheet.append([c.header for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_plain(c.value(row)) for c in columns])
    for n, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(n)].width = column.width
        for (cell,) in sheet.iter_rows(min_row=2, min_col=n, max_col=n):
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}
