"""python -m cleannews.rules: write packs/frozen.marshal from the shipped packs (see frozen.py)."""

import os
import sys

from . import derived
from .frozen import NAME, PACKS, freeze

target = os.path.join(PACKS, NAME)
with open(target, "wb") as out:
    out.write(freeze(derived))
sys.stdout.write(f"wrote {target}\n")
