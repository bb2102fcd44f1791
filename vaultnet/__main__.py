from __future__ import annotations

from vaultnet.cli import run

run()
