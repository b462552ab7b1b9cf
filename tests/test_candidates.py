"""Candidate actors: names and acronyms the actor list does not cover yet."""

from __future__ import annotations

import pandas as pd
import pytest

from utils import corpus, paths
from utils.actors import (
    article_candidates,
    candidate_actors,
    load_actors,
    read_ner_gold,
    score_against_ner,
)


@pytest.fixture(scope="module")
def seed_candidates() -> pd.DataFrame:
    seeds = corpus.load_articles(paths.RAW_DIR, progress=False)
    return candidate_actors(seeds, load_actors(), min_count=1)


def test_new_names_from_the_seeds_are_listed(seed_candidates):
    listed = set(seed_candidates["candidate"])
    for name in ["Vladivostok", "Moskovsky Komsomolets", "Royal United Services Institute",
                 "Asan Institute for Policy Studies", "ICBM"]:  # fmt: skip
        assert name in listed
    assert seed_candidates.loc[seed_candidates["candidate"] == "ICBM", "kind"].item() == "acronym"


def test_known_actors_months_days_and_function_words_are_left_out(seed_candidates):
    listed = set(seed_candidates["candidate"])
    assert not listed & {
        "Rusia",
        "Korea Utara",
        "Korut",
        "Putin",
        "Kim",
        "Kim Jong Un",
        "AS",
        "PBB",
        "DK PBB",
    }
    assert not listed & {"Juli", "September", "Rabu", "Namun", "Menurut", "Presiden"}
    assert not any(name.startswith(("Presiden ", "Menteri ")) for name in listed)


def test_ranked_by_frequency_with_examples(seed_candidates):
    assert seed_candidates["count"].is_monotonic_decreasing
    vladivostok = seed_candidates[seed_candidates["candidate"] == "Vladivostok"].iloc[0]
    assert vladivostok["count"] == 4 and vladivostok["n_articles"] == 2
    assert "[Vladivostok]" in vladivostok["examples"]
    seeds = corpus.load_articles(paths.RAW_DIR, progress=False)
    assert candidate_actors(seeds, load_actors(), min_count=3)["count"].min() >= 3


def test_sentence_initial_single_words_are_skipped():
    rows = article_candidates(
        {"article_id": "a", "text": "Pengamat tiba. Havas berkata pada Chen."}
    )
    assert [row["candidate"] for row in rows] == ["Chen"]


def test_read_ner_gold(tmp_path):
    path = tmp_path / "ner.txt"
    path.write_text(
        "Kim\tB-PERSON\nJong\tI-PERSON\nUn\tI-PERSON\nke\tO\nRusia\tB-LOCATION\n\n",
        encoding="utf-8",
    )
    sentences, entities = read_ner_gold(path)
    assert sentences == ["Kim Jong Un ke Rusia"]
    assert entities["entity"].tolist() == ["Kim Jong Un", "Rusia"]


@pytest.mark.shared
def test_candidates_surface_most_gold_names(gold_dir):
    scores = score_against_ner(gold_dir / "ner_nerui" / "nergithub.txt").set_index("type")
    assert scores.loc["ALL", "recall"] >= 0.7
    assert scores.loc["ALL", "precision"] >= 0.5
