"""What text every match of a pattern must hold: its literals.

A command cleans one text, and compiling the RE2 set and building its automaton cost more
than the rest of the cleaning: so a document gets a set of only the rules that can match it
(engine.RuleSet.narrowed). A rule can match a text only if the text holds its literals, the
pieces of plain text its pattern cannot match without. They come in sets, and a match holds
one literal of each set: "we (?:don't|do not) (?:have|put up|want|use) (?:a )?paywall" has
{paywall} and {we}, "(?:read|see) also" has {also, read}. A pattern whose matches need no
such piece (a class, an optional group, a repetition) has none, and its rule is always
compiled. A rule that needs capitals may stand in the set by a set of its literals that
are marks, such as "/" (its guard: engine._Matcher).

Python's own parser reads the (lower-cased) pattern: the patterns are RE2's, whose syntax is
Python's for what this looks at, and what Python reads otherwise it refuses, or reads as
matching more. Anything not understood gives a pattern no literals: a rule left out wrongly
would change what is cleaned, one kept needlessly costs only its compiling.

A literal never holds a space, a quotation mark or an apostrophe (the rules match their
typographic forms), or a final sigma: a sentence of a block, with a quotation in it blanked
to a space (evidence.py), then holds no literal the block does not hold, so the rules its
block can match are the rules it can match.
"""

from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

EXACT_LIMIT = 16  # the strings a part of a pattern may stand for, to be spelled out
CLASS_LIMIT = 6  # the characters of a class spelled out: [’'] yes, [a-z] no
KEPT = 2  # the sets of literals kept, all of which a match needs one of
_NEVER = frozenset("'\"‘’‚‛“”„‟«»‹›ʼ´`ς")  # characters a literal breaks at (and whitespace)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_POSIX_CLASS = re.compile(r"\[:\^?[a-z]+:\]")  # [[:alpha:]], which Python reads as characters

Exact = frozenset[str] | None  # every string a part matches, when they are few
Needs = tuple[frozenset[str], ...]  # a match needs one literal of each set (none: nothing known)


def literals(pattern: str) -> tuple[tuple[str, ...], ...] | None:
    """The literals of a (lower-cased) pattern: sets of them, a match holding one literal of
    each set; None when it need hold none."""
    if _POSIX_CLASS.search(pattern):
        return None
    try:
        parsed = _parser.parse(pattern)
    except (re.error, ValueError, TypeError, OverflowError, RecursionError):
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    exact, needs = _sequence(list(parsed))
    needs = _best((*needs, *_needs(exact)))
    return tuple(tuple(sorted(one)) for one in needs) or None


def _piece(text: str) -> str:
    """The longest run of `text` with no character a literal breaks at."""
    pieces = re.split(r"\s+", "".join(" " if c in _NEVER else c for c in text))
    return max(pieces, key=len)


def _needs(exact: Exact) -> Needs:
    """A part that matches one of these strings needs one of their pieces."""
    if exact is None:
        return ()
    pieces = frozenset(_piece(s) for s in exact)
    return () if "" in pieces else (pieces,)


def _score(one: frozenset[str]) -> tuple[int, int]:
    return min(map(len, one)), -len(one)


def _best(needs: Needs) -> Needs:
    """The KEPT sets that say most: longer literals, then fewer of them."""
    return tuple(sorted(set(needs), key=lambda one: (_score(one), sorted(one)), reverse=True)[:KEPT])


def _sequence(items: list[tuple[Any, Any]]) -> tuple[Exact, Needs]:
    """What a run of parts matches: the strings it spells out, or failing that what the runs
    of it that do spell out and its other parts need."""
    run: frozenset[str] = frozenset({""})
    spelled = True
    needs: Needs = ()
    for op, av in items:
        exact, part_needs = _part(op, av)
        if exact is not None and len(run) * len(exact) <= EXACT_LIMIT:
            run = frozenset(a + b for a in run for b in exact)
            continue
        spelled = False
        needs = _best((*needs, *_needs(run), *(part_needs if exact is None else _needs(exact))))
        run = exact if exact is not None else frozenset({""})
    return (run, ()) if spelled else (None, _best((*needs, *_needs(run))))


def _part(op: Any, av: Any) -> tuple[Exact, Needs]:
    if op is sre.LITERAL:
        return (frozenset({chr(av)}), ()) if chr(av) not in _NEVER else (None, ())
    if op is sre.AT:  # ^, $, \b: they match no character
        return frozenset({""}), ()
    if op is sre.IN:
        chars = [chr(a) for o, a in av if o is sre.LITERAL]
        if len(chars) == len(av) <= CLASS_LIMIT and not _NEVER.intersection(chars):
            return frozenset(chars), ()
        return None, ()
    if op is sre.SUBPATTERN:
        _, add_flags, _, inner = av
        return (None, ()) if add_flags else _sequence(list(inner))  # (?i:…) matches capitals
    if op is sre.BRANCH:
        branches = [_sequence(list(b)) for b in av[1]]
        union = frozenset().union(*(e for e, _ in branches if e is not None))
        exact = union if all(e is not None for e, _ in branches) and len(union) <= EXACT_LIMIT else None
        found: set[str] = set()
        for branch_exact, branch_needs in branches:
            best = _best((*branch_needs, *_needs(branch_exact)))  # one set of each branch: any of them
            if not best:
                return exact, ()
            found |= best[0]
        return exact, (frozenset(found),)
    if op in _REPEATS:
        low, high, inner = av
        exact, needs = _sequence(list(inner))
        if low == 0:
            return (exact | {""}, ()) if high == 1 and exact is not None and len(exact) < EXACT_LIMIT else (None, ())
        if low == high == 1:
            return exact, needs
        return None, _best((*needs, *_needs(exact)))
    return None, ()  # a category (\S, \d), any character, or what this does not know
