"""The Spark job on Spark's local[2] master, one session for all (tests/conftest.py): its stories
and the boilerplate it learns must be the command line's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cleannews.integrations.spark import JVM_OPTIONS
from cleannews.spark import archive_stories, table_stories

from .archives import LAMP_BOX, article_page

TIMEOUT = 120


def command_line(*args: str | Path, cwd: Path) -> list[dict[str, Any]]:
    done = subprocess.run([sys.executable, "-m", "cleannews", *map(str, args), "--format", "jsonl"], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8", timeout=TIMEOUT)
    assert done.returncode in (0, 1), done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def story(o: dict[str, Any]) -> tuple[Any, ...]:
    """What a stories row and a command line object must agree on."""
    metadata = o["metadata"] if isinstance(o["metadata"], dict) else json.loads(o["metadata"])
    rules = o["rules"] if "rules" in o else sorted({r["rule"] for r in o["removed"]})
    return o["text"], o["title"], metadata, list(rules), o.get("url"), o.get("warc_date")


def test_the_spark_job_gives_the_command_lines_stories(spark: Any, crawls: Path) -> None:
    names = sorted(p.name for p in crawls.iterdir())
    stories, outcomes = archive_stories(spark, [str(crawls / name) for name in names], learn_min=None)
    rows = [row.asDict() for row in stories.collect()]
    assert outcomes.value == {"cleaned": 15, "skipped": 12, "failed": 1}
    assert {row["source"] for row in rows} == {str(crawls / name) for name in names}
    cli = command_line(*names, "--no-learn", cwd=crawls)
    pages = {r["warc_record_id"]: story(r) for r in rows if r["status"] == "cleaned"}
    assert pages == {o["warc_record_id"]: story(o) for o in cli if "text" in o}
    [failed] = [r for r in rows if r["status"] == "failed"]
    [cli_failed] = [o for o in cli if o.get("status") == "failed"]
    assert (failed["warc_record_id"], failed["error"]) == (cli_failed["warc_record_id"], cli_failed["error"])


def test_learning_as_an_aggregation_and_a_broadcast_drops_what_folder_mode_drops(
        spark: Any, crawls: Path, tmp_path: Path) -> None:
    """One task per archive: neither holds the box in five articles, the counts summed do."""
    site = tmp_path / "site"
    site.mkdir()
    for name in ("site-0.warc.gz", "site-1.warc.gz"):
        (site / name).write_bytes((crawls / name).read_bytes())
    stories, _ = archive_stories(spark, [str(site / "site-0.warc.gz"), str(site / "site-1.warc.gz")])
    rows = {r["warc_record_id"]: r.asDict() for r in stories.collect()}
    cli = {o["warc_record_id"]: o for o in command_line("site", cwd=tmp_path)}
    assert {key: story(r) for key, r in rows.items()} == {key: story(o) for key, o in cli.items()}
    learned = [r for r in rows.values() if "repeated-across-batch" in r["rules"]]
    assert len(learned) == 6 and all(LAMP_BOX not in r["text"] for r in rows.values())


def test_a_table_of_pages_keeps_its_columns(spark: Any, tmp_path: Path) -> None:
    lines = [{"id": n, "url": f"https://harbour.example/news/{n}", "html": article_page(n, n < 7).decode()}
             for n in range(1, 9)]
    lines.append({"id": 9, "url": "https://harbour.example/news/9", "html": None})
    dump = tmp_path / "pages.jsonl"
    dump.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    table = spark.read.json(str(dump))
    stories, outcomes = table_stories(spark, table, "html")
    rows = sorted((r.asDict() for r in stories.collect()), key=lambda r: r["id"])
    assert outcomes.value == {"cleaned": 8, "skipped": 1}
    cli = command_line("--input-format", "jsonl", "pages.jsonl", cwd=tmp_path)
    assert [(r["id"], r["url"], story(r)[:4]) for r in rows] == [
        (o["id"], o["url"], story(o)[:4]) for o in cli if "text" in o]
    assert sum("repeated-across-batch" in r["rules"] for r in rows) == 6


def test_the_job_reads_and_writes_parquet(spark: Any, tmp_path: Path) -> None:
    from cleannews.spark import main

    pages = spark.createDataFrame([(n, f"https://harbour.example/news/{n}", article_page(n, False).decode())
                                   for n in range(1, 4)], "id long, url string, page string")
    pages.write.parquet(str(tmp_path / "pages.parquet"))
    with pytest.raises(SystemExit) as exit_:
        main(["--table", str(tmp_path / "pages.parquet"), "--column", "page", "--output", str(tmp_path / "stories"),
              "--no-learn"])
    assert exit_.value.code == 0
    rows = sorted(spark.read.parquet(str(tmp_path / "stories")).collect(), key=lambda r: r["id"])
    assert [(r["id"], r["status"]) for r in rows] == [(1, "cleaned"), (2, "cleaned"), (3, "cleaned")]
    assert all(r["text"].startswith(r["title"] + "\n\n") for r in rows)
    assert "page" not in rows[0].asDict()


def test_spark_started_as_the_job_starts_it_runs_the_jobs_jvm(spark: Any) -> None:
    """The tests' session comes from the job's builder: its JVM was started with JVM_OPTIONS."""
    runtime = spark.sparkContext._jvm.java.lang.management.ManagementFactory.getRuntimeMXBean()
    assert set(JVM_OPTIONS.split()) <= set(runtime.getInputArguments())
