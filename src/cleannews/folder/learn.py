"""Learning a site's boilerplate from a batch of its pages.

A block that recurs word for word in many articles of one site is the site's furniture (an
appeal, a newsletter box, a promo), not its news: stories are not reprinted. No rule needs to
know its wording. Two passes: count each article's kept blocks, then drop the blocks that
reached the threshold, each as a decision of the rule `repeated-across-batch`:

    learner = Learner(min_articles=5)
    for page in pages:
        learner.add(cleannews.clean(page))
    boilerplate = learner.boilerplate()
    for page in pages:
        result = boilerplate.drop(cleannews.clean(page))

An article counts once however many copies of it there are (the same canonical URL, or the
same clean text), so saving a page twice does not make its story boilerplate.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from ..model import Decision, Result
from ..render import rendered

RULE = "repeated-across-batch"
# Blocks seen once are remembered in a Bloom filter of this many bits (4 MiB) rather than a set,
# so that memory stays flat however many pages a batch has. A false "seen" can only make a block
# one article more common than it is: about one block in a million at 300,000 distinct blocks.
BLOOM_BITS = 1 << 25
BLOOM_HASHES = 4


def normalise(text: str) -> str:
    """What "the same block" means: equal after Unicode compatibility forms, case and spacing."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _hash(*parts: str) -> int:
    data = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


def site_of(result: Result, fallback: str = "") -> str:
    """The site a page belongs to: the host of its canonical URL, else the site name its
    metadata gives, else `fallback` (folder mode passes the file's folder)."""
    url = result.metadata.get("url")
    if isinstance(url, str) and "//" in url:
        from urllib.parse import urlsplit

        host = (urlsplit(url.strip()).hostname or "").removeprefix("www.")
        if host:
            return host
    name = result.metadata.get("site_name")
    return normalise(name) if isinstance(name, str) and name.strip() else fallback


def _story(result: Result) -> Iterator[Decision]:
    """The kept blocks that could be boilerplate: everything kept but the headline."""
    return (d for d in result.decisions if d.keep and d.role != "title" and d.text.strip())


def fingerprints(result: Result, site: str) -> tuple[int, ...]:
    """The fingerprints of a document's kept blocks, in document order."""
    return tuple(_hash(site, normalise(d.text)) for d in _story(result))


def article_key(result: Result, site: str, prints: tuple[int, ...] | None = None) -> int:
    """Which article a document is: its canonical URL, or failing that its clean text (its
    headline and the fingerprints of its blocks, in order: `prints`, if already computed)."""
    url = result.metadata.get("url")
    if isinstance(url, str) and url.strip():
        return _hash("article", site, url.strip())
    blocks = fingerprints(result, site) if prints is None else prints
    return _hash("article", site, normalise(result.title or ""), *(f"{p:x}" for p in blocks))


class Boilerplate(NamedTuple):
    """What a batch taught: fingerprint → the number of articles its block occurs in."""

    counts: dict[int, int]

    def drop(self, result: Result, site: str | None = None) -> Result:
        """The result with every kept block that is learned boilerplate turned into a drop."""
        if not self.counts:
            return result
        site = site_of(result) if site is None else site
        decisions = list(result.decisions)
        changed = False
        for i, d in enumerate(decisions):
            if not d.keep or d.role == "title" or not d.text.strip():
                continue
            seen = self.counts.get(_hash(site, normalise(d.text)))
            if seen:
                reason = f"The same block is in {seen} articles of {site or 'this batch'}: the site's, not the story's."
                decisions[i] = Decision(d.block, False, "chrome", RULE, reason, "")
                changed = True
        if not changed:
            return result
        return rendered(result._replace(decisions=tuple(decisions)))


class _Seen:
    """A Bloom filter of 64-bit fingerprints: fixed memory, no false "never seen"."""

    def __init__(self, bits: int = BLOOM_BITS) -> None:
        self._bits = bytearray(bits // 8)
        self._mask = bits - 1  # bits is a power of two

    def add(self, fingerprint: int) -> bool:
        """Remember `fingerprint`; True if it was (probably) there already."""
        low, high = fingerprint & 0xFFFFFFFF, (fingerprint >> 32) | 1
        present = True
        for i in range(BLOOM_HASHES):
            bit = (low + i * high) & self._mask
            byte, flag = bit >> 3, 1 << (bit & 7)
            if not self._bits[byte] & flag:
                present = False
                self._bits[byte] |= flag
        return present


class Learner:
    """Counts, for each block, in how many distinct articles of its site it occurs."""

    def __init__(self, min_articles: int) -> None:
        if min_articles < 2:
            raise ValueError("a block must recur in at least 2 articles to be boilerplate")
        self.min_articles = min_articles
        self._seen = _Seen()
        self._repeated: dict[int, int] = {}  # only blocks seen more than once: few

    def add(self, result: Result, site: str | None = None) -> None:
        """Count one cleaned document (site: see site_of; give the folder for text files)."""
        site = site_of(result) if site is None else site
        prints = fingerprints(result, site)
        self.add_fingerprints(article_key(result, site, prints), prints)

    def add_fingerprints(self, article: int, prints: Iterable[int]) -> None:
        """Count one document given as its article key and block fingerprints (computed where
        it was cleaned, e.g. in a worker process)."""
        if self._seen.add(article):
            return  # a copy of an article already counted
        for fingerprint in set(prints):  # a block the page repeats is still one article's
            if fingerprint in self._repeated:
                self._repeated[fingerprint] += 1
            elif self._seen.add(fingerprint):
                self._repeated[fingerprint] = 2

    def boilerplate(self) -> Boilerplate:
        return Boilerplate({f: n for f, n in self._repeated.items() if n >= self.min_articles})
