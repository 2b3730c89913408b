"""python -m desktop.sandbox.upwork — run the Upwork-shaped test marketplace in the foreground.

Without --db the state is in a temporary file and is lost on restart; with --db FILE an existing file is
reused as it is (seeded only when new).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import tempfile
from pathlib import Path

from . import CLIENT_ID, CLIENT_SECRET, DEMO_EMAIL, DEMO_PASSWORD


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m desktop.sandbox.upwork",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help="SQLite file, reused when it exists (default: a temp file, lost on restart)",
    )
    parser.add_argument("--seed", type=int, default=7, help="seed of a new database's world")
    parser.add_argument("--simulate", action="store_true", help="new jobs, client replies, proposal moves")
    parser.add_argument("--sim-interval", type=float, default=5.0, help="seconds between simulator steps")
    parser.add_argument("--access-token-ttl", type=float, default=86400, help="seconds an access token lives")
    parser.add_argument(
        "--old-refresh-grace",
        type=float,
        default=86400,
        help="seconds a rotated-out refresh token keeps working",
    )
    parser.add_argument("--rate-limit", type=float, default=10.0, help="requests per second per IP (0: off)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with contextlib.ExitStack() as cleanup:
        if args.db is None:
            db_path = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix="atelier-upwork-")))
            db_path /= "upwork.sqlite3"
        else:
            db_path = args.db
            db_path.parent.mkdir(parents=True, exist_ok=True)
        return serve(args, db_path)


def serve(args: argparse.Namespace, db_path: Path) -> int:
    from .config import UpworkConfig
    from .harness import build_uvicorn_server, open_shared

    config = UpworkConfig(
        seed=args.seed,
        simulate=args.simulate,
        sim_interval=args.sim_interval,
        access_token_ttl=args.access_token_ttl,
        old_refresh_grace=args.old_refresh_grace,
        rate_limit_per_second=args.rate_limit,
    )
    shared = open_shared(db_path, config)
    server = build_uvicorn_server(shared, args.host, args.port)
    url = f"http://{args.host}:{args.port}"
    print(f"Upwork sandbox on {url}  (database {db_path})")
    print(f"  GraphQL:    {url}/graphql")
    print(f"  authorize:  {url}/ab/account-security/oauth2/authorize    token: {url}/api/v3/oauth2/token")
    print(f"  demo key:   client_id={CLIENT_ID}  client_secret={CLIENT_SECRET}")
    print(f"  freelancer: {DEMO_EMAIL} / {DEMO_PASSWORD}   clients: client1@upwork.test .. / {DEMO_PASSWORD}")
    print(f"  simulator:  {f'every {args.sim_interval:.1f} s' if args.simulate else 'off'}   Ctrl+C stops")
    sys.stdout.flush()
    try:
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(server.serve())
    finally:
        shared.db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
