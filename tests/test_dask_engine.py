"""engine="dask" gives exactly the tables of the pandas engine (on a dask.distributed LocalCluster)."""

from __future__ import annotations

import pandas as pd
import pytest

from utils import corpus, pipeline
from utils.engine import EngineOptions, article_stages

distributed = pytest.importorskip(
    "distributed", reason="Dask is an optional extra (requirements-dask.txt)"
)

COMPARED = (
    "sentences",
    "term_counts",
    "frequencies",
    "mentions",
    "co_mentions",
    "timeline",
    "co_mention_timeline",
)


@pytest.fixture(scope="module")
def seed_articles(seed_dir):
    articles = corpus.load_articles(seed_dir, progress=False)
    # Six copies with their own content (and ids), so the work splits into several partitions.
    copies = []
    for copy_no in range(6):
        copy = articles.copy()
        copy["article_id"] = copy["article_id"] + f"#c{copy_no}"
        copy["text"] = copy["text"] + ("" if copy_no == 0 else f"\n\nSalinan {copy_no}.")
        copy["content_hash"] = copy["text"].map(
            lambda text: article_stages.content_hashes(pd.DataFrame({"text": [text]}))[0]
        )
        copies.append(copy)
    return pd.concat(copies, ignore_index=True)


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
    ) as local_cluster:
        yield local_cluster


@pytest.mark.slow
def test_dask_engine_matches_pandas_engine(seed_articles, cluster, tmp_path, monkeypatch):
    monkeypatch.setattr(
        pipeline, "SERIAL_MAX_ARTICLES", 0
    )  # the pandas side uses its process pool too
    monkeypatch.setattr(pipeline, "SERIAL_MAX_CHARS", 0)
    expected = pipeline.run_pipeline(
        seed_articles,
        options=EngineOptions(engine="pandas", workers=2, cache=False, progress=False), term_counts_table=True,
    )
    with distributed.Client(cluster) as client:
        on_dask = pipeline.run_pipeline(seed_articles, options=EngineOptions(engine="dask", scheduler=client, cache_dir=tmp_path / "cache", progress=False), term_counts_table=True)  # fmt: skip
    by_address = pipeline.run_pipeline(seed_articles, options=EngineOptions(engine="dask", scheduler=cluster.scheduler_address, cache=False, progress=False), term_counts_table=True)  # fmt: skip
    for name in COMPARED:
        pd.testing.assert_frame_equal(expected[name], on_dask[name], obj=name)
        pd.testing.assert_frame_equal(expected[name], by_address[name], obj=name)
    # The comparison means something: the seeds mention the actors of the story.
    assert {"russia", "north_korea", "kim_jong_un", "vladimir_putin"} <= set(
        expected["mentions"]["actor"]
    )
    pair = expected["co_mentions"].query("actor_a == 'kim_jong_un' and actor_b == 'vladimir_putin'")
    assert len(pair) == 1 and pair["co_mentions"].iloc[0] > 0
    assert expected["frequencies"]["count"].is_monotonic_decreasing
    assert expected["timeline"]["mentions"].sum() == expected["mentions"]["actor"].notna().sum()


@pytest.mark.slow
def test_dask_results_fill_the_same_cache(seed_articles, cluster, tmp_path):
    """Articles computed on the cluster are cache hits for the pandas engine afterwards."""
    with distributed.Client(cluster) as client:
        first = article_stages.map_articles(seed_articles, pipeline.sentence_rows, stage="sentences", options=EngineOptions(engine="dask", scheduler=client, cache_dir=tmp_path, progress=False))  # fmt: skip
    store_dirs = list((tmp_path / "sentences").iterdir())
    assert len(store_dirs) == 1
    again = article_stages.map_articles(seed_articles.iloc[::-1], pipeline.sentence_rows, stage="sentences",
                                  options=EngineOptions(cache_dir=tmp_path, progress=False))  # fmt: skip
    assert list((tmp_path / "sentences").iterdir()) == store_dirs
    assert len(list(store_dirs[0].glob("*.index.arrow"))) == 1  # nothing new was computed
    with distributed.Client(cluster) as client:  # everything cached: nothing to send to Dask
        cached = article_stages.map_articles(seed_articles, pipeline.sentence_rows, stage="sentences",
                                       options=EngineOptions(engine="dask", scheduler=client, cache_dir=tmp_path, progress=False))  # fmt: skip
    pd.testing.assert_frame_equal(first, cached)
    reordered = again.set_index(["article_id", "sentence_no"]).sort_index()
    pd.testing.assert_frame_equal(
        first.set_index(["article_id", "sentence_no"]).sort_index(), reordered
    )


def test_missing_dask_gives_a_clear_message(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def without_dask(name, *args, **kwargs):
        if name.startswith("dask"):
            raise ImportError("No module named 'dask'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_dask)
    articles = pd.DataFrame({"article_id": ["a"] * 1, "text": ["Rusia dan Korut."]})
    with pytest.raises(ImportError, match="requirements-dask.txt"):
        article_stages.map_articles(articles, article_stages.count_whitespace_words, stage="w", options=EngineOptions(engine="dask", cache=False, progress=False))  # fmt: skip
