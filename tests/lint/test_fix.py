from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

from lintkit import write_vault

from vaultnet.lint.engine import Finding
from vaultnet.lint.fix import apply_edits

Run = Callable[..., tuple[int, str, str]]


def edit(line: int, start: int, end: int, fix: str, rule: str = "alias-link") -> Finding:
    return Finding("A.md", line, start, rule, "error", "m", fix, (line, start, end))


def test_edits_keep_crlf_cr_bom_and_every_other_byte() -> None:
    data = "\ufeffодин [[a]]\r\nдва [[b]]\rтри\n".encode("utf-8")
    after, applied = apply_edits(data, [edit(1, 6, 11, "[[A|a]]"), edit(2, 5, 10, '"[[b]]"')])
    assert after == "\ufeffодин [[A|a]]\r\nдва \"[[b]]\"\rтри\n".encode("utf-8")
    assert len(applied) == 2


def test_two_fixes_on_one_line_and_overlapping_fixes() -> None:
    data = b"[[a]] [[b]]\n"
    after, applied = apply_edits(data, [edit(1, 7, 12, "[[B]]"), edit(1, 1, 6, "[[A]]")])
    assert after == b"[[A]] [[B]]\n" and len(applied) == 2
    after, applied = apply_edits(data, [edit(1, 1, 6, "[[A]]"), edit(1, 3, 8, "zzz")])
    assert after == b"[[A]] [[b]]\n" and [f.fix for f in applied] == ["[[A]]"]


def test_a_span_outside_the_file_is_not_applied() -> None:
    data = b"short\n"
    after, applied = apply_edits(data, [edit(1, 3, 40, "x"), edit(7, 1, 2, "x")])
    assert (after, applied) == (data, [])


NOTE_BEFORE = (
    "---\r\n"
    "company: [[Acme]]\r\n"
    "alias: [Аня]\r\n"
    "tags: [person]\r\n"
    "---\r\n"
    "См. [[цели нетворкинга]] и ![[Цели нетворкинга#Итоги]] и [[Nowhere]].\r\n"
    "\r\n"
    "| кто | цель |\r\n"
    "| --- | --- |\r\n"
    "| я | [[Цели нетворкинга]] |\r\n"
    "Конец без перевода строки"
)
NOTE_AFTER = (
    "---\r\n"
    'company: "[[Acme]]"\r\n'
    "aliases: [Аня]\r\n"
    "tags: [person]\r\n"
    "---\r\n"
    "См. [[Цели и задачи нетворкинга|цели нетворкинга]] и "
    "![[Цели и задачи нетворкинга#Итоги|Цели нетворкинга]] и [[Nowhere]].\r\n"
    "\r\n"
    "| кто | цель |\r\n"
    "| --- | --- |\r\n"
    "| я | [[Цели и задачи нетворкинга\\|Цели нетворкинга]] |\r\n"
    "Конец без перевода строки"
)
VAULT = {
    "Люди/Аня.md": NOTE_BEFORE.encode("utf-8"),
    "Цели и задачи нетворкинга.md": "---\naliases: [Цели нетворкинга]\n---\n# Итоги\n",
    "Acme.md": "",
}


def test_fix_on_a_copy_changes_only_the_intended_bytes(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "vault", VAULT)
    untouched = {p: p.read_bytes() for p in vault.rglob("*") if p.is_file() and p.name != "Аня.md"}
    code, out, err = run("lint", vault, "--fix")
    assert (vault / "Люди/Аня.md").read_bytes() == NOTE_AFTER.encode("utf-8")
    assert {p: p.read_bytes() for p in untouched} == untouched
    assert sorted(p.name for p in (vault / "Люди").iterdir()) == ["Аня.md"]  # no temp file left
    assert out == "Люди/Аня.md:6:110: warning unresolved-link no note named 'Nowhere': [[Nowhere]] does not resolve\n"
    assert err == "fixed 5 findings in 1 files\n1 warning\n"
    assert code == 0

    code, out, err = run("lint", vault, "--fix")
    assert (vault / "Люди/Аня.md").read_bytes() == NOTE_AFTER.encode("utf-8")
    assert err == "fixed 0 findings in 0 files\n1 warning\n"


def test_diff_previews_and_writes_nothing(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "vault", VAULT)
    code, out, err = run("lint", vault, "--diff")
    assert code == 1
    assert (vault / "Люди/Аня.md").read_bytes() == NOTE_BEFORE.encode("utf-8")
    assert out == (
        "--- a/Люди/Аня.md\n"
        "+++ b/Люди/Аня.md\n"
        "@@ -1,11 +1,11 @@\n"
        " ---\r\n"
        "-company: [[Acme]]\r\n"
        "-alias: [Аня]\r\n"
        '+company: "[[Acme]]"\r\n'
        "+aliases: [Аня]\r\n"
        " tags: [person]\r\n"
        " ---\r\n"
        "-См. [[цели нетворкинга]] и ![[Цели нетворкинга#Итоги]] и [[Nowhere]].\r\n"
        "+См. [[Цели и задачи нетворкинга|цели нетворкинга]] и "
        "![[Цели и задачи нетворкинга#Итоги|Цели нетворкинга]] и [[Nowhere]].\r\n"
        " \r\n"
        " | кто | цель |\r\n"
        " | --- | --- |\r\n"
        "-| я | [[Цели нетворкинга]] |\r\n"
        "+| я | [[Цели и задачи нетворкинга\\|Цели нетворкинга]] |\r\n"
        " Конец без перевода строки\n"
        "\\ No newline at end of file\n"
    )
    shutil.rmtree(vault)


def test_fix_only_touches_the_given_files(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "vault", {**VAULT, "B.md": "[[Цели нетворкинга]]\n"})
    code, _, _ = run("lint", vault, vault / "B.md", "--fix")
    assert code == 0
    assert (vault / "B.md").read_text(encoding="utf-8") == "[[Цели и задачи нетворкинга|Цели нетворкинга]]\n"
    assert (vault / "Люди/Аня.md").read_bytes() == NOTE_BEFORE.encode("utf-8")


def test_a_file_changed_after_reading_is_left_alone(tmp_path: Path) -> None:
    import os

    from vaultnet.lint.engine import lint_vault
    from vaultnet.lint.fix import fix_vault
    from vaultnet.vault import load_vault

    vault_root = write_vault(tmp_path / "vault", {**VAULT, "B.md": "[[Цели нетворкинга]]\n"})
    vault = load_vault(vault_root)
    findings = lint_vault(vault, only={"B.md"})
    (vault_root / "B.md").write_text("[[Цели нетворкинга]] edited\n", encoding="utf-8")
    os.utime(vault_root / "B.md", ns=(1, 1))
    assert fix_vault(vault, findings) == []
    assert (vault_root / "B.md").read_text(encoding="utf-8") == "[[Цели нетворкинга]] edited\n"
