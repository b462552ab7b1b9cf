"""The explorer: KWIC lines filtered by outlet and date, frequency over time, co-occurrence
sentences, and a static result (no widgets) in headless runs."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from utils import actors, explore, paths, progress
from utils.engine import EngineOptions
from utils.text import token_table

ARTICLES = pd.DataFrame(
    {
        "article_id": ["a1", "a2", "a3"],
        "outlet": ["Tempo", "ANTARA", "Tempo"],
        "date": pd.to_datetime(["2023-08-14", "2023-09-13", None]),
        "text": [
            "Rusia mencari amunisi dari Korea Utara. Putin bertemu Kim Jong-un.",
            "Korea Utara menjual amunisi ke Rusia. Vladimir Putin dan Kim Jong Un berjabat tangan.",
            "Amunisi tua ditemukan di Bekasi.",
        ],
    }
)


@pytest.fixture(scope="module")
def tokens():
    return token_table(ARTICLES, options=EngineOptions(progress=False))


def test_kwic_lines_filter_by_outlet_and_date(tokens):
    every = explore.kwic_lines(tokens, "amunisi", articles=ARTICLES)
    assert every["article_id"].tolist() == ["a1", "a2", "a3"]
    tempo = explore.kwic_lines(tokens, "amunisi", articles=ARTICLES, outlets=["Tempo"])
    assert tempo["article_id"].tolist() == ["a1", "a3"]
    september = explore.kwic_lines(tokens, "amunisi", articles=ARTICLES, date_from="2023-09-01")
    assert september["article_id"].tolist() == ["a2"]
    phrase = explore.kwic_lines(tokens, "Korea Utara", articles=ARTICLES)
    assert phrase["keyword"].tolist() == ["Korea Utara", "Korea Utara"]


def test_frequency_over_time_counts_dated_hits_per_bin(tokens):
    table = explore.frequency_over_time(tokens, "amunisi", articles=ARTICLES, freq="MS")
    assert table["hits"].tolist() == [1, 1]  # the undated Bekasi article is left out
    words = tokens[(tokens.article_id == "a1") & ~tokens.is_punct]
    assert table["per_1000"].iloc[0] == pytest.approx(1000 / len(words))
    fig = explore.frequency_figure(table, query="amunisi")
    assert fig.axes[0].get_ylim()[0] == 0
    none = explore.frequency_over_time(tokens, "rudal", articles=ARTICLES, freq="MS")
    fig = explore.frequency_figure(none, query="rudal")
    assert "does not occur" in fig.axes[0].texts[-1].get_text()
    plt.close("all")


def test_headless_explorer_is_static_and_finds_co_occurrences(tokens, monkeypatch):
    monkeypatch.setenv(progress.HEADLESS_ENV, "1")
    actor_list = actors.load_actors(paths.DATA_DIR / "actors.csv")
    mentions = actors.find_mentions(ARTICLES, actor_list, options=EngineOptions(progress=False, cache=False))
    result = explore.explorer(
        tokens,
        ARTICLES,
        mentions=mentions,
        query="amunisi",
        pair=["vladimir_putin", "kim_jong_un"],
        show=False,
    )
    assert result.kind == "static" and result.widget is None
    assert len(result.kwic) == 3
    assert result.sentences["article_id"].tolist() == ["a1", "a2"]
    assert all("Putin" in text for text in result.sentences["text"])
    plt.close("all")


def test_in_a_kernel_the_explorer_builds_widgets_that_answer_a_new_word(tokens, monkeypatch):
    pytest.importorskip("ipywidgets")
    monkeypatch.delenv(progress.HEADLESS_ENV, raising=False)
    monkeypatch.setattr(progress, "in_kernel", lambda: True)
    result = explore.explorer(tokens, ARTICLES, query="amunisi")
    assert result.kind == "widgets" and len(result.kwic) == 3
    word_box = result.widget.children[0].children[0].children[0]
    word_box.value = "Korea Utara"  # what typing and pressing Enter does
    assert result.kwic["keyword"].tolist() == ["Korea Utara", "Korea Utara"]
    assert result.frequency["hits"].tolist() == [1, 1]
    plt.close("all")
