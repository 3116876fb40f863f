"""The log file: where it goes, what it says, and that it rotates instead of growing."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication

from desktop.identity import APP_ID, app_data_dir, app_version
from desktop.logs import log_file, setup_logging


def test_the_log_goes_to_the_app_data_folder_and_names_the_version(data_dir: Path) -> None:
    path = setup_logging()

    assert path == data_dir / "nianbao.log"
    assert log_file() == path
    logging.getLogger("nianbao.test").warning("第一条记录")
    text = path.read_text(encoding="utf-8")
    assert f"{APP_ID} {app_version()} 启动" in text
    assert "WARNING nianbao.test: 第一条记录" in text


def test_setting_up_twice_writes_each_record_once(data_dir: Path) -> None:
    setup_logging()
    path = setup_logging()
    logging.getLogger("nianbao").info("只写一次")

    assert path.read_text(encoding="utf-8").count("只写一次") == 1
    assert len(logging.getLogger("nianbao").handlers) == 1


def test_the_log_rotates_and_keeps_a_bounded_number_of_files(data_dir: Path) -> None:
    path = setup_logging(max_bytes=2_000, backup_count=2)
    record = "填报记录" + "x" * 90
    for number in range(200):
        logging.getLogger("nianbao").info("%d %s", number, record)

    files = sorted(p.name for p in data_dir.iterdir())
    assert files == ["nianbao.log", "nianbao.log.1", "nianbao.log.2"]
    assert all((data_dir / name).stat().st_size <= 2_000 for name in files)
    assert "199 填报记录" in path.read_text(encoding="utf-8")
    assert ": 0 填报记录" not in (data_dir / "nianbao.log.2").read_text(encoding="utf-8")


def test_an_explicit_folder_wins_and_is_created(data_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "elsewhere" / "logs"

    assert setup_logging(folder) == folder / "nianbao.log"
    assert folder.is_dir()


def test_the_app_data_folder_follows_xdg_on_linux(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("NIANBAO_DATA_DIR", raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))

    assert app_data_dir() == tmp_path / "xdg" / "nianbao"
    assert app_data_dir().is_dir()


def test_the_app_data_folder_is_appdata_on_windows(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("NIANBAO_DATA_DIR", raising=False)
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.setenv("APPDATA", str(tmp_path / "Roaming"))

    assert app_data_dir() == tmp_path / "Roaming" / "nianbao"


def test_the_app_data_folder_is_qts_for_an_app_named_nianbao(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("NIANBAO_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))  # Windows asks the shell
    name, organization = qapp.applicationName(), qapp.organizationName()
    qapp.setApplicationName(APP_ID)
    qapp.setOrganizationName("")
    try:
        location = QStandardPaths.StandardLocation.AppDataLocation
        qt_folder = Path(QStandardPaths.writableLocation(location))
    finally:
        qapp.setApplicationName(name)
        qapp.setOrganizationName(organization)

    assert qt_folder == app_data_dir()
