"""The Upwork-shaped test marketplace: a real local GraphQL server that behaves like Upwork where it matters.

Upwork has no sandbox ("We don't currently provide a test environment for Upwork API", support.upwork.com
section 115004138927), so the app's Upwork adapter and `atelier --demo upwork` run against this server.
`UpworkSandboxServer` (harness.py) runs it on loopback; `python -m desktop.sandbox.upwork` in the foreground.
"""

from __future__ import annotations

CLIENT_ID = "atelier-demo-key"
CLIENT_SECRET = "atelier-demo-secret"
DEMO_EMAIL = "freelancer@upwork.test"
DEMO_PASSWORD = "demo"

__all__ = ["CLIENT_ID", "CLIENT_SECRET", "DEMO_EMAIL", "DEMO_PASSWORD"]
