"""Co-mentions of actors (pairs, matrix, network) and mention / co-mention timelines.

Input is the mention table from :func:`utils.actors.find_mentions` (rows whose
``actor`` is missing, i.e. ambiguous short names, are ignored). Two actors are
*co-mentioned* when both are mentioned in the same unit:

* ``scope="sentence"`` / ``"paragraph"`` / ``"article"``: units are sentences,
  paragraphs or articles; counts are numbers of units;
* ``scope="window"``: two mentions are co-mentioned when they lie at most
  ``window`` tokens apart (``utils.text.tokenise_with_offsets``) in one article;
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

import bisect

import numpy as np
import pandas as pd

SCOPES = ("sentence", "paragraph", "article", "window")
UNIT_COLUMN = {"sentence": "sentence_no", "paragraph": "paragraph_no", "article": None}
LOW_COUNT = 5
PAIR_COLUMNS = [
    "actor_a", "label_a", "actor_b", "label_b", "co_mentions", "n_articles", "count_a", "count_b",
    "n_units", "pmi", "npmi", "jaccard", "low_count", "scope",
]  # fmt: skip
#: How fine each date precision is, and each time bin (smaller is finer).


def _resolved(mentions: pd.DataFrame) -> pd.DataFrame:
    return mentions[mentions["actor"].notna()]


def _check_scope(scope: str, articles: pd.DataFrame | None) -> None:
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}")
    if scope == "window" and articles is None:
        raise ValueError("scope='window' needs the article texts: pass articles=<article table>")


def _labels(mentions: pd.DataFrame) -> dict[str, str]:
    if "label" not in mentions:
        return {}
    table = _resolved(mentions)[["actor", "label"]].drop_duplicates("actor")
    return dict(zip(table["actor"], table["label"].fillna(table["actor"]), strict=True))


def _label_of(actors: pd.Series, labels: dict[str, str]) -> pd.Series:
    return actors.map(lambda actor: labels.get(actor, actor)).astype("str")


def token_positions(mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.Series:
    """The index of the token each mention starts in (for ``scope="window"``).

    >>> articles = pd.DataFrame({"article_id": ["a"], "text": ["Putin dan Kim Jong-un bertemu."]})
    >>> mentions = pd.DataFrame({"article_id": ["a", "a"], "start": [0, 10]})
    >>> token_positions(mentions, articles).tolist()
    [0, 2]
    """
    from utils.text import tokenise_with_offsets

    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    positions = np.zeros(len(mentions), dtype="int64")
    for article_id, rows in mentions.groupby("article_id", sort=True).indices.items():
        text = texts.get(article_id)
        if not isinstance(text, str):
            raise ValueError(
                f"article {article_id!r} has mentions but no text in the article table"
            )
        starts = [start for _, start, _ in tokenise_with_offsets(text, punctuation=False)]
        for row in rows:
            positions[row] = max(
                bisect.bisect_right(starts, int(mentions["start"].iloc[row])) - 1, 0
            )
    return pd.Series(positions, index=mentions.index, name="token_no")


def _window_pairs(mentions: pd.DataFrame, articles: pd.DataFrame, window: int) -> pd.DataFrame:
    """One row per pair of mentions of two different actors at most ``window`` tokens apart."""
    table = _resolved(mentions)[["article_id", "actor"]].copy()
    table["token_no"] = token_positions(_resolved(mentions), articles)
    rows = []
    for article_id, group in table.sort_values(["article_id", "token_no", "actor"]).groupby(
        "article_id", sort=True
    ):
        tokens, actors = group["token_no"].to_numpy(), group["actor"].to_numpy()
        for i in range(len(tokens)):
            j = i + 1
            while j < len(tokens) and tokens[j] - tokens[i] <= window:
                if actors[i] != actors[j]:
                    a, b = sorted((actors[i], actors[j]))
                    rows.append((article_id, a, b))
                j += 1
    return pd.DataFrame(rows, columns=["article_id", "actor_a", "actor_b"])


def _units(mentions: pd.DataFrame, scope: str) -> pd.DataFrame:
    """One row per (unit, actor): the actors present in each sentence / paragraph / article.

    ``unit`` is an integer code per (article, sentence / paragraph) or per article.

    >>> mentions = pd.DataFrame({"article_id": ["a", "a", "b"], "sentence_no": [0, 0, 0],
    ...                          "actor": ["russia", "russia", "iran"]})
    >>> _units(mentions, "sentence").to_dict("records")
    [{'article_id': 'a', 'unit': 0, 'actor': 'russia'}, {'article_id': 'b', 'unit': 1, 'actor': 'iran'}]
    """
    column = UNIT_COLUMN[scope]
    keys = ["article_id"] if column is None else ["article_id", column]
    table = _resolved(mentions[[*keys, "actor"]])  # only the columns needed: no copy of snippets
    unit = table.groupby(keys, sort=False, dropna=False).ngroup()
    units = pd.DataFrame(
        {
            "article_id": table["article_id"].to_numpy(),
            "unit": unit.to_numpy(),
            "actor": table["actor"].to_numpy(),
        }
    )
    return units.drop_duplicates().reset_index(drop=True)


def _pairs_from_units(units: pd.DataFrame) -> pd.DataFrame:
    joined = units.merge(units[["unit", "actor"]], on="unit", suffixes=("_a", "_b"))
    joined = joined[joined["actor_a"] < joined["actor_b"]]
    return (
        joined[["article_id", "actor_a", "actor_b"]]
        .sort_values(["article_id", "actor_a", "actor_b"])
        .reset_index(drop=True)
    )


def pair_occurrences(
    mentions: pd.DataFrame,
    *,
    scope: str = "sentence",
    window: int = 10,
    articles: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per co-mention (article_id, actor_a, actor_b), actor_a < actor_b, for any scope.

    >>> mentions = pd.DataFrame({"article_id": ["a", "a"], "sentence_no": [0, 0], "actor": ["russia", "iran"]})
    >>> pair_occurrences(mentions).to_dict("records")
    [{'article_id': 'a', 'actor_a': 'iran', 'actor_b': 'russia'}]
    """
    _check_scope(scope, articles)
    if scope == "window":
        return _window_pairs(mentions, articles, window)
    return _pairs_from_units(_units(mentions, scope))


def _n_units(
    mentions: pd.DataFrame,
    scope: str,
    window: int,
    articles: pd.DataFrame | None,
    units: pd.DataFrame | None = None,
) -> int:
    if articles is None:
        return int((_units(mentions, scope) if units is None else units)["unit"].nunique())
    from utils import text as text_utils

    texts = [text if isinstance(text, str) else "" for text in articles["text"]]
    if scope == "article":
        return len(texts)
    if scope == "sentence":
        return sum(len(text_utils.sentence_spans(text)) for text in texts)
    if scope == "paragraph":
        return sum(len(text_utils.paragraph_spans(text)) for text in texts)
    tokens = sum(len(text_utils.tokenise_with_offsets(text, punctuation=False)) for text in texts)
    return max(round(tokens / (2 * window)), 1)


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

    >>> from utils.actors import find_mentions, load_actors
    >>> text = "Putin bertemu Kim Jong Un di Rusia. Kim Jong Un pulang ke Korea Utara."
    >>> mentions = find_mentions(pd.DataFrame({"article_id": ["a"], "text": [text]}), load_actors(), progress=False)
    >>> co_mentions(mentions, scope="article")[["actor_a", "actor_b", "co_mentions"]].to_dict("records")[:2]
    [{'actor_a': 'kim_jong_un', 'actor_b': 'north_korea', 'co_mentions': 1}, {'actor_a': 'kim_jong_un', 'actor_b': 'russia', 'co_mentions': 1}]
    """
    _check_scope(scope, articles)
    labels = _labels(mentions)
    units = None
    if scope == "window":
        occurrences = pair_occurrences(mentions, scope=scope, window=window, articles=articles)
        counts = _resolved(mentions)["actor"].value_counts()
    else:  # the units once, for the pairs, the actor counts and n_units
        units = _units(mentions, scope)
        occurrences = _pairs_from_units(units)
        counts = units["actor"].value_counts()
    n_units = _n_units(mentions, scope, window, articles, units)
    grouped = occurrences.groupby(["actor_a", "actor_b"], sort=True)
    pairs = pd.DataFrame(
        {"co_mentions": grouped.size(), "n_articles": grouped["article_id"].nunique()}
    ).reset_index()
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
    pairs["label_a"] = _label_of(pairs["actor_a"], labels)
    pairs["label_b"] = _label_of(pairs["actor_b"], labels)
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

    >>> from utils.actors import find_mentions, load_actors
    >>> articles = pd.DataFrame({"article_id": ["a"], "text": ["Kim Jong Un bertemu Vladimir Putin. Lalu pulang."]})
    >>> mentions = find_mentions(articles, load_actors(), progress=False)
    >>> evidence(mentions, articles, ("vladimir_putin", "kim_jong_un"))[["article_id", "text"]].to_dict("records")
    [{'article_id': 'a', 'text': 'Kim Jong Un bertemu Vladimir Putin.'}]
    """
    from utils import text as text_utils

    first, second = pair
    unit_column = "paragraph_no" if scope == "paragraph" else "sentence_no"
    table = _resolved(mentions)
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
            text_utils.paragraph_spans(text)
            if scope == "paragraph"
            else text_utils.sentence_spans(text)
        )
        unit_no = getattr(row, unit_column)
        start, end = spans[unit_no] if unit_no < len(spans) else (0, len(text))
        snippet = text[start:end]
        rows.append({"article_id": row.article_id, "unit_no": int(unit_no),
                     "actors": f"{row.surface_a} + {row.surface_b}" if hasattr(row, "surface_a") else "",
                     "text": snippet if len(snippet) <= 300 else snippet[:299] + "…"})  # fmt: skip
    frame = pd.DataFrame(rows, columns=["article_id", "unit_no", "actors", "text"])
    return frame if limit is None else frame.head(limit)


# The timelines live in utils.timelines; they are re-exported here for convenience.
from utils.timelines import (  # noqa: E402
    article_bins,
    co_mention_timeline,
    mention_timeline,
)

__all__ = [
    "article_bins",
    "co_mention_graph",
    "co_mention_matrix",
    "co_mention_timeline",
    "co_mentions",
    "evidence",
    "mention_timeline",
    "pair_occurrences",
    "token_positions",
]
