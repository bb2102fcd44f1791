"""The markdown-it-py floor of a cold run: how long parsing every note takes, nothing else.

    python benchmarks/markdown_floor.py /tmp/vaultnet-bench/vault-10000

Prints, for one core, plain CommonMark parsing, vaultnet's configured parser (HTML, tables,
the Obsidian plugins, no `text_join`), and the whole `parse_note` (frontmatter and
extraction included). Each runs in its own process so that none warms the others up. No
cold run can take less than the middle figure divided by the number of cores.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

MODES = ("commonmark", "vaultnet-markdown", "parse_note")


def note_texts(root: Path) -> list[str]:
    texts = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in sorted(files):
            if name.endswith(".md"):
                texts.append(Path(folder, name).read_bytes().decode("utf-8", "replace"))
    return texts


def measure(root: Path, mode: str) -> float:
    texts = note_texts(root)
    if mode == "commonmark":
        from markdown_it import MarkdownIt

        parse = MarkdownIt("commonmark").parse
    elif mode == "vaultnet-markdown":
        from vaultnet.parse import MARKDOWN

        parse = MARKDOWN.parse
    else:
        from vaultnet.parse import parse_note

        def parse(text: str) -> object:
            return parse_note("note.md", text.encode("utf-8"))

    started = time.perf_counter()
    for text in texts:
        parse(text)
    return time.perf_counter() - started


def main() -> int:
    root = Path(sys.argv[1])
    if len(sys.argv) > 2:  # a child: one mode
        print(f"{measure(root, sys.argv[2]):.2f}")
        return 0
    count = len(note_texts(root))
    for mode in MODES:
        seconds = subprocess.run(
            [sys.executable, __file__, str(root), mode], capture_output=True, text=True,
            check=True,
        ).stdout.strip()
        print(f"{mode:<18} {seconds} s for {count} notes, one core")
    return 0


if __name__ == "__main__":
    sys.exit(main())
