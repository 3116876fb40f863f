"""reportlab's one costly regular expression, compiled when it is first used, not at import.

``reportlab.platypus.paragraph`` compiles a web-address pattern (``uri_pat``) at import:
case-insensitive over the whole Basic Multilingual Plane, it takes Python's ``re`` 20 ms,
a tenth of a ``nianbao pdf`` import, and the app's background warm-up holds Python's lock
meanwhile. The pattern serves only a link whose address has no scheme; the report has none.
:func:`deferred` is a context in which ``re.compile`` of that one pattern gives a
:class:`LazyPattern`; every other pattern compiles as usual. It is entered only around the
first import of reportlab's paragraph module.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

DEFERRED_PREFIX = "(^(?:[a-z0-9\\.\\-\\+]*)://)"  # how reportlab's uri_pat begins
_compile = re.compile
_lock = threading.Lock()


class LazyPattern:
    """A compiled pattern in waiting: the first use compiles it, and it behaves as one."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = _compile(*self._args)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled(), name)


def _compile_deferring(pattern: Any, flags: Any = 0) -> Any:
    if isinstance(pattern, str) and pattern.startswith(DEFERRED_PREFIX):
        return LazyPattern(pattern, flags)
    return _compile(pattern, flags)


@contextmanager
def deferred() -> Iterator[None]:
    """While inside, reportlab's web-address pattern is not compiled but deferred."""
    with _lock:
        re.compile = _compile_deferring
        try:
            yield
        finally:
            re.compile = _compile
