"""What the benchmarks share: pinning to one core, tables of results and targets, the shared scorers,
appeals-dev cases and the test of a story lost."""

from __future__ import annotations

import importlib
import json
import os
import re
import shlex
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple


@contextmanager
def one_core() -> Iterator[str]:
    """Pin this process (and the children it starts) to one CPU while timing, where the OS lets
    us; restore it afterwards. Yields a note on what was done, for the report."""
    getter = getattr(os, "sched_getaffinity", None)
    setter = getattr(os, "sched_setaffinity", None)
    if getter is None or setter is None:
        yield "not pinned (no sched_setaffinity here); the timed code is single-threaded anyway"
        return
    before = getter(0)
    cpu = min(before)
    setter(0, {cpu})
    try:
        yield f"pinned to CPU {cpu}"
    finally:
        setter(0, before)


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows, strict=True)]

    def line(cells: list[str]) -> str:
        return "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def say(text: str) -> None:
    print(text, flush=True)


# --- what the benchmarks measure against ---------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TOOLS = SHARED / "tools"  # extract_score.py, score_appeals.py, textutil.py: the scoring definitions
APPEALS = SHARED / "corpora" / "appeals-dev"
SCRAPINGHUB = SHARED / "corpora" / "scrapinghub-aeb"


def shared_tool(name: str) -> Any | None:
    """A module of ../shared/tools (extract_score, score_appeals, textutil), or None when the file
    is missing or does not import: the caller reports its figures as n/a instead of crashing."""
    if not (TOOLS / f"{name}.py").is_file():
        return None
    if str(TOOLS) not in sys.path:
        sys.path.insert(0, str(TOOLS))
    try:
        return importlib.import_module(name)
    except Exception:
        return None


def check(metric: str, value: float | None, shown: str, target: str, ok: bool | None,
          gate: bool = True) -> dict[str, Any]:
    """One row of a targets table. `ok` None means it could not be measured, which `--check`
    counts as a failure when the row is gated."""
    return {"metric": metric, "value": value, "shown": shown, "target": target, "ok": ok, "gate": gate}


def at_least(metric: str, value: float | None, target: float, digits: int = 3, missing: str = "n/a",
             gate: bool = True) -> dict[str, Any]:
    shown = missing if value is None else f"{value:.{digits}f}"
    return check(metric, value, shown, f">= {target:.{digits}f}", None if value is None else value >= target, gate)


def targets_table(checks: list[dict[str, Any]]) -> str:
    return table(["metric", "value", "target", "result"],
                 [[c["metric"], c["shown"], c["target"],
                   verdict(c["ok"]) if c["gate"] else ("" if c["ok"] is None else ("met" if c["ok"] else "not met"))]
                  for c in checks])


def failed(checks: list[dict[str, Any]]) -> bool:
    """Whether a gated target failed or could not be measured (what `--check` exits 1 on)."""
    return any(c["ok"] is not True for c in checks if c["gate"])


# --- a story lost ---------------------------------------------------------------------------------

WORD = re.compile(r"\w+")  # extract_score.py's tokens
LOST_GOLD_WORDS = 100  # a story of at least this many words ...
LOST_BODY_WORDS = 20  # ... whose clean body has fewer words than this
LOST_BODY_SHARE = 0.10  # ... or than this share of the story's
LOST_RULE = (f"a story of {LOST_GOLD_WORDS}+ words whose clean body has fewer than {LOST_BODY_WORDS} words "
             f"or {LOST_BODY_SHARE:.0%} of the story's")


def words(text: str) -> int:
    return len(WORD.findall(text))


def story_lost(gold_words: int, body_words: int) -> bool:
    """A page with a story of 100+ words that cleans to a headline and (nearly) nothing: a body of
    fewer than 20 words, or fewer than a tenth of the story's."""
    return gold_words >= LOST_GOLD_WORDS and body_words < max(LOST_BODY_WORDS, LOST_BODY_SHARE * gold_words)


# --- appeals-dev --------------------------------------------------------------------------------

INPUT_FILE = {"html": "input.html", "text": "input.txt", "mhtml": "input.mhtml"}  # as score_appeals.py


class Case(NamedTuple):
    """One appeals-dev case: its folder (gold.json and the input) and its gold."""

    path: Path
    gold: dict[str, Any]

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def input(self) -> Path:
        return self.path / INPUT_FILE[self.gold["kind"]]


def appeals_cases(root: Path, kinds: tuple[str, ...]) -> list[Case]:
    """The cases under `root` whose gold kind is one of `kinds`, sorted by name."""
    found = (Case(gold.parent, json.loads(gold.read_text(encoding="utf-8"))) for gold in root.glob("*/gold.json"))
    return sorted((c for c in found if c.gold["kind"] in kinds), key=lambda c: c.name)


def made_case(folder: Path, gold: dict[str, Any], data: bytes) -> Case:
    """A case made at run time (a rendition, an MHTML copy) in a folder of our own."""
    folder.mkdir(parents=True)
    (folder / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
    case = Case(folder, gold)
    case.input.write_bytes(data)
    return case


def score_outputs(sa: Any, cases: list[Case], outputs: list[str], tmp: Path) -> list[dict[str, Any]]:
    """Score the cleaned outputs of `cases` (made in-process) with score_appeals.py's own run_case:
    each output is written to a file and handed to it through `cat`, so keep, drop, title and
    errors (an empty output is one) are exactly its definitions."""
    tmp.mkdir(parents=True, exist_ok=True)
    rows = []
    for i, (case, out) in enumerate(zip(cases, outputs, strict=True)):
        file = tmp / f"{i:03d}-{case.name}.txt"
        file.write_text(out, encoding="utf-8")
        row = sa.run_case(str(case.path), "cat " + shlex.quote(str(file)), 60)
        rows.append(row)
    return rows


def appeals_checks(label: str, summary: dict[str, Any] | None, keep: float, drop: float) -> list[dict[str, Any]]:
    """keep and drop (macro, as score_appeals.py's summary) at least their targets, and every trap
    case (a story about donations or subscriptions) kept whole; with no trap case among them there is
    nothing to check and the row is not gated."""
    if summary is None:
        return [check(f"{label}: {what}", None, "not measured", "", None) for what in ("keep", "drop", "traps")]
    rows = [at_least(f"{label}: keep (macro)", summary["keep_recall_macro"], keep),
            at_least(f"{label}: drop (macro)", summary["drop_rate_macro"], drop)]
    traps, trap_keep = summary["trap_cases"], summary["trap_keep_recall_macro"]
    if traps:
        rows.append(check(f"{label}: traps kept whole", trap_keep, f"{trap_keep:.3f} over {traps} trap cases",
                          "= 1.000", trap_keep == 1.0))
    else:
        rows.append(check(f"{label}: traps kept whole", None, "no trap case", "= 1.000", None, gate=False))
    return rows


# --- cleaning in-process --------------------------------------------------------------------------


class Cleaned(NamedTuple):
    """What a benchmark keeps of one clean() call."""

    text: str  # what the CLI prints: the headline, a blank line, the story
    body: str  # the story without its headline, what the ScrapingHub gold holds
    extractor: str | None  # Result.metadata["extractor"], when the release says which produced the body
    error: str | None  # clean() raised: the CLI would have exited non-zero


def story_body(result: Any) -> str:
    """Result.body; for a release that had no body yet, its text without the title line and the
    blank line after it (what the benchmarks scored before Result.body existed)."""
    if "body" in result._fields:
        return str(result.body)
    text, title = result.text, result.title
    return text[len(title):].lstrip("\n") if title and text.startswith(title) else text


def cleaned(data: bytes) -> Cleaned:
    """clean() of the cleannews importable here, with its default options, as `cleannews FILE` runs."""
    import cleannews

    try:
        result = cleannews.clean(data)
    except Exception as exc:
        return Cleaned("", "", None, f"{type(exc).__name__}: {str(exc)[:200]}")
    extractor = result.metadata.get("extractor")
    return Cleaned(result.text, story_body(result), None if extractor is None else str(extractor), None)
