"""`benchmarks/run.py` still runs end to end (a tiny vault, vaultnet and the floors only)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from vaultkit import vault_generator

ROOT = Path(__file__).resolve().parent.parent


def test_the_benchmark_measures_every_row_and_prints_the_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    assert spec is not None and spec.loader is not None
    run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run)
    results = tmp_path / "results.json"
    argv = ["--sizes", "60", "--tools", "floors,vaultnet", "--repeat", "1",
            "--work", str(tmp_path), "--json", str(results)]
    assert run.main(argv) == 0
    measured = json.loads(results.read_text())["results"]["60"]
    assert sorted(measured) == sorted([
        "floor: read all bytes", "floor: import vaultnet", "floor: import cli + stat",
        "vaultnet lint cold", "vaultnet lint --no-cache", "vaultnet lint warm",
        "vaultnet lint warm+edit", "vaultnet lint FILE", "vaultnet report warm",
    ])
    assert all(row["seconds"] > 0 and row["peak_mb"] > 0 for row in measured.values())
    table = capsys.readouterr().out
    assert "| vaultnet lint warm+edit |" in table and "| *lint FILE / (import cli + stat)* |" in table
    import vaultnet  # the measured processes got vaultnet's compiled bytecode

    assert list((Path(vaultnet.__file__).parent / "__pycache__").glob("cli.*.pyc"))
    # The note the benchmark edits is put back: the vault is the generator's, byte for byte.
    vault_generator().generate(tmp_path / "fresh", 60, seed=1)
    notes = sorted((tmp_path / "fresh").rglob("*.md"))
    assert len(notes) >= 60
    for fresh in notes:
        assert (tmp_path / "vault-60" / fresh.relative_to(tmp_path / "fresh")).read_bytes() == (
            fresh.read_bytes()
        )
