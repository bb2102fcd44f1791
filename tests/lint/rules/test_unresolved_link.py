from __future__ import annotations

import json
from pathlib import Path

from lintkit import brief, lint, of_rule

from vaultnet.lint.rules import unresolved_link


def test_plain_stub_is_a_warning(tmp_path: Path) -> None:
    findings = lint(tmp_path, {"A.md": "Напишу [[Собеседования]] позже.\n", "Резюме.md": ""})
    assert brief(findings) == [("A.md", 1, 8, "unresolved-link", "warning")]
    assert findings[0].message == (
        "no note named 'Собеседования': [[Собеседования]] does not resolve"
    )


def test_typo_of_a_note_name_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    findings = lint(tmp_path, {"A.md": "x\n  см. [[резюмэ]]\n", "Резюме.md": ""})
    assert brief(findings) == [("A.md", 2, 7, "unresolved-link", "error")]
    assert findings[0].message.endswith("did you mean [[Резюме]]?")


def test_swapped_letters_count_as_one_edit(tmp_path: Path) -> None:
    findings = lint(tmp_path, {"A.md": "[[Иван Петорв]]\n", "Люди/Иван Петров.md": ""})
    assert findings[0].severity == "error"
    assert "did you mean [[Иван Петров]]?" in findings[0].message


def test_typo_of_an_alias_suggests_the_aliased_link(tmp_path: Path) -> None:
    files = {
        "A.md": "[[Цели нетворкинх]]\n",
        "Цели и задачи нетворкинга.md": "---\naliases: [Цели нетворкинга]\n---\n",
    }
    findings = lint(tmp_path, files)
    assert brief(findings) == [("A.md", 1, 1, "unresolved-link", "error")]
    assert "did you mean [[Цели и задачи нетворкинга|Цели нетворкинга]]?" in findings[0].message


def test_in_a_property_is_an_error(tmp_path: Path) -> None:
    findings = lint(tmp_path, {"A.md": '---\ncompany: "[[Acme Corp]]"\n---\n'})
    assert brief(findings) == [("A.md", 2, 10, "unresolved-link", "error")]
    assert findings[0].message.endswith("(in property 'company')")


def test_near_miss_three_edits_away_stays_a_warning(tmp_path: Path) -> None:
    findings = lint(tmp_path, {"A.md": "[[Резидент]]\n", "Резюме.md": ""})
    assert brief(findings) == [("A.md", 1, 1, "unresolved-link", "warning")]
    assert "did you mean" not in findings[0].message


def test_short_names_need_an_exact_match(tmp_path: Path) -> None:
    # "AI" and "ML" are two edits apart, but no one mistypes one for the other.
    findings = lint(tmp_path, {"A.md": "[[AI]]\n", "ML.md": ""})
    assert brief(findings) == [("A.md", 1, 1, "unresolved-link", "warning")]


def test_resolved_links_self_links_and_aliases_are_not_reported(tmp_path: Path) -> None:
    files = {
        "A.md": "# H\n[[B]] [[#H]] [[b.md]] [[Alias]] ![[pic.png]]\n",
        "B.md": "---\naliases: [Alias]\n---\n",
    }
    assert of_rule(lint(tmp_path, files), "unresolved-link") == []


def test_rule_module_shape() -> None:
    assert unresolved_link.NAME == "unresolved-link"
    assert unresolved_link.DEFAULT_SEVERITY == "warning"
    assert "PASS" in (unresolved_link.__doc__ or "") and "FAIL" in (unresolved_link.__doc__ or "")


def test_numbered_and_dated_stubs_are_not_typos(tmp_path: Path) -> None:
    files = {
        "A.md": "[[2026-12-04]] [[Встреча 3]]\n",
        "Ежедневник/2026-12-01.md": "",
        "Встреча 1.md": "",
    }
    assert [f.severity for f in lint(tmp_path, files)] == ["warning", "warning"]


def test_canvas_file_cards(tmp_path: Path) -> None:
    cards = ["Люди/Нет.md", "img.png", "Резюме.md"]
    nodes = [
        {"id": str(n), "type": "file", "file": f, "x": 0, "y": 0, "width": 1, "height": 1}
        for n, f in enumerate(cards)
    ]
    canvas = json.dumps({"nodes": nodes, "edges": []}, ensure_ascii=False)
    findings = lint(tmp_path, {"Карта.canvas": canvas, "Резюме.md": ""})
    assert [(f.path, f.rule, f.severity) for f in findings] == [
        ("Карта.canvas", "unresolved-link", "warning"),
        ("Карта.canvas", "missing-attachment", "error"),
    ]
    assert (findings[0].line, findings[0].col) < (findings[1].line, findings[1].col)
