"""FIGURE_FORMATS: PNG + SVG by default, PDF on request; SVG text stays editable text in one
named font; every format byte-identical run to run; figures that lack data say so."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from utils import figures


@pytest.fixture(autouse=True)
def default_formats():
    figures.apply_style()
    yield
    figures.use_formats(figures.FORMATS)
    plt.close("all")


def bar_figure():
    fig, ax = plt.subplots()
    ax.bar(["Kim Jong-un", "Prabowo"], [3, 2])
    ax.set(xlabel="Aktor", ylabel="Sebutan (count)", title="“Kerja sama” Rusia–Korut")
    return fig


def test_default_formats_are_png_and_svg(tmp_path):
    written = figures.save(bar_figure(), "04-test-figure", params={}, figures_dir=tmp_path)
    assert [p.suffix for p in written] == [".png", ".svg"]


def test_pdf_on_request_and_every_format_is_deterministic(tmp_path):
    figures.use_formats(["png", "svg", "pdf"])
    first = figures.save(bar_figure(), "04-test-figure", params={}, figures_dir=tmp_path / "a")
    second = figures.save(bar_figure(), "04-test-figure", params={}, figures_dir=tmp_path / "b")
    assert [p.suffix for p in first] == [".png", ".svg", ".pdf"]
    for one, two in zip(first, second, strict=True):
        assert one.read_bytes() == two.read_bytes(), one.name
    pdf = first[2].read_bytes()
    assert pdf.startswith(b"%PDF") and b"CreationDate" not in pdf
    assert figures.read_manifest(tmp_path / "a")["files"].tolist() == [
        "04-test-figure.png;04-test-figure.svg;04-test-figure.pdf"
    ]
    assert len(figures.remove(["04-test-figure"], figures_dir=tmp_path / "a")) == 3


def test_svg_text_is_editable_text_in_the_named_font(tmp_path):
    [_, svg] = figures.save(bar_figure(), "04-test-figure", params={}, figures_dir=tmp_path)
    text = svg.read_text(encoding="utf-8")
    assert "<text" in text and "Kim Jong-un" in text and "Rusia–Korut" in text
    assert figures.FONT_FAMILY in text
    assert "<dc:date>" not in text


def test_count_axes_never_go_below_zero_and_empty_timelines_say_why():
    timeline = pd.DataFrame(
        {
            "period": pd.to_datetime(["2023-08-01", "2023-09-01"]),
            "pair": ["Kim Jong Un – Vladimir Putin"] * 2,
            "co_mentions": [0, 0],
            "share_of_articles": [0.0, 0.0],
            "is_dated": [True, True],
        }
    )
    fig = figures.co_mention_timeline_figure(timeline)
    assert "None of these pairs" in fig.axes[0].texts[-1].get_text()
    timeline["co_mentions"] = [0, 2]
    fig = figures.co_mention_timeline_figure(timeline)
    assert fig.axes[0].get_ylim()[0] == 0
    fig = figures.co_mention_timeline_figure(timeline.assign(is_dated=False))
    assert "No dated articles" in fig.axes[0].texts[-1].get_text()


def test_term_trend_falls_back_to_the_corpus_top_terms_and_draws_rates():
    by_period = pd.DataFrame(
        {
            "period": pd.to_datetime(["2023-08-01", "2023-09-01", "2023-09-01"]),
            "term": ["Korea Utara", "Korea Utara", "rudal"],
            "count": [2, 3, 1],
            "n_words": [400, 600, 600],
            "per_1000": [5.0, 5.0, 1.0 / 0.6],
        }
    )
    choice = figures.choose(["amunisi"], available=["Korea Utara", "rudal"], n=2, what="terms")
    assert choice.fallback and choice.items == ["Korea Utara", "rudal"]
    assert "amunisi" in choice.note and "Korea Utara" in choice.note
    trend = figures.term_trend(by_period, choice.items)
    assert len(trend) == 4 and trend["per_1000"].min() == 0
    fig = figures.term_trend_figure(trend, subtitle=choice.note)
    ax = fig.axes[0]
    assert len(ax.lines) == 2 and ax.get_ylim()[0] == 0
    assert ax.get_ylabel() == "Rate (per 1,000 words)"
