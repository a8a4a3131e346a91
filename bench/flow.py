"""The bench figures of one session's life (issue 16): seal, reveal + tally, dossier — each against its floor."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import ROOT, _best, _row, _text

# ---------------------------------------------------------------- seal, reveal + tally, dossier


def bench_session_flow(directory: Path, dossier_entries: int, log_sessions: int) -> None:
    """Seal (median of 50), reveal + tally of 30 departments, dossier of 50 opinions × 800 characters."""
    from app import accounts
    from app.opinion_form import OpinionForm, Recusal
    from app.sessions import chair, lifecycle, opinions, reveal, views
    from app.sessions.lifecycle import SessionSpec
    from bench.stores import PASS, raw, wide_cast

    wide_cast(directory, 50)
    ctxs: dict[str, Any] = {}

    def as_(name: str) -> Any:
        if name not in ctxs:
            ctxs[name] = accounts.open_account(directory, name, PASS)
        return ctxs[name]

    def session(n: int, ref: str) -> int:
        spec = SessionSpec(
            kind="clue_disposal",
            title="关于某某问题线索的处置",
            ref_number=ref,
            classification="秘密★1年",
            departments=[f"第{i + 1:02d}室" for i in range(n)],
            chair="主持人",
            custodians=["监督员"],
            clerks=["记录员"],  # need to know: the clerk who makes the dossier is named
        )
        sid = lifecycle.create(as_("主持人"), spec)
        lifecycle.open_session(as_("主持人"), sid)
        return sid

    positions = ["初步核实", "谈话函询", "初步核实", "暂存待查"]
    big = session(50, "BENCH-50")
    seals = []
    warm = []  # odd reviewers looked at the session first, as the program is used (its statements compiled)
    for i in range(50):
        form = OpinionForm(positions={1: positions[i % 4]}, reasoning=_text(i, 800))
        who = as_(f"审查员{i:02d}")
        if i % 2:
            views.board(who, big)
        t = time.perf_counter()
        opinions.seal_opinion(who, big, form, Recusal(False))
        (warm if i % 2 else seals).append(time.perf_counter() - t)
    ctx = as_("主持人")
    import sqlcipher3

    floor_db = directory / "floor.db"
    conn = sqlcipher3.connect(str(floor_db))
    conn.execute(f"PRAGMA key = \"x'{ctx.store.db_key.hex()}'\"")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)")
    conn.commit()
    blob = os.urandom(5_900)
    floors = []
    for _ in range(50):
        t = time.perf_counter()
        conn.execute("INSERT INTO t (b) VALUES (?)", (blob,))
        conn.commit()
        floors.append(time.perf_counter() - t)
    crypto_floors = _seal_crypto_floor(conn)
    conn.close()
    _row(
        "seal + commit one opinion, the program's first statement (median of 25, no KDF)",
        statistics.median(seals),
        statistics.median(floors),
        "≤ 1.5×",
    )
    _row(
        "seal + commit one opinion after the board was shown (median of 25, no KDF)",
        statistics.median(warm),
        statistics.median(floors),
        "≤ 1.5×",
    )

    _row(
        "seal after the board, against the seal's own cryptography + INSERT+COMMIT",
        statistics.median(warm),
        statistics.median(crypto_floors),
        "– (what no seal can skip)",
    )

    small = session(30, "BENCH-30")
    for i in range(30):
        form = OpinionForm(positions={1: positions[i % 4]}, reasoning=_text(i, 800))
        opinions.seal_opinion(as_(f"审查员{i:02d}"), small, form, Recusal(False))
    reveal.release(as_("监督员"), small)
    t = time.perf_counter()
    reveal.reveal(as_("主持人"), small, {})
    views.tally(as_("主持人"), small)
    took = time.perf_counter() - t
    from app.crypto import provider

    p = provider()
    pair = p.new_encryption_key()
    sealed = [p.seal(pair.public, _text(i, 800).encode() * 2, b"bench") for i in range(30)]
    t = time.perf_counter()
    for c in sealed:
        p.open(pair.private, c, b"bench")
    with open(directory / "fsync", "wb") as f:
        f.write(b"x" * 4096)
        f.flush()
        os.fsync(f.fileno())
    floor = time.perf_counter() - t
    _row("reveal + tally, 30 departments (minus KDF)", took, floor, "≤ 100 ms")

    reveal.release(as_("监督员"), big)
    reveal.reveal(as_("主持人"), big, {})
    chair.chair_position(as_("主持人"), big, OpinionForm(positions={1: "初步核实"}, reasoning=_text(99, 200)))
    chair.decide(as_("主持人"), big, "经集体研究，决定对该问题线索予以初步核实。")
    bench_dossier(directory, as_("记录员"), big)
    bench_dossier_log(as_("记录员"), big, dossier_entries)
    bench_check_log(as_, big, log_sessions)
    for c in ctxs.values():
        c.close()
    _ = raw


def _seal_crypto_floor(conn: Any) -> list[float]:
    """What a seal cannot skip, timed alone: the payload sealed (HPKE, ML-KEM-768 + X25519) in two layers, to the
    custodian's and the chair's round keys, and once more to the author; three Ed25519 signatures (the envelope,
    the recusal declaration, the audit entry); the rows written and committed (synchronous=FULL)."""
    from app.crypto import provider

    p = provider()
    chair, custodian, author, signer = (
        p.new_encryption_key(),
        p.new_encryption_key(),
        p.new_encryption_key(),
        p.new_signing_key(),
    )
    body = _text(0, 800).encode()
    payload = body + b"0" * (-len(body) % 1024)
    conn.execute("CREATE TABLE IF NOT EXISTS e (id INTEGER PRIMARY KEY, c BLOB, a BLOB, s BLOB, r BLOB, l BLOB)")
    conn.commit()
    times = []
    for _ in range(50):
        t = time.perf_counter()
        inner = p.seal(chair.public, payload, b"bench|layer0")
        outer = p.seal(custodian.public, inner, b"bench|layer1")
        copy = p.seal(author.public, payload, b"bench|author-copy")
        signatures = [p.sign(signer.private, p.hash(outer) + bytes(i)) for i in range(3)]
        conn.execute("INSERT INTO e (c, a, s, r, l) VALUES (?, ?, ?, ?, ?)", (outer, copy, *signatures))
        conn.commit()
        times.append(time.perf_counter() - t)
    return times


def _page_texts(pdf: bytes) -> list[list[str]]:
    """Every line of text each page of ``pdf`` prints (pypdfium2), page by page."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    try:
        pages = []
        for page in doc:
            text = page.get_textpage()
            pages.append([line for line in text.get_text_range().splitlines() if line.strip()])
            text.close()
            page.close()
        return pages
    finally:
        doc.close()


def _bare_pages(directory: Path, pages: list[list[str]], clerk: Any) -> None:
    """``pages`` (the dossier's own page text, line by line) set by bare ReportLab, one page each, and signed as
    the dossier is: the same amount of text, fonts and signature, none of the dossier's layout rules."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    from app import certs
    from app.dossier import longterm, signing

    font = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"
    pdfmetrics.registerFont(TTFont("BenchSong", str(font), subfontIndex=0))
    style = ParagraphStyle("b", fontName="BenchSong", fontSize=10, leading=13, wordWrap="CJK")
    story: list[Any] = []
    for lines in pages:
        story += [Paragraph(escape(line), style) for line in lines] + [PageBreak()]
    doc = SimpleDocTemplate(str(directory / "bare-pages.pdf"), pagesize=A4)
    doc.build(story)
    signing.sign(
        (directory / "bare-pages.pdf").read_bytes(), {}, certs.signing_material(clerk), None, longterm.material(clerk)
    )


def _bare_reportlab(directory: Path, texts: list[str]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    font = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"
    pdfmetrics.registerFont(TTFont("BenchSong", str(font), subfontIndex=0))
    style = ParagraphStyle("b", fontName="BenchSong", fontSize=16, leading=28, wordWrap="CJK")
    doc = SimpleDocTemplate(str(directory / "bare.pdf"), pagesize=A4)
    doc.build([Paragraph(t, style) for t in texts])


def _bare_signed(directory: Path, texts: list[str], clerk: Any) -> None:
    """The bare ReportLab file signed as a dossier is (PAdES B-LTA: the signature, its timestamp, the CA and
    revocation list in the DSS, a document timestamp; the same keys, through pyHanko)."""
    from app import certs
    from app.dossier import longterm, signing

    _bare_reportlab(directory, texts)
    signing.sign(
        (directory / "bare.pdf").read_bytes(), {}, certs.signing_material(clerk), None, longterm.material(clerk)
    )


def bench_dossier(directory: Path, clerk: Any, sid: int) -> None:
    from app.dossier import service

    ours = _best(lambda: service.build(clerk, sid), 3)
    texts = [_text(i, 800) for i in range(50)]
    floor = _best(lambda: _bare_reportlab(directory, texts), 3)
    _row("dossier export + sign, 50 opinions × 800 characters", ours, floor, "≤ 1.5×")
    signed = _best(lambda: _bare_signed(directory, texts, clerk), 3)
    _row("dossier, against the same text set bare and signed B-LTA", ours, signed, "– (what no dossier can skip)")
    pages = _page_texts(service.build(clerk, sid)[0])
    whole = _best(lambda: _bare_pages(directory, pages, clerk), 3)
    lines = sum(len(p) for p in pages)
    _row(
        f"dossier, against all its page text ({len(pages)} pages, {lines} lines) set bare and signed B-LTA",
        ours,
        whole,
        "– (the same text, none of the layout rules)",
    )


def bench_dossier_log(clerk: Any, sid: int, entries: int) -> None:
    from app.dossier import service
    from bench.stores import pad_audit_log

    small = _best(lambda: service.build(clerk, sid), 3)
    pad_audit_log(clerk, entries)
    service.build(clerk, sid)  # the registry catches up with the new entries once (verified in full): not timed
    large = _best(lambda: service.build(clerk, sid), 3)
    _row(f"dossier export with {entries:,} more audit entries (vs. without)", large, small, "independent of log size")


def bench_check_log(as_: Callable[[str], Any], sid: int, sessions: int) -> None:
    """The board after another account wrote (the session checked in full against its signed facts), on the log
    as it is and after the entries of ``sessions`` more sessions: a check reads its own session's facts, not
    the whole store's."""
    from app import audit
    from app.sessions import views
    from bench.stores import pad_audit_log

    reader, other = as_("审查员01"), as_("审查员02")

    def after_a_write() -> float:
        with other.store.transaction() as db:
            audit.append(db, other.actor, "account.unlock", f"account:{other.name}", {})
        t = time.perf_counter()
        views.board(reader, sid)
        return time.perf_counter() - t

    small = statistics.median(after_a_write() for _ in range(7))
    pad_audit_log(as_("主持人"), 2 * sessions, sessions=True)
    after_a_write()  # the registry feeds the new entries once (each verified in full): not timed
    large = statistics.median(after_a_write() for _ in range(7))
    _row(
        f"board, full facts check, with {sessions:,} more sessions in the log (vs. without)",
        large,
        small,
        "independent of the store's size",
    )
