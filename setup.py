"""The build's one optional step: the text path compiled with mypyc.

`pip install .` builds pure Python, as every checkout and editable install is: an edit to a module
takes effect at once. CLEANNEWS_COMPILE=1 compiles the modules below into C extensions beside the
sources (black ships this way), about twice the text path's speed (bench/bench_text.py). The build
then needs mypy and setuptools beside it, as CI and the benchmark do:

    pip install 'mypy>=1.8' 'setuptools>=77'
    CLEANNEWS_COMPILE=1 pip install --no-build-isolation .

The pure-Python wheel stays the fallback where no compiled wheel fits; both pass the same tests
(.ci/run runs the suite on each).
"""

import os

from setuptools import setup

# The modules every document goes through, read to rendered: the text path, and decide, which
# the HTML path shares. Not model.py: its classes are the public API, whose docstrings and
# records the compiler would replace.
COMPILED = [
    "src/cleannews/read/sources.py",
    "src/cleannews/read/text.py",
    "src/cleannews/decide/__init__.py",
    "src/cleannews/decide/boxes.py",
    "src/cleannews/decide/evidence.py",
    "src/cleannews/decide/headline.py",
    "src/cleannews/decide/positions.py",
    "src/cleannews/decide/region.py",
    "src/cleannews/decide/segments.py",
    "src/cleannews/decide/teasers.py",
    "src/cleannews/rules/__init__.py",
    "src/cleannews/rules/engine.py",
    "src/cleannews/render.py",
]


def extensions() -> list:
    if os.environ.get("CLEANNEWS_COMPILE", "0") in ("", "0"):
        return []
    from mypyc.build import mypycify  # with --no-build-isolation: mypy installed beside (above)

    return mypycify(COMPILED, opt_level="3")


setup(ext_modules=extensions())
