"""What a definition record's fields may hold, said so that pydantic is needed only to check.

The records of a form definition (:mod:`forms.definition`, :mod:`forms.text.schema`) are
frozen standard dataclasses: a command or the window reads them from the cache of checked
definitions (:mod:`forms.definition_cache`) and never imports pydantic, whose import and
model classes cost every start a tenth of a second. Pydantic checks a definition file
against the same classes when it is read for the first time
(:func:`forms.definition_files.parse_definition`): it reads the fields' annotations, their
``Annotated`` limits (:class:`Limits`), the aliases in their ``dataclasses.field`` metadata
and the ``__pydantic_config__`` of :class:`Record` (unknown keys are errors), and runs each
record's ``__post_init__`` checks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, ClassVar, cast

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema


class Limits:
    """Limits of a checked value, as pydantic's ``Field`` names them: ``min_length``,
    ``ge``, ``le``, ``gt``, ``pattern``. They are added to the schema pydantic builds for the
    annotated type (a string, a number, a list), so the messages are pydantic's own."""

    def __init__(self, **limits: object) -> None:
        self.limits = limits

    def __repr__(self) -> str:  # part of the records' shape (definition_cache.records_digest)
        return f"Limits({', '.join(f'{k}={v!r}' for k, v in sorted(self.limits.items()))})"

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return cast("CoreSchema", {**handler(source), **self.limits})


NonEmpty = Annotated[str, Limits(min_length=1)]


class Record:
    """Base of every definition record: a key a record does not have is an error."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}
