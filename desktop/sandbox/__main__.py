"""python -m desktop.sandbox — run the reference marketplace server standalone, or dump its OpenAPI.

The marketplace lives in one SQLite file. With --db FILE it is kept: a restart on the same file resumes the
same world (jobs, proposals, chats, money and the simulator's week). Without --db the world is a temporary
file removed on exit: every restart starts from a freshly seeded marketplace.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .config import DEFAULT_PACE, DEFAULT_SIM_INTERVAL


def positive_number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"must be greater than 0: {text!r}")
    return value


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m desktop.sandbox",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        metavar="FILE",
        help="SQLite file of the marketplace, reused when it exists (restarts resume it). Without --db the "
        "marketplace is a temporary file: all its state (proposals, messages, money) is lost on restart",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jobs", type=int, default=2000, help="jobs to seed into a new database")
    parser.add_argument("--no-simulate", action="store_true", help="no new jobs, replies, ... over time")
    parser.add_argument(
        "--pace",
        type=positive_number,
        default=DEFAULT_PACE,
        metavar="FACTOR",
        help="how much faster than real time the simulated marketplace runs: simulated seconds per real "
        f"second (default {DEFAULT_PACE:g}: a freelancer's week in about 2.8 hours, a day in 24 minutes; "
        "1 = real time; 3600 = an hour a second, for tests). The week itself: about 4 new jobs an hour, "
        "2 to 3 invitations a day (they lapse after 4 days), proposals move over hours to days, "
        "clients answer within minutes to hours, money is 5 days in review then 5 days pending "
        "before it is available",
    )
    parser.add_argument(
        "--sim-interval",
        type=positive_number,
        default=DEFAULT_SIM_INTERVAL,
        metavar="SECONDS",
        help="real seconds between two looks of the simulator at its clock "
        f"(default {DEFAULT_SIM_INTERVAL:g})",
    )
    parser.add_argument("--keepalive", type=float, default=15.0, help="seconds between SSE ': ping' comments")
    parser.add_argument("--access-token-ttl", type=int, default=3600, help="seconds an access token lives")
    parser.add_argument(
        "--refresh-token-ttl", type=int, default=30 * 24 * 3600, help="seconds a refresh token lives"
    )
    parser.add_argument(
        "--refresh-grace", type=float, default=30.0, help="seconds a rotated refresh token keeps working"
    )
    parser.add_argument(
        "--dump-openapi", type=Path, metavar="PATH", help="write the OpenAPI document and exit"
    )
    return parser.parse_args(argv)


def dump_openapi(path: Path) -> None:
    from .app import create_app
    from .store import Store

    document = create_app(Store(":memory:")).openapi()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.dump_openapi:
        dump_openapi(args.dump_openapi)
        print(f"wrote {args.dump_openapi}")
        return 0

    import contextlib
    import tempfile

    with contextlib.ExitStack() as cleanup:
        if args.db is None:  # a throwaway world, removed on exit
            db_path = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix="atelier-sandbox-")))
            db_path /= "sandbox.sqlite3"
        else:
            db_path = args.db
            db_path.parent.mkdir(parents=True, exist_ok=True)
        return serve(args, db_path)


def serve(args: argparse.Namespace, db_path: Path) -> int:
    import asyncio
    import contextlib

    from .config import SandboxConfig
    from .faults import FaultController
    from .harness import build_uvicorn_server
    from .seed import DEMO_EMAIL, DEMO_PASSWORD, seed_database
    from .simulator import Simulator
    from .store import Store

    store = Store(db_path)
    if store.is_empty():
        report = seed_database(store, seed=args.seed, jobs=args.jobs)
        print(f"seeded {report.jobs} jobs (seed {args.seed}) in {report.seconds:.1f} s")
    config = SandboxConfig(
        seed=args.seed,
        simulate=not args.no_simulate,
        sim_interval=args.sim_interval,
        sim_pace=args.pace,
        keepalive_interval=args.keepalive,
        access_token_ttl=args.access_token_ttl,
        refresh_token_ttl=args.refresh_token_ttl,
        refresh_grace=args.refresh_grace,
    )
    server = build_uvicorn_server(
        store,
        config,
        args.host,
        args.port,
        FaultController(),
        Simulator(store, args.seed, args.sim_interval, args.pace),
    )
    print(f"Atelier sandbox on http://{args.host}:{args.port}  (database {db_path})")
    print(f"  freelancer: {DEMO_EMAIL} / {DEMO_PASSWORD}   (sign in from Atelier: Sign in to a marketplace,")
    print(f"              server http://{args.host}:{args.port})")
    print(f"  clients:    client1@atelier.test .. client6@atelier.test / {DEMO_PASSWORD}")
    week_hours = 7 * 24 / args.pace
    week = f"{week_hours:.3g} h" if week_hours >= 1 else f"{week_hours * 60:.3g} min"
    pace = f"pace {args.pace:g} (a simulated week takes {week})"
    print(f"  simulator:  {pace if config.simulate else 'off'}   Ctrl+C stops")
    if args.db is None:
        print("  no --db: this marketplace is temporary, a restart starts a new one (keep it with --db FILE)")
    sys.stdout.flush()
    try:
        # uvicorn re-raises the Ctrl+C it handled once the server is down; that is the normal way out here.
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(server.serve())
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
