from __future__ import annotations

from pathlib import Path

from lintkit import brief, lint


def test_missing_block(tmp_path: Path) -> None:
    files = {"A.md": "x [[Резюме#^skills]]\n", "Резюме.md": "Опыт работы ^opyt\n"}
    findings = lint(tmp_path, files)
    assert brief(findings) == [("A.md", 1, 3, "missing-block", "warning")]
    assert findings[0].message == "no block '^skills' in 'Резюме.md': [[Резюме#^skills]]"


def test_missing_block_in_a_property_is_an_error(tmp_path: Path) -> None:
    files = {"A.md": "---\nup: '[[Резюме#^skills]]'\n---\n", "Резюме.md": "Опыт ^opyt\n"}
    assert brief(lint(tmp_path, files)) == [("A.md", 2, 5, "missing-block", "error")]


def test_near_miss_block_ids_ignore_case(tmp_path: Path) -> None:
    files = {"A.md": "[[Резюме#^OPYT]] [[#^here]]\nText ^here\n", "Резюме.md": "Опыт ^opyt\n"}
    assert lint(tmp_path, files) == []
