"""Atelier: a desktop client for freelancers on a freelance marketplace."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("atelier")
except PackageNotFoundError:  # running from a checkout without installation
    __version__ = "0.0.0+local"
