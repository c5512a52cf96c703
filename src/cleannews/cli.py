"""The command line: flags → Options, inputs → clean() → outputs. Nothing else lives here.

A command line of file names only does not come here: entry.py runs it without click."""

from __future__ import annotations

import os
import signal
import sys

import click
from click.core import ParameterSource

from . import Options, __version__
from .entry import CONFIG_ENV, USER_RULES, Single, each, main, rule_paths, stdout_closed, usage_error
from .errors import RuleError
from .render import COLOURS, FORMATS, explain_width, use_colour
from .report import display, exit_for_signal
from .rules import check_user_files, load_rules

__all__ = ["command", "main", "run"]

# Folder mode's limits: generous for real pages (a 10 MB page cleans in well under 30 s, see
# bench/README.md; a saved page with its pictures inlined can pass 10 MB), tight enough that
# one pathological file cannot stall a run.
DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_SIZE = "20M"
DEFAULT_LEARN_MIN = 5  # articles of one site a block must be in to be its boilerplate
# Options that only folder mode uses: given to a single-file run, they are an error, not ignored.
FOLDER_ONLY = ("include", "exclude", "jobs", "timeout", "max_size", "force", "report", "no_learn", "learn_min")
SIZE_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}
STREAMS = ("jsonl", "csv")  # formats of one stream for many inputs


def _listed(source: str, null: bool) -> list[str]:
    """--files-from: the names in FILE (or standard input), one a line or NUL-separated (-0),
    as find -print0 writes them. Names are bytes to the system: decoded as Python decodes
    argv, so that a name that is not UTF-8 still opens."""
    try:
        if source == "-":
            data = sys.stdin.buffer.read() if sys.stdin is not None else b""
        else:
            with open(source, "rb") as f:
                data = f.read()
    except OSError as exc:
        raise click.BadParameter(f"{display(source)}: {exc.strerror or exc}", param_hint="--files-from") from None
    if null:
        return [os.fsdecode(name) for name in data.split(b"\0") if name]
    return [os.fsdecode(line.removesuffix(b"\r")) for line in data.split(b"\n") if line.strip(b"\r")]


def _same_file(a: str, b: str) -> bool:
    return os.path.realpath(a) == os.path.realpath(b)


def _list_rules(options: Options, verbose: bool) -> None:
    """The active rules, then the HTML selectors, in columns under a header; with verbose,
    each one's pattern and why under it."""
    ruleset = load_rules(options.rule_files, None)
    rules = sorted(ruleset.rules, key=lambda r: r.id)
    selectors = sorted(ruleset.selectors, key=lambda r: r.id)
    lines = [f"# {len(rules)} rules and {len(selectors)} selectors from: {', '.join(ruleset.sources)}",
             f"{'# id':<44} {'kind':<10} {'scope':<8} {'match':<6} {'weight':<6} source"]
    for rule, selector in [(r, False) for r in rules] + [(r, True) for r in selectors]:
        shape = ("selector", "names", "-") if selector else (rule.scope, rule.match, f"{rule.weight:.2g}")
        scope, match, weight = shape
        lines.append(f"{rule.id:<44} {rule.kind:<10} {scope:<8} {match:<6} {weight:<6} {rule.source}")
        if verbose:
            lines.append("    pattern: " + rule.pattern.strip().replace("\n", "\n             "))
            if rule.why:
                lines.append(f"    why: {rule.why}")
    click.echo("\n".join(lines))


def _size(ctx: click.Context, param: click.Parameter, value: str) -> int:
    """2000000, 500K, 20M, 1G (binary units)."""
    text = value.strip().lower().removesuffix("b").removesuffix("i")
    unit = text[-1:] if text[-1:] in SIZE_UNITS and not text[-1:].isdigit() else ""
    try:
        size = float(text[: len(text) - len(unit)]) * SIZE_UNITS[unit]
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a size such as 500K, 20M or 1G") from None
    if size <= 0:
        raise click.BadParameter("must be more than 0")
    return int(size)


def _url(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None:
        try:
            Options(url=value)
        except ValueError:
            raise click.BadParameter(f"{value!r} is not an absolute URL such as https://example.com/story") from None
    return value


def _mode(names: list[str], output: str | None, fmt: str, many: bool) -> str:
    """How to run: "folder" (a tree mirrored into -o DIR), "stream" (files cleaned in folder
    mode into one JSON Lines or CSV stream: standard output, or the file -o names) or
    "single" (each input in turn). `many`: an input holds many pages (an archive, a dump),
    which like a folder's are cleaned in folder mode."""
    folders = many or any(n != "-" and os.path.isdir(n) for n in names)
    streams = fmt in STREAMS
    if output is not None:
        if os.path.isdir(output) or output.endswith(("/", os.sep)):
            return "folder"
        return ("stream" if streams else "folder") if folders else "single"
    return "stream" if streams and "-" not in names else "single"


def _many(names: list[str], dumps: bool) -> str | None:
    """How to name the inputs that hold many pages (web archives; with --input-format jsonl,
    every input), if any."""
    if dumps:
        if "-" in names:
            usage_error("-: a JSON Lines dump is read from a file, not from standard input")
        return "--input-format jsonl"
    from .read.archives import is_archive  # looks only at files named .warc, .arc or .gz

    return next((display(n) for n in names if n != "-" and is_archive(n)), None)


def _given(ctx: click.Context, names: tuple[str, ...]) -> list[str]:
    """The flags among `names` (parameter names) that the command line gave."""
    return [max(p.opts, key=len) for p in ctx.command.params
            if p.name in names and ctx.get_parameter_source(p.name) == ParameterSource.COMMANDLINE]


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("inputs", nargs=-1, metavar="[FILE]...")
@click.option("-o", "--output", type=click.Path(), metavar="FILE|DIR",
              help="Write to FILE instead of standard output (written whole, then renamed into place). "
                   "With a folder among the inputs, or DIR an existing folder or a name ending in /, "
                   "write one output per input file into DIR, mirroring the input tree; with "
                   "--format jsonl or csv and a folder among the inputs, one file of them all.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: headline, blank line, paragraphs. markdown: the same with headings and "
                   "lists marked. json: one object per input (JSON Lines for several) with text, "
                   "title, metadata and every removed block with its rule; an input that fails is "
                   "an object with source, status and error. jsonl: the same, each object naming "
                   "its source; without -o, files and folders are cleaned in folder mode and "
                   "streamed in input order. csv: a header, then one row per input: source, title, "
                   "url, date, text (streamed like jsonl).")
@click.option("--explain", is_flag=True,
              help="Instead of the story, print every block marked KEEP or DROP (and each sentence "
                   "CUT) with the rule id and the reason; on a terminal, fitted to its width.")
@click.option("--color", "color", type=click.Choice(COLOURS), default="auto", show_default=True,
              help="Colour --explain and the progress bar: auto is on a terminal, unless NO_COLOR "
                   "is set or TERM=dumb; always is for `less -R`.")
@click.option("--input-format", type=click.Choice(["auto", "text", "html", "jsonl"]), default="auto",
              show_default=True,
              help="What the input is; auto looks at the content (a web archive, .warc or .arc, plain "
                   "or gzip, is known by it). jsonl: each input is a JSON Lines dump, a page in each "
                   "line's --field.")
@click.option("--field", default="html", show_default=True, metavar="NAME",
              help="With --input-format jsonl: the field that holds each line's page (html, text, ...); "
                   "the line's other fields are carried into its output object, its url is the page's.")
@click.option("--keep-captions", is_flag=True, help="Keep photo captions and credits.")
@click.option("--links", is_flag=True,
              help="Keep the story's links: in text as `anchor [n]` with the numbered addresses at "
                   "the end (as lynx prints them), in markdown as links, in JSON as a links list.")
@click.option("--url", metavar="URL", callback=_url,
              help="The address the page came from: relative links resolve against it (after its "
                   "<base>), and a page that names no canonical URL (standard input, a text) gets it "
                   "as its metadata url, and so its site.")
@click.option("--no-title", is_flag=True,
              help="Print the story without its headline (text and markdown; JSON has both text and body).")
@click.option("--metadata", is_flag=True,
              help="Print a short header (title, author, date, URL) above the story (text and "
                   "markdown; markdown as YAML front matter).")
@click.option("--rules", "rule_files", multiple=True, metavar="FILE",
              type=click.Path(exists=True, dir_okay=False),
              help="Add a rule pack (TOML; repeatable). Loaded after the shipped packs and the "
                   f"user's {USER_RULES}.")
@click.option("--no-config", is_flag=True,
              help=f"Ignore the user's rule file ({USER_RULES} in the config folder, or in "
                   f"${CONFIG_ENV}).")
@click.option("--list-rules", is_flag=True,
              help="Print the active rules and HTML selectors, each with its kind, scope and the "
                   "file it comes from, under a header; then exit.")
@click.option("--verbose", is_flag=True, help="With --list-rules, also print each rule's pattern and why.")
@click.option("--files-from", metavar="FILE", type=click.Path(dir_okay=False, allow_dash=True),
              help="Also clean the files named in FILE, one a line (- reads the names from standard "
                   "input), as find prints them.")
@click.option("-0", "--null", is_flag=True,
              help="With --files-from, the names are separated by NUL characters (find -print0).")
@click.option("--glob", "include", multiple=True, metavar="PATTERN",
              help="Folder mode: only files matching PATTERN (repeatable; a pattern with a / is "
                   "matched against the path under the folder, else against the file name).")
@click.option("--exclude", multiple=True, metavar="PATTERN",
              help="Folder mode: leave out files and folders matching PATTERN (repeatable).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help="Folder mode: worker processes  [default: one per CPU]")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_TIMEOUT,
              show_default=True, metavar="SECONDS",
              help="Folder mode: time limit per file (per page of an archive or a dump); a file over it fails "
                   "and its worker is replaced.")
@click.option("--max-size", default=DEFAULT_MAX_SIZE, show_default=True, metavar="SIZE", callback=_size,
              help="Folder mode: skip files (pages of an archive or a dump) larger than SIZE (500K, 20M, 1G).")
@click.option("--force", is_flag=True,
              help="Folder mode: clean every file again, even those whose output is newer than they are.")
@click.option("--report", type=click.Path(dir_okay=False), metavar="FILE",
              help="Folder mode: write one JSON line per input file to FILE: path, status (cleaned, "
                   "empty, failed, skipped, up-to-date), reason, rules, time, output.")
@click.option("--no-learn", is_flag=True,
              help="Folder mode: do not learn boilerplate (blocks that recur word for word in many "
                   "articles of one site) from the batch.")
@click.option("--learn-min", type=click.IntRange(min=2), default=DEFAULT_LEARN_MIN, show_default=True,
              metavar="N", help="Folder mode: a block in at least N distinct articles of a site is its "
                                "boilerplate, dropped as rule repeated-across-batch.")
@click.version_option(__version__, "-V", "--version", prog_name="cleannews")
def command(inputs: tuple[str, ...], output: str | None, fmt: str, explain: bool, color: str, input_format: str,
            field: str, keep_captions: bool, links: bool, url: str | None, no_title: bool, metadata: bool,
            rule_files: tuple[str, ...], no_config: bool, list_rules: bool, verbose: bool, files_from: str | None,
            null: bool, include: tuple[str, ...], exclude: tuple[str, ...], jobs: int | None, timeout: float,
            max_size: int, force: bool, report: str | None, no_learn: bool, learn_min: int) -> None:
    """Print the clean story of a news article: its headline, a blank line, then the story's
    paragraphs -- without donation and membership appeals, newsletter pitches, "Read more"
    tails, share widgets, captions and credits.

    FILE is an HTML page or plain text (a copy from a browser, a scrape, a `w3m -dump` or
    `lynx -dump`), in any encoding. With no FILE, or when FILE is -, read standard input.
    Output is always UTF-8.

    Folder mode (a folder among the inputs with -o DIR, several files with -o DIR/, or
    --format jsonl or csv): the files are cleaned in parallel, each into DIR under its own
    path with the format's extension (never into the input folder); outputs newer than their
    inputs are left alone, so running again resumes; a progress bar on a terminal, one
    summary line on stderr.

    \b
    Examples:
      curl -s https://example.com/story | cleannews --url https://example.com/story
      cleannews saved-page.html -o story.txt
      cleannews --explain --color always page.html | less -R
      cleannews --links --metadata page.html
      cleannews --format json *.html > stories.jsonl
      cleannews saved-pages/ -o stories/ --report report.jsonl
      cleannews --format jsonl saved-pages/ | jq -r .title
      cleannews --format csv saved-pages/ -o stories.csv
      find . -name '*.html' -print0 | cleannews --files-from - -0 -o stories/

    \b
    Exit status: 0 all inputs cleaned; 1 some input failed (named on stderr,
    one line each; the others are still cleaned), or a folder run stopped by a
    full disk; 2 usage error or a broken rule file; 130 or 143 a folder run
    stopped by Ctrl-C or SIGTERM (what was written is whole); 141 the reader of
    standard output left (`| head`), as for any filter.
    """
    ctx = click.get_current_context()
    dumps = input_format == "jsonl"
    if not dumps and _given(ctx, ("field",)):
        usage_error("--field: only with --input-format jsonl")
    options = Options(
        input_format="auto" if dumps else input_format,  # type: ignore[arg-type]
        keep_captions=keep_captions,
        rule_files=rule_paths(rule_files, not no_config),
        links=links,
        url=url,
    )
    if verbose and not list_rules:
        usage_error("--verbose: only with --list-rules")
    if null and files_from is None:
        usage_error("-0: only with --files-from")
    if metadata and (explain or fmt not in ("text", "markdown")):
        usage_error("--metadata: only for --format text or markdown (JSON and CSV have the metadata already)")
    try:
        if list_rules:
            _list_rules(options, verbose)
            return
        check_user_files(options.rule_files)
    except RuleError as exc:
        usage_error(str(exc))
    if sys.stdout is None and output is None:
        sys.exit(stdout_closed())
    if files_from is None:
        names = list(inputs or ("-",))
    else:
        if files_from == "-" and "-" in inputs:
            usage_error("-: standard input is the list of files (--files-from -); it cannot be an input too")
        names = [*inputs, *_listed(files_from, null)]
    many = _many(names, dumps)
    mode = _mode(names, output, fmt, bool(many))
    if many and mode == "single":
        usage_error(f"{many}: holds many pages; clean them with --format jsonl (or csv), or into a folder "
                     "with -o DIR/")
    if mode != "single":
        from .folder import batch  # workers and multiprocessing load only for folder mode

        if url is not None:
            usage_error("--url: names one page; folder mode reads each page's own")
        settings = batch.Settings(timeout=timeout, max_size=max_size, learn_min=learn_min, fmt=fmt,
                                  explain=explain, title=not no_title, metadata=metadata, jobs=jobs, force=force,
                                  learn=not no_learn, include=include, exclude=exclude, report=report, color=color,
                                  stream_to=output if mode == "stream" else None,
                                  dump_field=field if dumps else None)
        try:
            sys.exit(batch.run(names, output if mode == "folder" else None, options, settings))
        except batch.Refused as exc:
            usage_error(str(exc))
    given = _given(ctx, FOLDER_ONLY)
    if given:
        usage_error(f"{', '.join(given)}: only for folder mode (a folder and -o DIR, or --format jsonl)")
    if output is not None and any(n != "-" and _same_file(n, output) for n in names):
        usage_error(f"{display(output)}: is also an input; refusing to overwrite it")
    to_stdout = output is None
    single = Single(options, fmt, explain, use_colour(color, sys.stdout) if to_stdout else color == "always",
                    explain_width(sys.stdout) if explain and to_stdout else None, not no_title, metadata,
                    len(names) > 1)
    sys.exit(each(names, output, single))


def run() -> int:
    """The click command on this process's command line; returns the exit status."""
    try:
        command(prog_name="cleannews", standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.Abort:
        return exit_for_signal(signal.SIGINT)
    return 0
