"""Notebook 03's per-article pass (utils.comentions.article_terms) against the token-table path
it replaces."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from utils import actors, corpus, paths, text
from utils import comentions as article_terms
from utils import frequencies as article_counts
from utils import frequencies as fq
from utils.engine import EngineOptions

HARD_TEXTS = [
    "",
    ".",
    "A",
    "Rusia. . dan",
    "dan, dan dan.",
    "Korea Utara dan AS: negara-negara Barat menolak. Kim Jong-un tiba di Moskow, Putin menyambut.",
    "Kerja sama militer Rusia-Korut senilai 2,5 juta dolar. Serangan itu gagal; serangan berlanjut.",
    "Dewan Keamanan (DK PBB) bersidang 2019.Bulan April, AS dan sekutu-sekutunya diam.",
]


@pytest.fixture(scope="module")
def actor_list() -> pd.DataFrame:
    return actors.load_actors()


@pytest.fixture(scope="module")
def protected(actor_list) -> frozenset[str]:
    return text.protected_words(actor_list.loc[actor_list["kind"] != "ignore", "alias"])


@pytest.fixture(scope="module")
def seed_articles() -> pd.DataFrame:
    articles, _ = corpus.load_corpus(paths.RAW_DIR, sidecar="auto", progress=False)
    extra = pd.DataFrame({"article_id": [f"hard-{i}" for i in range(len(HARD_TEXTS))],
                          "text": HARD_TEXTS})  # fmt: skip
    return pd.concat([articles[["article_id", "text"]], extra], ignore_index=True)


def reference_counts(articles, actor_list, *, stem, merge, split_clitics, protected):
    """The token-table path: token_table → merge_actor_mentions → count_articles."""
    token_options = dict(stem=stem, split_clitics=split_clitics, protected=protected)
    tokens = text.token_table(
        articles,
        options=EngineOptions(cache=False, progress=False),
        **token_options,
    )
    merged = tokens
    if merge:
        mentions = actors.find_mentions(
            articles,
            actor_list,
            options=EngineOptions(cache=False, progress=False),
        )
        merged = fq.merge_actor_mentions(tokens, mentions, names=fq.actor_names(actor_list))
    term = "stem" if stem else "norm"
    return (
        tokens,
        merged,
        fq.count_articles(merged, term=term, options=EngineOptions(cache=False, progress=False)),
    )


@pytest.mark.parametrize(
    ("stem", "merge", "split_clitics"),
    [(False, True, False), (False, False, False), (True, True, False), (False, True, True)],
)
def test_counts_equal_the_token_table_path(
    seed_articles, actor_list, protected, stem, merge, split_clitics
):
    tokens, merged, expected = reference_counts(seed_articles, actor_list, stem=stem, merge=merge,
                                                split_clitics=split_clitics, protected=protected)  # fmt: skip
    counts = article_terms.count_article_terms(
        seed_articles,
        actor_list=actor_list if merge else None,
        token_options=dict(stem=stem, split_clitics=split_clitics, protected=protected),
        term="stem" if stem else "norm",
        options=EngineOptions(cache=False, progress=False),
    )
    for kind in ("terms", "ngrams", "pairs"):
        got = getattr(counts, kind)
        assert isinstance(got["article_id"].dtype, pd.CategoricalDtype)
        pd.testing.assert_frame_equal(
            got.astype({"article_id": "str"}).reset_index(drop=True),
            getattr(expected, kind).reset_index(drop=True),
        )
    assert counts.n_articles == expected.n_articles
    assert counts.summary["n_tokens"].sum() == len(tokens)
    assert counts.summary["n_words"].sum() == int((~tokens["is_punct"]).sum())
    assert counts.summary["n_terms"].sum() == len(merged)
    # the statistics of the notebook agree too
    term = "stem" if stem else "norm"
    for statistic in (fq.collocations, fq.tf_idf):
        pd.testing.assert_frame_equal(statistic(counts, term=term), statistic(expected, term=term))


def test_count_rows_equal_the_loops_of_article_counts(actor_list, protected):
    rng = random.Random(3)
    words = "Rusia dan Korut , bertemu . AS itu PBB Kim Jong-un tiba di Moskow ; 2,5 juta".split()
    texts = HARD_TEXTS + [" ".join(rng.choice(words) for _ in range(rng.randint(0, 40))) for _ in range(200)]  # fmt: skip
    gazetteer, names = actors.as_gazetteer(actor_list), fq.actor_names(actor_list)
    for body in texts:
        rows = text.token_rows({"text": body}, protected=protected)
        mentions = actors.article_mention_columns({"text": body}, gazetteer=gazetteer)
        merged = article_terms.merge_article_mentions(rows, mentions, names=names)
        for mode in ("edges", "any", "keep"):
            got = article_terms.count_rows(merged, sizes=(2, 3, 4), stopwords=mode)
            assert got["ngrams"] == article_counts.ngram_rows(
                merged, sizes=(2, 3, 4), stopwords=mode
            )
        assert got["terms"] == article_counts.token_term_counts(merged)
        assert got["pairs"] == article_counts.pair_rows(merged)


def test_counts_are_cached_per_article(tmp_path, seed_articles):
    first = article_terms.count_article_terms(
        seed_articles, options=EngineOptions(cache_dir=tmp_path, progress=False)
    )
    more = pd.concat(
        [seed_articles, pd.DataFrame({"article_id": ["baru"], "text": ["Rusia diam."]})]
    )
    second = article_terms.count_article_terms(
        more, options=EngineOptions(cache_dir=tmp_path, progress=False)
    )
    stored = list((tmp_path / "article-term-counts").rglob("*.index.arrow"))
    assert len(stored) == 2  # one shard for the corpus, one for the added article
    assert second.n_articles == first.n_articles + 1
    pd.testing.assert_frame_equal(
        second.terms[second.terms["article_id"] != "baru"].reset_index(drop=True),
        first.terms.astype({"article_id": "str"}).astype(
            {"article_id": second.terms["article_id"].dtype}
        ),
        check_categorical=False,
    )


def test_tokenised_as_needs_notebook_02(tmp_path):
    with pytest.raises(FileNotFoundError, match="02-tokenise"):
        article_terms.tokenised_as(tmp_path)


def test_stemmed_counts_need_stemmed_tokens():
    with pytest.raises(KeyError, match="stem=True"):
        article_terms.article_term_rows({"text": "Rusia."}, token_options={}, term="stem")


def test_the_mentions_of_notebook_02_give_the_same_counts_as_finding_them_again(tmp_path):
    from utils.actors import find_mentions, load_actors
    from utils.comentions import count_article_terms
    from utils.engine import EngineOptions

    articles = pd.DataFrame({
        "article_id": ["a", "b", "c"],
        "text": ["Korea Utara dan Amerika Serikat. Kim Jong Un bertemu Putin di Moskow.",
                 "Rusia menolak. AS dan Korut.", ""],
    })  # fmt: skip
    actor_list = load_actors()
    options = EngineOptions(cache_dir=tmp_path, progress=False, workers=1)
    found_again = count_article_terms(articles, actor_list=actor_list, options=options)
    mentions = find_mentions(articles, actor_list, options=options)
    handed_over = count_article_terms(
        articles, actor_list=actor_list, mentions=mentions, options=options
    )
    for kind in ("terms", "ngrams", "pairs"):
        pd.testing.assert_frame_equal(getattr(found_again, kind), getattr(handed_over, kind))
    assert "Korea Utara" in set(handed_over.terms["term"].astype(str))
    # Other mentions give other counts: the cache follows the mentions, not only the text.
    fewer = count_article_terms(
        articles, actor_list=actor_list, mentions=mentions.iloc[:0], options=options
    )
    assert "Korea Utara" not in set(fewer.terms["term"].astype(str))
