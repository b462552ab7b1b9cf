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

import numpy as np
import pandas as pd

from utils.comentions import _label_of, _labels, _resolved, pair_occurrences

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
    if coarse not in {"flag", "exclude"}:
        raise ValueError(f"coarse must be 'flag' or 'exclude', not {coarse!r}")
    alias, rank = _bin_rank(freq)
    dates = pd.to_datetime(articles["date"])
    precision = (
        articles["date_precision"]
        if "date_precision" in articles
        else pd.Series("day", index=articles.index)
    )
    precision_rank = (
        precision.fillna("unknown").map(PRECISION_RANK).fillna(PRECISION_RANK["unknown"])
    )
    is_coarse = dates.notna() & (precision_rank > rank)
    period = dates.dt.to_period(alias).dt.start_time
    label_format = {"D": "%Y-%m-%d", "M": "%Y-%m", "Y": "%Y"}.get(alias, "%Y-%m-%d")
    # Format each distinct bin once, not each article's date.
    codes, distinct = pd.factorize(period)
    labels = pd.Series(
        np.asarray(distinct.strftime(label_format), dtype=object).take(codes) if len(distinct)
        else np.full(len(period), np.nan, dtype=object), index=period.index,
    )  # fmt: skip
    labels[codes < 0] = np.nan
    if alias == "Q":
        labels = dates.dt.to_period("Q").astype(str)
    labels = labels.where(dates.notna(), UNDATED)
    if coarse == "exclude":
        labels = labels.where(~is_coarse, TOO_COARSE)
        period = period.where(~is_coarse)
    return pd.DataFrame(
        {"article_id": articles["article_id"].to_numpy(), "period": period.to_numpy(),
         "period_label": labels.astype(str).to_numpy(), "coarse": is_coarse.to_numpy()}
    )  # fmt: skip


def _bin_table(articles: pd.DataFrame, freq: str, coarse: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per-article bins, and per-bin article counts covering every bin between the first and last date."""
    bins = article_bins(articles, freq=freq, coarse=coarse)
    per_bin = (
        bins.groupby(["period_label"], sort=False)
        .agg(
            period=("period", "first"),
            articles_in_bin=("article_id", "size"),
            coarse_articles=("coarse", "sum"),
        )
        .reset_index()
    )
    dated = bins[bins["period"].notna()]
    if len(dated):
        alias, _ = _bin_rank(freq)
        every = pd.period_range(dated["period"].min(), dated["period"].max(), freq=alias).start_time
        label_format = {"D": "%Y-%m-%d", "M": "%Y-%m", "Y": "%Y"}.get(alias, "%Y-%m-%d")
        labels = every.to_period("Q").astype(str) if alias == "Q" else every.strftime(label_format)
        frame = pd.DataFrame({"period_label": list(labels), "period": every})
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
    table = _resolved(mentions)
    if actors is not None:
        table = table[table["actor"].isin(list(actors))]
    table = table.merge(bins[["article_id", "period_label"]], on="article_id", how="inner")
    counts = (
        table.groupby(["actor", "period_label"], sort=True)
        .agg(mentions=("article_id", "size"), articles_mentioning=("article_id", "nunique"))
        .reset_index()
    )
    timeline = _timeline(counts, ["actor"], per_bin, "mentions")
    timeline["label"] = _label_of(timeline["actor"], _labels(mentions))
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
    bins, per_bin = _bin_table(articles, freq, coarse)
    occurrences = pair_occurrences(mentions, scope=scope, window=window, articles=articles)
    if pairs is not None:
        wanted = {tuple(sorted(pair)) for pair in pairs}
        keep = [
            (a, b) in wanted
            for a, b in zip(occurrences["actor_a"], occurrences["actor_b"], strict=True)
        ]
        occurrences = occurrences.loc[pd.Series(keep, index=occurrences.index, dtype=bool)]
    table = occurrences.merge(bins[["article_id", "period_label"]], on="article_id", how="inner")
    counts = (
        table.groupby(["actor_a", "actor_b", "period_label"], sort=True)
        .agg(co_mentions=("article_id", "size"), articles_mentioning=("article_id", "nunique"))
        .reset_index()
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
    labels = _labels(mentions)
    timeline["pair"] = (
        _label_of(timeline["actor_a"], labels) + " – " + _label_of(timeline["actor_b"], labels)
    )
    timeline["scope"] = scope if scope != "window" else f"window of {window} tokens"
    columns = ["period", "period_label", "actor_a", "actor_b", "pair", "co_mentions", "articles_mentioning",
               "articles_in_bin", "coarse_articles", "co_mentions_per_article", "share_of_articles", "is_dated", "scope"]  # fmt: skip
    return timeline[columns]
