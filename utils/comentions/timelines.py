"""Mention and co-mention timelines per day, week, month, quarter or year.

Every bin between the first and the last dated article is shown (zeros
included); articles without a date are counted in a separate ``undated`` bin,
never dropped. An article dated less precisely than the bin (month precision,
weekly bins) is put in the bin holding the start of its period and counted in
``coarse_articles`` (``coarse="flag"``, the default), or kept out of the dated
bins under ``date coarser than bin`` (``coarse="exclude"``).

>>> articles = pd.DataFrame({"article_id": ["a", "b"], "date": pd.to_datetime(["2023-09-13", "2022-11-01"]),
...                          "date_precision": ["day", "month"]})
>>> article_bins(articles, freq="MS")["period_label"].tolist()
['2023-09', '2022-11']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from utils.comentions.codes import code_mentions, distinct_pairs, join_positions, sorted_unique
from utils.comentions.units import actor_labels, check_scope, coded_occurrences, label_of

PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4, "unknown": 5}
UNDATED = "undated"
TOO_COARSE = "date coarser than bin"


def _bin_rank(freq: str) -> tuple[str, int]:
    """The pandas period alias for ``freq`` and how fine it is (see :data:`PRECISION_RANK`)."""
    code = freq.upper().lstrip("0123456789")
    if code.startswith("D"):
        return "D", 0
    if code.startswith("W"):
        return "W-SUN" if code in {"W", "W-SUN"} else code, 1
    if code in {"MS", "M", "ME"}:
        return "M", 2
    if code in {"QS", "Q", "QE"}:
        return "Q", 3
    if code in {"YS", "Y", "YE", "AS", "A"}:
        return "Y", 4
    raise ValueError(
        f"freq must be a day, week, month, quarter or year frequency (D, W, MS, QS, YS), not {freq!r}"
    )


def _precision_ranks(precision: pd.Series) -> np.ndarray:
    """How fine each date precision is (:data:`PRECISION_RANK`; missing or unknown values rank
    as ``"unknown"``), each distinct value looked up once.

    >>> _precision_ranks(pd.Series(["month", None, "day", "kira-kira"])).tolist()
    [2, 5, 0, 5]
    """
    codes, distinct = pd.factorize(precision)
    unknown = PRECISION_RANK["unknown"]
    ranks = [PRECISION_RANK.get(value, unknown) for value in distinct]
    return np.array([*ranks, unknown], dtype=np.int64)[codes]  # code -1 (missing): the last


@dataclass(frozen=True)
class _Bins:
    """The time bin of each article, as a code: ``label`` indexes ``labels``, the distinct bins
    in order of first appearance followed by ``undated`` and ``date coarser than bin``.
    ``period`` is the start of each article's bin (NaT if undated or excluded)."""

    period: pd.Series
    label: np.ndarray
    labels: pd.Index
    coarse: np.ndarray


def _bin_labels(starts: pd.DatetimeIndex, alias: str) -> list[str]:
    """The label of each bin, from its start: ``2023-09-11`` (day, week), ``2023-09``, ``2023Q3``, ``2023``."""
    if alias == "Q":
        return list(starts.to_period("Q").astype(str))
    label_format = {"D": "%Y-%m-%d", "M": "%Y-%m", "Y": "%Y"}.get(alias, "%Y-%m-%d")
    return list(starts.strftime(label_format))


def _coded_bins(articles: pd.DataFrame, freq: str, coarse: str) -> _Bins:
    if coarse not in {"flag", "exclude"}:
        raise ValueError(f"coarse must be 'flag' or 'exclude', not {coarse!r}")
    alias, rank = _bin_rank(freq)
    dates = pd.to_datetime(articles["date"])
    precision = (
        articles["date_precision"]
        if "date_precision" in articles
        else pd.Series("day", index=articles.index)
    )
    is_coarse = dates.notna() & pd.Series(_precision_ranks(precision) > rank, index=dates.index)
    period = dates.dt.to_period(alias).dt.start_time
    # Label each distinct bin once, not each article's date.
    codes, distinct = pd.factorize(period)  # undated: -1
    labels = pd.Index(
        [*_bin_labels(pd.DatetimeIndex(distinct), alias), UNDATED, TOO_COARSE],
        dtype=None if len(articles) else object,  # as pandas types an empty text column
    )
    label = np.where(codes < 0, len(labels) - 2, codes)
    if coarse == "exclude":
        label = np.where(is_coarse.to_numpy(), len(labels) - 1, label)
        period = period.where(~is_coarse)
    return _Bins(period, label, labels, is_coarse.to_numpy())


def article_bins(articles: pd.DataFrame, *, freq: str = "MS", coarse: str = "flag") -> pd.DataFrame:
    """The time bin of each article: article_id, period (start of bin, NaT if none), period_label, coarse.

    Undated articles get the label ``"undated"``. An article dated less precisely than the
    bin (a month-precision date with weekly bins) is put in the bin holding the start of its
    period and flagged ``coarse=True`` (``coarse="flag"``), or kept out of all bins under
    the label ``"date coarser than bin"`` (``coarse="exclude"``). Nothing is dropped.

    >>> articles = pd.DataFrame({"article_id": ["a", "b", "c"],
    ...     "date": pd.to_datetime(["2023-09-13", "2023-09-01", None]), "date_precision": ["day", "month", "unknown"]})
    >>> article_bins(articles, freq="W")[["article_id", "period_label", "coarse"]].to_dict("records")
    [{'article_id': 'a', 'period_label': '2023-09-11', 'coarse': False}, {'article_id': 'b', 'period_label': '2023-08-28', 'coarse': True}, {'article_id': 'c', 'period_label': 'undated', 'coarse': False}]
    """
    bins = _coded_bins(articles, freq, coarse)
    return pd.DataFrame(
        {"article_id": articles["article_id"].to_numpy(), "period": bins.period.to_numpy(),
         "period_label": bins.labels.take(bins.label), "coarse": bins.coarse}
    )  # fmt: skip


def _bin_table(articles: pd.DataFrame, freq: str, coarse: str) -> tuple[_Bins, pd.DataFrame]:
    """Per-article bins, and per-bin article counts covering every bin between the first and last date."""
    bins = _coded_bins(articles, freq, coarse)
    first = pd.Series(bins.label).drop_duplicates()  # each bin's first article, in order
    in_bin = np.bincount(bins.label, minlength=len(bins.labels))
    coarse_in_bin = np.bincount(bins.label, weights=bins.coarse, minlength=len(bins.labels))
    per_bin = pd.DataFrame(
        {
            "period_label": bins.labels.take(first.to_numpy()),
            "period": bins.period.to_numpy()[first.index.to_numpy()],
            "articles_in_bin": in_bin[first.to_numpy()],
            "coarse_articles": coarse_in_bin[first.to_numpy()],
        }
    )
    dated = bins.period.dropna()
    if len(dated):
        alias, _ = _bin_rank(freq)
        every = pd.period_range(dated.min(), dated.max(), freq=alias).start_time
        frame = pd.DataFrame({"period_label": _bin_labels(every, alias), "period": every})
        known = per_bin[per_bin["period"].notna()].drop(columns="period")
        full = frame.merge(known, on="period_label", how="left").fillna(
            {"articles_in_bin": 0, "coarse_articles": 0}
        )
        undated = per_bin[per_bin["period"].isna()]
        per_bin = pd.concat([full, undated], ignore_index=True)
    per_bin = per_bin.astype({"articles_in_bin": "int64", "coarse_articles": "int64"})
    return bins, per_bin


def _timeline(
    counts: pd.DataFrame, keys: list[str], per_bin: pd.DataFrame, value: str
) -> pd.DataFrame:
    """Cross every bin with every key, then add per-article rates and shares."""
    combos = counts[keys].drop_duplicates().sort_values(keys)
    grid = per_bin.merge(combos, how="cross")
    table = grid.merge(counts, on=[*keys, "period_label"], how="left")
    table[value] = table[value].fillna(0).astype("int64")
    table["articles_mentioning"] = table["articles_mentioning"].fillna(0).astype("int64")
    denominator = table["articles_in_bin"].where(table["articles_in_bin"] > 0)
    table[f"{value}_per_article"] = table[value] / denominator
    table["share_of_articles"] = table["articles_mentioning"] / denominator
    table["is_dated"] = table["period"].notna()
    order = table.sort_values(
        ["is_dated", "period", "period_label", *keys],
        ascending=[False, True, True, *[True] * len(keys)],
    )
    return order.reset_index(drop=True)


def _binned(
    article: np.ndarray, article_ids: pd.Index, articles: pd.DataFrame, bins: _Bins
) -> tuple[np.ndarray, np.ndarray]:
    """Match entries (mentions or co-mentions, by article code) to the articles' bins, as an
    inner :func:`pandas.merge` on ``article_id`` would: entries of articles missing from
    ``articles`` drop out, and an article listed twice counts twice.

    Returns the position of each matched entry and the code of its bin (``bins.label``).

    >>> articles = pd.DataFrame({"article_id": ["a", "b"], "date": pd.to_datetime(["2023-09-13", "2023-10-02"])})
    >>> bins = _coded_bins(articles, "MS", "flag")
    >>> entry, label = _binned(np.array([1, 0, 2]), pd.Index(["b", "a", "x"]), articles, bins)
    >>> entry.tolist(), list(bins.labels.take(label))
    ([0, 1], ['2023-09', '2023-10'])
    """
    # the (few) distinct article ids are matched as text, then the entries by integer code
    id_codes, article_rows = join_positions(pd.Series(article_ids), articles["article_id"])
    entry, match = join_positions(pd.Series(article), pd.Series(id_codes))
    return entry, bins.label[article_rows[match]]


def _counts_per_bin(
    group: np.ndarray, label: np.ndarray, article: np.ndarray, known: np.ndarray, n_labels: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per (group, label): the number of entries, and of distinct articles among the entries
    whose article id is ``known`` (a missing id counts as no article, as in ``nunique``).

    Returns group, label, entries, articles (one value per (group, label) present).

    >>> [a.tolist() for a in _counts_per_bin(np.array([3, 3, 3]), np.array([0, 0, 1]),
    ...                                      np.array([7, 7, 8]), np.array([True] * 3), n_labels=2)]
    [[3, 3], [0, 1], [2, 1], [1, 1]]
    """
    width = max(n_labels, 1)
    key = group * width + label
    keys, entries = sorted_unique(key)
    key_in_article, _ = distinct_pairs(key[known], article[known])
    articles = np.bincount(np.searchsorted(keys, key_in_article), minlength=len(keys))
    return keys // width, keys % width, entries, articles


def mention_timeline(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    freq: str = "MS",
    actors: Iterable[str] | None = None,
    coarse: str = "flag",
) -> pd.DataFrame:
    """Mentions per actor per time bin: raw counts, mentions per article, share of articles.

    One row per (bin, actor), every bin from the first to the last date (zeros
    included), plus an ``undated`` bin when some articles have no date (and a
    ``date coarser than bin`` bin with ``coarse="exclude"``). Columns: period,
    period_label, actor, label, mentions, articles_mentioning, articles_in_bin,
    coarse_articles, mentions_per_article, share_of_articles, is_dated.

    >>> articles = pd.DataFrame({"article_id": ["a", "b"], "date": pd.to_datetime(["2023-09-13", None]),
    ...                          "date_precision": ["day", "unknown"]})
    >>> mentions = pd.DataFrame({"article_id": ["a", "a", "b"], "actor": ["russia"] * 3, "label": ["Russia"] * 3})
    >>> mention_timeline(mentions, articles)[["period_label", "mentions", "articles_in_bin", "share_of_articles"]]
      period_label  mentions  articles_in_bin  share_of_articles
    0      2023-09         2                1                1.0
    1      undated         1                1                1.0
    """
    bins, per_bin = _bin_table(articles, freq, coarse)
    coded = code_mentions(mentions)
    actor, article = coded.actor, coded.article
    if actors is not None:
        wanted = coded.actor_ids.isin(list(actors))[actor]
        actor, article = actor[wanted], article[wanted]
    entry, label = _binned(article, coded.article_ids, articles, bins)
    article = article[entry]
    group, label, n_mentions, n_articles = _counts_per_bin(
        actor[entry], label, article, coded.has_article_id(article), len(bins.labels)
    )
    counts = pd.DataFrame(
        {
            "actor": coded.actor_ids.take(group),
            "period_label": bins.labels.take(label),
            "mentions": n_mentions.astype("int64"),
            "articles_mentioning": n_articles.astype("int64"),
        }
    )
    timeline = _timeline(counts, ["actor"], per_bin, "mentions")
    timeline["label"] = label_of(timeline["actor"], actor_labels(mentions, coded))
    columns = ["period", "period_label", "actor", "label", "mentions", "articles_mentioning", "articles_in_bin",
               "coarse_articles", "mentions_per_article", "share_of_articles", "is_dated"]  # fmt: skip
    return timeline[columns]


def co_mention_timeline(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    scope: str = "sentence",
    window: int = 10,
    freq: str = "MS",
    pairs: Sequence[tuple[str, str]] | None = None,
    coarse: str = "flag",
) -> pd.DataFrame:
    """Co-mentions per actor pair per time bin (same bins and columns as :func:`mention_timeline`).

    ``pairs`` limits the table to some pairs, e.g. ``[("vladimir_putin", "kim_jong_un")]``
    (order within a pair does not matter). Columns: period, period_label, actor_a, actor_b,
    pair (``"label_a – label_b"``), co_mentions, articles_mentioning (articles with the pair
    co-mentioned), articles_in_bin, coarse_articles, co_mentions_per_article,
    share_of_articles, is_dated, scope.

    >>> articles = pd.DataFrame({"article_id": ["a"], "date": pd.to_datetime(["2023-09-13"]), "date_precision": ["day"]})
    >>> mentions = pd.DataFrame({"article_id": ["a", "a"], "sentence_no": [0, 0], "actor": ["russia", "iran"]})
    >>> co_mention_timeline(mentions, articles)[["period_label", "pair", "co_mentions", "share_of_articles"]]
      period_label           pair  co_mentions  share_of_articles
    0      2023-09  iran – russia            1                1.0
    """
    check_scope(scope, articles, window)
    bins, per_bin = _bin_table(articles, freq, coarse)
    found = coded_occurrences(mentions, scope, window, articles)
    actor_ids = found.coded.actor_ids
    if not len(found.article):  # as pandas types the text columns of an empty table
        actor_ids = actor_ids.astype(object)
    n_actors = max(len(actor_ids), 1)
    pair, article = found.actor_a * n_actors + found.actor_b, found.article
    if pairs is not None:
        wanted = _pair_codes({tuple(sorted(chosen)) for chosen in pairs}, actor_ids)
        keep = np.isin(pair, wanted)
        pair, article = pair[keep], article[keep]
    entry, label = _binned(article, found.coded.article_ids, articles, bins)
    article = article[entry]
    group, label, n_co_mentions, n_articles = _counts_per_bin(
        pair[entry], label, article, found.coded.has_article_id(article), len(bins.labels)
    )
    counts = pd.DataFrame(
        {
            "actor_a": actor_ids.take(group // n_actors),
            "actor_b": actor_ids.take(group % n_actors),
            "period_label": bins.labels.take(label),
            "co_mentions": n_co_mentions.astype("int64"),
            "articles_mentioning": n_articles.astype("int64"),
        }
    )
    if pairs is not None:  # keep wanted pairs that never co-occur, as rows of zeros
        missing = sorted(
            {tuple(sorted(pair)) for pair in pairs}
            - set(zip(counts["actor_a"], counts["actor_b"], strict=True))
        )
        if missing and len(per_bin):
            filler = pd.DataFrame(missing, columns=["actor_a", "actor_b"])
            filler["period_label"] = per_bin["period_label"].iloc[0]
            filler["co_mentions"] = 0
            filler["articles_mentioning"] = 0
            counts = pd.concat([counts, filler], ignore_index=True)
    timeline = _timeline(counts, ["actor_a", "actor_b"], per_bin, "co_mentions")
    labels = actor_labels(mentions, found.coded)
    timeline["pair"] = (
        label_of(timeline["actor_a"], labels) + " – " + label_of(timeline["actor_b"], labels)
    )
    timeline["scope"] = scope if scope != "window" else f"window of {window} tokens"
    columns = ["period", "period_label", "actor_a", "actor_b", "pair", "co_mentions", "articles_mentioning",
               "articles_in_bin", "coarse_articles", "co_mentions_per_article", "share_of_articles", "is_dated", "scope"]  # fmt: skip
    return timeline[columns]


def _pair_codes(pairs: Iterable[tuple[str, str]], actor_ids: pd.Index) -> np.ndarray:
    """The codes ``a * len(actor_ids) + b`` of sorted actor pairs whose two actors are known.

    >>> _pair_codes([("iran", "russia"), ("iran", "nobody")], pd.Index(["china", "iran", "russia"])).tolist()
    [5]
    """
    n_actors = max(len(actor_ids), 1)
    codes = [
        actor_ids.get_loc(a) * n_actors + actor_ids.get_loc(b)
        for a, b in pairs
        if a in actor_ids and b in actor_ids
    ]
    return np.array(sorted(codes), dtype=np.int64)
