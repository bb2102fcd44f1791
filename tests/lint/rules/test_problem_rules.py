"""The four rules whose problems the reader finds: the engine only names and ranks them."""
from __future__ import annotations

from pathlib import Path

from lintkit import brief, lint


def test_invalid_frontmatter(tmp_path: Path) -> None:
    findings = lint(tmp_path, {"A.md": "---\ntags: [person\ncompany: x\n---\n"})
    assert [f[3:] for f in brief(findings)] == [("invalid-frontmatter", "error")]
    assert findings[0].path == "A.md" and findings[0].line >= 2


def test_invalid_frontmatter_near_miss(tmp_path: Path) -> None:
    assert lint(tmp_path, {"A.md": "---\ntags: [person]\n---\n", "B.md": "--- \nnot: yaml: here\n"}) == []


def test_unquoted_property_link(tmp_path: Path) -> None:
    findings = lint(tmp_path, {"A.md": "---\ncompany: [[Acme]]\n---\n", "Acme.md": ""})
    assert brief(findings) == [("A.md", 2, 10, "unquoted-property-link", "error")]
    assert findings[0].fix == '"[[Acme]]"'
    assert findings[0].fix_span == (2, 10, 18)


def test_unquoted_property_link_near_miss(tmp_path: Path) -> None:
    files = {"A.md": "---\ncompany: \"[[Acme]]\"\nlist: [a, b]\n---\n", "Acme.md": ""}
    assert lint(tmp_path, files) == []


def test_legacy_property(tmp_path: Path) -> None:
    findings = lint(tmp_path, {"A.md": "---\nalias: [Ваня]\n---\n"})
    assert brief(findings) == [("A.md", 2, 1, "legacy-property", "warning")]
    assert findings[0].fix == "aliases"


def test_legacy_property_near_miss(tmp_path: Path) -> None:
    assert lint(tmp_path, {"A.md": "---\naliases: [Ваня]\ntags: [x]\ncssclasses: [y]\n---\n"}) == []


def test_unreadable_file(tmp_path: Path) -> None:
    files = {"A.md": "Привет".encode("cp1251"), "B.md": b"PK\x03\x04\x00\x00", "C.md": "ok\n"}
    assert brief(lint(tmp_path, files)) == [
        ("A.md", 1, 1, "unreadable-file", "error"),
        ("B.md", 1, 1, "unreadable-file", "error"),
    ]


def test_unreadable_file_near_miss_bom_and_crlf(tmp_path: Path) -> None:
    assert lint(tmp_path, {"A.md": b"\xef\xbb\xbf# Title\r\ntext\r\n"}) == []


def test_legacy_property_scalar_becomes_a_one_item_list(tmp_path: Path) -> None:
    files = {
        "A.md": "---\nalias: Ваня\n---\n",
        "B.md": "---\ntag:   'работа'\n---\n",
        "C.md": "---\nalias: Ваня # ник\n---\n",
        "D.md": "---\ncssclass:\n  - wide\n---\n",
    }
    fixes = {f.path: (f.fix, f.fix_span) for f in lint(tmp_path, files)}
    assert fixes == {
        "A.md": ("aliases: [Ваня]", (2, 1, 12)),
        "B.md": ("tags:   ['работа']", (2, 1, 16)),
        "C.md": ("aliases", (2, 1, 6)),  # a comment after the value: only the key is renamed
        "D.md": ("cssclasses", (2, 1, 9)),
    }
