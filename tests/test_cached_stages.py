"""token_table and find_mentions through the per-article cache (utils.engine.article_stages.map_articles).

The cached and uncached results must be IDENTICAL to the plain per-article loop the two
functions used before, and a re-run must compute only what changed: a new article, or
everything that depends on an edited actor list, stopword list or rule module. Every test
uses its own ``tmp_path`` cache, never the repository's ``data/interim``.
"""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from utils import actors, corpus, paths
from utils.actors import mentions as mention_module
from utils.engine import EngineOptions, article_stages
from utils.text import stopwords
from utils.text import token_tables as tokens


@pytest.fixture(scope="module")
def seed_articles(seed_dir):
    return corpus.load_articles(seed_dir, progress=False)


@pytest.fixture(scope="module")
def actor_list():
    return actors.load_actors()


@pytest.fixture(scope="module")
def protected(actor_list):
    return stopwords.protected_words(actor_list.loc[actor_list["kind"] != "ignore", "alias"])


@pytest.fixture
def calls(monkeypatch):
    """Count the articles the per-article functions really compute (in this process)."""
    counted = {"tokens": 0, "mentions": 0}
    token_rows, mention_columns = tokens.token_rows, actors.article_mention_columns

    def counting_token_rows(article, **options):
        counted["tokens"] += 1
        return token_rows(article, **options)

    def counting_mention_columns(article, **options):
        counted["mentions"] += 1
        return mention_columns(article, **options)

    monkeypatch.setattr(tokens, "token_rows", counting_token_rows)
    monkeypatch.setattr(mention_module, "article_mention_columns", counting_mention_columns)
    return counted


def plain_token_table(articles, **options):
    """The loop token_table ran before the cache: article_tokens per article, then compacted."""
    records = articles[["article_id", "text"]].to_dict("records")
    frames = [tokens.article_tokens(record, **options) for record in records]
    empty = tokens.article_tokens({"article_id": "", "text": ""}, **options)
    table = pd.concat([empty, *frames], ignore_index=True) if frames else empty
    return tokens.compact_token_table(table, article_order=[str(r["article_id"]) for r in records])


def plain_mentions(articles, actor_list, *, metonyms=True):
    """The loop find_mentions ran before the cache."""
    gazetteer = actors.as_gazetteer(actor_list, metonyms=metonyms)
    frames = [
        actors.article_mentions(row, gazetteer=gazetteer)
        for row in articles[["article_id", "text"]].to_dict("records")
    ]
    empty = actors.mention_table({column: [] for column in actors.MENTION_COLUMNS})
    frame = pd.concat(frames, ignore_index=True) if frames else empty
    return frame.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)


def token_options(protected, stem=False):
    return {"stem": stem, "protected": frozenset(protected)}


@pytest.mark.parametrize("stem", [False, True], ids=["unstemmed", "stemmed"])
def test_token_table_is_identical_to_the_plain_loop_cached_or_not(
    seed_articles, protected, tmp_path, calls, stem
):
    expected = plain_token_table(seed_articles, **token_options(protected, stem))
    options = token_options(protected, stem)
    quiet = EngineOptions(progress=False, workers=1)
    uncached = tokens.token_table(seed_articles, options=quiet.replace(cache=False), **options)
    first = tokens.token_table(seed_articles, options=quiet.replace(cache_dir=tmp_path), **options)
    calls["tokens"] = 0
    again = tokens.token_table(seed_articles, options=quiet.replace(cache_dir=tmp_path), **options)
    for table in (uncached, first, again):
        assert_frame_equal(table, expected)
    assert calls["tokens"] == 0, "the re-run recomputed cached articles"
    assert isinstance(again["token"].dtype, pd.CategoricalDtype)
    assert list(again["article_id"].cat.categories) == list(seed_articles["article_id"])


@pytest.mark.parametrize("metonyms", [True, False], ids=["metonyms", "no-metonyms"])
def test_find_mentions_is_identical_to_the_plain_loop_cached_or_not(
    seed_articles, actor_list, tmp_path, calls, metonyms
):
    expected = plain_mentions(seed_articles, actor_list, metonyms=metonyms)
    assert expected["actor"].isna().any() or not metonyms  # unresolved rows round-trip too
    quiet = EngineOptions(progress=False, workers=1)
    uncached = actors.find_mentions(
        seed_articles, actor_list, metonyms=metonyms, options=quiet.replace(cache=False)
    )
    first = actors.find_mentions(
        seed_articles, actor_list, metonyms=metonyms, options=quiet.replace(cache_dir=tmp_path)
    )
    calls["mentions"] = 0
    again = actors.find_mentions(
        seed_articles, actor_list, metonyms=metonyms, options=quiet.replace(cache_dir=tmp_path)
    )
    for table in (uncached, first, again):
        assert_frame_equal(table, expected)
    assert calls["mentions"] == 0, "the re-run recomputed cached articles"


def test_cache_false_writes_nothing(seed_articles, actor_list, tmp_path):
    tokens.token_table(seed_articles, options=EngineOptions(cache=False, cache_dir=tmp_path, progress=False))
    actors.find_mentions(seed_articles, actor_list, options=EngineOptions(cache=False, cache_dir=tmp_path, progress=False))
    assert not any(tmp_path.iterdir())


def test_adding_one_article_computes_only_that_article(
    seed_articles, actor_list, protected, tmp_path, calls
):
    first_four, everything = seed_articles.iloc[:4], seed_articles
    options = {**token_options(protected), "options": EngineOptions(progress=False, workers=1, cache_dir=tmp_path)}
    tokens.token_table(first_four, **options)
    actors.find_mentions(first_four, actor_list, options=EngineOptions(progress=False, workers=1, cache_dir=tmp_path))
    assert calls == {"tokens": 4, "mentions": 4}
    token_table = tokens.token_table(everything, **options)
    mentions = actors.find_mentions(
        everything, actor_list, options=EngineOptions(progress=False, workers=1, cache_dir=tmp_path),
    )
    assert calls == {"tokens": 5, "mentions": 5}
    assert_frame_equal(token_table, plain_token_table(everything, **token_options(protected)))
    assert_frame_equal(mentions, plain_mentions(everything, actor_list))


def test_editing_the_actor_list_invalidates_mentions_not_tokens(
    seed_articles, actor_list, protected, tmp_path, calls
):
    options = {**token_options(protected), "options": EngineOptions(progress=False, workers=1, cache_dir=tmp_path)}
    tokens.token_table(seed_articles, **options)
    actors.find_mentions(seed_articles, actor_list, options=EngineOptions(progress=False, workers=1, cache_dir=tmp_path))
    calls.update(tokens=0, mentions=0)

    # A new alias: every article's mentions are recomputed; the tokens (same protected words
    # passed) stay cached.
    edited = actor_list[actor_list["actor_id"] == "north_korea"].head(1).copy()
    edited["alias"] = "Istana Kumsusan"
    edited_list = pd.concat([actor_list, edited], ignore_index=True)
    tokens.token_table(seed_articles, **options)
    mentions = actors.find_mentions(
        seed_articles, edited_list, options=EngineOptions(progress=False, workers=1, cache_dir=tmp_path),
    )
    assert calls == {"tokens": 0, "mentions": len(seed_articles)}
    expected = plain_mentions(seed_articles, edited_list)  # itself computes every article
    assert_frame_equal(mentions, expected)

    # The original list again: its results are still cached.
    calls.update(mentions=0)
    actors.find_mentions(seed_articles, actor_list, options=EngineOptions(progress=False, workers=1, cache_dir=tmp_path))
    assert calls["mentions"] == 0

    # Protected words that change (from the new alias) do invalidate the tokens.
    assert "Kumsusan" not in protected
    tokens.token_table(seed_articles, **{**options, "protected": protected | {"Kumsusan"}})
    assert calls["tokens"] == len(seed_articles)


def test_editing_the_stopword_list_or_stemming_invalidates_tokens_not_mentions(
    seed_articles, actor_list, tmp_path, calls
):
    options = {"options": EngineOptions(progress=False, workers=1, cache_dir=tmp_path)}
    tokens.token_table(seed_articles, **options)
    actors.find_mentions(seed_articles, actor_list, **options)
    calls.update(tokens=0, mentions=0)
    more_stopwords = stopwords.load_stopwords() | {"amunisi"}
    table = tokens.token_table(seed_articles, stopwords=more_stopwords, **options)
    assert calls["tokens"] == len(seed_articles)
    assert table.loc[table["norm"] == "amunisi", "is_stopword"].all()
    tokens.token_table(seed_articles, stem=True, **options)
    actors.find_mentions(seed_articles, actor_list, **options)
    assert calls == {"tokens": 2 * len(seed_articles), "mentions": 0}
    # The default list (None) and the same list passed explicitly share one cache entry.
    tokens.token_table(seed_articles, stopwords=stopwords.load_stopwords(), **options)
    assert calls["tokens"] == 2 * len(seed_articles)


@pytest.mark.parametrize(
    ("edited_module", "recomputed"),
    [
        ("utils.actors.context_rules", {"tokens": 0, "mentions": 5}),
        ("utils.actors.gazetteer", {"tokens": 0, "mentions": 5}),
        ("utils.text.stopwords", {"tokens": 5, "mentions": 0}),
        ("utils.text.stemming", {"tokens": 0, "mentions": 0}),  # stemming is off
        ("utils.text.tokeniser", {"tokens": 5, "mentions": 5}),
    ],
)
def test_editing_a_module_invalidates_exactly_the_stages_that_use_it(
    seed_articles, actor_list, tmp_path, calls, monkeypatch, edited_module, recomputed
):
    assert len(seed_articles) == 5
    options = {"options": EngineOptions(progress=False, workers=1, cache_dir=tmp_path)}
    tokens.token_table(seed_articles, **options)
    actors.find_mentions(seed_articles, actor_list, **options)
    calls.update(tokens=0, mentions=0)
    real_version = article_stages.module_version

    def edited_version(module):
        version = real_version(module)
        return version + "-edited" if module.__name__ == edited_module else version

    monkeypatch.setattr(article_stages, "module_version", edited_version)
    tokens.token_table(seed_articles, **options)
    actors.find_mentions(seed_articles, actor_list, **options)
    assert calls == recomputed


def test_editing_the_abbreviation_list_invalidates_both_stages(
    seed_articles, actor_list, tmp_path, calls, monkeypatch
):
    options = {"options": EngineOptions(progress=False, workers=1, cache_dir=tmp_path / "cache")}
    tokens.token_table(seed_articles, **options)
    actors.find_mentions(seed_articles, actor_list, **options)
    calls.update(tokens=0, mentions=0)
    # A comment line: a new file content (so a new cache key), the same abbreviations.
    edited = tmp_path / "abbreviations-id.txt"
    edited.write_text(
        paths.ABBREVIATIONS_FILE.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8"
    )
    monkeypatch.setattr(paths, "ABBREVIATIONS_FILE", edited)
    tokens.token_table(seed_articles, **options)
    actors.find_mentions(seed_articles, actor_list, **options)
    assert calls == {"tokens": 5, "mentions": 5}


def test_dask_engine_gives_the_same_tables(seed_articles, actor_list, protected, tmp_path):
    pytest.importorskip("dask", reason="Dask is an optional extra (requirements-dask.txt)")
    options = {"options": EngineOptions(engine="dask", workers=1, progress=False, cache_dir=tmp_path)}
    assert_frame_equal(
        tokens.token_table(seed_articles, protected=frozenset(protected), **options),
        plain_token_table(seed_articles, **token_options(protected)),
    )
    assert_frame_equal(
        actors.find_mentions(seed_articles, actor_list, **options),
        plain_mentions(seed_articles, actor_list),
    )


def test_empty_and_missing_texts(actor_list, tmp_path):
    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "text": ["", None, "Rusia."]})
    options = {"options": EngineOptions(progress=False, cache_dir=tmp_path)}
    expected = plain_token_table(articles.fillna({"text": ""}))
    assert_frame_equal(tokens.token_table(articles, **options), expected)
    assert_frame_equal(
        actors.find_mentions(articles, actor_list, **options),
        plain_mentions(articles.fillna({"text": ""}), actor_list),
    )
    nothing = articles.iloc[:0]
    assert_frame_equal(tokens.token_table(nothing, **options), plain_token_table(nothing))
    assert_frame_equal(
        actors.find_mentions(nothing, actor_list, **options), plain_mentions(nothing, actor_list)
    )
