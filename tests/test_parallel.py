"""Parsing in a process pool gives exactly the single-process records, in the same order."""
from __future__ import annotations

from pathlib import Path

from vaultkit import vault_generator

from vaultnet.cache import read_hashed_all
from vaultnet.config import Config
from vaultnet.export import dumps, links_json
from vaultnet.parallel import parallel_hashed_reader, parallel_reader
from vaultnet.stored import Stored
from vaultnet.vault import load_vault, read_all, walk_vault


def _generate(root: Path, notes: int) -> None:
    vault_generator().generate(root, notes, seed=11)


def test_parallel_and_single_process_records_are_identical(tmp_path: Path) -> None:
    _generate(tmp_path / "v", 150)
    (tmp_path / "v" / "broken.md").write_bytes(b"\xff\xfe not utf-8")
    entries, _ = walk_vault(tmp_path / "v", Config())
    parsed = [entry for entry in entries if entry.kind != "attachment"]
    single = read_all(tmp_path / "v", parsed, 10_000_000)
    pooled = parallel_reader(tmp_path / "v", parsed, 10_000_000, processes=2, threshold=0)
    assert pooled == single
    hashed = parallel_hashed_reader(tmp_path / "v", parsed, 10_000_000, processes=2, threshold=0)
    # Workers send records back pickled (`Stored`); loaded, they are the single-process ones.
    assert all(isinstance(stored, Stored) for stored, _ in hashed)
    loaded = [(stored.load(), digest) for stored, digest in hashed]  # type: ignore[union-attr]
    assert loaded == read_hashed_all(tmp_path / "v", parsed, 10_000_000)
    assert [record for record, _ in loaded] == single
    assert [(s.path, s.aliases) for s, _ in hashed] == [  # type: ignore[union-attr]
        (r.path, tuple(getattr(r, "aliases", ()))) for r in single]


def test_load_vault_with_the_pool_matches(tmp_path: Path) -> None:
    _generate(tmp_path / "v", 80)

    def pool(root: Path, entries: object, max_bytes: int) -> list[object]:
        return parallel_reader(root, entries, max_bytes, processes=2, threshold=0)  # type: ignore[arg-type]

    expected = dumps(links_json(load_vault(tmp_path / "v")))
    assert dumps(links_json(load_vault(tmp_path / "v", reader=pool))) == expected  # type: ignore[arg-type]


def test_small_batches_stay_in_process(tmp_path: Path) -> None:
    _generate(tmp_path / "v", 20)
    entries, _ = walk_vault(tmp_path / "v", Config())
    parsed = [entry for entry in entries if entry.kind != "attachment"]
    # Below the threshold no pool is started (a lambda could not even be pickled to one).
    assert parallel_reader(tmp_path / "v", parsed, 10_000_000) == read_all(
        tmp_path / "v", parsed, 10_000_000
    )
