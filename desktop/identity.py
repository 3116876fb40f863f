"""Who the app is: its name, version and icon (the packaging work fills this out further)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

APP_NAME = "政府信息公开年报填报"
APP_ID = "nianbao"


def app_version() -> str:
    try:
        return version("nianbao")
    except PackageNotFoundError:
        return "0.0.0"
