from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from vaultnet.report.markers import edited_regions
from vaultnet.report.writer import ReportFolderError, ReportNote, is_generated, write_notes

DAY1, DAY2 = date(2026, 11, 28), date(2026, 12, 5)


def body(table: str = "| a | b |", extra: str = "") -> str:
    return (
        "%% vaultnet:begin:summary %%\n"
        "# Покрытие целей\n"
        "%% vaultnet:end:summary %%\n"
        "\n"
        "%% vaultnet:begin:matrix %%\n"
        f"{table}\n"
        "%% vaultnet:end:matrix %%\n"
        f"{extra}"
        "\n"
        "## Мои заметки\n"
    )


def note(text: str | None = None, **props: object) -> ReportNote:
    return ReportNote("Покрытие целей.md", "goal-coverage", text or body(), props)


def write(root: Path, *notes: ReportNote, today: date = DAY1, dry_run: bool = False,
          folder: str = "vaultnet"):
    return write_notes(root, folder, list(notes), today=today, dry_run=dry_run)


def target(root: Path) -> Path:
    return root / "vaultnet" / "Покрытие целей.md"


def test_first_write_has_marker_properties_and_checksums(tmp_path: Path) -> None:
    result = write(tmp_path, note(goal="[[Цели и задачи нетворкинга#1. Карьерный рост]]", people=3))
    assert [(f.path, f.status) for f in result.files] == [("vaultnet/Покрытие целей.md", "created")]
    text = target(tmp_path).read_text("utf-8")
    assert text.startswith(
        "---\nvaultnet: generated\ntype: report\nreport: goal-coverage\n"
        "tags: [vaultnet/report]\ngenerated: 2026-11-28\n"
        "goal: '[[Цели и задачи нетворкинга#1. Карьерный рост]]'\npeople: 3\n---\n"
        "%% vaultnet:begin:summary checksum="
    )
    assert text.endswith("## Мои заметки\n")
    assert is_generated(text) and edited_regions(text) == []


def test_rerun_is_byte_identical_and_does_not_touch_the_file(tmp_path: Path) -> None:
    write(tmp_path, note())
    path = target(tmp_path)
    os.utime(path, (1_000_000, 1_000_000))
    before = path.read_bytes()
    result = write(tmp_path, note(), today=DAY2)  # a later day, same content
    assert result.files[0].status == "unchanged"
    assert path.read_bytes() == before
    assert path.stat().st_mtime == 1_000_000
    assert "generated: 2026-11-28" in path.read_text("utf-8")  # the date moves only with content


def test_changed_content_is_rewritten_and_redated(tmp_path: Path) -> None:
    write(tmp_path, note())
    result = write(tmp_path, note(body("| c | d |")), today=DAY2)
    assert result.files[0].status == "updated"
    text = target(tmp_path).read_text("utf-8")
    assert "| c | d |" in text and "| a | b |" not in text
    assert "generated: 2026-12-05" in text


def test_user_text_properties_and_tags_survive(tmp_path: Path) -> None:
    write(tmp_path, note())
    path = target(tmp_path)
    text = path.read_text("utf-8")
    text = text.replace("tags: [vaultnet/report]\n", "tags: [vaultnet/report, мои]\n")
    text = text.replace("---\n%%", "# мой комментарий\nmy-key:  [1, 2]   # keep as is\n---\nМоё вступление\n\n%%", 1)
    text = text.replace("## Мои заметки\n", "## Мои заметки\n- [ ] позвонить [[Мария Иванова]]\n")
    text = text.replace("\n\n%% vaultnet:begin:matrix", "\nМежду блоками.\n\n%% vaultnet:begin:matrix")
    path.write_text(text, "utf-8")
    write(tmp_path, note(body("| new |")), today=DAY2)
    after = path.read_text("utf-8")
    assert "tags: [vaultnet/report, мои]\n" in after
    assert "# мой комментарий\nmy-key:  [1, 2]   # keep as is\n---\n" in after
    assert "Моё вступление\n\n%% vaultnet:begin:summary" in after
    assert "Между блоками." in after
    assert after.endswith("## Мои заметки\n- [ ] позвонить [[Мария Иванова]]\n")
    assert "| new |" in after
    assert write(tmp_path, note(body("| new |")), today=DAY2).files[0].status == "unchanged"


def test_hand_edit_inside_a_region_is_replaced_and_reported(tmp_path: Path) -> None:
    write(tmp_path, note())
    path = target(tmp_path)
    path.write_text(path.read_text("utf-8").replace("| a | b |", "| hand |"), "utf-8")
    assert edited_regions(path.read_text("utf-8")) == ["matrix"]
    result = write(tmp_path, note())
    assert result.files[0].overwritten_edits == ("matrix",)
    assert "| a | b |" in path.read_text("utf-8")


def test_regions_added_and_removed_by_a_new_template(tmp_path: Path) -> None:
    write(tmp_path, note())
    new = (
        "%% vaultnet:begin:summary %%\nS\n%% vaultnet:end:summary %%\n"
        "%% vaultnet:begin:legend %%\nL\n%% vaultnet:end:legend %%\n"
    )
    write(tmp_path, note(new))
    text = target(tmp_path).read_text("utf-8")
    assert "matrix" not in text and "| a | b |" not in text
    assert text.index("vaultnet:end:summary") < text.index("vaultnet:begin:legend")
    assert text.endswith("## Мои заметки\n")


def test_user_note_in_the_way_is_refused_and_untouched(tmp_path: Path) -> None:
    path = target(tmp_path)
    path.parent.mkdir()
    path.write_bytes("---\ntype: person\n---\nМоя заметка\n".encode())
    os.utime(path, (1_000_000, 1_000_000))
    other = ReportNote("Кому написать.md", "reach-out", body())
    result = write(tmp_path, note(), other)
    assert [(f.path, f.status) for f in result.files] == [
        ("vaultnet/Кому написать.md", "created"),
        ("vaultnet/Покрытие целей.md", "refused"),
    ]
    assert "not a vaultnet report" in (result.refused[0].reason or "")
    assert path.read_bytes() == "---\ntype: person\n---\nМоя заметка\n".encode()
    assert path.stat().st_mtime == 1_000_000


@pytest.mark.parametrize(
    "content",
    [b"no frontmatter at all\n", b"---\nvaultnet: [broken\n---\n", b"\xff\xfe binary",
     b"---\nvaultnet: generated\n---\n%% vaultnet:begin:matrix %%\nno end\n"],
)
def test_other_files_are_refused(tmp_path: Path, content: bytes) -> None:
    path = target(tmp_path)
    path.parent.mkdir()
    path.write_bytes(content)
    result = write(tmp_path, note())
    assert result.files[0].status == "refused"
    assert path.read_bytes() == content


def test_folder_or_symlink_in_the_way_is_refused(tmp_path: Path) -> None:
    target(tmp_path).mkdir(parents=True)
    assert write(tmp_path, note()).files[0].status == "refused"
    outside = tmp_path / "outside.md"
    outside.write_text("---\nvaultnet: generated\n---\n", "utf-8")
    link = tmp_path / "vaultnet" / "Кому написать.md"
    link.symlink_to(outside)
    result = write(tmp_path, ReportNote("Кому написать.md", "reach-out", body()))
    assert result.files[0].status == "refused" and "symbolic link" in (result.files[0].reason or "")
    assert outside.read_text("utf-8") == "---\nvaultnet: generated\n---\n"


@pytest.mark.parametrize("folder", ["../elsewhere", "/tmp/x", "", ".", "a/../../b", ".obsidian"])
def test_report_folder_outside_the_vault_is_refused(tmp_path: Path, folder: str) -> None:
    with pytest.raises(ReportFolderError):
        write(tmp_path / "vault", note(), folder=folder)
    assert not (tmp_path / "elsewhere").exists()


def test_symlinked_report_folder_leading_outside_is_refused(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    (tmp_path / "out").mkdir()
    (vault / "vaultnet").symlink_to(tmp_path / "out")
    with pytest.raises(ReportFolderError, match="outside the vault"):
        write(vault, note())
    assert list((tmp_path / "out").iterdir()) == []


def test_nested_report_folder_is_fine(tmp_path: Path) -> None:
    result = write(tmp_path, note(), folder="Служебное/Отчёты/")
    assert result.files[0].path == "Служебное/Отчёты/Покрытие целей.md"
    assert (tmp_path / "Служебное" / "Отчёты" / "Покрытие целей.md").is_file()


def test_dry_run_writes_nothing_and_lists_changes(tmp_path: Path) -> None:
    result = write(tmp_path, note(), dry_run=True)
    assert result.dry_run and [f.status for f in result.files] == ["created"]
    assert not (tmp_path / "vaultnet").exists()
    write(tmp_path, note())
    before = target(tmp_path).read_bytes()
    result = write(tmp_path, note(body("| x |")), dry_run=True)
    assert [f.status for f in result.files] == ["updated"]
    assert target(tmp_path).read_bytes() == before


def test_stale_reports_are_listed_not_deleted(tmp_path: Path) -> None:
    old = ReportNote("Цель — Старая.md", "goal", body())
    write(tmp_path, note(), old)
    (tmp_path / "vaultnet" / "Мой файл.md").write_text("просто заметка\n", "utf-8")
    result = write(tmp_path, note())
    assert result.stale == ["vaultnet/Цель — Старая.md"]
    assert (tmp_path / "vaultnet" / "Цель — Старая.md").exists()
