"""Run one hostile case inside the sandbox: under an address-space limit, then report.

``python child.py LIMIT_BYTES open FILE [PDF]`` opens a report as the app does (open,
validate, print, recovery copy); ``python child.py LIMIT_BYTES cli ARGS…`` runs the command
line. The last line of stdout is ``SANDBOX {json}``: the outcome and the peak RSS. The limit
is set before anything is imported, so a blow-up is a MemoryError here, not the machine's.
"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path
from typing import Any


def limit(address_space: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))


def peak_rss_kb() -> int:
    """This program's own peak RSS (VmHWM). Not ``getrusage``: its maxrss keeps the forking
    parent's (pytest's) size across the exec."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def open_case(path: Path, pdf: Path | None) -> dict[str, Any]:
    """What the app does with a file: open, check, print, write and read a recovery copy."""
    from forms.codes import NianbaoError
    from forms.document import Document
    from forms.validation import validate
    from forms.xlsx import open_document

    try:
        opened = open_document(path)
    except NianbaoError as refusal:
        return {"code": refusal.code, "message": refusal.message}
    document = opened.document
    report = validate(document)
    if pdf is not None:
        from forms.pdf import render_pdf

        render_pdf(document, pdf)
    recovered = Document.from_json(document.to_json().encode("utf-8").decode("utf-8"))
    return {
        "opened": True,
        "differences": opened.differences,
        "findings": sorted({finding.code for finding in report.findings}),
        "recovered": recovered.to_json() == document.to_json(),
        "year": document.year,
    }


def cli_case(args: list[str]) -> dict[str, Any]:
    from forms.cli import main

    return {"rc": main(args)}


def run() -> dict[str, Any]:
    mode, rest = sys.argv[2], sys.argv[3:]
    if mode == "open":
        return open_case(Path(rest[0]), Path(rest[1]) if len(rest) > 1 else None)
    return cli_case(rest)


if __name__ == "__main__":
    limit(int(sys.argv[1]))
    outcome = run()
    sys.stdout.flush()
    outcome["peak_rss_kb"] = peak_rss_kb()
    print("\nSANDBOX " + json.dumps(outcome, ensure_ascii=False), flush=True)
