"""Rule packs: which ones apply to a text, loading and validating them, compiling the set.

Rules are data: ``packs/<lang>.toml`` beside this module, plus the user's own files. Each
rule says what it targets (its kind), where it counts (its scope), how it matches (a phrase
anywhere in a block, or the whole block) and how much evidence it is (its weight); see
schema.py. ``packs/languages.toml`` lists the packs that always apply and, for the others,
the common words that tell a text is in that language: only the packs a text needs are
parsed and compiled, which keeps start-up short. decide.py holds the logic and knows no
language.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Sequence

from ..errors import RuleError
from ..model import CONTROL
from . import frozen
from .engine import RuleSet, compiled_patterns, pattern_problem, remember, rule_literals
from .schema import FAMILIES, Pack, Rule, build_pack, fail, parse_pack

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, Final

    from ..model import Block, Decision

    # the decisions of a document's blocks under the packs of some languages, and its headline
    Decided = Callable[[tuple[str, ...]], tuple[list[Decision], str | None]]

__all__ = [
    "FAMILIES",
    "Counted",
    "Pack",
    "Rule",
    "RuleError",
    "RuleSet",
    "all_packs",
    "always_languages",
    "check_user_files",
    "detect_languages",
    "has_pack",
    "in_its_languages",
    "language_sample",
    "languages_of",
    "load_rules",
    "told",
]

PACKS: Final = frozen.PACKS
DETECT_CHARS: Final = 1200  # enough running text to tell a language; more only costs time
DETECT_SHARE: Final = 0.25  # a language is used when it has this share of the best one's hits
DETECT_MIN: Final = 3  # and at least this many: one stray "été" does not make a text French
DETECT_MIN_SPACES: Final = 7  # the texts a language is told from: blocks of eight words or more
# A text in a language no pack is for: at least this many words, under this share of them
# common words of any pack's language. They make a quarter to a third of running prose, but
# in a page of lists and scores (a recipe, a results table) as few as 1.4% (measured on the
# ScrapingHub pages); Indonesian prose has 0.6-1.5%. So: under 1%, or under 3% when the page
# itself declares a language that has no pack.
UNKNOWN_MIN_WORDS: Final = 40
UNKNOWN_SHARE: Final = 0.01
UNKNOWN_SHARE_DECLARED: Final = 0.03
UNSPACED_TOKEN_CHARS: Final = 15  # longer "words" on average than this: a script without spaces
UNSPACED_CHARS_PER_WORD: Final = 2
# glued to words: each blanked by str.replace (a search in C; str.translate takes a slow path
# on any non-ASCII text, and a regex tries every character against all of them)
PUNCTUATION: Final = tuple(".,;:!?\"'()[]«»“”„‘’—–…")


@functools.cache
def _languages() -> tuple[tuple[str, ...], dict[str, tuple[str, ...]], tuple[str, ...]]:
    """(packs always used, {common word: languages using it}, every language) from languages.toml."""
    path = os.path.join(PACKS, "languages.toml")
    known = frozen.derived(path)
    if known is not None:
        return known
    import tomllib

    return _language_index(tomllib.loads(frozen.text(path)))


def _language_index(doc: dict[str, Any]) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]], tuple[str, ...]]:
    index: dict[str, tuple[str, ...]] = {}
    for lang, table in doc.get("language", {}).items():
        for word in table.get("stopwords", "").split():
            index[word.casefold()] = (*index.get(word.casefold(), ()), lang)
    return tuple(doc.get("always", ())), index, tuple(doc.get("language", {}))


def derived(name: str, doc: dict[str, Any]) -> object:
    """What loading a shipped file works out from its document, for frozen.marshal: the
    languages' index; or a pack, checked and made into Rules (as plain tuples), their RE2
    patterns and their literals."""
    if name == "languages.toml":
        return _language_index(doc)
    name = name.removesuffix(".toml")
    pack = build_pack(doc, _shipped_source(name), name)
    plain = (pack.name, pack.source, pack.about, tuple(map(tuple, pack.rules)), tuple(map(tuple, pack.selectors)),
             pack.disable)
    return plain, compiled_patterns(pack.rules + pack.selectors), rule_literals(pack.rules)


def shipped_names() -> tuple[str, ...]:
    names = (n.removesuffix(".toml") for n in os.listdir(PACKS) if n.endswith(".toml"))
    return tuple(sorted(n for n in names if n != "languages"))


def _shipped_source(name: str) -> str:
    return f"<shipped>/{name}.toml"


@functools.cache
def _shipped(name: str) -> Pack:
    path = os.path.join(PACKS, f"{name}.toml")
    known = frozen.derived(path)
    if known is not None:
        (name, source, about, rules, selectors, disable), patterns, literals = known
        remember(patterns, literals)
        return Pack(name, source, about, tuple(map(Rule._make, rules)), tuple(map(Rule._make, selectors)), disable)
    return parse_pack(frozen.text(path), _shipped_source(name), name)


@functools.lru_cache(maxsize=64)
def _user(path: str, _mtime: int) -> Pack:
    try:
        text = _read(path)
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise fail(path, f"cannot read: {reason}") from None
    return parse_pack(text, path)


def _user_pack(path: str) -> Pack:
    return _user(os.fspath(path), _mtime(path))


def always_languages() -> tuple[str, ...]:
    """The packs every text gets, whatever its language."""
    return _languages()[0]


def language_sample(texts: Sequence[str]) -> list[int]:
    """Which of `texts` a language is told from (their indices): the longest first (running
    prose says more about the language than menus do), up to a few hundred words; a text
    printed twice once (its copy says nothing more, and the clean text has no copies)."""
    sample: list[int] = []
    seen: set[str] = set()
    budget = DETECT_CHARS
    for i in sorted(range(len(texts)), key=lambda i: len(texts[i]), reverse=True):
        if texts[i] in seen:
            continue
        seen.add(texts[i])
        sample.append(i)
        budget -= len(texts[i])
        if budget <= 0:
            break
    return sample


def _running_text(texts: list[tuple[str, str]]) -> list[str]:
    """Of (text, kind) pairs, the texts a language is told from: the longer ones (menus,
    buttons and form debris say little; and leaving them out, the clean text is told the same
    language again)."""
    running = [text for text, kind in texts if kind != CONTROL]
    long = [text for text in running if text.count(" ") >= DETECT_MIN_SPACES]
    return long or running


def in_its_languages(blocks: list[Block], declared: str | None,
                     decided: Decided) -> tuple[list[Decision], str | None, bool]:
    """A document's blocks decided (`decided`) with the packs of the languages it is told to
    be in, its headline, and whether it is in a language none of the packs is for (see told;
    `declared`: the language the page says it is in)."""
    running = _running_text([(b.text, b.kind) for b in blocks])
    sample = [running[i] for i in language_sample(running)]
    counted: dict[str, Counted] = {}  # each text's words counted once, for telling again
    languages, unknown = told(sample, declared, counted)
    decisions, title = decided(languages)
    kept = [(d.text, d.block.kind) for d in decisions if d.keep]
    while not set(sample) <= {text for text, _ in kept}:
        # Part of what the language was told from went. The clean text, read again, is
        # told its language from what was kept: that must be among the languages it was
        # cleaned with, or its rules would find something new in it. (Fewer is harmless:
        # fewer rules find less.) The set only grows, so this ends.
        told_again = detect_languages(_running_text(kept), counted)
        if set(told_again) <= set(languages):
            break
        languages = tuple(sorted({*languages, *told_again}))
        decisions, title = decided(languages)
        kept = [(d.text, d.block.kind) for d in decisions if d.keep]
    return decisions, title, unknown


def detect_languages(texts: Iterable[str], counted: dict[str, Counted] | None = None) -> tuple[str, ...]:
    """The shipped packs a text needs: those always used, plus each language whose common
    words make up a fair share of the words of its language_sample(). `counted`: the counts
    of texts counted before (see told)."""
    texts = list(texts)
    return told([texts[i] for i in language_sample(texts)], counted=counted)[0]


def languages_of(sample: list[str]) -> tuple[str, ...]:
    return told(sample)[0]


def has_pack(language: str) -> bool:
    """Whether a language tag ("pt-BR", "en_US", "id") names a language a shipped pack is for."""
    always, _, languages = _languages()
    primary = language.strip().replace("_", "-").split("-")[0].casefold()
    return primary in languages or primary in always


class Counted:
    """What telling a language counts in a text: its words and characters (punctuation
    aside), and the common words of each language among them."""

    def __init__(self, words: int, chars: int, hits: int, languages: dict[str, int]) -> None:
        self.words = words
        self.chars = chars
        self.hits = hits
        self.languages = languages


def _counted(text: str) -> Counted:
    # split(), not a word regex: a stopword glued to punctuation is missed, which costs a
    # count or two of hundreds; the regex cost more than the rest of the detection. The
    # punctuation is blanked before folding, which is quickest on ASCII, and what is left is
    # often ASCII ("’" and "“" gone). The same: folding maps each character on its own, never
    # to or from a punctuation mark or a space.
    _, index, _ = _languages()
    for mark in PUNCTUATION:
        text = text.replace(mark, " ")
    folded = text.casefold()
    words = folded.split()
    counts: dict[str, int] = {}
    hits = 0
    for word in words:
        langs = index.get(word)
        if langs is not None:
            hits += 1
            for lang in langs:
                counts[lang] = counts.get(lang, 0) + 1
    return Counted(len(words), len(folded), hits, counts)


def told(sample: list[str], declared: str | None = None,
         counted: dict[str, Counted] | None = None) -> tuple[tuple[str, ...], bool]:
    """The packs a sample of text needs (see detect_languages), and whether it is in a
    language none of the packs is for: long enough to tell, and hardly any of its words
    common words of a language with a pack (`declared`: the language the page says it is in,
    which settles it when it has a pack, and lowers the bar when it has none). Each text is
    counted once for `counted`, where the texts of one document keep their counts: told
    again what language the clean text is in, a document counts only what cleaning changed."""
    always, _, languages = _languages()
    counted = {} if counted is None else counted
    counts = dict.fromkeys(languages, 0)
    words = chars = hits = 0
    for text in sample:
        found = counted.get(text)
        if found is None:
            found = counted[text] = _counted(text)
        words += found.words
        chars += found.chars
        hits += found.hits
        for lang, n in found.languages.items():
            counts[lang] += n
    chars += max(len(sample) - 1, 0)  # the texts as one, a space between each two
    best = max(counts.values(), default=0)
    # Too little text to tell: the packs every text gets. Loading every language instead
    # would let one language's rule fire on a few words of another.
    least = max(DETECT_MIN, best * DETECT_SHARE)
    found_languages = [lang for lang, n in counts.items() if n >= least] if best >= DETECT_MIN else []
    packs = tuple(sorted({*always, *found_languages}))
    if not set(found_languages) <= set(always) or (declared and has_pack(declared)):
        return packs, False  # a language with a pack: told, or declared
    share = UNKNOWN_SHARE_DECLARED if declared else UNKNOWN_SHARE
    return packs, _without_pack(words, chars, hits, share)


def _without_pack(n: int, chars: int, hits: int, share: float) -> bool:
    """Enough words to tell, and under `share` of them a known language's common words. (A
    script written without spaces has few "words" to split: its characters are counted, as
    decide counts words.)"""
    if chars > UNSPACED_TOKEN_CHARS * max(n, 1):
        n = chars // UNSPACED_CHARS_PER_WORD
    return n >= UNKNOWN_MIN_WORDS and hits < n * share


def check_user_files(rule_files: tuple[str, ...]) -> None:
    """Parse and compile each user file on its own, and check what it says of the rules before
    it (the shipped packs, the files before it): a `disable` must name one of them, a rule
    with one of their ids must say `replace = true`, and only such a rule may. Raises
    RuleError naming the first problem."""
    if not rule_files:
        return
    earlier = {r.id for pack in all_packs() for r in pack.rules + pack.selectors}
    for path in rule_files:
        pack = _user_pack(path)
        for rule in pack.rules + pack.selectors:
            problem = pattern_problem(rule)
            if problem:
                raise fail(pack.source, f"rule {rule.id}: bad pattern {rule.pattern!r}: {problem}")
            if rule.id in earlier and not rule.replace:
                raise fail(pack.source, f"rule {rule.id}: a rule before it has this id; "
                                        "say replace = true to replace it, or give it another id")
            if rule.replace and rule.id not in earlier:
                raise fail(pack.source, f"rule {rule.id}: replace = true, but no rule before it has this id")
        for rid in pack.disable:
            if rid not in earlier:
                raise fail(pack.source, f"disable: {rid!r} names no rule (see cleannews --list-rules)")
        earlier.update(r.id for r in pack.rules + pack.selectors)


def all_packs(rule_files: tuple[str, ...] = ()) -> list[Pack]:
    """Every shipped pack, then the user's, in the order they are applied."""
    return [_shipped(n) for n in shipped_names()] + [_user_pack(p) for p in rule_files]


def load_rules(rule_files: tuple[str, ...] = (), languages: tuple[str, ...] | None = None) -> RuleSet:
    """The compiled rule set: the shipped packs of `languages` (all when None), then the
    user's files, whose rules replace shipped ones of the same id and may disable others."""
    names = shipped_names() if languages is None else tuple(sorted(set(languages)))
    # (a generator's frame costs more than the look-up in the cache: most calls have no files)
    stamps = tuple((os.fspath(p), _mtime(p)) for p in rule_files) if rule_files else ()
    return _compiled(names, stamps)


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        return f.read()


def _mtime(path: str) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return -1


@functools.lru_cache(maxsize=32)
def _compiled(names: tuple[str, ...], stamps: tuple[tuple[str, int], ...]) -> RuleSet:
    known = set(shipped_names())
    packs = [_shipped(n) for n in names if n in known] + [_user(p, m) for p, m in stamps]
    by_id: dict[str, Rule] = {}
    selectors: dict[str, Rule] = {}
    for pack in packs:
        for rid in pack.disable:
            by_id.pop(rid, None)
            selectors.pop(rid, None)
        by_id.update((r.id, r) for r in pack.rules)
        selectors.update((r.id, r) for r in pack.selectors)
    ruleset = RuleSet(by_id.values(), selectors.values(), [p.source for p in packs])
    if stamps:
        # a user's rules are compiled as they are loaded: a pattern RE2 refuses, or a set too
        # large, is said at once (by --list-rules too), not at the first text
        ruleset.hits("")
    return ruleset
