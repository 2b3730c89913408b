"""The reference marketplace server (FastAPI + SQLite). Imports nothing of the client.

    python -m desktop.sandbox --port 8765            # standalone, simulator on, demo@atelier.test / demo
    python -m desktop.sandbox --dump-openapi resources/openapi.json

In-process (tests, --demo): ``desktop.sandbox.harness.SandboxServer``. The wire contract is CONTRACT.md;
resources/openapi.json is the committed snapshot of this server's schema.
"""
