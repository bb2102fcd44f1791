"""Frontmatter: detection (R27), YAML (R28), links (R29), aliases (R30), tags (R31).

The YAML is composed into nodes first, because nodes carry positions: property links and
frontmatter tags get the line and column of their value, problems point at their key.
Values are then constructed and converted to JSON-able data. Walking is budgeted and
cycle-checked, so a YAML alias bomb or a recursive alias is reported, never expanded; nesting
is measured before composing, so deep brackets are reported, never recursed into.

A key written twice keeps its last value (PyYAML's rule; the semantics reference leaves
Obsidian's behaviour open): the properties, the tags and the property links all read the last
one, so they never disagree.
"""
from __future__ import annotations

import base64
import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

import yaml

from vaultnet.records import Link, Problem, Tag
from vaultnet.syntax.linktext import JS_WHITESPACE, js_trim, parse_link_text
from vaultnet.syntax.yaml_loader import ObsidianYamlLoader

STR_TAG = "tag:yaml.org,2002:str"
MAX_WALK = 100_000  # node visits, counting every repeat of an aliased node
MAX_DEPTH = 100  # nested collections, the top-level mapping included (the body's limit too)
# Every collection the parser opens needs one of these characters, so text with fewer of them
# cannot nest deeper than MAX_DEPTH and skips the measuring pass.
_NESTING_CHARS = "[{-?:"
_LEGACY_KEYS = {"alias": "aliases", "tag": "tags", "cssclass": "cssclasses"}


class _TooComplex(Exception):
    """The YAML expands beyond ``MAX_WALK`` nodes, or refers to itself."""


@dataclass
class Frontmatter:
    end: int = 0  # 1-based line of the closing `---`; 0 when there is no frontmatter
    properties: dict[str, Any] | None = None
    error: str | None = None
    aliases: list[str] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def frontmatter_end(lines: list[str]) -> int:
    """R27: `---` alone on the first line, closed by the next line starting with `---`."""
    if not lines or lines[0] != "---":
        return 0
    for index in range(1, len(lines)):
        if lines[index].startswith("---"):
            return index + 1
    return 0


def read_frontmatter(lines: list[str]) -> Frontmatter:
    """Parse the frontmatter of a note given as lines (BOM removed, line breaks `\\n`)."""
    end = frontmatter_end(lines)
    found = Frontmatter(end=end)
    if not end:
        return found
    try:
        node, data = _load("\n".join(lines[1 : end - 1]))
        if node is None:
            found.properties = {}
            return found
        if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
            _invalid(found, f"frontmatter is {_kind(data)}, not a mapping", _line(node, end), 1)
            return found
        properties = _to_json(data, _Budget(), set())
        links, problems = _Walker(lines).walk(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = min(mark.line + 2, end) if mark else 2
        col = mark.column + 1 if mark else 1
        _invalid(found, f"invalid YAML: {error.problem or error.context}", line, col)
        return found
    except (yaml.YAMLError, ValueError, _TooComplex, RecursionError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        _invalid(found, f"invalid YAML: {reason}", 2, 1)
        return found
    assert isinstance(properties, dict)
    found.properties = properties
    found.links, found.problems = links, problems
    found.aliases = _aliases(data)
    found.tags = _tags(node)
    return found


def _load(text: str) -> tuple[yaml.Node | None, Any]:
    _check_depth(text)
    loader = ObsidianYamlLoader(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


class _TooDeep(yaml.MarkedYAMLError):
    """Collections nested deeper than MAX_DEPTH; the mark is the first one too deep."""


def _check_depth(text: str) -> None:
    """Raise _TooDeep before composing text that nests deeper than MAX_DEPTH.

    libyaml's composer (PyYAML's C loader) recurses in C once per level: some 30 000 `[`
    overflow the C stack and kill the process with a segfault, which no `except` can catch
    (the pure-Python composer raises RecursionError instead). The parser below it keeps an
    explicit stack, so counting its events is safe at any depth. The pure-Python parser is
    used: libyaml's own limit (1,000 levels, in newer releases only) would otherwise answer
    first with another message and place, depending on the installed PyYAML. Any other
    error is left to the real load, which reports it as usual.
    """
    if sum(text.count(char) for char in _NESTING_CHARS) < MAX_DEPTH:
        return
    loader = yaml.SafeLoader(text)
    try:
        depth = 0
        while not loader.check_event(yaml.StreamEndEvent):
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _TooDeep(problem=f"nested deeper than {MAX_DEPTH} levels",
                                   problem_mark=event.start_mark)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except _TooDeep:
        raise
    except yaml.YAMLError:
        return
    finally:
        loader.dispose()


def _invalid(found: Frontmatter, reason: str, line: int, col: int) -> None:
    found.error = " ".join(reason.split())
    found.problems.append(Problem("invalid-frontmatter", line, col, found.error))


def _line(node: yaml.Node, end: int) -> int:
    return min(node.start_mark.line + 2, end)


def _kind(value: Any) -> str:
    names = {list: "a list", str: "a string", int: "a number", float: "a number", bool: "a boolean"}
    return names.get(type(value), "a scalar")


class _Budget:
    def __init__(self) -> None:
        self.left = MAX_WALK

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise _TooComplex(f"frontmatter expands beyond {MAX_WALK} values (YAML aliases)")


def _to_json(value: Any, budget: _Budget, on_path: set[int]) -> Any:
    """Plain JSON-able data: dates as ISO strings, keys as strings, no shared cycles."""
    budget.spend()
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if id(value) in on_path:
        raise _TooComplex("frontmatter refers to itself (recursive YAML alias)")
    on_path.add(id(value))
    try:
        if isinstance(value, dict):
            return {_key_text(k): _to_json(v, budget, on_path) for k, v in value.items()}
        if isinstance(value, (list, tuple, set, frozenset)):
            return [_to_json(item, budget, on_path) for item in value]
        return str(value)
    finally:
        on_path.discard(id(value))


def _key_text(key: Any) -> str:
    if isinstance(key, bool) or key is None:
        return "true" if key is True else "false" if key is False else "null"
    if isinstance(key, (dt.date, dt.datetime)):
        return key.isoformat()
    return str(key)


def _top_level(node: yaml.MappingNode, name: str) -> yaml.Node | None:
    """The value of the first key spelled `name` in any case, as the constructed dict has it.

    A key repeated exactly keeps its last value, in the place of its first (a Python dict);
    `_aliases` picks from that dict, so tags and aliases follow one rule.
    """
    spelled = [key.value for key, _ in node.value
               if isinstance(key, yaml.ScalarNode) and key.value.lower() == name]
    if not spelled:
        return None
    return [value for key, value in node.value
            if isinstance(key, yaml.ScalarNode) and key.value == spelled[0]][-1]


def _aliases(data: dict[Any, Any]) -> list[str]:
    """R30: `aliases` (any case): a list of strings, or one string, never split."""
    for key, value in data.items():
        if isinstance(key, str) and key.lower() == "aliases":
            items = value if isinstance(value, list) else [value]
            return [js_trim(item) for item in items if isinstance(item, str) and js_trim(item)]
    return []


def _tags(node: yaml.MappingNode) -> list[Tag]:
    """R31: `tags` (any case); string entries trimmed, `#` added, entries with spaces dropped."""
    value = _top_level(node, "tags")
    if value is None:
        return []
    items = value.value if isinstance(value, yaml.SequenceNode) else [value]
    tags: list[Tag] = []
    for item in items:
        if not isinstance(item, yaml.ScalarNode) or item.tag != STR_TAG:
            continue
        text = js_trim(item.value)
        if not text or any(char in JS_WHITESPACE for char in text):
            continue
        name = text if text.startswith("#") else "#" + text
        if len(name) > 1:
            mark = item.start_mark
            tags.append(Tag(name, mark.line + 2, mark.column + 1, in_frontmatter=True))
    return tags


class _Walker:
    """Finds property links (R29) and writing problems in the composed YAML nodes."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.links: list[Link] = []
        self.problems: list[Problem] = []
        self.budget = _Budget()

    def walk(self, root: yaml.MappingNode) -> tuple[list[Link], list[Problem]]:
        self._legacy_keys(root)
        self._visit(root, "", set())
        return self.links, self.problems

    def _visit(self, node: yaml.Node, key: str, on_path: set[int]) -> None:
        self.budget.spend()
        if isinstance(node, yaml.ScalarNode):
            if node.tag == STR_TAG:
                self._maybe_link(node, key)
            return
        if id(node) in on_path:
            raise _TooComplex("frontmatter refers to itself (recursive YAML alias)")
        if isinstance(node, yaml.SequenceNode) and self._unquoted_link(node):
            return
        on_path.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self._visit(item, f"{key}.{index}" if key else str(index), on_path)
        elif isinstance(node, yaml.MappingNode):
            # A repeated key's earlier values are not properties (last wins), so no links.
            last = {k.value: n for n, (k, _) in enumerate(node.value)
                    if isinstance(k, yaml.ScalarNode)}
            for index, (key_node, value) in enumerate(node.value):
                if isinstance(key_node, yaml.ScalarNode) and last[key_node.value] == index:
                    name = key_node.value
                    self._visit(value, f"{key}.{name}" if key else name, on_path)
        on_path.discard(id(node))

    def _maybe_link(self, node: yaml.ScalarNode, key: str) -> None:
        value: str = node.value
        if len(value) > 4 and value.startswith("[[") and value.endswith("]]"):
            text = parse_link_text(value[2:-2])
            mark = node.start_mark
            self.links.append(
                Link(
                    mark.line + 2, mark.column + 1, "property", False, text.target,
                    heading=text.heading, block=text.block, display=text.display,
                    property=key, raw=value,
                )
            )

    def _unquoted_link(self, node: yaml.SequenceNode) -> bool:
        """`key: [[x]]` is YAML for [["x"]]; Obsidian sees no link. Offer the quoted form."""
        inner = node.value[0] if len(node.value) == 1 else None
        if not (isinstance(inner, yaml.SequenceNode) and len(inner.value) == 1):
            return False
        scalar = inner.value[0]
        start, stop = node.start_mark, node.end_mark
        if not (isinstance(scalar, yaml.ScalarNode) and scalar.tag == STR_TAG):
            return False
        if start.line != stop.line or not node.flow_style or scalar.style not in (None, ""):
            return False
        written = self.lines[start.line + 1][start.column : stop.column]
        fix = '"' + written.replace("\\", "\\\\").replace('"', '\\"') + '"'
        line = start.line + 2
        self.problems.append(
            Problem(
                "unquoted-property-link", line, start.column + 1,
                f"{written} is a YAML nested list, not a link; quote it: {fix}",
                fix=fix, fix_span=(line, start.column + 1, stop.column + 1),
            )
        )
        return True

    def _legacy_keys(self, root: yaml.MappingNode) -> None:
        present = {k.value.lower() for k, _ in root.value if isinstance(k, yaml.ScalarNode)}
        for key_node, value in root.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            new_name = _LEGACY_KEYS.get(key_node.value.lower())
            if new_name is None:
                continue
            line, col = key_node.start_mark.line + 2, key_node.start_mark.column + 1
            message = f"`{key_node.value}` is ignored by Obsidian since 1.9; use `{new_name}`"
            safe = new_name not in present and _renames_safely(value, new_name)
            same_line = key_node.start_mark.line == key_node.end_mark.line
            self.problems.append(
                Problem(
                    "legacy-property", line, col, message,
                    fix=new_name if safe and same_line else None,
                    fix_span=(line, col, key_node.end_mark.column + 1) if safe and same_line else None,
                )
            )


def _renames_safely(value: yaml.Node, new_name: str) -> bool:
    """Renaming keeps the meaning: a list, or one string the new key reads the same way."""
    if isinstance(value, yaml.SequenceNode):
        return True
    if not isinstance(value, yaml.ScalarNode) or value.tag != STR_TAG:
        return False
    text: str = value.value
    if "," in text:  # old versions split on commas; the new key would not
        return False
    return new_name == "aliases" or not any(char in JS_WHITESPACE for char in js_trim(text))
