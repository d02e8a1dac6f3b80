"""`python -m bot.cli` is `readout` (tests and benchmarks start the real CLI this way)."""

import sys

from bot.cli import main

sys.exit(main())
