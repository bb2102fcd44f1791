from __future__ import annotations

from pathlib import Path

from lintkit import brief, lint

GOALS = {"Цели и задачи нетворкинга.md": "---\naliases: [Цели нетворкинга]\n---\n"}


def test_link_to_an_alias_is_an_error_with_a_fix(tmp_path: Path) -> None:
    findings = lint(tmp_path, {**GOALS, "A.md": "См. [[цели нетворкинга]].\n"})
    assert brief(findings) == [("A.md", 1, 5, "alias-link", "error")]
    finding = findings[0]
    assert finding.fix == "[[Цели и задачи нетворкинга|цели нетворкинга]]"
    assert finding.fix_span == (1, 5, 25)
    assert finding.message == (
        "[[цели нетворкинга]] names an alias of 'Цели и задачи нетворкинга.md'; aliases never "
        "resolve in Obsidian; write [[Цели и задачи нетворкинга|цели нетворкинга]]"
    )


def test_fix_keeps_embed_heading_block_and_display(tmp_path: Path) -> None:
    text = "![[Цели нетворкинга#Итоги|вот]] [[Цели нетворкинга#^b1]]\n"
    fixes = [f.fix for f in lint(tmp_path, {**GOALS, "A.md": text})]
    assert fixes == [
        "![[Цели и задачи нетворкинга#Итоги|вот]]",
        "[[Цели и задачи нетворкинга#^b1|Цели нетворкинга]]",
    ]


def test_in_a_table_the_pipe_is_escaped(tmp_path: Path) -> None:
    text = "| who | goal |\n| --- | --- |\n| me | [[Цели нетворкинга]] |\n"
    findings = lint(tmp_path, {**GOALS, "A.md": text})
    assert brief(findings) == [("A.md", 3, 8, "alias-link", "error")]
    assert findings[0].fix == "[[Цели и задачи нетворкинга\\|Цели нетворкинга]]"


def test_in_a_property_the_fix_covers_only_the_link(tmp_path: Path) -> None:
    findings = lint(tmp_path, {**GOALS, "A.md": '---\ngoal: "[[Цели нетворкинга]]"\n---\n'})
    assert brief(findings) == [("A.md", 2, 7, "alias-link", "error")]
    assert findings[0].fix_span == (2, 8, 28)


def test_path_qualified_when_the_note_name_is_not_unique(tmp_path: Path) -> None:
    files = {"A/Note.md": "---\naliases: [Nick]\n---\n", "B/Note.md": "", "C.md": "[[Nick]]\n"}
    assert lint(tmp_path, files)[0].fix == "[[A/Note|Nick]]"


def test_no_fix_when_two_notes_claim_the_alias(tmp_path: Path) -> None:
    files = {"A.md": "---\naliases: [Ваня]\n---\n", "B.md": "---\naliases: [Ваня]\n---\n", "C.md": "[[Ваня]]\n"}
    found = [f for f in lint(tmp_path, files) if f.rule == "alias-link"]
    assert brief(found) == [("C.md", 1, 1, "alias-link", "error")]
    assert found[0].fix is None


def test_near_miss_a_note_with_that_name_wins(tmp_path: Path) -> None:
    # An alias that is also a file name: the link resolves to the file (R16 never applies).
    files = {**GOALS, "Цели нетворкинга.md": "", "A.md": "[[Цели нетворкинга]]\n"}
    assert lint(tmp_path, files) == []
