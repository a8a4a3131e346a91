"""Screenshots of the window's exchange screens (issue 10) for members at their own workstations, in Chinese.

Run offscreen from the repository: python -m tests.exchange_screens OUTDIR [TRANSLATIONS.json]
Built on two stores of tests/exchange_world.py.  A JSON {source: 中文} file (a helper's strings not yet in the
.ts) may be given: its translations are then used for any string the installed catalogue lacks.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HUISHEN_INSECURE_FAST_KDF", "1")

from PySide6.QtCore import QCoreApplication, QTranslator  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402


class JsonTranslator(QTranslator):
    def __init__(self, table: dict[str, str]) -> None:
        super().__init__()
        self.table = table

    def translate(self, context: str, source: str, disambiguation: Any = None, n: int = -1) -> str | None:  # type: ignore[override]
        return self.table.get(source)  # None: the next catalogue answers

    def isEmpty(self) -> bool:
        return False


def main(out: Path, extra: Path | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from app import i18n
    from ui.application import install_fonts
    from ui.screenshots import wait

    assert isinstance(app, QApplication)
    install_fonts(app)
    i18n.install("zh_CN")
    if extra is not None:
        translator = JsonTranslator(json.loads(extra.read_text(encoding="utf-8")))
        QCoreApplication.installTranslator(translator)
    out.mkdir(parents=True, exist_ok=True)

    from app.exchange import imports, receipts, result_package
    from app.opinion_form import OpinionForm
    from app.sessions import chair as chair_service
    from tests import exchange_world
    from tests.cast import reasoning
    from tests.exchange_world import CHAIR, CUSTODIAN, REVIEWER
    from ui.main_window import MainWindow
    from ui.worker import DbWorker

    root = Path(tempfile.mkdtemp())
    world = exchange_world.copy(exchange_world.build(root / "w"), root / "c")
    sid = exchange_world.open_remote_reviewer(world)
    sid2 = exchange_world.seal_remote(world)
    worker = DbWorker()

    def shot(name: str, widget: QWidget, settle: int = 900) -> None:
        widget.show()
        wait(settle)
        widget.grab().save(str(out / f"zh-exchange-{name}.png"))
        print(f"zh-exchange-{name}.png")

    reviewer = world.b(REVIEWER)
    main = MainWindow(reviewer, worker)
    main.resize(1200, 720)
    main.show_screen("exchange")
    desk = main.screens["exchange"]
    dialog = desk.import_file(str(world.root / "package.hsx"))  # type: ignore[attr-defined]
    wait(1500)
    shot("import-package", dialog)
    dialog.submit()
    wait(1500)
    dialog.close()
    shot("reviewer-desk", main)
    desk.open_package()  # type: ignore[attr-defined]
    wait(1500)
    session = desk.session_dialog  # type: ignore[attr-defined]
    editor = session.editor
    editor.no_conflict.click()
    editor.positions[1].setCurrentText("初步核实")
    editor.reasoning.setPlainText(
        "经核查，该企业财务总监分管的两笔大额支出审批手续不全，与举报内容相互印证，建议初步核实。"
    )
    shot("remote-opinion", session)
    editor.confirm_seal()
    wait(500)
    shot("seal-confirmation", editor.confirmation)
    editor.confirmation.close()
    envelope = world.root / "一室-envelope.hsx"
    editor.seal_to(envelope)
    wait(2000)
    shot("remote-sealed", session)
    session.close()
    chair = world.a(CHAIR)
    imports.import_file(chair, envelope)
    data, _ = receipts.export(chair, sid)
    (world.root / "receipt.hsx").write_bytes(data)
    imports.import_file(reviewer, world.root / "receipt.hsx")
    world.a.seal(sid, "乙")
    world.a.reveal(sid)
    chair_service.chair_position(chair, sid, OpinionForm(positions={1: "初步核实"}, reasoning=reasoning(CHAIR)))
    chair_service.decide(chair, sid, "经集体研究，决定对该线索予以初步核实。")
    data, _ = result_package.export(chair, sid)
    (world.root / "result.hsx").write_bytes(data)
    imports.import_file(reviewer, world.root / "result.hsx")
    worker.changed.emit()
    wait(1500)
    shot("reviewer-desk-result", main)
    desk.view_result()  # type: ignore[attr-defined]
    wait(1000)
    result = desk.result_dialog  # type: ignore[attr-defined]
    shot("result", result, 1200)
    result.close()
    _forged_result(world, reviewer, chair)
    worker.changed.emit()
    wait(1500)
    desk.results.selectRow(1)  # type: ignore[attr-defined]
    desk.view_result()  # type: ignore[attr-defined]
    wait(1000)
    shot("result-flagged", desk.result_dialog, 1200)  # type: ignore[attr-defined]
    desk.result_dialog.close()  # type: ignore[attr-defined]
    main.force = True
    main.close()

    custodian = world.b(CUSTODIAN)
    imports.import_file(custodian, world.root / "request.hsx")
    main = MainWindow(custodian, worker)
    main.resize(1200, 720)
    main.show_screen("exchange")
    desk = main.screens["exchange"]
    wait(1500)
    shot("custodian-desk", main)
    desk.key_batch()  # type: ignore[attr-defined]
    wait(1000)
    batch = desk.batch_dialog  # type: ignore[attr-defined]
    batch.chairs.item(0).setCheckState(batch.chairs.item(0).checkState().Checked)
    shot("key-batch", batch)
    batch.close()
    desk.confirm_release()  # type: ignore[attr-defined]
    wait(500)
    shot("release-confirmation", desk.confirmation)  # type: ignore[attr-defined]
    desk.confirmation.close()  # type: ignore[attr-defined]
    desk.release_to(desk.rows["requests"][0], world.root / "release.hsx")  # type: ignore[attr-defined]
    wait(2000)
    shot("custodian-released", main)
    assert sid2
    main.force = True
    main.close()
    worker.shutdown()
    world.close()
    return 0


def _forged_result(world: Any, reviewer: Any, chair: Any) -> None:
    """A result whose chair's program printed another text beside the reviewer's unchanged commitment."""
    from app.exchange import cards, container, imports

    doc = container.open_file((world.root / "result.hsx").read_bytes(), reviewer.keys.kem.private)
    rounds = []
    for r in doc.body["rounds"]:
        opinions = json.loads(r["opinions"])
        for o in opinions:
            if o["department"] == "一室":
                o["opinion"]["positions"] = {"1": "予以了结"}
        rounds.append({**r, "opinions": json.dumps(opinions, ensure_ascii=False)})
    body = {**doc.body, "rounds": rounds}
    data = container.build(
        container.RESULT_PACKAGE, cards.sender_of(chair), [(reviewer.fingerprint, reviewer.keys.kem.public)], body
    )
    (world.root / "forged.hsx").write_bytes(data)
    imports.import_file(reviewer, world.root / "forged.hsx")


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else None))
