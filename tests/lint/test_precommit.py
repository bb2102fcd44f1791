"""A real pre-commit run: a git repository holding a vault, the hooks of this checkout's
`.pre-commit-hooks.yaml`, a commit that breaks a link (rejected, finding printed) and a clean
commit (accepted).

The hooks are used as a `repo: local` copy of the manifest with `language: system` and this
interpreter as the entry, so the test needs no network (pre-commit would otherwise pip-install
the checkout); every other field (files, pass_filenames, always_run, require_serial) is the
manifest's own.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import vaultnet

CHECKOUT = Path(vaultnet.__file__).resolve().parents[1]
MANIFEST = CHECKOUT / ".pre-commit-hooks.yaml"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
]

VAULT = {
    "Резюме.md": "# Опыт\n",
    "Карьера.md": "См. [[Резюме]].\n",
    "Собеседования.md": "Готовлюсь: [[Резюме#Опыт]].\n",
}


def git(repo: Path, *args: str, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, text=True, capture_output=True, check=check
    )


def local_hooks(vault_folder: str) -> str:
    hooks = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    for hook in hooks:
        assert hook["entry"] == "vaultnet lint"
        hook["entry"] = f"{sys.executable} -m vaultnet lint"
        hook["language"] = "system"
        hook.pop("minimum_pre_commit_version", None)
        if vault_folder:
            hook["args"] = [vault_folder]
            if hook.get("pass_filenames", True):
                hook["files"] = f"^{vault_folder}/.*" + hook["files"]
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]}, allow_unicode=True)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PYTHONPATH=os.pathsep.join(filter(None, [str(CHECKOUT), env.get("PYTHONPATH")])),
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
        GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com",
        GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1",
    )
    env.pop("GIT_DIR", None)
    env.pop("GIT_INDEX_FILE", None)
    return env


def make_repo(root: Path, vault_folder: str, env: dict[str, str]) -> Path:
    root.mkdir()
    git(root, "init", "-q", "-b", "main", env=env)
    vault = root / vault_folder if vault_folder else root
    for name, text in VAULT.items():
        (vault / name).parent.mkdir(parents=True, exist_ok=True)
        (vault / name).write_text(text, encoding="utf-8")
    (root / ".pre-commit-config.yaml").write_text(local_hooks(vault_folder), encoding="utf-8")
    (root / "README.md").write_text("A repository with a vault in it. [[Not a vault link]]\n")
    subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"], cwd=root, env=env, check=True,
        capture_output=True,
    )
    return vault


@pytest.mark.parametrize("vault_folder", ["", "notes"], ids=["vault-is-root", "vault-in-folder"])
def test_commit_is_rejected_for_a_broken_link_and_accepted_when_clean(
    tmp_path: Path, env: dict[str, str], vault_folder: str
) -> None:
    repo = tmp_path / "repo"
    vault = make_repo(repo, vault_folder, env)
    git(repo, "add", "-A", env=env)
    clean = git(repo, "commit", "-m", "clean vault", env=env, check=False)
    assert clean.returncode == 0, clean.stdout + clean.stderr

    (vault / "Карьера.md").write_text("См. [[Резюмэ]].\n", encoding="utf-8")
    git(repo, "add", "-A", env=env)
    broken = git(repo, "commit", "-m", "typo", env=env, check=False)
    assert broken.returncode != 0
    finding = (
        "Карьера.md:1:5: error unresolved-link no note named 'Резюмэ': [[Резюмэ]] does not "
        "resolve; did you mean [[Резюме]]?"
    )
    assert finding in broken.stdout + broken.stderr
    assert git(repo, "log", "--format=%s", env=env).stdout.split() == ["clean", "vault"]

    (vault / "Карьера.md").write_text("См. [[Резюме]] и [[Новая заметка]].\n", encoding="utf-8")
    git(repo, "add", "-A", env=env)
    fixed = git(repo, "commit", "-m", "fixed", env=env, check=False)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr


def test_whole_vault_hook_catches_a_deleted_note(tmp_path: Path, env: dict[str, str]) -> None:
    repo = tmp_path / "repo"
    vault = make_repo(repo, "notes", env)
    # Make every unresolved link an error, as a team that never leaves stubs would.
    (vault / ".vaultnet.toml").write_text('[rules]\nunresolved-link = "error"\n', encoding="utf-8")
    git(repo, "add", "-A", env=env)
    assert git(repo, "commit", "-m", "clean", env=env, check=False).returncode == 0

    git(repo, "rm", "-q", "notes/Резюме.md", env=env)
    deleted = git(repo, "commit", "-m", "delete", env=env, check=False)
    assert deleted.returncode != 0
    output = deleted.stdout + deleted.stderr
    assert "Карьера.md:1:5: error unresolved-link no note named 'Резюме'" in output
    assert "Собеседования.md:1:12: error unresolved-link" in output
