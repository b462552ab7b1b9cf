"""The data behind notebook 04's and notebook 01's figures (not their pixels), on the seed corpus."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import LineCollection  # noqa: E402

from utils import actors, comentions
from utils import figures as figure_utils  # noqa: E402
from utils.comentions import timelines
from utils.corpus import coverage
from utils.figures import comention_plots, coverage_plots

HEATMAP_N = 15


@pytest.fixture(autouse=True)
def _close_figures():
    figure_utils.apply_style()
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def per_actor(mentions, seeds) -> pd.DataFrame:
    return actors.mentions_per_actor(mentions, n_articles=len(seeds))


@pytest.fixture(scope="module")
def pairs(mentions, seeds) -> pd.DataFrame:
    return comentions.co_mentions(mentions, scope="sentence", articles=seeds, min_count=5)


# --------------------------------------------------------------------------- mentions per actor


def test_per_actor_table_counts_resolved_mentions_only(mentions, seeds, per_actor):
    resolved = mentions[mentions["actor"].notna()]
    assert per_actor["mentions"].sum() == len(resolved)
    assert set(per_actor["actor"]) == set(resolved["actor"])
    putin = per_actor.set_index("actor").loc["vladimir_putin"]
    assert putin["mentions"] == (resolved["actor"] == "vladimir_putin").sum()
    assert (
        putin["articles"]
        == resolved.loc[resolved["actor"] == "vladimir_putin", "article_id"].nunique()
    )
    assert putin["share_of_articles"] == putin["articles"] / len(seeds)
    assert per_actor["mentions"].is_monotonic_decreasing
    assert per_actor["share_of_articles"].between(0, 1).all()


def test_bar_chart_has_one_bar_per_row_in_the_table_order(per_actor, seeds):
    fig = comention_plots.mentions_per_actor_figure(
        per_actor, n=10, n_articles=len(seeds), subtitle="metonyms on · all dates"
    )
    ax = fig.axes[0]
    top = per_actor.head(10)
    assert len(ax.patches) == len(top) == 10
    assert [bar.get_width() for bar in ax.patches] == top["mentions"].tolist()
    assert [t.get_text() for t in ax.get_yticklabels()] == top["label"].tolist()  # top first
    first = top.iloc[0]
    assert ax.texts[0].get_text() == (
        f"{first.mentions} in {first.articles} art. ({first.share_of_articles:.0%})"
    )
    assert ax.get_title(loc="left") == f"Mentions per actor ({len(seeds)} articles)"
    assert "metonyms on · all dates" in [t.get_text() for t in ax.texts]


# --------------------------------------------------------------------------- heatmap


def test_heatmap_matrix_is_symmetric_and_follows_the_actor_order(pairs, per_actor):
    matrix = comentions.top_co_mention_matrix(pairs, per_actor, n=HEATMAP_N)
    assert list(matrix.index) == list(matrix.columns)
    assert 2 <= len(matrix) <= HEATMAP_N
    values = matrix.to_numpy()
    assert np.isnan(np.diag(values)).all()
    assert np.array_equal(np.nan_to_num(values), np.nan_to_num(values.T))
    top_labels = per_actor["label"].head(HEATMAP_N).tolist()
    assert list(matrix.index) == [label for label in top_labels if label in matrix.index]
    pair = pairs[(pairs.actor_a == "kim_jong_un") & (pairs.actor_b == "vladimir_putin")].iloc[0]
    assert matrix.loc[pair.label_a, pair.label_b] == pair.co_mentions


def test_heatmap_figure_shows_the_matrix_counts(pairs, per_actor):
    matrix = comentions.top_co_mention_matrix(pairs, per_actor, n=HEATMAP_N)
    fig = comention_plots.co_mention_heatmap_figure(matrix, scope="sentence", subtitle="s")
    ax, colorbar = fig.axes
    assert colorbar.get_ylabel() == "Co-mentions (sentences, count)"
    annotated = sorted(int(t.get_text()) for t in ax.texts if t.get_text().isdigit())
    off_diagonal = matrix.stack().dropna()  # both triangles; the diagonal is masked
    assert annotated == sorted(int(v) for v in off_diagonal)
    assert [t.get_text() for t in ax.get_yticklabels()] == list(matrix.index)


def test_heatmap_of_window_scope_counts_mention_pairs_and_empty_matrix_says_so():
    matrix = pd.DataFrame(
        [[np.nan, 2.0], [2.0, np.nan]], index=["AS", "Korut"], columns=["AS", "Korut"]
    )
    fig = comention_plots.co_mention_heatmap_figure(matrix, scope="window")
    assert fig.axes[1].get_ylabel() == "Co-mentions (mention pairs, count)"
    empty = comention_plots.co_mention_heatmap_figure(pd.DataFrame(), scope="sentence")
    assert "No co-mentions in these articles" in [t.get_text() for t in empty.axes[0].texts]


# --------------------------------------------------------------------------- network


@pytest.fixture(scope="module")
def graph(pairs, per_actor):
    return comentions.co_mention_graph(
        comentions.top_actor_pairs(pairs, per_actor, n=HEATMAP_N)
    )


def test_network_draws_every_actor_and_pair(graph):
    fig = comention_plots.co_mention_network_figure(graph, subtitle="scope: sentence")
    ax = fig.axes[0]
    labels = comention_plots.network_labels(ax)
    assert sorted(t.get_text() for t in labels) == sorted(dict(graph.nodes(data="label")).values())
    (edges,) = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(edges.get_segments()) == graph.number_of_edges()
    assert "UN Security Council" in {t.get_text() for t in labels}


def node_discs(ax):
    """(x, y, radius) in pixels of every node disc drawn on ``ax``."""
    from matplotlib.collections import PathCollection

    (nodes,) = [c for c in ax.collections if isinstance(c, PathCollection)]
    centres = ax.transData.transform(nodes.get_offsets())
    radii = np.sqrt(nodes.get_sizes()) / 2 * ax.figure.dpi / 72
    return [(x, y, r) for (x, y), r in zip(centres, radii, strict=True)]


def covers(box, disc) -> bool:
    x, y, radius = disc
    nearest_x, nearest_y = min(max(x, box.x0), box.x1), min(max(y, box.y0), box.y1)
    return (nearest_x - x) ** 2 + (nearest_y - y) ** 2 < radius**2


@pytest.mark.parametrize("scope", ["sentence", "article"])
def test_network_labels_cover_no_node_and_no_other_label(mentions, seeds, per_actor, scope):
    pairs = comentions.co_mentions(mentions, scope=scope, articles=seeds, min_count=5)
    graph = comentions.co_mention_graph(comentions.top_actor_pairs(pairs, per_actor, n=25))
    ax = comention_plots.co_mention_network_figure(graph).axes[0]
    ax.figure.canvas.draw()
    boxes = [label.get_window_extent() for label in comention_plots.network_labels(ax)]
    discs = node_discs(ax)
    assert len(boxes) == len(discs) == graph.number_of_nodes() > 15
    for i, box in enumerate(boxes):
        assert not any(covers(box, disc) for disc in discs), f"label {i} covers a node"
        assert not any(box.overlaps(other) for other in boxes[i + 1 :]), f"label {i} overlaps"


def test_network_title_is_no_wider_than_the_axes(graph):
    ax = comention_plots.co_mention_network_figure(
        graph, subtitle="scope: sentence · dashed: fewer than 5 co-mentions · all dates"
    ).axes[0]
    ax.figure.canvas.draw()
    frame = ax.get_window_extent()
    title = ax.title if ax.title.get_text() else ax._left_title
    assert title.get_text() == "Co-mention network"
    assert title.get_window_extent().x1 <= frame.x1
    notes = [t.get_text() for t in ax.texts if t.get_gid() != "node-label"]
    assert any("node size = units mentioning the actor" in note for note in notes)


def test_network_labels_fit_inside_the_axes_and_sit_next_to_their_nodes(graph):
    fig = comention_plots.co_mention_network_figure(graph)
    ax = fig.axes[0]
    fig.canvas.draw()
    (left, right), (bottom, top) = ax.get_xlim(), ax.get_ylim()
    frame = ax.get_window_extent()
    labels = comention_plots.network_labels(ax)
    assert labels
    for label in labels:
        x, y = label.xy  # the node it names
        assert left < x < right and bottom < y < top, label.get_text()
        box = label.get_window_extent()
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1, f"{label.get_text()} cut off at the side"
        assert frame.y0 <= box.y0 and box.y1 <= frame.y1, f"{label.get_text()} cut off at the top"
        node_x, node_y = ax.transData.transform((x, y))
        assert not (box.x0 < node_x < box.x1 and box.y0 < node_y < box.y1), label.get_text()
        gap = max(box.x0 - node_x, node_x - box.x1, box.y0 - node_y, node_y - box.y1)
        assert gap < 40, f"{label.get_text()} is far from its node"


def test_network_labels_fit_even_when_long_names_sit_at_the_edge():
    labels = {f"actor_{i}": f"Dewan Keamanan Perserikatan Bangsa-Bangsa {i}" for i in range(8)}
    graph = nx.Graph()
    for node, label in labels.items():
        graph.add_node(node, label=label, count=3)
    for i in range(7):
        graph.add_edge(f"actor_{i}", f"actor_{i + 1}", weight=1, low_count=True)
    ax = comention_plots.co_mention_network_figure(graph).axes[0]
    ax.figure.canvas.draw()
    frame = ax.get_window_extent()
    for label in comention_plots.network_labels(ax):
        box = label.get_window_extent()
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and box.y1 <= frame.y1, label.get_text()


def test_network_of_no_pairs_is_an_empty_figure():
    fig = comention_plots.co_mention_network_figure(nx.Graph(), subtitle="nothing")
    assert comention_plots.network_labels(fig.axes[0]) == []


# --------------------------------------------------------------------------- timeline


def test_timeline_draws_one_line_per_pair_over_dated_bins(mentions, seeds):
    pair_timeline = timelines.co_mention_timeline(
        mentions,
        seeds,
        scope="sentence",
        freq="MS",
        pairs=[("vladimir_putin", "kim_jong_un"), ("russia", "north_korea")],
    )
    fig = comention_plots.co_mention_timeline_figure(pair_timeline, bin_text="month", subtitle="s")
    ax_count, ax_share = fig.axes
    dated = pair_timeline[pair_timeline["is_dated"]]
    assert len(ax_count.lines) == len(ax_share.lines) == dated["pair"].nunique() == 2
    for line, (_, part) in zip(ax_count.lines, dated.groupby("pair", sort=True), strict=True):
        assert list(line.get_ydata()) == part["co_mentions"].tolist()
    for line, (_, part) in zip(ax_share.lines, dated.groupby("pair", sort=True), strict=True):
        np.testing.assert_array_equal(line.get_ydata(), part["share_of_articles"])
    assert ax_share.get_ylim() == (0, 1.05)
    assert ax_count.get_title(loc="left") == "Co-mentions of the main pairs per month"


# --------------------------------------------------------------------------- notebook 01


def test_outlet_bars_match_the_outlet_summary(seeds):
    by_outlet = coverage.outlet_summary(seeds)
    ax = coverage_plots.articles_per_outlet_figure(by_outlet).axes[0]
    assert len(ax.patches) == len(by_outlet)
    assert [bar.get_width() for bar in ax.patches] == by_outlet["n_articles"].tolist()
    assert [t.get_text() for t in ax.get_yticklabels()] == by_outlet["outlet"].tolist()
    assert [t.get_text() for t in ax.texts] == [
        f"{n} ({s:.0%})" for n, s in zip(by_outlet["n_articles"], by_outlet["share"], strict=True)
    ]


def test_date_coverage_places_every_dated_article_on_its_outlet_row(seeds):
    spans = coverage.date_spans(seeds)
    outlets = coverage.outlet_summary(seeds)["outlet"].tolist()
    n_undated = int(seeds["date"].isna().sum())
    ax = coverage_plots.date_coverage_figure(spans, outlets=outlets, n_undated=n_undated).axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == outlets
    assert (
        ax.get_title(loc="left")
        == f"Date coverage: {len(spans)} dated articles, {n_undated} undated"
    )
    drawn = sum(len(c.get_segments()) for c in ax.collections if isinstance(c, LineCollection))
    drawn += sum(len(line.get_xdata()) for line in ax.lines)
    assert drawn == len(spans)
