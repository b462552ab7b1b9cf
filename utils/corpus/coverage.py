"""What a loaded corpus covers: articles per outlet, and which dates (at which precision).

Tables for notebook 01's overview figures. Counts come with shares, and dates
keep their precision: a month-precise article covers the whole month, it is
never drawn as if it fell on the first day.

>>> import pandas as pd
>>> articles = pd.DataFrame({
...     "article_id": ["001", "004", "x"], "outlet": ["ANTARA", "Tempo", None],
...     "date": pd.to_datetime(["2023-09-01", "2023-09-13", None]),
...     "date_precision": ["month", "day", "unknown"], "n_words": [1021, 527, 10]})
>>> outlet_summary(articles)[["outlet", "n_articles", "share"]].values.tolist()
[['ANTARA', 1, 0.333], ['Tempo', 1, 0.333], ['(unknown)', 1, 0.333]]
"""

from __future__ import annotations

import pandas as pd

from utils.corpus import metadata

UNKNOWN_OUTLET = "(unknown)"
#: pandas frequency aliases (as in ``FREQ = "MS"``) -> the period they group by.
_PERIODS = {
    "D": "D",
    "W": "W",
    "MS": "M",
    "M": "M",
    "ME": "M",
    "QS": "Q",
    "Q": "Q",
    "YS": "Y",
    "Y": "Y",
    "AS": "Y",
}


def outlet_summary(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet: articles (count and share), words, and how many are dated.

    Sorted by article count (descending), then name; unknown outlets last.

    >>> articles = pd.DataFrame({"article_id": ["002", "003"], "outlet": ["Republika"] * 2,
    ...     "date": pd.to_datetime(["2023-09-01", None]), "date_precision": ["month", "unknown"],
    ...     "n_words": [812, 403]})
    >>> outlet_summary(articles).iloc[0].to_dict()
    {'outlet': 'Republika', 'n_articles': 2, 'share': 1.0, 'n_words': 1215, 'n_dated': 1}
    """
    table = articles.assign(
        outlet=articles["outlet"].fillna(UNKNOWN_OUTLET), dated=articles["date"].notna()
    )
    summary = (
        table.groupby("outlet", sort=True)
        .agg(
            n_articles=("article_id", "size"), n_words=("n_words", "sum"), n_dated=("dated", "sum")
        )
        .reset_index()
    )
    summary["share"] = (summary["n_articles"] / max(len(articles), 1)).round(3)
    summary["_unknown"] = summary["outlet"] == UNKNOWN_OUTLET
    summary = summary.sort_values(
        ["_unknown", "n_articles", "outlet"], ascending=[True, False, True], kind="stable"
    )
    columns = ["outlet", "n_articles", "share", "n_words", "n_dated"]
    return summary[columns].astype({"n_dated": "int64", "n_words": "int64"}).reset_index(drop=True)


def date_spans(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per dated article: the first and last day its date stands for.

    >>> articles = pd.DataFrame({"article_id": ["001"], "outlet": ["ANTARA"],
    ...     "date": pd.to_datetime(["2023-09-01"]), "date_precision": ["month"]})
    >>> date_spans(articles)[["start", "end"]].iloc[0].dt.strftime("%Y-%m-%d").tolist()
    ['2023-09-01', '2023-09-30']
    """
    dated = articles[articles["date"].notna()]
    table = pd.DataFrame(
        {
            "article_id": dated["article_id"],
            "outlet": dated["outlet"].fillna(UNKNOWN_OUTLET),
            "start": dated["date"],
            "end": metadata.period_ends(dated["date"], dated["date_precision"]),
            "date_precision": dated["date_precision"],
        }
    )
    return table.sort_values(["start", "article_id"], kind="stable").reset_index(drop=True)


def date_coverage(articles: pd.DataFrame, *, freq: str = "MS") -> pd.DataFrame:
    """Articles per period and date precision (tidy: period, date_precision, n_articles).

    Day- and month-precise articles fall in their month; an article known
    only to the year is counted under its year's first period with precision
    ``year`` so it is not mistaken for a January article; undated articles
    form one row with ``period`` NaT.

    >>> articles = pd.DataFrame({"article_id": ["001", "004", "x"],
    ...     "date": pd.to_datetime(["2023-09-01", "2023-09-13", None]),
    ...     "date_precision": ["month", "day", "unknown"]})
    >>> date_coverage(articles).values.tolist()
    [[Timestamp('2023-09-01 00:00:00'), 'day', 1], [Timestamp('2023-09-01 00:00:00'), 'month', 1], [NaT, 'unknown', 1]]
    """
    table = articles[["article_id", "date", "date_precision"]].copy()
    period = _PERIODS.get(freq.upper(), freq)
    table["period"] = table["date"].dt.to_period(period).dt.start_time
    counts = (
        table.groupby(["period", "date_precision"], dropna=False, sort=True)
        .size()
        .rename("n_articles")
        .reset_index()
    )
    return counts.astype({"n_articles": "int64"})
