"""Every report on examples/vault, both languages, against checked-in files.

Regenerate after an intended change with:

    VAULTNET_UPDATE_SNAPSHOTS=1 python -m pytest tests/report/test_snapshots.py
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from vaultnet.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "vault"
EXPECTED = Path(__file__).parent / "expected"
TODAY = "2026-11-28"
UPDATE = os.environ.get("VAULTNET_UPDATE_SNAPSHOTS") == "1"


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    if not EXAMPLE.is_dir():
        pytest.skip("examples/vault is not there")
    copy = tmp_path / "vault"
    shutil.copytree(EXAMPLE, copy, ignore=shutil.ignore_patterns("vaultnet"))
    return copy


def reports(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.md"))}


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_reports_match_snapshots(vault: Path, lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(vault), "--today", TODAY, "--lang", lang]) == 0
    written = reports(vault / "vaultnet")
    assert len(written) == 7  # coverage, reach-out, health and one note per goal (4)
    expected_dir = EXPECTED / lang
    if UPDATE:
        shutil.rmtree(expected_dir, ignore_errors=True)
        expected_dir.mkdir(parents=True)
        for name, data in written.items():
            (expected_dir / name).write_bytes(data)
    assert reports(expected_dir) == written, (
        "reports changed; if intended, run VAULTNET_UPDATE_SNAPSHOTS=1 pytest tests/report"
    )


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_second_run_is_byte_identical_and_touches_nothing(
    vault: Path, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["report", str(vault), "--today", TODAY, "--lang", lang])
    first = reports(vault / "vaultnet")
    mtimes = {p.name: p.stat().st_mtime_ns for p in (vault / "vaultnet").iterdir()}
    capsys.readouterr()
    assert main(["report", str(vault), "--today", TODAY, "--lang", lang]) == 0
    assert reports(vault / "vaultnet") == first
    assert {p.name: p.stat().st_mtime_ns for p in (vault / "vaultnet").iterdir()} == mtimes
    out = capsys.readouterr().out
    assert out.splitlines() and all(line.startswith("unchanged ") for line in out.splitlines())


def test_user_note_where_a_report_goes_is_refused(vault: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    folder = vault / "vaultnet"
    folder.mkdir()
    mine = folder / "Кому написать.md"
    mine.write_bytes("# Мой список\n\n- позвонить маме\n".encode())
    assert main(["report", str(vault), "--today", TODAY, "--lang", "ru"]) == 1
    captured = capsys.readouterr()
    assert mine.read_bytes() == "# Мой список\n\n- позвонить маме\n".encode()
    errors = [line for line in captured.err.splitlines() if line.startswith("error:")]
    assert errors == [
        "error: vaultnet/Кому написать.md: refused, it exists and is not a vaultnet report "
        "(no `vaultnet: generated`); left untouched"
    ]
    assert (folder / "Покрытие целей.md").is_file()  # the others were still written


def test_user_text_outside_regions_survives(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["report", str(vault), "--today", TODAY, "--lang", "ru"])
    path = vault / "vaultnet" / "Покрытие целей.md"
    text = path.read_text("utf-8")
    text = text.replace("## Мои заметки\n", "## Мои заметки\n\nСпросить Машу про Acme.\n")
    text = text.replace("%% vaultnet:begin:people", "> Моя вставка между блоками.\n\n%% vaultnet:begin:people")
    path.write_text(text, "utf-8")
    assert main(["report", str(vault), "--today", "2026-12-20", "--lang", "ru"]) == 0
    after = path.read_text("utf-8")
    assert "Спросить Машу про Acme." in after and "> Моя вставка между блоками." in after
    assert "generated: 2026-12-20" in after  # the content changed with the date


def test_json_to_stdout_is_the_metrics(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from vaultnet.config import load_config
    from vaultnet.network import build_model, metrics_json
    from vaultnet.vault import load_vault

    assert main(["report", str(vault), "--today", TODAY, "--dry-run", "--json", "-"]) == 0
    captured = capsys.readouterr()
    config, _ = load_config(vault, None)
    from datetime import date

    expected = metrics_json(build_model(load_vault(vault, config), date(2026, 11, 28)))
    assert json.loads(captured.out) == json.loads(json.dumps(expected))
    assert "would create vaultnet/Покрытие целей.md" in captured.err
    assert not (vault / "vaultnet").exists()  # dry run


def test_report_folder_outside_the_vault_is_one_line(vault: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    (vault / ".vaultnet.toml").write_text('report_folder = "../elsewhere"\n', "utf-8")
    assert main(["report", str(vault), "--today", TODAY]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "outside the vault" in err[0]  # config or writer says so
    assert not (vault.parent / "elsewhere").exists()


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_lint_is_clean_after_report_and_report_links_resolve(
    vault: Path, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    assert main(["report", str(vault), "--today", TODAY, "--lang", lang]) == 0
    capsys.readouterr()
    assert main(["lint", str(vault), "--strict"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["links", str(vault), "--format", "json"]) == 0
    from_reports = [r for r in json.loads(capsys.readouterr().out)
                    if r["source"].startswith("vaultnet/")]
    assert len(from_reports) > 100
    assert [r for r in from_reports if r["resolved"] is None] == []
