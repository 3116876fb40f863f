"""The one atomic writer: every OS error coded, special and read-only targets refused, links
written through, the umask kept, Windows replace retried, stale temporaries cleaned up."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_run import nianbao

from forms.atomic import (
    MAX_NAME_BYTES,
    STALE_SECONDS,
    Retry,
    Stamp,
    is_transient,
    refuse_input,
    remove_stale_temporaries,
    save_error,
    stamp_of,
    target_of,
    write_atomically,
)
from forms.codes import NianbaoError

OLD, NEW = b"old report " * 100, b"new report " * 200


@pytest.fixture
def old(tmp_path: Path) -> Path:
    path = tmp_path / "平川区 年报.pdf"
    path.write_bytes(OLD)
    return path


def refusal(path: Path, data: bytes = NEW, **kwargs: object) -> NianbaoError:
    with pytest.raises(NianbaoError) as raised:
        write_atomically(path, data, **kwargs)  # type: ignore[arg-type]
    return raised.value


def only(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- each OS error gets its own code and a Chinese message ---------------------------------------


def real_error(action: object) -> OSError:
    with pytest.raises(OSError) as raised:
        action()  # type: ignore[operator]
    return raised.value


def test_real_os_errors_map_to_their_codes(tmp_path: Path) -> None:
    """Each error is produced by the system, not constructed: the mapping meets real errnos."""

    def disk_full() -> None:
        with open("/dev/full", "wb", buffering=0) as handle:
            handle.write(b"x")

    flags = os.O_WRONLY | os.O_CREAT
    cases = {
        "F040": lambda: os.open(tmp_path / ("长" * 90 + ".pdf"), flags),
        "F041": disk_full,
        "F043": lambda: os.open(tmp_path, os.O_WRONLY),
        "F045": lambda: os.open(tmp_path / "没有" / "x.pdf", flags),
    }
    for code, action in cases.items():
        raised = real_error(action)
        error = save_error(Path("年报.pdf"), raised)
        assert error.code == code and "“年报.pdf”" in error.message
        assert raised.strerror and raised.strerror not in error.message  # no English text


@pytest.mark.parametrize(
    ("number", "code", "words"),
    [
        (errno.EACCES, "F042", "没有写入权限"),
        (errno.EPERM, "F042", "没有写入权限"),
        (errno.EROFS, "F044", "只读"),
        (errno.EDQUOT, "F041", "配额"),
        (errno.EIO, "F052", "读写设备出错"),
        (errno.ENOTDIR, "F045", "文件夹不存在"),
    ],
)
def test_errnos_without_a_cheap_real_source(number: int, code: str, words: str) -> None:
    error = save_error(Path("年报.xlsx"), OSError(number, os.strerror(number)))
    assert (error.code, words in error.message) == (code, True)
    assert "原文件未被改动" in error.message or code == "F045"


def test_a_name_too_long_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    path = tmp_path / ("长" * 85 + ".xlsx")  # 260 bytes
    assert len(os.fsencode(path.name)) > MAX_NAME_BYTES
    assert refusal(path).code == "F040"
    assert only(tmp_path) == []


# -- disk full for real: a 64 KB tmpfs -------------------------------------------------------------


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "tiny"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_disk_full_keeps_the_old_file_and_leaves_no_temporary(tiny_disk: Path) -> None:
    path = tiny_disk / "年报.pdf"
    path.write_bytes(OLD)
    error = refusal(path, b"x" * 200_000)
    assert error.code == "F041" and "磁盘空间不足" in error.message
    assert path.read_bytes() == OLD
    assert only(tiny_disk) == ["年报.pdf"]


def test_the_cli_on_a_full_disk_prints_one_line_and_no_zipfile_noise(tiny_disk: Path) -> None:
    (tiny_disk / "filler").write_bytes(b"\0" * 50_000)
    result = nianbao("demo", "-o", tiny_disk / "d.xlsx")  # a fresh process, as a user runs it
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "磁盘空间不足" in result.stderr
    assert "Exception ignored" not in result.stderr and "Traceback" not in result.stderr
    assert only(tiny_disk) == ["filler"]


def test_a_read_only_file_system_is_coded(tiny_disk: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_disk)], check=True)
    error = refusal(tiny_disk / "年报.pdf")
    assert error.code == "F044" and "只读" in error.message


# -- what is at the target ------------------------------------------------------------------------


def test_a_read_only_target_is_refused_up_front(old: Path) -> None:
    old.chmod(0o444)
    error = refusal(old)
    assert error.code == "F047" and error.message.startswith("文件为只读")
    assert old.read_bytes() == OLD and only(old.parent) == [old.name]


def test_a_symlink_is_written_through_to_its_target(old: Path) -> None:
    link = old.parent / "链接.pdf"
    link.symlink_to(old.name)
    write_atomically(link, NEW)
    assert link.is_symlink() and os.readlink(link) == old.name
    assert old.read_bytes() == NEW
    assert only(old.parent) == sorted([old.name, link.name])


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "链接.pdf"
    link.symlink_to("目标.pdf")
    write_atomically(link, NEW)
    assert link.is_symlink() and (tmp_path / "目标.pdf").read_bytes() == NEW


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "p.pdf"
    os.mkfifo(fifo)
    assert refusal(fifo).code == "F046"
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert stamp_of(fifo).sha256 == "not a regular file"  # stamping never reads it


def test_dev_null_is_refused_and_stays_a_device(tmp_path: Path) -> None:
    for device in (Path("/dev/null"), tmp_path / "null.pdf"):
        if device.parent == tmp_path:
            device.symlink_to("/dev/null")
        assert refusal(device).code == "F046"
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert not [p for p in Path("/dev").iterdir() if p.name.startswith("~null.")]


def test_a_folder_is_refused(tmp_path: Path) -> None:
    assert refusal(tmp_path).code == "F043"


def test_a_new_file_gets_the_users_umask(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        write_atomically(tmp_path / "新.pdf", NEW)
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "新.pdf").stat().st_mode) == 0o640


def test_a_replaced_file_keeps_its_mode(old: Path) -> None:
    old.chmod(0o604)
    write_atomically(old, NEW)
    assert stat.S_IMODE(old.stat().st_mode) == 0o604 and old.read_bytes() == NEW


def test_a_writer_function_is_run_in_memory_first(old: Path) -> None:
    def broken(handle: object) -> None:
        raise ValueError("half written")

    error = refusal(old, broken)  # type: ignore[arg-type]
    assert error.code == "F008" and "ValueError" in error.message
    assert old.read_bytes() == OLD and only(old.parent) == [old.name]


# -- the same file as input and output ----------------------------------------------------------


def test_an_output_equal_to_an_input_is_refused_by_any_name(old: Path) -> None:
    folder = old.parent
    (folder / "子").mkdir()
    hard = folder / "硬链接.pdf"
    os.link(old, hard)
    soft = folder / "软链接.pdf"
    soft.symlink_to(old)
    for output in (old, folder / "子" / ".." / old.name, hard, soft):
        with pytest.raises(NianbaoError) as raised:
            refuse_input(output, [folder / "other.xlsx", old])
        assert raised.value.code == "F048"
    refuse_input(folder / "新.pdf", [old])  # a different file passes


# -- Windows: the replace retried, the read-only flag never copied ---------------------------------


class Clock:
    """A fake clock that the fake pause advances: no real waiting in tests."""

    def __init__(self) -> None:
        self.now = 0.0
        self.pauses: list[float] = []

    def pause(self, seconds: float) -> None:
        self.pauses.append(seconds)
        self.now += seconds


def flaky(failures: int, winerror: int = 32) -> tuple[list[int], object]:
    calls: list[int] = []

    def replace(source: str, target: str) -> None:
        calls.append(1)
        if len(calls) <= failures:
            error = PermissionError(errno.EACCES, "另一个程序正在使用此文件")
            error.winerror = winerror  # type: ignore[attr-defined]
            raise error
        os.replace(source, target)

    return calls, replace


def windows_retry(replace: object, clock: Clock) -> Retry:
    return Retry(
        replace=replace,  # type: ignore[arg-type]
        transient=lambda exc: is_transient(exc, windows=True),
        pause=clock.pause,
        clock=lambda: clock.now,
    )


def test_a_replace_held_for_a_moment_succeeds_after_retries(old: Path) -> None:
    clock = Clock()
    calls, replace = flaky(4)
    write_atomically(old, NEW, retry=windows_retry(replace, clock))
    assert len(calls) == 5 and old.read_bytes() == NEW
    assert clock.pauses == [0.02, 0.05, 0.1, 0.2]
    assert only(old.parent) == [old.name]


def test_a_replace_held_for_good_gives_f050_after_two_seconds_and_no_temporary(old: Path) -> None:
    clock = Clock()
    calls, replace = flaky(10_000, winerror=33)
    error = refusal(old, retry=windows_retry(replace, clock))
    assert error.code == "F050" and "占用" in error.message and "原文件未被改动" in error.message
    assert 2.0 <= clock.now <= 2.4 and len(calls) == len(clock.pauses) + 1
    assert old.read_bytes() == OLD and only(old.parent) == [old.name]


def test_on_posix_a_refused_replace_is_not_retried(old: Path) -> None:
    clock = Clock()
    calls, replace = flaky(10_000)
    retry = Retry(replace=replace, pause=clock.pause, clock=lambda: clock.now)  # type: ignore[arg-type]
    assert refusal(old, retry=retry).code == "F042"
    assert len(calls) == 1 and clock.pauses == []


def test_which_errors_are_transient() -> None:
    held = OSError(errno.EINVAL, "x")
    held.winerror = 32  # type: ignore[attr-defined]
    assert is_transient(held, windows=True)
    assert is_transient(PermissionError(errno.EACCES, "x"), windows=True)
    assert not is_transient(OSError(errno.ENOSPC, "x"), windows=True)
    assert not is_transient(PermissionError(errno.EACCES, "x"), windows=False)


def test_a_read_only_temporary_is_still_removed(old: Path) -> None:
    """The clean-up clears the read-only flag first (Windows cannot delete such a file)."""

    def replace_after_marking_read_only(source: str, target: str) -> None:
        os.chmod(source, stat.S_IREAD)
        raise OSError(errno.EIO, "I/O error")

    folder = old.parent
    error = refusal(old, retry=Retry(replace=replace_after_marking_read_only))
    assert error.code == "F052" and "读写设备出错" in error.message
    assert only(folder) == [old.name]


# -- stale temporaries of a killed run ------------------------------------------------------------


def test_stale_temporaries_are_removed_by_the_next_save_only_ours_only_old(old: Path) -> None:
    folder = old.parent
    ancient = time.time() - STALE_SECONDS - 60
    names = {
        "~平川区 年报.a1b2c3d4.tmp": ancient,  # ours, old: removed
        ".nianbao-k3j_9x0q.pdf": ancient,  # the old PDF writer's, old: removed
        "~平川区 年报.0f0f0f0f.tmp": time.time(),  # ours, a save in progress: kept
        "~user notes.tmp": ancient,  # not our pattern: kept
        "备份.tmp": ancient,
    }
    for name, when in names.items():
        (folder / name).write_bytes(b"partial")
        os.utime(folder / name, (when, when))
    link = folder / "~x.deadbeef.tmp"
    link.symlink_to(old)  # a link of our pattern: never followed nor removed
    write_atomically(old, NEW)
    assert only(folder) == sorted(
        [old.name, "~平川区 年报.0f0f0f0f.tmp", "~user notes.tmp", "备份.tmp", link.name]
    )
    assert old.read_bytes() == NEW
    assert remove_stale_temporaries(folder, older_than=-1) == [folder / "~平川区 年报.0f0f0f0f.tmp"]


# -- stamps: a file changed since it was read ----------------------------------------------------


def test_a_file_changed_since_it_was_read_is_not_replaced(old: Path) -> None:
    before = stamp_of(old)
    old.write_bytes(OLD + b"another program's change")
    error = refusal(old, expected=before)
    assert error.code == "F049" and error.message.startswith("文件已被其他程序修改")
    assert old.read_bytes().endswith(b"another program's change")
    assert only(old.parent) == [old.name]


def test_an_unchanged_file_is_replaced_and_the_new_stamp_is_the_next_expectation(
    old: Path,
) -> None:
    first = write_atomically(old, NEW, expected=stamp_of(old))
    assert first == stamp_of(old)
    second = write_atomically(old, OLD, expected=first)
    assert second == stamp_of(old) and old.read_bytes() == OLD


def test_a_file_that_appeared_since_is_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "新.pdf"
    expected = stamp_of(path)
    assert expected == Stamp.missing()
    path.write_bytes(OLD)
    assert refusal(path, expected=expected).code == "F049"
    assert path.read_bytes() == OLD and only(tmp_path) == [path.name]
    write_atomically(tmp_path / "另一个.pdf", NEW, expected=Stamp.missing())
    assert (tmp_path / "另一个.pdf").read_bytes() == NEW


def test_target_of_follows_links_and_checks(old: Path) -> None:
    link = old.parent / "l.pdf"
    link.symlink_to(old)
    assert target_of(link) == old
    assert target_of(old.parent / "新.pdf") == old.parent / "新.pdf"
