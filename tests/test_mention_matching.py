"""The fast paths of mention finding give the same answers as the plain ones they replace.

Scanning only word starts (``Gazetteer.word_start_automaton``), the quick test that skips the
rules on the word before an alias, the word helpers and the snippet spacing each have a plain
reference here, compared on the seed articles and on awkward strings.
"""

from __future__ import annotations

import random

import pandas as pd
import pytest

from utils import corpus, paths
from utils.actors import (
    Gazetteer,
    article_mention_columns,
    as_gazetteer,
    fold_case,
    load_actors,
    word_start_text,
)
from utils.actors import context_rules as mention_rules
from utils.actors import matching as mention_matches

AWKWARD = [
    "",
    "AS",
    "atas nama AS-nya dan Rusianya",
    "Amerika Serikat, Amerika-Serikat dan Amerika  Serikat",
    "DK PBB, DK-PBB, dk pbb",
    "bahasa Indonesia dan Bank Indonesia",
    "“Rusia” – Korut (RI) é Rusia éRusia",
    "\u212aim Jong Un tiba; \u212aIM JONG UN",  # the Kelvin sign lower-cases to "k"
    "İstanbul, Rusia. ΣRusia",
    "Rusia\xa0Korut\tAS\x00RI_AS",
    "  \n\nKim Jong Un\n\n\n Putin  ",
]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return as_gazetteer(load_actors())


@pytest.fixture(scope="module")
def texts() -> list[str]:
    seeds = corpus.load_articles(paths.RAW_DIR, progress=False)
    return [*seeds["text"], *AWKWARD]


def plain_hits(text: str, gazetteer: Gazetteer) -> list[tuple[int, int, str]]:
    """Every alias in the lower-cased text (the scan before word starts), on word boundaries."""
    if gazetteer.automaton is None:
        return []
    hits = [
        (last + 1 - len(alias.key), last + 1, alias.key)
        for last, alias in gazetteer.automaton.iter(fold_case(text))
    ]
    return sorted(hit for hit in hits if mention_rules.on_word_boundary(text, hit[0], hit[1]))


def fast_hits(text: str, gazetteer: Gazetteer) -> list[tuple[int, int, str]]:
    hits = [
        (start, end, alias.key)
        for start, end, alias in mention_matches._alias_hits(text, gazetteer)
    ]
    return sorted(hit for hit in hits if mention_rules.on_word_boundary(text, hit[0], hit[1]))


def test_word_start_scan_finds_every_alias_that_starts_a_word(texts, gazetteer):
    assert any(gazetteer.reads_word_starts(text) for text in texts)
    assert not gazetteer.reads_word_starts(AWKWARD[7])  # Kelvin sign: the plain scan
    for text in texts:
        assert fast_hits(text, gazetteer) == plain_hits(text, gazetteer), text


def test_word_start_scan_on_random_texts(gazetteer):
    aliases = [entry.alias for entry in gazetteer.entries]
    pieces = [*aliases, *(a.lower() for a in aliases), " ", ", ", "-", "nya", "é", "–", "\xa0"]
    pieces += ["\u212a", "İ", "x", "2017", "\n\n"]
    generator = random.Random(0)
    for _ in range(3000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(1, 10)))
        assert fast_hits(text, gazetteer) == plain_hits(text, gazetteer), text


def test_non_ascii_aliases_keep_the_plain_scan():
    actors = pd.DataFrame(
        [("turkey", "Turkey", "state", "Türkiye", "alias", False)],
        columns=["actor_id", "label", "type", "alias", "kind", "case_sensitive"],
    )
    gazetteer = Gazetteer.from_actors(actors)
    assert gazetteer.word_start_automaton is None or not gazetteer.reads_word_starts("Türkiye")
    assert article_mention_columns({"text": "Presiden Türkiye tiba."}, gazetteer=gazetteer)[
        "surface"
    ] == ["Türkiye"]


def test_kelvin_sign_is_read_as_k(gazetteer):
    columns = article_mention_columns({"text": AWKWARD[7]}, gazetteer=gazetteer)
    assert columns["surface"][0] == "\u212aim Jong Un" and columns["actor"][0] == "kim_jong_un"


def test_word_start_text_keeps_offsets():
    for text in AWKWARD:
        marked = word_start_text(text)
        assert len(marked) == len(text) + 1 and marked[0] == "\x00"
        for position, char in enumerate(text):
            expected = char.lower() if char.isascii() and char.isalnum() else "\x00"
            assert marked[position + 1] == expected


def plain_word_before(text: str, start: int) -> tuple[str, int]:
    """The loop ``word_before`` ran before its fast path."""
    if start < 2 or text[start - 1] != " " or not text[start - 2].isalnum():
        return "", start
    begin = end = start - 1
    while begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] == "-"):
        begin -= 1
    return text[begin:end], begin


def plain_word_after(text: str, end: int) -> str:
    if end + 1 >= len(text) or text[end] != " ":
        return ""
    stop = end + 1
    while stop < len(text) and (text[stop].isalnum() or text[stop] == "-"):
        stop += 1
    return text[end + 1 : stop]


def test_word_before_and_after_match_the_plain_loops(texts):
    long_word = "x" * 100
    for text in [*texts, f"kata {long_word} Rusia", f"{long_word} Rusia", "(Presiden) Putin"]:
        for position in range(len(text) + 1):
            assert mention_rules.word_before(text, position) == plain_word_before(text, position)
            assert mention_rules.word_after(text, position) == plain_word_after(text, position)


#: The alias rules that read the word before a match (``word_before_may_name_other`` guards them).
RULES_ON_THE_WORD_BEFORE = [
    mention_rules.after_name_head,
    mention_rules.in_company_name,
    mention_rules.after_english_of,
    mention_rules.ends_other_name,
    mention_rules.after_organisation_acronym,
]


def test_rules_on_the_word_before_need_what_the_quick_test_lets_through(texts):
    """Wherever ``word_before_may_name_other`` says no, every rule it guards says no."""
    checked = 0
    for text in [*texts, "dari -SPAK Indonesia", "universitas Indonesia", "dolar AS", "of China"]:
        for position in range(1, len(text)):
            if text[position - 1] != " ":
                continue
            before, _ = mention_rules.word_before(text, position)
            if mention_rules.word_before_may_name_other(before):
                continue
            checked += 1
            assert before.lower() not in mention_rules.CURRENCY_WORDS
            assert not any(rule(text, position) for rule in RULES_ON_THE_WORD_BEFORE), (
                text[:position],
                before,
            )
    assert checked > 1000


@pytest.mark.parametrize(
    "snippet",
    ["diam.\n\nKorut", " diam.", "diam. ", "a  b", "a\n\n\nb", "a\tb", "a\xa0b", "a \n\nb", "ab"],
)
def test_single_spaced_is_split_and_join(snippet):
    assert mention_matches._single_spaced(snippet) == " ".join(snippet.split())


def test_paragraph_spans_fast_path_on_cleaned_and_other_text(texts):
    from utils.text import sentences

    cleaned_seeds = texts[:5]
    for text in cleaned_seeds:
        assert sentences._cleaned_paragraph_spans(text) is not None  # the fast path is taken
    for text in [*texts, "a\n\nb", "a\nb", "a\n\n\n\nb", "\n\na", "a\n\n", " a\n\nb", "a\n\n b"]:
        expected = sentences._blank_line_paragraph_spans(text)
        assert sentences.paragraph_spans(text) == expected, text
        assert sentences._cleaned_paragraph_spans(text) in (None, expected), text


def plain_candidates(text: str, gazetteer: Gazetteer) -> list[tuple[int, int, tuple]]:
    """The hits of ``_alias_hits`` that pass the case and boundary checks, one check at a time."""
    candidates = []
    for start, end, alias in mention_matches._alias_hits(text, gazetteer):
        entries = mention_matches._accepted(text, start, end, alias)
        if entries and mention_rules.on_word_boundary(text, start, end):
            candidates.append((start, end, tuple(entries)))
    return candidates


def test_one_loop_word_start_candidates_match_the_plain_checks(texts, gazetteer):
    """The look-ahead that drops hits inside longer words (``nama``, ``asal``) drops nothing else."""
    generator = random.Random(1)
    aliases = [entry.alias for entry in gazetteer.entries]
    pieces = [*aliases, *(a.lower() for a in aliases), " ", ", ", "-", "nya", "nyai", "é", "x", "2"]
    randoms = ["".join(generator.choice(pieces) for _ in range(8)) for _ in range(3000)]
    checked = 0
    for text in [*texts, *randoms, "Rusianya Rusianyai AS-nya ASnya ASé Asal nama Rusia"]:
        if not gazetteer.reads_word_starts(text):
            continue
        fast = mention_matches._word_start_candidates(text, gazetteer)
        assert [(s, e, tuple(x)) for s, e, x in fast] == plain_candidates(text, gazetteer), text
        checked += len(fast)
    assert checked > 1000


def test_leftmost_longest_without_overlaps_keeps_every_candidate():
    generator = random.Random(2)
    for _ in range(2000):
        candidates = []
        for _ in range(generator.randint(0, 6)):
            start = generator.randint(0, 20)
            candidates.append((start, start + generator.randint(1, 6), "x"))
        candidates.sort(key=lambda match: match[1])  # the automaton reports them by their end
        by_sorting = sorted(candidates, key=lambda match: (match[0], -match[1]))
        chosen, reached = [], 0
        for start, end, entries in by_sorting:
            if start >= reached:
                chosen.append((start, end, entries))
                reached = end
        assert mention_matches._leftmost_longest(list(candidates)) == chosen


def test_rules_given_the_word_before_answer_as_without_it(texts):
    """``before=`` only saves finding the word before again."""
    extra = ["PT Bank Rakyat Indonesia", "Ikatan Akuntan Indonesia", "Kementerian Luar Negeri RI"]
    answers = set()
    for text in [*texts, *extra]:
        for position in range(1, len(text)):
            before = mention_rules.word_before(text, position)
            for rule in RULES_ON_THE_WORD_BEFORE:
                answer = rule(text, position, before=before)
                assert answer == rule(text, position), (rule.__name__, text[:position])
                answers.add(answer)
            for end in (position + 2, position + 3):
                assert mention_rules.are_initials(
                    text, position, end, before=before
                ) == mention_rules.are_initials(text, position, end)
    assert answers == {True, False}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mendatangi Ikatan Akuntan Indonesia kemarin", True),
        ("mendatangi Kementerian Luar Negeri Indonesia kemarin", False),
        (
            "mendatangi Pusat Studi Kementerian Soca Gakkai Indonesia kemarin",
            False,
        ),  # state word deep
        ("mendatangi Pusat Kebudayaan Soca Gakkai Indonesia kemarin", True),
        ("kata Sekjen Gabungan Pelaksana Konstruksi Indonesia", True),
        ("kata Menteri Ketenagakerjaan dan Pembangunan Sosial Saudi Arabia", False),
    ],
)
def test_ends_other_name_stops_at_a_state_word(text, expected):
    start = text.index("Indonesia") if "Indonesia" in text else text.index("Saudi")
    assert mention_rules.ends_other_name(text, start) is expected


def test_sentence_starts_passed_in_change_nothing(texts, gazetteer):
    """The pipeline passes the sentence starts it has (a list, or an array from a cache)."""
    import numpy as np

    from utils import text as text_utils

    for text in texts:
        starts = [start for start, _ in text_utils.sentence_spans(text)]
        plain = article_mention_columns({"text": text}, gazetteer=gazetteer)
        for passed in (starts, np.array(starts, dtype=np.int64)):
            article = {"text": text, "_sentence_starts": passed}
            assert article_mention_columns(article, gazetteer=gazetteer) == plain
