"""Long-running fuzzer for vaultnet's parser: `python tests/fuzz/fuzz_parser.py --minutes 5`.

Not collected by pytest (its name does not match `test_*.py`). It runs, in rounds until
the time is up, the same strategies as tests/hardening/test_fuzz.py with a large budget:

* structured: generated notes against the exact oracle (``check_note``), LF and CRLF;
* bytes: generated notes mutated at the byte level (cuts, inserted syntax, flipped bits)
  through ``parse_note``, which must never raise and whose positions must point at the
  constructs they name.

On the first failure it prints the shrunk failing input as a Python literal and exits 1.
"""
from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(TESTS)]  # `fuzz.strategies` and `test_parse_hypothesis` as pytest sees them

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from fuzz.strategies import Note, check_note, mutated_bytes, notes  # noqa: E402
from test_parse_hypothesis import check as check_positions  # noqa: E402
from vaultnet.parse import parse_note  # noqa: E402

# The last input each property saw: after shrinking, Hypothesis replays the minimal
# failing example last, so this is what gets printed.
last_input: list[object] = [None]


def structured(note: Note, crlf: bool) -> None:
    last_input[0] = note.text.replace("\n", "\r\n") if crlf else note.text
    check_note(note, "\r\n" if crlf else "\n")


def mutated(data: bytes) -> None:
    last_input[0] = data
    record = parse_note("S.md", data)
    text = data.decode("utf-8", "replace")  # positions are checked only for readable notes
    if not any(p.rule == "unreadable-file" for p in record.problems):
        check_positions(text)


def run_round(examples: int) -> None:
    # One bug per run, so the replayed (printed) input is the minimal one of that bug.
    common = settings(max_examples=examples, deadline=None, database=None, print_blob=True,
                      suppress_health_check=list(HealthCheck), report_multiple_bugs=False,
                      phases=[Phase.generate, Phase.shrink])

    # Fresh wrappers each round: settings() marks the function it decorates.
    @common
    @given(notes(), st.booleans())
    def structured_round(note: Note, crlf: bool) -> None:
        structured(note, crlf)

    @common
    @given(mutated_bytes())
    def mutated_round(data: bytes) -> None:
        mutated(data)

    structured_round()
    mutated_round()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0, help="how long to run")
    parser.add_argument("--examples", type=int, default=500, help="examples per round (the clock is checked between rounds)")
    args = parser.parse_args(argv)
    deadline = time.monotonic() + args.minutes * 60
    rounds = 0
    while time.monotonic() < deadline:
        try:
            run_round(args.examples)
        except Exception:  # noqa: BLE001 - any failure is a finding
            traceback.print_exc()
            print("\nMinimal failing input (make it a regression test in "
                  "tests/hardening/test_fuzz.py):")
            print(repr(last_input[0]))
            return 1
        rounds += 1
        print(f"round {rounds}: {2 * args.examples} examples passed", flush=True)
    print(f"no failure in {rounds} rounds ({2 * rounds * args.examples} examples)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
