from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Callable

import pytest
from lintkit import write_vault

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

Run = Callable[..., tuple[int, str, str]]
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "vault"

WARN_ONLY = {"A.md": "[[Stub]]\n", "B.md": "[[A]]\n"}
WITH_ERROR = {**WARN_ONLY, "C.md": "![[gone.png]]\n"}


def test_example_vault_is_clean(run: Run) -> None:
    assert run("lint", EXAMPLE) == (0, "", "")


def test_exit_codes(tmp_path: Path, run: Run) -> None:
    warn_only = write_vault(tmp_path / "w", WARN_ONLY)
    assert run("lint", warn_only)[0] == 0
    assert run("lint", warn_only, "--strict")[0] == 1
    assert run("lint", write_vault(tmp_path / "e", WITH_ERROR))[0] == 1


def test_usage_and_configuration_errors_exit_2_in_one_line(tmp_path: Path, run: Run) -> None:
    assert run("lint", tmp_path / "missing") == (2, "", f"Error: vault not found: {tmp_path / 'missing'}\n")
    vault = write_vault(tmp_path / "v", WARN_ONLY)
    code, out, err = run("lint", vault, vault / "nope.md")
    assert (code, out, err) == (2, "", f"Error: no such file: {vault / 'nope.md'}\n")
    (vault / ".vaultnet.toml").write_text('[rules]\nunresolved-link = "loud"\n')
    code, out, err = run("lint", vault)
    assert code == 2 and out == "" and len(err.splitlines()) == 1 and "Traceback" not in err
    assert "unresolved-link" in err
    (vault / ".vaultnet.toml").write_text("rules = [\n")
    code, _, err = run("lint", vault)
    assert code == 2 and len(err.splitlines()) == 1
    assert run("lint", vault, "--format", "xml")[0] == 2


def test_unknown_configuration_keys_and_rules_warn(tmp_path: Path, run: Run) -> None:
    vault = write_vault(
        tmp_path / "v", {**WARN_ONLY, ".vaultnet.toml": 'colour = "red"\n[rules]\nunresolved-links = "off"\n'}
    )
    code, out, err = run("lint", vault)
    assert code == 0
    assert "unknown configuration key 'colour'" in err
    assert "warning: unknown rule 'unresolved-links' in [rules] (did you mean 'unresolved-link'?)" in err
    assert run("-q", "lint", vault) == (0, out, "")


def test_config_file_option(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", WITH_ERROR)
    config = tmp_path / "strict.toml"
    config.write_text('[rules]\nunresolved-link = "error"\nmissing-attachment = "off"\n')
    code, out, _ = run("lint", vault, "--config", config)
    assert code == 1
    assert out == "A.md:1:1: error unresolved-link no note named 'Stub': [[Stub]] does not resolve\n"


def test_files_are_reported_alone_and_paths_outside_the_vault_skipped(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    vault = write_vault(repo / "notes", WITH_ERROR)
    (repo / "README.md").write_text("[[x]]\n")
    monkeypatch.chdir(repo)
    code, out, _ = run("lint", "notes", "notes/B.md", "notes/C.md", "README.md")
    assert (code, out) == (1, "C.md:1:1: error missing-attachment no embedded file 'gone.png' in the vault: ![[gone.png]]\n")
    # Without a VAULT argument the current folder is the vault.
    monkeypatch.chdir(vault)
    code, out, _ = run("lint", "A.md")
    assert (code, out) == (0, "A.md:1:1: warning unresolved-link no note named 'Stub': [[Stub]] does not resolve\n")
    assert run("lint", ".", ".")[0] == 1  # the vault itself: everything
    # A file typed relative to the vault, from outside it, is found there.
    monkeypatch.chdir(repo)
    assert run("lint", "notes", "C.md") == run("lint", "notes", "notes/C.md")
    assert run("lint", "notes", "C.md")[1].startswith("C.md:1:1: error missing-attachment")


def test_config_command_toml_and_json(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {".vaultnet.toml": 'language = "en"\n[rules]\nalias-link = "warning"\n'})
    code, out, err = run("config", vault)
    assert code == 0 and err == ""
    assert out.startswith(f"# effective vaultnet configuration; from {vault.resolve() / '.vaultnet.toml'}\n")
    shown = tomllib.loads(out)
    assert shown["language"] == "en"
    assert shown["rules"]["alias-link"] == "warning"
    assert shown["rules"]["unresolved-link"] == "warning"
    assert shown["rules"]["missing-attachment"] == "error"
    # The TOML output is itself a valid configuration (no unknown keys).
    (tmp_path / "again.toml").write_text(out, encoding="utf-8")
    code, again, err = run("config", vault, "--config", tmp_path / "again.toml")
    assert err == "" and tomllib.loads(again) == shown

    code, out, _ = run("config", vault, "--format", "json")
    data = json.loads(out)
    assert data["source"].endswith(".vaultnet.toml") and data["rules"]["alias-link"] == "warning"


def test_config_command_defaults_and_errors(tmp_path: Path, run: Run) -> None:
    (tmp_path / ".git").mkdir()
    code, out, _ = run("config", tmp_path)
    assert code == 0 and out.startswith("# effective vaultnet configuration; from the defaults\n")
    assert run("config", tmp_path / "missing")[0] == 2


def test_every_command_has_help(run: Run) -> None:
    for command in ("lint", "config"):
        code, out, _ = run(command, "--help")
        assert code == 0 and "Usage: vaultnet " + command in out


def test_colour_only_on_the_severity_word(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {"Note: error here.md": "![[gone.png]]\n"})
    _, out, _ = run("--color", "always", "lint", vault)
    assert out == (
        "Note: error here.md:1:1: \x1b[31m\x1b[1merror\x1b[0m missing-attachment "
        "no embedded file 'gone.png' in the vault: ![[gone.png]]\n"
    )
    assert "\x1b" not in run("--color", "never", "lint", vault)[1]
