"""Inputs → the files of a batch, one at a time, in a fixed order, each with its output path.

Folders are walked lazily (one directory listing in memory at a time), sorted, so that every
run over the same tree sees the same files in the same order. A symbolic link is followed only
to a file inside the folder being walked; files that cannot be pages, files over the size
limit and anything that is not a regular file are yielded as skipped, with the reason.

A web archive (a file named .warc, .arc or .gz whose first bytes open a WARC or an ARC) and,
with --input-format jsonl, every file is an input of many records: its entry says so, its
output is one JSON Lines (or CSV) file, and the size limit is each record's, not the file's.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from ..report import unreadable

# Extensions of files that are never a page or a text, by what they are: skipped without
# being read. Anything else is read, and skipped if its bytes turn out not to be text.
NOT_PAGES = {
    "an image": "png jpg jpeg gif webp svg ico bmp tif tiff avif heic heif psd",
    "audio or video": "mp3 mp4 m4a m4v webm ogg oga ogv opus wav flac mov avi mkv",
    "an archive": "zip tar tgz tbz2 bz2 xz 7z rar zst lz lzma",
    "a document": "pdf doc docx xls xlsx ppt pptx odt ods odp epub rtf",
    "a font": "woff woff2 ttf otf eot",
    "code or data": "css js mjs map wasm json xml csv tsv yaml yml",
    "a program": "exe dll so dylib bin o a class jar pyc whl deb rpm apk dmg iso msi",
}
_WHAT = {f".{ext}": what for what, exts in NOT_PAGES.items() for ext in exts.split()}
ARCHIVE = "archive"  # Entry.records: a WARC or ARC file
DUMP = "dump"  # Entry.records: a JSON Lines dump (--input-format jsonl)


class Entry(NamedTuple):
    """One file of the batch.

    path: how the user would name it (the input given, joined with the path under it);
    source: what to open (a link inside the folder is opened at its target);
    output: the output path relative to the output folder;
    folder: the folder it is in, as given (the site of a page that names none);
    status, reason: "skipped" or "failed" and why, when it is not to be cleaned ("" otherwise);
    records: ARCHIVE or DUMP for an input of many records, "" for a page.
    """

    path: str
    source: str
    output: str
    folder: str
    size: int = 0
    mtime_ns: int = 0
    status: str = ""
    reason: str = ""
    records: str = ""


def output_name(name: str, ext: str) -> str:
    """page.html → page.txt; page.html.gz → page.txt; notes → notes.txt."""
    if name.lower().endswith(".gz"):
        name = name[:-3]
    stem = os.path.splitext(name)[0]
    return (stem or name) + ext


def not_a_page(name: str) -> str | None:
    low = name.lower()
    if low.endswith((".tar.gz", ".tar.bz2", ".tar.xz")):
        return "not a page: an archive"
    what = _WHAT.get(os.path.splitext(low)[1])
    return f"not a page: {what}" if what else None


def _matches(patterns: Sequence[str], rel: str, name: str) -> bool:
    """A pattern with a slash is matched against the path under the folder, else the name."""
    return any(fnmatch.fnmatch(rel if "/" in p else name, p) for p in patterns)


def megabytes(size: int) -> str:
    """Sizes as --max-size takes them: 1M is 1024 × 1024 bytes."""
    return f"{size / 2**20:,.1f}M"


class Walk:
    """Which files of the inputs are the batch, and where each one's output goes."""

    def __init__(self, ext: str, include: Sequence[str] = (), exclude: Sequence[str] = (),
                 max_size: int | None = None, records_ext: str = ".jsonl", dumps: bool = False) -> None:
        self.ext = ext
        self.include = include
        self.exclude = exclude
        self.max_size = max_size
        self.records_ext = records_ext  # the output of an input of many records
        self.dumps = dumps  # every file is a JSON Lines dump

    def _records(self, path: str) -> str:
        """ARCHIVE, DUMP or "" (a page): what the file at `path` holds."""
        if self.dumps:
            return DUMP
        from ..read.archives import is_archive

        return ARCHIVE if is_archive(path) else ""

    def entries(self, inputs: Sequence[str]) -> Iterator[Entry]:
        """Every file of `inputs` (files and folders), in order."""
        taken: set[str] = set()  # outputs of files named one by one, so that two cannot clash
        for given, prefix in zip(inputs, prefixes(inputs), strict=True):
            if os.path.isdir(given):
                yield from self._folder(given, os.path.realpath(given), given, prefix, "")
            else:
                yield self._named(given, prefix, taken)

    def _named(self, given: str, prefix: str, taken: set[str]) -> Entry:
        folder, name = os.path.split(prefix)
        records = self._records(given)
        ext = self.records_ext if records else self.ext
        output = os.path.join(folder, output_name(name, ext))
        if output in taken:
            output = os.path.join(folder, name + ext)
        entry = Entry(given, given, output, os.path.dirname(given) or ".", records=records)
        if output in taken:
            return entry._replace(status="failed", reason="another input has the same output file")
        taken.add(output)
        try:
            st = os.stat(given)
        except OSError as exc:
            return entry._replace(status="failed", reason=unreadable(given, exc))
        return self._judged(entry, name, st)

    def _judged(self, entry: Entry, name: str, st: os.stat_result) -> Entry:
        entry = entry._replace(size=st.st_size, mtime_ns=st.st_mtime_ns)
        skip = not_a_page(name)
        if entry.records:  # many records in one file: the size limit is each one's
            if entry.records == DUMP and skip and not name.lower().endswith(".json"):  # an image is no dump
                return entry._replace(status="skipped", reason=skip.replace("a page", "a JSON Lines dump"))
            return entry
        if skip is None and self.max_size is not None and st.st_size > self.max_size:
            skip = f"{megabytes(st.st_size)}, over the size limit of {megabytes(self.max_size)} (--max-size)"
        return entry._replace(status="skipped", reason=skip) if skip else entry

    def _folder(self, path: str, root: str, shown: str, prefix: str, rel: str) -> Iterator[Entry]:
        try:
            with os.scandir(path) as it:
                listing = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield Entry(shown, "", "", shown, status="failed",
                        reason=f"cannot read the folder: {exc.strerror or exc}")
            return
        files: list[tuple[os.DirEntry[str], str]] = []
        folders: set[str] = set()
        for e in listing:
            sub = f"{rel}/{e.name}" if rel else e.name
            if self.exclude and _matches(self.exclude, sub, e.name):
                continue
            if e.is_dir(follow_symlinks=False):
                folders.add(e.name)
            elif not self.include or _matches(self.include, sub, e.name):
                files.append((e, sub))
        kinds = {e.name: self._records(e.path) if _regular_inside(e, root) else "" for e, _ in files}
        outputs = self._outputs(kinds, folders)
        for e in listing:  # files and folders interleaved, in name order
            if e.name in folders:
                yield from self._folder(e.path, root, os.path.join(shown, e.name), prefix,
                                        f"{rel}/{e.name}" if rel else e.name)
            elif e.name in outputs:
                yield self._file(e, root, os.path.join(shown, e.name), shown,
                                 os.path.join(prefix, rel, outputs[e.name]), kinds[e.name])

    def _outputs(self, kinds: dict[str, str], folders: set[str]) -> dict[str, str]:
        """Output names for the files of one folder (name → what it holds): page.html →
        page.txt, crawl.warc.gz → crawl.jsonl, unless two files (or a file and a folder) would
        get the same name; then page.html → page.html.txt."""
        exts = {n: self.records_ext if kind else self.ext for n, kind in kinds.items()}
        wanted = {n: output_name(n, exts[n]) for n in kinds}
        counts: dict[str, int] = {}
        for n, out in wanted.items():
            if kinds[n] or not not_a_page(n):  # an image has no output to clash with
                counts[out] = counts.get(out, 0) + 1
        return {n: (n + exts[n] if counts.get(out, 0) > 1 or out in folders else out) for n, out in wanted.items()}

    def _file(self, e: os.DirEntry[str], root: str, shown: str, folder: str, output: str, records: str) -> Entry:
        entry = Entry(shown, e.path, output, folder, records=records)
        try:
            if not e.is_symlink():
                st = e.stat(follow_symlinks=False)
                if not e.is_file(follow_symlinks=False):
                    return entry._replace(status="skipped", reason="not a regular file")
                return self._judged(entry, e.name, st)
            target = os.path.realpath(e.path)
            if not os.path.exists(target):
                return entry._replace(status="skipped", reason="a broken symbolic link")
            if os.path.commonpath([root, target]) != root:
                return entry._replace(status="skipped", reason="a symbolic link out of the folder, not followed")
            st = os.stat(target)
        except OSError as exc:
            return entry._replace(status="failed", reason=exc.strerror or str(exc))
        if os.path.isdir(target):
            return entry._replace(status="skipped", reason="a symbolic link to a folder, not followed")
        if not os.path.isfile(target):
            return entry._replace(status="skipped", reason="not a regular file")
        return self._judged(entry._replace(source=target), e.name, st)


def _regular_inside(e: os.DirEntry[str], root: str) -> bool:
    """A regular file, or a link to one inside the folder: safe to open and look at (a FIFO
    would block the walk, and a link out of the folder is not followed)."""
    try:
        if not e.is_symlink():
            return e.is_file(follow_symlinks=False)
        target = os.path.realpath(e.path)
        return os.path.commonpath([root, target]) == root and os.path.isfile(target)
    except (OSError, ValueError):
        return False


def prefixes(inputs: Sequence[str]) -> list[str]:
    """Where each input goes under the output folder. One folder: its contents at the top.
    Otherwise each input keeps its path relative to the folder all of them are in."""
    if len(inputs) == 1 and os.path.isdir(inputs[0]):
        return [""]
    paths = [os.path.abspath(p) for p in inputs]
    try:
        base = os.path.commonpath([os.path.dirname(p) for p in paths])
    except ValueError:  # different drives (Windows): no common folder
        return [os.path.basename(p) for p in paths]
    return [os.path.relpath(p, base) for p in paths]
