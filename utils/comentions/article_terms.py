"""Per-article counts straight from the article texts: notebook 03's fast path at any corpus size
(layer 4, where the actors and the words meet).

:func:`count_article_terms` gives the same :class:`~utils.frequencies.article_counts.ArticleCounts` as
``count_articles(merge_actor_mentions(token_table(articles), find_mentions(articles)))``
without building the token table: ONE cached per-article pass
(:func:`utils.engine.article_stages.map_articles`, both cores) tokenises an article
(:func:`utils.text.token_tables.token_rows`), finds its actor mentions
(:func:`utils.actors.mentions.article_mention_columns`), merges each actor name into one term
(:func:`merge_article_mentions`, the per-article twin of
:func:`utils.frequencies.actor_terms.merge_actor_mentions`) and counts its terms, n-grams and word pairs
(:func:`utils.frequencies.article_counts.token_term_counts`, ``ngram_rows``, ``pair_rows``). Each article is one
cached row of Arrow lists; the corpus tables are those lists flattened in Arrow, so memory
grows with the counts, never with one Python object per token.

>>> from utils.actors import load_actors
>>> articles = pd.DataFrame({"article_id": ["a"], "text": ["Korea Utara dan AS bertemu. Kim Jong-un tiba."]})
>>> counts = count_article_terms(articles, actor_list=load_actors(), options=EngineOptions(cache=False, progress=False))
>>> counts.terms["term"].tolist()
['Korea Utara', 'dan', 'Amerika Serikat', 'bertemu', 'Kim Jong Un', 'tiba']
>>> counts.summary[["n_tokens", "n_words", "n_terms"]].values.tolist()
[[10, 8, 8]]
"""

from __future__ import annotations

import hashlib
import json
import os
import pathlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import eq, not_
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from utils import paths, provenance
from utils.actors.gazetteer import as_gazetteer, load_actors
from utils.actors.mentions import article_mention_columns
from utils.engine.article_stages import map_articles
from utils.engine.options import DEFAULT_OPTIONS, EngineOptions
from utils.frequencies.actor_terms import actor_names
from utils.frequencies.article_counts import NGRAM_STOPWORDS, ArticleCounts
from utils.text import stopwords as stopword_lists
from utils.text.token_tables import token_data_files, token_rows

#: The list columns of one article's row: (table, column in that table).
_LISTS = {
    "term": ("terms", "term"), "count": ("terms", "count"), "n_stopword": ("terms", "n_stopword"),
    "ngram_n": ("ngrams", "n"), "ngram": ("ngrams", "ngram"), "ngram_count": ("ngrams", "count"),
    "w1": ("pairs", "w1"), "w2": ("pairs", "w2"), "pair_count": ("pairs", "count"),
}  # fmt: skip


def merge_article_mentions(
    rows: Mapping[str, Any], mentions: Mapping[str, list], *, names: Mapping[str, str],
    term: str = "norm",
) -> dict[str, list]:  # fmt: skip
    """The ``terms`` (``term`` column), ``sentence_no``, ``is_stopword`` and ``is_punct`` of one
    article's tokens after merging each resolved, non-metonym actor mention into one term.

    The rule of :func:`utils.frequencies.actor_terms.merge_actor_mentions`: a mention must start at a
    token's start and end at a token's end; mentions are taken in order of their first token,
    one overlapping an earlier one is left out; the merged term is the actor's name, neither
    a stopword nor punctuation.

    >>> rows = {"norm": ["korea", "utara", "menolak"], "sentence_no": [0, 0, 0],
    ...         "is_stopword": [False] * 3, "is_punct": [False] * 3, "start": [0, 6, 12], "end": [5, 11, 19]}
    >>> mentions = {"actor": ["north_korea"], "start": [0], "end": [11], "is_metonym": [False]}
    >>> merge_article_mentions(rows, mentions, names={"north_korea": "Korea Utara"})["terms"]
    ['Korea Utara', 'menolak']
    """
    terms = list(rows[term])
    sentence_no = np.asarray(rows["sentence_no"]).tolist()
    is_stopword = np.asarray(rows["is_stopword"], dtype=bool).tolist()
    is_punct = np.asarray(rows["is_punct"], dtype=bool).tolist()
    starts, ends = np.asarray(rows["start"]).tolist(), np.asarray(rows["end"]).tolist()
    by_start = {offset: index for index, offset in enumerate(starts)}
    by_end = {offset: index for index, offset in enumerate(ends)}
    if len(by_start) != len(starts) or len(by_end) != len(ends):
        by_start, by_end = (
            {},
            {},
        )  # offsets not unique: no mention can be placed (as the table rule)
    found = []
    order = sorted(range(len(mentions["start"])), key=mentions["start"].__getitem__)
    for index in order:
        actor = mentions["actor"][index]
        if actor is None or mentions["is_metonym"][index] or str(actor) not in names:
            continue
        first = by_start.get(mentions["start"][index], -1)
        last = by_end.get(mentions["end"][index], -1)
        if first >= 0 and last >= first:
            found.append((first, last, names[str(actor)]))
    found.sort(key=lambda item: item[0])  # stable: as the table rule
    dropped = bytearray(len(terms))
    previous_last = -1
    for first, last, name in found:
        if first <= previous_last:
            continue
        previous_last = last
        terms[first], is_stopword[first], is_punct[first] = name, False, False
        dropped[first + 1 : last + 1] = b"\x01" * (last - first)
    if previous_last < 0:
        return {"terms": terms, "sentence_no": sentence_no, "is_stopword": is_stopword,
                "is_punct": is_punct}  # fmt: skip
    keep = [i for i, gone in enumerate(dropped) if not gone]
    return {
        "terms": [terms[i] for i in keep],
        "sentence_no": [sentence_no[i] for i in keep],
        "is_stopword": [is_stopword[i] for i in keep],
        "is_punct": [is_punct[i] for i in keep],
    }


def count_rows(
    merged: Mapping[str, list], *, sizes: Sequence[int] = (2, 3), stopwords: str = "edges"
) -> dict[str, dict[str, list]]:
    """The ``terms``, ``ngrams`` and ``pairs`` rows of one article's (merged) token columns:
    the same rows, in the same order, as :func:`utils.frequencies.article_counts.token_term_counts`,
    ``ngram_rows`` and ``pair_rows`` (tests compare them), counted with ``Counter`` over
    filtered streams instead of a Python loop per token.

    >>> merged = {"terms": ["kerja", "sama", "dan", "rusia", "."], "sentence_no": [0] * 5,
    ...           "is_stopword": [False, False, True, False, False], "is_punct": [False] * 4 + [True]}
    >>> rows = count_rows(merged, sizes=[2])
    >>> rows["terms"]["n_stopword"], rows["ngrams"]["ngram"], rows["pairs"]["w1"]
    ([0, 0, 1, 0], ['kerja sama'], ['kerja', 'sama', 'dan'])
    """
    if stopwords not in NGRAM_STOPWORDS:
        raise ValueError(f"ngram_stopwords must be one of {NGRAM_STOPWORDS}")
    terms, sentence_no = merged["terms"], merged["sentence_no"]
    is_stopword, is_punct = merged["is_stopword"], merged["is_punct"]
    is_word = list(map(not_, is_punct))
    counts = Counter(compress(terms, is_word))
    stopword_counts = Counter(compress(terms, map(bool.__and__, is_word, is_stopword)))
    words, word_sentences = list(compress(terms, is_word)), list(compress(sentence_no, is_word))
    same_sentence = map(eq, word_sentences, word_sentences[1:])
    pairs = Counter(compress(zip(words, words[1:], strict=False), same_sentence))
    rows = {
        "terms": {"term": list(counts), "count": list(counts.values()),
                  "n_stopword": [stopword_counts[term] for term in counts]},
        "ngrams": {"n": [], "ngram": [], "count": []},
        "pairs": {"w1": [w1 for w1, _ in pairs], "w2": [w2 for _, w2 in pairs],
                  "count": list(pairs.values())},
    }  # fmt: skip
    if not terms:
        return rows
    # A run: tokens of one sentence between punctuation (as utils.frequencies.article_counts._runs).
    punct = np.asarray(is_punct, dtype=bool)
    sentences = np.asarray(sentence_no, dtype=np.int64)
    starts = np.ones(len(terms), dtype=bool)
    starts[1:] = (sentences[1:] != sentences[:-1]) | punct[:-1]
    runs = np.where(punct, -1, np.cumsum(starts) - 1)
    stop = np.asarray(is_stopword, dtype=bool)
    stops_before = np.concatenate([[0], np.cumsum(stop)])
    for n in sizes:
        size = len(terms) - n + 1
        if size <= 0:
            continue
        valid = (runs[:size] >= 0) & (runs[n - 1 :] == runs[:size])
        if stopwords == "edges":
            valid &= ~stop[:size] & ~stop[n - 1 :]
        elif stopwords == "any":
            valid &= (stops_before[n:] - stops_before[:size]) == 0
        grams = Counter(" ".join(terms[i : i + n]) for i in np.flatnonzero(valid).tolist())
        rows["ngrams"]["n"].extend([n] * len(grams))
        rows["ngrams"]["ngram"].extend(grams)
        rows["ngrams"]["count"].extend(grams.values())
    return rows


def article_term_rows(
    article: Mapping[str, Any],
    *,
    token_options: Mapping[str, Any],
    gazetteer: Any = None,
    names: Mapping[str, str] | None = None,
    term: str = "norm",
    ngram_sizes: Sequence[int] = (2, 3),
    ngram_stopwords: str = "edges",
    data_files: Mapping[str, Any] | None = None,
) -> dict[str, list]:
    """One article as ONE row: its token counts and, as lists, its term, n-gram and pair
    counts (``gazetteer`` and ``names`` given: actor names merged into one term first).
    ``data_files`` only keys the cache.

    >>> row = article_term_rows({"text": "Rusia dan Korut."}, token_options={})
    >>> row["n_tokens"], row["term"], row["w1"]
    ([4], [['rusia', 'dan', 'korut']], [['rusia', 'dan']])
    """
    rows = token_rows(article, **token_options)
    if term not in rows:
        raise KeyError(
            f"token rows have no {term!r} column (tokenise with stem=True for term='stem')"
        )
    if names is not None and MENTION_KEY in article:  # the mentions notebook 02 found
        merged = merge_article_mentions(rows, article[MENTION_KEY], names=names, term=term)
    elif gazetteer is not None and names is not None:
        mentions = article_mention_columns(article, gazetteer=gazetteer, include_unresolved=True)
        merged = merge_article_mentions(rows, mentions, names=names, term=term)
    else:
        merged = {"terms": list(rows[term]), "sentence_no": rows["sentence_no"].tolist(),
                  "is_stopword": rows["is_stopword"].tolist(), "is_punct": rows["is_punct"].tolist()}  # fmt: skip
    parts = count_rows(merged, sizes=ngram_sizes, stopwords=ngram_stopwords)
    n_tokens = len(rows["token"])
    result: dict[str, list] = {
        "n_tokens": [n_tokens],
        "n_words": [n_tokens - int(np.count_nonzero(rows["is_punct"]))],
        "n_terms": [len(merged["terms"])],
    }
    for column, (table, name) in _LISTS.items():
        result[column] = [parts[table][name]]
    return result


def tokenised_as(processed_dir: str | os.PathLike[str]) -> dict[str, Any]:
    """The :func:`utils.text.token_tables.token_rows` options notebook 02 tokenised with, read from the
    parameters it recorded beside ``sentences.parquet`` (``STEM``, ``SPLIT_CLITICS``, and the
    actor words of ``ACTORS_FILE`` as ``protected``), so notebook 03 counts the same tokens.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = provenance.write_table(pd.DataFrame({"n": [1]}), folder / "sentences.parquet",
    ...     params={"STEM": False, "SPLIT_CLITICS": True, "ACTORS_FILE": "data/actors.csv"})
    >>> options = tokenised_as(folder)
    >>> options["split_clitics"], options["stem"], "AS" in options["protected"]
    (True, False, True)
    """
    table = pathlib.Path(processed_dir) / "sentences.parquet"
    if not provenance.meta_path(table).exists():
        raise FileNotFoundError(
            f"{provenance.meta_path(table)} is missing: run 02-tokenise.ipynb first"
        )
    params = provenance.read_meta(table).get("params", {})
    actor_list = load_actors(paths.resolve(params.get("ACTORS_FILE") or paths.ACTORS_FILE))
    aliases = actor_list.loc[actor_list["kind"] != "ignore", "alias"]
    return {"stem": bool(params.get("STEM", False)),
            "split_clitics": bool(params.get("SPLIT_CLITICS", False)),
            "protected": stopword_lists.protected_words(aliases)}  # fmt: skip


def articles_containing(articles: pd.DataFrame, query: str, *, match: str = "norm") -> pd.DataFrame:
    """The articles whose text can hold a ``match="norm"`` concordance hit of ``query`` (every
    word of it occurs in the lowercased text), to build the token table of those only; all
    articles for ``match="stem"`` or ``"regex"``.

    >>> articles = pd.DataFrame({"article_id": ["a", "b"], "text": ["Amunisi tiba.", "Rusia diam."]})
    >>> articles_containing(articles, "amunisi")["article_id"].tolist()
    ['a']
    """
    if match != "norm":
        return articles
    lowered = pd.Series(articles["text"], dtype="str").fillna("").str.lower().str.replace("’", "'")
    keep = np.ones(len(articles), dtype=bool)
    for word in query.lower().replace("’", "'").split():
        keep &= lowered.str.contains(word, regex=False).to_numpy(dtype=bool)
    return articles[keep]


#: The dtypes of the flattened tables (as :func:`utils.frequencies.article_counts.count_articles` types them).
_DTYPES = {
    "terms": {"article_id": "str", "term": "str", "count": "int64", "n_stopword": "int64"},
    "ngrams": {"article_id": "str", "n": "int64", "ngram": "str", "count": "int64"},
    "pairs": {"article_id": "str", "w1": "str", "w2": "str", "count": "int64"},
    "summary": {"article_id": "str", "n_tokens": "int64", "n_words": "int64", "n_terms": "int64"},
}


@dataclass(frozen=True)
class TermCounts(ArticleCounts):
    """:class:`~utils.frequencies.article_counts.ArticleCounts` plus ``summary``: per article n_tokens,
    n_words (tokens that are not punctuation) and n_terms (tokens after merging actor names)."""

    summary: pd.DataFrame | None = None


def _empty(kind: str) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=d) for c, d in _DTYPES[kind].items()})


def count_article_terms(
    articles: pd.DataFrame,
    *,
    actor_list: pd.DataFrame | None = None,
    token_options: Mapping[str, Any] | None = None,
    term: str = "norm",
    ngram_sizes: Sequence[int] = (2, 3),
    ngram_stopwords: str = "edges",
    mentions: pd.DataFrame | None = None,
    options: EngineOptions = DEFAULT_OPTIONS,
) -> TermCounts:
    """Per-article term, n-gram and pair counts of ``articles`` (``article_id``, cleaned ``text``),
    cached per article (stage ``article-term-counts``) and computed on both cores, as
    ``options`` (:class:`utils.engine.EngineOptions`) says.

    ``token_options``: :func:`utils.text.token_tables.token_rows` options (``stem``, ``split_clitics``,
    ``protected``, ``stopwords``; the default stopword list when left out), as notebook 02
    tokenised. ``actor_list`` given: actor names count as one term (mentions found with
    metonyms on, merged without them, as notebook 03 did on the token table); with
    ``mentions`` (a mention table, e.g. ``mentions.parquet`` from notebook 02) those mentions are
    merged instead of finding them again, and each article's cache key covers its mentions. The result
    equals :func:`utils.frequencies.article_counts.count_articles` of that token table, except that
    ``article_id`` is a categorical (no string per row: tens of millions of rows at 100,000
    articles); its extra attribute ``summary`` holds n_tokens, n_words and n_terms per article.

    >>> articles = pd.DataFrame({"article_id": ["a", "b"], "text": ["Rusia dan Korut.", ""]})
    >>> counts = count_article_terms(articles, options=EngineOptions(cache=False, progress=False))
    >>> counts.n_articles, counts.pairs[["article_id", "w1", "w2"]].values.tolist()
    (1, [['a', 'rusia', 'dan'], ['a', 'dan', 'korut']])
    """
    tokenising = dict(token_options or {})
    tokenising["protected"] = frozenset(tokenising.get("protected", frozenset()))
    if tokenising.get("stopwords") is None:
        tokenising["stopwords"] = stopword_lists.load_stopwords()
    tokenising["stopwords"] = frozenset(tokenising["stopwords"])
    params: dict[str, Any] = {
        "token_options": tokenising, "term": term, "ngram_sizes": tuple(int(n) for n in ngram_sizes),
        "ngram_stopwords": ngram_stopwords,
        "data_files": token_data_files(bool(tokenising.get("stem"))),
    }  # fmt: skip
    texts = pd.Series(
        [body if isinstance(body, str) else "" for body in articles["text"]], dtype="str"
    )
    work = pd.DataFrame({"article_id": articles["article_id"].to_numpy(), "text": texts})
    if actor_list is not None:
        params["names"] = actor_names(actor_list)
        if mentions is None:
            params["gazetteer"] = as_gazetteer(actor_list, metonyms=True)
        else:
            work = _with_mentions(work, mentions)
    table = map_articles(
        work,
        article_term_rows, stage="article-term-counts", params=params, options=options,
        output="arrow",
        depends_on=["utils.text.token_tables", "utils.text.tokeniser", "utils.text.stopwords",
                    "utils.actors.mentions", "utils.frequencies.actor_terms",
                    "utils.frequencies.article_counts"]
        + (["utils.text.stemming"] if tokenising.get("stem") else []),
    )  # fmt: skip
    return _as_counts(table, term=term, ngram_sizes=params["ngram_sizes"],
                      ngram_stopwords=ngram_stopwords)  # fmt: skip


#: The article key under which :func:`article_term_rows` finds the article's mentions, when
#: :func:`count_article_terms` is given a mention table.
MENTION_KEY = "_mentions"
_MENTION_FIELDS = ("start", "end", "actor", "is_metonym")


def _with_mentions(work: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """``work`` with each article's mentions (in order of ``start``) under :data:`MENTION_KEY`, and
    a ``content_hash`` over its text and those mentions, so the cache follows both.

    >>> work = pd.DataFrame({"article_id": ["a"], "text": ["Korut menolak."]})
    >>> found = pd.DataFrame({"article_id": ["a"], "start": [0], "end": [5],
    ...                       "actor": ["north_korea"], "is_metonym": [False]})
    >>> _with_mentions(work, found)[MENTION_KEY].iloc[0]
    {'start': [0], 'end': [5], 'actor': ['north_korea'], 'is_metonym': [False]}
    """
    ordered = mentions.sort_values(["article_id", "start"], kind="stable")
    by_article: dict[str, dict[str, list]] = {}
    for article_id, group in ordered.groupby(ordered["article_id"].astype(str), sort=False):
        by_article[article_id] = {
            "start": [int(v) for v in group["start"]],
            "end": [int(v) for v in group["end"]],
            "actor": [None if pd.isna(v) else str(v) for v in group["actor"]],
            "is_metonym": [bool(v) for v in group["is_metonym"]],
        }
    empty = {field: [] for field in _MENTION_FIELDS}
    found = [by_article.get(str(article_id), empty) for article_id in work["article_id"]]
    keys = [
        hashlib.sha256(
            (text + "\x00" + json.dumps(columns, sort_keys=True)).encode("utf-8")
        ).hexdigest()
        for text, columns in zip(work["text"], found, strict=True)
    ]
    return work.assign(**{MENTION_KEY: found, "content_hash": keys})


def _flat(
    table: pa.Table, ids: pd.Index, owners: np.ndarray, columns: dict[str, str]
) -> pd.DataFrame:
    """The list columns ``columns`` (list column → name) flattened, with the owner's article_id
    as a categorical (``ids``: the distinct ids; ``owners``: each table row's code in them)."""
    chunks = table.column(next(iter(columns))).chunks
    parents, start = [np.zeros(0, np.int64)], 0
    for chunk in chunks:  # parent indices count from each chunk's first row
        parents.append(pc.list_parent_indices(chunk).to_numpy(zero_copy_only=False) + start)
        start += len(chunk)
    rows = owners[np.concatenate(parents)]
    frame = {"article_id": pd.Categorical.from_codes(rows, categories=ids)}
    for column, name in columns.items():
        frame[name] = pc.list_flatten(table.column(column)).to_pandas()
    return pd.DataFrame(frame)


def _as_counts(table: pa.Table, *, term: str, ngram_sizes, ngram_stopwords) -> TermCounts:
    """The one-row-per-article table of :func:`article_term_rows` as :class:`TermCounts`."""
    options = dict(term=term, ngram_sizes=ngram_sizes, ngram_stopwords=ngram_stopwords)
    if table.num_rows == 0 or "n_tokens" not in table.column_names:
        return TermCounts(terms=_empty("terms"), ngrams=_empty("ngrams"), pairs=_empty("pairs"),
                          n_articles=0, summary=_empty("summary"), **options)  # fmt: skip
    article_ids = table.column("article_id").combine_chunks()
    # distinct ids (a corpus may repeat one) and each row's code among them
    codes, distinct = pd.factorize(pd.Series(article_ids.dictionary.to_pandas(), dtype="str"))
    owners = codes[article_ids.indices.to_numpy(zero_copy_only=False)]
    ids = pd.Index(distinct, dtype="str")
    tables = {}
    for kind in ("terms", "ngrams", "pairs"):
        columns = {column: name for column, (owner, name) in _LISTS.items() if owner == kind}
        flat = _flat(table, ids, owners, columns)
        dtypes = {c: d for c, d in _DTYPES[kind].items() if c != "article_id"}  # stays categorical
        tables[kind] = flat[list(_DTYPES[kind])].astype(dtypes) if len(flat) else _empty(kind)
    summary = pd.DataFrame({
        "article_id": ids[owners],
        **{c: table.column(c).to_numpy() for c in ("n_tokens", "n_words", "n_terms")},
    }).astype(_DTYPES["summary"])  # fmt: skip
    n_articles = int((summary["n_tokens"] > 0).sum())
    return TermCounts(**tables, n_articles=n_articles, summary=summary, **options)


__all__ = [
    "TermCounts",
    "article_term_rows",
    "articles_containing",
    "count_article_terms",
    "count_rows",
    "merge_article_mentions",
    "tokenised_as",
]
