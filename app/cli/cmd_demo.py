"""demo: fill a store with realistic example sessions in every state."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from app.cli.common import Output, unlocked
from app.i18n import tr

if TYPE_CHECKING:
    from app import demo, store
else:
    from app.lazy import lazy

    demo = lazy("app.demo")
    store = lazy("app.store")


def cmd_demo(args: argparse.Namespace, out: Output) -> int:
    if store.exists(args.store):
        with unlocked(args) as ctx:
            made = demo.populate(ctx)
    else:
        ctx, admin = demo.create_store(args.store)
        try:
            made = [admin, *demo.populate(ctx)]
        finally:
            ctx.close()
    lines = [tr("Demo data created in {path}. Accounts:").format(path=args.store)]
    lines += [
        f"  {m['name']:<6} {', '.join(m['roles']):<18} {m['department'] or '':<10} {m['passphrase']}" for m in made
    ]
    out.result(made, lines)
    return 0


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("demo", parents=[parent], help=tr("create example accounts and sessions"))
    p.set_defaults(func=cmd_demo)
