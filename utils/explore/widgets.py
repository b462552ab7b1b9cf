"""The explorer as ipywidgets, or its static stand-in when no one can click (headless, HTML).

>>> import pandas as pd
>>> from utils.engine import EngineOptions
>>> from utils.text import token_table
>>> articles = pd.DataFrame({"article_id": ["a1"], "outlet": ["Tempo"],
...     "date": pd.to_datetime(["2023-08-14"]), "text": ["Rusia mencari amunisi dari Korut."]})
>>> result = explorer(token_table(articles, options=EngineOptions(progress=False)), articles, query="amunisi", show=False)
>>> result.kind, result.kwic["keyword"].tolist()
('static', ['amunisi'])
>>> plt.close(result.figure)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd

from utils.explore.tables import (
    co_occurrence_sentences,
    frequency_figure,
    frequency_over_time,
    kwic_lines,
)
from utils.progress import interactive

BIN_TEXT = {"D": "day", "W": "week", "MS": "month", "QS": "quarter", "YS": "year"}


@dataclass
class Explored:
    """What the explorer showed: ``kind`` ("widgets" or "static"), the tables and the figure."""

    kind: str
    kwic: pd.DataFrame
    frequency: pd.DataFrame
    sentences: pd.DataFrame
    figure: Any = None
    widget: Any = None


def _actor_options(mentions: pd.DataFrame | None) -> list[tuple[str, str]]:
    if mentions is None or mentions.empty:
        return []
    counted = mentions[mentions["actor"].notna()]
    ranked = counted.groupby(["actor", "label"]).size().sort_values(ascending=False)
    return [(f"{label} ({count})", actor) for (actor, label), count in ranked.items()]


def explorer(
    tokens: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    mentions: pd.DataFrame | None = None,
    query: str = "",
    pair: Sequence[str] | None = None,
    freq: str = "MS",
    window: int = 7,
    match: str = "norm",
    show: bool = True,
    force_static: bool = False,
) -> Explored:
    """Type a word, phrase or actor name: its KWIC lines (by outlet and date), its rate over
    time, and for two actors the sentences where both occur.

    In JupyterLab (:func:`utils.progress.interactive`) this shows widgets that answer each
    query without re-running the notebook. Headless (``make run``) and with
    ``force_static`` it displays a static table and figure for ``query`` and ``pair``.
    """
    static = force_static or not interactive()
    bin_text = BIN_TEXT.get(freq, freq)
    tokens = tokens.sort_values(["article_id", "position"], kind="stable", ignore_index=True)
    pair = list(pair or [])
    if not pair and mentions is not None:  # the two most mentioned actors
        pair = [actor for _, actor in _actor_options(mentions)[:2]]
    if static:
        lines = kwic_lines(tokens, query, articles=articles, window=window, match=match)
        table = frequency_over_time(tokens, query, articles=articles, freq=freq, match=match)
        sentences = (
            co_occurrence_sentences(mentions, articles, pair[0], pair[1])
            if mentions is not None and len(pair) == 2
            else pd.DataFrame(columns=["article_id", "unit_no", "actors", "text"])
        )
        fig = frequency_figure(table, query=query, bin_text=bin_text)
        if show:
            from IPython.display import display

            display(lines.head(30))
            display(sentences.head(20))
        return Explored("static", lines, table, sentences, figure=fig)
    return _widgets(tokens, articles, mentions, query, pair, freq, window, match, bin_text)


def _widgets(tokens, articles, mentions, query, pair, freq, window, match, bin_text) -> Explored:
    import ipywidgets as w
    from IPython.display import display

    outlets = (
        sorted(articles["outlet"].dropna().astype(str).unique()) if "outlet" in articles else []
    )
    dates = pd.to_datetime(articles.get("date"), errors="coerce").dropna()
    text = w.Text(value=query, description="Word", placeholder="a word, phrase or actor name",
                  continuous_update=False)  # fmt: skip
    outlet_box = w.SelectMultiple(
        options=outlets, description="Outlets", rows=min(6, max(len(outlets), 1))
    )
    span = f"{dates.min().date()} … {dates.max().date()}" if len(dates) else "no dates"
    first = w.Text(value="", description="From", placeholder=f"YYYY-MM-DD ({span})")
    last = w.Text(value="", description="To", placeholder="YYYY-MM-DD (empty: all)")
    actors = _actor_options(mentions)
    actor_a = w.Dropdown(options=[("—", "")] + actors, description="Actor A")
    actor_b = w.Dropdown(options=[("—", "")] + actors, description="Actor B")
    if len(pair) == 2 and {pair[0], pair[1]} <= {value for _, value in actors}:
        actor_a.value, actor_b.value = pair[0], pair[1]
    out_lines, out_figure, out_pair = w.Output(), w.Output(), w.Output()
    state = Explored("widgets", pd.DataFrame(), pd.DataFrame(), pd.DataFrame())

    def refresh_word(*_: Any) -> None:
        state.kwic = kwic_lines(tokens, text.value, articles=articles, window=window, match=match,
                                outlets=list(outlet_box.value) or None,
                                date_from=first.value or None, date_to=last.value or None)  # fmt: skip
        state.frequency = frequency_over_time(
            tokens, text.value, articles=articles, freq=freq, match=match
        )
        with out_lines:
            out_lines.clear_output(wait=True)
            display(pd.DataFrame({"lines": [len(state.kwic)]}))
            with pd.option_context("display.max_rows", 200, "display.max_colwidth", 120):
                display(state.kwic.head(200))
        with out_figure:
            out_figure.clear_output(wait=True)
            if state.figure is not None:
                plt.close(state.figure)
            state.figure = frequency_figure(state.frequency, query=text.value, bin_text=bin_text)
            display(state.figure)
            plt.close(state.figure)

    def refresh_pair(*_: Any) -> None:
        state.sentences = (
            co_occurrence_sentences(mentions, articles, actor_a.value, actor_b.value)
            if mentions is not None
            else state.sentences
        )
        with out_pair:
            out_pair.clear_output(wait=True)
            with pd.option_context("display.max_colwidth", 300):
                display(state.sentences)

    for control in (text, outlet_box, first, last):
        control.observe(refresh_word, names="value")
    for control in (actor_a, actor_b):
        control.observe(refresh_pair, names="value")
    word_tab = w.VBox([w.HBox([text, outlet_box]), w.HBox([first, last]), out_figure, out_lines])
    pair_tab = w.VBox([w.HBox([actor_a, actor_b]), out_pair])
    tabs = w.Tab(children=[word_tab, pair_tab])
    tabs.set_title(0, "Word in context")
    tabs.set_title(1, "Two actors")
    state.widget = tabs
    display(tabs)
    refresh_word()
    refresh_pair()
    return state
