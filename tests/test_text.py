"""How text.py reads plain text: a line that starts with a bracket (a text browser's
placeholders go, what an article prints in brackets stays), and hard-wrapped text, whatever
wrapped it and whatever surrounds it (the story's lines joined, a list's lines kept apart)."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleannews.model import CONTROL, HEADING, ITEM, PARAGRAPH
from cleannews.read.text import _ONLY_MARKS, _PLACEHOLDER, _only_placeholders, _single_spaced, _visible, text_blocks


@pytest.mark.parametrize(("line", "kind", "text"), [
    ("[image] Engineers repair the landing stage.", PARAGRAPH, "Engineers repair the landing stage."),
    ("[lazyload-p] (BUTTON) Share this story", PARAGRAPH, "Share this story"),
    ("[12]Harbour news", PARAGRAPH, "Harbour news"),  # lynx's link number, without -nolist
    ("[1] Ruskin KJ. Alarm fatigue. 2015.", PARAGRAPH, "[1] Ruskin KJ. Alarm fatigue. 2015."),  # a note
    ("[button link=x] Send us your review[/button]", PARAGRAPH, "[button link=x] Send us your review[/button]"),
    ("[image.jpg]", CONTROL, "[image.jpg]"),
    ("[1]", CONTROL, "[1]"),
])
def test_leading_placeholders(line: str, kind: str, text: str) -> None:
    [block] = text_blocks(line)
    assert (block.kind, block.text) == (kind, text)


def blocks(lines: list[str]) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in text_blocks("\n".join(lines) + "\n")]


# The story of the dumps and re-wrapped texts below, as its paragraphs read unwrapped.
LEDE = ("The island ferry will carry passengers again from Friday, the harbour master said on Tuesday, "
        "after engineers finished repairing the landing stage that a storm tore loose in January.")
REPAIRS = ("Repairs cost 2.3 million euros, a third more than the council had set aside, because divers "
           "found that two of the steel piles under the stage had cracked and had to be replaced.")
QUOTE = ('"We would rather open a week late than close again in April," the harbour master told reporters '
         "at the quay, where a crane was still lifting the last fenders into place.")
CLEAN = [
    (PARAGRAPH, "Ferry crossing to reopen after storm repairs"),
    (PARAGRAPH, LEDE),
    (PARAGRAPH, REPAIRS),
    (PARAGRAPH, QUOTE),
    (PARAGRAPH, "Sailings will run every 40 minutes until the summer timetable starts in June."),
]


def test_w3m_at_80_columns() -> None:
    """`w3m -dump`: a menu, then paragraphs filled to column 79, a list whose items hang, a
    rule, and a footer of links as many lines as the story has."""
    assert blocks([
        "  • Home",
        "  • News",
        "  • Sport",
        "",
        "Ferry crossing to reopen after storm repairs to the landing stage are finished",
        "",
        "By Ines Varga, 12 March 2024",
        "",
        "The island ferry will carry passengers again from Friday, the harbour master",
        "said on Tuesday, after engineers finished repairing the landing stage that a",
        "storm tore loose in January.",
        "",
        "Repairs cost 2.3 million euros, a third more than the council had set aside,",
        "because divers found that two of the steel piles under the stage had cracked",
        "and had to be replaced.",
        "",
        "  • Sailings run every 40 minutes from 6:20 until 22:00, instead of every half",
        "    hour as before the storm.",
        "  • Season tickets bought before January stay valid until the end of May.",
        "",
        '"We would rather open a week late than close again in April," the harbour',
        "master told reporters at the quay, where a crane was still lifting the last",
        "fenders into place.",
        "",
        "More news from the islands",
        "━" * 79,
        "Sponsored links",
        "",
        "About us",
        "Contact",
        "Advertise",
        "Jobs",
        "Archive",
        "Privacy",
        "Cookies",
        "Terms",
    ]) == [
        (ITEM, "Home"),
        (ITEM, "News"),
        (ITEM, "Sport"),
        (PARAGRAPH, "Ferry crossing to reopen after storm repairs to the landing stage are finished"),
        (PARAGRAPH, "By Ines Varga, 12 March 2024"),
        (PARAGRAPH, LEDE),
        (PARAGRAPH, REPAIRS),
        (ITEM, "Sailings run every 40 minutes from 6:20 until 22:00, instead of every half hour as before the storm."),
        (ITEM, "Season tickets bought before January stay valid until the end of May."),
        (PARAGRAPH, QUOTE),
        (PARAGRAPH, "More news from the islands"),
        (CONTROL, "━" * 79),  # a rule, filling the column: not a line to join
        (PARAGRAPH, "Sponsored links"),
        *((PARAGRAPH, link) for link in ("About us", "Contact", "Advertise", "Jobs", "Archive", "Privacy",
                                         "Cookies", "Terms")),
    ]


def test_lynx_at_80_columns() -> None:
    """`lynx -dump`: the body set in by three and filled to column 74, a heading at column 0
    filled further, [n] before each link's text, an iframe's address broken across lines,
    and the numbered list of links at the end."""
    assert blocks([
        "     * [1]Home",
        "     * [2]News",
        "",
        "   IFRAME:",
        "   [3]https://ads.example.net/frame?slot=top-banner-728x90&page=harbour-ne",
        "   ws-ferry-crossing-reopens&ref=home",
        "",
        "Ferry crossing to reopen on Friday after storm repairs to the island's landing",
        "stage",
        "",
        "   The island ferry will carry passengers again from Friday, the harbour",
        "   master said on Tuesday, after engineers finished repairing the landing",
        "   stage that a storm tore loose in January.",
        "",
        "   Repairs cost 2.3 million euros, a third more than the council had set",
        "   aside, because divers found that two of the [4]steel piles under the",
        "   stage had cracked and had to be replaced.",
        "",
        '   "We would rather open a week late than close again in April," the',
        "   harbour master told reporters at the quay, where a crane was still",
        "   lifting the last fenders into place.",
        "",
        "   [5]More news from the islands [6][arrow.png]",
        "",
        "References",
        "",
        "   Visible links:",
        "   1. file:///",
        "   2. file:///news",
        "   3. https://ads.example.net/frame?slot=top-banner-728x90&page=harbour-news-ferry-crossing-reopens&ref=home",
        "   4. file:///piles",
        "   5. file:///more",
        "",
        "   Hidden links:",
        "   6. file:///x",
    ]) == [
        (ITEM, "Home"),
        (ITEM, "News"),
        (CONTROL, "IFRAME: [3]https://ads.example.net/frame?slot=top-banner-728x90&page=harbour-news-ferry-crossing-reopens&ref=home"),
        (HEADING, "Ferry crossing to reopen on Friday after storm repairs to the island's landing stage"),
        (PARAGRAPH, LEDE),
        (PARAGRAPH, REPAIRS),
        (PARAGRAPH, QUOTE),
        (PARAGRAPH, "More news from the islands [arrow.png]"),
        (CONTROL, "References"),
        (CONTROL, "Visible links:"),
        (CONTROL, "1. file:///"),
        (CONTROL, "2. file:///news"),
        (CONTROL, "3. https://ads.example.net/frame?slot=top-banner-728x90&page=harbour-news-ferry-crossing-reopens&ref=home"),
        (CONTROL, "4. file:///piles"),
        (CONTROL, "5. file:///more"),
        (CONTROL, "Hidden links:"),
        (CONTROL, "6. file:///x"),
    ]


def test_link_numbers_without_their_list() -> None:
    """Without lynx's list of links (a dump cut short), a number glued to a link's text still
    goes; a note's number that stands apart stays."""
    assert blocks(["Divers found cracks in two [4]steel piles, a problem known as fatigue [1]."]) == [
        (PARAGRAPH, "Divers found cracks in two steel piles, a problem known as fatigue [1]."),
    ]


@pytest.mark.parametrize("wrapped", [
    pytest.param([  # fmt -w 70: lines evened out, some short of the column though a word would fit
        "Ferry crossing to reopen after storm repairs",
        "",
        "The island ferry will carry passengers again from Friday, the",
        "harbour master said on Tuesday, after engineers finished repairing",
        "the landing stage that a storm tore loose in January.",
        "",
        "Repairs cost 2.3 million euros, a third more than the council had",
        "set aside, because divers found that two of the steel piles under",
        "the stage had cracked and had to be replaced.",
        "",
        '"We would rather open a week late than close again in April," the',
        "harbour master told reporters at the quay, where a crane was still",
        "lifting the last fenders into place.",
        "",
        "Sailings will run every 40 minutes until the summer timetable starts",
        "in June.",
    ], id="fmt -w 70"),
    pytest.param([  # fold -s -w 65: broken at the last space that fits, which stays at the end
        "Ferry crossing to reopen after storm repairs",
        "",
        "The island ferry will carry passengers again from Friday, the ",
        "harbour master said on Tuesday, after engineers finished ",
        "repairing the landing stage that a storm tore loose in January.",
        "",
        "Repairs cost 2.3 million euros, a third more than the council ",
        "had set aside, because divers found that two of the steel piles ",
        "under the stage had cracked and had to be replaced.",
        "",
        '"We would rather open a week late than close again in April," ',
        "the harbour master told reporters at the quay, where a crane was ",
        "still lifting the last fenders into place.",
        "",
        "Sailings will run every 40 minutes until the summer timetable ",
        "starts in June.",
    ], id="fold -s -w 65"),
    pytest.param([  # fold -w 72: cut at the column, inside words
        "Ferry crossing to reopen after storm repairs",
        "",
        "The island ferry will carry passengers again from Friday, the harbour ma",
        "ster said on Tuesday, after engineers finished repairing the landing sta",
        "ge that a storm tore loose in January.",
        "",
        "Repairs cost 2.3 million euros, a third more than the council had set as",
        "ide, because divers found that two of the steel piles under the stage ha",
        "d cracked and had to be replaced.",
        "",
        '"We would rather open a week late than close again in April," the harbou',
        "r master told reporters at the quay, where a crane was still lifting the",
        " last fenders into place.",
        "",
        "Sailings will run every 40 minutes until the summer timetable starts in ",
        "June.",
    ], id="fold -w 72"),
])
def test_clean_text_rewrapped(wrapped: list[str]) -> None:
    assert blocks(wrapped) == CLEAN


def test_rewrapped_in_bytes() -> None:
    """fmt and fold count bytes: Cyrillic lines of one fill have very different lengths in
    characters (and fmt leaves some short of the column)."""
    assert blocks([
        "Паром на остров снова начнёт ходить",
        "с пятницы",
        "",
        "Паром на остров снова начнёт",
        "перевозить пассажиров с пятницы,",
        "сообщил во вторник начальник порта:",
        "инженеры закончили ремонт причала,",
        "который в январе сорвало штормом.",
        "",
        "Ремонт обошёлся в 2,3 миллиона евро, на",
        "треть дороже, чем планировал совет,",
        "потому что водолазы нашли трещины в",
        "двух стальных сваях под причалом.",
    ]) == [
        (PARAGRAPH, "Паром на остров снова начнёт ходить с пятницы"),
        (PARAGRAPH, "Паром на остров снова начнёт перевозить пассажиров с пятницы, сообщил во вторник "
                    "начальник порта: инженеры закончили ремонт причала, который в январе сорвало штормом."),
        (PARAGRAPH, "Ремонт обошёлся в 2,3 миллиона евро, на треть дороже, чем планировал совет, потому что "
                    "водолазы нашли трещины в двух стальных сваях под причалом."),
    ]


def test_filled_before_figures_and_names() -> None:
    """fmt leaves lines short where the next word would have fitted, and a sports results
    paragraph goes on with figures and names, not lower-case words: still one paragraph each."""
    assert blocks([
        "Harbour league results",
        "",
        "The island's basketball league opened its winter round on Saturday,",
        "with two games at the Quay Hall and a crowd that filled the old",
        "boat shed for the first time since the storm.",
        "",
        "Northpoint (2-1): Ada Varga 14 points, 6 rebounds. Miro Lind 11",
        "points. Tess Okafor 9 points, 4 assists. Ben Hale 6 points. Lou",
        "Park 2 points.",
        "",
        "Eastbay (1-2): Jonas Reyes 17 points. Kim Ito 8 points, 3",
        "steals. Dara Moss 5 points. Finn Cole 4 points. Ola Berg 2 points,",
        "7 rebounds.",
        "",
        "Harbour Athletic (3-0): Sam Quist 21 points, 1 block. Ivo Dahl",
        "10 points, 2 assists. Rosa Kent 9 points. Noor Amin 4 points,",
        "1 steal. Eli Voss 2 points.",
        "",
        "The final of the winter round is played at the Quay Hall on Saturday,",
        "when the Rowing Club Trust presents the cup.",
    ]) == [
        (PARAGRAPH, "Harbour league results"),
        (PARAGRAPH, "The island's basketball league opened its winter round on Saturday, with two games at "
                    "the Quay Hall and a crowd that filled the old boat shed for the first time since the storm."),
        (PARAGRAPH, "Northpoint (2-1): Ada Varga 14 points, 6 rebounds. Miro Lind 11 points. Tess Okafor 9 "
                    "points, 4 assists. Ben Hale 6 points. Lou Park 2 points."),
        (PARAGRAPH, "Eastbay (1-2): Jonas Reyes 17 points. Kim Ito 8 points, 3 steals. Dara Moss 5 points. "
                    "Finn Cole 4 points. Ola Berg 2 points, 7 rebounds."),
        (PARAGRAPH, "Harbour Athletic (3-0): Sam Quist 21 points, 1 block. Ivo Dahl 10 points, 2 assists. "
                    "Rosa Kent 9 points. Noor Amin 4 points, 1 steal. Eli Voss 2 points."),
        (PARAGRAPH, "The final of the winter round is played at the Quay Hall on Saturday, when the Rowing "
                    "Club Trust presents the cup."),
    ]


def test_figures_that_open_a_line_of_their_own() -> None:
    """At 80 columns, a line that stops short of the column before a figure goes on with it
    only inside a running paragraph: a gallery's counter under a headline (a paragraph's first
    line) and a count alone under a caption (of shares, of comments) stay apart."""
    assert blocks([
        "Ferry crossing to reopen on Friday after storm repairs at the quay",
        "1 / 13",
        "",
        "The island ferry will carry passengers again from Friday, the harbour master",
        "said on Tuesday, after engineers finished repairing the landing stage that a",
        "storm tore loose in January.",
        "",
        "Engineers lift the last fenders into place at the quay on Monday evening, while",
        "the crane that rebuilt the landing stage after the January storm stands by on",
        "the old pier, ready to leave by barge at the end of the week when the ferry",
        "runs again from the island on Friday morning at seven (Photo: Ines Varga)",
        "0",
        "",
        "Repairs cost 2.3 million euros, a third more than the council had set aside,",
        "because divers found that two of the steel piles under the stage had cracked",
        "and had to be replaced.",
    ]) == [
        (PARAGRAPH, "Ferry crossing to reopen on Friday after storm repairs at the quay"),
        (PARAGRAPH, "1 / 13"),
        (PARAGRAPH, LEDE),
        (PARAGRAPH, "Engineers lift the last fenders into place at the quay on Monday evening, while the crane "
                    "that rebuilt the landing stage after the January storm stands by on the old pier, ready to "
                    "leave by barge at the end of the week when the ferry runs again from the island on Friday "
                    "morning at seven (Photo: Ines Varga)"),
        (PARAGRAPH, "0"),
        (PARAGRAPH, REPAIRS),
    ]


def test_filled_without_capitals() -> None:
    """A script without capitals (Korean): any word may go on a sentence, so fmt's short lines
    are told by where they stop, not by the case of the next word."""
    assert blocks([
        "섬으로 가는 여객선 운항 재개",
        "",
        "섬을 오가는 여객선이 금요일부터 다시",
        "승객을 태운다고 항만 관리소장이 화요일",
        "밝혔다. 기술자들이 1월 폭풍에 떨어져 나간 선착장",
        "수리를 마쳤기 때문이다.",
        "",
        "수리비는 230만 유로로 의회가 책정한 예산보다",
        "3분의 1 많았다. 잠수부들이 선착장 아래 강철 말뚝",
        "두 개에서 균열을 발견해 교체해야 했기 때문이다.",
    ]) == [
        (PARAGRAPH, "섬으로 가는 여객선 운항 재개"),
        (PARAGRAPH, "섬을 오가는 여객선이 금요일부터 다시 승객을 태운다고 항만 관리소장이 화요일 밝혔다. "
                    "기술자들이 1월 폭풍에 떨어져 나간 선착장 수리를 마쳤기 때문이다."),
        (PARAGRAPH, "수리비는 230만 유로로 의회가 책정한 예산보다 3분의 1 많았다. "
                    "잠수부들이 선착장 아래 강철 말뚝 두 개에서 균열을 발견해 교체해야 했기 때문이다."),
    ]


def test_wide_characters() -> None:
    """w3m gives Chinese and Japanese characters two columns, and breaks their lines between
    any two: joined back without a space, a list item's hanging line too."""
    assert blocks([
        "  • ホーム",
        "",
        "島へのフェリーは金曜日から運航を再開すると港湾局長が火曜日に発表した。一月の嵐",
        "で流された桟橋の修理がようやく終わったためで、住民は三か月ぶりに船で本土へ渡れ",
        "るようになる。",
        "",
        "修理費は二百三十万ユーロで、議会が用意した額より三割多かった。潜水士が桟橋の下",
        "の鋼管杭二本に亀裂を見つけ、補修ではなく交換が必要になったという。",
        "",
        "  • 港町の市立図書館が開館五十周年、記念の展示会を市民ホールで来月まで開催中",
        "  • 島へのフェリー、嵐で流された桟橋の修理が終わり金曜日から三か月ぶりに運航を",
        "    再開",
    ]) == [
        (ITEM, "ホーム"),
        (PARAGRAPH, "島へのフェリーは金曜日から運航を再開すると港湾局長が火曜日に発表した。一月の嵐で流された"
                    "桟橋の修理がようやく終わったためで、住民は三か月ぶりに船で本土へ渡れるようになる。"),
        (PARAGRAPH, "修理費は二百三十万ユーロで、議会が用意した額より三割多かった。潜水士が桟橋の下の鋼管杭二本に"
                    "亀裂を見つけ、補修ではなく交換が必要になったという。"),
        (ITEM, "港町の市立図書館が開館五十周年、記念の展示会を市民ホールで来月まで開催中"),
        (ITEM, "島へのフェリー、嵐で流された桟橋の修理が終わり金曜日から三か月ぶりに運航を再開"),
    ]


def test_menu_and_lists_beside_wrapped_paragraphs() -> None:
    """A menu, a list of headlines and an address block, on lines of their own next to the
    story: the story's lines are joined, theirs are not (the next line's first word would have
    fitted after each), however many of them there are."""
    assert blocks([
        "Home",
        "News",
        "Sport",
        "Weather",
        "Ferry crossing to reopen after storm repairs",
        "The island ferry will carry passengers again from Friday, the harbour master",
        "said on Tuesday, after engineers finished repairing the landing stage that a",
        "storm tore loose in January.",
        "",
        "Repairs cost 2.3 million euros, a third more than the council had set aside,",
        "because divers found that two of the steel piles under the stage had cracked",
        "and had to be replaced.",
        "",
        "Latest",
        "Council votes to keep the night bus running through the whole winter",
        "Island school wins a prize for its rooftop vegetable garden",
        "Lifeboat crew called out twice in one night to yachts in trouble",
        "",
        "Harbour Gazette",
        "14 Quay Street",
        "Port Ellen",
    ]) == [
        (PARAGRAPH, "Home"),
        (PARAGRAPH, "News"),
        (PARAGRAPH, "Sport"),
        (PARAGRAPH, "Weather"),
        (PARAGRAPH, "Ferry crossing to reopen after storm repairs"),
        (PARAGRAPH, LEDE),
        (PARAGRAPH, REPAIRS),
        (PARAGRAPH, "Latest"),
        (PARAGRAPH, "Council votes to keep the night bus running through the whole winter"),
        (PARAGRAPH, "Island school wins a prize for its rooftop vegetable garden"),
        (PARAGRAPH, "Lifeboat crew called out twice in one night to yachts in trouble"),
        (PARAGRAPH, "Harbour Gazette"),
        (PARAGRAPH, "14 Quay Street"),
        (PARAGRAPH, "Port Ellen"),
    ]


def test_list_items_stay_apart() -> None:
    """The items of a list on adjacent lines are not joined, even where each fills its line."""
    assert blocks([
        "The island ferry will carry passengers again from Friday, the harbour master",
        "said on Tuesday, after engineers finished repairing the landing stage that a",
        "storm tore loose in January. Under the new timetable:",
        "",
        "- Sailings run every 40 minutes from 6:20 until 22:00, instead of every half",
        "  hour as before the storm, with a last boat at midnight on Saturdays.",
        "- Season tickets bought before January stay valid until the end of May, and",
        "  can be exchanged for a refund at the harbour office.",
        "- Cyclists board first.",
    ]) == [
        (PARAGRAPH, "The island ferry will carry passengers again from Friday, the harbour master said on Tuesday, "
                    "after engineers finished repairing the landing stage that a storm tore loose in January. "
                    "Under the new timetable:"),
        (ITEM, "Sailings run every 40 minutes from 6:20 until 22:00, instead of every half hour as before the storm, "
               "with a last boat at midnight on Saturdays."),
        (ITEM, "Season tickets bought before January stay valid until the end of May, and can be exchanged for a "
               "refund at the harbour office."),
        (ITEM, "Cyclists board first."),
    ]


def test_word_broken_at_its_hyphen() -> None:
    """A wrapper that breaks words at their hyphens (Python's textwrap) leaves "well-" at a
    line's end: the word is joined back whole."""
    assert blocks([
        "The ferry's new skipper, a well-",
        "known figure on the quay for thirty",
        "years, said the crossing would be",
        "back to its winter timetable by the",
        "first week of March.",
    ]) == [
        (PARAGRAPH, "The ferry's new skipper, a well-known figure on the quay for thirty years, said the crossing "
                    "would be back to its winter timetable by the first week of March."),
    ]


# --- a property: any width from 60 columns up ------------------------------------------------

_SENTENCES = [
    "The harbour master said on Tuesday that repairs to the landing stage would cost 2.3 million euros.",
    "Divers found that two of the steel piles had cracked and would have to be replaced, not patched.",
    '"We would rather open a week late than close again in April," she told reporters at the quay.',
    "Season tickets bought before January stay valid until the end of May, the operator said.",
    "Residents of the island, who have crossed by fishing boat since the storm, welcomed the news.",
    "A well-known skipper, Ines Varga, will take the first sailing at 6:20 on Friday morning.",
    "Engineers worked through February (often at night, between tides) to finish the job on time.",
    "The council's transport committee meets in Zürich-style open session next week; tickets are free.",
    "Паром на остров снова начнёт ходить с пятницы, сообщил начальник порта.",
    "Storm-damaged quay walls on the north side remain closed to cars — but not to pedestrians.",
]


@settings(max_examples=50, deadline=None, derandomize=True)
@given(st.lists(st.lists(st.sampled_from(_SENTENCES), min_size=2, max_size=6).map(" ".join), min_size=3, max_size=7),
       st.integers(min_value=60, max_value=100))
def test_paragraphs_wrapped_at_any_width_read_back(paragraphs: list[str], width: int) -> None:
    """A text of paragraphs, each filled to a width from 60 to 100 (Python's textwrap: it
    breaks words at their hyphens too), reads back as the same paragraphs."""
    wrapped = "\n\n".join(textwrap.fill(p, width) for p in paragraphs)
    assert [b.text for b in text_blocks(wrapped)] == paragraphs


# every kind of space str.split() knows, invisible characters, and letters around them
_SPACED_CHARS = " \t\u00a0\u2002\u2009\u3000\u2028\x1c\x85\u200b\u00adab’"


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet=_SPACED_CHARS, max_size=20))
def test_single_spaced_is_splitting_and_joining(line: str) -> None:
    """The shortcut for lines whose only spaces are single ASCII ones folds every line as
    splitting it into words and joining them again does."""
    assert _single_spaced(line) == " ".join(line.split())


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet=_SPACED_CHARS.replace("\t", "").replace("\x1c", "") + "\x01\x7f", max_size=20))
def test_single_spaced_in_a_text_of_no_other_ascii_space(line: str) -> None:
    """Told that its text holds no ASCII whitespace but spaces, a line is folded all the same
    (control characters that are no space, as \\x01, are left as they are)."""
    assert _single_spaced(line, spaced=True) == " ".join(line.split())


# what placeholders are made of and what stands around them
_PLACEHOLDING = st.lists(st.sampled_from(["[", "]", "_", "(", ")", "#", ":", " ", "x", "X", "*", '"', "“", "é",
                                          "image", "IFRAME", "REFRESH(3 sec)", "(BUTTON)", "1"]), max_size=12)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(_PLACEHOLDING.map("".join))
def test_only_placeholders_is_marks_left_when_they_go(text: str) -> None:
    """A line is only placeholders when, the placeholders taken out, marks alone are left: the
    shortcuts at a line's first word say what that definition says."""
    assert _only_placeholders(text) == bool(_ONLY_MARKS.fullmatch(_PLACEHOLDER.sub("", text)))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet=_SPACED_CHARS, max_size=20))
def test_visible_drops_exactly_the_invisible_characters(text: str) -> None:
    assert _visible(text) == "".join(c for c in text if c not in "\u200b\u200c\u200d\u2060\ufeff\u00ad")
