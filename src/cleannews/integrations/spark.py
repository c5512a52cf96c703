"""cleannews on Spark: a crawl in, a table of stories out.

    python -m cleannews.spark --output stories/ crawl/*.warc.gz             # web archives
    python -m cleannews.spark --output stories/ --paths warc.paths          # the archives listed, one a line
    python -m cleannews.spark --output stories/ --table pages.parquet --column html   # a table of pages

As Common Crawl's cc-pyspark jobs do, each archive is one task, whose records are read one at a
time (never the archive whole) and cleaned as `cleannews crawl.warc.gz --format jsonl` cleans
them: the same pages taken, the same story, the same skipped and failed records. A table's rows
are cleaned in its partitions, the page in `--column`, the row's other columns carried through
(its `url` column, when it has one, is the page's address).

The stories table has a row per page (records that are no page are counted in the summary
line, not written): `source` (the archive) or the table's columns, `url`, `warc_date`,
`warc_record_id`, `record`, `status` (cleaned, empty, failed), `error`, `title`, `text`,
`body`, `metadata` (JSON), `rules` (the removed rules' ids), `warnings`. Written as Parquet
(default) or JSON Lines (`--format jsonl`).

Learning each site's boilerplate (unless --no-learn) is an aggregation and a broadcast: each
task counts, per site, in how many of its articles each block is (a learn.Tally: exact counts
that add); the counts are summed by key across tasks, the blocks in at least --learn-min
articles are broadcast, and the cleaning pass drops them: the blocks folder mode drops on one
machine. (Blocks an article repeats in two tasks' archives count twice: crawls hold a page once.)

Functions for a job of one's own: archive_stories(spark, paths) and table_stories(spark, df,
column) return the DataFrame; builder(master) is SparkSession.builder as the command starts
Spark (its JVM's options, JVM_OPTIONS, say why). pyspark is imported by this module only (`pip
install cleannews[spark]`; Spark needs a Java runtime).
"""

from __future__ import annotations

import json
import operator
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import click

from ..crawl import Cleaned, clean_record, without_boilerplate
from ..folder.learn import Boilerplate, Tally, counted, site_of
from ..options import Options
from ..read.archives import Record, records
from ..report import CLEANED, EMPTY, FAILED, SKIPPED

DEFAULT_LEARN_MIN = 5  # as the command line's --learn-min
DEFAULT_OPTIONS = Options()
STATUSES = (CLEANED, EMPTY, FAILED, SKIPPED)
# The columns every stories table has, after the table's own or the archive's.
STORY_COLUMNS = (("status", "string"), ("error", "string"), ("title", "string"), ("text", "string"),
                 ("body", "string"), ("metadata", "string"), ("rules", "array<string>"),
                 ("warnings", "array<string>"))
ARCHIVE_COLUMNS = (("source", "string"), ("url", "string"), ("warc_date", "string"),
                   ("warc_record_id", "string"), ("record", "string"))
# The JVM's options when Spark is started here (the command, the bench, the tests). In local
# mode that JVM is the executor too: all it does for the job is take the Python workers' rows and
# write them; where every core runs a worker, each second of its CPU is one the workers lack.
# Of its 2.0-2.6 s beside 5,000 pages (JSON out), C2's compilations were 0.8-1.3 s and
# G1's concurrent marking 0.2-0.35 s, against 0.45 s of the work itself; in a job of 20,000 pages
# C2 still took 2.4 s. C1 does the work in 0.6 s and compiles in under 0.1 s, and the serial
# collector costs next to nothing when rows only pass through: 1.0-1.2 s in all (3.1 s against
# 5.9 s for 20,000 pages). CPU seconds of the JVM's threads, from /proc (bench/README.md).
JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"

# A page of a partition: (the Record, the site its page belongs to when it names none, the
# values of the columns before the story's).
Page = tuple[Record, str, tuple[Any, ...]]


def _archive_pages(paths: Iterable[str]) -> Iterator[Page]:
    """The records of each archive, as a task reads them: one at a time."""
    for path in paths:
        folder = os.path.dirname(path) or "."
        try:
            for record in records(path):
                fields = record.fields or {}
                yield record, folder, (path, record.url, fields.get("warc_date"), fields.get("warc_record_id"),
                                       record.where)
        except OSError as exc:
            yield Record(path, status=FAILED, reason=exc.strerror or str(exc)), folder, (path, None, None, None, None)


def _table_pages(rows: Iterable[Any], column: str, carried: Sequence[str]) -> Iterator[Page]:
    from ..options import absolute_url

    for row in rows:
        values = row.asDict()
        page = values.get(column)
        url = values.get("url")
        url = url if isinstance(url, str) and absolute_url(url) else None
        record = Record("", page=page, url=url) if isinstance(page, str) and page.strip() else Record(
            "", status=SKIPPED, reason=f"no page in {column!r}")
        yield record, "", tuple(values.get(name) for name in carried)


def _tallied(pages: Iterator[Page], options: Options) -> Iterator[tuple[int, int]]:
    """One task's counts: (block fingerprint, the task's articles it is in)."""
    tally = Tally()
    for record, folder, _ in pages:
        done = clean_record(record, options)
        if done.result is not None:
            tally.add(*counted(done.result, site_of(done.result, folder)))
    return iter(tally.counts.items())


def _story(done: Cleaned) -> tuple[Any, ...]:
    result = done.result
    if result is None:
        return done.status, done.reason, None, None, None, None, [], []
    return (done.status, done.reason if done.status == FAILED else None, result.title, result.text, result.body,
            json.dumps(result.metadata, ensure_ascii=False), result.rules_fired, list(result.warnings))


def _cleaned(pages: Iterator[Page], options: Options, boilerplate: Boilerplate | None,
             outcomes: Any) -> Iterator[tuple[Any, ...]]:
    """One task's rows: a row per page (cleaned, empty, failed); records that are no page are
    only counted."""
    seen: Counter[str] = Counter()
    for record, folder, before in pages:
        done = clean_record(record, options)
        if done.result is not None:
            done = without_boilerplate(done, boilerplate, site_of(done.result, folder))
        seen[done.status] += 1
        if done.status != SKIPPED:
            yield (*before, *_story(done))
    outcomes.add(dict(seen))


class _CounterParam:
    """An accumulator of outcome counts (pyspark's AccumulatorParam protocol)."""

    def zero(self, value: dict[str, int]) -> dict[str, int]:
        return {}

    def addInPlace(self, a: dict[str, int], b: dict[str, int]) -> dict[str, int]:  # pyspark's name
        for key, n in b.items():
            a[key] = a.get(key, 0) + n
        return a


def _stories(spark: Any, source: Any, pages: Callable[[Iterable[Any]], Iterator[Page]],
             columns: Sequence[tuple[str, str]], options: Options, learn_min: int | None) -> tuple[Any, Any]:
    """The stories DataFrame of an RDD whose partitions `pages` turns into Pages, and the
    accumulator its outcomes are counted in (read it after an action)."""
    sc = spark.sparkContext
    boilerplate = None
    if learn_min is not None:
        counts = (source.mapPartitions(lambda part: _tallied(pages(part), options))
                  .reduceByKey(operator.add)
                  .filter(lambda item: item[1] >= learn_min)
                  .collectAsMap())
        boilerplate = sc.broadcast(Boilerplate(dict(counts), learn_min))
    outcomes = sc.accumulator({}, _CounterParam())
    rows = source.mapPartitions(
        lambda part: _cleaned(pages(part), options, boilerplate.value if boilerplate else None, outcomes))
    schema = ", ".join(f"`{name}` {kind}" for name, kind in (*columns, *STORY_COLUMNS))
    return spark.createDataFrame(rows, schema), outcomes


def archive_stories(spark: Any, paths: Sequence[str], options: Options = DEFAULT_OPTIONS,
                    learn_min: int | None = DEFAULT_LEARN_MIN) -> tuple[Any, Any]:
    """The stories of web archives (local paths, or paths every executor can open), one task
    per archive: (DataFrame, accumulator of the outcomes' counts). learn_min None: no learning."""
    source = spark.sparkContext.parallelize(list(paths), max(1, len(paths)))
    return _stories(spark, source, _archive_pages, ARCHIVE_COLUMNS, options, learn_min)


def table_stories(spark: Any, table: Any, column: str, options: Options = DEFAULT_OPTIONS,
                  learn_min: int | None = DEFAULT_LEARN_MIN) -> tuple[Any, Any]:
    """The stories of a DataFrame's pages (in `column`), its other columns carried through:
    (DataFrame, accumulator of the outcomes' counts). learn_min None: no learning."""
    carried = [field for field in table.schema.fields if field.name != column]
    columns = [(field.name, field.dataType.simpleString()) for field in carried]
    names = [field.name for field in carried]
    return _stories(spark, table.rdd, lambda rows: _table_pages(rows, column, names), columns, options, learn_min)


def _absolute(path: str) -> str:
    """A local path made absolute, as this process sees it: the executors' (and a running JVM's)
    working folder need not be ours (a file system they share is assumed); a URL as it is."""
    return path if "://" in path else os.path.abspath(path)


def builder(master: str | None = None) -> Any:
    """SparkSession.builder as the command starts Spark: its Python workers run this interpreter
    (with cleannews), its JVM gets JVM_OPTIONS (set before the JVM starts; a JVM spark-submit
    started keeps its own, and these replace any spark.driver.extraJavaOptions of
    spark-defaults.conf); `master` when given (else Spark's default, or spark-submit's)."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    started = SparkSession.builder.appName("cleannews").config("spark.driver.extraJavaOptions", JVM_OPTIONS)
    return started.master(master) if master else started


def _read_table(spark: Any, path: str) -> Any:
    low = path.lower().rstrip("/")
    if low.endswith((".jsonl", ".json", ".jsonl.gz", ".json.gz")):
        return spark.read.json(path)
    return spark.read.parquet(path)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("archives", nargs=-1, metavar="[ARCHIVE]...")
@click.option("--output", required=True, metavar="DIR", help="Where Spark writes the stories table (a new folder).")
@click.option("--format", "fmt", type=click.Choice(["parquet", "jsonl"]), default="parquet", show_default=True,
              help="The table's format.")
@click.option("--paths", metavar="FILE", type=click.File("r"),
              help="Also the archives listed in FILE, one a line (Common Crawl's warc.paths, made local).")
@click.option("--table", metavar="PATH", help="Instead of archives, a table of pages: Parquet, or JSON Lines (.jsonl).")
@click.option("--column", default="html", show_default=True, metavar="NAME", help="With --table: the page's column.")
@click.option("--keep-captions", is_flag=True, help="Keep photo captions and credits.")
@click.option("--no-learn", is_flag=True, help="Do not learn each site's boilerplate from the crawl.")
@click.option("--learn-min", type=click.IntRange(min=2), default=DEFAULT_LEARN_MIN, show_default=True, metavar="N",
              help="A block in at least N distinct articles of a site is its boilerplate.")
@click.option("--master", metavar="URL", help="Spark's master (spark-submit gives it; default: Spark's own).")
def command(archives: tuple[str, ...], output: str, fmt: str, paths: Any, table: str | None, column: str,
            keep_captions: bool, no_learn: bool, learn_min: int, master: str | None) -> None:
    """Clean a crawl's pages on Spark into a table of stories: one task per archive, or the
    partitions of a table of pages."""
    listed = [_absolute(name) for name in (*archives, *(line.strip() for line in paths or ())) if name]
    output, table = _absolute(output), table and _absolute(table)
    if bool(listed) == bool(table):
        raise click.UsageError("give archives (or --paths), or --table, not both")
    from pyspark.sql import SparkSession

    ours = SparkSession.getActiveSession() is None  # a session given by a caller (a test) is left running
    spark = builder(master).getOrCreate()
    try:
        options = Options(keep_captions=keep_captions)
        minimum = None if no_learn else learn_min
        if table:
            stories, outcomes = table_stories(spark, _read_table(spark, table), column, options, minimum)
        else:
            stories, outcomes = archive_stories(spark, listed, options, minimum)
        writer = stories.write
        (writer.parquet if fmt == "parquet" else writer.json)(output)
        seen = outcomes.value
        click.echo("cleannews: " + ", ".join(f"{seen.get(status, 0):,} {status}" for status in STATUSES), err=True)
        if seen.get(FAILED):
            sys.exit(1)
    finally:
        if ours:
            spark.stop()


def main(argv: Sequence[str] | None = None) -> None:
    command.main(args=list(argv) if argv is not None else None, prog_name="python -m cleannews.spark")
