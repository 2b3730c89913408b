import tomllib
from pathlib import Path

import desktop


def test_the_package_version_is_the_project_version() -> None:
    pyproject = Path(__file__).resolve().parents[3] / "pyproject.toml"
    with pyproject.open("rb") as fh:
        assert desktop.__version__ == tomllib.load(fh)["project"]["version"]
