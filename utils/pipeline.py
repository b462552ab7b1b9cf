"""The whole-corpus pipeline as cached per-article stages: clean → sentences → tokens → stopwords
→ frequencies → mentions → co-mentions → timelines.

Each per-article stage is a thin top-level wrapper around the owning module's public function
(cleaning: :mod:`utils.corpus.cleaning`; sentences: :mod:`utils.text.sentences`; term counts:
:mod:`utils.text.term_counts`; mentions: :mod:`utils.actors.mentions`) that returns plain column lists, so
:mod:`utils.engine.article_stages` can cache it per article and run it on both cores without building one
DataFrame per article. Cleaning, sentences, term counts and mentions are ONE pass over the
articles (:func:`utils.engine.article_stages.map_article_stages`): a worker cleans an article and hands the
cleaned text straight to the other three stages, each cached on its own. Corpus-wide steps
(frequency totals, co-mentions, timelines) then run once on the combined rows.

>>> import pandas as pd
>>> article_term_counts({"text": "Negara-negara Barat dan AS: negara-negara itu."}, stopwords=frozenset({"dan", "itu"}))
{'term': ['negara-negara', 'barat', 'as'], 'count': [2, 1, 1]}
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

import pandas as pd
import pyarrow as pa

from utils import paths
from utils.actors import mentions as actors_module
from utils.comentions import pairs as comentions
from utils.comentions import timelines
from utils.corpus import cleaning, metadata
from utils.corpus import loading as corpus
from utils.engine import executors as engines
from utils.engine.article_stages import map_article_stages
from utils.engine.options import DEFAULT_OPTIONS, EngineOptions
from utils.engine.stage_spec import ArticleStage
from utils.quotes import table as quotes_table
from utils.quotes.speakers import load_institutions
from utils.text import sentences, stemming, token_tables, tokeniser
from utils.text import stopwords as stopwords_module
from utils.text.term_counts import article_term_counts

# ---------------------------------------------------------------------- per-article stages


def clean_rows(article: Mapping[str, Any], *, title_from_text: bool = False) -> dict[str, list]:
    """Clean one raw article (its ``text``) with :func:`utils.corpus.cleaning.clean_article`.

    >>> clean_rows({"text": "TEMPO.CO, Jakarta - Saling memanggil “kamerad”.\\nREUTERS"})["text"]
    ['Saling memanggil "kamerad".']
    """
    parts = cleaning.clean_article(article["text"], title_from_text=title_from_text)
    return {
        "text": [parts.text],
        "title": [parts.title],
        "outlet_marker": [parts.outlet],
        "dateline": [parts.dateline],
        "credit": [parts.credit],
        "n_paragraphs": [parts.n_paragraphs],
        "n_words": [corpus.count_words(parts.text)],
        "content_hash": [hashlib.sha256(parts.text.encode("utf-8")).hexdigest()],
    }


def sentence_rows(article: Mapping[str, Any]) -> dict[str, list]:
    """The sentence spans of one article (:func:`utils.text.sentences.sentence_spans`).

    >>> sentence_rows({"text": "Rusia diam.\\n\\nKorut 2019.Bulan lalu."})
    {'sentence_no': [0, 1, 2], 'start': [0, 13, 24], 'end': [11, 24, 35]}
    """
    spans = sentences.sentence_spans(article["text"])
    return {
        "sentence_no": list(range(len(spans))),
        "start": [start for start, _ in spans],
        "end": [end for _, end in spans],
    }


# ---------------------------------------------------------------------- corpus-wide steps
def corpus_frequencies(term_counts: pa.Table | pd.DataFrame) -> pd.DataFrame:
    """Corpus totals from per-article term counts: term, count, n_articles, share (of all counted
    terms); sorted by count (descending) then term.

    >>> counts = pd.DataFrame({"article_id": ["a", "a", "b"], "term": ["rusia", "korut", "rusia"],
    ...                        "count": [2, 1, 1]})
    >>> corpus_frequencies(counts)
        term  count  n_articles  share
    0  rusia      3           2   0.75
    1  korut      1           1   0.25
    """
    table = (
        term_counts
        if isinstance(term_counts, pa.Table)
        else pa.Table.from_pandas(term_counts[["term", "count"]], preserve_index=False)
    )
    grouped = table.group_by("term").aggregate([("count", "sum"), ("count", "count")])
    frame = grouped.rename_columns(["term", "count", "n_articles"]).to_pandas()
    frame["count"] = frame["count"].astype("int64")
    frame["n_articles"] = frame["n_articles"].astype("int64")
    total = frame["count"].sum()
    frame["share"] = frame["count"] / total if total else 0.0
    frame = frame.sort_values(["count", "term"], ascending=[False, True], kind="stable")
    return frame.reset_index(drop=True)


# ---------------------------------------------------------------------- the pipeline
def run_pipeline(
    articles: pd.DataFrame,
    *,
    actors: pd.DataFrame | str | os.PathLike[str] = paths.ACTORS_FILE,
    clean: bool = False,
    stem: bool = False,
    scope: str = "sentence",
    window: int = 10,
    freq: str = "MS",
    stopwords: frozenset[str] | None = None,
    options: EngineOptions = DEFAULT_OPTIONS,
    term_counts_table: bool = False,
    on_stage: Callable[..., None] | None = None,
    quotes: bool = False,
) -> dict[str, pd.DataFrame]:
    """Run every stage on an article table and return the tables by name.

    ``clean=True`` treats ``text`` as raw text and cleans it first (stage ``clean``, cached by
    raw-text hash; the later stages by cleaned-text hash); otherwise ``articles`` is the cleaned
    article table from :mod:`utils.corpus.loading`.
    ``options`` (:class:`utils.engine.EngineOptions`) sets the cache, the engine and the progress
    bar of the per-article pass. ``on_stage(name, seconds, n_rows)`` is called after each stage (the benchmark uses it).
    Cleaning, sentences, term counts and mentions run in ONE pass over the articles (each still
    cached on its own): for them it is called with ``cpu_seconds=`` the CPU time of the stage measured
    inside the workers, ``seconds`` being the pass's wall time shared in proportion to CPU, and
    once more for the rest of that pass (``"per-article pass overhead"``).

    Returns ``articles``, ``sentences``, ``frequencies`` (corpus totals; the per-article
    ``term_counts`` too when ``term_counts_table=True``: tens of millions of rows at 100k articles), ``mentions``, ``co_mentions``, ``timeline`` (mentions per actor per
    ``freq`` bin) and ``co_mention_timeline``. Needs ``date`` and ``date_precision`` columns
    for the timelines. Co-mentions at sentence/paragraph/article scope are computed without the
    texts, so ``n_units`` counts the units that mention an actor (see
    :func:`utils.comentions.pairs.co_mentions`). ``quotes=True`` adds the quotation stage
    (:func:`utils.quotes.article_quote_columns`) to the same pass, reading the mentions the
    mention stage hands on, and returns ``quotes`` too (cached like :func:`utils.quotes.find_quotes`).
    """
    if len(articles) == 0:
        raise ValueError(
            "run_pipeline: the article table is empty: no article to analyse "
            "(see the load report for files that were skipped)"
        )
    tables: dict[str, pd.DataFrame] = {}

    def timed(name: str, function: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        result = function()
        if on_stage is not None:
            on_stage(
                name,
                time.perf_counter() - started,
                len(result) if hasattr(result, "__len__") else 0,
            )
        return result

    stopwords = stopwords_module.load_stopwords() if stopwords is None else frozenset(stopwords)
    gazetteer = actors_module.as_gazetteer(actors)
    # Alias words protect a token from the stopword list only if they are stopwords themselves
    # (``AS``); passing just those keeps the term counts cached when other actors change.
    # Stemming protects every alias word (``Bekasi`` is not ``bekas``), so then all of them count.
    # (a lower-case word inside a longer alias, ``untuk``, is not a name: utils.text.name_words)
    alias_words = {
        word for entry in gazetteer.entries for word in stopwords_module.name_words(entry.alias.split())
    }
    protected = frozenset(w for w in alias_words if stem or w.lower() in stopwords)
    # utils.text.token_tables: its normalise() makes the unstemmed terms too (so it keys them)
    term_depends = [tokeniser, sentences, stopwords_module, token_tables] + (
        [stemming] if stem else []
    )
    # One pass over the cleaned articles for the three per-article stages, each cached on its
    # own; the sentence starts are passed on to the (stemmed) term counts and the mentions.
    per_article_stages = [
        ArticleStage("sentences", sentence_rows, depends_on=[sentences],
                     passes_on={"_sentence_starts": "start"}),
        ArticleStage("term_counts", article_term_counts,
                     {"stopwords": stopwords, "protected": protected, "stem": stem},
                     depends_on=term_depends, output="arrow"),
        ArticleStage("mentions", actors_module.article_mention_columns, {"gazetteer": gazetteer},
                     depends_on=[actors_module, sentences, tokeniser],
                     passes_on=quotes_table.MENTION_KEYS if quotes else {}),
    ]  # fmt: skip
    if quotes:
        per_article_stages.append(ArticleStage(
            "quotes", quotes_table.article_quote_columns,
            {"gazetteer": gazetteer, "institutions": load_institutions()},
            depends_on=["utils.quotes.table"]))  # fmt: skip
    if clean:  # cleaning is the first stage of the same pass; the others read the cleaned text
        per_article = articles[["article_id", "text"]]
        per_article_stages.insert(0, ArticleStage("clean", clean_rows, depends_on=[cleaning, metadata],
                                                  becomes_article=True))  # fmt: skip
    elif "content_hash" in articles:
        per_article = articles[["article_id", "text", "content_hash"]]
    else:
        per_article = articles[["article_id", "text"]]
    started, started_cpu = time.perf_counter(), engines.process_tree_cpu()
    per_stage, worker_cpu = map_article_stages(per_article, per_article_stages, options=options)
    if on_stage is not None:
        _report_fused_pass(on_stage, per_stage, worker_cpu, started, started_cpu)
    if clean:
        cleaned = per_stage["clean"]
        articles = articles.drop(columns=["text"]).reset_index(drop=True)
        for column in cleaned.columns.drop("article_id"):
            articles[column] = cleaned[column].array  # no round trip through Python objects
    tables["articles"] = articles
    tables["sentences"] = per_stage["sentences"]
    term_counts = per_stage["term_counts"]
    tables["frequencies"] = timed("frequencies", partial(corpus_frequencies, term_counts))
    if term_counts_table:
        tables["term_counts"] = term_counts.to_pandas().astype({"article_id": "str"})
    tables["mentions"] = per_stage["mentions"]
    if quotes:
        tables["quotes"] = per_stage["quotes"]

    co_mention_articles = articles if scope == "window" else None  # see the note on n_units
    tables["co_mentions"] = timed("co-mentions", lambda: comentions.co_mentions(
        tables["mentions"], scope=scope, window=window, articles=co_mention_articles))  # fmt: skip
    tables["timeline"] = timed("timelines", lambda: timelines.mention_timeline(
        tables["mentions"], articles, freq=freq))  # fmt: skip
    tables["co_mention_timeline"] = timed("co-mention timelines", lambda: timelines.co_mention_timeline(
        tables["mentions"], articles, scope=scope, window=window, freq=freq))  # fmt: skip
    return tables


#: The names the benchmark reports for the stages of the one per-article pass.
FUSED_STAGE_LABELS = {"clean": "clean", "sentences": "sentences",
                      "term_counts": "tokens+stopwords", "mentions": "mentions",
                      "quotes": "quotes"}  # fmt: skip
FUSED_OVERHEAD_LABEL = "per-article pass overhead"


def _report_fused_pass(on_stage, tables, worker_cpu, started, started_cpu) -> None:
    """Report the stages of one fused pass: each stage's CPU as measured inside the workers, and
    its share of the pass's wall time in proportion; then the rest (keys, cache reads and writes,
    starting workers, building article dicts, moving results) as its own line."""
    wall = time.perf_counter() - started
    total_cpu = engines.process_tree_cpu() - started_cpu
    in_stages = sum(worker_cpu.values())  # the stages of this pass only
    total_cpu = max(total_cpu, in_stages)  # workers on a Dask cluster are not our children
    takes_cpu = _accepts_keyword(on_stage, "cpu_seconds")  # else the old (name, s, n) callback
    for name, label in FUSED_STAGE_LABELS.items():
        if name not in tables:  # cleaning, when the articles came cleaned
            continue
        share = worker_cpu[name] / total_cpu if total_cpu > 0 else 0.0
        extra = {"cpu_seconds": worker_cpu[name]} if takes_cpu else {}
        on_stage(label, wall * share, len(tables[name]), **extra)
    overhead_share = (total_cpu - in_stages) / total_cpu if total_cpu > 0 else 1.0
    extra = {"cpu_seconds": total_cpu - in_stages} if takes_cpu else {}
    on_stage(FUSED_OVERHEAD_LABEL, wall * overhead_share, 0, **extra)


def _accepts_keyword(function: Callable, name: str) -> bool:
    """Whether ``function`` can be called with the keyword argument ``name``.

    >>> _accepts_keyword(lambda name, seconds, n_rows: None, "cpu_seconds")
    False
    >>> _accepts_keyword(lambda *args, **kwargs: None, "cpu_seconds")
    True
    """
    import inspect

    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):  # a builtin without a signature
        return False
    return any(
        p.kind is p.VAR_KEYWORD
        or (p.name == name and p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD))
        for p in parameters
    )
