"""The app's version, one constant for the window, the saved file and the printed PDF.

It is pyproject.toml's ``version`` written once more, so that nothing on a command's path
imports :mod:`importlib.metadata` (with it ``email``, ``zipfile`` and ``csv``: 12 ms a start).
``tests/packaging/test_packaging_files.py`` holds the two and the installed metadata equal.
"""

APP_VERSION = "0.1.0"
