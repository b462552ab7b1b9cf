"""The tables and the figure behind the explorer (no widgets here: they work headless too).

>>> import pandas as pd
>>> from utils.engine import EngineOptions
>>> from utils.text import token_table
>>> articles = pd.DataFrame({"article_id": ["a1", "a2"], "outlet": ["Tempo", "ANTARA"],
...     "date": pd.to_datetime(["2023-08-14", "2023-09-13"]),
...     "text": ["Rusia mencari amunisi dari Korut.", "Korut menjual amunisi ke Rusia."]})
>>> tokens = token_table(articles, options=EngineOptions(progress=False))
>>> kwic_lines(tokens, "amunisi", articles=articles, outlets=["ANTARA"])[["outlet", "keyword"]].values.tolist()
[['ANTARA', 'amunisi']]
>>> frequency_over_time(tokens, "amunisi", articles=articles, freq="MS")["hits"].tolist()
[1, 1]
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import pandas as pd

from utils import comentions, frequencies
from utils.figures import add_subtitle, say_why

KWIC_COLUMNS = ["article_id", "outlet", "date", "left", "keyword", "right"]
FREQUENCY_COLUMNS = ["period", "hits", "n_words", "per_1000"]


def _filtered_articles(
    articles: pd.DataFrame,
    *,
    outlets: Sequence[str] | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> pd.DataFrame:
    kept = articles
    if outlets:
        kept = kept[kept["outlet"].astype(str).isin([str(outlet) for outlet in outlets])]
    dates = pd.to_datetime(kept["date"], errors="coerce") if "date" in kept else None
    if date_from and dates is not None:
        kept = kept[dates >= pd.Timestamp(date_from)]
        dates = dates[dates >= pd.Timestamp(date_from)]
    if date_to and dates is not None:
        kept = kept[dates <= pd.Timestamp(date_to)]
    return kept


def kwic_lines(
    tokens: pd.DataFrame,
    query: str,
    *,
    articles: pd.DataFrame,
    window: int = 7,
    match: str = "norm",
    outlets: Sequence[str] | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> pd.DataFrame:
    """KWIC lines of ``query`` (a word, a phrase, an actor's name) with each article's outlet and
    date, in articles of ``outlets`` between ``date_from`` and ``date_to`` (inclusive)."""
    kept = _filtered_articles(articles, outlets=outlets, date_from=date_from, date_to=date_to)
    if not query.strip() or kept.empty:
        return pd.DataFrame(columns=KWIC_COLUMNS)
    ids = kept["article_id"].astype(str)
    own = tokens[tokens["article_id"].astype(str).isin(ids)]
    lines = frequencies.kwic(own, query, articles=kept, window=window, match=match)
    info = kept.assign(article_id=ids).set_index("article_id")
    lines = lines.assign(
        outlet=lines["article_id"].astype(str).map(info["outlet"]) if "outlet" in info else None,
        date=lines["article_id"].astype(str).map(info["date"]) if "date" in info else None,
    )
    return lines[KWIC_COLUMNS].reset_index(drop=True)


def frequency_over_time(
    tokens: pd.DataFrame,
    query: str,
    *,
    articles: pd.DataFrame,
    freq: str = "MS",
    match: str = "norm",
) -> pd.DataFrame:
    """Hits of ``query`` per time bin and per 1,000 words of the bin (undated articles left out)."""
    bins = comentions.article_bins(articles, freq=freq)
    dated = bins[bins["period_label"] != comentions.UNDATED]
    if dated.empty:
        return pd.DataFrame(columns=FREQUENCY_COLUMNS)
    period_of = dict(zip(dated["article_id"].astype(str), dated["period"], strict=True))
    words = tokens[~tokens["is_punct"]] if "is_punct" in tokens else tokens
    word_periods = words["article_id"].astype(str).map(period_of).dropna()
    n_words = word_periods.value_counts().sort_index()
    lines = frequencies.kwic(tokens, query, window=0, match=match) if query.strip() else None
    hit_periods = (
        lines["article_id"].astype(str).map(period_of).dropna()
        if lines is not None
        else pd.Series([], dtype=object)
    )
    hits = hit_periods.value_counts().reindex(n_words.index, fill_value=0)
    table = pd.DataFrame(
        {"period": n_words.index, "hits": hits.to_numpy(), "n_words": n_words.to_numpy()}
    )
    table["per_1000"] = table["hits"] / table["n_words"] * 1000
    return table.sort_values("period", ignore_index=True)


def frequency_figure(table: pd.DataFrame, *, query: str, bin_text: str = "month") -> plt.Figure:
    """Bars of the rate per 1,000 words per bin (labels: hits); says why when there is nothing."""
    fig, ax = plt.subplots(figsize=(8, 3.6))
    ax.set_title(f"“{query}” per {bin_text} (per 1,000 words)", pad=20)
    total = int(table["hits"].sum()) if len(table) else 0
    add_subtitle(ax, f"{total} occurrences in dated articles")
    if table.empty:
        say_why(ax, "No dated articles: nothing to show over time")
        return fig
    if total == 0:
        say_why(ax, f"“{query}” does not occur in the dated articles")
        return fig
    labels = [str(period)[:10] for period in table["period"]]
    bars = ax.bar(labels, table["per_1000"])
    ax.bar_label(bars, labels=[str(int(hits)) for hits in table["hits"]], padding=2, fontsize=8)
    ax.set(xlabel=f"Time ({bin_text}, start of bin)", ylabel="Rate (per 1,000 words)")
    ax.set_ylim(bottom=0)
    if len(labels) > 8:
        ax.tick_params(axis="x", labelrotation=60)
    return fig


def co_occurrence_sentences(
    mentions: pd.DataFrame, articles: pd.DataFrame, actor_a: str, actor_b: str, *, limit: int = 50
) -> pd.DataFrame:
    """The sentences where ``actor_a`` and ``actor_b`` (actor ids) are both mentioned."""
    if not actor_a or not actor_b or actor_a == actor_b:
        return pd.DataFrame(columns=["article_id", "unit_no", "actors", "text"])
    return comentions.evidence(
        mentions, articles, (actor_a, actor_b), scope="sentence", limit=limit
    )
