"""The log file: where it goes, what it says, that it rotates instead of growing, and that two
copies of the app running at once (each "open with" starts one) lose nothing and stay bounded."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.identity import APP_ID, app_data_dir
from desktop.logs import ProcessLogHandler, log_file, setup_logging
from forms.version import APP_VERSION


def test_the_log_goes_to_the_app_data_folder_and_names_the_version(data_dir: Path) -> None:
    path = setup_logging()

    assert path == data_dir / "nianbao.log"
    assert log_file() == path
    logging.getLogger("nianbao.test").warning("第一条记录")
    text = path.read_text(encoding="utf-8")
    assert f"{APP_ID} {APP_VERSION} 启动" in text
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

    files = sorted(p.name for p in data_dir.iterdir() if p.suffix != ".lock")
    assert files == ["nianbao.log", "nianbao.log.1", "nianbao.log.2"]
    assert all((data_dir / name).stat().st_size <= 2_000 for name in files)
    assert "199 填报记录" in path.read_text(encoding="utf-8")
    assert ": 0 填报记录" not in (data_dir / "nianbao.log.2").read_text(encoding="utf-8")


def test_a_refused_rollover_loses_nothing_and_the_next_one_rotates(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows refuses to rename a file another program holds open (WinError 32)."""
    path = setup_logging(max_bytes=2_000, backup_count=2)
    [handler] = [
        h for h in logging.getLogger("nianbao").handlers if isinstance(h, ProcessLogHandler)
    ]
    held = PermissionError(13, "另一个程序正在使用此文件，进程无法访问。")

    def refuse(source: str, dest: str) -> None:
        raise held

    monkeypatch.setattr(handler, "rotate", refuse)
    for number in range(40):
        logging.getLogger("nianbao").info("%d 填报记录%s", number, "x" * 90)
    assert handler.failed_rollovers > 0
    text = path.read_text(encoding="utf-8")
    assert [n for n in range(40) if f" {n} 填报记录" not in text] == []
    assert path.stat().st_size > 2_000  # over the size while the file is held, but complete

    monkeypatch.undo()  # the holder let go
    logging.getLogger("nianbao").info("放开之后")
    assert path.stat().st_size < 2_000
    assert " 39 填报记录" in (data_dir / "nianbao.log.1").read_text(encoding="utf-8")


def test_an_explicit_folder_wins_and_is_created(data_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "elsewhere" / "logs"

    assert setup_logging(folder) == folder / "nianbao.log"
    assert folder.is_dir()


def test_the_app_data_folder_follows_xdg_on_linux_and_is_not_made_by_asking(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("NIANBAO_DATA_DIR", raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))

    assert app_data_dir() == tmp_path / "xdg" / "nianbao"
    assert not app_data_dir().exists()


def test_the_app_data_folder_is_local_appdata_on_windows_never_the_roaming_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("NIANBAO_DATA_DIR", raising=False)
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.setenv("APPDATA", r"\\server\redirected\张三\AppData\Roaming")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))

    assert app_data_dir() == tmp_path / "Local" / "nianbao"


CHILD = """
import logging, sys
from pathlib import Path
from desktop.logs import setup_logging
path = setup_logging(Path(sys.argv[1]), max_bytes=4000, backup_count=40)
print(path.name, flush=True)
sys.stdin.readline()  # both copies are set up: log at the same time
log = logging.getLogger("nianbao.child")
for number in range(400):
    log.info("copy %s record %d %s", sys.argv[2], number, "填" * 20)
"""


def test_two_copies_logging_at_once_past_the_rollover_lose_nothing_and_stay_bounded(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "logs"
    env = {**os.environ, "PYTHONUTF8": "0"}
    copies = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, str(folder), name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        for name in ("A", "B")
    ]
    names = [copy.stdout.readline().strip() for copy in copies if copy.stdout]
    for copy in copies:  # both are waiting: let them go together
        assert copy.stdin is not None
        copy.stdin.write("go\n")
        copy.stdin.flush()
    for copy in copies:
        copy.communicate(timeout=120)

    assert [copy.returncode for copy in copies] == [0, 0]
    assert sorted(names) == ["nianbao-2.log", "nianbao.log"]  # a log each
    logs = sorted(p for p in folder.iterdir() if p.suffix != ".lock")
    text = "".join(p.read_text(encoding="utf-8") for p in logs)
    for name in ("A", "B"):
        kept = [n for n in range(400) if f"copy {name} record {n} " in text]
        assert kept == list(range(400))
        assert text.count(f"copy {name} record 399 ") == 1
    record = len(
        f"2026-01-01 00:00:00,000 INFO nianbao.child: copy A record 399 {'填' * 20}\n".encode()
    )
    # the handler measures the record in characters, the file in bytes: one record over at most
    assert max(p.stat().st_size for p in logs) <= 4000 + record
    for stem in ("nianbao.log", "nianbao-2.log"):  # each rotated its own file 10+ times
        assert 10 < len([p for p in logs if p.name.startswith(stem)]) <= 41
