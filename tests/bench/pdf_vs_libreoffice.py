"""The demo report printed two ways: this app's renderer against LibreOffice's PDF export.

Not part of the test suite (it needs LibreOffice: ``apt-get install libreoffice-calc-nogui``).
Run ``uv run python tests/bench/pdf_vs_libreoffice.py [rounds]``. Both start from the saved
xlsx: ours opens it and renders (in this process, fonts registered once, as in the app);
LibreOffice converts it with ``soffice --headless --convert-to pdf`` (a process per file, as
an office printing from the command line would).

This is not a like-for-like comparison: ours is timed warm, inside a process that has
already imported everything and read its fonts (as the app's second print), LibreOffice
as a whole process. What a user waits for is measured by ``whole_process.py``.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from forms.demo import load_demo
from forms.pdf import render_pdf
from forms.xlsx import open_document, save_document


def timed(action: Callable[[], object], rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def main(rounds: int = 5) -> int:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")
        return 2
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        source = work / "demo.xlsx"
        save_document(load_demo(), source)
        profile = (work / "lo-profile").as_uri()

        def ours() -> None:
            render_pdf(open_document(source).document, work / "ours.pdf")

        def libreoffice() -> None:
            command = [soffice, f"-env:UserInstallation={profile}", "--headless"]
            command += ["--convert-to", "pdf", "--outdir", str(work / "lo"), str(source)]
            subprocess.run(command, check=True, capture_output=True)

        ours()  # first use reads the font files once per process, as the app does
        libreoffice()  # the first start creates LibreOffice's profile
        mine, theirs = timed(ours, rounds), timed(libreoffice, rounds)
    mine_ms, theirs_ms = statistics.median(mine) * 1000, statistics.median(theirs) * 1000
    print(f"this app (open xlsx + render PDF): median {mine_ms:7.1f} ms over {rounds}")
    print(f"LibreOffice --convert-to pdf:      median {theirs_ms:7.1f} ms over {rounds}")
    ratio = theirs_ms / mine_ms
    print(f"ratio: {ratio:.1f}× (warm render in this process against a whole soffice process)")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5))
