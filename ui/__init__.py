"""The PySide6 desktop front end: displays state and starts operations; no business rules."""
