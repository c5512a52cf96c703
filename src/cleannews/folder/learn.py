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

Learning never takes a story's lede (its first paragraph of running text), nor more than half
of the story's words: pages that share a long passage (wire copy in many stories, test pages
with the same filler) keep it, and the most repeated blocks go first. A page with no
paragraph of running text (a list, a gallery) has no story to protect: learning may take all
of it.

The counts add: learners that counted parts of a batch (tasks, partitions) are combined with
merge(), and counts() / Boilerplate.from_counts() carry what was learned between runs. A Learner
keeps the blocks it saw once in a set while they are few, then in a Bloom filter, which cannot
be listed: a block each part saw once is lost in a merge. Across the tasks of a crawl (an
engine's: datatrove, Spark), where one site's articles are spread over every task, a Tally
counts instead: every block, exactly, so that the tallies of the tasks add up to the counts of
the whole crawl.
"""

from __future__ import annotations

import hashlib
import struct
import sys
import unicodedata
from array import array
from collections.abc import Iterable, Mapping, Sequence
from itertools import repeat
from typing import NamedTuple

from ..decide.evidence import PROSE_MIN_WORDS, word_count
from ..model import PARAGRAPH, Decision, Result, new_result
from ..render import rendered

RULE = "repeated-across-batch"
# Blocks seen once are remembered in a Bloom filter of this many bits (4 MiB) rather than a set,
# so that memory stays flat however many pages a batch has. A false "seen" can only make a block
# one article more common than it is: about one block in a million at 300,000 distinct blocks.
BLOOM_BITS = 1 << 25
BLOOM_HASHES = 4
# The first this many are remembered exactly, in a set (about 2 MiB beside the filter's 4): a
# set's look-up costs a tenth of the filter's, which a batch of small pages feels.
SEEN_EXACT = 1 << 15
STORY_FLOOR = 0.5  # learning leaves at least this share of a story's words


def normalise(text: str) -> str:
    """What "the same block" means: equal after Unicode compatibility forms, case and spacing."""
    # ASCII is its own compatibility form, and its case folds as lower() folds it, faster.
    folded = text.lower() if text.isascii() else unicodedata.normalize("NFKC", text).casefold()
    if folded.isprintable() and "  " not in folded and folded[:1] != " " and folded[-1:] != " ":
        # Spaced already, as block text is: every other whitespace character is unprintable.
        # Splitting would change nothing and costs most of a fingerprint.
        return folded
    return " ".join(folded.split())


def _hash(*parts: str) -> int:
    data = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


def _fold_table() -> bytes:
    """Each Latin-1 byte to what normalise() makes of its character, where that is one Latin-1
    character and not whitespace (the space, and NBSP, become a space); NUL for the rest, which
    the short cut leaves to normalise(); ß, whose fold is "ss", stays ß, to be replaced after.
    Latin-1 holds no combining mark and no character that composes with the next, so
    normalise() folds Latin-1 text a character at a time, as bytes.translate() does."""
    table = bytearray(256)
    for byte in range(256):
        folded = unicodedata.normalize("NFKC", chr(byte)).casefold()
        if folded == "ss":
            table[byte] = byte
        elif len(folded) == 1 and folded <= "\xff" and (folded == " " or not folded.isspace()):
            table[byte] = ord(folded)
    return bytes(table)


_FOLD = _fold_table()


def _spaced(folded: bytes) -> bool:
    """Whether text folded by _FOLD is normalise()'s already: no character left to it (NUL),
    no whitespace but single spaces between words."""
    # (`bytes in bytes` first tries its operand as an int and clears the TypeError, a few
    # thousand instructions: the byte NUL is looked for as the int 0, two spaces with find())
    return 0 not in folded and folded.find(b"  ") < 0 and folded[:1] != b" " and folded[-1:] != b" "


def _normalised(text: str, folded: bytes | None) -> bytes:
    """normalise(text) in UTF-8, `folded` being the text's Latin-1 bytes folded by _FOLD (None
    if it is not Latin-1 or has not been folded): those bytes when they are spaced already."""
    if folded is None and text.isascii():
        folded = text.encode("ascii").translate(_FOLD)
    if folded is None or not _spaced(folded):
        return normalise(text).encode("utf-8", "surrogatepass")
    return _utf8(folded)


def _utf8(folded: bytes) -> bytes:
    """Latin-1 text folded by _FOLD, in UTF-8 and with ß folded to "ss"."""
    return folded if folded.isascii() else folded.replace(b"\xdf", b"ss").decode("latin-1").encode("utf-8")


def _story(decisions: Sequence[Decision]) -> list[int]:
    """Where the kept blocks that could be boilerplate are: everything kept but the headline
    and blank text (`not text.isspace()` stops at the first letter; strip() copies)."""
    return [i for i, d in enumerate(decisions) if d.keep and d.role != "title" and d.text and not d.text.isspace()]


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


def fingerprints(result: Result, site: str) -> tuple[int, ...]:
    """The fingerprints of a document's kept blocks, in document order: _hash(site,
    normalise(text)) of each, the same bytes hashed. The workers pay it for every page: the
    usual page (Latin-1, spaced already) is folded and checked in a few passes over its bytes
    rather than by normalise() a block at a time."""
    prefix = f"{site}\x1f".encode("utf-8", "surrogatepass")
    decisions = result.decisions
    texts = [decisions[i].text for i in _story(decisions)]
    try:
        folded = list(map(bytes.translate, map(str.encode, texts, repeat("latin-1")), repeat(_FOLD)))
    except UnicodeEncodeError:  # a text with other characters (raised as it is met: little was folded in vain)
        data = [_normalised(text, None) for text in texts]
    else:
        page = b" ".join(folded)  # a text starting or ending with a space shows as two spaces
        if not _spaced(page):
            data = list(map(_normalised, texts, folded))
        else:
            data = folded if page.isascii() else list(map(_utf8, folded))
    digests = b"".join([hashlib.blake2b(prefix + text, digest_size=8).digest() for text in data])
    return struct.unpack(f"<{len(data)}Q", digests)


def article_key(result: Result, site: str, prints: tuple[int, ...] | None = None) -> int:
    """Which article a document is: its canonical URL, or failing that its clean text (its
    headline and the fingerprints of its blocks, in order: `prints`, if already computed)."""
    url = result.metadata.get("url")
    if isinstance(url, str) and url.strip():
        return _hash("article", site, url.strip())
    blocks = fingerprints(result, site) if prints is None else prints
    # (the fingerprints as 64-bit little-endian numbers: a run only compares its own keys)
    head = "\x1f".join(("article", site, normalise(result.title or ""), "")).encode("utf-8", "surrogatepass")
    data = head + struct.pack(f"<{len(blocks)}Q", *blocks)
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


def counted(result: Result, site: str) -> tuple[int, tuple[int, ...]]:
    """What a document adds to the counts: (its article key, its block fingerprints), the
    arguments of Learner.add_fingerprints() and Tally.add()."""
    prints = fingerprints(result, site)
    return article_key(result, site, prints), prints


def _within_floor(decisions: list[Decision], story: list[int], taken: list[int], lede: int) -> bool:
    """Whether dropping every block of `taken` leaves at least STORY_FLOOR of the story's words,
    told from a lower bound of them where it can be: the lede's and the taken blocks' own, or
    the spaces of the story's blocks, one count for all (word_count() counts at least a word a
    space)."""
    gone = sum(word_count(decisions[i].text) for i in taken)
    if gone * STORY_FLOOR <= word_count(decisions[lede].text) * (1 - STORY_FLOOR):
        return True
    if gone <= " ".join([decisions[i].text for i in story]).count(" ") * (1 - STORY_FLOOR):
        return True
    total = sum(word_count(decisions[i].text) for i in story)
    return total - gone >= total * STORY_FLOOR


def _lede(decisions: list[Decision], story: list[int]) -> int | None:
    """The story's first paragraph of running text (its index), if it has one."""
    return next((i for i in story if decisions[i].block.kind == PARAGRAPH
                 and word_count(decisions[i].text) >= PROSE_MIN_WORDS), None)


class Boilerplate(NamedTuple):
    """What a batch taught: fingerprint → the number of articles its block occurs in, and the
    number a block must reach to be boilerplate."""

    counts: dict[int, int]
    least: int = 1

    @classmethod
    def from_counts(cls, counts: dict[int, int], min_articles: int) -> Boilerplate:
        """The boilerplate of Learner.counts(): the blocks in at least min_articles articles."""
        return cls({f: n for f, n in counts.items() if n >= min_articles}, min_articles)

    def learned(self, prints: Sequence[int]) -> tuple[bool, ...]:
        """Which of a page's fingerprints() are boilerplate."""
        counts, least = self.counts, self.least
        return tuple([counts.get(p, 0) >= least for p in prints])

    def drop(self, result: Result, site: str | None = None, prints: tuple[int, ...] | None = None) -> Result:
        """The result with the kept blocks that are learned boilerplate turned into drops:
        the most repeated first, never the lede, and never below STORY_FLOOR of the story's
        words (a page without a lede has no story to keep). `prints`: its fingerprints(), if
        they were computed already (with the same site)."""
        return self.dropped(result, site, prints)[0]

    def dropped(self, result: Result, site: str | None = None,
                prints: tuple[int, ...] | None = None) -> tuple[Result, bool]:
        """drop()'s result, and whether it is the result for any counts that learn the same
        blocks of the page: False when the story's floor kept a learned block, as which one it
        keeps depends on the counts' order."""
        if not self.counts:
            return result, True
        site = site_of(result) if site is None else site
        story = _story(result.decisions)
        if prints is None:
            prints = fingerprints(result, site)
        counts, least = self.counts, self.least
        learned = [(seen, i) for i, p in zip(story, prints, strict=True) if (seen := counts.get(p, 0)) >= least]
        if not learned:
            return result, True
        decisions = list(result.decisions)
        lede = _lede(decisions, story)
        taken = [i for _, i in learned if i != lede]
        if not taken:
            return result, True
        whole = lede is None or _within_floor(decisions, story, taken, lede)
        if not whole:
            # Which learned blocks the floor keeps depends on their counts: the most repeated go first.
            words = {i: word_count(decisions[i].text) for i in story}
            left = sum(words.values())
            floor = left * STORY_FLOOR
            taken = []
            for _, i in sorted(learned, key=lambda pair: (-pair[0], pair[1])):
                if i != lede and left - words[i] >= floor:
                    taken.append(i)
                    left -= words[i]
            if not taken:
                return result, False
        reason = (f"The same block is in {least} or more articles of {site or 'this batch'}: the site's, "
                  "not the story's.")
        for i in taken:
            d = decisions[i]
            decisions[i] = Decision(d.block, False, "chrome", RULE, reason, "")
        return rendered(new_result((*result[:3], tuple(decisions), *result[4:]))), whole


class _Seen:
    """64-bit fingerprints seen: the first SEEN_EXACT in a set, the rest in a Bloom filter.
    Fixed memory, no false "never seen"."""

    def __init__(self, bits: int = BLOOM_BITS) -> None:
        self._exact: set[int] = set()
        self._bits = bytearray(bits // 8)
        self._mask = bits - 1  # bits is a power of two
        self._bloomed = False  # the filter holds some

    def __contains__(self, fingerprint: int) -> bool:
        return fingerprint in self._exact or (self._bloomed and self._probe(fingerprint, remember=False))

    def update(self, other: _Seen) -> None:
        """Remember what `other` remembers too."""
        for fingerprint in other._exact:
            self.add(fingerprint)
        if other._bloomed:
            size = len(self._bits)
            both = int.from_bytes(self._bits, "little") | int.from_bytes(other._bits, "little")
            self._bits = bytearray(both.to_bytes(size, "little"))
            self._bloomed = True

    def add(self, fingerprint: int) -> bool:
        """Remember `fingerprint`; True if it was (probably) there already."""
        exact = self._exact
        if fingerprint in exact:
            return True
        if len(exact) < SEEN_EXACT and not (self._bloomed and self._probe(fingerprint, remember=False)):
            exact.add(fingerprint)
            return False
        self._bloomed = True
        return self._probe(fingerprint, remember=True)

    def _probe(self, fingerprint: int, remember: bool) -> bool:
        """Whether every bit of `fingerprint` is set; setting them if `remember`. (One loop
        with no call in it: the parent counts every block of every page through here.)"""
        low, high, mask, bits = fingerprint & 0xFFFFFFFF, (fingerprint >> 32) | 1, self._mask, self._bits
        present = True
        for i in range(BLOOM_HASHES):
            bit = (low + i * high) & mask
            byte, flag = bit >> 3, 1 << (bit & 7)
            if not bits[byte] & flag:
                if not remember:
                    return False
                present = False
                bits[byte] |= flag
        return present


class _Recent:
    """The last fingerprints seen, up to `size`, all forgotten when there are more."""

    def __init__(self, size: int) -> None:
        self._exact: set[int] = set()
        self._size = size

    def __contains__(self, fingerprint: int) -> bool:
        return fingerprint in self._exact

    def add(self, fingerprint: int) -> bool:
        """Remember `fingerprint`; True if it is remembered already."""
        exact = self._exact
        if fingerprint in exact:
            return True
        if len(exact) >= self._size:
            exact.clear()
        exact.add(fingerprint)
        return False


class Learner:
    """Counts, for each block, in how many distinct articles of its site it occurs."""

    def __init__(self, min_articles: int, recent: int | None = None) -> None:
        """`recent`: remember only that many of the blocks (and articles) seen once, forgetting
        them all when there are more: counts that are never more than the true ones (but for a
        copy of an article forgotten), in less memory than the filter."""
        if min_articles < 2:
            raise ValueError("a block must recur in at least 2 articles to be boilerplate")
        self.min_articles = min_articles
        self._seen: _Seen | _Recent = _Seen() if recent is None else _Recent(recent)
        self._repeated: dict[int, int] = {}  # only blocks seen more than once: few

    def add(self, result: Result, site: str | None = None) -> None:
        """Count one cleaned document (site: see site_of; give the folder for text files)."""
        self.add_fingerprints(*counted(result, site_of(result) if site is None else site))

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

    def counts(self) -> dict[int, int]:
        """Fingerprint → articles, for every block seen in more than one: what
        Boilerplate.from_counts() needs, whatever the threshold."""
        return dict(self._repeated)

    def merge(self, other: Learner) -> None:
        """Add the counts of a learner that counted other articles (another task, partition or
        run): a block's count is the sum of the two. Exact for every block one side saw more
        than once; a block each side saw only once is lost, and an article both sides saw
        counts twice: split a batch by site (or URL) for exact counts."""
        if not (isinstance(self._seen, _Seen) and isinstance(other._seen, _Seen)):
            raise ValueError("a learner that forgets (recent=) has no counts to merge")
        merged = {}
        for fingerprint in self._repeated.keys() | other._repeated.keys():
            mine = self._repeated.get(fingerprint) or int(fingerprint in self._seen)
            theirs = other._repeated.get(fingerprint) or int(fingerprint in other._seen)
            merged[fingerprint] = mine + theirs
        self._repeated = merged
        self._seen.update(other._seen)

    def boilerplate(self) -> Boilerplate:
        return Boilerplate.from_counts(self._repeated, self.min_articles)

    def unsettled(self, prints: Sequence[int]) -> bool:
        """Whether what it has learned of a page it counted (its fingerprints) may still change
        as it counts more: one of its blocks is in more than one article but fewer than
        min_articles, or none is in any other article yet (a site new to it, whose furniture
        is still to come)."""
        if not prints:
            return False
        repeated = self._repeated
        seen = {repeated.get(p, 1) for p in prints}  # in how many articles each block is
        seen.discard(1)
        return not seen or min(seen) < self.min_articles

    def so_far(self) -> Boilerplate:
        """What it has learned from the articles counted so far: a view that grows as it
        counts more. Counts only grow, so what it holds stays boilerplate."""
        return Boilerplate(self._repeated, self.min_articles)


class Tally:
    """The exact counts of one part of a crawl (a task, a partition): for every block, the number
    of the part's distinct articles it is in, a block seen once included. Tallies add: merge()
    them (or sum their counts), and Boilerplate.from_counts() tells what the whole crawl
    teaches, as one Learner over all of it would. Memory grows with the distinct blocks of the
    part (a task's archives), not the crawl's. An article two parts both hold counts in each:
    crawls hold a page once, and revisits are not pages."""

    def __init__(self) -> None:
        self.counts: dict[int, int] = {}
        self._articles: set[int] = set()

    def add(self, article: int, prints: Iterable[int]) -> None:
        """Count one document, as its article key and block fingerprints (see Learner)."""
        if article in self._articles:
            return
        self._articles.add(article)
        for fingerprint in set(prints):
            self.counts[fingerprint] = self.counts.get(fingerprint, 0) + 1

    def merge(self, counts: Mapping[int, int]) -> None:
        """Add another part's counts (its Tally's `counts`)."""
        for fingerprint, n in counts.items():
            self.counts[fingerprint] = self.counts.get(fingerprint, 0) + n

    def to_bytes(self) -> bytes:
        """The counts as little-endian 64-bit (fingerprint, count) pairs: a file any task can read."""
        pairs = array("Q", (value for item in self.counts.items() for value in item))
        if sys.byteorder == "big":
            pairs.byteswap()
        return pairs.tobytes()

    @staticmethod
    def counts_of(data: bytes) -> dict[int, int]:
        """The counts to_bytes() wrote."""
        pairs = array("Q")
        pairs.frombytes(data)
        if sys.byteorder == "big":
            pairs.byteswap()
        return dict(zip(pairs[0::2], pairs[1::2], strict=True))
