"""The home screen's task list (views.my_work) through a session's whole life: each account sees exactly the
task its part and the session's state give it — read lazily (issue 16), so the test pins every task kind."""

from __future__ import annotations

from app.opinion_form import OpinionForm
from app.sessions import chair, opinions, views
from tests.cast import Cast, reasoning


def _tasks(cast: Cast, who: str, sid: int) -> set[str]:
    return {w["task"] for w in views.my_work(cast(who)) if w["id"] == sid}


def test_each_part_gets_its_task_at_each_stage(cast: Cast) -> None:
    sid = cast.create(n=3)
    assert _tasks(cast, "主持人", sid) == {"to_open"}
    assert _tasks(cast, "甲", sid) == set() and _tasks(cast, "记录员", sid) == set()
    from app.sessions import lifecycle

    lifecycle.open_session(cast("主持人"), sid)
    assert _tasks(cast, "主持人", sid) == set()
    assert _tasks(cast, "甲", sid) == {"to_draft"}
    opinions.save_draft(cast("乙"), sid, OpinionForm(positions={1: "初步核实"}, reasoning=reasoning("乙")))
    assert _tasks(cast, "乙", sid) == {"to_seal"}
    for name in ("甲", "乙", "丙"):
        cast.seal(sid, name)
    assert _tasks(cast, "甲", sid) == set()
    assert _tasks(cast, "主持人", sid) == {"to_reveal"}
    assert _tasks(cast, "监督员", sid) == {"to_release"}
    cast.reveal(sid)
    assert _tasks(cast, "主持人", sid) == {"to_state"}
    assert _tasks(cast, "监督员", sid) == set()
    chair.chair_position(cast("主持人"), sid, OpinionForm(positions={1: "初步核实"}, reasoning=reasoning("主持人")))
    assert _tasks(cast, "主持人", sid) == {"to_decide"}
    chair.decide(cast("主持人"), sid, "经会审，对该线索予以初步核实。")
    assert _tasks(cast, "主持人", sid) == set()
    assert _tasks(cast, "记录员", sid) == {"to_archive"}
