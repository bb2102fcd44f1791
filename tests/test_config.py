from __future__ import annotations

from pathlib import Path

import pytest

from vaultnet.config import Config, find_config_file, load_config
from vaultnet.errors import ConfigError, VaultnetError


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_any_file(tmp_path: Path) -> None:
    config, warnings = load_config(tmp_path)
    assert config == Config()
    assert warnings == []
    assert config.report_folder == "vaultnet"
    assert config.language is None
    assert config.exclude == ()
    assert config.source is None


def test_dedicated_file_at_the_vault_root(tmp_path: Path) -> None:
    write(
        tmp_path / ".vaultnet.toml",
        """
exclude = ["Archive/", "*.tmp.md"]
report_folder = "./Отчёты/"
language = "ru"
max_file_bytes = 5000
[rules]
unresolved-link = "warning"
alias-link = "off"
[types.person]
tags = ["человек"]
folders = ["Люди"]
[cadence]
inner = 7
dormant = 0
""",
    )
    config, warnings = load_config(tmp_path)
    assert warnings == []
    assert config.exclude == ("Archive/", "*.tmp.md")
    assert config.report_folder == "Отчёты"
    assert config.language == "ru"
    assert config.max_file_bytes == 5000
    assert config.rules == {"unresolved-link": "warning", "alias-link": "off"}
    assert config.types == {"person": {"tags": ["человек"], "folders": ["Люди"]}}
    assert config.cadence == {"inner": 7, "dormant": None}
    assert config.source == str((tmp_path / ".vaultnet.toml").resolve())


def test_pyproject_found_walking_up(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.vaultnet]\nreport_folder = "reports"\n')
    write(tmp_path / "docs" / "pyproject.toml", "[tool.ruff]\nline-length = 100\n")
    vault = tmp_path / "docs" / "vault"
    vault.mkdir(parents=True)
    config, warnings = load_config(vault)
    assert config.report_folder == "reports"
    assert warnings == []
    found = find_config_file(vault)
    assert found == ((tmp_path / "pyproject.toml").resolve(), True)


def test_dedicated_file_beats_pyproject(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.vaultnet]\nreport_folder = "a"\n')
    write(tmp_path / ".vaultnet.toml", 'report_folder = "b"\n')
    assert load_config(tmp_path)[0].report_folder == "b"


def test_search_stops_at_the_git_root(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.vaultnet]\nreport_folder = "outer"\n')
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    vault = repo / "vault"
    vault.mkdir()
    assert load_config(vault)[0] == Config()


def test_explicit_file_overrides_discovery(tmp_path: Path) -> None:
    write(tmp_path / ".vaultnet.toml", 'report_folder = "found"\n')
    explicit = write(tmp_path / "elsewhere" / "my.toml", 'report_folder = "explicit"\n')
    assert load_config(tmp_path, explicit)[0].report_folder == "explicit"


def test_explicit_pyproject_reads_the_tool_table(tmp_path: Path) -> None:
    explicit = write(tmp_path / "x" / "pyproject.toml", '[tool.vaultnet]\nlanguage = "en"\n')
    assert load_config(tmp_path, explicit)[0].language == "en"
    empty = write(tmp_path / "y" / "pyproject.toml", "[project]\nname = 'x'\n")
    config, warnings = load_config(tmp_path, empty)
    assert config == Config()
    assert "no [tool.vaultnet]" in warnings[0]


def test_unknown_keys_warn_with_a_hint(tmp_path: Path) -> None:
    write(tmp_path / ".vaultnet.toml", 'exclud = ["x"]\ncolour = true\n')
    config, warnings = load_config(tmp_path)
    assert config.exclude == ()
    assert len(warnings) == 2
    assert "unknown configuration key 'exclud'" in warnings[0]
    assert "did you mean 'exclude'" in warnings[0]
    assert "'colour'" in warnings[1]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('report_folder = "../outside"', "outside the vault"),
        ('report_folder = "/abs/path"', "outside the vault"),
        ('report_folder = "a/../../b"', "outside the vault"),
        ('report_folder = "C:/Users"', "outside the vault"),
        ('report_folder = "."', "vault root"),
        ("report_folder = 3", "expected a folder path"),
        ('language = "de"', "language: expected one of"),
        ("max_file_bytes = -1", "max_file_bytes"),
        ("max_file_bytes = true", "max_file_bytes"),
        ('[rules]\nunresolved-link = "fatal"', "unresolved-link: expected one of"),
        ('rules = "off"', "expected a table"),
        ("exclude = [1]", "exclude: expected a list"),
        ('[types.person]\nfolders = ["../People"]', "person: '../People' is outside the vault"),
        ('[types]\nperson = "x"', "person: expected a table"),
        ('[cadence]\ninner = "weekly"', "inner: expected a number of days"),
        ("this is = not toml", "invalid TOML"),
    ],
)
def test_invalid_values_raise_one_line(tmp_path: Path, text: str, message: str) -> None:
    write(tmp_path / ".vaultnet.toml", text + "\n")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert ".vaultnet.toml" in str(caught.value)
    assert isinstance(caught.value, VaultnetError)


def test_missing_explicit_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="configuration file not found"):
        load_config(tmp_path, tmp_path / "nope.toml")


def test_language_auto_is_none(tmp_path: Path) -> None:
    write(tmp_path / ".vaultnet.toml", 'language = "auto"\n')
    assert load_config(tmp_path)[0].language is None


def test_exclude_matching_is_gitignore_style() -> None:
    config = Config(exclude=("Archive/", "*.tmp.md", "!keep.tmp.md", "Daily/**/old-*"))
    assert config.is_excluded("Archive", is_dir=True)
    assert config.is_excluded("Projects/Archive", is_dir=True)  # no leading `/`: any depth
    assert not config.is_excluded("Archive.md")
    assert config.is_excluded("x/y.tmp.md")
    assert not config.is_excluded("keep.tmp.md")
    assert config.is_excluded("Daily/2024/old-1.md")
    assert not Config().is_excluded("anything.md")


def test_to_dict_round_trips_through_the_file(tmp_path: Path) -> None:
    import json

    config = Config(
        exclude=("A/",),
        report_folder="R",
        rules={"b": "off", "a": "info"},
        cadence={"inner": 7, "dormant": None},
    )
    shown = config.to_dict()
    json.dumps(shown)  # JSON-able
    assert list(shown["rules"]) == ["a", "b"]
    assert shown["language"] == "auto"
    assert ".obsidian/" in shown["always_excluded"]
    lines = [
        'exclude = ["A/"]',
        'report_folder = "R"',
        "[rules]",
        'a = "info"',
        'b = "off"',
        "[cadence]",
        "inner = 7",
        "dormant = 0",
    ]
    write(tmp_path / ".vaultnet.toml", "\n".join(lines) + "\n")
    loaded, _ = load_config(tmp_path)
    assert loaded.to_dict() == shown


def test_configs_compare_and_hash_by_value() -> None:
    one = Config(rules={"a": "off"}, types={"person": {"tags": ["x"]}})
    two = Config(rules={"a": "off"}, types={"person": {"tags": ["x"]}})
    assert one == two and hash(one) == hash(two)
    assert one != Config() and len({one, two, Config()}) == 2


def test_network_settings_read_the_config(tmp_path: Path) -> None:
    from vaultnet.network.settings import settings_from

    write(
        tmp_path / ".vaultnet.toml",
        '[types.person]\ntags = ["#Контакт"]\nfolders = ["Люди/"]\n[cadence]\ninner = 10\n'
        '[kind_weights]\nmeeting = 2\n',
    )
    settings = settings_from(load_config(tmp_path)[0])
    assert settings.type_tags["person"] == ("контакт",)
    assert settings.type_folders["person"] == ("Люди",)
    assert settings.tier_cadence["inner"] == 10
    assert settings.kind_weights["meeting"] == 2.0
