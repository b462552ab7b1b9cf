"""Per-article counts (cached), actor names as one term, and the default keyness groups."""

from __future__ import annotations

import pandas as pd
import pyarrow.feather as feather
import pytest

from utils import actors
from utils import frequencies as fq
from utils.engine import EngineOptions
from utils.text import token_table

ARTICLES = pd.DataFrame(
    {
        "article_id": ["rep-1", "rep-2", "ant-1"],
        "outlet": ["Republika", "Republika", "ANTARA"],
        "date": pd.to_datetime(["2023-09-13", "2023-09-20", "2022-11-02"]),
        "text": [
            "Rusia membeli amunisi dari Korut. Korut mengirim amunisi, kerja sama militer.",
            "Kerja sama militer Rusia dan Korut. Kerja sama itu erat.",
            "AS mengecam kerja sama militer. Amunisi tidak disebut.",
        ],
    }
)
#: From the seed article 000 (Okezone/BBC).
SEED_SENTENCE = (
    "Presiden Rusia Vladimir Putin dan Pemimpin Tertinggi Korea Utara (Korut) Kim Jong Un "
    "memiliki banyak kesamaan."
)


@pytest.fixture(scope="module")
def tokens():
    return token_table(ARTICLES, options=EngineOptions(progress=False, cache=False))


def indexed_articles(cache_dir) -> int:
    """How many articles the shards of every counting stage in ``cache_dir`` hold."""
    return sum(feather.read_table(path).num_rows for path in cache_dir.rglob("*.index.arrow"))


def test_statistics_from_cached_counts_equal_those_from_tokens(tokens, tmp_path):
    counts = fq.count_articles(tokens, options=EngineOptions(cache_dir=tmp_path, progress=False))
    reread = fq.count_articles(tokens, options=EngineOptions(cache_dir=tmp_path, progress=False))
    pd.testing.assert_frame_equal(counts.pairs, reread.pairs)
    same = [
        (fq.term_frequencies, {}),
        (fq.term_frequencies, {"by": "outlet", "articles": ARTICLES}),
        (fq.term_frequencies, {"by": "time", "articles": ARTICLES, "freq": "YS"}),
        (fq.term_frequencies, {"by": "article", "drop_stopwords": False}),
        (fq.document_frequency, {}),
        (fq.tf_idf, {"drop_numbers": False}),
        (fq.ngrams, {"n": 2}),
        (fq.ngrams, {"n": 3}),
        (fq.collocations, {"min_count": 2}),
        (fq.keyness, {"target": ["rep-1", "rep-2"], "min_count": 1}),
    ]
    for function, options in same:
        pd.testing.assert_frame_equal(function(tokens, **options), function(reread, **options))


def test_counts_by_hand(tokens):
    counts = fq.count_articles(tokens, options=EngineOptions(cache=False, progress=False))
    terms = counts.terms.set_index(["article_id", "term"])
    assert terms.loc[("rep-1", "korut"), "count"] == 2
    assert terms.loc[("rep-2", "dan"), ["count", "n_stopword"]].tolist() == [1, 1]
    pairs = counts.pairs.set_index(["article_id", "w1", "w2"])["count"]
    # "... amunisi, kerja sama": punctuation is removed before pairing (as nltk's finder does)
    assert pairs.loc[("rep-1", "amunisi", "kerja")] == 1
    assert ("rep-1", "korut", "korut") not in pairs.index  # "Korut. Korut" crosses a sentence end
    bigrams = counts.ngrams[counts.ngrams["n"] == 2].set_index(["article_id", "ngram"])["count"]
    assert bigrams.loc[("rep-2", "kerja sama")] == 2
    assert ("rep-1", "amunisi kerja") not in bigrams.index  # n-grams do not cross punctuation
    assert counts.n_articles == 3


def test_adding_one_article_counts_one_article(tokens, tmp_path):
    first_two = tokens[tokens["article_id"].astype(str) != "ant-1"]
    fq.count_articles(first_two, kinds=["terms"], options=EngineOptions(cache_dir=tmp_path, progress=False))
    assert indexed_articles(tmp_path) == 2
    counts = fq.count_articles(tokens, kinds=["terms"], options=EngineOptions(cache_dir=tmp_path, progress=False))
    assert indexed_articles(tmp_path) == 3  # one more shard, holding the new article only
    assert set(counts.terms["article_id"]) == {"rep-1", "rep-2", "ant-1"}
    # a changed token row (here a stopword flag) is a changed article: counted again
    edited = tokens.copy()
    edited.loc[edited["norm"] == "mengecam", "is_stopword"] = True
    recounted = fq.count_articles(edited, kinds=["terms"], options=EngineOptions(cache_dir=tmp_path, progress=False))
    assert indexed_articles(tmp_path) == 4
    row = recounted.terms.set_index(["article_id", "term"]).loc[("ant-1", "mengecam")]
    assert row["n_stopword"] == 1


def test_counts_must_match_the_statistic_asked_for(tokens):
    counts = fq.count_articles(tokens, kinds=["terms"], options=EngineOptions(cache=False, progress=False))
    with pytest.raises(ValueError, match="no 'ngrams' table"):
        fq.ngrams(counts, n=2)
    with pytest.raises(ValueError, match="not 'stem'"):
        fq.term_frequencies(counts, term="stem")
    bigrams_only = fq.count_articles(tokens, ngram_sizes=[2], options=EngineOptions(cache=False, progress=False))
    with pytest.raises(ValueError, match="not n=3"):
        fq.ngrams(bigrams_only, n=3)
    with pytest.raises(ValueError, match="needs the token table"):
        fq.collocations(counts, window_size=3)


def test_actor_names_count_as_one_term_on_a_seed_sentence():
    articles = pd.DataFrame({"article_id": ["000"], "text": [SEED_SENTENCE]})
    tokens = token_table(articles, options=EngineOptions(progress=False, cache=False))
    actor_list = actors.load_actors()
    mentions = actors.find_mentions(articles, actor_list, options=EngineOptions(progress=False, cache=False))
    merged = fq.merge_actor_mentions(tokens, mentions, names=fq.actor_names(actor_list))
    by_name = fq.term_frequencies(merged).set_index("term")
    # Korea Utara and its acronym Korut are one actor: two mentions of one term
    assert by_name.loc["Korea Utara", "count"] == 2
    assert by_name.loc["Kim Jong Un", "count"] == 1
    assert by_name.loc["Vladimir Putin", "count"] == 1
    assert by_name.loc["Rusia", "count"] == 1
    assert not {"korea", "utara", "korut", "kim", "jong", "un", "putin"} & set(by_name.index)
    # 16 words; merged: Vladimir Putin (2 -> 1), Korea Utara (2 -> 1), Kim Jong Un (3 -> 1)
    assert by_name["n_words"].iloc[0] == 12
    assert merged.loc[merged["norm"] == "Kim Jong Un", "token"].tolist() == ["Kim Jong Un"]
    # the option off: the words one by one
    words = fq.term_frequencies(tokens).set_index("term")
    assert words["n_words"].iloc[0] == 16
    for word in ("korea", "utara", "korut", "kim", "jong", "un", "vladimir", "putin", "rusia"):
        assert words.loc[word, "count"] == 1


def test_actor_terms_leave_metonyms_and_partial_tokens_alone():
    text = "Moskow dan Pyongyang menyepakati kerja sama Rusia-Korut. Kim Jong Un tiba. Kim pulang."
    articles = pd.DataFrame({"article_id": ["x"], "text": [text]})
    tokens = token_table(articles, options=EngineOptions(progress=False, cache=False))
    actor_list = actors.load_actors()
    mentions = actors.find_mentions(articles, actor_list, options=EngineOptions(progress=False, cache=False))
    names = fq.actor_names(actor_list)
    norms = fq.merge_actor_mentions(tokens, mentions, names=names)["norm"].tolist()
    assert "moskow" in norms and "pyongyang" in norms  # metonyms stay words by default
    assert "rusia-korut" in norms  # one hyphenated token holding two mentions is left alone
    assert norms.count("Kim Jong Un") == 2  # the short name "Kim" is Kim Jong Un here
    with_metonyms = fq.merge_actor_mentions(tokens, mentions, names=names, metonyms=True)
    assert "Rusia" in with_metonyms["norm"].tolist()


def test_default_keyness_groups_fit_any_corpus():
    years = pd.DataFrame(
        {
            "article_id": ["a", "b", "c", "d"],
            "date": pd.to_datetime(["2015-05-08", "2017-01-01", "2018-02-28", None]),
        }
    )
    groups = fq.keyness_groups(years)
    assert (groups.target_ids, groups.reference_ids) == (["c"], ["a", "b"])
    assert (groups.target_label, groups.reference_label) == ("2018", "2015–2017")
    assert "1 undated" in groups.explanation
    one_year = years.assign(date=pd.to_datetime(["2023-01-01", "2023-03-01", "2023-12-31", None]))
    halves = fq.keyness_groups(one_year)
    assert (halves.target_ids, halves.reference_ids) == (["c"], ["a", "b"])  # from 2023-07-02
    one_date = years.assign(date=pd.to_datetime(["2023-09-13"] * 3 + [None]))
    skipped = fq.keyness_groups(one_date)
    assert skipped.target_ids == [] and "same date" in skipped.explanation
    explicit = fq.keyness_groups(years, target="article_id == 'a'", reference="article_id == 'b'")
    assert (explicit.target_ids, explicit.reference_ids) == (["a"], ["b"])
    others = fq.keyness_groups(years, target="article_id == 'a'")
    assert others.reference_ids == ["b", "c", "d"]
    with pytest.raises(ValueError, match="needs a target"):
        fq.keyness_groups(years, reference="article_id == 'b'")
