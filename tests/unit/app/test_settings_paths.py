import stat
from pathlib import Path

from desktop.paths import AppPaths
from desktop.settings import Settings


def test_basedir_keeps_every_file_under_one_folder(tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path).ensure()
    for folder in (paths.config, paths.data, paths.cache, paths.logs):
        assert folder.is_dir() and tmp_path in folder.parents
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_each_account_and_server_gets_its_own_cache(tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path)
    a = paths.account_db("https://one.example", "ada@example.com")
    assert a == paths.account_db("https://one.example/", "ada@example.com")
    assert a != paths.account_db("https://two.example", "ada@example.com")
    assert a != paths.account_db("https://one.example", "bob@example.com")


def test_settings_round_trip_and_survive_a_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    assert Settings.load(path) == Settings()
    Settings(server_url="https://m.example", account="ada@example.com").save(path)
    assert Settings.load(path).server_url == "https://m.example"
    path.write_text("{not json")
    assert Settings.load(path) == Settings()
    path.write_text('{"server_url": 42, "account": "x", "unknown": 1}')
    loaded = Settings.load(path)
    assert loaded.server_url == "" and loaded.account == "x"
