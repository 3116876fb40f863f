"""The PySide6 application over ``forms/``: the window is generated from the form definition."""
