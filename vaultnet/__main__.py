from __future__ import annotations

import sys

from vaultnet.cli import main

sys.exit(main())
