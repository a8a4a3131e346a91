"""The session list model fills lazily, so 10,000 sessions never block the view."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from ui.session_list import BATCH, SessionTableModel


def _row(i: int, overdue: bool = False) -> dict:
    return {
        "id": i,
        "ref": f"R-{i}",
        "title": f"事项{i}",
        "kind_label": "问题线索处置",
        "classification": "秘密★1年",
        "status": "collecting",
        "deadline": None,
        "sealed": 1,
        "recused": 0,
        "expected": 3,
        "overdue": overdue,
    }


def test_rows_are_fetched_in_batches() -> None:
    model = SessionTableModel()
    model.set_rows([_row(i, overdue=i == 0) for i in range(10_000)])
    assert model.total() == 10_000
    assert model.rowCount() == BATCH
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * BATCH
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 10_000


def test_cells_show_progress_and_overdue() -> None:
    model = SessionTableModel()
    model.set_rows([_row(0, overdue=True), _row(1)])
    assert model.data(model.index(0, 6)) == "1/3"
    assert model.data(model.index(0, 7)) != "" and model.data(model.index(1, 7)) == ""
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(1, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(model.index(1, 0), Qt.ItemDataRole.UserRole) == 1


def test_the_whole_list_after_its_first_page_keeps_the_view() -> None:
    model = SessionTableModel()
    resets: list[int] = []
    inserted: list[tuple[int, int]] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    everything = [_row(i) for i in range(1_000)]
    model.set_rows(everything[:BATCH])  # the first page, painted at once
    assert resets == [1] and model.rowCount() == BATCH and not model.canFetchMore(QModelIndex())
    model.set_rows(everything)  # the whole list: no reset, the rest fetched as the view scrolls
    assert resets == [1] and model.total() == 1_000 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * BATCH and inserted == [(BATCH, 2 * BATCH - 1)]
    changed = [dict(r) for r in everything]
    changed[3]["sealed"] = 2  # a change in a row on screen: shown afresh
    model.set_rows(changed)
    assert resets == [1, 1]
    assert model.row(3)["sealed"] == 2
    short = [_row(i) for i in range(50)]
    model.set_rows(short)
    assert model.rowCount() == 50
