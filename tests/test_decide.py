"""How decide/ tells the story from what surrounds it, one mechanism at a time, on invented
page dumps: the exact decisions (kept or dropped, and by which rule or position test)."""

from __future__ import annotations

import sys

from hypothesis import given
from hypothesis import strategies as st

import cleannews
from cleannews.decide.positions import (
    LEAD_IN,
    PERKS,
    PITCH,
    TEASER_ABOVE_BUTTON,
    TEASER_CARD,
    TEASER_EMBED,
    TEASER_GLUED,
    TEASER_LINKED,
    TEMPLATE,
)
from cleannews.decide.segments import _alike, _shape

STORY = [
    "The harbour board voted on Tuesday to rebuild the ferry landing stage at Kessel Point, "
    "ending two years of argument over whether the crossing should be moved further up the bay.",
    "Repairs will cost about 2.3 million euros and are expected to be finished before May, the "
    "harbour master Ines Varga told the meeting, which ran late into the evening.",
    "Residents who had campaigned for the old site welcomed the vote, though several said the "
    "temporary crossing used during the work would add half an hour to their journeys.",
    "Work is due to begin in the autumn, once the summer timetable has ended and the last of "
    "the holiday traffic has crossed, the board said in a statement after the vote.",
]
HEAD = ["Home", "News", "Sport", "", "Ferry landing to be rebuilt at Kessel Point", ""]


def page(*parts: list[str]) -> str:
    """A dump whose blocks are set apart by blank lines, as w3m prints paragraphs."""
    return "\n\n".join(line for part in parts for line in part) + "\n"


def decisions(text: str) -> dict[str, tuple[bool, str]]:
    """Each block's text → (kept, the rule or position test that decided)."""
    return {d.block.text: (d.keep, d.rule) for d in cleannews.clean(text).decisions}


def story_kept(found: dict[str, tuple[bool, str]]) -> bool:
    return all(found[p][0] for p in STORY)


def test_numbers_are_one_shape() -> None:
    assert _shape("2H ago") == _shape("32M ago") == ("#", "ago")
    assert _alike(_shape("alex says: November 19, 2019 at 6:34 am"), _shape("joe says: November 20, 2019 at 7:02 pm"))
    # results that share a word and a score are lines of a story, not a template's labels
    assert not _alike(_shape("Cocoa d. West Shore 61-21"), _shape("Melbourne d. Cocoa 8-0"))


COMMENTS = [
    "12 responses",
    "harbourwatcher says: March 4, 2025 at 6:34 am",
    "About time. That landing has been falling apart since I was a child and nobody cared.",
    "kessel_local says: March 4, 2025 at 7:02 am",
    "Half an hour extra every day for a year is not a small thing for those of us who work in town.",
    "mara.b says: March 4, 2025 at 9:15 am",
    "The old site was better and everybody knows it, but at least something is finally happening.",
    "oldferryman says: March 5, 2025 at 10:41 pm",
    "I worked that crossing for thirty years and the stage was never built for today's lorries.",
]


def test_a_comment_thread_ends_the_story() -> None:
    found = decisions(page(HEAD, STORY, COMMENTS))
    assert story_kept(found)
    for line in COMMENTS[1:]:
        assert found[line] == (False, TEMPLATE), line


FEED = [
    "More news",
    "Council approves new cycle lanes on the quay",
    "Transport",
    "The plan adds four kilometres of protected lanes along the waterfront by next summer.",
    "2H ago",
    "School bus contract goes to regional firm",
    "Education",
    "Parents had asked for a local operator after a year of late buses and missed lessons.",
    "5H ago",
    "Storm closes coast road for second time this month",
    "Weather",
    "Crews expect to clear fallen trees and reopen both lanes by Thursday afternoon at the latest.",
    "14H ago",
]


def test_a_feed_of_teasers_ends_the_story() -> None:
    found = decisions(page(HEAD, STORY, FEED))
    assert story_kept(found)
    for line in FEED[3::4]:  # the excerpts: running text, but one per card
        assert found[line] == (False, TEMPLATE), line


CARDS_WITH_TITLE_TWICE = [
    "Council approves new cycle lanes on the quay",
    "ON YOUR BIKE",
    "Council approves new cycle lanes on the quay",
    "The plan adds four kilometres of protected lanes along the waterfront by next summer.",
    "School bus contract goes to regional firm",
    "BACK TO SCHOOL",
    "School bus contract goes to regional firm",
    "Parents had asked for a local operator after a year of late buses and missed lessons.",
    "Storm closes coast road for second time this month",
    "BATTEN DOWN",
    "Storm closes coast road for second time this month",
    "Crews expect to clear fallen trees and reopen both lanes by Thursday afternoon at the latest.",
]


def test_cards_that_print_their_title_twice_are_a_template() -> None:
    found = decisions(page(HEAD, STORY, CARDS_WITH_TITLE_TWICE))
    assert story_kept(found)
    for line in CARDS_WITH_TITLE_TWICE[3::4]:
        assert found[line] == (False, TEMPLATE), line


def test_a_pictures_text_between_paragraphs_is_not_a_template() -> None:
    """A story whose picture prints the same text (with a number in it) between paragraphs."""
    picture = "Kessel Point landing stage in 2024 image"
    body = [x for p in STORY for x in (p, picture)]
    found = decisions(page(HEAD, body))
    assert story_kept(found)
    assert TEMPLATE not in {rule for _, rule in found.values()}


def test_results_with_their_scorers_are_a_story() -> None:
    """A results round-up repeats its shape (a result, then the scorers), but each result line
    has words of its own: not a template's labels."""
    results = [
        "Harbour Town d. Kessel 3-1",
        "Harbour Town (4-0): A. Varga 2 goals. L. Moss 1 goal. J. Petrov 1 assist and 5 saves.",
        "Northfield d. Eastbay 2-0",
        "Northfield (3-1): M. Carter 1 goal. D. Olsen 1 goal. K. Berg 4 saves in the second half.",
        "Riverside d. Westmoor 1-0",
        "Riverside (2-2): T. Novak 1 goal. S. Ilic 6 saves, including a penalty in the last minute.",
        "Kessel d. Northfield 4-2",
        "Kessel (1-3): P. Lund 2 goals. R. Aho 1 goal. E. Moreau 1 goal and 1 assist off the bench.",
    ]
    intro = ["Harbour Town stayed unbeaten on Tuesday night with a win over Kessel, while Northfield, "
             "Riverside and Kessel also won in the first full round of the league season."]
    found = decisions(page(HEAD, intro, results))
    assert all(found[line][0] for line in intro + results)


def test_a_page_of_cards_keeps_its_own_first_card() -> None:
    """No story before the template: the first card is the page's own item (a page of quotes,
    each with its share row), and the cards after it are teasers."""
    share = "Send Save Print"
    quotes = [
        "Kindness is a language the deaf can hear and the blind can see, and it costs nothing at all to speak it well.",
        "The sea does not reward those who are too anxious, too greedy or too impatient, as every old fisherman knows.",
        "A harbour is a promise that the boats will come home again, however long the night and however hard the wind.",
        "Bridges are built by people who believe that the other side is worth reaching, even when the river is wide.",
    ]
    cards = [x for q in quotes for x in ("[placeholder-picture]", share, q)]
    found = decisions(page(["Quotes", "Kindness", "Home"], cards))
    assert found[quotes[0]][0]
    assert [found[q] for q in quotes[1:]] == [(False, TEMPLATE)] * 3


def test_lone_excerpts_after_a_gap_do_not_extend_the_story() -> None:
    """Cards with no repeating label (a title, an author, an excerpt): each excerpt is
    running text, but alone under its card's lines, it does not pay for them."""
    tags = ["Harbour", "Kessel Point", "Ferries", "Share your thoughts", "More from the Courier"]
    cards = [
        "Council approves new cycle lanes on the quay",
        "Jane Doe",
        "The plan adds four kilometres of protected lanes along the waterfront by next summer, and the "
        "council says the first stretch, from the ferry terminal to the old fish market, opens in May.",
        "School bus contract goes to regional firm",
        "Sam Carter",
        "Parents had asked for a local operator after a year of late buses, missed lessons and angry "
        "meetings, and the new firm has promised drivers who know the island's narrow roads by heart.",
        "Storm closes coast road for second time this month",
        "Ines Varga",
        "Crews expect to clear fallen trees and reopen both lanes of the road by Thursday afternoon "
        "at the latest, while the ferry company has added two crossings for drivers heading south.",
    ]
    found = decisions(page(HEAD, STORY, tags, cards))
    assert story_kept(found)
    assert [found[line] for line in cards[2::3]] == [(False, "position.outside-story")] * 3


def test_a_short_last_sentence_is_the_storys() -> None:
    last = "He declined to comment."
    found = decisions(page(HEAD, STORY, [last, "About us", "Contact", "Jobs"]))
    assert story_kept(found)
    assert found[last] == (True, "story")


def test_an_agency_at_a_sentences_end_is_the_storys() -> None:
    told = ("The harbour master said the crossing would reopen by the weekend, a spokesman for the ferry "
            "company told AFP.")
    caption = "Workers lift the old landing stage at Kessel Point on Monday. AFP"
    found = decisions(page(HEAD, STORY[:2], [told, caption], STORY[2:]))
    assert found[told] == (True, "story")
    assert found[caption] == (False, "common.credit.agency-tail")


def test_a_figures_caption_goes_with_its_credit() -> None:
    """w3m prints a figure as a source paragraph of its own: the caption beside the credit is
    a caption."""
    caption = "Workers lift the old landing stage at Kessel Point on Monday."
    credit = "Photo: Jane Doe/Reuters"
    found = decisions(page(HEAD, STORY[:2], ["\n".join([caption, credit])], STORY[2:]))
    assert story_kept(found)
    assert found[caption] == found[credit] == (False, "common.credit.name-slash-agency")


def test_caption_status_does_not_spread_to_running_text() -> None:
    """A browser's copy sets no blank line between a caption and the story's paragraphs."""
    paragraphs = [
        "The harbour board voted on Tuesday to rebuild the ferry landing stage at Kessel Point.",
        "Repairs will cost about 2.3 million euros and are expected to be finished before May, the harbour "
        "master Ines Varga told the meeting, which ran late into the evening after residents asked to speak.",
        "Residents who had campaigned for the old site welcomed the vote on the landing stage.",
        "Work is due to begin in the autumn, once the summer timetable has ended and the last of the holiday "
        "traffic has crossed, the board said in a statement after the vote, adding that a temporary crossing "
        "would run from the north quay.",
    ]
    credit = "Photo: Jane Doe/Reuters"
    copy = "\n".join(["Home", "News", "", "Ferry landing to be rebuilt at Kessel Point", "",
                      *paragraphs[:2], credit, *paragraphs[2:]])
    found = decisions(copy)
    assert all(found[p] == (True, "story") for p in paragraphs)
    assert found[credit] == (False, "common.credit.name-slash-agency")


ASK = "Please support us with a donation today."


def test_an_appeals_lead_in_goes_with_it() -> None:
    """From a strong ask up to the short header that leans towards asking, the blocks between
    are the appeal's, though they ask for nothing."""
    header = "Without your support, none of this would be possible."
    lead = ("For ten years the Courier has reported on every council meeting on the island, from the "
            "harbour to the schools, and it will go on doing so.")
    found = decisions(page(HEAD, STORY, [header, lead, ASK, "Donate"]))
    assert story_kept(found)
    assert found[header] == found[lead] == (False, LEAD_IN)
    assert found[ASK] == (False, "en.appeal.support-us")


def test_the_heading_and_pitch_above_a_form_go_with_it() -> None:
    heading, pitch = "Want more stories like this?", "Every morning we send the day's main stories from the island."
    found = decisions(page(HEAD, STORY, [heading, pitch, "[                    ] Subscribe"]))
    assert story_kept(found)
    assert found[heading] == found[pitch] == (False, PITCH)


def test_the_perks_under_an_appeals_label_go_with_it() -> None:
    perks = ["Our weekly print edition", "Invitations to readers' evenings", "No advertising on the site"]
    box = "\n".join(["Become a member today and get:", *(f"  * {p}" for p in perks)])
    found = decisions(page(HEAD, STORY[:2], [box], STORY[2:]))
    assert story_kept(found)
    assert [found[p] for p in perks] == [(False, PERKS)] * 3


def test_a_story_that_ends_beside_an_appeal_keeps_its_last_paragraphs() -> None:
    """The lead-in needs a header that leans towards asking: a story's last paragraphs right
    above an appeal, and a quoted plea among them, are the story's."""
    plea = ("\u201cPlease give what you can, because without your support the shelter will close,\u201d "
            "its director told the meeting.")
    found = decisions(page(HEAD, STORY, [plea, ASK]))
    assert story_kept(found)
    assert found[plea] == (True, "story")


def test_a_pitch_is_never_the_headline() -> None:
    """A line that leans towards asking (an imperative and an offer) is a pitch, even where
    the page prints it twice above the story, as pages print their headline."""
    pitch = "Sign up to newsletters"
    text = page(["Home", "News", pitch, "Ferry landing to be rebuilt at Kessel Point", pitch, "By Jane Doe"],
                STORY, ["About us", pitch])
    result = cleannews.clean(text)
    assert result.title == "Ferry landing to be rebuilt at Kessel Point"


def test_a_caption_glued_under_a_paragraph_keeps_the_paragraph() -> None:
    """lynx prints a figure's caption, its credit in it, on the line under a paragraph, with no
    blank line between: the paragraph is not the caption's."""
    paragraph = "The harbour board voted on Tuesday to rebuild the landing stage at Kessel Point."
    caption = "Workers lift the old landing stage on Monday. Photo: Jane Doe/Reuters"
    found = decisions(page(HEAD, ["\n".join([paragraph, caption])], STORY[1:]))
    assert found[paragraph] == (True, "story")
    assert found[caption] == (False, "common.credit.name-slash-agency")


def test_teasers_by_their_buttons() -> None:
    """Another story's headline, its button glued on or on the line below, in any language."""
    glued = ["Council raises nursery fees by twelve percent … weiterlesen",
             "Bus fares to rise to 38 roubles… Подробнее",
             "Water prices up by a quarter Devamını oku »"]
    above = "Bridge repairs cost forty million more than planned"
    body = [STORY[0], glued[0], STORY[1], glued[1], above, "Read more", STORY[2], glued[2], STORY[3]]
    found = decisions(page(HEAD, body))
    assert story_kept(found)
    assert [found[t] for t in glued] == [(False, TEASER_GLUED)] * 3
    assert found[above] == (False, TEASER_ABOVE_BUTTON)


def test_a_linked_title_alone_between_paragraphs_is_a_teaser() -> None:
    """lynx numbers a link's text: a headline that is wholly a link, between two paragraphs, is
    another story's; a sub-heading in the same place links nowhere and stays."""
    linked = "Ferry timetables cut for the winter"
    subhead = "What the residents say"
    references = ["References", "", "   1. https://news.example/ferry-timetables"]
    found = decisions(page(HEAD, STORY[:2], [f"[1]{linked}"], STORY[2:3], [subhead], STORY[3:], references))
    assert story_kept(found)
    assert found[linked] == (False, TEASER_LINKED)
    assert found[subhead][0]


def test_a_quotation_or_a_sentence_with_dots_is_no_teaser() -> None:
    quote = "« On a tout perdu, tout »"
    trailing = "He paused. Then, after a long silence… nothing"
    found = decisions(page(HEAD, STORY[:2], [quote, trailing], STORY[2:]))
    assert found[quote][1] != TEASER_GLUED and found[trailing][1] != TEASER_GLUED


def test_a_boxs_header_and_its_form_are_never_the_headline() -> None:
    """A newsletter box above the headline, as lynx prints it: its header is a heading, its
    form a line of field and button."""
    box = ["Never miss a story", "Island news in your inbox every Friday morning.",
           "Email ________________________ (BUTTON) Sign up"]
    result = cleannews.clean(page(["Home", "News"], box, ["Ferry landing to be rebuilt at Kessel Point",
                                                         "By Jane Doe"], STORY))
    assert result.title == "Ferry landing to be rebuilt at Kessel Point"
    assert all(line not in result.text for line in box)


def test_a_rail_under_a_see_all_label_belongs_to_the_label() -> None:
    """A browser's copy of a short story and section rails of excerpts under 'See all': each
    excerpt is running text, and together they outweigh the story, but they are the label's."""
    rail = ["Schools", "See all",
            "New nursery opens in the old post office",
            "The town is turning the former post office on Linden Square into a nursery with forty "
            "places, and the first children are due to start there in the autumn.",
            "Gym at the grammar school delayed again",
            "The builder has asked for another extension because materials are late, so pupils will "
            "have their sports lessons in the town hall until November at the earliest.",
            "More money for the island's clubs",
            "The council voted unanimously to give 400,000 euros to local clubs this year, twice as "
            "much as last year, with most of it going to youth football and the rowing club."]
    text = "\n".join([*HEAD, *(x for p in STORY[:2] for x in (p, "")), *rail, "Imprint", "Privacy"])
    found = decisions(text)
    assert all(found[p][0] for p in STORY[:2])
    assert [found[line] for line in rail[3::2]] == [(False, "position.under-a-dropped-label")] * 3


def test_a_run_that_starts_in_a_dialog_is_not_the_story() -> None:
    """A consent dialog the browser hides, printed first by lynx: its paragraphs and buttons,
    then the page's menu, then the story. Neither the dialog nor its heading is the story's."""
    dialog = ["We respect your privacy",
              "We and our partners store and access information on your device, such as cookies and "
              "unique identifiers, to personalise content and ads and to analyse our traffic.",
              "You can accept all of this processing, refuse it or choose in detail what your data is "
              "used for. Your choice applies to this site only and can be changed at any time.",
              "(BUTTON) Accept all (BUTTON) Refuse (BUTTON) Settings"]
    menu = ["Kessel Courier", "  * News", "  * Harbour", "  * Sport"]
    result = cleannews.clean(page(dialog, menu, ["Ferry landing to be rebuilt at Kessel Point"], STORY))
    assert result.title == "Ferry landing to be rebuilt at Kessel Point"
    assert result.body == "\n\n".join(STORY) + "\n"


FOOTER = ["Contact", "Privacy", "© 2025 The Kessel Courier. All rights reserved."]


def test_the_outlet_speaking_of_itself_above_an_appeal_is_its_lead_in() -> None:
    """Its name comes from the page's copyright line."""
    lead = ("The Kessel Courier has covered the island's council, harbour and schools for 31 years, "
            "and it was the Courier that first reported the landing stage's cracks.")
    found = decisions(page(HEAD, STORY, [lead, ASK, "Donate"], FOOTER))
    assert story_kept(found)
    assert found[lead] == (False, LEAD_IN)


def test_the_outlets_about_us_heading_its_footer_is_not_the_story() -> None:
    """A browser's copy sets the footer's lines under the outlet's own paragraph, with no
    blank line between them, where the story's paragraphs are set apart."""
    about = ("The Kessel Courier is an independent weekly that has reported on the island and its "
             "six villages since 1991, in print every Thursday and online every day.")
    footer = "\n".join([about, "Editor: 12 Harbour Street, Kessel", *FOOTER])
    found = decisions(page(HEAD, STORY, [footer]))
    assert story_kept(found)
    assert found[about] == (False, "position.outside-story")


def test_a_box_with_its_perks_above_the_ask_goes_whole() -> None:
    """Heading, the outlet's lead-in, a label with its perks, the ask and its buttons, in a
    browser's copy (the perks on lines of one source paragraph)."""
    heading = "Local news is a public good"
    lead = ("The Kessel Courier is a nonprofit newsroom covering six villages that no daily paper "
            "covers anymore, and its stories are free for everyone to read.")
    perks = ["Join or renew today to get:", "Our Friday print edition", "The weekly harbour newsletter",
             "Invitations to readers' evenings"]
    ask = "Please support our work by becoming a member, for as little as $5 a month."
    box = [heading, lead, "\n".join(perks), ask, "Join Renew"]
    found = decisions(page(HEAD, STORY[:2], box, STORY[2:], FOOTER))
    assert story_kept(found)
    assert [found[x][0] for x in (heading, lead, *perks, ask, "Join Renew")] == [False] * 8
    assert (found[heading][1], found[lead][1], found[perks[0]][1]) == (PITCH, LEAD_IN, PERKS)


def test_a_plea_quoted_in_single_quotes_is_speech() -> None:
    """A story quoting a paywall's message in ‘…’ reports it: no sentence of it is cut."""
    meter = ("Readers who open a sixth article see the message: ‘You have read all your free articles "
             "this month. Subscribe now to keep reading.’ The paper says 4,000 readers have signed on.")
    found = decisions(page(HEAD, STORY[:2], [meter], STORY[2:]))
    result = cleannews.clean(page(HEAD, STORY[:2], [meter], STORY[2:]))
    assert found[meter] == (True, "story")
    assert meter in result.text


def test_a_standfirst_under_a_menu_label_is_no_rail() -> None:
    """One paragraph under a menu's lines (a browser's copy) is the headline's standfirst."""
    standfirst = "The crossing will close for three weeks in May while the landing stage is rebuilt."
    top = "\n".join(["Home", "Most read", "Bus fares rise", "Ferry landing to be rebuilt at Kessel Point",
                     standfirst])
    found = decisions(page([top], STORY))
    assert story_kept(found)
    assert found[standfirst] == (True, "story")


def test_a_rail_of_headings_and_excerpts_under_see_all() -> None:
    """lynx prints a rail's linked titles as headings, left of the indented excerpts."""
    story = ["   " + p for p in STORY[:2]]
    rail = ["   See all",
            "Council approves new cycle lanes on the quay",
            "   The plan adds four kilometres of protected lanes along the waterfront by next summer, "
            "and the first stretch opens in May.",
            "School bus contract goes to regional firm",
            "   Parents had asked for a local operator after a year of late buses, missed lessons and "
            "angry meetings at the school."]
    found = decisions(page(["Ferry landing to be rebuilt at Kessel Point"], story, rail))
    assert all(found[p][0] for p in STORY[:2])
    assert [found[line.strip()] for line in rail[2::2]] == [(False, "position.under-a-dropped-label")] * 2


def test_the_heading_and_pitch_above_a_sign_up_field_go_with_it() -> None:
    """A sign-up box whose words no pack knows is a box by its form: a field to type in."""
    heading, pitch = "Your evening briefing", "Every evening at six, the day's news from the island, free."
    form = "Email ________________________ (BUTTON) Sign up"
    found = decisions(page(HEAD, STORY[:2], [heading, pitch, form], STORY[2:]))
    assert story_kept(found)
    assert found[heading] == found[pitch] == (False, PITCH)


def test_a_card_and_an_embeds_title_between_paragraphs() -> None:
    card = ["Bridge plan returns – again", "News 2 hours ago"]
    embed = ["Inside the ferry's engine room", "IFRAME: https://player.example/embed/88412"]
    found = decisions(page(HEAD, STORY[:2], card, STORY[2:3], embed, STORY[3:]))
    assert story_kept(found)
    assert [found[x] for x in card] == [(False, TEASER_CARD)] * 2
    assert found[embed[0]] == (False, TEASER_EMBED)


def test_a_last_paragraph_with_an_ask_before_a_box_is_the_boxs() -> None:
    """The story's last paragraph cut of its ask sentence, unless more of a box follows it:
    here a button and a log-in prompt after it."""
    pitch = ("Our reporters sit in every council meeting so that you know what happens in your town. "
             "Subscribe now and read every article from $1.50 a week.")
    found = decisions(page(HEAD, STORY, [pitch, "See our plans", "Already a subscriber? Log in"], FOOTER))
    assert story_kept(found)
    assert not found[pitch][0]


def test_cards_dated_alike_are_a_template() -> None:
    """A feed whose cards print the same date line (a rule names it as a date) under each
    author: the dates are the template's labels, the excerpts its lone paragraphs."""
    cards = []
    for title, author, excerpt in [
        ("Council approves new cycle lanes on the quay", "Jane Doe",
         "The plan adds four kilometres of protected lanes along the waterfront by next summer."),
        ("School bus contract goes to regional firm", "Sam Carter",
         "Parents had asked for a local operator after a year of late buses and missed lessons."),
        ("Storm closes coast road for second time", "Ines Varga",
         "Crews expect to clear fallen trees and reopen both lanes by Thursday afternoon."),
    ]:
        cards += [title, author, "Wednesday November 20, 2019", excerpt]
    found = decisions(page(HEAD, STORY, ["More from the Courier"], cards))
    assert story_kept(found)
    assert [found[line][1] for line in cards[3::4]] == [TEMPLATE] * 3


def test_a_long_unpunctuated_line_is_no_running_text() -> None:
    """A tag cloud or a menu run together is a list of words: no comma, no stop."""
    from cleannews.decide.evidence import Unit, word_count
    from cleannews.model import Block
    from cleannews.rules import load_rules

    rules = load_rules((), ("common", "en"))
    tags = " ".join(["harbour", "ferries", "council", "schools", "weather", "sport", "island", "jobs"] * 4)
    assert not Unit(Block(tags), rules).prose
    assert Unit(Block(STORY[0]), rules).prose
    # a URL or a base64 blob is one word; a script written without spaces is counted by its characters
    assert word_count("https://example.com/" + "a1b2c3" * 100) == 1
    assert word_count("东京都は月曜日に新しい防災計画を発表しました。計画では地震の際の避難所を増やします。") > 15


def test_a_storys_dateline_is_no_comments_date() -> None:
    """The story's own date line and the same date on the cards after it are alike, but a
    run of paragraphs lies between them: a story's, not a comment's."""
    more = ["The ferry company said it would publish the temporary timetable in August, after "
            "talks with the island's schools about the first and last crossings of the day.",
            "Fishermen who use the landing stage at night asked the board for a separate mooring "
            "during the works, and the harbour master said she would look at the old pier."]
    cards = []
    for title in ["Bridge plan returns once more", "School bus contract goes to regional firm",
                  "Storm closes coast road again"]:
        cards += [title, "April 21, 2022", "A short excerpt of the story under this card, as feeds print them."]
    found = decisions(page(["Ferry landing to be rebuilt at Kessel Point", "By Jane Doe", "April 21, 2022"],
                           STORY, more, ["Latest"], cards))
    assert story_kept(found) and all(found[p][0] for p in more)


def test_the_headline_of_a_browser_copy_is_not_the_name_under_by() -> None:
    """A browser's copy prints 'By' and the author's name on lines of their own, with no blank
    line between the headline and them."""
    head = ["Home", "News", "Ferry landing to be rebuilt at Kessel Point", "By", "Jane Doe", "March 3, 2025"]
    result = cleannews.clean("\n".join([*head, *STORY]) + "\n")
    assert result.title == "Ferry landing to be rebuilt at Kessel Point"
    assert "Jane Doe" not in result.text


def test_a_line_that_is_wholly_a_link_is_not_the_headline() -> None:
    """lynx numbers links: a menu's linked entry above the story is not its headline."""
    head = ["[1]Ferries and buses: all the timetable changes this winter", "",
            "Ferry landing to be rebuilt at Kessel Point", ""]
    references = ["", "References", "", "   1. https://news.example/timetables"]
    result = cleannews.clean(page(head, STORY, references))
    assert result.title == "Ferry landing to be rebuilt at Kessel Point"


def test_a_menu_row_is_never_the_headline() -> None:
    """Issue 14, item 8: 'Home News Sport Business' above a story is the site's menu."""
    menu = "Home News Sport Business"
    with_headline = cleannews.clean(page([menu, "Ferry landing to be rebuilt at Kessel Point", "By Jane Doe"], STORY))
    assert with_headline.title == "Ferry landing to be rebuilt at Kessel Point"
    without = cleannews.clean("\n".join([menu, STORY[0]]) + "\n\n" + "\n\n".join(STORY[1:]) + "\n")
    assert without.title != menu and menu not in without.text


def test_an_authors_name_printed_in_every_box_is_not_the_headline() -> None:
    """A w3m dump: the author's name under the headline, again beside the share buttons and in
    the author box at the end. A headline printed twice is one; a name printed thrice is not."""
    head = ["Wednesday 20 November 2025 9:22 am", "Ferry landing to be rebuilt at Kessel Point", "Jane Doe",
            "  •  ", "  •  ", "Jane Doe", "Share"]
    tail = ["Jane Doe", "Jane Doe is the paper's harbour correspondent."]
    assert cleannews.clean(page(head, STORY, tail)).title == "Ferry landing to be rebuilt at Kessel Point"


def test_sentences_end_at_a_stop_before_a_capital_or_at_a_cjk_stop() -> None:
    from cleannews.decide.evidence import sentences

    assert sentences('He left. She stayed! Did they? "Yes," he said. «Non.» Ok.') == [
        "He left.", "She stayed!", "Did they?", '"Yes," he said.', "«Non.»", "Ok."]
    assert sentences("It cost 3.5 dollars. e.g. this. Then 2024 came.") == [
        "It cost 3.5 dollars. e.g. this.", "Then 2024 came."]  # no capital after the stop: no end
    assert sentences('He said "give now." Then left… And (so) on.') == [
        'He said "give now."', "Then left…", "And (so) on."]  # closing marks stay, opening ones go on
    assert sentences("東京です。大阪です！名古屋？ Fine。 Next.") == [
        "東京です。", "大阪です！", "名古屋？", " Fine。", " Next."]
    assert sentences("Two.  Spaces.\nNew line.") == ["Two.", "Spaces.", "New line."]


def test_case_folding_keeps_spaces_and_never_shortens() -> None:
    """What headline._Repeats relies on to fold only the lines that could be a line again:
    no character folds to or from a space, and none folds to nothing."""
    for c in map(chr, range(sys.maxunicode + 1)):
        folded = c.casefold()
        assert folded and (" " in folded) == (c == " "), repr(c)


# Words whose letters fold in every way case can: ß to "ss", the Kelvin sign to "k", a
# ligature to two letters, three sigmas to one, a dotted capital I to two characters.
_FOLDING_WORDS = ["ss", "SS", "ß", "ẞ", "k", "K", "\u212a", "ﬁ", "fi", "FI", "σ", "Σ", "ς", "İ", "i̇", "x", "—"]


@given(st.lists(st.lists(st.sampled_from(_FOLDING_WORDS), min_size=1, max_size=4).map(" ".join), max_size=12),
       st.lists(st.sampled_from(_FOLDING_WORDS), min_size=1, max_size=4).map(" ".join))
def test_a_line_printed_twice_is_told_as_by_folding_every_line(lines: list[str], asked: str) -> None:
    from cleannews.decide.evidence import Unit
    from cleannews.decide.headline import _Repeats
    from cleannews.model import Block
    from cleannews.rules import load_rules

    rules = load_rules((), ("en",))
    units = [Unit(Block(text), rules) for text in [*lines, asked]]
    folded = [u.block.text.casefold() for u in units if 2 <= u.words <= 30]
    assert (asked in _Repeats(units)) == (folded.count(asked.casefold()) >= 2)
