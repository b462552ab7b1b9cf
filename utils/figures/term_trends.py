"""Term trends: the rate per 1,000 words of chosen terms (or actors) per time bin, as a figure.

:func:`term_trend` turns a :func:`utils.frequencies.term_frequencies` table ``by="time"`` into one
row per (period, term), with 0 where a term does not occur in a bin, so lines do not skip bins.
:func:`term_trend_figure` draws it; a corpus without dated articles or without the terms gets a
figure that says so instead of an empty frame.

>>> import pandas as pd
>>> by_period = pd.DataFrame({"period": pd.to_datetime(["2023-08-01", "2023-09-01", "2023-09-01"]),
...     "term": ["Korea Utara", "Korea Utara", "rudal"], "count": [2, 3, 1],
...     "n_words": [400, 600, 600], "per_1000": [5.0, 5.0, 1.6667]})
>>> trend = term_trend(by_period, ["rudal", "Korea Utara"])
>>> trend[trend.term == "rudal"][["count", "per_1000"]].values.tolist()
[[0.0, 0.0], [1.0, 1.6666666666666667]]
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import pandas as pd

from utils.figures.export import add_subtitle
from utils.figures.notes import say_why

__all__ = ["term_trend", "term_trend_figure"]

TREND_COLUMNS = ["period", "term", "count", "n_words", "per_1000"]


def term_trend(by_period: pd.DataFrame, terms: Sequence[str]) -> pd.DataFrame:
    """Rows per (period, term) for ``terms`` in every period of ``by_period``, 0 where absent.

    >>> empty = pd.DataFrame(columns=["period", "term", "count", "n_words", "per_1000"])
    >>> term_trend(empty, ["Prabowo"]).empty
    True
    """
    if by_period.empty or not terms:
        return pd.DataFrame(columns=TREND_COLUMNS)
    words = by_period.groupby("period", sort=True)["n_words"].first()
    grid = pd.MultiIndex.from_product([words.index, list(terms)], names=["period", "term"])
    counts = by_period.set_index(["period", "term"])["count"]
    counts = counts[counts.index.isin(grid)].reindex(grid, fill_value=0).astype("float64")
    trend = counts.rename("count").reset_index()
    trend["n_words"] = trend["period"].map(words).astype("int64")
    trend["per_1000"] = trend["count"] / trend["n_words"].where(trend["n_words"] > 0) * 1000
    trend["per_1000"] = trend["per_1000"].fillna(0.0)
    return trend[TREND_COLUMNS]


def term_trend_figure(
    trend: pd.DataFrame, *, bin_text: str = "month", subtitle: str = "", n_undated: int = 0
) -> plt.Figure:
    """Lines of the rate per 1,000 words per time bin, one per term; says why when it has no data.

    >>> from utils.figures import apply_style
    >>> apply_style()
    >>> fig = term_trend_figure(pd.DataFrame(columns=TREND_COLUMNS), n_undated=3)
    >>> fig.axes[0].texts[-1].get_text()
    'No dated articles to draw a trend (3 undated articles)'
    >>> plt.close(fig)
    """
    fig, ax = plt.subplots(figsize=(9, 5))
    ax.set_title(f"Terms over time (rate per 1,000 words per {bin_text})", pad=20)
    add_subtitle(ax, subtitle)
    if trend.empty:
        say_why(ax, f"No dated articles to draw a trend ({n_undated} undated articles)")
        return fig
    for term, part in trend.groupby("term", sort=False):
        ax.plot(part["period"], part["per_1000"], marker="o", label=str(term))
    ax.set(xlabel=f"Time ({bin_text}, start of bin)", ylabel="Rate (per 1,000 words)")
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), title="Term")
    fig.autofmt_xdate()
    return fig
