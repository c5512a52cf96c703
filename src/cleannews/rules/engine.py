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

from collections.abc import Iterable

import re2

from .schema import Rule, fail

# Characters that separate words: whitespace, ASCII punctuation, Latin-1 punctuation and
# the Unicode punctuation, arrow, symbol and CJK-punctuation blocks.
SEP = (
    r"\s!-/:-@\[-`{-~\x{A0}-\x{BF}\x{D7}\x{F7}\x{2000}-\x{206F}\x{2190}-\x{2BFF}"
    r"\x{3000}-\x{303F}\x{FE30}-\x{FE4F}\x{FF00}-\x{FF0F}"
)
WORD_START = f"(?:^|[{SEP}])"
WORD_END = f"(?:[{SEP}]|$)"
_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "´": "'", "“": '"', "”": '"', "„": '"'})


def match_text(text: str) -> str:
    """The form of a block's text that rules see: typographic quotes folded to ASCII."""
    return text.translate(_QUOTES)


def rewrite(pattern: str) -> str:
    """Make \\b, \\w and \\W script-aware. Raises ValueError for what cannot be rewritten."""
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            esc = pattern[i + 1]
            if esc in "bW" and in_class:
                raise ValueError(f"\\{esc} inside [...] is not supported; spell the characters out")
            if esc == "w" and in_class:
                out.append(r"\pL\pN_")
            elif esc == "b":
                prev = pattern[i - 1] if i else ""
                opening = not prev or prev in "(|:" or prev.isspace()
                out.append(WORD_START if opening else WORD_END)
            elif esc == "w":
                out.append(f"[^{SEP}]")
            elif esc == "W":
                out.append(f"[{SEP}]")
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        if c == "[" and not in_class:
            in_class = True
        elif c == "]" and in_class:
            in_class = False
        out.append(c)
        i += 1
    return "".join(out)


def _options() -> re2.Options:
    opts = re2.Options()
    opts.case_sensitive = False
    opts.max_mem = 64 << 20
    opts.log_errors = False  # errors become one-line RuleErrors, not log lines on stderr
    return opts


def compiled_pattern(rule: Rule) -> str:
    body = rewrite(rule.pattern)
    if rule.match == "line":
        # The whole block, give or take surrounding punctuation: "Support us!", "Read more »".
        return f"^[{SEP}]*(?:{body})[{SEP}]*$"
    return f"{WORD_START}(?:{body}){WORD_END}"


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


class RuleSet:
    """Active rules, compiled together; answers which of them match a text."""

    def __init__(self, rules: Iterable[Rule], sources: Iterable[str] = ()) -> None:
        self.rules: tuple[Rule, ...] = tuple(rules)
        self.sources: tuple[str, ...] = tuple(sources)
        self._set: re2.Set | None = None
        if self.rules:
            self._set = re2.Set.SearchSet(_options())
            for rule in self.rules:
                try:
                    self._set.Add(compiled_pattern(rule))
                except (re2.error, ValueError):
                    raise fail(rule.source, f"rule {rule.id}: bad pattern {rule.pattern!r}: "
                                            f"{pattern_problem(rule)}") from None
            try:
                self._set.Compile()
            except re2.error:
                raise fail(", ".join(self.sources), "the rules are too large to compile together") from None

    def hits(self, text: str) -> tuple[Rule, ...]:
        """The rules that match `text`, in rule order."""
        if self._set is None:
            return ()
        found = self._set.Match(match_text(text))
        return tuple(self.rules[i] for i in sorted(found)) if found else ()

    def sentence_hits(self, text: str) -> tuple[Rule, ...]:
        """Sentence-scope rules that match one sentence."""
        return tuple(r for r in self.hits(text) if r.scope == "sentence")
