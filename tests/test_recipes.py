"""The README's "At scale" recipes, run as they are written, in order, in one folder: the
command line's, datatrove's and Spark's stories of the test archive must be the same."""

from __future__ import annotations

import gzip
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT, require

README = (ROOT / "README.md").read_text(encoding="utf-8")
TIMEOUT = 300
SECTION = README[README.index("## At scale") : README.index("\n## ", README.index("## At scale") + 1)]
BLOCKS = re.findall(r"```(sh|python)\n(.*?)```", SECTION, re.S)


def stories(objects: list[dict[str, Any]]) -> dict[str, tuple[str, str]]:
    """Record id → (title, text) of every page with a story."""
    return {o.get("warc_record_id") or o["id"]: (o.get("title") or o["metadata"]["title"], o["text"])
            for o in objects if o.get("text")}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the recipes run: the command line's first (the others read what it makes)."""
    where = tmp_path_factory.mktemp("at-scale")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    done = subprocess.run(["bash", "-c", BLOCKS[0][1]], cwd=where, env=env, capture_output=True, text=True,
                          timeout=TIMEOUT)
    assert "cleannews: 7 cleaned, 0 empty, 1 failed, 12 skipped" in done.stderr, done.stderr
    streamed = [json.loads(line) for line in (where / "stories.jsonl").read_text(encoding="utf-8").splitlines()]
    dates = [o["warc_date"] for o in streamed if o.get("text")]
    assert done.stdout.splitlines()[-7:] == dates  # the dump's `fetched` field, carried through
    return where


def test_the_recipes_are_the_command_line_datatrove_and_spark() -> None:
    assert [lang for lang, _ in BLOCKS] == ["sh", "python", "sh"]
    assert "python -m tests.archives crawl.warc.gz" in BLOCKS[0][1]


def test_the_command_line_recipe(folder: Path) -> None:
    streamed = [json.loads(line) for line in (folder / "stories.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(stories(streamed)) == 7
    written = (folder / "stories" / "crawl.jsonl").read_text(encoding="utf-8").splitlines()
    assert stories([json.loads(line) for line in written]) == stories(streamed)
    assert len((folder / "records.jsonl").read_text(encoding="utf-8").splitlines()) == 20


def test_the_datatrove_recipe(folder: Path) -> None:
    require("datatrove", "datatrove is not installed: pip install -e '.[test]'")
    (folder / "recipe.py").write_text(BLOCKS[1][1], encoding="utf-8")
    done = subprocess.run([sys.executable, "recipe.py"], cwd=folder, capture_output=True, text=True,
                          timeout=TIMEOUT)
    assert done.returncode == 0, done.stderr[-3000:]
    docs = [json.loads(line) for f in sorted((folder / "stories-datatrove").glob("*.jsonl.gz"))
            for line in gzip.decompress(f.read_bytes()).decode().splitlines()]
    streamed = [json.loads(line) for line in (folder / "stories.jsonl").read_text(encoding="utf-8").splitlines()]
    assert stories(docs) == stories(streamed)


def test_the_spark_recipe(folder: Path, spark: Any) -> None:
    """Run in this process, on the tests' Spark session (starting another costs half a minute):
    the module's own entry point with the recipe's arguments."""
    from cleannews.spark import main

    for line in BLOCKS[2][1].strip().splitlines():
        args = shlex.split(line)
        assert args[:3] == ["python", "-m", "cleannews.spark"]
        cwd = os.getcwd()
        os.chdir(folder)
        try:
            with pytest.raises(SystemExit) as exit_:
                main(args[3:])
        finally:
            os.chdir(cwd)
        assert exit_.value.code == 1  # the archive's broken record
    rows = [json.loads(line) for f in sorted((folder / "stories-spark").glob("part-*")) for line in
            f.read_text(encoding="utf-8").splitlines()]
    streamed = [json.loads(line) for line in (folder / "stories.jsonl").read_text(encoding="utf-8").splitlines()]
    assert stories(rows) == stories(streamed)


def test_a_plain_install_pulls_in_no_engine() -> None:
    """`pip install cleannews` brings neither datatrove nor Spark, and nothing but the two
    integration modules imports them."""
    import re as re_
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {re_.split(r"[<>=!~ ;\[]", d, maxsplit=1)[0].lower() for d in project["dependencies"]}
    assert not names & {"datatrove", "pyspark", "orjson"}, names
    assert {"datatrove", "pyspark"} <= {re_.split(r"[<>=!~ ;\[]", d, maxsplit=1)[0].lower()
                                         for extra in ("datatrove", "spark")
                                         for d in project["optional-dependencies"][extra]}
    probe = ("import sys, cleannews, cleannews.cli, cleannews.crawl, cleannews.folder.batch, cleannews.read.archives;"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('datatrove', 'pyspark', 'py4j')))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=TIMEOUT)
    assert done.stdout.strip() == "[]", done.stderr
