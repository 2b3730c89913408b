"""Atelier: a desktop client for freelancers on a freelance marketplace."""

# Kept equal to pyproject.toml's version by tests/unit/app/test_version.py. A literal, because reading the
# installed metadata (importlib.metadata) costs about 25 ms of every cold start.
__version__ = "0.1.0"

# Reverse-DNS id shared by the desktop entry, the AppStream metainfo, the icon name, the macOS bundle and the
# window's desktop-file name (build_installer.py reads it from here). Changing it later orphans existing
# desktop integrations, so it is fixed once.
APP_ID = "app.atelier.Atelier"
