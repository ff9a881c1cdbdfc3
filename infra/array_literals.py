"""PostgreSQL array literals built by hand: the group-commit writer's one statement per batch, and the
case ids a projection batch looks up (`Cursor.one_of`).

psycopg adapts a Python list element by element through its generic dumpers: for a batch's twelve arrays that
was most of the writer thread's time, several times what building these literals costs. Every element is
quoted, so an idempotency key reading NULL, or holding quotes, commas, braces or backslashes, arrives as written.
"""

from __future__ import annotations

from collections.abc import Iterable

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"'})


def text_array(values: Iterable[object]) -> str:
    """`{"a","b"}`: each value's str(), quoted; PostgreSQL casts the elements to the column's type."""
    return "{" + ",".join('"' + str(value).translate(_ESCAPES) + '"' for value in values) + "}"


def plain_array(values: Iterable[object]) -> str:
    """`{1,2}`: for values whose str() needs no quoting (integers, UUIDs)."""
    return "{" + ",".join(map(str, values)) + "}"


def bytea_array(values: Iterable[bytes]) -> str:
    """`{"\\\\x0a1b"}`: bytea's hex input form, its backslash escaped for the array's quoting."""
    return "{" + ",".join('"\\\\x' + value.hex() + '"' for value in values) + "}"
