"""Keyness: which terms are over-represented in one group of articles against another
(re-exported by :mod:`utils.frequencies.counts`).

:func:`keyness_groups` chooses the two groups (pandas queries on the article table, or by default
the latest year against the earlier ones); :func:`keyness` scores every term with the
log-likelihood G² and the log ratio.

>>> articles = pd.DataFrame({"article_id": ["a", "b", "c"],
...     "date": pd.to_datetime(["2017-03-01", "2018-01-05", "2016-07-30"])})
>>> groups = keyness_groups(articles)
>>> groups.target_ids, groups.reference_ids, groups.target_label
(['b'], ['a', 'c'], '2018')
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from utils.frequencies.article_counts import ArticleCounts, as_counts, listed_terms


def log_likelihood_g2(a: float, b: float, c: float, d: float) -> float:
    """Log-likelihood G² (Rayson & Garside 2000) for a term seen ``a`` times in a target of ``c``
    tokens and ``b`` times in a reference of ``d`` tokens.

    E1 = c(a+b)/(c+d), E2 = d(a+b)/(c+d), G² = 2(a ln(a/E1) + b ln(b/E2)), with 0 ln 0 = 0.

    >>> round(log_likelihood_g2(10, 0, 100, 100), 4)
    13.8629
    """
    total = a + b
    expected_target = c * total / (c + d)
    expected_reference = d * total / (c + d)
    g2 = 0.0
    if a > 0:
        g2 += a * math.log(a / expected_target)
    if b > 0:
        g2 += b * math.log(b / expected_reference)
    return 2 * g2


def keyness(
    tokens: pd.DataFrame | ArticleCounts,
    *,
    target: Iterable[str],
    reference: Iterable[str] | None = None,
    term: str = "norm",
    drop_stopwords: bool = True,
    drop_numbers: bool = True,
    min_count: int = 3,
) -> pd.DataFrame:
    """Keyness of each term in the ``target`` articles against the ``reference`` articles.

    ``tokens``: a token table or its :class:`~utils.frequencies.article_counts.ArticleCounts`.
    ``target``/``reference`` are article ids (``reference=None``: all other articles). For each
    term: counts and per-1,000-word rates in both groups, log-likelihood G² (Rayson & Garside)
    with its p-value (chi-square, 1 df), and the log ratio effect size (Hardie 2014:
    log2 of the ratio of relative frequencies, a zero count replaced by 0.5). ``direction`` is
    ``"target"`` when the term is relatively more frequent in the target. Terms with
    ``count_target + count_reference < min_count`` are dropped. Sorted by G² (descending), term.

    >>> tokens = pd.DataFrame({"article_id": ["t"] * 100 + ["r"] * 100,
    ...     "norm": ["amunisi"] * 10 + ["senjata"] * 90 + ["senjata"] * 100,
    ...     "is_stopword": [False] * 200, "is_punct": [False] * 200})
    >>> row = keyness(tokens, target=["t"]).iloc[0]
    >>> str(row["term"]), float(round(row["g2"], 4)), float(round(row["log_ratio"], 3)), str(row["direction"])
    ('amunisi', 13.8629, 4.322, 'target')
    """
    counts = as_counts(tokens, term=term, kinds=["terms"])
    listed, words = listed_terms(
        counts, term=term, drop_stopwords=drop_stopwords, drop_numbers=drop_numbers
    )
    target = {str(t) for t in target}
    reference = None if reference is None else {str(r) for r in reference}

    def groups(ids: pd.Series) -> tuple[np.ndarray, np.ndarray]:
        in_target = ids.isin(target).to_numpy()
        if reference is None:
            return in_target, ~in_target
        return in_target, ids.isin(reference).to_numpy() & ~in_target

    words_target, words_reference = groups(words["article_id"])
    size_target = int(words["n_words"].to_numpy()[words_target].sum())
    size_reference = int(words["n_words"].to_numpy()[words_reference].sum())
    if size_target == 0 or size_reference == 0:
        raise ValueError(
            f"keyness needs words in both groups (target: {size_target}, reference: {size_reference})"
        )
    in_target, in_reference = groups(listed["article_id"])
    target_counts = listed[in_target].groupby("term", sort=True)["count"].sum()
    reference_counts = listed[in_reference].groupby("term", sort=True)["count"].sum()
    table = pd.DataFrame({"count_target": target_counts, "count_reference": reference_counts})
    table = table.fillna(0).astype(np.int64).rename_axis("term").reset_index()
    table = table[table["count_target"] + table["count_reference"] >= min_count]
    return _scored(table, size_target, size_reference)


def _scored(table: pd.DataFrame, size_target: int, size_reference: int) -> pd.DataFrame:
    """Rates, G², p-value, log ratio and direction of each term of a table of two counts."""
    a, b = table["count_target"].to_numpy(float), table["count_reference"].to_numpy(float)
    c, d = float(size_target), float(size_reference)
    expected_target = c * (a + b) / (c + d)
    expected_reference = d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        part_a = np.where(a > 0, a * np.log(a / expected_target), 0.0)
        part_b = np.where(b > 0, b * np.log(b / expected_reference), 0.0)
    g2 = 2 * (part_a + part_b)
    table["per_1000_target"] = a / c * 1000
    table["per_1000_reference"] = b / d * 1000
    table["g2"] = g2
    table["p_value"] = [math.erfc(math.sqrt(max(g, 0.0) / 2)) for g in g2]
    table["log_ratio"] = np.log2((np.maximum(a, 0.5) / c) / (np.maximum(b, 0.5) / d))
    table["direction"] = np.where(a / c >= b / d, "target", "reference")
    table["n_words_target"], table["n_words_reference"] = size_target, size_reference
    return table.sort_values(["g2", "term"], ascending=[False, True]).reset_index(drop=True)


def select_articles(articles: pd.DataFrame, query: str) -> list[str]:
    """Article ids matching a pandas ``query`` on the article table (for keyness groups).

    Examples: ``"date >= '2023-01-01'"``, ``"outlet == 'Tempo'"``,
    ``"outlet in ['Republika', 'ANTARA']"``.

    >>> articles = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["Tempo", "ANTARA"],
    ...     "date": pd.to_datetime(["2023-09-13", "2022-11-02"])})
    >>> select_articles(articles, "date >= '2023-01-01'"), select_articles(articles, "outlet == 'ANTARA'")
    (['a'], ['b'])
    """
    try:
        selected = articles.query(query, engine="python")
    except Exception as error:  # report the query, whatever pandas raised
        raise ValueError(f"could not select articles with {query!r}: {error}") from error
    return selected["article_id"].astype(str).tolist()


@dataclass(frozen=True)
class KeynessGroups:
    """The two groups of a keyness comparison: article ids, short labels for the figure, and a
    sentence saying how they were chosen (empty ids: keyness cannot be computed)."""

    target_ids: list[str]
    reference_ids: list[str]
    target_label: str
    reference_label: str
    explanation: str


def keyness_groups(
    articles: pd.DataFrame, *, target: str | None = None, reference: str | None = None
) -> KeynessGroups:
    """Choose the target and reference articles of a keyness comparison.

    With a ``target`` query (:func:`select_articles`), the reference is the ``reference`` query,
    or all other articles when it is None. Without a target (and then without a reference), the
    default fits any corpus: the latest
    year with dated articles against all earlier years; if every dated article falls in one
    year, the later half of the date range against the earlier half; undated articles are in
    neither group. With fewer than two distinct dates there is nothing to compare, and both
    groups are empty (the explanation says why).

    >>> articles = pd.DataFrame({"article_id": ["a", "b", "c"],
    ...     "date": pd.to_datetime(["2023-01-10", "2023-09-13", None])})
    >>> groups = keyness_groups(articles)
    >>> groups.target_ids, groups.reference_ids, groups.target_label
    (['b'], ['a'], 'from 2023-05-13')
    >>> keyness_groups(articles, target="article_id == 'c'").reference_ids
    ['a', 'b']
    """
    ids = articles["article_id"].astype(str)
    if target is None and reference is not None:
        raise ValueError("a keyness reference query needs a target query (KEYNESS_TARGET)")
    if target is not None:
        target_ids = select_articles(articles, target)
        if reference is None:
            chosen = set(target_ids)
            reference_ids = [i for i in ids if i not in chosen]
            reference_label = "all other articles"
        else:
            reference_ids = select_articles(articles, reference)
            reference_label = reference
        explanation = (
            f"Target: {len(target_ids):,} articles matching `{target}`; reference: "
            f"{len(reference_ids):,} articles ({reference_label if reference is None else f'matching `{reference}`'})."
        )
        return KeynessGroups(target_ids, reference_ids, target, reference_label, explanation)
    dates = (
        pd.to_datetime(articles["date"])
        if "date" in articles
        else pd.Series(pd.NaT, index=ids.index)
    )
    dated = dates.notna().to_numpy()
    years = dates.dt.year
    if years[dated].nunique() >= 2:
        latest = int(years[dated].max())
        in_target = dated & (years == latest).to_numpy()
        in_reference = dated & ~in_target
        first = int(years[dated].min())
        target_label, reference_label = (
            str(latest),
            f"{first}–{latest - 1}" if first < latest - 1 else str(first),
        )
        how = f"the latest year with dated articles ({latest}) against the earlier years ({reference_label})"
    elif dates[dated].nunique() >= 2:
        earliest, latest = dates[dated].min(), dates[dated].max()
        middle = (earliest + (latest - earliest) / 2).normalize()
        in_target = dated & (dates >= middle).to_numpy()
        in_reference = dated & ~in_target
        target_label, reference_label = f"from {middle:%Y-%m-%d}", f"before {middle:%Y-%m-%d}"
        how = (
            f"all dated articles fall in {earliest.year}, so the later half of the date range "
            f"({target_label}) against the earlier half ({reference_label})"
        )
    else:
        reason = "no dated articles" if not dated.any() else "every dated article has the same date"
        return KeynessGroups(
            [], [], "target", "reference",
            f"No default comparison: {reason}. Set `KEYNESS_TARGET` (and `KEYNESS_REFERENCE`) "
            "to pandas queries on the article table, e.g. \"outlet == 'Tempo'\".",
        )  # fmt: skip
    target_ids, reference_ids = ids[in_target].tolist(), ids[in_reference].tolist()
    undated = int((~dated).sum())
    explanation = (
        f"Default comparison: {how}: {len(target_ids):,} target and {len(reference_ids):,} "
        f"reference articles"
        + (f"; {undated:,} undated articles are in neither group." if undated else ".")
    )
    return KeynessGroups(target_ids, reference_ids, target_label, reference_label, explanation)
