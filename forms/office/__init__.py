"""The office's work above one unit's report: consolidation (汇总) of its units' reports.

:mod:`forms.office.consolidate` reads and adds up the units' files; :mod:`forms.office.workbook`
writes the total with its breakdown sheets; :mod:`forms.office.commands` is the command line.
"""
