"""End to end through the real program: a five-department clue-disposal session from create to DECIDED,
with one dissent and one recusal, and every refusal on the way exiting 2 with nothing changed.

Three commands run as separate processes (``python main.py``: the entry point, an exit 0, an exit 2 with its
message and nothing changed, and --json output); the rest go through the same ``main.main`` in this process,
which parses and runs them exactly so, without a Python start per command."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import file_hashes, run_cli, run_cli_in_process

PASS = "e2e-pass-1234"
ENV = {"HUISHEN_PASSPHRASE": PASS, "HUISHEN_NEW_PASSPHRASE": PASS}
DEPTS = {"一室": "甲", "二室": "乙", "三室": "丙", "审理室": "丁", "信访室": "戊"}


def reasons(who: str) -> str:
    return f"{who}部门经审查认为：该线索反映的问题具体，时间、地点、金额等要素明确，与已掌握情况能够相互印证，具备核查条件。"


def test_scripted_session(tmp_path: Path) -> None:
    store = str(tmp_path / "store")

    def run(user: str, *args: str, ok: int = 0) -> str:
        r = run_cli_in_process("--store", store, "--user", user, *args, env=ENV)
        assert r.returncode == ok, (args, r.stdout, r.stderr)
        if ok == 2:
            assert "Traceback" not in r.stderr and r.stderr.strip()
        return r.stdout

    def refused(user: str, *args: str, needle: str, subprocess: bool = False) -> None:
        before = file_hashes(Path(store))
        r = (run_cli if subprocess else run_cli_in_process)("--store", store, "--user", user, *args, env=ENV)
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        assert needle in r.stderr, r.stderr
        after = file_hashes(Path(store))
        assert after == before, f"{args} changed the store"

    assert run_cli("--store", store, "init", "--admin", "管理员", env=ENV).returncode == 0
    for name, role, dept in [
        ("主持人", "chair", None),
        ("监督员", "custodian", None),
        ("记录员", "clerk", None),
        ("审计员", "auditor", None),
        ("保密员", "security_officer", None),
        *[(r, "reviewer", d) for d, r in DEPTS.items()],
    ]:
        extra = ["--department", dept] if dept else []
        run("管理员", "user", "add", name, "--role", role, *extra)
    # Content roles take effect when the security officer countersigns them (三员分立).
    refused("主持人", "session", "list", needle="session_list")
    pending = json.loads(run("保密员", "--json", "user", "pending"))
    assert {p["account"] for p in pending} == {"主持人", "监督员", "记录员", *DEPTS.values()}
    refused("保密员", "user", "authorise", "主持人", needle="user passwd")  # still the administrator's passphrase
    for p in pending:
        run(p["account"], "user", "passwd")  # each person sets their own (here: the same test passphrase)
        own = json.loads(run(p["account"], "--json", "whoami"))["fingerprint"]  # read aloud to the officer
        assert own != p["fingerprint"]  # the first change replaced the identity the administrator's program made
        refused("保密员", "user", "authorise", p["account"], "--fingerprint", p["fingerprint"], needle="fingerprint")
        run("保密员", "user", "authorise", p["account"], "--fingerprint", own)
        run("保密员", "user", "clearance", p["account"], "秘密")  # 涉密人员定级, before any 秘密 session
    assert json.loads(run("保密员", "--json", "user", "pending")) == []

    out = run(
        "主持人",
        "--json",
        "session",
        "create",
        "--kind",
        "clue_disposal",
        "--title",
        "关于某局长问题线索的处置",
        "--ref",
        "纪线〔2026〕1号",
        "--classification",
        "秘密",
        "--term",
        "1年",
        "--department",
        *DEPTS,
        "--chair",
        "主持人",
        "--custodian",
        "监督员",
        "--clerk",
        "记录员",
    )
    sid = str(json.loads(out)["id"])
    # the custodian has no round key yet (a separate process: exit 2, the reason on stderr, nothing changed)
    refused("主持人", "session", "open", sid, needle="keys issue", subprocess=True)
    issued = json.loads(run("监督员", "--json", "keys", "issue", "--count", "3"))
    assert issued["issued"] == 3 and issued["unused"] == 3 and len(set(issued["keys"])) == 3
    run("主持人", "session", "open", sid)

    run("甲", "opinion", "seal", sid, "--position", "初步核实", "--reasoning", reasons("甲"), "--no-conflict")
    refused(
        "乙",
        "opinion",
        "seal",
        sid,
        "--position",
        "初步核实",
        "--reasoning",
        "同意承办部门意见。无意见。同意。",
        "--no-conflict",
        needle="",
    )  # stock phrases
    refused("乙", "opinion", "seal", sid, "--position", "初步核实", "--reasoning", reasons("乙"), needle="recusal")
    refused(
        "甲",
        "opinion",
        "seal",
        sid,
        "--position",
        "谈话函询",
        "--reasoning",
        reasons("甲") + "改",
        "--no-conflict",
        needle="already sealed",
    )  # editing after seal
    run(
        "乙",
        "opinion",
        "seal",
        sid,
        "--position",
        "初步核实",
        "--reasoning",
        reasons("乙"),
        "--no-conflict",
        "--facts",
        "调取了招投标档案",
    )
    run(
        "丙",
        "opinion",
        "seal",
        sid,
        "--position",
        "谈话函询",
        "--reasoning",
        "举报情节多为传闻，缺少具体时间地点，建议先行谈话函询，由本人说明情况后再研判，以免打草惊蛇或冤枉干部。",
        "--no-conflict",
    )
    run("丁", "opinion", "seal", sid, "--conflict", "本人与被反映人系大学同学")
    board = json.loads(run("主持人", "--json", "session", "board", sid))
    assert board["participants"][3]["state"] == "recusal_requested"  # takes effect when the chair approves
    refused("丙", "recusal", "decide", sid, "--department", "审理室", "--approve", needle="")  # not the chair
    run("主持人", "recusal", "decide", sid, "--department", "审理室", "--approve", "--reason", "回避理由成立")
    refused("主持人", "session", "reveal", sid, needle="collecting")  # early reveal
    refused(
        "主持人", "chair-opinion", sid, "--position", "初步核实", "--reasoning", reasons("主持人"), needle=""
    )  # early chair opinion
    for peeker in ("主持人", "监督员", "记录员", "乙", "管理员", "审计员"):
        refused(peeker, "opinion", "show", sid, "--department", "一室", needle="")
        refused(peeker, "tally", sid, needle="")
    board = json.loads(run("主持人", "--json", "session", "board", sid))
    assert [p["state"] for p in board["participants"]] == ["sealed", "sealed", "sealed", "recused", "pending"]
    assert "reasoning" not in json.dumps(board) and "初步核实" not in json.dumps(board, ensure_ascii=False)
    run("戊", "opinion", "seal", sid, "--position", "初步核实", "--reasoning", reasons("戊"), "--no-conflict")

    refused("主持人", "session", "reveal", sid, needle="监督员")  # waiting for the custodian's release
    released = json.loads(run("监督员", "--json", "session", "release", sid))  # in the custodian's own session
    assert released["released"] is True
    r = run_cli("--store", store, "--user", "主持人", "--json", "session", "reveal", sid, env=ENV)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["opened"] == 4

    tally = json.loads(run("记录员", "--json", "tally", sid))
    item = tally["items"][0]
    assert item["counts"]["初步核实"] == 3 and not tally["final"] and tally["recused"] == ["审理室"]
    assert [d["department"] for d in item["dissent"]] == ["三室"]
    run("主持人", "chair-opinion", sid, "--position", "初步核实", "--reasoning", reasons("主持人"))
    tally = json.loads(run("主持人", "--json", "tally", sid))
    assert tally["final"] and tally["items"][0]["outcome"] == "passed"
    run("主持人", "decide", sid, "--text", "予以初步核实，由一室牵头办理，三个月内报告结果。")
    shown = json.loads(run("记录员", "--json", "session", "show", sid))
    assert shown["status"] == "decided" and shown["decision"]["text"].startswith("予以初步核实")
    own = run("丙", "opinion", "show", sid)
    assert "谈话函询" in own
    assert run("审计员", "audit", "verify").startswith("ok: ")
