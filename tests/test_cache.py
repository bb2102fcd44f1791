"""The parse cache in `.vaultnet/`: same results with and without it, whatever happens."""
from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vaultnet import cache
from vaultkit import vault_generator

from vaultnet.cli import main
from vaultnet.config import load_config
from vaultnet.export import dumps, links_json, notes_json
from vaultnet.lint.engine import lint_vault
from vaultnet.lint.formats import format_findings
from vaultnet.lint.memo import memo_path
from vaultnet.vault import load_vault

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "vault"
OLD_NS = 1_600_000_000 * 10**9  # 2020: far from "now", so the stat is trusted, not racy




def _outputs(root: Path, *, use_cache: bool) -> tuple[str, str, str]:
    vault = load_vault(root, cache=use_cache)
    findings = format_findings(lint_vault(vault), "json")
    return dumps(links_json(vault)), dumps(notes_json(vault)), findings


def _age(root: Path) -> None:
    for folder, _, names in os.walk(root):
        for name in names:
            os.utime(os.path.join(folder, name), ns=(OLD_NS, OLD_NS))


@pytest.fixture
def example(tmp_path: Path) -> Path:
    copy = tmp_path / "vault"
    shutil.copytree(EXAMPLE, copy, ignore=shutil.ignore_patterns(".vaultnet", "vaultnet"))
    _age(copy)
    return copy


def test_cold_and_warm_runs_agree_on_the_example_vault(example: Path) -> None:
    expected = _outputs(example, use_cache=False)
    assert not (example / ".vaultnet").exists()
    cold = _outputs(example, use_cache=True)
    assert cache.cache_path(example).is_file()
    warm = _outputs(example, use_cache=True)
    assert cold == expected and warm == expected


def test_warm_run_reads_no_unchanged_file(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_vault(example, cache=True)
    opened: list[str] = []
    real = Path.read_bytes

    def spy(self: Path) -> bytes:
        opened.append(self.name)
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", spy)
    load_vault(example, cache=True)
    assert [name for name in opened if not name.startswith("cache-v")] == []


def test_cli_lint_and_links_same_with_and_without_cache(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results = []
    for args in (["--no-cache"], [], []):
        main(["-q", "lint", str(example), "--format", "json", *args])
        main(["-q", "links", str(example), "--format", "json", *args])
        results.append(capsys.readouterr().out)
    assert results[0] == results[1] == results[2]
    assert cache.cache_path(example).is_file()


def test_no_cache_neither_reads_nor_writes(example: Path) -> None:
    assert main(["-q", "links", str(example), "--no-cache"]) == 0
    assert not (example / ".vaultnet").exists()


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: b"",
        lambda blob: b"garbage",
        lambda blob: blob[: len(blob) // 2],  # a crash mid-write (without the atomic rename)
        lambda blob: blob[:-1] + bytes([blob[-1] ^ 1]),  # one flipped bit
    ],
)
def test_a_damaged_cache_is_discarded_with_a_warning(example: Path, damage: Any) -> None:
    expected = _outputs(example, use_cache=False)
    _outputs(example, use_cache=True)
    path = cache.cache_path(example)
    path.write_bytes(damage(path.read_bytes()))
    with pytest.warns(cache.CacheWarning):
        assert _outputs(example, use_cache=True) == expected
    # ...and rewritten, so the next run is warm again and quiet.
    with warnings.catch_warnings():
        warnings.simplefilter("error", cache.CacheWarning)
        assert _outputs(example, use_cache=True) == expected


def test_a_foreign_pickle_with_a_valid_checksum_is_not_trusted(example: Path) -> None:
    expected = _outputs(example, use_cache=False)
    payload = pickle.dumps({"not": "a cache"})
    digest = cache._checksum(payload)
    path = cache.cache_path(example)
    path.parent.mkdir()
    path.write_bytes(cache.MAGIC + digest + payload)
    with pytest.warns(cache.CacheWarning):
        assert _outputs(example, use_cache=True) == expected


def test_a_cache_for_another_configuration_or_release_is_ignored(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _outputs(example, use_cache=True)
    # Poison every cached record, then change the key: nothing poisoned may come back.
    path = cache.cache_path(example)
    key = cache.cache_key(load_vault(example).config)
    entries = cache.load_store(path, key)
    for entry_path, entry in list(entries.items()):
        record = cache._stored(entry_path, entry).load()
        record.links.clear()
        entries[entry_path] = cache._entry(entry[0], entry[1], record)
    cache.save_store(path, cache._Store(key, entries))
    expected = _outputs(example, use_cache=False)
    assert _outputs(example, use_cache=True) != expected  # the poison is served while valid
    monkeypatch.setattr(cache, "__version__", "999.0")
    assert _outputs(example, use_cache=True) == expected
    monkeypatch.undo()
    (example / ".vaultnet.toml").write_text('language = "ru"\nmax_file_bytes = 123456\n')
    assert _outputs(example, use_cache=True) == expected


def test_a_touched_file_with_the_same_bytes_reuses_its_record(example: Path) -> None:
    _outputs(example, use_cache=True)
    note = next(example.glob("Люди/*.md"))
    os.utime(note, ns=(OLD_NS + 10**9, OLD_NS + 10**9))
    calls: list[int] = []

    def counting(root: Path, entries: Any, max_bytes: int) -> Any:
        calls.append(len(entries))
        return cache.read_hashed_all(root, entries, max_bytes)

    vault = load_vault(example, reader=cache.cached_reader(
        load_vault(example).config, hashed_reader=counting))
    assert calls == []  # nothing re-parsed
    assert dumps(links_json(vault)) == _outputs(example, use_cache=False)[0]


def test_two_concurrent_runs_both_succeed(example: Path) -> None:
    vault_generator().generate(example / "gen", 120, seed=3)
    expected = subprocess.run(
        [sys.executable, "-m", "vaultnet", "-q", "lint", str(example), "--format", "json",
         "--no-cache"], capture_output=True, text=True, check=False,
    )
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "vaultnet", "-q", "lint", str(example), "--format", "json"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for _ in range(2)
    ]
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert run.returncode == expected.returncode, err
        assert out == expected.stdout
        assert "warning" not in err
    warm = subprocess.run(
        [sys.executable, "-m", "vaultnet", "-q", "lint", str(example), "--format", "json"],
        capture_output=True, text=True, check=False,
    )
    assert warm.stdout == expected.stdout


# ---------------------------------------------------------------------------------------------
# Property: after any sequence of edits, additions, deletions, renames and touches, a cached
# run equals a fresh one.

_operation = st.tuples(
    st.sampled_from(["edit", "edit-same-size", "add", "delete", "rename", "touch",
                     "retitle", "realias"]),
    st.integers(min_value=0, max_value=10**6),
)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("generated") / "vault"
    vault_generator().generate(root, 60, seed=7)
    _age(root)
    return root


def _apply(root: Path, operation: str, pick: int, step: int) -> None:
    notes = sorted(p for p in root.rglob("*.md") if ".vaultnet" not in p.parts)
    note = notes[pick % len(notes)]
    stamp = OLD_NS + (step + 1) * 10**9  # a new, still "old", mtime: the stat is trusted
    if operation == "edit":
        other = notes[(pick // 7) % len(notes)].stem
        note.write_text(note.read_text() + f"\nНовая ссылка: [[{other}]] и [[Нет такой {pick}]]\n")
        os.utime(note, ns=(stamp, stamp))
    elif operation == "edit-same-size":
        text = note.read_text()
        note.write_text(text.replace("[[", "[(", 1) if "[[" in text else text + "")
        os.utime(note, ns=(stamp, stamp))
    elif operation == "retitle":  # headings and block ids: what links into the note see
        text = note.read_text()
        note.write_text(text.replace("# ", f"# Новый {pick} ", 1).replace(" ^", " ^x", 1))
        os.utime(note, ns=(stamp, stamp))
    elif operation == "realias":
        other = notes[(pick // 7) % len(notes)].stem
        note.write_text(f"---\naliases: [{other}, A{pick % 5}]\n---\n" + note.read_text())
        os.utime(note, ns=(stamp, stamp))
    elif operation == "add":
        new = root / "Новые" / f"Заметка {pick}.md"
        new.parent.mkdir(exist_ok=True)
        new.write_text(f"---\naliases: [N{pick}]\n---\n# Заметка\n[[{note.stem}]] ^b{pick}\n")
        os.utime(new, ns=(stamp, stamp))
    elif operation == "delete":
        note.unlink()
    elif operation == "rename":
        # Same size and mtime under a new name: must still be read as the new path.
        note.rename(note.with_name(f"Renamed {pick}.md"))
    else:
        os.utime(note, ns=(stamp, stamp))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=st.lists(_operation, min_size=1, max_size=4))
def test_cached_runs_equal_fresh_runs_after_random_changes(
    generated: Path, tmp_path_factory: pytest.TempPathFactory, operations: list[tuple[str, int]]
) -> None:
    root = tmp_path_factory.mktemp("case") / "vault"
    shutil.copytree(generated, root, copy_function=shutil.copy2)
    _outputs(root, use_cache=True)  # prime the cache
    _cli_lint(root)  # and the lint memo
    for step, (operation, pick) in enumerate(operations):
        _apply(root, operation, pick, step)
        assert _outputs(root, use_cache=True) == _outputs(root, use_cache=False), operations
        # The CLI also reuses the last whole-vault findings when the walk is unchanged.
        assert _cli_lint(root) == _cli_lint(root, "--no-cache") == _cli_lint(root), operations


def _cli_lint(root: Path, *args: str) -> tuple[int, str]:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["-q", "lint", str(root), "--format", "json", *args])
    return code, out.getvalue()


def test_a_twin_moved_over_a_note_is_read_again(tmp_path: Path) -> None:
    # Found by the property test: two notes of one size and mtime (a restore, a sync), one
    # moved over the other. Size and mtime agree with the cache; the inode and ctime do not.
    root = tmp_path / "vault"
    root.mkdir()
    (root / "A.md").write_text("[[Alpha]]\n")
    (root / "B.md").write_text("[[Bravo]]\n")
    _age(root)
    assert [l.target for l in load_vault(root, cache=True).notes["A.md"].links] == ["Alpha"]
    (root / "B.md").replace(root / "A.md")
    assert [l.target for l in load_vault(root, cache=True).notes["A.md"].links] == ["Bravo"]


def test_a_few_edits_write_a_delta_and_leave_the_base_untouched(example: Path) -> None:
    expected_before = _outputs(example, use_cache=False)
    assert _outputs(example, use_cache=True) == expected_before
    base = cache.cache_path(example)
    delta = cache.delta_path(base)
    base_bytes = base.read_bytes()
    assert not delta.exists()
    note = next(example.glob("Люди/*.md"))
    note.write_text(note.read_text("utf-8") + "\n[[Нет такой заметки]]\n", "utf-8")
    os.utime(note, ns=(OLD_NS + 10**9, OLD_NS + 10**9))
    expected = _outputs(example, use_cache=False)
    assert _outputs(example, use_cache=True) == expected != expected_before
    assert base.read_bytes() == base_bytes and delta.is_file()
    assert _outputs(example, use_cache=True) == expected  # base + delta, read back
    key = cache.cache_key(load_config(example)[0])
    loaded = cache._load(base, key)
    vault_path = note.relative_to(example).as_posix()
    assert loaded.entries is not loaded.base  # the delta was applied, not just tolerated
    assert loaded.entries[vault_path] is not loaded.base[vault_path]
    # A delta made for another base (a concurrent full rewrite) is ignored, never applied,
    # even when the new base holds the very same entries (a checksum would match it).
    stale = delta.read_bytes()
    base.unlink()
    assert _outputs(example, use_cache=True) == expected  # cold: a new base, the delta gone
    assert not delta.exists()
    delta.write_bytes(stale)
    loaded = cache._load(base, key)
    assert loaded.entries is loaded.base
    assert _outputs(example, use_cache=True) == expected


def test_many_edits_rewrite_the_base(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "DELTA_ENTRIES", 2)
    _outputs(example, use_cache=True)
    base = cache.cache_path(example)
    base_bytes = base.read_bytes()
    for step, note in enumerate(sorted(example.glob("Люди/*.md"))[:5]):
        note.write_text(note.read_text("utf-8") + "\nещё\n", "utf-8")
        os.utime(note, ns=(OLD_NS + (step + 1) * 10**9,) * 2)
    assert _outputs(example, use_cache=True) == _outputs(example, use_cache=False)
    assert base.read_bytes() != base_bytes and not cache.delta_path(base).exists()


def test_files_of_other_cache_formats_are_removed(example: Path) -> None:
    folder = example / ".vaultnet"
    folder.mkdir()
    for name in ("cache-v1.pickle", "cache-v2.pickle", "lint-v1.pickle", "cache-v99.delta.pickle"):
        (folder / name).write_bytes(b"old")
    (folder / "notes.txt").write_text("mine")  # not ours: kept
    assert main(["-q", "lint", str(example)]) in (0, 1)
    assert sorted(p.name for p in folder.iterdir()) == sorted([
        cache.cache_path(example).name, memo_path(example).name, "notes.txt",
    ])


def test_only_a_lazy_load_keeps_records_pickled(example: Path) -> None:
    from vaultnet.stored import Stored

    expected = _outputs(example, use_cache=False)
    load_vault(example, cache=True)  # prime the cache
    eager = load_vault(example, cache=True)
    assert not any(isinstance(v, Stored) for v in eager.notes._items.values())  # type: ignore[attr-defined]
    lazy = load_vault(example, cache=True, lazy=True)
    stored = lazy.notes._items  # type: ignore[attr-defined]
    assert all(isinstance(v, Stored) for v in stored.values())
    person = next(path for path in lazy.notes if path.startswith("Люди/"))
    assert list(lazy.aliases_of(person)) == eager.notes[person].aliases  # without loading it
    assert isinstance(stored[person], Stored)
    assert lazy.notes[person] == eager.notes[person]
    assert sum(not isinstance(v, Stored) for v in stored.values()) == 1  # only that one
    lazy.load_all()
    findings = format_findings(lint_vault(lazy), "json")
    assert (dumps(links_json(lazy)), dumps(notes_json(lazy)), findings) == expected


def test_lazy_records_get_loads_on_use_and_misses_give_the_default(example: Path) -> None:
    from vaultnet.stored import Stored

    load_vault(example, cache=True)  # prime the cache
    lazy = load_vault(example, cache=True, lazy=True)
    stored = lazy.notes._items  # type: ignore[attr-defined]
    person = next(path for path in lazy.notes if path.startswith("Люди/"))
    record = lazy.notes.get(person)
    assert record is not None and not isinstance(record, Stored)
    assert stored[person] is record and lazy.notes.get(person) is record
    assert lazy.notes.get("Нет такой.md") is None and lazy.notes.get("Нет.md", 7) == 7
    default = Stored("Нет.md", True, (), b"")
    assert lazy.notes.get("Нет.md", default) is default and "Нет.md" not in lazy.notes
