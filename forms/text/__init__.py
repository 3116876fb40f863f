"""The report's narrative read against its tables, and drafted from them.

:mod:`forms.text.numbers` reads the figures people write (16, １６, 十六, 1.2万);
:mod:`forms.text.quotes` finds the figures a part quotes by the form's phrase patterns;
:mod:`forms.text.drafting` writes a part's routine sentences from the figures. The checks that
turn quotes into findings are in :mod:`forms.validation.text`.
"""
