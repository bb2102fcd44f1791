"""Frontmatter: R27–R32 (semantics table cases 130–154, 178–179) and its problems."""
from __future__ import annotations

import json

import pytest

from vaultnet.parse import parse_note
from vaultnet.records import NoteRecord


def note(src: str) -> NoteRecord:
    return parse_note("S.md", src.encode("utf-8"))


def fm(body: str) -> NoteRecord:
    return note(f"---\n{body}\n---\n")


def test_130_unquoted_link_is_no_link_but_a_problem() -> None:
    record = fm("related: [[Note]]")
    assert record.links == []
    (problem,) = record.problems
    assert (problem.rule, problem.line, problem.col) == ("unquoted-property-link", 2, 10)
    assert problem.fix == '"[[Note]]"' and problem.fix_span == (2, 10, 18)


def test_131_list_of_links() -> None:
    record = fm('up:\n  - "[[A]]"\n  - "[[B|Bee]]"')
    assert [(l.property, l.target, l.display, l.line, l.col, l.kind) for l in record.links] == [
        ("up.0", "A", None, 3, 5, "property"), ("up.1", "B", "Bee", 4, 5, "property"),
    ]


def test_133_nested_key_with_heading() -> None:
    (link,) = fm('p:\n  q: "[[Note#H]]"').links
    assert (link.property, link.target, link.heading) == ("p.q", "Note", "H")


@pytest.mark.parametrize("value", ['"[t](Note.md)"', '"see [[Note]]"', '"[[Note]] x"', '"[[]]"'])
def test_134_only_whole_wikilink_values(value: str) -> None:
    assert fm(f"x: {value}").links == []


def test_136_blank_first_line_means_no_frontmatter() -> None:
    record = note("\n---\ntags: [a]\n---\n")
    assert record.properties is None and record.tags == [] and record.frontmatter_end == 0


@pytest.mark.parametrize("src", ["--- \na: 1\n---\n", "---\na: 1\n", "x\n---\na: 1\n---\n", "---"])
def test_r27_not_frontmatter(src: str) -> None:
    assert note(src).properties is None and note(src).frontmatter_end == 0


def test_137_scalar_is_invalid() -> None:
    record = fm("tags:x")
    assert record.properties is None and record.tags == []
    assert record.frontmatter_error == "frontmatter is a string, not a mapping"
    assert [p.rule for p in record.problems] == ["invalid-frontmatter"]


def test_139_invalid_yaml_gives_nothing_and_is_not_body() -> None:
    record = fm("bad: [x\nsee: [[Note]]")
    assert record.properties is None and record.links == [] and record.tags == []
    assert record.frontmatter_end == 4
    (problem,) = record.problems
    assert problem.rule == "invalid-frontmatter" and problem.line == 3
    assert record.frontmatter_error and "\n" not in record.frontmatter_error


def test_140_json_frontmatter() -> None:
    assert [t.name for t in fm('{"tags": "journal"}').tags] == ["#journal"]


@pytest.mark.parametrize(
    ("body", "aliases"),
    [
        ("aliases: Doggo", ["Doggo"]),  # 142
        ("aliases: A, B", ["A, B"]),  # 143
        ("ALIASES:\n  - X", ["X"]),  # 145
        ("aliases: [' Псевдоним ', '', 3, null]", ["Псевдоним"]),
        ("alias: X", []),
    ],
)
def test_aliases(body: str, aliases: list[str]) -> None:
    assert fm(body).aliases == aliases


@pytest.mark.parametrize(
    ("body", "tags"),
    [
        ("tags:\n  - project\n  - todo", ["#project", "#todo"]),  # 146
        ("tags: a, b", []),  # 148
        ("tags: a b", []),  # 149
        ('tags: ["#a"]', ["#a"]),  # 151
        ("TAG:\n  - x", []),  # 152
        ("tags: [тег/подтег]", ["#тег/подтег"]),  # 154
        ("tags:\n  - #x\n  - y", ["#y"]),  # unquoted `#x` is a YAML comment
        ("tags: [a,b]", ["#a", "#b"]),
        ("tags: 'a,b'", ["#a,b"]),
        ("tags: [2024, true, ' z ']", ["#z"]),
        ("Tags: single", ["#single"]),
    ],
)
def test_frontmatter_tags(body: str, tags: list[str]) -> None:
    record = fm(body)
    assert [t.name for t in record.tags] == tags
    assert all(t.in_frontmatter for t in record.tags)


def test_tag_positions() -> None:
    assert [(t.line, t.col) for t in fm("tags:\n  - a\n  - 'b'").tags] == [(3, 5), (4, 5)]


def test_178_179_cssclasses_are_properties_only() -> None:
    assert fm("cssclasses:\n  - wide").properties == {"cssclasses": ["wide"]}
    (problem,) = fm("cssclass: wide").problems
    assert (problem.rule, problem.fix, problem.fix_span) == ("legacy-property", "cssclasses", (2, 1, 9))


@pytest.mark.parametrize(
    ("body", "fix"),
    [("alias: X", "aliases"), ("tag:\n  - a", "tags"), ("tag: a, b", None),
     ("alias: A\naliases: B", None), ("Tag: a b", None)],
)
def test_legacy_property_fix(body: str, fix: str | None) -> None:
    (problem,) = fm(body).problems
    assert problem.rule == "legacy-property" and problem.fix == fix


def test_properties_are_json_able() -> None:
    record = fm("d: 2024-01-05\nt: 2024-01-05T10:30:00\nn: 1.5\ninf: .inf\nlist: [1, x]\n"
                "yes_: yes\ntime: 12:30\n1: x\nbad_date: 2023-02-30\nempty:")
    assert record.properties == {
        "d": "2024-01-05", "t": "2024-01-05T10:30:00", "n": 1.5, "inf": None,
        "list": [1, "x"], "yes_": "yes", "time": "12:30", "1": "x",
        "bad_date": "2023-02-30", "empty": None,
    }
    json.dumps(record.properties)


def test_empty_frontmatter() -> None:
    record = note("---\n---\nbody")
    assert record.properties == {} and record.frontmatter_end == 2 and record.problems == []


def test_crlf_and_bom() -> None:
    record = parse_note("S.md", '\ufeff---\r\ntags: [a]\r\nup: "[[X]]"\r\n---\r\n'.encode())
    assert [t.name for t in record.tags] == ["#a"]
    assert [(l.line, l.col) for l in record.links] == [(3, 5)]


def test_alias_bomb_is_reported_not_expanded() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(8):
        prev, cur = chr(97 + i), chr(98 + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    record = fm("\n".join(lines))
    assert record.properties is None
    assert [p.rule for p in record.problems] == ["invalid-frontmatter"]


def test_recursive_alias_is_invalid() -> None:
    assert fm("a: &a [*a]").frontmatter_error is not None


def test_frontmatter_lines_are_not_body() -> None:
    record = fm("x: '[[No]] #no'\n# not a heading")
    assert record.links == [] and record.tags == [] and record.headings == []


def test_nesting_up_to_the_limit_is_read() -> None:
    # 99 brackets under the top-level mapping make 100 levels: the most a frontmatter may nest.
    record = fm("a: " + "[" * 99 + "1, 2" + "]" * 99)
    assert record.problems == [] and record.frontmatter_error is None
    value = record.properties["a"] if record.properties else None
    for _ in range(98):
        assert isinstance(value, list) and len(value) == 1
        value = value[0]
    assert value == [1, 2]


@pytest.mark.parametrize("text", [
    "a: " + "[" * 100_000,  # libyaml's C composer used to segfault on this
    "a: " + "[" * 100_000 + "]" * 100_000,
    "a: " + "{a: " * 100_000,
])
def test_deep_nesting_is_one_finding_not_a_crash(text: str) -> None:
    record = fm(text)
    assert record.properties is None
    assert [(p.rule, p.line, p.message) for p in record.problems] == [
        ("invalid-frontmatter", 2, "invalid YAML: nested deeper than 100 levels")]


# Duplicate keys: obsidian-semantics.md leaves Obsidian's behaviour open (§4) and contracts.md
# has no rule, so PyYAML's last-wins stays; properties, tags, aliases and links all agree on it.
@pytest.mark.parametrize("body, properties, tags, aliases, links", [
    ("tags: [a]\ntags: [b]", {"tags": ["b"]}, ["#b"], [], []),
    ("aliases: [X]\naliases: [Y]", {"aliases": ["Y"]}, [], ["Y"], []),
    ('up: "[[A]]"\nup: "[[B]]"', {"up": "[[B]]"}, [], [], [("up", "B", 3)]),
    ('p:\n  q: "[[A]]"\n  q: "[[B]]"', {"p": {"q": "[[B]]"}}, [], [], [("p.q", "B", 4)]),
    # Keys differing in case are two properties; `tags` in any case reads the first spelling.
    ("tags: [a]\nTags: [b]\ntags: [c]", {"tags": ["c"], "Tags": ["b"]}, ["#c"], [], []),
])
def test_duplicate_keys_last_wins(body: str, properties: dict[str, object], tags: list[str],
                                  aliases: list[str], links: list[tuple[str, str, int]]) -> None:
    for _ in range(2):  # deterministic: the same answer every time
        record = fm(body)
        assert record.properties == properties
        assert [t.name for t in record.tags] == tags
        assert record.aliases == aliases
        assert [(l.property, l.target, l.line) for l in record.links] == links
        assert record.problems == [] and record.frontmatter_error is None
