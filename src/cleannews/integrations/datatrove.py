"""cleannews in a datatrove pipeline (https://github.com/huggingface/datatrove): where
datatrove's Trafilatura step goes, CleanNews goes.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.writers import JsonlWriter
    from cleannews.datatrove import CleanNews, WarcReader

    LocalPipelineExecutor([WarcReader("crawl/"), CleanNews(), JsonlWriter("stories/")], tasks=4, workers=2).run()

- CleanNews: datatrove's extractor step (BaseExtractor: extract(html) → text, a time limit per
  document in a sandbox process that is replaced when it hangs or dies). The document's text
  becomes its story (headline, blank line, paragraphs; a document with none left is dropped, as
  datatrove's extractors do) and its metadata gains `title`, `page` (what the page says of
  itself: authors, dates, site name, canonical URL, language), `removed_rules` (the ids of the
  rules that removed something) and `warnings`. Its `url` metadata (a reader's) is the page's
  address: links resolve against it and learning tells the site by it.
- WarcReader: datatrove's WarcReader, reading pages as `cleannews crawl.warc.gz` does: HTTP
  responses with status 200 of an HTML type (or sniffed HTML) and resource records of one,
  decoded by the charset of their HTTP header when they declare none; revisits, requests,
  metadata, redirects, errors, non-HTML and truncated records are skipped and counted in the
  step's stats. (datatrove's own reader works too; it takes every response of an HTML type, a
  404 or a record the crawler truncated among them.)
- CountBlocks, then CleanNews(learned=...): learning each site's boilerplate from the crawl as
  two pipelines. The first counts, per task, in how many articles of its site each block is
  (a Tally: exact counts that add) and writes them to a folder; the second merges every task's
  counts and cleans, dropping the blocks in at least learn_min articles of their site, as
  folder mode does on one machine.

Only what a pipeline uses is imported here: datatrove's base classes (cleannews itself does not
import this module; `pip install cleannews[datatrove]` brings datatrove).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any, ClassVar

from datatrove.data import Document, DocumentsPipeline
from datatrove.io import DataFolderLike, get_datafolder
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.extractors.base import BaseExtractor, ExtractorSandbox
from datatrove.pipeline.readers.base import BaseDiskReader
from datatrove.utils.logging import logger
from datatrove.utils.typeshelper import StatHints

from ..crawl import clean_page, without_boilerplate
from ..errors import InputError
from ..folder.learn import Boilerplate, Tally, counted, site_of
from ..options import Options, absolute_url
from ..read.archives import archive_records
from ..report import CLEANED, EMPTY, FAILED, SKIPPED

DEFAULT_TIMEOUT = 5.0  # seconds per document: a page takes milliseconds; a pathological one is cut off
DEFAULT_LEARN_MIN = 5  # as the command line's --learn-min
TALLY = ".tally"  # CountBlocks' files: one a task


def _options(options: Options, url: object) -> Options:
    return options._replace(url=url) if isinstance(url, str) and absolute_url(url) else options


def _cleaned(options: Options, boilerplate: Boilerplate | None, text: str, url: object = None) -> tuple[Any, ...]:
    """In the sandbox: (status, reason, story, metadata to add) of one document."""
    done = clean_page(text, _options(options, url))
    if done.result is None:
        return done.status, done.reason, "", {}
    done = without_boilerplate(done, boilerplate, site_of(done.result))
    result = done.result
    assert result is not None
    metadata = {"title": result.title, "page": dict(result.metadata), "removed_rules": result.rules_fired,
                "warnings": list(result.warnings)}
    return done.status, done.reason, result.text, metadata


def _counted(options: Options, text: str, url: object = None) -> tuple[Any, ...]:
    """In the sandbox: (status, reason, article key, block fingerprints) of one document."""
    done = clean_page(text, _options(options, url))
    if done.result is None:
        return done.status, done.reason, 0, ()
    return (done.status, done.reason, *counted(done.result, site_of(done.result)))


class _Sandboxed(PipelineStep):
    """What both steps do for each document: run `work` on it in datatrove's sandbox, within
    the time limit, and count what became of it."""

    timeout: float
    _warned_error: bool

    def _each(self, data: DocumentsPipeline, work: Any) -> Iterator[tuple[Document, tuple[Any, ...]]]:
        with ExtractorSandbox(timeout=self.timeout) as sandbox:
            for doc in data or ():
                self.stat_update(StatHints.total)
                with self.track_time():
                    try:
                        outcome = sandbox.process_document((doc.text, doc.metadata.get("url")), work)
                    except TimeoutError:
                        self.stat_update("timeout")
                        logger.warning(f"⏰ cleannews: over {self.timeout:g} s on {doc.id}; skipped")
                        continue
                    except EOFError:
                        self.stat_update("broken_process")
                        logger.warning(f"cleannews: the process cleaning {doc.id} died; the next is given a new one")
                        continue
                self.stat_update(outcome[0])
                if outcome[0] == FAILED and not self._warned_error:
                    logger.warning(f"❌ cleannews: {doc.id}: {outcome[1]} (said once; the stats count them all)")
                    self._warned_error = True
                yield doc, outcome


class CleanNews(BaseExtractor, _Sandboxed):
    """The clean story of each document (an HTML page, or a text), as `cleannews` prints it.

    timeout: seconds per document. keep_captions, links: as the command line's
    --keep-captions and --links. learned: the folder CountBlocks wrote its counts to (a path or
    any datatrove DataFolder): the blocks in at least learn_min articles of their site are
    dropped, as rule `repeated-across-batch`.
    """

    name = "📰 cleannews"

    def __init__(self, timeout: float = DEFAULT_TIMEOUT, keep_captions: bool = False, links: bool = False,
                 learned: DataFolderLike | None = None, learn_min: int = DEFAULT_LEARN_MIN) -> None:
        super().__init__(timeout)
        self.options = Options(keep_captions=keep_captions, links=links)
        self.learned = get_datafolder(learned) if learned is not None else None
        self.learn_min = learn_min

    def extract(self, text: str) -> str:
        """The story of one page, headline first ("" when nothing is left): datatrove's
        extractor interface, for a caller that wants the text alone."""
        return str(_cleaned(self.options, None, text)[2])

    def boilerplate(self) -> Boilerplate | None:
        """The merged counts of every task of the counting pipeline, as boilerplate."""
        if self.learned is None:
            return None
        tally = Tally()
        for name in self.learned.list_files(glob_pattern=f"*{TALLY}"):
            with self.learned.open(name, "rb") as f:
                tally.merge(Tally.counts_of(f.read()))
        return Boilerplate.from_counts(tally.counts, self.learn_min)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        work = functools.partial(_cleaned, self.options, self.boilerplate())
        for doc, (_, _, text, metadata) in self._each(data, work):
            if not text:
                self.stat_update(StatHints.dropped)
                continue
            doc.text = text
            doc.metadata.update(metadata)
            self.stat_update(StatHints.forwarded)
            self.update_doc_stats(doc)
            yield doc


class CountBlocks(_Sandboxed):
    """The first of learning's two pipelines: in how many articles of its site each block of
    this task's documents is, written to output_folder as `<rank>.tally`. Yields no documents.

    timeout, keep_captions: as CleanNews (give both steps the same keep_captions: a caption
    kept is a block that can be counted)."""

    name = "📰 cleannews: count blocks"
    type = "📊 - STATS"

    def __init__(self, output_folder: DataFolderLike, timeout: float = DEFAULT_TIMEOUT,
                 keep_captions: bool = False) -> None:
        super().__init__()
        self.output_folder = get_datafolder(output_folder)
        self.timeout = timeout
        self.options = Options(keep_captions=keep_captions)
        self._warned_error = False

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        tally = Tally()
        for _, (status, _, article, prints) in self._each(data, functools.partial(_counted, self.options)):
            if status in (CLEANED, EMPTY):
                tally.add(article, prints)
        with self.output_folder.open(f"{rank:05d}{TALLY}", "wb") as f:
            f.write(tally.to_bytes())
        yield from ()


class WarcReader(BaseDiskReader):
    """WARC and ARC files (plain or gzip) → a Document for each page, read as the command line
    reads them: `text` the page decoded (by its BOM, UTF-8, its HTTP header's charset, its own
    declaration, then a detector), `id` the WARC-Record-ID, metadata `url` and `date`. Records
    that are no page are counted in the stats as skipped, broken ones as failed. The arguments
    are BaseDiskReader's (data_folder, paths_file, limit, glob_pattern, ...)."""

    name = "🕷 Warc (cleannews)"
    _requires_dependencies: ClassVar[list[str]] = ["fastwarc", "warcio"]

    def __init__(self, data_folder: DataFolderLike, **kwargs: Any) -> None:
        super().__init__(data_folder, **kwargs)

    def read_file(self, filepath: str) -> DocumentsPipeline:
        from ..read.sources import decode

        with self.data_folder.open(filepath, "rb") as f:  # the reader unpacks gzip itself, member by member
            for n, record in enumerate(archive_records(f)):
                with self.track_time():
                    if record.status or not isinstance(record.page, bytes):
                        self.stat_update(record.status or SKIPPED)
                        continue
                    try:
                        text, _ = decode(record.page, record.charset)
                    except InputError:
                        self.stat_update(SKIPPED)
                        continue
                    fields = record.fields or {}
                    document = self.get_document_from_dict(
                        {"text": text, "id": record.where, "url": record.url, "date": fields.get("warc_date")},
                        filepath, n)
                if document:
                    yield document


__all__ = ["CleanNews", "CountBlocks", "WarcReader"]
