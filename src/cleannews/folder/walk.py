"""Inputs → the files of a batch, one at a time, in a fixed order, each with its output path.

Folders are walked lazily (one directory listing in memory at a time), sorted, so that every
run over the same tree sees the same files in the same order. A symbolic link is followed only
to a file inside the folder being walked; files that cannot be pages, files over the size
limit and anything that is not a regular file are yielded as skipped, with the reason.
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


class Entry(NamedTuple):
    """One file of the batch.

    path: how the user would name it (the input given, joined with the path under it);
    source: what to open (a link inside the folder is opened at its target);
    output: the output path relative to the output folder;
    folder: the folder it is in, as given (the site of a page that names none);
    status, reason: "skipped" or "failed" and why, when it is not to be cleaned ("" otherwise).
    """

    path: str
    source: str
    output: str
    folder: str
    size: int = 0
    mtime_ns: int = 0
    status: str = ""
    reason: str = ""


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
                 max_size: int | None = None) -> None:
        self.ext = ext
        self.include = include
        self.exclude = exclude
        self.max_size = max_size

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
        output = os.path.join(folder, output_name(name, self.ext))
        if output in taken:
            output = os.path.join(folder, name + self.ext)
        entry = Entry(given, given, output, os.path.dirname(given) or ".")
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
        outputs = self._outputs([e.name for e, _ in files], folders)
        for e in listing:  # files and folders interleaved, in name order
            if e.name in folders:
                yield from self._folder(e.path, root, os.path.join(shown, e.name), prefix,
                                        f"{rel}/{e.name}" if rel else e.name)
            elif e.name in outputs:
                yield self._file(e, root, os.path.join(shown, e.name), shown,
                                 os.path.join(prefix, rel, outputs[e.name]))

    def _outputs(self, names: list[str], folders: set[str]) -> dict[str, str]:
        """Output names for the files of one folder: page.html → page.txt, unless two files (or a
        file and a folder) would get the same name; then page.html → page.html.txt."""
        wanted = {n: output_name(n, self.ext) for n in names}
        counts: dict[str, int] = {}
        for n, out in wanted.items():
            if not not_a_page(n):  # an image has no output to clash with
                counts[out] = counts.get(out, 0) + 1
        return {n: (n + self.ext if counts.get(out, 0) > 1 or out in folders else out) for n, out in wanted.items()}

    def _file(self, e: os.DirEntry[str], root: str, shown: str, folder: str, output: str) -> Entry:
        entry = Entry(shown, e.path, output, folder)
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
