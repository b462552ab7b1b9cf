"""Co-mentions, association measures, matrix, graph, evidence and timelines on the seed articles."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from utils import paths
from utils.actors import find_mentions, load_actors
from utils.comentions import (
    TOO_COARSE,
    UNDATED,
    article_bins,
    co_mention_graph,
    co_mention_matrix,
    co_mention_timeline,
    co_mentions,
    evidence,
    mention_timeline,
    pair_occurrences,
)
from utils.comentions.windows import token_positions
from utils.engine import EngineOptions


def pair(table: pd.DataFrame, a: str, b: str) -> pd.Series:
    a, b = sorted((a, b))
    rows = table[(table["actor_a"] == a) & (table["actor_b"] == b)]
    assert len(rows) == 1, f"pair {a}-{b} not found"
    return rows.iloc[0]


def test_pairs_are_unordered_and_sorted(mentions):
    table = co_mentions(mentions, scope="sentence")
    assert (table["actor_a"] < table["actor_b"]).all()
    assert not table.duplicated(["actor_a", "actor_b"]).any()
    assert table["co_mentions"].is_monotonic_decreasing


def test_sentence_co_mentions_of_the_main_pairs(mentions):
    table = co_mentions(mentions, scope="sentence")
    putin_kim = pair(table, "vladimir_putin", "kim_jong_un")
    # all five seeds put Putin and Kim Jong Un in one sentence at least once
    assert putin_kim["n_articles"] == 5
    assert putin_kim["co_mentions"] >= 15
    assert pair(table, "russia", "north_korea")["n_articles"] == 5


def test_wider_scopes_never_have_fewer_articles(mentions):
    by_scope = {
        scope: co_mentions(mentions, scope=scope) for scope in ["sentence", "paragraph", "article"]
    }
    sentence = pair(by_scope["sentence"], "russia", "north_korea")
    paragraph = pair(by_scope["paragraph"], "russia", "north_korea")
    article = pair(by_scope["article"], "russia", "north_korea")
    assert sentence["n_articles"] <= paragraph["n_articles"] <= article["n_articles"] == 5
    assert article["co_mentions"] == 5 and article["count_a"] == 5


def test_association_measures_follow_their_formulas(mentions, seeds):
    table = co_mentions(mentions, scope="sentence", articles=seeds)
    row = pair(table, "russia", "north_korea")
    expected_pmi = math.log2(
        row["co_mentions"] * row["n_units"] / (row["count_a"] * row["count_b"])
    )
    assert row["pmi"] == pytest.approx(expected_pmi)
    assert row["jaccard"] == pytest.approx(
        row["co_mentions"] / (row["count_a"] + row["count_b"] - row["co_mentions"])
    )
    assert -1 <= row["npmi"] <= 1
    # with articles, n_units counts every sentence, not only those with a mention
    assert row["n_units"] > co_mentions(mentions, scope="sentence")["n_units"].iloc[0]
    assert (table["low_count"] == (table["co_mentions"] < 5)).all()


def test_ambiguous_mentions_are_left_out():
    mentions = pd.DataFrame(
        {"article_id": ["a"] * 3, "sentence_no": [0, 0, 0], "actor": ["russia", None, "iran"]}
    )
    table = co_mentions(mentions)
    assert table[["actor_a", "actor_b", "co_mentions"]].to_dict("records") == [
        {"actor_a": "iran", "actor_b": "russia", "co_mentions": 1}
    ]


def test_window_scope(mentions, seeds):
    with pytest.raises(ValueError, match="needs the article texts"):
        co_mentions(mentions, scope="window")
    narrow = pair_occurrences(mentions, scope="window", window=3, articles=seeds)
    wide = pair_occurrences(mentions, scope="window", window=30, articles=seeds)
    assert 0 < len(narrow) < len(wide)
    # "Korea Selatan-AS-Jepang" in seed 002: three actors within three tokens
    in_002 = narrow[narrow["article_id"].str.startswith("002")]
    assert {
        ("japan", "south_korea"),
        ("japan", "united_states"),
        ("south_korea", "united_states"),
    } <= set(zip(in_002["actor_a"], in_002["actor_b"], strict=True))
    table = co_mentions(mentions, scope="window", window=10, articles=seeds)
    assert table["scope"].iloc[0] == "window of 10 tokens"


def test_unknown_scope():
    with pytest.raises(ValueError, match="scope must be one of"):
        co_mentions(pd.DataFrame(columns=["article_id", "actor"]), scope="document")


def test_matrix_and_graph(mentions):
    table = co_mentions(mentions, scope="sentence")
    matrix = co_mention_matrix(table)
    assert list(matrix.index) == list(matrix.columns)
    values = matrix.to_numpy()
    assert np.allclose(np.nan_to_num(values), np.nan_to_num(values.T))
    assert np.isnan(np.diag(values)).all()
    assert (
        matrix.loc["Russia", "North Korea"] == pair(table, "russia", "north_korea")["co_mentions"]
    )
    graph = co_mention_graph(table, min_count=2)
    assert (
        graph.edges["vladimir_putin", "kim_jong_un"]["weight"]
        == pair(table, "vladimir_putin", "kim_jong_un")["co_mentions"]
    )
    assert min(weight for _, _, weight in graph.edges(data="weight")) >= 2
    assert graph.nodes["kim_jong_un"]["label"] == "Kim Jong Un"


def test_evidence_shows_sentences_with_both_actors(mentions, seeds):
    table = evidence(mentions, seeds, ("vladimir_putin", "kim_jong_un"), limit=None)
    assert len(table) >= 15
    assert table["text"].str.contains("Putin").all()
    assert table["text"].str.contains("Kim").all()


def test_results_are_deterministic(seeds):
    first = co_mentions(find_mentions(seeds, load_actors(), options=EngineOptions(progress=False)), scope="paragraph")
    second = co_mentions(
        find_mentions(seeds.iloc[::-1], load_actors(), options=EngineOptions(progress=False)), scope="paragraph"
    )
    pd.testing.assert_frame_equal(first, second)


# --- timelines ---------------------------------------------------------------------------------


def test_month_timeline_covers_every_month_with_zeros(mentions, seeds):
    timeline = mention_timeline(mentions, seeds, freq="MS")
    russia = timeline[timeline["actor"] == "russia"]
    # seeds are dated 2022-11 (003) and 2023-09 (the other four): eleven monthly bins
    assert (
        russia["period_label"].tolist()[0] == "2022-11"
        and russia["period_label"].tolist()[-1] == "2023-09"
    )
    assert len(russia) == 11
    empty = russia[russia["period_label"] == "2023-01"].iloc[0]
    assert (
        empty["mentions"] == 0
        and empty["articles_in_bin"] == 0
        and np.isnan(empty["share_of_articles"])
    )
    september = russia[russia["period_label"] == "2023-09"].iloc[0]
    assert september["articles_in_bin"] == 4 and september["share_of_articles"] == 1.0
    assert september["mentions_per_article"] == pytest.approx(september["mentions"] / 4)


def test_coarse_dates_in_weekly_bins_are_flagged_or_excluded(seeds):
    flagged = article_bins(seeds, freq="W")
    assert flagged["coarse"].sum() == 4  # four seeds have month precision only
    excluded = article_bins(seeds, freq="W", coarse="exclude")
    assert (excluded["period_label"] == TOO_COARSE).sum() == 4
    assert len(excluded) == len(seeds)


def test_undated_articles_are_counted_separately(mentions, seeds):
    undated = seeds.copy()
    undated.loc[undated["article_id"].str.startswith("004"), "date"] = pd.NaT
    timeline = mention_timeline(mentions, undated, freq="MS")
    row = timeline[(timeline["period_label"] == UNDATED) & (timeline["actor"] == "russia")].iloc[0]
    assert row["articles_in_bin"] == 1 and row["mentions"] > 0 and not row["is_dated"]
    assert (
        timeline.groupby("actor")["mentions"].sum()["russia"]
        == (mentions["actor"] == "russia").sum()
    )


def test_co_mention_timeline_for_chosen_pairs(mentions, seeds):
    timeline = co_mention_timeline(
        mentions,
        seeds,
        scope="sentence",
        freq="MS",
        pairs=[("vladimir_putin", "kim_jong_un"), ("russia", "north_korea")],
    )
    assert set(timeline["pair"]) == {"Kim Jong Un – Vladimir Putin", "North Korea – Russia"}
    putin_kim = timeline[timeline["actor_b"] == "vladimir_putin"]
    total = pair(co_mentions(mentions, scope="sentence"), "vladimir_putin", "kim_jong_un")[
        "co_mentions"
    ]
    assert putin_kim["co_mentions"].sum() == total
    assert putin_kim.loc[putin_kim["period_label"] == "2022-11", "articles_mentioning"].item() == 1


@pytest.mark.slow
def test_notebook_04_runs_and_writes_its_tables(tmp_path, seeds, mentions):
    import papermill

    from utils import provenance

    processed, figures_dir = tmp_path / "processed", tmp_path / "figures"
    provenance.write_table(seeds, processed / "articles.parquet", params={}, articles=seeds)
    # notebook 02 finds the mentions; 04 reads them
    provenance.write_table(
        mentions, processed / "mentions.parquet", params={"METONYMS": True}, articles=seeds
    )
    papermill.execute_notebook(
        str(paths.NOTEBOOKS_DIR / "04-co-mentions.ipynb"),
        str(tmp_path / "04-co-mentions.ipynb"),
        parameters={
            "PROCESSED_DIR": str(processed),
            "FIGURES_DIR": str(figures_dir),
            "SCOPE": "paragraph",
        },
        cwd=str(paths.NOTEBOOKS_DIR),
        kernel_name="python3",
        progress_bar=False,
    )
    pairs = pd.read_csv(processed / "co_mentions.csv")
    putin_kim = pairs[(pairs.actor_a == "kim_jong_un") & (pairs.actor_b == "vladimir_putin")].iloc[
        0
    ]
    assert putin_kim["n_articles"] == 5 and putin_kim["scope"] == "paragraph"
    per_actor = pd.read_csv(processed / "mention_timeline.csv").groupby("actor")["mentions"].sum()
    assert per_actor["russia"] == 107
    timeline = pd.read_csv(processed / "co_mention_timeline.csv")
    assert set(timeline["pair"]) == {"Kim Jong Un – Vladimir Putin", "North Korea – Russia"}
    evidence_table = pd.read_csv(processed / "co_mention_evidence.csv")
    assert evidence_table["text"].str.contains("Putin").all()
    for name in [
        "04-mentions-per-actor",
        "04-co-mention-heatmap",
        "04-co-mention-network",
        "04-co-mention-timeline",
    ]:
        assert (figures_dir / f"{name}.png").exists() and (figures_dir / f"{name}.svg").exists()


def test_a_corpus_without_any_actor_gives_empty_tables():
    articles = pd.DataFrame({"article_id": ["a"], "text": ["Tidak ada aktor di sini."],
                             "date": pd.to_datetime(["2023-01-01"]), "date_precision": ["day"]})  # fmt: skip
    mentions = find_mentions(articles, load_actors(), options=EngineOptions(progress=False))
    for scope in ["sentence", "paragraph", "article", "window"]:
        assert co_mentions(mentions, scope=scope, articles=articles).empty
    assert co_mention_matrix(co_mentions(mentions)).empty
    assert co_mention_graph(co_mentions(mentions)).number_of_nodes() == 0
    assert mention_timeline(mentions, articles).empty
    timeline = co_mention_timeline(mentions, articles, pairs=[("russia", "iran")])
    assert timeline["co_mentions"].sum() == 0 and (timeline["articles_in_bin"] == 1).all()
    assert evidence(mentions, articles, ("russia", "iran")).empty


# --- the integer-coded counting core (utils.comentions.codes, utils.comentions.windows) -------------


def random_mentions(seed: int, n: int = 300) -> pd.DataFrame:
    """Mentions over a few articles, sentences and actors, some unresolved (actor missing)."""
    rng = np.random.default_rng(seed)
    actors = np.array(["china", "iran", "kim_jong_un", "north_korea", "russia", None], dtype=object)
    frame = pd.DataFrame(
        {
            "article_id": rng.choice(["a01", "a02", "b07", "c10", "z99"], n),
            "paragraph_no": rng.integers(0, 3, n),
            "sentence_no": rng.integers(0, 6, n),
            "actor": rng.choice(actors, n),
            "start": rng.integers(0, 400, n),
        }
    )
    frame["label"] = frame["actor"].str.upper()
    return frame


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("scope", ["sentence", "paragraph", "article"])
def test_co_mentions_match_a_count_by_hand(seed, scope):
    mentions = random_mentions(seed)
    unit_keys = {"sentence": ["article_id", "sentence_no"], "paragraph": ["article_id", "paragraph_no"],
                 "article": ["article_id"]}[scope]  # fmt: skip
    units: dict[tuple, set[str]] = {}
    for row in mentions[mentions["actor"].notna()].itertuples(index=False):
        key = tuple(getattr(row, column) for column in unit_keys)
        units.setdefault(key, set()).add(row.actor)
    expected: dict[tuple[str, str], list] = {}
    for key, present in units.items():
        for a in present:
            for b in present:
                if a < b:
                    expected.setdefault((a, b), []).append(key[0])
    table = co_mentions(mentions, scope=scope)
    got = {
        (r.actor_a, r.actor_b): (r.co_mentions, r.n_articles, r.n_units) for r in table.itertuples()
    }
    assert got == {
        pair_: (len(articles), len(set(articles)), len(units))
        for pair_, articles in expected.items()
    }
    for row in table.itertuples():
        assert row.count_a == sum(row.actor_a in present for present in units.values())


@pytest.mark.parametrize("window", [1, 2, 25])
def test_window_pairs_match_a_count_by_hand(window):
    mentions = random_mentions(3, n=120)
    words = " ".join(f"kata{i}" for i in range(100))  # token i starts at 7 * i (roughly)
    articles = pd.DataFrame({"article_id": sorted(mentions["article_id"].unique()), "text": words})
    resolved = mentions[mentions["actor"].notna()].copy()
    resolved["token_no"] = token_positions(resolved, articles)
    expected = []
    for _, group in resolved.groupby("article_id"):
        rows = list(group.itertuples())
        for i, first in enumerate(rows):
            for second in rows[i + 1 :]:
                if first.actor != second.actor and abs(first.token_no - second.token_no) <= window:
                    expected.append(tuple(sorted((first.actor, second.actor))))
    table = co_mentions(mentions, scope="window", window=window, articles=articles)
    assert table["co_mentions"].sum() == len(expected)
    occurrences = pair_occurrences(mentions, scope="window", window=window, articles=articles)
    assert sorted(zip(occurrences["actor_a"], occurrences["actor_b"], strict=True)) == sorted(
        expected
    )
    # n_units: every token of every article, in windows of 2 * window tokens
    assert table.empty or table["n_units"].iloc[0] == max(
        round(100 * len(articles) / (2 * window)), 1
    )


def test_a_mention_without_article_id_counts_in_its_unit_but_as_no_article():
    mentions = pd.DataFrame({"article_id": ["a", "a", None, None], "sentence_no": [0, 0, 0, 0],
                             "actor": ["iran", "russia", "iran", "russia"]})  # fmt: skip
    row = co_mentions(mentions).iloc[0]
    assert (row["co_mentions"], row["n_articles"], row["n_units"]) == (2, 1, 2)


def test_timelines_join_articles_like_a_merge():
    """A mention of an article missing from the article table drops out; an article listed twice
    (here in two months) counts in both, as an inner merge on article_id would."""
    articles = pd.DataFrame({"article_id": ["a", "b", "b"], "date_precision": ["day"] * 3,
                             "date": pd.to_datetime(["2023-09-13", "2023-10-02", "2023-11-20"])})  # fmt: skip
    mentions = pd.DataFrame({"article_id": ["a", "b", "b", "x"], "sentence_no": [0, 0, 0, 0],
                             "actor": ["russia", "russia", "iran", "russia"]})  # fmt: skip
    russia = mention_timeline(mentions, articles, actors=["russia"]).set_index("period_label")
    assert russia["mentions"].to_dict() == {"2023-09": 1, "2023-10": 1, "2023-11": 1}
    pairs = co_mention_timeline(mentions, articles).set_index("period_label")
    assert pairs["co_mentions"].to_dict() == {"2023-09": 0, "2023-10": 1, "2023-11": 1}


def test_timelines_import_alone_and_the_layer_offers_them():
    import subprocess
    import sys

    code = "import utils.comentions.timelines as t, utils.comentions as c; print(c.mention_timeline is t.mention_timeline)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"


def test_counting_helpers_match_plain_python():
    from utils.comentions.codes import join_positions, pairs_within_groups, sorted_unique

    rng = np.random.default_rng(7)
    groups = np.sort(rng.integers(0, 30, 200))
    first, second = pairs_within_groups(groups)
    expected = [(i, j) for i in range(200) for j in range(i + 1, 200) if groups[i] == groups[j]]
    assert list(zip(first.tolist(), second.tolist(), strict=True)) == expected
    values, counts = sorted_unique(rng.integers(0, 10**12, 500))
    assert values.tolist() == sorted(set(values.tolist())) and counts.sum() == 500
    left = pd.Series(rng.choice(["a", "b", "c", None], 50))
    right = pd.Series(rng.choice(["b", "c", "d", None], 20))
    i, j = join_positions(left, right)
    merged = pd.DataFrame({"k": left, "i": range(50)}).merge(
        pd.DataFrame({"k": right, "j": range(20)}), on="k"
    )
    assert sorted(zip(i.tolist(), j.tolist(), strict=True)) == sorted(
        zip(merged["i"], merged["j"], strict=True)
    )


@pytest.mark.parametrize("window", [0, -3, 2.5, None])
def test_a_window_that_is_not_a_positive_number_of_tokens_is_refused(window):
    articles = pd.DataFrame({"article_id": ["a"], "text": ["Putin menyambut Kim Jong Un."]})
    mentions = pd.DataFrame({"article_id": ["a", "a"], "sentence_no": [0, 0],
                             "actor": ["vladimir_putin", "kim_jong_un"], "start": [0, 16], "end": [5, 27]})  # fmt: skip
    with pytest.raises(ValueError, match="window must be a whole number of tokens"):
        co_mentions(mentions, scope="window", window=window, articles=articles)
