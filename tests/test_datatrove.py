"""cleannews in real datatrove pipelines (local executor, two workers) on archives made by the
tests: the stories and the learned boilerplate must be the command line's."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .archives import LAMP_BOX, crawl, site_archives
from .conftest import require

require("datatrove", "datatrove is not installed: pip install -e '.[test]'")
require("orjson", "datatrove's JsonlWriter needs orjson: pip install -e '.[test]'")

from datatrove.executor import LocalPipelineExecutor  # noqa: E402 (after the checks above)
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from cleannews.datatrove import CleanNews, CountBlocks, WarcReader  # noqa: E402

TIMEOUT = 120


def command_line(*args: str | Path, cwd: Path) -> dict[str, dict[str, Any]]:
    """`cleannews ARGS --format jsonl`'s stories, by record id."""
    done = subprocess.run([sys.executable, "-m", "cleannews", *map(str, args), "--format", "jsonl"], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8", timeout=TIMEOUT)
    assert done.returncode in (0, 1), done.stderr
    objects = [json.loads(line) for line in done.stdout.splitlines()]
    return {o["warc_record_id"]: o for o in objects if o.get("text")}


def pipeline(steps: list[Any], logs: Path, tasks: int) -> None:
    LocalPipelineExecutor(steps, tasks=tasks, workers=2, logging_dir=str(logs)).run()


def written(folder: Path) -> dict[str, dict[str, Any]]:
    """JsonlWriter's documents, by id."""
    docs = [json.loads(line) for f in sorted(folder.glob("*.jsonl.gz"))
            for line in gzip.decompress(f.read_bytes()).decode().splitlines()]
    return {d["id"]: d for d in docs}


def as_cli(docs: dict[str, dict[str, Any]]) -> dict[str, tuple[str, str, list[str]]]:
    return {key: (d["text"], d["metadata"]["title"], d["metadata"]["removed_rules"]) for key, d in docs.items()}


def of_cli(objects: dict[str, dict[str, Any]]) -> dict[str, tuple[str, str, list[str]]]:
    return {key: (o["text"], o["title"], sorted({r["rule"] for r in o["removed"]})) for key, o in objects.items()}


@pytest.fixture(scope="module")
def crawls(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three archives: the crawl of the fixtures' pages, and one site's articles over two."""
    folder = tmp_path_factory.mktemp("crawls")
    crawl(folder / "crawl.warc.gz")
    site_archives(folder, [[1, 2, 3, 4], [5, 6, 7, 8]], boxed={1, 2, 3, 5, 6, 7})
    return folder


def test_warc_reader_clean_news_jsonl_writer_gives_the_command_lines_stories(crawls: Path, tmp_path: Path) -> None:
    pipeline([WarcReader(str(crawls)), CleanNews(), JsonlWriter(str(tmp_path / "out"))], tmp_path / "logs", tasks=3)
    docs = written(tmp_path / "out")
    cli = command_line(*sorted(p.name for p in crawls.iterdir()), "--no-learn", cwd=crawls)
    assert len(cli) == 7 + 8
    assert as_cli(docs) == of_cli(cli)
    for key, doc in docs.items():
        assert doc["metadata"]["page"] == cli[key]["metadata"]
        assert doc["metadata"]["url"] == cli[key]["url"]


def test_learning_as_two_pipelines_drops_what_folder_mode_drops(crawls: Path, tmp_path: Path) -> None:
    """Count (each task its archive), then merge and clean: neither archive alone holds the box
    in five articles, the two together do, as folder mode sees them on one machine."""
    site = tmp_path / "site"
    site.mkdir()
    for name in ("site-0.warc.gz", "site-1.warc.gz"):
        os.link(crawls / name, site / name)
    pipeline([WarcReader(str(site)), CountBlocks(str(tmp_path / "counts"))], tmp_path / "logs-count", tasks=2)
    assert len(list((tmp_path / "counts").glob("*.tally"))) == 2
    pipeline([WarcReader(str(site)), CleanNews(learned=str(tmp_path / "counts")), JsonlWriter(str(tmp_path / "out"))],
             tmp_path / "logs-clean", tasks=2)
    docs = written(tmp_path / "out")
    cli = command_line("site", cwd=tmp_path)
    assert as_cli(docs) == of_cli(cli)
    learned = [key for key, d in docs.items() if "repeated-across-batch" in d["metadata"]["removed_rules"]]
    assert len(learned) == 6 and all(LAMP_BOX not in d["text"] for d in docs.values())


def test_datatroves_own_warc_reader_takes_cleannews_as_its_extractor(crawls: Path, tmp_path: Path) -> None:
    """A drop-in for Trafilatura behind datatrove's WarcReader: the same story of every page both
    readers take. datatrove's reader also takes the 404 page and the truncated record (it looks
    at neither the status nor WARC-Truncated) and leaves out the resource record. (Its archive
    has no br page: warcio 1.8's br decoder fails on brotli 1.2 with an AttributeError, which
    ends datatrove's task; cleannews' reader undoes br itself.)"""
    from datatrove.pipeline.readers import WarcReader as DatatroveWarcReader

    (tmp_path / "in").mkdir()
    crawl(tmp_path / "in" / "crawl.warc.gz", br=False)
    pipeline([DatatroveWarcReader(str(tmp_path / "in")), CleanNews(), JsonlWriter(str(tmp_path / "out"))],
             tmp_path / "logs", tasks=1)
    docs = as_cli(written(tmp_path / "out"))
    cli = of_cli(command_line("crawl.warc.gz", "--no-learn", cwd=tmp_path / "in"))
    both = docs.keys() & cli.keys()
    assert {key: docs[key] for key in both} == {key: cli[key] for key in both}
    urls = {d["metadata"]["url"] for d in written(tmp_path / "out").values() if d["id"] not in both}
    assert urls == {"https://news.example/missing", "https://news.example/cut"}
    assert [key for key in cli if key not in both] == ["<urn:uuid:00000000-0000-4000-8000-000000000018>"]
