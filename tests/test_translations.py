"""Translations: every string is translated into Chinese, with the same placeholders (Electrum's i18n check)."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from app import i18n

TS = Path(__file__).resolve().parent.parent / "resources" / "i18n" / "huishen_zh_CN.ts"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _messages() -> list[tuple[str, str, str | None]]:
    root = ET.parse(TS).getroot()
    out = []
    for context in root.iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            out.append((message.findtext("source") or "", translation.text or "", translation.get("type")))
    return out


def test_every_string_is_translated_with_matching_placeholders() -> None:
    messages = _messages()
    assert len(messages) > 100
    for source, translation, kind in messages:
        assert kind not in ("unfinished", "vanished", "obsolete"), source
        assert translation.strip(), source
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(translation)), source


def test_sources_have_no_untranslated_new_strings(tmp_path: Path) -> None:
    """lupdate over the code finds nothing that the committed .ts lacks."""
    root = TS.parents[2]
    files = sorted(str(p.relative_to(root)) for d in ("app", "ui") for p in (root / d).rglob("*.py"))
    out = tmp_path / "fresh.ts"
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    subprocess.run([str(lupdate), "-silent", *files, "-ts", str(out)], cwd=root, check=True)
    fresh = {m.findtext("source") for m in ET.parse(out).getroot().iter("message")}
    known = {source for source, _, _ in _messages()}
    assert fresh - known == set()


def test_chinese_is_installed_by_default(monkeypatch: object) -> None:
    try:
        assert i18n.install("zh_CN") == "zh_CN"
        assert QCoreApplication.translate("", "sealed") == "已密封"
        assert QCoreApplication.translate("UnlockWindow", "Unlock") == "解锁"
        assert i18n.tr("Wrong passphrase for {name}. Check the passphrase and try again.").startswith("{name} 的口令")
    finally:
        i18n.install("en")
    assert i18n.tr("sealed") == "sealed"
