"""Rules → one compiled RE2 set that says, in one pass, which rules match a text.

RE2 because one pass of an RE2::Set over a block tells which of a hundred rules match
(Python's ``re`` would try each alternative at each position, and compiles about ten times
slower), and because no user pattern can make it backtrack for ever.

A pattern matches whole words: it must start and end at a word edge, and ``\\b``, ``\\w`` and
``\\W`` inside it understand every script. RE2's own classes are ASCII-only, which would make
them useless for Cyrillic or accented Latin; its Unicode classes (``\\pL``) are correct but
compile into large automata, so words are told apart by the separators between them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import re2

from ..lazy import Lazy
from .schema import Rule, fail

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

# Characters that separate words: whitespace, ASCII punctuation, Latin-1 punctuation and
# the Unicode punctuation, arrow, symbol and CJK-punctuation blocks.
SEP: Final = (
    r"\s!-/:-@\[-`{-~\x{A0}-\x{BF}\x{D7}\x{F7}\x{2000}-\x{206F}\x{2190}-\x{2BFF}"
    r"\x{3000}-\x{303F}\x{FE30}-\x{FE4F}\x{FF00}-\x{FF0F}"
)
WORD_START: Final = f"(?:^|[{SEP}])"
WORD_END: Final = f"(?:[{SEP}]|$)"
# A quote in a pattern matches its typographic forms too ("don't" matches "don’t"): cheaper
# than folding the quotes of every block before matching.
_APOSTROPHES: Final = "'’‘ʼ´"
_DOUBLE_QUOTES: Final = '"“”„'


# A pattern as tokens: an escape, a bracket, a paren, a bar, or a run of anything else.
_TOKEN: Final = Lazy(r"\\.|[\[\]()|]|[^\\\[\]()|]+", re.S)


def rewrite(pattern: str) -> str:
    """Make \\b, \\w and \\W script-aware and quotes typography-aware. Raises ValueError for
    what cannot be rewritten."""
    if not any(mark in pattern for mark in ("\\b", "\\w", "\\W", "'", '"')):
        return pattern
    out: list[str] = []
    in_class = False
    for token in _TOKEN.findall(pattern):
        if token in ("\\b", "\\W") and in_class:
            raise ValueError(f"{token} inside [...] is not supported; spell the characters out")
        if token == "\\w":
            out.append(r"\pL\pN_" if in_class else f"[^{SEP}]")
        elif token == "\\W":
            out.append(f"[{SEP}]")
        elif token == "\\b":
            prev = out[-1][-1:] if out else ""
            opening = not prev or prev in "(|:" or prev.isspace()
            out.append(WORD_START if opening else WORD_END)
        else:
            if token == "[" and not in_class:
                in_class = True
            elif token == "]" and in_class:
                in_class = False
            elif not token.startswith("\\"):
                token = _typographic(token, in_class)
            out.append(token)
    return "".join(out)


def _typographic(run: str, in_class: bool) -> str:
    if in_class:
        return run.replace("'", _APOSTROPHES).replace('"', _DOUBLE_QUOTES)
    return run.replace("'", f"[{_APOSTROPHES}]").replace('"', f"[{_DOUBLE_QUOTES}]")


def _options(case_sensitive: bool = False) -> re2.Options:
    opts = re2.Options()
    opts.case_sensitive = case_sensitive
    opts.max_mem = 64 << 20
    opts.log_errors = False  # errors become one-line RuleErrors, not log lines on stderr
    return opts


def _top_level(tokens: list[str]) -> tuple[list[list[str]], int]:
    """Split tokens into alternatives at depth 0, up to the ')' that closes the current
    group; returns the alternatives and the index of that ')' (or len(tokens))."""
    alternatives: list[list[str]] = [[]]
    depth, in_class = 0, False
    for i, token in enumerate(tokens):
        if in_class:
            in_class = token != "]"
        elif token == "[":
            in_class = True
        elif token == "(":
            depth += 1
        elif token == ")":
            if depth == 0:
                return alternatives, i
            depth -= 1
        elif token == "|" and depth == 0:
            alternatives.append([])
            continue
        alternatives[-1].append(token)
    return alternatives, len(tokens)


def _leading(tokens: list[str]) -> set[str] | None:
    alternatives, _ = _top_level(tokens)
    if len(alternatives) > 1:
        found: set[str] = set()
        for alternative in alternatives:
            sub = _leading(alternative)
            if sub is None:
                return None
            found |= sub
        return found
    if not tokens:
        return None
    head = tokens[0]
    if head == "(":
        _, close = _top_level(tokens[1:])
        inner = tokens[1 : close + 1]
        after = tokens[close + 2 :]
        if inner and inner[0].startswith("?"):
            flag = inner[0]
            for prefix in ("?:", "?-i:", "?i:"):
                if flag.startswith(prefix):
                    inner = ([flag[len(prefix) :]] if flag[len(prefix) :] else []) + inner[1:]
                    break
            else:
                return None
        first = _leading(inner)
        if first is None:
            return None
        quantifier = after[0][:1] if after else ""
        if quantifier in ("?", "*"):  # an optional group: what follows it may begin the match
            rest = after[0][1:]
            rest_first = _leading(([rest] if rest else []) + after[1:])
            return None if rest_first is None else first | rest_first
        return None if quantifier == "{" else first
    if head == "^":
        return _leading(tokens[1:])
    if head.startswith("\\"):
        if head[1:].isalnum():
            return None
        char, rest = head[1], (tokens[1][:1] if len(tokens) > 1 else "")
    elif head[0] in "[.$^":
        return _leading([head[1:], *tokens[1:]]) if head[0] == "^" and len(head) > 1 else None
    else:
        char, rest = head[0], (head[1:2] or (tokens[1][:1] if len(tokens) > 1 else ""))
    return None if rest in ("?", "*", "{") else {char}


def leading(pattern: str) -> set[str] | None:
    """The characters a match of `pattern` can begin with, or None when that is not simple to
    tell (a class, a quantified first atom, an escape such as \\S)."""
    return _leading(_TOKEN.findall(pattern))


def _start_edge(pattern: str) -> str:
    """How a pattern must begin: RE2's zero-width \\b where it starts with an ASCII letter or
    digit (far cheaper for the DFA than consuming a separator), nothing where it starts with
    punctuation, and a consumed separator otherwise (other scripts, or unknown)."""
    head = pattern[:1]
    if head.isascii() and head.isalpha() and pattern[1:2] not in ("?", "*", "{") and "|" not in pattern:
        return r"\b"  # the common case, without parsing
    first = leading(pattern)
    if first is None:
        return WORD_START
    if all(c.isascii() and (c.isalnum() or c == "_") for c in first):
        return r"\b"
    if not any(c.isalnum() or c == "_" for c in first):
        return ""
    return WORD_START


# RE2 patterns made ahead of time (frozen.marshal), by (pattern, match, folded)
_known: Final[dict[tuple[str, str, bool], str]] = {}
# and the literals of rules' patterns (literals.py), by pattern: a text an unknown rule
# matches holds one literal of each of its sets
Literals = tuple[tuple[str, ...], ...] | None
_known_literals: Final[dict[str, Literals]] = {}


def compiled_pattern(rule: Rule, folded: bool = False) -> str:
    """The RE2 pattern of a rule; folded: lower-cased, for a case-sensitive set on lower-cased
    text (for a rule that needs capitals, its guard: see _Matcher)."""
    known = _known.get((rule.pattern, rule.match, folded))
    if known is not None:
        return known
    if folded and _exact(rule) and (marks := _marks(rule)):
        return "|".join(re.escape(piece) for piece in marks)  # a text the rule matches holds one
    pattern = rule.pattern.removesuffix("\\b")  # the word edge is added below; twice, it would want two
    body = rewrite(_lowered(pattern) if folded else pattern)
    if rule.match == "line":
        # The whole block, give or take surrounding punctuation: "Support us!", "Read more »".
        return f"^[{SEP}]*(?:{body})[{SEP}]*$"
    return f"{_start_edge(pattern)}(?:{body}){WORD_END}"


def compiled_patterns(rules: Iterable[Rule]) -> dict[tuple[str, str, bool], str]:
    """The RE2 patterns a matcher of these rules compiles: every rule's folded one, and the one
    as written of those that need capitals."""
    return {(r.pattern, r.match, folded): compiled_pattern(r, folded)
            for r in rules for folded in ((True, False) if _exact(r) else (True,))}


def remember(patterns: dict[tuple[str, str, bool], str], literals: dict[str, Literals]) -> None:
    """Take these patterns and literals (compiled_patterns, rule_literals: made ahead of
    time) as the rules' own."""
    _known.update(patterns)
    _known_literals.update(literals)


def rule_literals(rules: Iterable[Rule]) -> dict[str, Literals]:
    """The literals of each rule's pattern (literals.py): sets of them, a text the rule
    matches holding one of each set; None for a rule that may match any text."""
    return {r.pattern: _literals(r) for r in rules}


def _literals(rule: Rule) -> Literals:
    if rule.pattern in _known_literals:
        return _known_literals[rule.pattern]
    if _exact(rule) and _UNFOLDABLE.search(rule.pattern):
        found = None  # matched as written, ignoring case (_Matcher): lower-cased literals do not hold
    else:
        from .literals import literals  # Python's regex parser: for a user's rules only

        found = literals(_lowered(rule.pattern))
    _known_literals[rule.pattern] = found
    return found


def _marks(rule: Rule) -> tuple[str, ...] | None:
    """A set of a rule's literals that holds no letter or digit ("/", "@", "©"), if it has
    one: marks are rare in running text, where a word would send many lines to the rule's
    check (a German rule's "unsere", a credit's "photo")."""
    for one in _literals(rule) or ():
        if not any(c.isalnum() for piece in one for c in piece):
            return one
    return None


def _may_match(rule: Rule, lowered: str) -> bool:
    found = _literals(rule)
    return found is None or all(any(piece in lowered for piece in one) for one in found)


def pattern_problem(rule: Rule) -> str | None:
    """RE2's own words for why a rule's pattern does not compile, or None when it does."""
    for pattern in (rule.pattern, None):
        try:
            re2.compile(pattern if pattern is not None else compiled_pattern(rule), _options())
        except ValueError as exc:  # from rewrite()
            return str(exc)
        except re2.error as exc:
            message = exc.args[0] if exc.args else "not accepted by RE2"
            return message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
    return None


def _lowered(pattern: str) -> str:
    """The pattern with its literal letters in lower case; escapes (\\S, \\x{…}, \\p…) kept."""
    if "\\" not in pattern:
        return _lower(pattern)
    return "".join(t if t.startswith("\\") else _lower(t) for t in _TOKEN.findall(pattern))


def _lower(text: str) -> str:
    """text.lower() as CPython does it. The compiled build's own (mypyc's) maps a capital
    sigma to σ wherever it stands, not to ς at a word's end: a Greek rule's "μας" missed
    "ΣΤΗΡΙΞΤΕ ΜΑΣ" there. Called through the type, it is CPython's."""
    return str.lower(text)


class _Set:
    """Some rules compiled into one RE2 set."""

    def __init__(self, rules: list[Rule], folded: bool, sources: str) -> None:
        self.rules = rules
        self.set = re2.Set.SearchSet(_options(case_sensitive=folded))
        for rule in rules:
            try:
                self.set.Add(compiled_pattern(rule, folded))
            except (re2.error, ValueError):
                raise fail(rule.source, f"rule {rule.id}: bad pattern {rule.pattern!r}: "
                                        f"{pattern_problem(rule)}") from None
        try:
            self.set.Compile()
        except re2.error:
            raise fail(sources, "the rules are too large to compile together") from None
        # Which rules match UTF-8 bytes: the binding's own Match when the wrapper shows it
        # (the wrapper's type checks and encoding cost 0.9 µs a call, more than matching a
        # line), else the wrapper's. Either answers with no rule as an empty or no list.
        self.match = getattr(self.set, "_set", self.set).Match


class _Matcher:
    """Rules compiled for matching: one RE2 set, run once per text.

    Most rules ignore case. Rather than make RE2 fold case (which roughly doubles the
    automaton of every letter, and more for Cyrillic), the rules are lower-cased and run on
    the lower-cased text. A rule that needs capitals, written with (?-i:…), has a guard in
    the set: a text its guard matches is matched again, as it is, against the rule itself.
    The guard is its pattern lower-cased, or a set of its literals that are marks (_marks): a
    credit's "Name Name/AGENCY", lower-cased, was an eighth of the set's compiling and
    automaton, where its guard "/" costs nothing. (Lower-casing a text and a
    pattern alike loses no match, but for an escape such as \\p{Lu} or \\x{41} among the
    capitals: such a rule has no guard, and is run on every text in a set of its own.)
    """

    def __init__(self, rules: tuple[Rule, ...], sources: str) -> None:
        self.rules = rules
        unguarded = [r for r in rules if _exact(r) and _UNFOLDABLE.search(r.pattern)]
        guarded = [r for r in rules if r not in unguarded] if unguarded else list(rules)
        self._folded = _Set(guarded, True, sources) if guarded else None
        self._unguarded = _Set(unguarded, False, sources) if unguarded else None
        # the rules of the folded set that need capitals, each compiled on its guard's first hit
        self._exact = {i: r for i, r in enumerate(guarded) if _exact(r)}
        self._checks: dict[int, _Set] = {}
        self._order = {r.id: n for n, r in enumerate(rules)}

    def hits(self, text: str) -> tuple[Rule, ...]:
        found = self._folded.match(_lower(text).encode()) if self._folded is not None else None
        hits = self._rules(found, text) if found else ()
        if self._unguarded is not None:
            more = [self._unguarded.rules[i] for i in self._unguarded.match(text.encode()) or ()]
            if more:
                hits = tuple(sorted((*hits, *more), key=lambda r: self._order[r.id]))
        return hits

    def _rules(self, found: list[int], text: str) -> tuple[Rule, ...]:
        """The folded set's rules at these indices, in rule order, guards checked."""
        if len(found) > 1:
            found.sort()
        rules = self._folded.rules  # type: ignore[union-attr]
        if self._exact:
            return tuple([rules[i] for i in found if i not in self._exact or self._check(i).match(text.encode())])
        return tuple([rules[i] for i in found])

    def _check(self, i: int) -> _Set:
        """The rule behind a guard, compiled on the guard's first hit: a set of one, which
        only says whether it matches (finding where is slower)."""
        check = self._checks.get(i)
        if check is None:
            check = self._checks[i] = _Set([self._exact[i]], False, self._exact[i].source)
        return check


def _exact(rule: Rule) -> bool:
    return "(?-i" in rule.pattern


# escapes that lower-casing a pattern leaves as they are, though they may name capitals
_UNFOLDABLE: Final = Lazy(r"\\[pPxuUN0-7]")


NAMES_SEEN: Final = 20_000  # distinct element names whose selector hits a RuleSet remembers
# A document longer than this gets the whole set: looking for each literal in it (about 0.5
# ms per 1,000 characters, for English and the common rules) would cost more than the rules
# it leaves out save (4-5 ms of 15 on the seed)
NARROW_MAX_CHARS: Final = 10_000


class RuleSet:
    """Active rules, compiled; answers which of them match a text or an element's names.

    Rules compile on first use: plain text never needs the selector rules, and a document
    cleaned first in a process gets only the phrase rules it can match (narrowed). What a
    document matches goes through a view of its own (narrowed), which matches each distinct
    text of it once.
    """

    def __init__(self, rules: Iterable[Rule], selectors: Iterable[Rule] = (), sources: Iterable[str] = ()) -> None:
        self.rules: tuple[Rule, ...] = tuple(rules)
        self.selectors: tuple[Rule, ...] = tuple(selectors)
        self.sources: tuple[str, ...] = tuple(sources)
        self._phrases: _Matcher | None = None  # every phrase rule
        self._narrowed = False  # a document was given a set of the rules it can match
        self._names: _Matcher | None = None
        self._names_seen: dict[str, tuple[Rule, ...]] = {}
        self._seen: dict[str, tuple[Rule, ...]] | None = None  # a document's view: its texts' hits

    def hits(self, text: str) -> tuple[Rule, ...]:
        """The phrase rules that match `text`, in rule order."""
        if self._phrases is None:
            self._phrases = _Matcher(self.rules, ", ".join(self.sources))
        if self._seen is None:
            return self._phrases.hits(text)
        found = self._seen.get(text)
        if found is None:
            found = self._seen[text] = self._phrases.hits(text)
        return found

    def narrowed(self, texts: list[str]) -> RuleSet:
        """These rules for matching `texts` and pieces of them (a sentence; a piece with a
        stretch of it blanked to a space), a document: a view of this set that matches each
        distinct text once (a page prints its menus, share buttons and labels more than once,
        and a paragraph's sentences are matched again on their own: a fifth of the texts
        ScrapingHub's pages dumped by w3m and lynx matched were ones matched before in the
        same page). The same hits as this set; from a set of only the rules whose literals
        (literals.py) the texts hold, when they are a document of up to NARROW_MAX_CHARS
        (else the whole set). A command cleans one document: compiling every rule, and
        building the automaton of them all as it matches, cost more than the rest of the
        cleaning. Only the first document of a process is given such a set; the next
        compiles the whole set, for every later one."""
        view = RuleSet(self.rules, self.selectors, self.sources)
        view._seen = {}
        if self._phrases is None and not self._narrowed and sum(map(len, texts)) <= NARROW_MAX_CHARS:
            self._narrowed = True
            lowered = _lower("\n".join(texts))
            view._phrases = _Matcher(tuple(r for r in self.rules if _may_match(r, lowered)), ", ".join(self.sources))
        else:
            # a second document (a process that cleans two cleans many: the literals looked
            # for in each would cost more than the whole set, once), or a long one
            self.hits("")
            view._phrases = self._phrases
        return view

    def sentence_hits(self, text: str) -> tuple[Rule, ...]:
        """Sentence-scope rules that match one sentence."""
        return tuple(r for r in self.hits(text) if r.scope == "sentence")

    def selector_hits(self, names: str) -> tuple[Rule, ...]:
        """The selector rules that match an element's names (see html.py: element_names)."""
        found = self._names_seen.get(names)
        if found is None:
            if self._names is None:
                self._names = _Matcher(self.selectors, ", ".join(self.sources))
            found = self._names.hits(names)
            # a page names hundreds of elements alike: match each name once (bounded, as the
            # set lives as long as the process)
            if len(self._names_seen) < NAMES_SEEN:
                self._names_seen[names] = found
        return found
