"""What a rule pack may say, and the checks that turn its TOML into Rules (or one-line errors)."""

from __future__ import annotations

from ..errors import RuleError
from ..records import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# What a rule can target, grouped into the families the decisions work with.
FAMILIES: dict[str, str] = {
    # asks: the reader is asked for money, an address, a subscription or a membership
    "appeal": "ask",
    "adfree": "ask",
    "membership": "ask",
    "newsletter": "ask",
    "subscribe": "ask",
    "paywall": "ask",
    # chrome: the site's furniture around and inside the story
    "readmore": "chrome",
    "related": "chrome",
    "share": "chrome",
    "button": "chrome",
    "comments": "chrome",
    "cookie": "chrome",
    "nav": "chrome",
    "ad": "chrome",
    "byline": "chrome",
    # captions and picture credits
    "caption": "caption",
    "credit": "caption",
    # parts of an ask, none of them evidence alone: a sentence that holds an offer (money,
    # membership, a subscription, a sign-up) with the reader addressed, the outlet speaking
    # of itself or an imperative asks (decide/evidence.py composes them)
    "reader": "part",
    "outlet": "part",
    "offer": "part",
    "imperative": "part",
    # selectors only: an element named as the story itself is never pruned ("article-body")
    "story": "story",
}
# block: anywhere in a block; edge: only above or below the story body (head or tail);
# head / tail: only on that side; sentence: may also be cut as one sentence from inside a
# story paragraph.
SCOPES = frozenset({"block", "edge", "head", "tail", "sentence"})
MATCHES = frozenset({"search", "line"})
RULE_KEYS = frozenset({"id", "kind", "pattern", "scope", "match", "weight", "why", "replace"})
SELECTOR_KEYS = frozenset({"id", "kind", "pattern", "why", "replace"})
PACK_KEYS = frozenset({"lang", "about", "disable", "rule", "selector"})


def fail(source: str, problem: str) -> RuleError:
    return RuleError(f"{source}: {problem}")


class Rule(NamedTuple):
    id: str
    kind: str
    pattern: str
    scope: str
    match: str
    weight: float
    why: str
    source: str
    replace: bool = False  # a user's rule that takes the place of a shipped one with its id

    @property
    def family(self) -> str:
        return FAMILIES[self.kind]


class Pack(NamedTuple):
    """One rule file: its name (the id prefix), its phrase rules, its selector rules (matched
    against the words of an HTML element's class, id, role, aria-label and data-* names) and
    the ids of rules it switches off."""

    name: str
    source: str
    about: str
    rules: tuple[Rule, ...]
    selectors: tuple[Rule, ...]
    disable: tuple[str, ...]


def _parse_rule(raw: object, n: int, prefix: str, source: str, table: str = "rule") -> Rule:
    where = f"{table} #{n}"
    if not isinstance(raw, dict):
        raise fail(source, f"{where} is not a table")
    if isinstance(raw.get("id"), str):
        where = f"{table} #{n} ({raw['id']})"
    unknown = set(raw) - (RULE_KEYS if table == "rule" else SELECTOR_KEYS)
    if unknown:
        raise fail(source, f"{where}: unknown key {sorted(unknown)[0]!r}")
    for key in ("id", "kind", "pattern"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise fail(source, f"{where}: {key!r} must be a non-empty string")
    kind, scope, match = raw["kind"], raw.get("scope", "block"), raw.get("match", "search")
    weight = raw.get("weight", 1.0)
    if kind not in FAMILIES:
        raise fail(source, f"{where}: kind {kind!r} is not one of {', '.join(sorted(FAMILIES))}")
    if scope not in SCOPES:
        raise fail(source, f"{where}: scope {scope!r} is not one of {', '.join(sorted(SCOPES))}")
    if match not in MATCHES:
        raise fail(source, f"{where}: match {match!r} is not one of {', '.join(sorted(MATCHES))}")
    if isinstance(weight, bool) or not isinstance(weight, int | float) or not 0 < weight <= 1:
        raise fail(source, f"{where}: weight must be a number in (0, 1]")
    if not isinstance(raw.get("why", ""), str):
        raise fail(source, f"{where}: 'why' must be a string")
    if not isinstance(raw.get("replace", False), bool):
        raise fail(source, f"{where}: 'replace' must be true or false")
    return Rule(
        id=f"{prefix}.{raw['id']}",
        kind=kind,
        pattern=raw["pattern"],
        scope=scope,
        match=match,
        weight=float(weight),
        why=" ".join(raw.get("why", "").split()),
        source=source,
        replace=raw.get("replace", False),
    )


def _string_list(doc: dict[str, Any], key: str, source: str) -> list[str]:
    value = doc.get(key, [])
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise fail(source, f"{key!r} must be a list of strings")
    return value


def build_pack(doc: dict[str, Any], source: str, default_name: str) -> Pack:
    """A parsed TOML document → a validated Pack. Raises RuleError."""
    unknown = set(doc) - PACK_KEYS
    if unknown:
        raise fail(source, f"unknown top-level key {sorted(unknown)[0]!r}")
    name = doc.get("lang", default_name)
    if not isinstance(name, str) or not name:
        raise fail(source, "'lang' must be a non-empty string")
    tables: dict[str, tuple[Rule, ...]] = {}
    for table in ("rule", "selector"):
        raw_list = doc.get(table, [])
        if not isinstance(raw_list, list):
            raise fail(source, f"{table!r} must be an array of tables ([[{table}]])")
        tables[table] = tuple(_parse_rule(raw, n, name, source, table) for n, raw in enumerate(raw_list, 1))
    rules, selectors = tables["rule"], tables["selector"]
    seen: set[str] = set()
    for rule in rules + selectors:
        if rule.id in seen:
            raise fail(source, f"rule id {rule.id!r} appears twice")
        seen.add(rule.id)
    return Pack(
        name=name,
        source=source,
        about=str(doc.get("about", "")),
        rules=rules,
        selectors=selectors,
        disable=tuple(_string_list(doc, "disable", source)),
    )


def parse_pack(data: str, source: str, default_name: str = "user") -> Pack:
    """A pack's TOML text → a Pack. Raises RuleError."""
    import tomllib  # only when a pack is actually parsed: the shipped ones usually come frozen (frozen.py)

    try:
        doc = tomllib.loads(data)
    except tomllib.TOMLDecodeError as exc:
        raise fail(source, f"not valid TOML: {exc}") from None
    return build_pack(doc, source, default_name)
