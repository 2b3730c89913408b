import stat
from pathlib import Path

from desktop.paths import AppPaths
from desktop.settings import Settings


def test_basedir_keeps_every_file_under_one_folder(tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path).ensure()
    for folder in (paths.config, paths.data, paths.cache, paths.logs):
        assert folder.is_dir()
        assert tmp_path in folder.parents
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
    assert loaded.server_url == ""
    assert loaded.account == "x"


def test_accounts_signed_in_here_are_remembered_most_recent_first(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    settings = Settings()
    settings.remember_account("https://one.example/", "ada@example.com")
    settings.remember_account("https://two.example", "ada@example.com")
    settings.remember_account("https://one.example", "bob@example.com")
    settings.remember_account("https://one.example", "ada@example.com")  # used again: first once more
    settings.save(path)
    loaded = Settings.load(path)
    assert [(k.server_url, k.account) for k in loaded.known_accounts()] == [
        ("https://one.example", "ada@example.com"),
        ("https://one.example", "bob@example.com"),
        ("https://two.example", "ada@example.com"),
    ]
    assert (loaded.server_url, loaded.account) == ("https://one.example", "ada@example.com")

    loaded.forget_account("https://one.example", "ada@example.com")  # signed out of the current one
    assert loaded.account == ""
    assert [k.account for k in loaded.known_accounts()] == ["bob@example.com", "ada@example.com"]
    loaded.forget_account("https://two.example", "ada@example.com")  # another one: current unchanged
    assert [k.server_url for k in loaded.known_accounts()] == ["https://one.example"]


def test_account_list_from_an_older_or_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    # Written before the list existed: the current account becomes the list.
    path.write_text('{"server_url": "https://m.example", "account": "ada@example.com"}')
    assert [k.account for k in Settings.load(path).known_accounts()] == ["ada@example.com"]
    # Hand-edited garbage is skipped, not fatal.
    path.write_text('{"accounts": [42, {"server_url": "https://m.example"}, {"server_url": 1, "account": 1},'
                    ' {"server_url": "https://m.example", "account": "bob@example.com"}]}')
    assert [k.account for k in Settings.load(path).known_accounts()] == ["bob@example.com"]
    path.write_text('{"accounts": "nope"}')
    assert Settings.load(path).known_accounts() == []


def test_a_demo_pace_that_cannot_run_falls_back_to_the_default(tmp_path: Path) -> None:
    """A pace of 0 (or a negative interval) would stop the demo marketplace or fail to start it."""
    path = tmp_path / "settings.json"
    path.write_text('{"demo_pace": 0.0, "demo_sim_interval": -1.0}')
    loaded = Settings.load(path)
    assert loaded.demo_pace == Settings().demo_pace == 60.0
    assert loaded.demo_sim_interval == Settings().demo_sim_interval
    path.write_text('{"demo_pace": 3600.0}')
    assert Settings.load(path).demo_pace == 3600.0
