"""The lint memo: the last whole-vault findings, reused only while the walk is unchanged."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

import pytest

from vaultkit import write_vault

from vaultnet.lint.memo import memo_path

OLD_NS = 1_600_000_000 * 10**9  # 2020: far from "now", so the stat is trusted, not racy
FILES = {
    "Alice.md": "---\naliases: [Al]\n---\n# Alice\nMet [[Bob#Work]] and [[Nobody]].\n",
    "Bob.md": "# Bob\n## Work\nSee [[Alice]] ^b1\n",
    "Carol.md": "Links [[Bob#^b1]] and [[Bob#^gone]].\n",
}
Run = Callable[..., tuple[int, str, str]]


def age(root: Path, stamp: int = OLD_NS) -> None:
    for folder, _, names in os.walk(root):
        if ".vaultnet" not in folder:
            for name in names:
                os.utime(os.path.join(folder, name), ns=(stamp, stamp))


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    root = tmp_path / "v"
    write_vault(root, FILES)
    age(root)
    return root


def test_an_unchanged_vault_reuses_the_findings_without_reading_a_note(
    vault: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = run("lint", vault, "--format", "json", "--no-cache")
    first = run("lint", vault, "--format", "json")
    assert memo_path(vault).is_file()

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("a note was parsed although nothing changed")

    monkeypatch.setattr("vaultnet.vault.parse_file", no_parsing)
    monkeypatch.setattr("vaultnet.cache.load_store", no_parsing)
    assert run("lint", vault, "--format", "json") == first == fresh
    assert fresh[0] == 0 and '"rule": "unresolved-link"' in fresh[1]


def test_lint_files_is_answered_from_the_memo_and_equals_a_fresh_run(
    vault: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("lint", vault, "--format", "json")
    for files in (["Carol.md"], ["Alice.md", "Bob.md"], ["Bob.md"]):
        args = [vault, *(vault / name for name in files)]
        expected = run("lint", *args, "--format", "json", "--no-cache")
        with monkeypatch.context() as patch:  # answered without loading the vault
            patch.setattr("vaultnet.vault.load_vault", _fail)
            assert run("lint", *args, "--format", "json") == expected


def _fail(*args: object, **kwargs: object) -> None:
    raise AssertionError("the vault was loaded although the memo could answer")


def test_an_edit_a_new_file_or_a_rename_is_a_miss(vault: Path, run: Run) -> None:
    run("lint", vault, "--format", "json")
    (vault / "Bob.md").write_text("# Bob\n", "utf-8")  # Work and ^b1 are gone
    age(vault, OLD_NS + 10**9)
    code, out, _ = run("lint", vault, "--format", "json")
    assert out.count('"rule": "missing-heading"') == 1 and out.count('"rule": "missing-block"') == 2
    (vault / "Nobody.md").write_text("", "utf-8")
    age(vault, OLD_NS + 2 * 10**9)
    assert "no note named 'Nobody'" not in run("lint", vault, "--format", "json")[1]
    (vault / "Nobody.md").rename(vault / "Somebody.md")
    assert "no note named 'Nobody'" in run("lint", vault, "--format", "json")[1]


def test_a_file_modified_just_now_is_linted_again_next_time(vault: Path, run: Run) -> None:
    # Its mtime tick may still move (coarse file systems): a same-size edit within the same
    # tick leaves the stat unchanged, so the memo must not trust it.
    bob = vault / "Bob.md"
    bob.write_text("# Bob\n## Work\nSee [[Alice]] ^b1\n", "utf-8")
    stamp = bob.stat().st_mtime_ns
    assert "missing-block" in run("lint", vault, "--format", "json")[1]  # only ^gone
    bob.write_text("# Bob\n## Work\nSee [[Alice]] ^b2\n", "utf-8")  # same size
    os.utime(bob, ns=(stamp, stamp))
    code, out, _ = run("lint", vault, "--format", "json")
    assert out.count('"rule": "missing-block"') == 2
    assert (code, out) == run("lint", vault, "--format", "json", "--no-cache")[:2]


def test_another_configuration_is_a_miss(vault: Path, run: Run) -> None:
    run("lint", vault, "--format", "json")
    (vault / ".vaultnet.toml").write_text('[rules]\nunresolved-link = "off"\n', "utf-8")
    code, out, _ = run("lint", vault, "--format", "json")
    assert '"unresolved-link"' not in out and '"missing-block"' in out


@pytest.mark.parametrize(
    "damage", [lambda blob: b"garbage", lambda blob: blob[:-1] + bytes([blob[-1] ^ 1])]
)
def test_a_damaged_memo_is_discarded_with_one_warning(
    vault: Path, run: Run, damage: Callable[[bytes], bytes]
) -> None:
    expected = run("lint", vault, "--format", "json", "--no-cache")
    run("lint", vault, "--format", "json")
    path = memo_path(vault)
    path.write_bytes(damage(path.read_bytes()))
    code, out, err = run("lint", vault, "--format", "json")
    assert (code, out) == expected[:2]
    assert err.count("\n") == 1 and err.startswith("warning: ") and memo_path(vault).name in err
    assert run("lint", vault, "--format", "json") == expected  # rewritten: quiet again


def test_fix_never_trusts_the_memo(vault: Path, run: Run) -> None:
    write_vault(vault, {"Dave.md": "[[Al]]\n"})
    age(vault)
    assert '"rule": "alias-link"' in run("lint", vault, "--format", "json")[1]
    # The memo holds the fixable finding; --fix must read the note and fix it for real.
    code, out, err = run("lint", vault, "--fix")
    assert (vault / "Dave.md").read_text("utf-8") == "[[Alice|Al]]\n"
    assert err.startswith("fixed 1 findings in 1 files\n")
    assert '"alias-link"' not in run("lint", vault, "--format", "json")[1]


def test_an_alias_edit_relints_the_other_claimants(vault: Path, run: Run) -> None:
    run("lint", vault, "--format", "json")
    (vault / "Bob.md").write_text("---\naliases: [al]\n---\n# Bob\n## Work\nSee [[Alice]] ^b1\n")
    age(vault, OLD_NS + 10**9)
    code, out, _ = run("lint", vault, "--format", "json")
    assert out.count('"rule": "duplicate-alias"') == 2  # Alice.md was not edited
    assert (code, out) == run("lint", vault, "--format", "json", "--no-cache")[:2]


def test_only_the_edited_note_and_those_linking_into_a_changed_surface_are_relinted(
    vault: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vaultnet.lint import memo

    run("lint", vault, "--format", "json")
    relinted: list[object] = []
    real = memo.lint_vault

    def spy(vault: object, *, only: object = None) -> object:
        relinted.append(sorted(only) if only is not None else None)  # type: ignore[call-overload]
        return real(vault, only=only)  # type: ignore[arg-type]

    monkeypatch.setattr(memo, "lint_vault", spy)
    write_vault(vault, {"Carol.md": "Links [[Bob#^b1]] and [[Bob#^gone]] and [[Bob#Work]].\n"})
    os.utime(vault / "Carol.md", ns=(OLD_NS + 10**9, OLD_NS + 10**9))
    run("lint", vault, "--format", "json")
    assert relinted == [["Carol.md"]]  # its body changed, not its headings: nobody else
    write_vault(vault, {"Bob.md": "# Bob\n## Play\nSee [[Alice]] ^b1\n"})
    os.utime(vault / "Bob.md", ns=(OLD_NS + 10**9, OLD_NS + 10**9))
    code, out, _ = run("lint", vault, "--format", "json")
    assert relinted[1:] == [["Alice.md", "Bob.md", "Carol.md"]]  # Alice and Carol link to Bob
    assert (code, out) == run("lint", vault, "--format", "json", "--no-cache")[:2]


def test_lint_cached_is_lint_vault_for_python_users(vault: Path) -> None:
    from vaultnet.lint import lint_vault
    from vaultnet.lint.memo import lint_cached
    from vaultnet.vault import load_vault

    expected = lint_vault(load_vault(vault))
    assert lint_cached(vault) == expected  # cold: computed and remembered
    assert memo_path(vault).is_file()
    assert lint_cached(vault) == expected  # warm: from the memo
    assert lint_cached(vault, only={"Carol.md"}) == [f for f in expected if f.path == "Carol.md"]


def test_an_edit_that_adds_a_link_target_is_remembered_for_later_relints(
    vault: Path, run: Run
) -> None:
    # The memo keeps its dependency table untouched when an edit moves nothing; here Carol
    # starts linking to Alice, so a later change to Alice's headings must relint Carol.
    run("lint", vault, "--format", "json")
    write_vault(vault, {"Carol.md": "Links [[Bob#^b1]] and [[Alice#Later]].\n"})
    os.utime(vault / "Carol.md", ns=(OLD_NS + 10**9, OLD_NS + 10**9))
    assert '"message": "no heading' in run("lint", vault, "--format", "json")[1]
    write_vault(vault, {"Alice.md": FILES["Alice.md"] + "## Later\n"})
    os.utime(vault / "Alice.md", ns=(OLD_NS + 2 * 10**9, OLD_NS + 2 * 10**9))
    code, out, _ = run("lint", vault, "--format", "json")
    assert "Later" not in out
    assert (code, out) == run("lint", vault, "--format", "json", "--no-cache")[:2]


def _edit(vault: Path, name: str, text: str, step: int) -> None:
    write_vault(vault, {name: text})
    os.utime(vault / name, ns=(OLD_NS + step * 10**9, OLD_NS + step * 10**9))


def test_an_edit_writes_a_delta_and_leaves_the_base_alone(
    vault: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vaultnet.cache import delta_path

    run("lint", vault, "--format", "json")
    base = memo_path(vault).read_bytes()
    _edit(vault, "Carol.md", "Links [[Bob#^b1]] and [[Nobody#x]].\n", 1)
    assert run("lint", vault, "--format", "json") == run(
        "lint", vault, "--format", "json", "--no-cache")
    assert memo_path(vault).read_bytes() == base and delta_path(memo_path(vault)).is_file()
    _edit(vault, "Bob.md", "# Bob\n## Play\nSee [[Alice]] ^b1\n", 2)  # an anchor moves
    expected = run("lint", vault, "--format", "json", "--no-cache")
    assert run("lint", vault, "--format", "json") == expected
    assert memo_path(vault).read_bytes() == base
    with monkeypatch.context() as patch:  # base + delta answer: nothing is parsed or loaded
        patch.setattr("vaultnet.vault.load_vault", _fail)
        patch.setattr("vaultnet.vault.parse_file", _fail)
        assert run("lint", vault, "--format", "json") == expected
    assert run("lint", vault, "Carol.md", "--format", "json")[1] == run(
        "lint", vault, "Carol.md", "--format", "json", "--no-cache")[1]


def test_a_stale_or_damaged_delta_only_costs_a_relint(vault: Path, run: Run) -> None:
    from vaultnet.cache import delta_path

    run("lint", vault, "--format", "json")
    _edit(vault, "Carol.md", "Links [[Bob#^gone]].\n", 1)
    run("lint", vault, "--format", "json")
    delta = delta_path(memo_path(vault))
    stale = delta.read_bytes()
    _edit(vault, "Dave.md", "[[Alice]]\n", 2)  # a new file: a full run, a new base
    run("lint", vault, "--format", "json")
    assert not delta.exists()
    delta.write_bytes(stale)  # made from the old base: never applied
    _edit(vault, "Carol.md", "Links [[Bob#Work]].\n", 3)
    expected = run("lint", vault, "--format", "json", "--no-cache")
    assert run("lint", vault, "--format", "json") == expected
    blob = delta.read_bytes()
    delta.write_bytes(blob[:-1] + bytes([blob[-1] ^ 1]))
    code, out, err = run("lint", vault, "--format", "json")
    assert (code, out) == expected[:2] and "damaged" in err and err.count("\n") == 1


def test_a_large_difference_rewrites_the_base(
    vault: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vaultnet.cache import delta_path
    from vaultnet.lint import memo

    run("lint", vault, "--format", "json")
    base = memo_path(vault).read_bytes()
    monkeypatch.setattr(memo, "DELTA_ENTRIES", 0)
    _edit(vault, "Carol.md", "Links [[Bob#^b1]].\n", 1)
    assert run("lint", vault, "--format", "json") == run(
        "lint", vault, "--format", "json", "--no-cache")
    assert memo_path(vault).read_bytes() != base and not delta_path(memo_path(vault)).exists()
