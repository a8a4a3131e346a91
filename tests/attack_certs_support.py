"""Shared steps of the attacks on the certificate model and on the dossier's signed text
(tests/test_attack_certs.py, tests/test_attack_dossier_text.py)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from app import cert_requests, certs
from app.opinion_form import OpinionForm
from app.sessions import chair
from tests.cast import Cast

DECISION = "经会审，对该线索予以初步核实。"


def _key(cast: Cast) -> bytes:
    return cast("管理员").store.db_key


def _issue_clerk(cast: Cast) -> None:
    certs.init_ca(cast("保密员"), "某市纪委监委")
    cert_requests.request(cast("记录员"))
    cert_requests.issue(cast("保密员"), "记录员")


def _decided(cast: Cast) -> int:
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    cast.seal(sid, "乙", position="谈话函询")
    cast.seal(sid, "丙")
    cast.reveal(sid)
    text = "主持人意见：经认真研究，同意多数部门意见，该线索反映问题具体，依规依纪开展初步核实工作。"
    chair.chair_position(cast("主持人"), sid, OpinionForm(positions={1: "初步核实"}, reasoning=text))
    chair.decide(cast("主持人"), sid, DECISION)
    return sid


def _export_altered(
    cast: Cast,
    sid: int,
    out: Path,
    monkeypatch: pytest.MonkeyPatch,
    alter_content: Any = None,
    alter_manifest: Any = None,
) -> dict[str, Any]:
    """The clerk's own program, changed: the genuine export path (own certificate, own TSA, recorded in the log),
    but the pages are laid out from altered content and/or the manifest is altered before signing."""
    from app.dossier import data as dossier_data
    from app.dossier import layout

    real_render, real_manifest = layout.render, dossier_data.manifest

    def render(content: dict[str, Any]) -> bytes:
        altered = copy.deepcopy(content)
        if alter_content is not None:
            alter_content(altered)
        pdf = real_render(altered)
        # what layout adds (page count, ...) goes back; the texts the manifest carries stay genuine
        content.update({k: v for k, v in altered.items() if k not in ("opinions", "session", "earlier_rounds")})
        return pdf

    def manifest(content: dict[str, Any]) -> dict[str, Any]:
        m = real_manifest(content)
        if alter_manifest is not None:
            alter_manifest(m)
        return m

    from app.dossier import service

    with monkeypatch.context() as mp:
        mp.setattr(layout, "render", render)
        mp.setattr(dossier_data, "manifest", manifest)
        return service.export(cast("记录员"), sid, out)


def _verify_both(cast: Cast, path: Path, who: str = "审计员") -> tuple[Any, Any]:
    from app.dossier import service

    ca_pem = certs.export_ca_pem(cast(who)).encode()
    return service.verify(path, [ca_pem]), service.verify(path, [], cast(who))


def _opinion_of(content: dict[str, Any], author: str) -> dict[str, Any]:
    return next(o for o in content["opinions"] if o["author"] == author)


def _unsigned(cast: Cast, sid: int) -> tuple[bytes, dict[str, Any]]:
    from app.dossier import data as dossier_data
    from app.dossier import layout

    content = dossier_data.collect(cast("记录员"), sid, None)
    pdf = layout.render(content)
    return pdf, dossier_data.manifest(content)
