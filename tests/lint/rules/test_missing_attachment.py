from __future__ import annotations

from pathlib import Path

from lintkit import brief, lint


def test_missing_embed_and_markdown_link(tmp_path: Path) -> None:
    text = "![[визитка2.png]]\n[скан](Вложения/scan.pdf)\n"
    findings = lint(tmp_path, {"A.md": text, "Вложения/визитка.png": b"\x89PNG"})
    assert brief(findings) == [
        ("A.md", 1, 1, "missing-attachment", "error"),
        ("A.md", 2, 1, "missing-attachment", "error"),
    ]
    assert findings[0].message == "no embedded file 'визитка2.png' in the vault: ![[визитка2.png]]"


def test_near_miss_present_attachment_and_dotted_note_names(tmp_path: Path) -> None:
    text = "![[визитка.png]] [[Report.2024]] [[Dr. Who]]\n"
    findings = lint(tmp_path, {"A.md": text, "Вложения/визитка.png": b"\x89PNG"})
    # The dotted names are note links: unresolved-link, not missing-attachment.
    assert {f.rule for f in findings} == {"unresolved-link"}
