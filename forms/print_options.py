"""Choices of how a report is printed, shared by the PDF renderer, the command line and the window.

Kept apart from ``forms.pdf`` so that offering the choice loads no PDF machinery.
"""

from __future__ import annotations

from typing import Literal, get_args

Signatures = Literal["report", "sheet"]
SIGNATURES: tuple[str, ...] = get_args(Signatures)
SIGNATURE_LABELS: dict[str, str] = {
    "report": "签署栏印在报告末尾",
    "sheet": "签署栏另附报送单",
}
