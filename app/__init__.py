"""Huishen's Qt-free core: every business rule lives here (see STYLE.md)."""
