"""Atelier: a desktop client for freelancers on a freelance marketplace."""

# Kept equal to pyproject.toml's version by tests/unit/app/test_version.py. A literal, because reading the
# installed metadata (importlib.metadata) costs about 25 ms of every cold start.
__version__ = "0.1.0"
