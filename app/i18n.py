"""Translation for the core and the command line, through Qt's translation system.

Strings are marked with :func:`tr` (English source text); ``pyside6-lupdate``
collects them into ``resources/i18n/huishen_zh_CN.ts`` and ``make`` builds the
``.qm``.  Chinese is the default language; ``HUISHEN_LANG=en`` selects English.
Only QtCore is used here, so the core stays free of widgets.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator


def _quiet_feature_hook() -> None:
    """Importing PySide6 installs shiboken's ``__feature__`` import hook, which reads the source of every module
    imported afterwards (``inspect.getsource``) to learn whether it mentions PySide6: +11 % CPU and +20 MiB at
    start-up.  Huishen selects no ``__feature__`` (snake_case, true_property), so the answer changes nothing;
    decide it from the module's name instead of its source."""
    import sys

    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and hasattr(feature, "_mod_uses_pyside"):
        setattr(feature, "_mod_uses_pyside", _uses_pyside)  # noqa: B010


def _uses_pyside(module: object) -> bool:
    return str(getattr(module, "__name__", "")).startswith(("ui", "PySide6", "__main__"))


_quiet_feature_hook()

I18N_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"
DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")

_installed: list[QTranslator] = []
_language = "en"


def tr(text: str) -> str:
    """Translate ``text`` (English source) into the current language."""
    return QCoreApplication.translate("", text)


def current_language() -> str:
    """The language installed by :func:`install` ("zh_CN" or "en")."""
    return _language


def requested_language(explicit: str | None = None) -> str:
    """The language to use: explicit choice, else $HUISHEN_LANG, else Chinese."""
    choice = explicit or os.environ.get("HUISHEN_LANG") or DEFAULT_LANGUAGE
    return "en" if choice.lower().startswith("en") else "zh_CN"


def install(language: str | None = None) -> str:
    """Install translators for ``language`` on the running Qt application.

    Creates a ``QCoreApplication`` when none exists (command-line use).  Returns
    the language actually installed: English when the compiled catalogue is
    missing, so the program still speaks, in its source language.
    """
    global _language
    app = QCoreApplication.instance() or QCoreApplication([])
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    lang = requested_language(language)
    _language = "en"
    if lang == "en":
        QLocale.setDefault(QLocale("en_US"))
        return _language
    ours = QTranslator()
    if ours.load(str(I18N_DIR / f"huishen_{lang}.qm")):
        app.installTranslator(ours)
        _installed.append(ours)
        _language = lang
        QLocale.setDefault(QLocale(lang))
    qt_own = QTranslator()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(f"qtbase_{lang}", qt_dir):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    return _language
