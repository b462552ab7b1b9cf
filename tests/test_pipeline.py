"""The per-article pipeline: its cache (incremental, invalidation, corrupt shards) and its order."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pandas as pd
import pytest

from utils import pipeline
from utils.engine import EngineOptions, article_stages, map_articles
from utils.engine import cache as cache_module

SEED_TEXTS = [
    "Presiden Rusia Vladimir Putin menerima Kim Jong-un di Kosmodrom Vostochny.",
    "Korut dan Rusia mempererat hubungan. Negara-negara Barat, termasuk AS, khawatir.",
    "Juru bicara Kremlin Dmitry Peskov mengatakan kunjungan itu berlangsung 2,5 jam.",
    "Menurut Duyeon Kim, analis, Pyongyang membutuhkan pangan.",
    "Dewan Keamanan (DK PBB) menjatuhkan sanksi pada 2017.Bulan lalu Rusia memveto.",
]


def _articles(texts: list[str], prefix: str = "seed") -> pd.DataFrame:
    return pd.DataFrame(
        {"article_id": [f"{prefix}-{i:03d}" for i in range(len(texts))], "text": texts}
    )


def _log_lines(log_file: Path) -> list[str]:
    return log_file.read_text().split() if log_file.exists() else []


# Top-level, picklable per-article functions (as the real stages are).
def logged_words(article: dict, *, log_file: str) -> dict[str, list]:
    """Words of an article; appends the article id to ``log_file`` so tests can count calls."""
    with open(log_file, "a") as handle:
        handle.write(article["article_id"] + "\n")
    words = re.findall(r"\w+(?:[-.,]\w+)*", article["text"])
    return {"position": list(range(len(words))), "token": words}


def logged_mentions(article: dict, *, actors: pd.DataFrame, log_file: str) -> pd.DataFrame:
    """Actor mentions as a DataFrame (the slow, general return type)."""
    with open(log_file, "a") as handle:
        handle.write(article["article_id"] + "\n")
    rows = []
    for actor, alias in actors[["actor", "alias"]].itertuples(index=False):
        for match in re.finditer(rf"\b{re.escape(alias)}\b", article["text"]):
            rows.append({"actor": actor, "surface": match.group(), "start": match.start()})
    return pd.DataFrame(rows, columns=["actor", "surface", "start"]).sort_values(
        "start", kind="stable"
    )


ACTORS = pd.DataFrame(
    {"actor": ["Rusia", "Korea Utara", "Kim Jong Un"], "alias": ["Rusia", "Korut", "Kim Jong-un"]}
)


def test_adding_one_article_computes_only_that_article(tmp_path):
    log_file = tmp_path / "calls.log"
    params = {"log_file": str(log_file)}
    first = map_articles(
        _articles(SEED_TEXTS[:4]),
        logged_words,
        stage="words",
        params=params,
        options=EngineOptions(cache_dir=tmp_path / "cache", progress=False))
    assert sorted(_log_lines(log_file)) == ["seed-000", "seed-001", "seed-002", "seed-003"]

    log_file.unlink()
    again = map_articles(
        _articles(SEED_TEXTS[:4]),
        logged_words,
        stage="words",
        params=params,
        options=EngineOptions(cache_dir=tmp_path / "cache", progress=False))
    assert _log_lines(log_file) == []
    pd.testing.assert_frame_equal(first, again)

    grown = map_articles(
        _articles(SEED_TEXTS),
        logged_words,
        stage="words",
        params=params,
        options=EngineOptions(cache_dir=tmp_path / "cache", progress=False))
    assert _log_lines(log_file) == ["seed-004"]
    assert grown["article_id"].unique().tolist() == [f"seed-{i:03d}" for i in range(5)]
    assert "2017.Bulan" in grown.loc[grown["article_id"] == "seed-004", "token"].tolist()
    assert "negara-negara" not in grown["token"].tolist()  # the toy tokeniser keeps case
    assert "Negara-negara" in grown["token"].tolist()


def test_changing_the_actor_list_invalidates_mentions_but_not_tokens(tmp_path):
    words_log, mentions_log = tmp_path / "words.log", tmp_path / "mentions.log"
    articles = _articles(SEED_TEXTS)

    def run(actors):
        tokens = map_articles(
            articles,
            logged_words,
            stage="tokens",
            params={"log_file": str(words_log)},
            options=EngineOptions(cache_dir=tmp_path / "cache", progress=False))
        mentions = map_articles(
            articles,
            logged_mentions,
            stage="mentions",
            params={"actors": actors, "log_file": str(mentions_log)},
            options=EngineOptions(cache_dir=tmp_path / "cache", progress=False))
        return tokens, mentions

    run(ACTORS)
    words_log.unlink()
    mentions_log.unlink()
    run(ACTORS.copy())  # same content, new object: still cached
    assert _log_lines(words_log) == [] and _log_lines(mentions_log) == []

    more_actors = pd.concat(
        [ACTORS, pd.DataFrame({"actor": ["Dmitry Peskov"], "alias": ["Peskov"]})], ignore_index=True
    )
    tokens, mentions = run(more_actors)
    assert _log_lines(words_log) == []
    assert sorted(_log_lines(mentions_log)) == sorted(articles["article_id"])
    assert "Dmitry Peskov" in mentions["actor"].tolist()
    kim = mentions[mentions["actor"] == "Kim Jong Un"]
    assert kim[["article_id", "surface"]].values.tolist() == [["seed-000", "Kim Jong-un"]]


def test_actor_file_content_is_part_of_the_key(tmp_path):
    actors_file = tmp_path / "actors.csv"
    actors_file.write_text("actor,alias\nRusia,Rusia\n")
    key_before = article_stages.stage_key(logged_words, stage="m", params={"actors_file": actors_file})
    actors_file.write_text("actor,alias\nRusia,Rusia\nKorea Utara,Korut\n")
    key_after = article_stages.stage_key(logged_words, stage="m", params={"actors_file": actors_file})
    assert key_before != key_after


def test_output_is_in_article_order_and_identical_cached_serial_and_parallel(tmp_path, monkeypatch):
    monkeypatch.setattr(article_stages, "SERIAL_MAX_ARTICLES", 0)  # force the process pool
    monkeypatch.setattr(article_stages, "SERIAL_MAX_CHARS", 0)
    # Enough text to use the process pool; duplicates and an empty article included.
    texts = [SEED_TEXTS[i % 5] + f" Artikel {i}." * (i % 7) for i in range(150)]
    texts[10] = ""  # no rows
    texts[20] = texts[21]  # same content, two ids
    articles = _articles(texts * 30, prefix="x")[::-1].reset_index(drop=True)
    articles["article_id"] = [f"x-{i:05d}" for i in range(len(articles))]
    log_file = tmp_path / "calls.log"
    params = {"log_file": str(log_file)}

    serial = map_articles(
        articles, logged_words, stage="w", params=params, options=EngineOptions(cache=False, workers=1, progress=False),
    )
    parallel = map_articles(
        articles,
        logged_words,
        stage="w",
        params=params,
        options=EngineOptions(cache_dir=tmp_path / "c", workers=2, progress=False))
    cached = map_articles(
        articles,
        logged_words,
        stage="w",
        params=params,
        options=EngineOptions(cache_dir=tmp_path / "c", workers=2, progress=False))
    pd.testing.assert_frame_equal(serial, parallel)
    pd.testing.assert_frame_equal(serial, cached)
    order = serial["article_id"].drop_duplicates().tolist()
    assert order == [a for a in articles["article_id"] if a in set(order)]
    assert (
        serial.groupby("article_id", sort=False)["position"].apply(
            lambda p: p.is_monotonic_increasing
        )
    ).all()
    # Each distinct text was computed once per uncached run (duplicates share one entry).
    assert len(_log_lines(log_file)) == 2 * len(set(texts))
    first = serial[serial["article_id"] == articles["article_id"][0]]
    assert first["token"].tolist()[:3] == re.findall(r"\w+(?:[-.,]\w+)*", articles["text"][0])[:3]


def test_a_corrupt_shard_is_ignored_with_a_warning_and_recomputed(tmp_path):
    log_file = tmp_path / "calls.log"
    params = {"log_file": str(log_file)}
    articles = _articles(SEED_TEXTS)
    expected = map_articles(
        articles, logged_words, stage="w", params=params, options=EngineOptions(cache_dir=tmp_path / "c", progress=False),
    )
    (data_file,) = (tmp_path / "c" / "w").glob("*/*.data.arrow")
    data_file.write_bytes(data_file.read_bytes()[:50])  # truncated, as after a disk-full crash
    log_file.unlink()
    with pytest.warns(RuntimeWarning, match="unreadable and is ignored"):
        result = map_articles(
            articles,
            logged_words,
            stage="w",
            params=params,
            options=EngineOptions(cache_dir=tmp_path / "c", progress=False))
    pd.testing.assert_frame_equal(expected, result)
    assert len(_log_lines(log_file)) == 5


def test_an_interrupted_shard_without_index_is_invisible(tmp_path):
    log_file = tmp_path / "calls.log"
    params = {"log_file": str(log_file)}
    articles = _articles(SEED_TEXTS)
    map_articles(
        articles, logged_words, stage="w", params=params, options=EngineOptions(cache_dir=tmp_path / "c", progress=False),
    )
    (index_file,) = (tmp_path / "c" / "w").glob("*/*.index.arrow")
    index_file.unlink()  # the run died between writing data and committing the index
    log_file.unlink()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        map_articles(
            articles,
            logged_words,
            stage="w",
            params=params,
            options=EngineOptions(cache_dir=tmp_path / "c", progress=False))
    assert len(_log_lines(log_file)) == 5


def test_compaction_keeps_every_entry(tmp_path, monkeypatch):
    monkeypatch.setattr(article_stages, "COMPACT_AFTER_SHARDS", 3)
    log_file = tmp_path / "calls.log"
    params = {"log_file": str(log_file)}
    for n in range(1, 6):
        result = map_articles(
            _articles(SEED_TEXTS[:n]),
            logged_words,
            stage="w",
            params=params,
            options=EngineOptions(cache_dir=tmp_path / "c", progress=False))
    (entry,) = (tmp_path / "c" / "w").iterdir()
    assert cache_module.ShardStore(entry).n_shards() <= 3
    log_file.unlink()
    again = map_articles(
        _articles(SEED_TEXTS),
        logged_words,
        stage="w",
        params=params,
        options=EngineOptions(cache_dir=tmp_path / "c", progress=False))
    assert _log_lines(log_file) == []
    pd.testing.assert_frame_equal(result, again)


def test_bad_return_type_names_the_article(tmp_path):
    with pytest.raises(TypeError, match="seed-000"):
        map_articles(
            _articles(SEED_TEXTS[:1]), _returns_text, stage="bad", options=EngineOptions(cache=False, progress=False),
        )


def _returns_text(article: dict) -> str:
    return article["text"]


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="engine"):
        map_articles(
            _articles(SEED_TEXTS[:1]),
            article_stages.count_whitespace_words,
            stage="w",
            options=EngineOptions(engine="spark", cache=False))


def _shards(cache_dir: Path, stage: str) -> set[str]:
    return {str(p.relative_to(cache_dir)) for p in (cache_dir / stage).glob("*/*.index.arrow")}


def test_run_pipeline_on_the_seeds_recomputes_only_what_the_actor_list_feeds(seed_dir, tmp_path):
    from utils import actors, corpus, pipeline

    articles = corpus.load_articles(seed_dir, progress=False)
    actor_table = actors.load_actors()
    cache_dir = tmp_path / "cache"
    first = pipeline.run_pipeline(
        articles, term_counts_table=True, actors=actor_table, options=EngineOptions(cache_dir=cache_dir, progress=False),
    )
    before = {
        stage: _shards(cache_dir, stage) for stage in ("sentences", "term_counts", "mentions")
    }
    assert all(len(shards) == 1 for shards in before.values())

    again = pipeline.run_pipeline(
        articles, term_counts_table=True, actors=actor_table, options=EngineOptions(cache_dir=cache_dir, progress=False),
    )
    assert {stage: _shards(cache_dir, stage) for stage in before} == before
    for name in ("term_counts", "frequencies", "mentions", "co_mentions", "timeline"):
        pd.testing.assert_frame_equal(first[name], again[name], obj=name)

    without_kim = actor_table[actor_table["actor_id"] != "kim_jong_un"]
    changed = pipeline.run_pipeline(
        articles, term_counts_table=True, actors=without_kim, options=EngineOptions(cache_dir=cache_dir, progress=False),
    )
    assert _shards(cache_dir, "sentences") == before["sentences"]
    assert _shards(cache_dir, "term_counts") == before["term_counts"]
    assert len(_shards(cache_dir, "mentions")) == 2  # a new entry for the new actor list
    assert "kim_jong_un" in set(first["mentions"]["actor"])
    assert "kim_jong_un" not in set(changed["mentions"]["actor"])
    pd.testing.assert_frame_equal(first["term_counts"], changed["term_counts"])
    # Frequencies keep actor acronyms that are also stopwords (AS) and count reduplication as one term.
    terms = set(first["frequencies"]["term"])
    assert {"as", "rusia", "korea"} <= terms
    assert "yang" not in terms


@pytest.mark.parametrize("stem", [False, True])
def test_term_counts_equal_the_token_table_counts(seed_dir, stem):
    """The fast per-article counts agree with the tidy token table (utils.text.token_table) on every seed article."""
    from utils import actors, corpus, pipeline, text
    from utils.text import stopwords as stopword_lists

    articles = corpus.load_articles(seed_dir, progress=False)
    words = stopword_lists.load_stopwords()
    protected = frozenset(w for alias in actors.load_actors()["alias"] for w in alias.split())
    for article in articles[["article_id", "text"]].to_dict("records"):
        counts = pipeline.article_term_counts(article, stopwords=words, protected=protected, stem=stem)
        tokens = text.article_tokens(
            article, stem=stem, punctuation=False, stopwords=words, protected=protected
        )
        expected = tokens.loc[~tokens["is_stopword"], "stem" if stem else "norm"].value_counts()
        assert dict(zip(counts["term"], counts["count"], strict=True)) == expected.to_dict(), (
            article["article_id"]
        )
        assert "yang" not in counts["term"]


def mixed_returns(article: dict) -> pd.DataFrame | dict[str, list]:
    """DataFrame for some articles, column lists or {} for others (all allowed)."""
    number = int(article["article_id"].rsplit("-", 1)[1])
    words = article["text"].split()[:2]
    if number % 3 == 0:
        return pd.DataFrame({"word": words})
    return {"word": words} if number % 3 == 1 else {}


def test_mixed_return_types_keep_article_order():
    result = map_articles(
        _articles(SEED_TEXTS), mixed_returns, stage="mixed", options=EngineOptions(cache=False, progress=False),
    )
    assert result.values.tolist() == [
        ["seed-000", "Presiden"], ["seed-000", "Rusia"], ["seed-001", "Korut"], ["seed-001", "dan"],
        ["seed-003", "Menurut"], ["seed-003", "Duyeon"], ["seed-004", "Dewan"], ["seed-004", "Keamanan"],
    ]  # fmt: skip


def test_pipeline_mentions_equal_find_mentions_on_the_seeds(seed_dir, tmp_path):
    """The cached, parallel mention stage gives exactly the table of utils.actors.find_mentions."""
    from utils import actors, corpus, pipeline

    articles = corpus.load_articles(seed_dir, progress=False)
    tables = pipeline.run_pipeline(articles, options=EngineOptions(cache_dir=tmp_path, progress=False))
    expected = actors.find_mentions(articles, actors.load_actors(), options=EngineOptions(progress=False))
    ours = (
        tables["mentions"]
        .sort_values(["article_id", "start"], kind="stable")
        .reset_index(drop=True)
    )
    pd.testing.assert_frame_equal(ours, expected)
    kim = ours[ours["actor"] == "kim_jong_un"]
    assert len(kim) > 0 and {"Kim Jong-un", "Kim Jong Un"} & set(kim["surface"])


# ---------------------------------------------------------------------- several stages, one pass
def logged_starts(article: dict, *, log_file: str) -> dict[str, list]:
    """Sentence-like starts (after '. '); logs the call."""
    with open(log_file, "a") as handle:
        handle.write("starts:" + article["article_id"] + "\n")
    starts = [0] + [m.end() for m in re.finditer(r"\. ", article["text"])]
    return {"start": starts}


def logged_first_words(article: dict, *, log_file: str, upper_only: bool) -> dict[str, list]:
    """The word at each start passed on by ``logged_starts`` (recomputed when absent)."""
    with open(log_file, "a") as handle:
        handle.write("words:" + article["article_id"] + "\n")
    starts = article.get("_starts")
    if starts is None:
        starts = [0] + [m.end() for m in re.finditer(r"\. ", article["text"])]
    words = [article["text"][start:].split(" ")[0] for start in starts]
    return {"word": [w for w in words if w[:1].isupper() or not upper_only]}


def _two_stages(log_file: Path, *, upper_only: bool = True) -> list[article_stages.ArticleStage]:
    return [
        article_stages.ArticleStage("starts", logged_starts, {"log_file": str(log_file)},
                              passes_on={"_starts": "start"}),
        article_stages.ArticleStage("words", logged_first_words,
                              {"log_file": str(log_file), "upper_only": upper_only}),
    ]  # fmt: skip


@pytest.mark.parametrize("workers", [1, 2])
def test_one_pass_over_several_stages_equals_each_stage_alone(tmp_path, monkeypatch, workers):
    monkeypatch.setattr(article_stages, "SERIAL_MAX_ARTICLES", 0)
    monkeypatch.setattr(article_stages, "SERIAL_MAX_CHARS", 0)
    log_file = tmp_path / "calls.log"
    articles = _articles([*SEED_TEXTS, SEED_TEXTS[1]] * 3)  # duplicates: computed once
    tables, cpu = article_stages.map_article_stages(
        articles, _two_stages(log_file), options=EngineOptions(cache_dir=tmp_path / "c", workers=workers, progress=False),
    )
    for stage in _two_stages(tmp_path / "alone.log"):
        alone = map_articles(articles, stage.func, stage=stage.name, params=stage.params,
                             options=EngineOptions(cache=False, progress=False))  # fmt: skip
        pd.testing.assert_frame_equal(tables[stage.name], alone, obj=stage.name)
    assert sorted(cpu) == ["starts", "words"] and all(s >= 0 for s in cpu.values())
    assert len(_log_lines(log_file)) == 2 * len(SEED_TEXTS)
    assert "Negara-negara" in tables["words"]["word"].tolist()
    # Each stage has its own cache entry, the one map_articles uses alone.
    log_file.unlink()
    again = map_articles(articles, logged_starts, stage="starts", params={"log_file": str(log_file)},
                         options=EngineOptions(cache_dir=tmp_path / "c", progress=False))  # fmt: skip
    assert _log_lines(log_file) == []
    pd.testing.assert_frame_equal(again, tables["starts"])


def test_one_pass_computes_only_the_missing_stages_and_passes_on_cached_columns(tmp_path):
    log_file = tmp_path / "calls.log"
    articles = _articles(SEED_TEXTS)
    options = {"options": EngineOptions(cache_dir=tmp_path / "c", progress=False, workers=1)}
    article_stages.map_article_stages(articles.iloc[:3], _two_stages(log_file), **options)
    log_file.unlink()
    # New parameters for the second stage: it is recomputed, the first is read from the cache
    # and its column reaches the second stage all the same.
    tables, _ = article_stages.map_article_stages(
        articles, _two_stages(log_file, upper_only=False), **options
    )
    assert sorted(_log_lines(log_file)) == sorted(
        [f"starts:seed-00{i}" for i in (3, 4)] + [f"words:seed-00{i}" for i in range(5)]
    )
    expected = map_articles(articles, logged_first_words, stage="x", options=EngineOptions(cache=False, progress=False), params={"log_file": str(tmp_path / "x.log"), "upper_only": False})  # fmt: skip
    pd.testing.assert_frame_equal(tables["words"], expected)


def test_run_pipeline_reports_the_stages_of_the_one_pass(seed_dir, tmp_path):
    from utils import corpus, pipeline

    articles = corpus.load_articles(seed_dir, progress=False)
    reported = []
    pipeline.run_pipeline(articles, options=EngineOptions(cache_dir=tmp_path, progress=False), on_stage=lambda *args, **kwargs: reported.append((args, kwargs)))  # fmt: skip
    names = [args[0] for args, _ in reported]
    assert names[:4] == ["sentences", "tokens+stopwords", "mentions", "per-article pass overhead"]
    assert "clean" not in names  # the seeds come cleaned
    assert all("cpu_seconds" in kwargs and kwargs["cpu_seconds"] >= 0 for _, kwargs in reported[:4])
    assert reported[0][0][2] > 0 and reported[2][0][2] > 0  # rows: sentences, mentions
    assert "frequencies" in names and "co-mentions" in names


@pytest.mark.parametrize(
    "texts",
    [
        pd.Series(SEED_TEXTS + ["", "Kim Jong-un — “kamerad”"], dtype="str"),  # Arrow strings
        pd.Series(SEED_TEXTS, dtype="str").iloc[1:4],  # a slice: offsets start inside the buffer
        pd.Series(["Rusia.", None, ""], dtype="str"),  # a missing text: hashed as str(text)
        pd.Series(["Rusia.", None, 5], dtype=object),  # not Arrow
    ],
)
def test_content_hashes_are_sha256_of_each_text(texts):
    import hashlib

    expected = [hashlib.sha256(str(text).encode("utf-8")).hexdigest() for text in texts]
    hashes = article_stages.content_hashes(pd.DataFrame({"text": texts}))
    assert hashes.tolist() == expected
    assert hashes.index.equals(texts.index)


def test_content_hashes_of_a_chunked_arrow_column():
    import hashlib

    import pyarrow as pa

    chunked = pa.chunked_array([["Rusia", "Korut"], ["Negara-negara"]], type=pa.large_string())
    texts = pd.Series(pd.arrays.ArrowStringArray(chunked))
    expected = [
        hashlib.sha256(t.encode("utf-8")).hexdigest() for t in ["Rusia", "Korut", "Negara-negara"]
    ]
    assert article_stages.content_hashes(pd.DataFrame({"text": texts})).tolist() == expected


def test_a_three_argument_on_stage_callback_still_works(seed_dir, tmp_path):
    from utils import corpus, pipeline

    articles = corpus.load_articles(seed_dir, progress=False)
    names = []
    pipeline.run_pipeline(articles, options=EngineOptions(cache_dir=tmp_path, progress=False), on_stage=lambda name, seconds, n_rows: names.append(name))  # fmt: skip
    assert names[:4] == ["sentences", "tokens+stopwords", "mentions", "per-article pass overhead"]
    assert "clean" not in names  # the seeds come cleaned


def test_text_lengths_count_characters_in_arrow_and_object_columns():
    from utils.engine.executors import text_lengths

    texts = ["Kim Jong-un tiba di Moskow.", "", None, "negara-negara “Barat”"]
    expected = [27, 0, 0, 21]
    assert text_lengths(pd.DataFrame({"text": pd.Series(texts, dtype="str")})).tolist() == expected
    assert text_lengths(pd.DataFrame({"text": pd.Series(texts, dtype=object)})).tolist() == expected


def test_chunk_rows_rejects_changed_columns_but_allows_article_id():
    from utils.engine.executors import ChunkRows

    rows = ChunkRows()
    rows.add({"token": ["Rusia"], "article_id": ["a"]}, article_id="a")
    rows.add({"token": ["Korut", "AS"]}, article_id="b")  # no article_id: same columns
    with pytest.raises(ValueError, match="differ from the previous"):
        rows.add({"term": ["Kim"]}, article_id="c")
    with pytest.raises(ValueError, match="unequal length"):
        rows.add({"token": ["Kim"], "start": []}, article_id="d")
    table, counts = rows.finish()
    assert table.column("token").to_pylist() == ["Rusia", "Korut", "AS"]
    assert counts == [1, 2]


# ---------------------------------------------------------------------- a stage that becomes the article
def logged_clean(article: dict, *, log_file: str) -> dict[str, list]:
    """A toy cleaner: drops a leading ``KANTOR BERITA -`` and squeezes spaces; logs the call."""
    import hashlib

    with open(log_file, "a") as handle:
        handle.write("clean:" + article["article_id"] + "\n")
    cleaned = re.sub(r"\s+", " ", re.sub(r"^KANTOR BERITA - ", "", article["text"])).strip()
    return {"text": [cleaned], "content_hash": [hashlib.sha256(cleaned.encode()).hexdigest()]}


def _clean_then_two_stages(log_file: Path, *, upper_only: bool = True):
    clean = article_stages.ArticleStage("clean", logged_clean, {"log_file": str(log_file)},
                                  becomes_article=True)  # fmt: skip
    return [clean, *_two_stages(log_file, upper_only=upper_only)]


RAW_TEXTS = [
    "KANTOR BERITA - Presiden Rusia Vladimir Putin menerima Kim Jong-un.  Korut senang.",
    "Presiden Rusia Vladimir Putin menerima Kim Jong-un. Korut senang.",  # cleans as the first
    "Negara-negara Barat, termasuk AS, khawatir. Rusia diam.",
    "KANTOR BERITA - Dewan Keamanan (DK PBB) menjatuhkan sanksi. Bulan lalu Rusia memveto.",
]


def _in_two_passes(articles: pd.DataFrame, log_file: Path, **changes) -> dict[str, pd.DataFrame]:
    """Cleaning as a pass of its own, then the two stages on the cleaned texts (as before)."""
    options = EngineOptions(progress=False, **changes)
    cleaned = map_articles(articles, logged_clean, stage="clean", params={"log_file": str(log_file)},
                           options=options)  # fmt: skip
    tables, _ = article_stages.map_article_stages(cleaned, _two_stages(log_file), options=options)
    return {"clean": cleaned, **tables}


@pytest.mark.parametrize("workers", [1, 2])
def test_a_stage_that_becomes_the_article_equals_cleaning_in_a_pass_of_its_own(
    tmp_path, monkeypatch, workers
):
    monkeypatch.setattr(article_stages, "SERIAL_MAX_ARTICLES", 0)  # the process pool when workers=2
    monkeypatch.setattr(article_stages, "SERIAL_MAX_CHARS", 0)
    articles = _articles([*RAW_TEXTS, RAW_TEXTS[2]] * 2)
    log_file = tmp_path / "calls.log"
    options = {"options": EngineOptions(cache_dir=tmp_path / "one", workers=workers, progress=False)}
    tables, cpu = article_stages.map_article_stages(articles, _clean_then_two_stages(log_file), **options)
    expected = _in_two_passes(articles, tmp_path / "x.log", cache=False)
    for name in ("clean", "starts", "words"):
        pd.testing.assert_frame_equal(tables[name], expected[name], obj=name)
    assert sorted(cpu) == ["clean", "starts", "words"]
    # Each distinct raw text is cleaned once; the later stages see the cleaned text, keyed by its
    # hash, so the two raw texts that clean alike are stored once there.
    calls = _log_lines(log_file)
    assert sorted(c for c in calls if c.startswith("clean:")) == [
        f"clean:seed-00{i}" for i in range(4)
    ]
    assert "Presiden" in tables["words"]["word"].tolist()
    assert "KANTOR" not in tables["words"]["word"].tolist()
    assert len(cache_module.ShardStore(next((tmp_path / "one" / "words").iterdir())).keys()) == 3
    # Each stage's entry is the one the two separate passes use: a re-run there computes nothing.
    log_file.unlink()
    again = _in_two_passes(articles, log_file, cache_dir=tmp_path / "one", workers=workers)
    assert _log_lines(log_file) == []
    for name in ("clean", "starts", "words"):
        pd.testing.assert_frame_equal(again[name], tables[name], obj=name)


def test_after_a_cached_cleaning_the_later_stages_read_the_cached_cleaned_text(tmp_path):
    articles = _articles(RAW_TEXTS)
    log_file = tmp_path / "calls.log"
    options = {"options": EngineOptions(cache_dir=tmp_path / "c", workers=1, progress=False)}
    article_stages.map_article_stages(articles.iloc[:2], _clean_then_two_stages(log_file), **options)
    log_file.unlink()
    # New parameters for the last stage: only it runs on the cached articles; the new articles
    # run every stage.
    tables, _ = article_stages.map_article_stages(
        articles, _clean_then_two_stages(log_file, upper_only=False), **options
    )
    calls = _log_lines(log_file)
    assert sorted(c for c in calls if not c.startswith("words:")) == [
        "clean:seed-002", "clean:seed-003", "starts:seed-002", "starts:seed-003"]  # fmt: skip
    assert sorted(c for c in calls if c.startswith("words:")) == [
        "words:seed-000", "words:seed-002", "words:seed-003"]  # seed-001 cleans like seed-000  # fmt: skip
    expected = map_articles(
        _in_two_passes(articles, tmp_path / "x.log", cache=False)["clean"], logged_first_words,
        stage="w", options=EngineOptions(cache=False, progress=False), params={"log_file": str(tmp_path / "x.log"), "upper_only": False},
    )  # fmt: skip
    pd.testing.assert_frame_equal(tables["words"], expected)


def two_rows(article: dict) -> dict[str, list]:
    return {"text": [article["text"]] * 2, "content_hash": ["a", "b"]}


def test_a_stage_that_becomes_the_article_must_be_first_and_give_one_row(tmp_path):
    articles = _articles(RAW_TEXTS[:1])
    log_file = str(tmp_path / "calls.log")
    late = article_stages.ArticleStage("late", logged_clean, {"log_file": log_file}, becomes_article=True)
    with pytest.raises(ValueError, match="only the first stage"):
        article_stages.map_article_stages(articles, [*_two_stages(tmp_path / "l.log"), late],
                                    options=EngineOptions(cache=False, progress=False))  # fmt: skip
    stages = [article_stages.ArticleStage("two", two_rows, becomes_article=True)]
    with pytest.raises(ValueError, match="one row"):
        article_stages.map_article_stages(articles, stages, options=EngineOptions(cache=False, progress=False))


@pytest.mark.parametrize("workers", [2, 3])
def test_tapered_chunks_cover_every_row_in_order_and_shrink_at_the_end(workers):
    from utils.engine.executors import tapered_chunk_edges

    texts = [SEED_TEXTS[i % len(SEED_TEXTS)] * (1 + i % 7) for i in range(5000)]
    edges = tapered_chunk_edges(pd.DataFrame({"text": texts}), workers=workers)
    assert edges[0][0] == 0 and edges[-1][1] == len(texts)
    assert all(a < b for a, b in edges) and all(
        b == c for (_, b), (c, _) in zip(edges, edges[1:], strict=False)
    )
    sizes = [b - a for a, b in edges]
    assert len(edges) > workers * 8 and max(sizes[-workers:]) < min(sizes[:workers]) / 4
    assert tapered_chunk_edges(pd.DataFrame({"text": ["Korut"]}), workers=2) == [(0, 1)]
    assert tapered_chunk_edges(pd.DataFrame({"text": []}), workers=2) == []


def test_article_dicts_equal_to_dict_records_for_every_column_type():
    import math

    import numpy as np

    from utils.engine.executors import article_dicts

    frame = pd.DataFrame({
        "article_id": [7, 8, 9],
        "text": pd.Series(["Kim Jong-un tiba.", None, "negara-negara"], dtype="str"),
        "_starts": pd.Series([None, [0, 12], "x"], dtype=object),
        "date": pd.to_datetime(["2019-04-25", None, "2023-09-13"]),
        "share": [1.5, np.nan, 2.0],
        "outlet": pd.Categorical(["tempo", "kompas", "tempo"]),
        "todo": np.array([1, 0, 3], dtype=np.int64),
    })  # fmt: skip

    def same(a, b) -> bool:
        if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
            return True
        return type(a) is type(b) and (a is b or a == b)

    expected, got = frame.to_dict("records"), article_dicts(frame)
    assert [list(row) for row in got] == [list(row) for row in expected]
    assert all(same(row[key], got_row[key]) for row, got_row in zip(expected, got, strict=True)
               for key in row)  # fmt: skip


@pytest.mark.parametrize("clean", [False, True])
def test_an_empty_article_table_is_refused_with_a_clear_message(tmp_path, clean):
    empty = pd.DataFrame({"article_id": pd.Series([], dtype=str), "text": pd.Series([], dtype=str)})
    with pytest.raises(ValueError, match="article table is empty"):
        pipeline.run_pipeline(empty, clean=clean, options=EngineOptions(cache_dir=tmp_path, progress=False))
