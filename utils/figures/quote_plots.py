"""Figures for notebook 05 (who speaks), drawn from the tables of :mod:`utils.quotes.summaries`.

Each ``*_figure`` function takes a table the notebook already has and returns a matplotlib figure;
the notebook saves it with :func:`utils.figures.save`. :func:`quote_timeline` bins quotations by
the date of their article (undated articles counted in their own row, never dropped).

>>> import pandas as pd
>>> table = pd.DataFrame({"actor": ["russia"], "label": ["Russia"], "mentions": [10], "quotes": [2],
...                       "quotes_for": [1], "voice_per_100_mentions": [30.0]})
>>> fig = voice_and_presence_figure(table, n_articles=5)
>>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
['Russia']
>>> plt.close(fig)
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from utils.comentions import timelines
from utils.figures.export import PALETTE, add_subtitle
from utils.quotes.summaries import STATUSES, voice_of


def voice_and_presence_figure(table: pd.DataFrame, *, n_articles: int, n: int | None = None,
                              subtitle: str = "") -> plt.Figure:
    """Two panels sharing the actors: mentions (presence) and quotations (voice: by the actor,
    and by someone speaking for it). ``table`` from :func:`utils.quotes.summaries.voice_and_presence`."""
    top = table if n is None else table.head(n)
    height = 0.8 + 0.32 * max(len(top), 1)
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, height), sharey=True)
    left.barh(top["label"], top["mentions"], color=PALETTE[0])
    left.bar_label(left.containers[0], padding=3, fontsize=8)
    right.barh(top["label"], top["quotes"], color=PALETTE[1], label="by the actor")
    right.barh(top["label"], top["quotes_for"], left=top["quotes"], color=PALETTE[2],
               label="speaking for it")  # fmt: skip
    for y, (own, proxy) in enumerate(zip(top["quotes"], top["quotes_for"], strict=True)):
        right.text(own + proxy, y, f" {own + proxy}", va="center", fontsize=8)
    left.invert_yaxis()
    left.margins(x=0.25)
    right.margins(x=0.25)
    left.set(xlabel="Mentions (count)", ylabel="Actor")
    right.set(xlabel="Quotations (count)")
    right.legend(loc="lower right", fontsize=8, frameon=False)
    left.set_title(f"Presence and voice per actor ({n_articles} articles)", pad=20)
    add_subtitle(left, subtitle)
    return fig


def quotes_per_outlet_figure(table: pd.DataFrame, *, subtitle: str = "") -> plt.Figure:
    """Stacked bars of quotations per outlet by speaker status (unattributed and unnamed shown,
    not dropped), labelled with quotations per article. ``table`` from
    :func:`utils.quotes.summaries.quotes_per_outlet`.

    >>> table = pd.DataFrame({"outlet": ["Tempo"], "articles": [2], "quotes": [3], "quotes_per_article": [1.5],
    ...     **{status: [1 if status == "listed actor" else 0] for status in STATUSES}})
    >>> fig = quotes_per_outlet_figure(table)
    >>> len(fig.axes[0].patches)
    5
    >>> plt.close(fig)
    """
    fig, ax = plt.subplots(figsize=(9, 0.9 + 0.4 * max(len(table), 1)))
    left = pd.Series(0, index=table.index)
    for colour, status in zip(PALETTE, STATUSES, strict=False):
        ax.barh(table["outlet"], table[status], left=left, color=colour, label=status)
        left = left + table[status]
    for y, (total, per_article, arts) in enumerate(
        zip(table["quotes"], table["quotes_per_article"], table["articles"], strict=True)
    ):
        ax.text(total, y, f" {total} ({per_article:.1f} per article, {arts} art.)", va="center", fontsize=8)
    ax.invert_yaxis()
    ax.margins(x=0.35)
    ax.set(xlabel="Quotations (count), by speaker status", ylabel="Outlet")
    # below the axis title, so that it covers no bar and no label
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.5 / max(len(table), 1) - 0.25), ncol=len(STATUSES),
              fontsize=8, frameon=False)  # fmt: skip
    ax.set_title("Quotations per outlet", pad=20)
    add_subtitle(ax, subtitle)
    return fig


def speaker_matrix_figure(matrix: pd.DataFrame, *, labels: dict[str, str], subtitle: str = "") -> plt.Figure:
    """Annotated heatmap: quotations giving a voice to the row actor that mention the column actor.

    >>> fig = speaker_matrix_figure(pd.DataFrame([[2]], index=["russia"], columns=["north_korea"]),
    ...                             labels={"russia": "Russia", "north_korea": "North Korea"})
    >>> fig.axes[0].get_ylabel()
    'Speaker (actor given a voice)'
    >>> plt.close(fig)
    """
    import seaborn as sns

    fig, ax = plt.subplots(figsize=(1.8 + 0.6 * max(len(matrix.columns), 1), 1.4 + 0.45 * max(len(matrix), 1)))
    if matrix.empty or int(matrix.to_numpy().sum()) == 0:
        ax.text(0.5, 0.5, "No quotation by a listed actor mentions another one", ha="center",
                va="center", transform=ax.transAxes)  # fmt: skip
    else:
        shown = matrix.rename(index=labels, columns=labels)
        sns.heatmap(shown, annot=True, fmt="d", cmap="Blues", cbar_kws={"label": "Quotations (count)"}, ax=ax)
    ax.set(xlabel="Actor mentioned in the quotation", ylabel="Speaker (actor given a voice)")
    ax.set_title("Who speaks about whom", pad=20)
    add_subtitle(ax, subtitle)
    return fig


def quote_timeline(quotes: pd.DataFrame, articles: pd.DataFrame, *, actors: list[str], freq: str = "MS") -> pd.DataFrame:
    """Quotations giving each of ``actors`` a voice, per time bin of their article's date
    (:func:`utils.comentions.timelines.article_bins`), with every bin and actor present (zeros included)
    and undated articles in the bin ``undated``.

    >>> articles = pd.DataFrame({"article_id": ["a", "b"], "date": pd.to_datetime(["2023-09-13", None]),
    ...                          "date_precision": ["day", "unknown"]})
    >>> quotes = pd.DataFrame({"article_id": ["a", "b"], "speaker_actor": ["russia", "russia"], "speaks_for": [None, None]})
    >>> quote_timeline(quotes, articles, actors=["russia"])[["period_label", "actor", "quotes"]].values.tolist()
    [['2023-09', 'russia', 1], ['undated', 'russia', 1]]
    """
    bins = timelines.article_bins(articles, freq=freq)
    labels = list(dict.fromkeys(bins.sort_values("period", na_position="last")["period_label"]))
    counted = quotes.assign(actor=voice_of(quotes)).merge(bins[["article_id", "period_label"]], on="article_id")
    counted = counted[counted["actor"].isin(actors)]
    counts = counted.groupby(["period_label", "actor"]).size()
    index = pd.MultiIndex.from_product([labels, actors], names=["period_label", "actor"])
    return counts.reindex(index, fill_value=0).rename("quotes").reset_index()


def quote_timeline_figure(timeline: pd.DataFrame, *, labels: dict[str, str], bin_text: str, subtitle: str = "") -> plt.Figure:
    """One line per actor: quotations per bin (the ``undated`` bin left out and named in the subtitle).

    >>> timeline = pd.DataFrame({"period_label": ["2023-09", "undated"], "actor": ["russia"] * 2, "quotes": [1, 1]})
    >>> fig = quote_timeline_figure(timeline, labels={"russia": "Russia"}, bin_text="month")
    >>> len(fig.axes[0].lines)
    1
    >>> plt.close(fig)
    """
    dated = timeline[timeline["period_label"] != timelines.UNDATED]
    fig, ax = plt.subplots(figsize=(9, 4))
    if dated.empty:
        ax.text(0.5, 0.5, "No dated quotation for these actors", ha="center", va="center", transform=ax.transAxes)
    for colour, (actor, rows) in zip(PALETTE, dated.groupby("actor", sort=False), strict=False):
        ax.plot(rows["period_label"], rows["quotes"], marker="o", color=colour, label=labels.get(actor, actor))
    if not dated.empty:
        ax.legend(fontsize=8, frameon=False)
    ax.set(xlabel=f"Time ({bin_text})", ylabel="Quotations (count)")
    ax.tick_params(axis="x", labelrotation=45)
    ax.set_title("Quotations over time", pad=20)
    add_subtitle(ax, subtitle)
    return fig
