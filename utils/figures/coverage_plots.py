"""Figures for notebook 01 (load the articles), drawn from the tables of :mod:`utils.corpus.coverage`.

Each function takes a table and returns a matplotlib figure; the notebook saves it with
:func:`utils.figures.export.save`. Counts sit next to shares, and a date is drawn over the period it
stands for (a point for a known day, a bar across a month-precise date's month).

>>> import pandas as pd
>>> by_outlet = pd.DataFrame({"outlet": ["Republika", "ANTARA"], "n_articles": [2, 1],
...     "share": [0.667, 0.333]})
>>> fig = articles_per_outlet_figure(by_outlet)
>>> [t.get_text() for t in fig.axes[0].get_yticklabels()]  # top to bottom
['Republika', 'ANTARA']
>>> plt.close(fig)
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

#: How each date precision is drawn in :func:`date_coverage_figure` (days are points).
_SPAN_STYLES = [("year", {"lw": 2, "alpha": 0.3}), ("month", {"lw": 6, "alpha": 0.5})]


def articles_per_outlet_figure(by_outlet: pd.DataFrame) -> plt.Figure:
    """Horizontal bars of articles per outlet, labelled with count and share of the corpus.

    ``by_outlet`` is a :func:`utils.corpus.coverage.outlet_summary` table (largest outlet first).

    >>> by_outlet = pd.DataFrame({"outlet": ["Republika", "ANTARA", "Tempo"],
    ...     "n_articles": [2, 1, 1], "share": [0.5, 0.25, 0.25]})
    >>> ax = articles_per_outlet_figure(by_outlet).axes[0]
    >>> len(ax.patches), [t.get_text() for t in ax.texts]
    (3, ['2 (50%)', '1 (25%)', '1 (25%)'])
    >>> plt.close("all")
    """
    fig, ax = plt.subplots(figsize=(7, 0.5 + 0.4 * len(by_outlet)))
    bars = ax.barh(by_outlet.outlet, by_outlet.n_articles)
    ax.bar_label(
        bars,
        labels=[
            f"{n} ({share:.0%})"
            for n, share in zip(by_outlet.n_articles, by_outlet.share, strict=True)
        ],
        padding=3,
    )
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    ax.margins(x=0.15)
    ax.set(xlabel="Articles (count, share of corpus)", ylabel="Outlet", title="Articles per outlet")
    return fig


def date_coverage_figure(spans: pd.DataFrame, *, outlets: list[str], n_undated: int) -> plt.Figure:
    """One row per outlet: a point per day-precise article, a bar over each month- or
    year-precise article's period. ``spans`` is a :func:`utils.corpus.coverage.date_spans` table;
    ``outlets`` gives the rows' order (top to bottom); ``n_undated`` (articles that cannot be
    placed) goes in the title.

    >>> spans = pd.DataFrame({"article_id": ["001", "004"], "outlet": ["ANTARA", "Tempo"],
    ...     "start": pd.to_datetime(["2023-09-01", "2023-09-13"]),
    ...     "end": pd.to_datetime(["2023-09-30", "2023-09-13"]),
    ...     "date_precision": ["month", "day"]})
    >>> from utils.figures.export import apply_style
    >>> apply_style()  # as the notebooks do: titles on the left
    >>> ax = date_coverage_figure(spans, outlets=["ANTARA", "Tempo"], n_undated=1).axes[0]
    >>> ax.get_title(loc="left"), [t.get_text() for t in ax.get_legend().get_texts()]
    ('Date coverage: 2 dated articles, 1 undated', ['month', 'day'])
    >>> plt.close("all")
    """
    outlets = list(dict.fromkeys(outlets))
    fig, ax = plt.subplots(figsize=(8, 0.8 + 0.45 * len(outlets)))
    for precision, style in _SPAN_STYLES:
        part = spans[spans.date_precision == precision]
        if part.empty:
            continue
        ax.hlines(
            part.outlet.map(outlets.index),
            part.start,
            part.end + pd.Timedelta(days=1),
            label=precision,
            **style,
        )
    days = spans[spans.date_precision == "day"]
    if not days.empty:
        ax.plot(days.start, days.outlet.map(outlets.index), "o", ms=5, alpha=0.6, label="day")
    ax.set_yticks(range(len(outlets)), outlets)
    ax.invert_yaxis()
    ax.set(
        xlabel="Publication date (day, or the month/year it is known to)",
        ylabel="Outlet",
        title=f"Date coverage: {len(spans)} dated articles, {n_undated} undated",
    )
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), title="Date known to the")
    fig.autofmt_xdate()
    return fig
