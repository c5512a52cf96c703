"""One site's generated news articles, for the tests of learning (folder mode, archives):
each different from every other, so that only a box they all carry is the site's boilerplate."""

from __future__ import annotations

import random

PLACES = ["Aberdeen", "Bruges", "Cádiz", "Dresden", "Esbjerg", "Faro", "Galway", "Haarlem", "Innsbruck", "Jyväskylä",
          "Kraków", "Lyon"]
NOUNS = ["council", "harbour authority", "school board", "rail operator", "museum", "hospital trust", "water company",
         "farmers' union", "fire brigade", "university"]
VERBS = ["approved", "postponed", "criticised", "defended", "announced", "rejected", "welcomed", "questioned"]
THINGS = ["a new budget", "the bridge repairs", "longer opening hours", "a fare increase", "the flood defences",
          "a tram extension", "the school merger", "a heating subsidy"]
# Worded so that no shipped rule knows it (test_batch.py checks): only learning can tell it is the site's.
LAMP_BOX = ("Lanterns along the quay are lit each evening by the Harbour Lamp Society, whose volunteers have kept "
            "the tradition alive since 1911 with pocket change from passers-by like you.")


def article(n: int, paragraphs: tuple[int, int] = (3, 6)) -> tuple[str, list[str]]:
    """Article number n: a headline and 3-6 paragraphs (or as many as `paragraphs` allows),
    different from every other article. bench/bench_batch.py builds its trees from these too."""
    rng = random.Random(n)
    place = PLACES[n % len(PLACES)]
    title = f"{place} {rng.choice(NOUNS)} {rng.choice(VERBS)} {rng.choice(THINGS)} in case {n}"
    story = []
    for j in range(rng.randint(*paragraphs)):
        story.append(" ".join(
            f"The {rng.choice(NOUNS)} in {place} {rng.choice(VERBS)} {rng.choice(THINGS)} on day {n * 10 + j}, "
            f"after {rng.randint(2, 900)} residents wrote to officials about item {k}."
            for k in range(rng.randint(2, 4))
        ))
    return title, story
