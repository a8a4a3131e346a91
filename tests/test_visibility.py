"""Visibility is proven, not assumed: before reveal no opinion plaintext reaches anyone but its author,
through any service call or command, in any state; and the store holds only ciphertext."""

from __future__ import annotations

import json
from typing import Any

import pytest

from app import cli
from app.errors import HuishenError
from app.opinion_form import OpinionForm
from app.sessions import opinions, views
from tests.cast import PASS, REVIEWERS, Cast, raw_db, reasoning

AUTHORS = REVIEWERS[:3]
EVERYONE = [*AUTHORS, "丁", "主持人", "监督员", "记录员", "管理员", "审计员", "保密员"]


def markers(author: str) -> list[str]:
    return [f"标记{author}号", f"草稿标记{author}"]


def _build(cast: Cast, state: str) -> int:
    sid = cast.create(n=3)
    if state == "draft":
        return sid
    from app.sessions import lifecycle

    lifecycle.open_session(cast("主持人"), sid)
    for author in AUTHORS:
        opinions.save_draft(cast(author), sid, OpinionForm({1: "暂存待查"}, reasoning=f"草稿标记{author}的草稿"))
    sealers = AUTHORS[:2] if state == "collecting" else AUTHORS
    for author in sealers:
        cast.seal(sid, author, text=reasoning(author))
    return sid


def _service_paths(sid: int) -> dict[str, Any]:
    return {
        "list": lambda c: views.list_sessions(c),
        "show": lambda c: views.show(c, sid),
        "board": lambda c: views.board(c, sid),
        "opinions": lambda c: views.opinions(c, sid),
        **{f"opinions:{d}": (lambda c, d=d: views.opinions(c, sid, department=d)) for d in ("一室", "二室", "三室")},
        "tally": lambda c: views.tally(c, sid),
        "own": lambda c: opinions.read_own_sealed(c, sid),
        "draft": lambda c: (opinions.load_draft(c, sid) or OpinionForm()).to_document(),
    }


def _cli_paths(sid: int) -> dict[str, list[str]]:
    s = str(sid)
    return {
        "cli:list": ["session", "list"],
        "cli:show": ["session", "show", s],
        "cli:board": ["session", "board", s],
        "cli:opinion": ["opinion", "show", s],
        **{f"cli:opinion:{d}": ["opinion", "show", s, "--department", d] for d in ("一室", "二室", "三室")},
        "cli:tally": ["tally", s],
        "cli:draft": ["opinion", "draft", s, "--show"],
        "cli:json-opinion": ["--json", "opinion", "show", s],
        "cli:json-tally": ["--json", "tally", s],
    }


@pytest.mark.parametrize("state", ["draft", "collecting", "sealed"])
def test_no_one_but_the_author_sees_an_opinion_before_reveal(
    cast: Cast, state: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sid = _build(cast, state)
    assert views.show(cast("主持人"), sid)["status"] == state
    monkeypatch.setenv("HUISHEN_PASSPHRASE", PASS)
    seen: dict[tuple[str, str], str] = {}
    refused = 0
    for who in EVERYONE:
        ctx = cast(who)
        for path, call in _service_paths(sid).items():
            try:
                seen[(who, path)] = json.dumps(call(ctx), ensure_ascii=False, default=str)
            except HuishenError:
                refused += 1
        for path, argv in _cli_paths(sid).items():
            status = cli.run(cli.parse(["--store", str(cast.directory), "--user", who, "--lang", "en", *argv]))
            captured = capsys.readouterr()
            seen[(who, path)] = captured.out + captured.err
            assert status in (0, 2), (who, path, captured)
    assert refused > 0
    for (who, path), text in seen.items():
        for author in AUTHORS:
            if author == who:
                continue
            for marker in markers(author):
                assert marker not in text, f"{who} saw {author}'s opinion through {path}"
    # and the authors do get their own back, so the check above is not vacuous
    if state != "draft":
        assert markers("甲")[0] in seen[("甲", "own")] and markers("甲")[0] in seen[("甲", "cli:opinion")]
    if state == "collecting":
        assert markers("丙")[1] in seen[("丙", "draft")]


def test_after_reveal_the_participants_read_and_the_three_admins_do_not(cast: Cast) -> None:
    sid = _build(cast, "sealed")

    cast.reveal(sid)
    for who in ("甲", "主持人", "监督员", "记录员"):
        text = json.dumps(views.opinions(cast(who), sid), ensure_ascii=False)
        assert all(markers(a)[0] in text for a in AUTHORS)
    for who in ("管理员", "审计员", "保密员", "丁"):
        with pytest.raises(HuishenError):
            views.opinions(cast(who), sid)
        with pytest.raises(HuishenError):
            views.tally(cast(who), sid)


@pytest.mark.parametrize("state", ["collecting", "sealed"])
def test_store_holds_no_opinion_plaintext_before_reveal(cast: Cast, state: str) -> None:
    sid = _build(cast, state)
    key = cast("主持人").store.db_key
    cast.close()
    with raw_db(cast.directory, key) as conn:
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        dump = bytearray()
        for table in tables:
            for row in conn.execute(f"SELECT * FROM {table}"):
                for value in row:
                    if isinstance(value, bytes):
                        dump += value
                    elif value is not None:
                        dump += str(value).encode("utf-8")
    assert "关于某某问题线索的处置".encode() in dump  # the session's title is stored: the dump is real
    for author in AUTHORS:
        for marker in markers(author):
            assert marker.encode() not in dump
    assert b"reasoning" not in dump
    assert sid
