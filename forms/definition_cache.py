"""Checked form definitions kept in the user's cache folder between runs.

Checking a definition file imports pydantic, builds its validators for two dozen record types
and runs every consistency check: about a tenth of a second, paid by every ``check``, ``pdf``
and window start for a result that depends only on the file. Once checked, a definition is
written to ``definitions`` in the user's cache folder (:mod:`forms.user_cache`) and read
back in a millisecond.

An entry is keyed by the definition file's path and the SHA-256 of its content, and by the
shape of the record types (every field's name, type, default and limits) and Python's
version: a changed file or a changed program makes a new entry. It is never trusted: a
wrong magic, checksum or key, or any failure to read it, means it is ignored and rebuilt.
It is read by an unpickler that builds only the definition's own record types, their enums
and ``Decimal``, so that a planted file cannot run code.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import io
import json
import logging
import pickle
import struct
import sys
from enum import Enum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from forms.user_cache import cache_dir, write_entry

if TYPE_CHECKING:
    from forms.definition import FormDefinition

log = logging.getLogger(__name__)

FORMAT = 1
MAGIC = b"NBDEF1\n"
_DIGEST = 32
_RECORD_MODULES = ("forms.definition", "forms.text.schema")


class CacheError(ValueError):
    """A cache entry that cannot be trusted: it is ignored and rebuilt."""


def entry_path(path: Path) -> Path:
    """Where the entry for ``path`` lives; the records' shape in the name, so that two versions
    of the app on one machine keep an entry each rather than rebuilding each other's."""
    named = f"{path}\0{records_digest()}\0{FORMAT}"
    name = hashlib.sha256(named.encode("utf-8", "surrogatepass")).hexdigest()
    return cache_dir() / "definitions" / f"{name[:32]}.bin"


def read(path: Path, data: bytes) -> FormDefinition | None:
    """The checked definition of the file whose content is ``data``, or None (no entry, or
    one that is stale or broken)."""
    entry = entry_path(path)
    try:
        blob = entry.read_bytes()
    except OSError:
        return None
    try:
        return decode(blob, entry_key(path, data))
    except Exception as exc:  # whatever a broken or planted entry raises: rebuild it
        log.info("格式定义缓存无效，将重建：%s（%s）", entry, exc)
        return None


def write(path: Path, data: bytes, form: FormDefinition) -> None:
    """Keep the checked definition of ``data`` (atomically; a failure is only logged)."""
    entry = entry_path(path)
    try:
        write_entry(entry, encode(form, entry_key(path, data)))
    except (OSError, pickle.PicklingError) as exc:
        log.info("格式定义缓存无法写入：%s（%s）", entry, exc)


def entry_key(path: Path, data: bytes) -> dict[str, Any]:
    """What an entry must match to stand for ``data`` read from ``path``."""
    return {
        "format": FORMAT,
        "path": str(path),
        "sha256": hashlib.sha256(data).hexdigest(),
        "records": records_digest(),
        "python": list(sys.version_info[:2]),
    }


def encode(form: FormDefinition, key: dict[str, Any]) -> bytes:
    body = json.dumps(key, sort_keys=True).encode()
    body = struct.pack("<I", len(body)) + body + pickle.dumps(_without_index(form), protocol=5)
    return MAGIC + hashlib.sha256(body).digest() + body


def decode(blob: bytes, key: dict[str, Any]) -> FormDefinition:
    from forms.definition import FormDefinition

    if not blob.startswith(MAGIC):
        raise CacheError("不是格式定义缓存")
    start = len(MAGIC) + _DIGEST
    body = memoryview(blob)[start:]
    if hashlib.sha256(body).digest() != blob[len(MAGIC) : start]:
        raise CacheError("校验和不符")
    (length,) = struct.unpack_from("<I", body)
    if json.loads(bytes(body[4 : 4 + length])) != json.loads(json.dumps(key, sort_keys=True)):
        raise CacheError("定义文件或程序已变化")
    form = _RecordsOnly(io.BytesIO(body[4 + length :])).load()
    if not isinstance(form, FormDefinition):
        raise CacheError("内容不是格式定义")
    return form


def _without_index(form: FormDefinition) -> FormDefinition:
    """The definition as checked, without the look-ups derived from it (rebuilt on use)."""
    if "index" not in form.__dict__:
        return form
    bare = copy.copy(form)
    bare.__dict__.pop("index", None)
    return bare


class _RecordsOnly(pickle.Unpickler):
    """Builds the definition's record types, their enums and ``Decimal``: nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        allowed = _allowed()
        if (module, name) not in allowed:
            raise pickle.UnpicklingError(f"不允许的类型：{module}.{name}")
        return allowed[(module, name)]


@cache
def _allowed() -> dict[tuple[str, str], Any]:
    from decimal import Decimal

    allowed: dict[tuple[str, str], Any] = {("decimal", "Decimal"): Decimal}
    for record in _record_types():
        allowed[(record.__module__, record.__qualname__)] = record
    return allowed


def _record_types() -> list[type]:
    """The record dataclasses and enums of the definition modules."""
    found: list[type] = []
    for module_name in _RECORD_MODULES:
        module = sys.modules[module_name]
        for value in vars(module).values():
            own = isinstance(value, type) and value.__module__ == module_name
            if own and (dataclasses.is_dataclass(value) or issubclass(value, Enum)):
                found.append(value)
    return found


@cache
def records_digest() -> str:
    """The shape of every record type: its fields' names, types (with their limits),
    defaults and metadata (aliases)."""
    from forms.records import NonEmpty

    shape: list[object] = [repr(NonEmpty)]
    for record in sorted(_record_types(), key=lambda kind: kind.__qualname__):
        if dataclasses.is_dataclass(record):
            fields = [
                (f.name, str(f.type), _default(f), repr(dict(f.metadata)))
                for f in dataclasses.fields(record)
            ]
            shape.append((record.__qualname__, fields))
        else:
            shape.append((record.__qualname__, [member.value for member in record]))  # type: ignore[attr-defined]
    return hashlib.sha256(repr(shape).encode()).hexdigest()


def _default(field: dataclasses.Field[object]) -> str:
    """A field's default, or what its default factory makes ("" for none). Never the
    factory or the marker themselves: their repr has an address, new in every process."""
    if field.default is not dataclasses.MISSING:
        return repr(field.default)
    factory = field.default_factory
    return "" if factory is dataclasses.MISSING else repr(factory())
