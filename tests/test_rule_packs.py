"""The shipped rule packs: they parse and compile, and per language they catch invented appeal
and chrome lines while leaving invented story sentences alone.

Every example here is made up for this file. The story sentences are the traps a pack must not
fall into: news that reports a donation drive, a party's members or a subscription in the third
person, or quotes someone saying "support" or "help us".
"""

from __future__ import annotations

import pytest

from cleannews.rules import FAMILIES, all_packs, detect_languages, load_rules
from cleannews.rules.engine import RuleSet

LANGUAGES = ("en", "ru", "uk", "de", "fr", "es", "it", "pt", "pl")

# (family the line must be caught as, the line). An "ask" line must reach an ask's full weight
# on its own; "chrome" and "caption" lines need one rule of that family.
MATCH: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("ask", "If you can, please support us today."),
        ("ask", "We need your help to keep our reporting free for everyone."),
        ("ask", "Already a subscriber? Log in"),
        ("ask", "Sign up for our weekly newsletter"),
        ("ask", "Remind me later"),
        ("ask", "Become a member"),
        ("chrome", "Read more: Council approves new bike lanes"),
        ("chrome", "Most read"),
        ("chrome", "By Jane Example"),
        ("caption", "Photo: John Doe/Example Agency"),
    ],
    "ru": [
        ("ask", "Поддержите независимую журналистику!"),
        ("ask", "Если у вас есть возможность, поддержите нас любой суммой."),
        ("ask", "Нам очень нужна ваша поддержка."),
        ("ask", "Ваша поддержка помогает нам оставаться независимыми."),
        ("ask", "Пожертвовать"),
        ("ask", "Напомнить позже"),
        ("ask", "Станьте другом нашего издания"),
        ("ask", "Оформите подписку и читайте без ограничений"),
        ("ask", "Уже есть подписка? Войдите"),
        ("ask", "Чтобы продолжить чтение, оформите подписку."),
        ("ask", "Подпишитесь на нашу рассылку"),
        ("ask", "Введите ваш e-mail"),
        ("ask", "Поддержать нас можно здесь."),
        ("ask", "Помочь редакции можно по ссылке."),
        ("chrome", "Читайте также: В городе открылся новый парк"),
        ("chrome", "Самое читаемое"),
        ("chrome", "Поделиться"),
        ("chrome", "Автор: Иван Петров"),
        ("chrome", "12 марта 2024, 14:30"),
        ("chrome", "Мы используем файлы cookie, чтобы сайт работал лучше."),
        ("caption", "Фото: пресс-служба мэрии"),
        ("caption", "Уличный рынок в центре города. Фото из открытых источников"),
    ],
}

# Story sentences: no ask rule may match them, and no whole-line rule of any kind.
KEEP: dict[str, list[str]] = {
    "en": [
        "The paper asked readers to donate after its printing press burned down last spring.",
        "The party said it now has 500,000 members, twice as many as a year ago.",
        "She subscribed to the magazine in 1998 and has kept every issue since.",
        "The charity raised $2 million in donations during its winter campaign.",
        "Volunteers urged residents to support the food bank over the holidays.",
        "Membership of the union fell sharply after the strike, officials said.",
    ],
    "ru": [
        "Редакция газеты попросила читателей поддержать издание после блокировки сайта.",
        "В прошлом году фонд собрал пожертвования на сумму два миллиона рублей.",
        "Партия заявила, что число её членов выросло до пятидесяти тысяч.",
        "Он оформил подписку на стриминговый сервис ещё в 2020 году.",
        "Волонтёры призвали жителей помочь приюту для бездомных животных.",
        "Помочь фонду можно через его официальный сайт, сообщили организаторы.",
        "«Они пришли поддержать нас», — сказала мать одного из задержанных.",
        "Документы уже подписаны, сообщил министр на брифинге.",
        "Подробнее о ситуации рассказал глава региона на пресс-конференции.",
        "Корреспондент агентства побывал в селе после наводнения.",
    ],
}

# Sentences a sentence-scope ask rule must catch: they are cut out of a story paragraph.
CUT: dict[str, list[str]] = {
    "en": ["If you value our reporting, please support us today."],
    "ru": ["Поддержать нас можно здесь.", "Помочь «Вечерней газете» можно по ссылке."],
}


def _rules(lang: str) -> RuleSet:
    return load_rules((), ("common", "en", lang))


# --- every shipped pack -----------------------------------------------------------------------


def test_every_pack_compiles_with_unique_ids_and_reasons() -> None:
    packs = all_packs()
    names = [p.name for p in packs]
    assert set(LANGUAGES) - {"en"} <= set(names), "a language pack is missing"
    seen: set[str] = set()
    for pack in packs:
        RuleSet(pack.rules)  # raises RuleError naming the rule when a pattern does not compile
        for rule in (*pack.rules, *getattr(pack, "selectors", ())):
            assert rule.id.startswith(pack.name + "."), rule.id
            assert rule.id not in seen, f"{rule.id} appears twice"
            seen.add(rule.id)
            assert rule.why.strip(), f"{rule.id} has no 'why'"
            assert rule.kind in FAMILIES


def test_all_shipped_packs_compile_together() -> None:
    assert load_rules((), None).rules


# --- per language -----------------------------------------------------------------------------


def _cases(table: dict[str, list[tuple[str, str]]]) -> list[tuple[str, str, str]]:
    return [(lang, family, text) for lang, rows in table.items() for family, text in rows]


@pytest.mark.parametrize(("lang", "family", "text"), _cases(MATCH))
def test_appeal_and_chrome_lines_are_caught(lang: str, family: str, text: str) -> None:
    hits = _rules(lang).hits(text)
    assert any(r.family == family for r in hits), f"no {family} rule: {[r.id for r in hits]}"
    if family == "ask":
        weight = sum(r.weight for r in hits if r.family == "ask")
        assert weight >= 1.0, f"ask evidence only {weight}: {[r.id for r in hits]}"


@pytest.mark.parametrize(("lang", "text"), [(lang, t) for lang, rows in KEEP.items() for t in rows])
def test_story_sentences_are_left_alone(lang: str, text: str) -> None:
    hits = _rules(lang).hits(text)
    assert not [r.id for r in hits if r.family == "ask"]
    assert not [r.id for r in hits if r.match == "line"]


@pytest.mark.parametrize(("lang", "text"), [(lang, t) for lang, rows in CUT.items() for t in rows])
def test_one_sentence_calls_to_action_can_be_cut(lang: str, text: str) -> None:
    assert any(r.family == "ask" for r in _rules(lang).sentence_hits(text))


def test_every_language_has_examples() -> None:
    for table in (MATCH, KEEP, CUT):
        assert set(table) == set(LANGUAGES)
    for lang in LANGUAGES:
        assert len([f for f, _ in MATCH[lang] if f == "ask"]) >= 6
        assert len(KEEP[lang]) >= 6


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_story_sentences_select_their_pack(lang: str) -> None:
    assert lang in detect_languages(KEEP[lang])
