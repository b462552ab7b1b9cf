"""Figures for notebook 03 (term frequencies), drawn from the tables of :mod:`utils.frequencies.counts`.

Each function takes a table and returns a matplotlib figure; the notebook saves it with
:func:`utils.figures.export.save`. Every axis is titled with its unit, and bars carry the raw count
next to the per-1,000-word rate, because groups (outlets, periods) differ in size.

>>> import pandas as pd
>>> counts = pd.DataFrame({"term": ["rusia", "korut"], "count": [12, 9], "n_words": [1000, 1000],
...     "per_1000": [12.0, 9.0]})
>>> fig = top_terms_figure(counts, n=2, title="Top terms")
>>> [t.get_text() for t in fig.axes[0].get_yticklabels()][::-1]  # top to bottom
['rusia', 'korut']
>>> plt.close(fig)
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import pandas as pd

from utils.figures.export import PALETTE

RATE_LABEL = "Occurrences per 1,000 words"


def term_axis_label(terms: pd.Series, *, what: str = "Term") -> str:
    """The axis title for a list of terms: words are lowercase; actor names, when counted as
    one term (:mod:`utils.frequencies.actor_terms`), keep their capitals.

    >>> term_axis_label(pd.Series(["rusia", "korut"])), term_axis_label(pd.Series(["Korea Utara", "rudal"]))
    ('Term (lowercase)', 'Term (words lowercase, actor names capitalised)')
    """
    if any(any(ch.isupper() for ch in str(term)) for term in terms):
        return f"{what} (words lowercase, actor names capitalised)"
    return f"{what} (lowercase)"


def _bars(ax: plt.Axes, table: pd.DataFrame, *, label: str = "term", color: str = PALETTE[0]):
    """Horizontal bars of ``per_1000`` (largest on top), labelled with the count."""
    table = table.iloc[::-1]
    bars = ax.barh(table[label].astype(str), table["per_1000"], color=color)
    ax.bar_label(bars, labels=[f"{c:,}" for c in table["count"]], padding=2, fontsize=8)
    ax.margins(x=0.18)
    ax.set_xlabel(RATE_LABEL + " (bar labels: count)")
    return bars


def top_terms_figure(counts: pd.DataFrame, *, n: int = 25, title: str = "") -> plt.Figure:
    """Bar chart of the ``n`` most frequent terms of a corpus-level :func:`utils.frequencies.term_frequencies` table."""
    top = counts.head(n)
    fig, ax = plt.subplots(figsize=(7, 1 + 0.28 * max(len(top), 1)))
    _bars(ax, top)
    n_words = int(counts["n_words"].iloc[0]) if len(counts) else 0
    ax.set_ylabel(term_axis_label(top["term"]))
    ax.set_title(title or f"Most frequent terms ({n_words:,} words, stopwords left out)")
    return fig


def small_multiples_figure(
    counts: pd.DataFrame, *, group: str, n: int = 10, ncols: int = 3, title: str = ""
) -> plt.Figure:
    """One panel per group (outlet, period) with its ``n`` most frequent terms."""
    groups = list(dict.fromkeys(counts[group].astype(str)))
    ncols = max(1, min(ncols, len(groups)))
    nrows = max(1, math.ceil(len(groups) / ncols))
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(4.2 * ncols, 0.8 + nrows * (0.8 + 0.26 * n)), squeeze=False
    )
    for index, ax in enumerate(axes.flat):
        if index >= len(groups):
            ax.set_visible(False)
            continue
        name = groups[index]
        part = counts[counts[group].astype(str) == name].head(n)
        _bars(ax, part, color=PALETTE[index % len(PALETTE)])
        ax.set_title(f"{name} ({int(part['n_words'].iloc[0]):,} words)", fontsize=11)
        ax.set_xlabel("Per 1,000 words (labels: count)")
        ax.set_ylabel("Term" if index % ncols == 0 else "")
    fig.suptitle(title or f"Most frequent terms by {group}", x=0.01, ha="left", fontweight="bold")
    fig.tight_layout()
    return fig


def keyness_figure(
    table: pd.DataFrame, *, n: int = 15, target: str = "target", reference: str = "reference"
) -> plt.Figure:
    """Diverging bars of the log ratio for the ``n`` key terms of each direction (ranked by G²).

    Labels give ``count target / count reference`` and G².
    """
    parts = [
        table[table["direction"] == "target"].head(n),
        table[table["direction"] == "reference"].head(n).iloc[::-1],
    ]
    shown = pd.concat(parts).iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 1.2 + 0.3 * max(len(shown), 1)))
    colors = [PALETTE[0] if d == "target" else PALETTE[1] for d in shown["direction"]]
    bars = ax.barh(shown["term"].astype(str), shown["log_ratio"], color=colors)
    labels = [
        f"{a}/{b}, G²={g:.1f}"
        for a, b, g in zip(
            shown["count_target"], shown["count_reference"], shown["g2"], strict=True
        )
    ]
    ax.bar_label(bars, labels=labels, padding=2, fontsize=8)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.margins(x=0.35)
    ax.set_xlabel(
        f"Log ratio (log2 of relative frequency, {target} vs {reference}; labels: counts, G²)"
    )
    ax.set_ylabel(term_axis_label(shown["term"]))
    ax.set_title(f"Key terms: {target} (right) vs {reference} (left)")
    return fig


def bigrams_figure(bigrams: pd.DataFrame, *, n: int = 25, title: str = "") -> plt.Figure:
    """Bar chart of the ``n`` most frequent bigrams (count, labelled with the number of articles)."""
    top = bigrams.head(n).iloc[::-1]
    fig, ax = plt.subplots(figsize=(7, 1 + 0.28 * max(len(top), 1)))
    bars = ax.barh(top["ngram"].astype(str), top["count"], color=PALETTE[2])
    ax.bar_label(bars, labels=[f"{k} art." for k in top["n_articles"]], padding=2, fontsize=8)
    ax.margins(x=0.18)
    ax.set_xlabel("Occurrences (count; labels: number of articles)")
    ax.set_ylabel(term_axis_label(top["ngram"], what="Bigram"))
    ax.set_title(title or "Most frequent bigrams (within sentences, no stopword at either end)")
    return fig


def sentence_length_figure(sentences: pd.DataFrame) -> plt.Figure:
    """Histogram of sentence lengths in words (a :func:`utils.text.token_tables.sentence_table` table)."""
    lengths = sentences["n_tokens"]
    longest = int(lengths.max()) if len(lengths) else 0
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.hist(lengths, bins=range(0, longest + 5, 2))
    n_articles = sentences["article_id"].nunique()
    ax.set(
        xlabel="Sentence length (words)",
        ylabel="Sentences (count)",
        title=f"Sentence lengths ({len(sentences):,} sentences, {n_articles:,} articles)",
    )
    return fig
