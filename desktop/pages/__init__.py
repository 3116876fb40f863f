"""The report's pages as printed: header and signatories, 前言, each part with its tables,
annex tables, the analysis note and history, chosen from a list (:class:`Pages`)."""

from desktop.pages.navigator import Pages

__all__ = ["Pages"]
