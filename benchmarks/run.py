"""Side-by-side benchmark: vaultnet against obsidiantools, graphmark and the I/O floors.

Every measurement is a fresh process (what a user or the pre-commit hook pays), timed by
wall clock, with its peak resident memory from `wait4` (the largest single process, pool
workers included). Vaults come from `generate_vault.py`, so every run sees the same files.

    python benchmarks/run.py --sizes 1000,10000 [--peer-python /path/to/venv/bin/python]
        [--tools vaultnet,graphmark,obsidiantools,floors] [--json results.json]

The peers live in their own environment (`pip install 'vaultnet[bench]'` or a separate venv
passed as --peer-python), never in vaultnet's dependencies. With --json, results are merged
into the file, so slow peers can be measured in a separate (background) run.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_vault import generate  # noqa: E402

OBSIDIANTOOLS_MAX = 10_000  # minutes per run beyond this; skipped
TODAY = "2026-11-28"

READ_FLOOR = """
import os, sys
for folder, dirs, files in os.walk(sys.argv[1]):
    dirs[:] = [d for d in dirs if not d.startswith('.')]
    for name in files:
        with open(os.path.join(folder, name), 'rb') as f: f.read()
"""
STAT_FLOOR = """
import os, sys
import vaultnet.cli
for folder, dirs, files in os.walk(sys.argv[1]):
    dirs[:] = [d for d in dirs if not d.startswith('.')]
    for name in files: os.stat(os.path.join(folder, name))
"""
GRAPHMARK = "import sys, graphmark; graphmark.build(sys.argv[1])"
OBSIDIANTOOLS = (
    "import sys, pathlib, obsidiantools.api as o; o.Vault(pathlib.Path(sys.argv[1])).connect().gather()"
)


# The environment every measured process runs in (see `with_bytecode`).
ENV = dict(os.environ)


def with_bytecode() -> None:
    """Give every measured process compiled bytecode, as a user's installed vaultnet has.

    `pip install` compiles a package's modules, and an editable install writes them on first
    import; but with PYTHONDONTWRITEBYTECODE set (some CI images, containers) every process
    would compile vaultnet's modules from source again, tens of milliseconds that no user
    pays. So vaultnet is compiled in place (its `__pycache__` folders, as pip writes them),
    and the variable is dropped for the measured processes. A PYTHONPYCACHEPREFIX is not
    used: it would hide the standard library's and the peers' own bytecode, and the first
    timed run of each tool would compile them all.
    """
    ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    import vaultnet

    package = Path(vaultnet.__file__).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], env=ENV, check=True)


def timed(command: list[str], *, cwd: Path | None = None) -> tuple[float, int, int]:
    """(seconds, peak RSS in MB, exit code) of one process run to completion."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    error = process.stderr.read().decode(errors="replace") if process.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # 1 = lint found errors, which the generated vaults have
        raise RuntimeError(f"{command} failed ({code}): {error[-500:]}")
    return seconds, usage.ru_maxrss // 1024, code


def best(command: list[str], repeat: int, prepare: Any = None) -> tuple[float, int]:
    """Median wall time over `repeat` runs (each after `prepare()`), and the peak memory."""
    times, peak = [], 0
    for _ in range(repeat):
        if prepare:
            prepare()
        seconds, rss, _ = timed(command)
        times.append(seconds)
        peak = max(peak, rss)
    return statistics.median(times), peak


def measure(size: int, work: Path, tools: set[str], peer: str, repeat: int) -> dict[str, Any]:
    vault = work / f"vault-{size}"
    if not (vault / ".vaultnet.toml").is_file():
        generate(vault, size, seed=1)
    py = sys.executable
    vn = [py, "-m", "vaultnet", "-q"]
    lint = [*vn, "lint", str(vault), "--format", "json"]
    out: dict[str, Any] = {}

    def record(name: str, result: tuple[float, int]) -> None:
        out[name] = {"seconds": round(result[0], 3), "peak_mb": result[1]}
        print(f"  {size:>6} {name:<24} {result[0]:8.3f} s {result[1]:6d} MB", file=sys.stderr)

    if "floors" in tools:
        record("floor: read all bytes", best([py, "-c", READ_FLOOR, str(vault)], repeat))
        record("floor: import vaultnet", best([py, "-c", "import vaultnet"], repeat))
        record("floor: import cli + stat", best([py, "-c", STAT_FLOOR, str(vault)], repeat))
    if "vaultnet" in tools:
        cache = vault / ".vaultnet"
        record("vaultnet lint cold", best(
            lint, 1, prepare=lambda: shutil.rmtree(cache, ignore_errors=True)))
        record("vaultnet lint --no-cache", best([*lint, "--no-cache"], 1))
        timed(lint)  # make sure the cache is current
        record("vaultnet lint warm", best(lint, repeat))
        note = sorted((vault / "Люди").glob("*.md"))[size // 7 % 100]
        original = note.read_bytes()
        edits = iter(range(1000))

        def edit() -> None:
            note.write_bytes(original + f"\nправка {next(edits)}: [[Нет такой]]\n".encode())

        record("vaultnet lint warm+edit", best(lint, repeat, prepare=edit))
        record("vaultnet lint FILE", best(
            [*vn, "lint", str(vault), str(note), "--format", "json"], repeat, prepare=edit))
        note.write_bytes(original)
        timed(lint)
        record("vaultnet report warm", best(
            [*vn, "report", str(vault), "--today", TODAY, "--dry-run"], repeat))
    if "graphmark" in tools:
        record("graphmark build", best([peer, "-c", GRAPHMARK, str(vault)], 1))
    if "obsidiantools" in tools and size <= OBSIDIANTOOLS_MAX:
        record("obsidiantools gather", best([peer, "-c", OBSIDIANTOOLS, str(vault)], 1))
    return out


RATIOS = [
    ("graphmark / vaultnet cold", "graphmark build", "vaultnet lint cold"),
    ("obsidiantools / vaultnet cold", "obsidiantools gather", "vaultnet lint cold"),
    ("warm+edit / (import cli + stat)", "vaultnet lint warm+edit", "floor: import cli + stat"),
    ("lint FILE / (import cli + stat)", "vaultnet lint FILE", "floor: import cli + stat"),
]


def table(results: dict[str, dict[str, Any]]) -> str:
    sizes = sorted(results, key=int)
    names: list[str] = []
    for size in sizes:
        names += [name for name in results[size] if name not in names]
    head = "| measurement | " + " | ".join(f"{int(s):,} notes" for s in sizes) + " |"
    lines = [head, "|---" * (len(sizes) + 1) + "|"]
    for name in names:
        cells = []
        for size in sizes:
            value = results[size].get(name)
            cells.append(f"{value['seconds']:.2f} s ({value['peak_mb']} MB)" if value else "–")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    for label, top, bottom in RATIOS:
        cells = []
        for size in sizes:
            a, b = results[size].get(top), results[size].get(bottom)
            cells.append(f"{a['seconds'] / b['seconds']:.1f}×" if a and b else "–")
        lines.append(f"| *{label}* | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, {platform.system()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--tools", default="floors,vaultnet,graphmark,obsidiantools")
    parser.add_argument("--peer-python", default=sys.executable)
    parser.add_argument("--work", type=Path, default=Path("/tmp/vaultnet-bench"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    tools = set(args.tools.split(","))
    args.work.mkdir(parents=True, exist_ok=True)
    with_bytecode()
    results: dict[str, dict[str, Any]] = {}
    if args.json and args.json.is_file():
        results = json.loads(args.json.read_text()).get("results", {})
    for size in (int(s) for s in args.sizes.split(",")):
        found = measure(size, args.work, tools, args.peer_python, args.repeat)
        results.setdefault(str(size), {}).update(found)
        if args.json:  # after every size: a long run that is stopped keeps what it measured
            args.json.write_text(json.dumps(
                {"machine": machine(), "results": results}, indent=1, ensure_ascii=False))
    print(f"Machine: {machine()}\n")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
