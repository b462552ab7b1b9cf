"""Term statistics on tiny texts whose results can be checked by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from utils import frequencies as fq
from utils.engine import EngineOptions
from utils.text import token_table

ARTICLES = pd.DataFrame(
    {
        "article_id": ["rep-1", "rep-2", "ant-1"],
        "outlet": ["Republika", "Republika", "ANTARA"],
        "date": pd.to_datetime(["2023-09-13", "2023-09-20", "2022-11-02"]),
        "text": [
            "Rusia membeli amunisi dari Korut. Korut mengirim amunisi.",
            "Kerja sama militer Rusia dan Korut.",
            "AS mengecam kerja sama militer. Amunisi tidak disebut.",
        ],
    }
)


@pytest.fixture(scope="module")
def tokens():
    return token_table(ARTICLES, options=EngineOptions(progress=False))


def test_corpus_counts_and_rates(tokens):
    counts = fq.term_frequencies(tokens)
    # 8 + 6 + 8 = 22 word tokens (punctuation excluded, stopwords "dari", "dan", "tidak" included)
    assert counts["n_words"].unique().tolist() == [22]
    top = counts.set_index("term")
    assert top.loc["amunisi", "count"] == 3
    assert top.loc["amunisi", "per_1000"] == pytest.approx(3 / 22 * 1000)
    assert "dari" not in top.index and "as" in top.index  # stopword dropped, actor acronym kept
    assert counts["term"].tolist()[:3] == ["amunisi", "korut", "kerja"]  # ties broken by term


def test_counts_by_outlet_and_month(tokens):
    by_outlet = fq.term_frequencies(tokens, by="outlet", articles=ARTICLES)
    republika = by_outlet[by_outlet["outlet"] == "Republika"].set_index("term")
    assert republika.loc["korut", "count"] == 3 and republika.loc["korut", "n_words"] == 14
    by_month = fq.term_frequencies(tokens, by="time", articles=ARTICLES, freq="MS")
    assert sorted(by_month["period"].unique()) == [
        pd.Timestamp("2022-11-01"),
        pd.Timestamp("2023-09-01"),
    ]
    with pytest.raises(ValueError, match="needs the article table"):
        fq.term_frequencies(tokens, by="outlet")


def test_document_frequency_and_tf_idf(tokens):
    frequency = fq.document_frequency(tokens).set_index("term")
    assert frequency.loc["amunisi", "n_articles"] == 2
    assert frequency.loc["militer", "share_articles"] == pytest.approx(2 / 3)
    scores = fq.tf_idf(tokens).set_index(["article_id", "term"])
    # "membeli" in rep-1: tf = 1/8, df = 1 of N = 3 -> idf = ln(4/2) + 1
    assert scores.loc[("rep-1", "membeli"), "tf_idf"] == pytest.approx(
        1 / 8 * (math.log(4 / 2) + 1)
    )


def test_ngrams_stay_inside_sentences(tokens):
    bigrams = fq.ngrams(tokens, n=2).set_index("ngram")
    assert bigrams.loc["kerja sama", "count"] == 2
    assert bigrams.loc["sama militer", "n_articles"] == 2
    assert (
        "korut korut" not in bigrams.index
    )  # "... dari Korut. Korut mengirim ..." crosses a sentence end
    assert "militer rusia" in bigrams.index and "rusia dan" not in bigrams.index  # stopword edge
    trigrams = fq.ngrams(tokens, n=3, stopwords="keep")
    assert "kerja sama militer" in set(trigrams["ngram"])


def test_collocations_use_nltk_scores(tokens):
    table = fq.collocations(tokens, min_count=2)
    row = table.set_index(["w1", "w2"]).loc[("kerja", "sama")]
    assert row["count"] == 2
    assert row["pmi"] > 0 and row["log_likelihood"] > 0


def test_g2_and_log_ratio_by_hand():
    # A 2x2 table: term seen a=20 times in a target of c=1,000 tokens and b=5 times in a reference
    # of d=2,000 tokens. Expected: E1 = 1000 * 25 / 3000 = 8.3333, E2 = 2000 * 25 / 3000 = 16.6667.
    # G2 = 2 * (20 ln(20 / 8.3333) + 5 ln(5 / 16.6667)) = 2 * (17.5094 - 6.0199) = 22.9790.
    assert fq.log_likelihood_g2(20, 5, 1000, 2000) == pytest.approx(22.9790, abs=1e-3)
    tokens = pd.DataFrame(
        {
            "article_id": ["t"] * 1000 + ["r"] * 2000,
            "norm": ["amunisi"] * 20 + ["x"] * 980 + ["amunisi"] * 5 + ["y"] * 1995,
            "is_stopword": False,
            "is_punct": False,
        }
    )
    table = fq.keyness(tokens, target=["t"], reference=["r"]).set_index("term")
    row = table.loc["amunisi"]
    assert row["g2"] == pytest.approx(22.9790, abs=1e-3)
    # log ratio = log2((20/1000) / (5/2000)) = log2(8) = 3
    assert row["log_ratio"] == pytest.approx(3.0)
    assert row["direction"] == "target"
    assert row["p_value"] == pytest.approx(1.67e-6, rel=0.05)
    assert row["per_1000_target"] == pytest.approx(20.0) and row[
        "per_1000_reference"
    ] == pytest.approx(2.5)


def test_keyness_of_seed_style_groups(tokens):
    table = fq.keyness(tokens, target=["rep-1", "rep-2"], min_count=1)
    assert table.iloc[0]["g2"] >= table.iloc[-1]["g2"]
    assert set(table["direction"]) <= {"target", "reference"}
    with pytest.raises(ValueError, match="both groups"):
        fq.keyness(tokens, target=["rep-1", "rep-2", "ant-1"])


def test_kwic_on_norm_phrase_and_regex(tokens):
    lines = fq.kwic(tokens, "amunisi", articles=ARTICLES, window=3)
    assert lines["keyword"].tolist() == ["amunisi", "amunisi", "Amunisi"]
    assert lines.iloc[0].to_dict() == {
        "article_id": "rep-1",
        "sentence_no": 0,
        "position": 2,
        "left": "Rusia membeli",
        "keyword": "amunisi",
        "right": "dari Korut.",
    }
    phrase = fq.kwic(tokens, "kerja sama", articles=ARTICLES, window=2)
    assert phrase["keyword"].tolist() == ["Kerja sama", "kerja sama"]
    regex = fq.kwic(tokens, r"meng\w+", match="regex", window=1)
    assert regex["keyword"].tolist() == ["mengirim", "mengecam"]


def test_results_do_not_depend_on_row_order(tokens):
    shuffled = tokens.sample(frac=1, random_state=1)
    pd.testing.assert_frame_equal(fq.term_frequencies(tokens), fq.term_frequencies(shuffled))
    pd.testing.assert_frame_equal(fq.ngrams(tokens), fq.ngrams(shuffled))
    pd.testing.assert_frame_equal(fq.kwic(tokens, "korut"), fq.kwic(shuffled, "korut"))


def test_kwic_on_stems_stems_the_query():
    articles = pd.DataFrame(
        {
            "article_id": ["a"],
            "text": [
                "Rusia butuh amunisi. Kini amunisinya habis. Persenjataan tua, persenjataan usang."
            ],
        }
    )
    tokens = token_table(articles, stem=True, options=EngineOptions(progress=False))
    lines = fq.kwic(tokens, "amunisinya", match="stem", window=1)
    assert lines["keyword"].tolist() == ["amunisi", "amunisinya"]
    # sentence-initial "Persenjataan" is stemmed because "persenjataan" also occurs in lowercase
    assert fq.kwic(tokens, "senjata", match="stem")["keyword"].tolist() == [
        "Persenjataan",
        "persenjataan",
    ]


def test_bare_numbers_are_not_listed_but_counted():
    articles = pd.DataFrame(
        {"article_id": ["a"], "text": ["Pada 2023 Korut mengirim 2,5 juta peluru ke-2."]}
    )
    tokens = token_table(articles, options=EngineOptions(progress=False))
    counts = fq.term_frequencies(tokens)
    assert "2023" not in set(counts["term"]) and "2,5" not in set(counts["term"])
    assert "ke-2" in set(counts["term"])
    assert counts["n_words"].iloc[0] == 8  # Pada 2023 Korut mengirim 2,5 juta peluru ke-2
    with_numbers = fq.term_frequencies(tokens, drop_numbers=False)
    assert {"2023", "2,5"} <= set(with_numbers["term"])
