"""packaging/icu_data.py: the Linux bundle's ICU data, cut from 32 MB to what Qt asks for.

The cut library is loaded in place of PySide6's own (LD_PRELOAD: same soname) by a Qt
process that sorts Chinese, opens the Chinese codecs and names a time zone, as the bundle's
Qt would; a cut without the collation data shows that the sort really reads it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import PySide6
import pytest
from packaging_scripts import load_script

ROOT = Path(__file__).resolve().parents[2]
ICU_DATA = Path(PySide6.__file__).parent / "Qt" / "lib" / "libicudata.so.73"

pytestmark = pytest.mark.skipif(
    not ICU_DATA.is_file() or shutil.which("as") is None or shutil.which("ld") is None,
    reason="Linux PySide6 with ICU 73 and binutils (as, ld) only",
)

PROBE = """
import json
from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QTimeZone
zh = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
numeric = QCollator(zh)
numeric.setNumericMode(True)
zone = QTimeZone(b"Asia/Shanghai")
long_name = (QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, zh)
print(json.dumps({
    "cities": sorted(["上海", "北京", "重庆", "广州"], key=QCollator(zh).sortKey),
    "files": sorted(["文件10", "文件9", "文件1"], key=numeric.sortKey),
    "codecs": [QStringDecoder(name).isValid() for name in ("GB18030", "GBK", "GB2312")],
    "zone": zone.displayName(*long_name),
}, ensure_ascii=False))
"""


icu_data = load_script("icu_data")


def _probe(library: Path) -> dict[str, object]:
    env = {**os.environ, "LD_PRELOAD": str(library)}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    seen: dict[str, object] = json.loads(result.stdout)
    return seen


@pytest.fixture(scope="module")
def original() -> tuple[str, bytes]:
    symbol, data = icu_data.common_data(ICU_DATA)
    return symbol, data


def test_the_cut_keeps_each_item_byte_for_byte_and_drops_nine_tenths(
    original: tuple[str, bytes],
) -> None:
    symbol, data = original
    before = dict(icu_data.items(data))
    cut = icu_data.trimmed(data)
    after = dict(icu_data.items(cut))

    assert symbol == "icudt73_dat"
    assert cut[:144] == data[:144]  # ICU's header: same format and version
    assert sorted(after) == sorted(name for name in before if icu_data.keep(name))
    assert all(after[name] == before[name] for name in after)
    assert "icudt73l/coll/zh.res" in after and "icudt73l/gb18030.cnv" in after
    assert "icudt73l/brkitr/cjdict.dict" in before and "icudt73l/brkitr/cjdict.dict" not in after
    assert len(data) > 30_000_000 and len(cut) < 3_500_000


def test_qt_sorts_chinese_by_pinyin_and_opens_the_chinese_codecs_with_the_cut(
    tmp_path: Path,
) -> None:
    library = tmp_path / "libicudata.so.73"
    before, after = icu_data.write_trimmed(ICU_DATA, library)

    seen = _probe(library)

    assert (before, after) == (ICU_DATA.stat().st_size, library.stat().st_size)
    assert seen == {
        "cities": ["北京", "重庆", "广州", "上海"],  # bei, chong, guang, shang
        "files": ["文件1", "文件9", "文件10"],
        "codecs": [True, True, True],
        "zone": "中国标准时间",
    }


def test_without_the_collation_data_the_sort_is_not_by_pinyin(
    original: tuple[str, bytes], tmp_path: Path
) -> None:
    symbol, data = original
    library = tmp_path / "libicudata.so.73"
    no_collation = icu_data.trimmed(data, lambda name: icu_data.keep(name) and "/coll/" not in name)
    icu_data.write_library(symbol, no_collation, "libicudata.so.73", library)

    seen = _probe(library)

    assert seen["cities"][:2] == ["上海", "北京"]  # Qt's fallback: 上 U+4E0A before 北 U+5317
