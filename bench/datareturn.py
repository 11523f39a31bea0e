"""The issue's name for the data-return benchmark: runs bench/returns.py with the same arguments."""

from __future__ import annotations

import runpy
from pathlib import Path

if __name__ == "__main__":
    runpy.run_path(str(Path(__file__).with_name("returns.py")), run_name="__main__")
