"""The tidy token table: one row per token, built from the article table.

:func:`token_table` (re-exported by :mod:`utils.text.tokeniser`) loops over the articles with a progress
bar; :func:`token_rows` / :func:`article_tokens` are the top-level pure per-article functions that
:func:`utils.engine.article_stages.map_articles` can cache and run on both cores.

>>> import pandas as pd
>>> table = token_table(pd.DataFrame({"article_id": ["a"], "text": ["AS dan PBB."]}), options=EngineOptions(progress=False))
>>> table[["token", "norm", "is_stopword", "is_punct"]].values.tolist()
[['AS', 'as', False, False], ['dan', 'dan', True, False], ['PBB', 'pbb', False, False], ['.', '.', False, True]]
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from utils import paths
from utils.engine.article_stages import map_articles
from utils.engine.options import DEFAULT_OPTIONS, EngineOptions
from utils.text import stopwords as stopword_lists
from utils.text.sentences import paragraph_spans, sentence_spans
from utils.text.tokeniser import token_columns, tokenise

#: Columns of :func:`token_table` / :func:`article_tokens` (``stem`` only when stemming is on).
TOKEN_COLUMNS = [
    "article_id",
    "sentence_no",
    "position",
    "token",
    "norm",
    "is_stopword",
    "is_punct",
    "start",
    "end",
]


#: Above this many articles notebook 02 explores the token table of the first this-many only and
#: does not write ``tokens.parquet`` (notebook 03 counts from the texts; see the README). The
#: environment variable ``BERITA_TOKEN_TABLE_MAX_ARTICLES`` sets another limit (tests use it).
TOKEN_TABLE_MAX_ARTICLES = int(os.environ.get("BERITA_TOKEN_TABLE_MAX_ARTICLES", "20000"))


def token_table_articles(
    articles: pd.DataFrame, *, max_articles: int | None = TOKEN_TABLE_MAX_ARTICLES
) -> tuple[pd.DataFrame, str | None]:
    """The articles notebook 02 builds its token table for, and a note when that is not all of
    them: up to ``max_articles`` (None: no limit) all; above it the first ``max_articles``,
    and ``tokens.parquet`` (a row per token: tens of millions of rows) is not written.

    >>> articles = pd.DataFrame({"article_id": ["a", "b", "c"], "text": ["Rusia.", "Korut.", "AS."]})
    >>> subset, note = token_table_articles(articles, max_articles=2)
    >>> subset["article_id"].tolist(), note.split(":")[0]
    (['a', 'b'], '**Token table of the first 2 of 3 articles**')
    """
    if max_articles is None or len(articles) <= max_articles:
        return articles, None
    note = (
        f"**Token table of the first {max_articles:,} of {len(articles):,} articles**: above "
        f"{max_articles:,} articles the tables below explore those, and `tokens.parquet` is not "
        "written (a row per token; notebook 03 counts every article from its text and does not "
        "need it). For all tokens call `text.token_table(articles)` (cached per article) or "
        "set the environment variable `BERITA_TOKEN_TABLE_MAX_ARTICLES` before starting Jupyter."
    )
    return articles.iloc[:max_articles], note


def normalise(token: str) -> str:
    """The ``norm`` of a token: lowercase, with the curly apostrophe ``’`` written ``'``.

    >>> normalise("Jum’at"), normalise("PBB")
    ("jum'at", 'pbb')
    """
    return token.lower().replace("’", "'")


def token_rows(
    article: dict,
    *,
    stem: bool = False,
    split_clitics: bool = False,
    punctuation: bool = True,
    protected: frozenset[str] = frozenset(),
    stopwords: frozenset[str] | None = None,
) -> dict[str, list | np.ndarray]:
    """The token rows of one article as column lists (no ``article_id``), for
    :func:`utils.engine.article_stages.map_articles`; :func:`article_tokens` wraps them in a DataFrame.

    >>> rows = token_rows({"text": "Kim Jong-un tiba."})
    >>> rows["token"], rows["sentence_no"].tolist()
    (['Kim', 'Jong-un', 'tiba', '.'], [0, 0, 0, 0])
    """

    body = article.get("text") or ""
    if not isinstance(body, str):
        body = ""
    tokens, start_list, end_list = token_columns(
        body, split_clitics=split_clitics, punctuation=punctuation
    )
    starts = np.array(start_list, dtype=np.int32)
    ends = np.array(end_list, dtype=np.int32)
    sentence_starts = np.array([s for s, _ in sentence_spans(body)], dtype=np.int32)
    if len(sentence_starts):
        sentence_no = np.searchsorted(sentence_starts, starts, side="right").astype(np.int32) - 1
        sentence_no = np.maximum(sentence_no, 0)
    else:
        sentence_no = np.zeros(len(tokens), dtype=np.int32)
    norms = list(map(str.lower, tokens))
    if "’" in body:
        norms = [n.replace("’", "'") for n in norms]
    rows: dict[str, list | np.ndarray] = {
        "sentence_no": sentence_no,
        "position": np.arange(len(tokens), dtype=np.int32),
        "token": tokens,
        "norm": norms,
        "is_stopword": np.array(
            stopword_lists.stopword_flags(tokens, stopwords=stopwords, protected=protected),
            dtype=bool,
        ),
        "is_punct": _punctuation_flags(tokens),
        "start": starts,
        "end": ends,
    }
    if stem:
        # Imported here, not at the top: the cache key of a stage follows the modules its module
        # imports, and unstemmed tokens must not be recomputed when the stemmer changes.
        from utils.text import stemming

        rows["stem"] = _stems(tokens, norms, sentence_no, protected=protected, stemming=stemming)
    return rows


def _punctuation_flags(tokens: list[str]) -> np.ndarray:
    """Whether each token is punctuation: it has no word character at its first or last position
    (every word token has one). Decided once per distinct token.

    >>> _punctuation_flags(["Kim", "“", "...", "'s", "2,5", "_"]).tolist()
    [False, True, True, False, False, False]
    """
    punctuation = {
        t for t in set(tokens) if not (t[0].isalnum() or t[-1].isalnum() or "_" in (t[0], t[-1]))
    }
    return np.fromiter(map(punctuation.__contains__, tokens), dtype=bool, count=len(tokens))


def article_tokens(
    article: dict,
    *,
    stem: bool = False,
    split_clitics: bool = False,
    punctuation: bool = True,
    protected: frozenset[str] = frozenset(),
    stopwords: frozenset[str] | None = None,
) -> pd.DataFrame:
    """The tidy token table of one article (a dict with ``article_id`` and ``text``).

    A top-level pure function, so :func:`utils.engine.article_stages.map_articles` can cache it and run it
    in worker processes. Columns: see ``TOKEN_COLUMNS``; ``position`` counts tokens from 0 in the
    article, ``sentence_no`` counts sentences from 0, ``start``/``end`` index ``text``.
    ``is_stopword`` follows :func:`utils.text.stopwords.stopword_flags` (acronyms and ``protected``
    actor words are never stopwords). With ``stem=True`` a ``stem`` column is added
    (:mod:`utils.text.stemming`; a capitalised word opening a sentence is stemmed when the same word
    also occurs in lowercase in the article, otherwise it is treated as a name).

    >>> table = article_tokens({"article_id": "a1", "text": "AS dan sekutu-sekutunya menolak. Kim diam."})
    >>> table[["sentence_no", "token", "norm", "is_stopword"]].values.tolist()
    [[0, 'AS', 'as', False], [0, 'dan', 'dan', True], [0, 'sekutu-sekutunya', 'sekutu-sekutunya', False], [0, 'menolak', 'menolak', False], [0, '.', '.', False], [1, 'Kim', 'kim', False], [1, 'diam', 'diam', False], [1, '.', '.', False]]
    """
    rows = token_rows(
        article,
        stem=stem,
        split_clitics=split_clitics,
        punctuation=punctuation,
        protected=protected,
        stopwords=stopwords,
    )
    columns = TOKEN_COLUMNS + (["stem"] if stem else [])
    frame = pd.DataFrame(
        {"article_id": str(article.get("article_id", "")), **rows}, columns=columns
    )
    for column in ("token", "norm", "stem"):
        if column in frame:
            frame[column] = frame[column].astype("str")
    return frame


def sentence_rows(
    article: Mapping[str, Any], *, data_files: Mapping[str, Any] | None = None
) -> dict[str, list]:
    """The sentence rows of one article (no ``article_id``), for :func:`sentence_table`;
    ``data_files`` only keys the cache.

    >>> sentence_rows({"text": "Rusia diam.\\n\\nKorut 2019.Bulan lalu."})["paragraph_no"]
    [0, 1, 1]
    """
    body = article.get("text")
    body = body if isinstance(body, str) else ""
    paragraph_starts = [start for start, _ in paragraph_spans(body)]
    rows: dict[str, list] = {column: [] for column in SENTENCE_COLUMNS[1:]}
    for number, (start, end) in enumerate(sentence_spans(body)):
        sentence = body[start:end]
        rows["paragraph_no"].append(
            max(int(np.searchsorted(paragraph_starts, start, "right")) - 1, 0)
        )
        rows["sentence_no"].append(number)
        rows["start"].append(start)
        rows["end"].append(end)
        rows["n_tokens"].append(len(tokenise(sentence, punctuation=False)))
        rows["sentence"].append(sentence)
    return rows


#: Columns of :func:`sentence_table`.
SENTENCE_COLUMNS = [
    "article_id",
    "paragraph_no",
    "sentence_no",
    "start",
    "end",
    "n_tokens",
    "sentence",
]


def sentence_table(
    articles: pd.DataFrame,
    *,
    cache: bool = False,
    cache_dir: str | os.PathLike[str] = paths.CACHE_DIR,
    progress: bool = False,
    workers: int | None = None,
) -> pd.DataFrame:
    """One row per sentence: article_id, paragraph_no, sentence_no, start, end, n_tokens, sentence.

    The per-article work (:func:`sentence_rows`) runs through :func:`utils.engine.article_stages.map_articles`
    on both cores, cached per article with ``cache=True`` (stage ``sentence-table``).

    >>> table = sentence_table(pd.DataFrame({"article_id": ["a"], "text": ["Rusia diam.\\n\\nKorut 2019.Bulan lalu."]}))
    >>> table[["paragraph_no", "sentence_no", "sentence"]].values.tolist()
    [[0, 0, 'Rusia diam.'], [1, 1, 'Korut 2019.'], [1, 2, 'Bulan lalu.']]
    """
    rows = map_articles(
        _article_texts(articles),
        sentence_rows,
        stage="sentence-table",
        params={"data_files": {"abbreviations": paths.ABBREVIATIONS_FILE}},
        options=EngineOptions(cache=cache, cache_dir=cache_dir, workers=workers, progress=progress),
        depends_on=["utils.text.token_tables", "utils.text.tokeniser", "utils.text.sentences"],
    )
    table = pd.DataFrame({column: rows[column] if len(rows) else [] for column in SENTENCE_COLUMNS})
    table["article_id"] = table["article_id"].astype("str")
    table["sentence"] = table["sentence"].astype("str")
    for column in ("paragraph_no", "sentence_no", "start", "end", "n_tokens"):
        table[column] = table[column].astype(np.int32)
    return table


def _stems(tokens, norms, sentence_no, *, protected, stemming) -> list[str]:
    """Stems, letting a sentence-initial capitalised word be stemmed if it also occurs lowercase."""
    lowercase_seen = {t for t in tokens if t[:1].islower()}
    sentence_initial = np.ones(len(tokens), dtype=bool)
    sentence_initial[1:] = sentence_no[1:] != sentence_no[:-1]
    inputs = [
        norm if initial and token[:1].isupper() and norm in lowercase_seen else token
        for token, norm, initial in zip(tokens, norms, sentence_initial, strict=True)
    ]
    return stemming.stem_tokens(inputs, protected=protected)


def token_table(
    articles: pd.DataFrame,
    *,
    stem: bool = False,
    split_clitics: bool = False,
    punctuation: bool = True,
    protected: frozenset[str] = frozenset(),
    stopwords: frozenset[str] | None = None,
    options: EngineOptions = DEFAULT_OPTIONS,
) -> pd.DataFrame:
    """The tidy token table of a whole article table (one row per token), compact dtypes.

    ``article_id``, ``token``, ``norm`` (and ``stem``) are categoricals, counters are int32.
    Rows are ordered by article (in the order of ``articles``) and position.

    The per-article work (:func:`token_rows`) runs through :func:`utils.engine.article_stages.map_articles`
    with ``options`` (:class:`utils.engine.EngineOptions`): cached per article, keyed on the text's
    hash, the options (the stopword list and ``protected`` words by content, ``stem``), the
    abbreviation list ``data/abbreviations-id.txt`` and the source of ``utils.text.token_tables``,
    ``utils.text.tokeniser``, ``utils.text.stopwords`` (and ``utils.text.stemming`` with ``stem=True``); so a re-run
    computes only new or changed articles.

    >>> articles = pd.DataFrame({"article_id": ["a", "b"], "text": ["Korut 2019.Bulan lalu.", ""]})
    >>> table = token_table(articles, options=EngineOptions(cache=False, progress=False))
    >>> table["token"].tolist(), table["sentence_no"].tolist()
    (['Korut', '2019', '.', 'Bulan', 'lalu', '.'], [0, 0, 0, 1, 1, 1])
    """

    token_options = dict(
        stem=stem,
        split_clitics=split_clitics,
        punctuation=punctuation,
        protected=frozenset(protected),
        # resolved here, so the cache key holds the list itself (an edited list invalidates it)
        stopwords=stopword_lists.load_stopwords() if stopwords is None else frozenset(stopwords),
    )
    order = [str(article_id) for article_id in articles["article_id"]]
    rows = map_articles(
        _article_texts(articles),
        _cached_token_rows,
        stage="tokens",
        params={**token_options, "data_files": token_data_files(stem)},
        options=options,
        depends_on=["utils.text.token_tables", "utils.text.tokeniser", "utils.text.stopwords"]
        + (["utils.text.stemming"] if stem else []),
        output="arrow",  # article_id dictionary-coded: no string per token
    )
    columns = TOKEN_COLUMNS + (["stem"] if stem else [])
    if rows.num_rows:
        return arrow_token_frame(rows.select(columns), article_order=order)
    table = article_tokens({"article_id": "", "text": ""}, **token_options)
    return compact_token_table(table, article_order=order)


def arrow_token_frame(rows: pa.Table, *, article_order: list[str]) -> pd.DataFrame:
    """The Arrow token rows of :func:`token_table` (``article_id`` dictionary-coded) as the
    compact DataFrame :func:`compact_token_table` gives, without a Python string per token:
    the text columns are dictionary-encoded in Arrow and become categoricals with sorted
    categories, ``article_id`` a categorical in ``article_order``.

    >>> rows = pa.table({"article_id": pa.DictionaryArray.from_arrays(pa.array([0, 0, 1], pa.int32()),
    ...     pa.array(["a", "b"])), "sentence_no": [0, 0, 0], "position": [0, 1, 0],
    ...     "token": ["Rusia", "diam", "Rusia"], "norm": ["rusia", "diam", "rusia"],
    ...     "is_stopword": [False] * 3, "is_punct": [False] * 3, "start": [0, 6, 0], "end": [5, 10, 5]})
    >>> frame = arrow_token_frame(rows, article_order=["a", "b"])
    >>> frame["token"].cat.categories.tolist(), frame["article_id"].tolist()
    (['Rusia', 'diam'], ['a', 'a', 'b'])
    """
    categories = pd.Index(list(dict.fromkeys(article_order)), dtype="str")
    ids = rows.column("article_id").combine_chunks()
    if not pa.types.is_dictionary(ids.type):
        ids = pc.dictionary_encode(ids)
    remap = categories.get_indexer(pd.Index(ids.dictionary.to_pandas(), dtype="str"))
    frame = {"article_id": pd.Categorical.from_codes(
        remap[ids.indices.to_numpy(zero_copy_only=False)], categories=categories)}  # fmt: skip
    for column in rows.column_names[1:]:
        values = rows.column(column)
        if column in ("token", "norm", "stem"):
            encoded = pc.dictionary_encode(values.cast(pa.large_string()).combine_chunks())
            words = encoded.dictionary
            order = pc.sort_indices(words).to_numpy()
            rank = np.empty(len(order), dtype=np.int32)
            rank[order] = np.arange(len(order), dtype=np.int32)
            frame[column] = pd.Categorical.from_codes(
                rank[encoded.indices.to_numpy(zero_copy_only=False)],
                categories=pd.Index(words.take(pa.array(order)).to_pandas(), dtype="str"),
            )
        elif column in ("is_stopword", "is_punct"):
            frame[column] = values.to_numpy().astype(bool)
        else:
            frame[column] = values.to_numpy().astype(np.int32)
    return pd.DataFrame(frame)


def _article_texts(articles: pd.DataFrame) -> pd.DataFrame:
    """``article_id`` and ``text`` only (a missing text as ""): the cache key is the text's hash."""
    texts = [body if isinstance(body, str) else "" for body in articles["text"]]
    return pd.DataFrame({"article_id": articles["article_id"].to_numpy(), "text": texts})


def token_data_files(stem: bool) -> dict[str, Any]:
    """What tokens depend on besides code and options, hashed into a cache key by content: the
    abbreviation list, and with ``stem`` the PySastrawi version.

    >>> sorted(token_data_files(True))
    ['abbreviations', 'sastrawi']
    """
    from importlib.metadata import PackageNotFoundError, version

    files: dict[str, Any] = {"abbreviations": paths.ABBREVIATIONS_FILE}
    if stem:
        try:
            files["sastrawi"] = version("PySastrawi")
        except PackageNotFoundError:  # pragma: no cover - depends on the installation
            files["sastrawi"] = "unknown"
    return files


def _cached_token_rows(article: dict, *, data_files: Mapping[str, Any], **options) -> dict:
    """:func:`token_rows` for :func:`utils.engine.article_stages.map_articles`; ``data_files`` only keys the cache."""
    return token_rows(article, **options)


def compact_token_table(
    table: pd.DataFrame, *, article_order: list[str] | None = None
) -> pd.DataFrame:
    """Give a token table its compact dtypes (categoricals, int32, bool)."""
    table = table.copy()
    order = (
        article_order
        if article_order is not None
        else sorted(table["article_id"].astype(str).unique())
    )
    table["article_id"] = pd.Categorical(
        table["article_id"].astype(str), categories=list(dict.fromkeys(order))
    )
    for column in ("token", "norm", "stem"):
        if column in table:
            table[column] = table[column].astype("category")
    for column in ("sentence_no", "position", "start", "end"):
        table[column] = table[column].astype(np.int32)
    for column in ("is_stopword", "is_punct"):
        table[column] = table[column].astype(bool)
    return table.reset_index(drop=True)
