"""The example vault (examples/vault) stays consistent.

The seed goal note is an untouched copy, every note has valid frontmatter, and every link
resolves the way Obsidian resolves it (obsidian-semantics.md R3-R5, R8-R9, R12-R14, R16,
R19-R21, R29, R36). These checks use a deliberately small scanner (regular expressions over
text outside code) and not vaultnet's own parser, so the example can be trusted on its own.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import struct
import sys
import unicodedata
import zlib
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
VAULT = ROOT / "examples" / "vault"
SEED_NAME = "Цели и задачи нетворкинга.md"
SHARED_SEED = ROOT.parent / "shared" / "seeds" / SEED_NAME
TODAY = dt.date(2026, 11, 28)

WIKILINK = re.compile(r"(!?)\[\[(.+?)\]\]")
MD_LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(([^)\s]+)\)")
FENCE = re.compile(r"^\s{0,3}(```|~~~)")
HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
BLOCK_ID = re.compile(r"(?:^|\s)\^([A-Za-z0-9-]+)\s*$")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# R19: ASCII punctuation except ' - _ becomes a space.
HEADING_PUNCT = re.compile(r"""[!"#$%&()*+,./:;<=>?@\[\\\]^`{|}~\r\n]""")


def vault_files() -> list[Path]:
    return sorted(
        p
        for p in VAULT.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(VAULT).parts)
        # reports the README's `vaultnet report examples/vault` may have generated
        and p.relative_to(VAULT).parts[0] != "vaultnet"
    )


def notes() -> list[Path]:
    return [p for p in vault_files() if p.suffix == ".md"]


def rel(path: Path) -> str:
    return path.relative_to(VAULT).as_posix()


def split_frontmatter(text: str) -> tuple[str | None, str]:
    """R27: frontmatter opens with `---` on the first line and ends at the next `---` line."""
    if not text.startswith("---\n"):
        return None, text
    lines = text.split("\n")
    for i in range(1, len(lines)):
        if lines[i].startswith("---"):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :])
    return None, text


def properties(path: Path) -> dict:
    raw, _ = split_frontmatter(path.read_text(encoding="utf-8"))
    assert raw is not None, f"{rel(path)}: no frontmatter"
    data = yaml.safe_load(raw)
    assert isinstance(data, dict), f"{rel(path)}: frontmatter is not a mapping"
    return data


def scannable_lines(body: str) -> list[str]:
    """Body lines outside fenced code, with inline code and HTML comments blanked (R23)."""
    out, in_fence = [], False
    for line in body.split("\n"):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        line = re.sub(r"`[^`]*`", " ", line)
        out.append(re.sub(r"<!--.*?-->", " ", line))
    return out


def frontmatter_strings(value, key: str = ""):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from frontmatter_strings(v, f"{key}.{k}" if key else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from frontmatter_strings(v, f"{key}.{i}")
    elif isinstance(value, str):
        yield key, value


def links_of(path: Path) -> list[tuple[str, str, str]]:
    """(where, link text between the brackets or the decoded destination, kind) per link."""
    text = path.read_text(encoding="utf-8")
    raw, body = split_frontmatter(text)
    found = []
    if raw is not None:
        for key, value in frontmatter_strings(yaml.safe_load(raw) or {}):
            value = value.strip()
            if value.startswith("[[") and value.endswith("]]"):  # R29
                found.append((f"property {key}", value[2:-2], "wikilink"))
    for n, line in enumerate(scannable_lines(body), 1):
        for m in WIKILINK.finditer(line):
            found.append((f"body line {n}", m.group(2), "wikilink"))
        for m in MD_LINK.finditer(line):
            dest = m.group(3)
            if not SCHEME.match(dest):  # R8: no scheme means internal
                found.append((f"body line {n}", unquote(dest), "markdown"))
    return found


def parse_target(text: str, kind: str) -> tuple[str, str]:
    """R3/R4: target before the first `|` (one trailing backslash dropped), cut at `#`."""
    target = text
    if kind == "wikilink":
        bar = text.find("|")
        if bar > 0:
            target = text[:bar]
        target = target.strip()
        if target.endswith("\\"):
            target = target[:-1]
    target = unicodedata.normalize("NFC", target.replace("\xa0", " ").strip())
    linkpath, _, subpath = target.partition("#")
    return linkpath, subpath


def resolve(linkpath: str, source: Path) -> list[Path]:
    """R13/R14, simplified: candidates by file name, then by path suffix. Empty = self."""
    if not linkpath:
        return [source]
    files = vault_files()
    wanted = linkpath.lower().lstrip("/")
    name = wanted.rsplit("/", 1)[-1]
    candidates = [f for f in files if f.name.lower() == name] if "." in name else []
    if not candidates:
        wanted += ".md"
        candidates = [f for f in files if f.name.lower() == name + ".md"]
    if "/" in wanted:
        candidates = [f for f in candidates if rel(f).lower().endswith(wanted)]
    return candidates


def norm_heading(text: str) -> str:
    return " ".join(HEADING_PUNCT.sub(" ", text).split()).lower()


def headings_and_blocks(path: Path) -> tuple[list[tuple[int, str]], set[str]]:
    _, body = split_frontmatter(path.read_text(encoding="utf-8"))
    headings, blocks = [], set()
    for line in scannable_lines(body):
        m = HEADING.match(line)
        if m:
            headings.append((len(m.group(1)), norm_heading(m.group(2))))
        b = BLOCK_ID.search(line)
        if b:
            blocks.add(b.group(1).lower())
    return headings, blocks


def subpath_found(target: Path, subpath: str) -> bool:
    headings, blocks = headings_and_blocks(target)
    if subpath.startswith("^"):
        return subpath[1:].lower() in blocks
    # R19 chain: each piece matches a later, deeper heading.
    level, start = 0, 0
    for piece in (p for p in subpath.split("#") if p):
        for i in range(start, len(headings)):
            if headings[i][0] > level and headings[i][1] == norm_heading(piece):
                level, start = headings[i][0], i + 1
                break
        else:
            return False
    return True


def all_aliases() -> dict[str, str]:
    aliases = {}
    for note in notes():
        for alias in properties(note).get("aliases") or []:
            aliases[str(alias).lower()] = rel(note)
    return aliases


def test_seed_is_an_unchanged_copy():
    if not SHARED_SEED.exists():
        pytest.skip(f"{SHARED_SEED} not available")
    assert (VAULT / SEED_NAME).read_bytes() == SHARED_SEED.read_bytes()


@pytest.mark.parametrize("note", notes(), ids=rel)
def test_frontmatter_is_valid(note):
    data = properties(note)
    for key, value in data.items():
        # An unquoted [[link]] reads as a nested list (R29): no list may contain a list.
        if isinstance(value, list):
            assert not any(isinstance(v, list) for v in value), f"{key}: unquoted link?"
    for key in ("aliases", "tags"):
        if key in data:
            assert isinstance(data[key], list), f"{key} must be a list (Obsidian 1.9)"
    for key in ("alias", "tag", "cssclass"):
        assert key not in data, f"legacy key {key}"
    for key in ("rating", "оценка", "strength", "сила"):
        if key in data:
            assert isinstance(data[key], int) and 1 <= data[key] <= 5


def test_file_names_are_unique_and_nfc():
    names = [f.name.lower() for f in vault_files()]
    stems = [f.stem.lower() for f in notes()]
    assert len(names) == len(set(names))
    assert len(stems) == len(set(stems))
    for f in vault_files():
        assert unicodedata.is_normalized("NFC", rel(f)), rel(f)


def test_aliases_never_shadow_a_file_name():
    stems = {f.stem.lower() for f in notes()}
    assert not stems & set(all_aliases())


@pytest.mark.parametrize("note", notes(), ids=rel)
def test_every_link_resolves_and_its_subpath_exists(note):
    aliases = all_aliases()
    problems = []
    for where, text, kind in links_of(note):
        linkpath, subpath = parse_target(text, kind)
        found = resolve(linkpath, note)
        if len(found) != 1:
            hint = ""
            if linkpath.lower() in aliases:
                hint = f" (an alias of {aliases[linkpath.lower()]}: write [[Note|Alias]])"
            problems.append(f"{where}: {text!r} resolves to {len(found)} files{hint}")
        elif subpath and not subpath_found(found[0], subpath):
            problems.append(f"{where}: {text!r}: no heading/block {subpath!r} in {rel(found[0])}")
    assert not problems, "\n".join(problems)


def test_canvas_is_valid_json_canvas():
    canvas = json.loads((VAULT / "Карта сети.canvas").read_text(encoding="utf-8"))
    ids = {n["id"] for n in canvas["nodes"]}
    assert len(ids) == len(canvas["nodes"])
    for node in canvas["nodes"]:
        assert node["type"] in {"file", "text", "link", "group"}
        for key in ("x", "y", "width", "height"):
            assert isinstance(node[key], int)
        if node["type"] == "file":
            assert (VAULT / node["file"]).is_file(), node["file"]
    assert any(n["type"] == "text" for n in canvas["nodes"])
    for edge in canvas["edges"]:
        assert edge["fromNode"] in ids and edge["toNode"] in ids


def test_attachment_is_a_valid_png():
    data = (VAULT / "Вложения" / "визитка.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, {}
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert zlib.crc32(kind + body) & 0xFFFFFFFF == crc, kind
        chunks[kind] = chunks.get(kind, b"") + body
        pos += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (depth, colour) == (8, 2)
    assert len(zlib.decompress(chunks[b"IDAT"])) == height * (1 + 3 * width)
    assert b"IEND" in chunks


def test_config_is_minimal():
    config = tomllib.loads((VAULT / ".vaultnet.toml").read_text(encoding="utf-8"))
    assert config == {"language": "ru"}


# The scenario that report tests rely on (figures are listed in the commit message).

KINDS = {"встреча": "meeting", "звонок": "call"}


def interactions() -> list[dict]:
    out = []
    for note in notes():
        data = properties(note)
        if data.get("type", data.get("тип")) in {"interaction", "взаимодействие"}:
            out.append(data)
    return out


def test_scenario_uses_every_interaction_kind():
    raw = [d.get("kind", d.get("вид")) for d in interactions()]
    kinds = {KINDS.get(k, k) for k in raw}
    assert kinds == {
        "meeting", "call", "message", "email", "event_chat", "intro", "referral", "invitation"
    }
    for d in interactions():
        if d.get("kind") in {"intro", "referral", "invitation"}:
            assert d.get("direction") in {"received", "given"}


def test_scenario_only_the_december_meeting_is_in_the_future():
    future = [d for d in interactions() if d.get("date", d.get("дата")) > TODAY]
    assert len(future) == 1 and future[0].get("planned") is True


def test_scenario_business_goal_is_linked_by_nobody():
    for note in notes():
        if note.name != SEED_NAME:
            text = note.read_text(encoding="utf-8")
            assert "3. Бизнес-развитие" not in text, rel(note)
