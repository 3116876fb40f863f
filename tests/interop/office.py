"""LibreOffice headless for the interop tests: where it is, and one conversion run."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def convert(sources: list[Path], target: str, folder: Path) -> dict[str, Path]:
    """Open each file in LibreOffice and save it as ``target`` (one soffice run for all)."""
    assert SOFFICE is not None
    folder.mkdir(exist_ok=True)
    profile = (folder.parent / "lo-profile").as_uri()
    command = [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--calc"]
    command += ["--convert-to", target, "--outdir", str(folder), *map(str, sources)]
    subprocess.run(command, capture_output=True, text=True, timeout=300, check=True)
    converted = {path.stem: folder / f"{path.stem}.{target.split(':')[0]}" for path in sources}
    missing = [str(path) for path in converted.values() if not path.exists()]
    assert not missing, f"LibreOffice did not write {missing}"
    return converted
