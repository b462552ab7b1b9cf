"""Co-mentions of actors (pairs, matrix, network) and mention / co-mention timelines.

Input is the mention table from :func:`utils.actors.mentions.find_mentions` (rows whose
``actor`` is missing, i.e. ambiguous short names, are ignored). Two actors are
*co-mentioned* when both are mentioned in the same unit:

* ``scope="sentence"`` / ``"paragraph"`` / ``"article"``: units are sentences,
  paragraphs or articles; counts are numbers of units;
* ``scope="window"``: two mentions are co-mentioned when they lie at most
  ``window`` tokens apart (``utils.text.tokeniser.tokenise_with_offsets``) in one article;
  counts are numbers of such mention pairs, and the article texts are needed.

>>> mentions = pd.DataFrame({
...     "article_id": ["a", "a", "a", "b"], "paragraph_no": [0, 0, 1, 0], "sentence_no": [0, 0, 1, 0],
...     "actor": ["russia", "north_korea", "russia", "russia"], "label": ["Russia", "North Korea", "Russia", "Russia"],
...     "start": [0, 10, 40, 0], "end": [5, 21, 45, 5]})
>>> co_mentions(mentions, scope="sentence")[["actor_a", "actor_b", "co_mentions", "count_a", "count_b", "n_units"]]
       actor_a actor_b  co_mentions  count_a  count_b  n_units
0  north_korea  russia            1        1        3        3
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from utils.comentions.codes import (
    CodedPairs,
    code_mentions,
    distinct_pairs,
    run_starts,
    sorted_unique,
)
from utils.comentions.units import (
    ScopeUnits,
    actor_labels,
    check_scope,
    coded_occurrences,
    label_of,
    resolved_mentions,
    scope_units,
    unit_occurrences,
)
from utils.comentions.windows import (
    mention_token_positions,
    token_positions,
    tokenise_articles,
    window_pairs,
)
from utils.engine.options import EngineOptions  # noqa: F401  (used in the doctests)
from utils.text.sentences import paragraph_spans, sentence_spans

LOW_COUNT = 5
PAIR_COLUMNS = [
    "actor_a", "label_a", "actor_b", "label_b", "co_mentions", "n_articles", "count_a", "count_b",
    "n_units", "pmi", "npmi", "jaccard", "low_count", "scope",
]  # fmt: skip


def pair_occurrences(
    mentions: pd.DataFrame,
    *,
    scope: str = "sentence",
    window: int = 10,
    articles: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per co-mention (article_id, actor_a, actor_b), actor_a < actor_b, for any scope.

    Rows are sorted by article, then (for sentences, paragraphs and articles) by pair, or (for
    ``window``) by the positions of the two mentions.

    >>> mentions = pd.DataFrame({"article_id": ["a", "a"], "sentence_no": [0, 0], "actor": ["russia", "iran"]})
    >>> pair_occurrences(mentions).to_dict("records")
    [{'article_id': 'a', 'actor_a': 'iran', 'actor_b': 'russia'}]
    """
    check_scope(scope, articles, window)
    found = coded_occurrences(mentions, scope, window, articles, sort_articles=True)
    if scope != "window":  # by article, then pair (article codes are sorted)
        order = np.lexsort((found.actor_b, found.actor_a, found.article))
        found = CodedPairs(
            found.coded, found.article[order], found.actor_a[order], found.actor_b[order]
        )
    return pd.DataFrame(
        {
            "article_id": found.coded.article_ids.take(found.article).to_numpy(),
            "actor_a": found.coded.actor_ids.take(found.actor_a).to_numpy(),
            "actor_b": found.coded.actor_ids.take(found.actor_b).to_numpy(),
        }
    )


def _n_units(scope: str, articles: pd.DataFrame | None, units: ScopeUnits) -> int:
    """Sentences, paragraphs or articles: all of them in ``articles``, else those with a mention."""
    if articles is None:  # ``units.unit`` is sorted
        return len(run_starts(units.unit))
    texts = [text if isinstance(text, str) else "" for text in articles["text"]]
    if scope == "article":
        return len(texts)
    if scope == "sentence":
        return sum(len(sentence_spans(text)) for text in texts)
    return sum(len(paragraph_spans(text)) for text in texts)


def _pair_counts(found: CodedPairs) -> pd.DataFrame:
    """One row per co-mentioned pair, sorted by actor_a then actor_b: co_mentions (entries) and
    n_articles (distinct articles)."""
    n_actors = max(len(found.coded.actor_ids), 1)
    pair = found.actor_a * n_actors + found.actor_b
    pairs, co_mentions_per_pair = sorted_unique(pair)
    known = found.coded.has_article_id(found.article)
    pair_in_article, _ = distinct_pairs(pair[known], found.article[known])
    articles_per_pair = np.bincount(np.searchsorted(pairs, pair_in_article), minlength=len(pairs))
    actor_ids = found.coded.actor_ids
    return pd.DataFrame(
        {
            "actor_a": actor_ids.take(pairs // n_actors).to_numpy(),
            "actor_b": actor_ids.take(pairs % n_actors).to_numpy(),
            "co_mentions": co_mentions_per_pair.astype("int64"),
            "n_articles": articles_per_pair.astype("int64"),
        }
    )


def co_mentions(
    mentions: pd.DataFrame,
    *,
    scope: str = "sentence",
    window: int = 10,
    articles: pd.DataFrame | None = None,
    min_count: int = LOW_COUNT,
) -> pd.DataFrame:
    """Table of unordered actor pairs (``actor_a < actor_b``) mentioned together.

    Columns: co_mentions (units with both; for ``window``, mention pairs at most
    ``window`` tokens apart), n_articles (articles with at least one co-mention),
    count_a / count_b (units mentioning each actor; for ``window``, mentions),
    n_units, pmi = log2(co * n_units / (count_a * count_b)), npmi (PMI scaled to
    [-1, 1]), jaccard = co / (count_a + count_b - co), low_count (co_mentions <
    ``min_count``: read these associations with care), scope. With ``articles``,
    n_units counts every sentence / paragraph / article in the corpus (for
    ``window``: tokens / (2 * window)); without, only units with a mention.

    >>> from utils.actors.mentions import find_mentions, load_actors
    >>> text = "Putin bertemu Kim Jong Un di Rusia. Kim Jong Un pulang ke Korea Utara."
    >>> mentions = find_mentions(pd.DataFrame({"article_id": ["a"], "text": [text]}), load_actors(), options=EngineOptions(progress=False))
    >>> co_mentions(mentions, scope="article")[["actor_a", "actor_b", "co_mentions"]].to_dict("records")[:2]
    [{'actor_a': 'kim_jong_un', 'actor_b': 'north_korea', 'co_mentions': 1}, {'actor_a': 'kim_jong_un', 'actor_b': 'russia', 'co_mentions': 1}]
    """
    check_scope(scope, articles, window)
    if scope == "window":  # the texts tokenised once, for the positions and n_units
        coded = code_mentions(mentions)
        starts, n_tokens = tokenise_articles(articles, wanted=coded.article_ids.dropna())
        token_no = mention_token_positions(mentions, coded, starts)
        found = window_pairs(coded, token_no, window=window)
        per_actor = np.bincount(coded.actor, minlength=len(coded.actor_ids))
        n_units = max(round(n_tokens / (2 * window)), 1)
    else:  # the units once, for the pairs, the actor counts and n_units
        units = scope_units(mentions, scope)
        found = unit_occurrences(units)
        per_actor = np.bincount(units.actor, minlength=len(units.coded.actor_ids))
        n_units = _n_units(scope, articles, units)
    labels = actor_labels(mentions, found.coded)
    pairs = _pair_counts(found)
    counts = pd.Series(per_actor, index=found.coded.actor_ids)
    pairs["count_a"] = pairs["actor_a"].map(counts).astype("int64")
    pairs["count_b"] = pairs["actor_b"].map(counts).astype("int64")
    pairs["n_units"] = n_units
    probability = pairs["co_mentions"] / n_units
    pairs["pmi"] = np.log2(pairs["co_mentions"] * n_units / (pairs["count_a"] * pairs["count_b"]))
    pairs["npmi"] = (pairs["pmi"] / -np.log2(probability.clip(upper=1 - 1e-12))).where(
        probability < 1, 1.0
    )
    union = (pairs["count_a"] + pairs["count_b"] - pairs["co_mentions"]).clip(
        lower=pairs["co_mentions"]
    )
    pairs["jaccard"] = pairs["co_mentions"] / union
    pairs["low_count"] = pairs["co_mentions"] < min_count
    pairs["label_a"] = label_of(pairs["actor_a"], labels)
    pairs["label_b"] = label_of(pairs["actor_b"], labels)
    pairs["scope"] = scope if scope != "window" else f"window of {window} tokens"
    pairs = pairs.astype({"co_mentions": "int64", "n_articles": "int64", "n_units": "int64"})
    pairs = pairs.sort_values(
        ["co_mentions", "actor_a", "actor_b"], ascending=[False, True, True], kind="stable"
    )
    return pairs[PAIR_COLUMNS].reset_index(drop=True)


def co_mention_matrix(
    pairs: pd.DataFrame, *, value: str = "co_mentions", labels: bool = True
) -> pd.DataFrame:
    """Symmetric actor x actor matrix of ``value`` (0 where never co-mentioned, NaN on the diagonal).

    >>> pairs = pd.DataFrame({"actor_a": ["north_korea"], "actor_b": ["russia"], "label_a": ["North Korea"],
    ...                       "label_b": ["Russia"], "co_mentions": [3]})
    >>> co_mention_matrix(pairs)
                 North Korea  Russia
    North Korea          NaN     3.0
    Russia               3.0     NaN
    """
    name_a, name_b = ("label_a", "label_b") if labels else ("actor_a", "actor_b")
    forward = pairs[[name_a, name_b, value]].rename(columns={name_a: "row", name_b: "column"})
    backward = pairs[[name_b, name_a, value]].rename(columns={name_b: "row", name_a: "column"})
    both = pd.concat([forward, backward], ignore_index=True)
    names = sorted(set(both["row"]))
    matrix = both.pivot_table(
        index="row", columns="column", values=value, aggfunc="sum", fill_value=0
    )
    matrix = matrix.reindex(index=names, columns=names, fill_value=0).astype("float64")
    for name in names:
        matrix.loc[name, name] = np.nan
    matrix.index.name = None
    matrix.columns.name = None
    return matrix


def co_mention_graph(pairs: pd.DataFrame, *, min_count: int = 1):
    """A networkx graph: nodes are actors (label, count), edges carry the pair measures.

    Edges with fewer than ``min_count`` co-mentions are left out; ``weight`` is the co-mention count.

    >>> pairs = pd.DataFrame({"actor_a": ["north_korea"], "actor_b": ["russia"], "label_a": ["North Korea"],
    ...     "label_b": ["Russia"], "co_mentions": [3], "count_a": [4], "count_b": [6], "pmi": [1.0],
    ...     "npmi": [0.5], "jaccard": [0.43], "n_articles": [2], "low_count": [True]})
    >>> graph = co_mention_graph(pairs)
    >>> graph.edges["north_korea", "russia"]["weight"], graph.nodes["russia"]["label"]
    (3, 'Russia')
    """
    import networkx as nx

    graph = nx.Graph()
    kept = pairs[pairs["co_mentions"] >= min_count].sort_values(["actor_a", "actor_b"])
    nodes: dict[str, dict] = {}
    for row in kept.itertuples(index=False):
        nodes.setdefault(row.actor_a, {"label": row.label_a, "count": int(row.count_a)})
        nodes.setdefault(row.actor_b, {"label": row.label_b, "count": int(row.count_b)})
    for node in sorted(nodes):
        graph.add_node(node, **nodes[node])
    for row in kept.itertuples(index=False):
        graph.add_edge(
            row.actor_a, row.actor_b, weight=int(row.co_mentions), co_mentions=int(row.co_mentions),
            n_articles=int(row.n_articles), pmi=float(row.pmi), npmi=float(row.npmi),
            jaccard=float(row.jaccard), low_count=bool(row.low_count),
        )  # fmt: skip
    return graph


def evidence(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    pair: tuple[str, str],
    *,
    scope: str = "sentence",
    window: int = 10,
    limit: int | None = 20,
) -> pd.DataFrame:
    """KWIC evidence for one pair: the units (sentences / paragraphs) where both actors are mentioned.

    Columns: article_id, unit_no, actors (the two surfaces as found), text (the unit's text,
    shortened to 300 characters). For ``scope="article"`` and ``"window"`` the unit is the
    sentence of the first actor's mention.

    >>> from utils.actors.mentions import find_mentions, load_actors
    >>> articles = pd.DataFrame({"article_id": ["a"], "text": ["Kim Jong Un bertemu Vladimir Putin. Lalu pulang."]})
    >>> mentions = find_mentions(articles, load_actors(), options=EngineOptions(progress=False))
    >>> evidence(mentions, articles, ("vladimir_putin", "kim_jong_un"))[["article_id", "text"]].to_dict("records")
    [{'article_id': 'a', 'text': 'Kim Jong Un bertemu Vladimir Putin.'}]
    """
    first, second = pair
    unit_column = "paragraph_no" if scope == "paragraph" else "sentence_no"
    table = resolved_mentions(mentions)
    a = table[table["actor"] == first]
    b = table[table["actor"] == second]
    if scope in {"sentence", "paragraph"}:
        joined = a.merge(b, on=["article_id", unit_column], suffixes=("_a", "_b"))
    else:
        joined = a.merge(b, on="article_id", suffixes=("_a", "_b"))
        joined[unit_column] = joined[f"{unit_column}_a"]
        if scope == "window":
            positions_a = token_positions(joined.rename(columns={"start_a": "start"}), articles)
            positions_b = token_positions(joined.rename(columns={"start_b": "start"}), articles)
            joined = joined[(positions_a - positions_b).abs() <= window]
    joined = joined.drop_duplicates(["article_id", unit_column]).sort_values(
        ["article_id", unit_column]
    )
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    rows = []
    for row in joined.itertuples(index=False):
        text = texts.get(row.article_id, "")
        spans = (
            paragraph_spans(text)
            if scope == "paragraph"
            else sentence_spans(text)
        )
        unit_no = getattr(row, unit_column)
        start, end = spans[unit_no] if unit_no < len(spans) else (0, len(text))
        snippet = text[start:end]
        rows.append({"article_id": row.article_id, "unit_no": int(unit_no),
                     "actors": f"{row.surface_a} + {row.surface_b}" if hasattr(row, "surface_a") else "",
                     "text": snippet if len(snippet) <= 300 else snippet[:299] + "…"})  # fmt: skip
    frame = pd.DataFrame(rows, columns=["article_id", "unit_no", "actors", "text"])
    return frame if limit is None else frame.head(limit)


__all__ = [
    "co_mention_graph",
    "co_mention_matrix",
    "co_mentions",
    "evidence",
    "pair_occurrences",
    "token_positions",
]
