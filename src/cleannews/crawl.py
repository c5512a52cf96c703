"""Pages of a crawl cleaned one at a time: what folder mode's workers, the datatrove step and
the Spark job share, so that the three give the same story, status and object for a record.

    for record in records("crawl.warc.gz"):           # cleannews.read.archives
        done = clean_record(record, options)
        if done.result is not None:
            print(record_json(done.result, "crawl.warc.gz", record))

A page's outcome is one of the --report statuses: cleaned, empty (nothing left; with learned
boilerplate, learned-empty), skipped (not text or HTML) or failed (broken, past a limit, or a
bug, which is reported, never raised: one page must not cost the others).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from . import Options, clean
from .errors import InputError, NotTextError, RuleError
from .model import Result
from .read.archives import Record
from .render import as_dict, json_line
from .report import CLEANED, EMPTY, FAILED, LEARNED_EMPTY, SKIPPED


class Cleaned(NamedTuple):
    """What became of one page: its status and why, and its Result when it was read."""

    status: str
    reason: str = ""
    result: Result | None = None


def clean_page(data: bytes | str, options: Options) -> Cleaned:
    """Clean one page, every failure turned into its status and reason."""
    try:
        result = clean(data, options)
    except NotTextError as exc:
        return Cleaned(SKIPPED, f"not text or HTML: {exc}")
    except (InputError, RuleError) as exc:
        return Cleaned(FAILED, str(exc))
    except Exception as exc:  # a bug on one page must not cost the others; it is reported, not hidden
        return Cleaned(FAILED, f"internal error: {type(exc).__name__}: {exc}")
    if result.text.strip():
        return Cleaned(CLEANED, "; ".join(result.warnings), result)
    return Cleaned(EMPTY, "nothing left after cleaning", result)


def record_options(options: Options, record: Record) -> Options:
    """The options for one record: its address (links, site) and its transport's charset."""
    if not record.url and not record.charset:
        return options
    url = record.url or options.url
    try:
        return options._replace(url=url, charset=record.charset)
    except ValueError:  # an address that is not an absolute URL: the page's own, if it has one
        return options._replace(charset=record.charset)


def clean_record(record: Record, options: Options) -> Cleaned:
    """A record's outcome: the reader's (skipped, failed), or its page cleaned."""
    if record.status or record.page is None:
        return Cleaned(record.status or SKIPPED, record.reason)
    return clean_page(record.page, record_options(options, record))


def without_boilerplate(done: Cleaned, boilerplate: Any, site: str, prints: tuple[int, ...] | None = None) -> Cleaned:
    """The outcome with the learned boilerplate (a learn.Boilerplate) dropped from its story;
    a story it takes whole (a page with no lede) is empty, learned. `prints`: the fingerprints
    of its kept blocks, if already computed."""
    return learned_away(done, boilerplate, site, prints)[0]


def learned_away(done: Cleaned, boilerplate: Any, site: str,
                 prints: tuple[int, ...] | None = None) -> tuple[Cleaned, bool]:
    """without_boilerplate()'s outcome, and whether it is the outcome for any counts that learn
    the same blocks of the page (learn.Boilerplate.dropped)."""
    if done.result is None or boilerplate is None:
        return done, True
    result, whole = boilerplate.dropped(done.result, site, prints)
    if result is done.result:
        return done, whole
    if _has_text(done.result.body) and not _has_text(result.body):
        return Cleaned(EMPTY, LEARNED_EMPTY, result), whole
    return Cleaned(done.status, done.reason, result), whole


def _has_text(body: str) -> bool:
    return bool(body) and not body.isspace()  # (strip() would copy it)


def record_object(result: Result, source: str | None, record: Record) -> dict[str, Any]:
    """The output object of a record: its source, the record's fields (an archive's url,
    warc_date and warc_record_id; a dump's other fields), then cleannews' own, which win a
    name they share with a dump's field."""
    out: dict[str, Any] = {"source": source} if source is not None else {}
    out.update(record.fields or {})
    out.update(as_dict(result))
    return out


def record_json(result: Result, source: str | None, record: Record) -> str:
    return json_line(record_object(result, source, record))


def record_failure_json(source: str, record: Record, status: str, error: str) -> str:
    """The line of a record that gave no story (failed), with what is known of it."""
    return json_line({"source": source, **(record.fields or {}), "record": record.where, "status": status,
                      "error": error})
