"""Figures for notebook 04 (co-mentions), drawn from the tables of :mod:`utils.comentions.pairs`.

Each ``*_figure`` function takes a table the notebook already has and returns a matplotlib
figure; the notebook saves it with :func:`utils.figures.export.save`. Counts sit next to shares of
articles, because an actor named twenty times in one article differs from one named once in
twenty articles. The small tables behind the bar chart and the heatmap come from
:func:`utils.actors.mention_counts.mentions_per_actor` and
:func:`utils.comentions.top_pairs.top_co_mention_matrix`.

>>> import pandas as pd
>>> from utils.actors.mention_counts import mentions_per_actor
>>> mentions = pd.DataFrame({"article_id": ["001", "001", "004"],
...     "actor": ["vladimir_putin", "kim_jong_un", "vladimir_putin"],
...     "label": ["Vladimir Putin", "Kim Jong Un", "Vladimir Putin"], "type": ["person"] * 3})
>>> per_actor = mentions_per_actor(mentions, n_articles=2)
>>> fig = mentions_per_actor_figure(per_actor, n_articles=2, subtitle="metonyms on · all dates")
>>> [t.get_text() for t in fig.axes[0].get_yticklabels()]  # top to bottom
['Vladimir Putin', 'Kim Jong Un']
>>> plt.close(fig)
"""

from __future__ import annotations

import math
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import PercentFormatter

from utils.figures.export import PALETTE, SEQUENTIAL_CMAP, add_subtitle, network_layout
from utils.figures.notes import say_why

#: Points between a node's edge and its label in the network figure; also the margin a label
#: keeps from every other node.
LABEL_GAP = 2.0
#: Where a node's label may sit, tried in this order: the direction from the node's centre
#: (x, y) and the label's alignment there. Above first; elsewhere only when that spot covers
#: another node or label.
LABEL_PLACES = (
    (0.0, 1.0, "center", "bottom"),  # above
    (0.0, -1.0, "center", "top"),  # below
    (1.0, 0.0, "left", "center"),  # right
    (-1.0, 0.0, "right", "center"),  # left
    (0.71, 0.71, "left", "bottom"),  # above right
    (-0.71, 0.71, "right", "bottom"),  # above left
    (0.71, -0.71, "left", "top"),  # below right
    (-0.71, -0.71, "right", "top"),  # below left
)
#: Extra distance (points) of a label from its node, tried in turn: next to it, then one step
#: further out when every place next to it is taken.
LABEL_STEPS = (0.0, 10.0)
#: At most this many rounds of placing the labels and widening the axes to fit them.
LABEL_ROUNDS = 4
#: Share of the layout's width/height left empty on each side of the network (room for the
#: node discs); the limits then widen further until every label fits.
NETWORK_MARGINS = {"x": 0.08, "y": 0.08}


def mentions_per_actor_figure(
    per_actor: pd.DataFrame, *, n_articles: int, subtitle: str = "", n: int | None = None
) -> plt.Figure:
    """Horizontal bars of mentions per actor (most mentioned on top), labelled with the number
    and share of articles mentioning each. ``per_actor`` is a :func:`mentions_per_actor` table;
    ``n`` keeps its first ``n`` rows (all by default).

    >>> per_actor = pd.DataFrame({"actor": ["russia", "north_korea"], "label": ["Rusia", "Korut"],
    ...     "mentions": [12, 9], "articles": [5, 4], "share_of_articles": [1.0, 0.8]})
    >>> from utils.figures.export import apply_style
    >>> apply_style()  # as the notebooks do: titles on the left
    >>> fig = mentions_per_actor_figure(per_actor, n_articles=5)
    >>> ax = fig.axes[0]
    >>> len(ax.patches), ax.get_title(loc="left"), [t.get_text() for t in ax.texts[:2]]
    (2, 'Mentions per actor (5 articles)', ['12 in 5 art. (100%)', '9 in 4 art. (80%)'])
    >>> plt.close(fig)
    """
    top = per_actor if n is None else per_actor.head(n)
    fig, ax = plt.subplots(figsize=(8, 0.6 + 0.32 * max(len(top), 1)))
    bars = ax.barh(top.label, top.mentions)
    ax.bar_label(
        bars,
        labels=[
            f"{count} in {arts} art. ({share:.0%})"
            for count, arts, share in zip(
                top.mentions, top.articles, top.share_of_articles, strict=True
            )
        ],
        padding=3,
        fontsize=8,
    )
    ax.invert_yaxis()
    ax.margins(x=0.3)
    ax.set(xlabel="Mentions (count; articles mentioning, share of articles)", ylabel="Actor")
    ax.set_xlim(left=0)
    ax.set_title(f"Mentions per actor ({n_articles} articles)", pad=20)
    add_subtitle(ax, subtitle)
    if top.empty:
        say_why(ax, "No actor from the actor list is mentioned in these articles")
    return fig


def co_mention_heatmap_figure(
    matrix: pd.DataFrame, *, scope: str = "sentence", subtitle: str = ""
) -> plt.Figure:
    """Annotated heatmap of a co-mention matrix (e.g. from :func:`top_co_mention_matrix`).

    The colour bar counts units of ``scope`` (sentences, paragraphs, articles) where both
    actors appear, or mention pairs for ``scope="window"``. An empty matrix gives a figure
    that says so.

    >>> matrix = pd.DataFrame([[None, 3.0], [3.0, None]], index=["Rusia", "Korut"],
    ...                       columns=["Rusia", "Korut"])
    >>> from utils.figures.export import apply_style
    >>> apply_style()
    >>> fig = co_mention_heatmap_figure(matrix, scope="paragraph")
    >>> fig.axes[0].get_title(loc="left"), fig.axes[1].get_ylabel()
    ('Co-mentions of the most mentioned actors', 'Co-mentions (paragraphs, count)')
    >>> plt.close(fig)
    """
    import seaborn as sns

    size = max(len(matrix.index), 1)
    fig, ax = plt.subplots(figsize=(1.6 + 0.55 * size, 1.2 + 0.5 * size))
    if matrix.empty:
        ax.text(
            0.5,
            0.5,
            "No co-mentions in these articles",
            ha="center",
            va="center",
            transform=ax.transAxes,
        )
    else:
        unit = "mention pairs" if scope == "window" else f"{scope}s"
        sns.heatmap(
            matrix,
            annot=True,
            fmt=".0f",
            cmap=SEQUENTIAL_CMAP,
            mask=matrix.isna(),
            square=True,
            cbar_kws={"label": f"Co-mentions ({unit}, count)"},
            ax=ax,
        )
    ax.set(xlabel="Actor", ylabel="Actor")
    ax.set_title("Co-mentions of the most mentioned actors", pad=20)
    add_subtitle(ax, subtitle)
    return fig


def co_mention_network_figure(graph: Any, *, subtitle: str = "", k: float = 1.2) -> plt.Figure:
    """The co-mention network of a :func:`utils.comentions.pairs.co_mention_graph` graph.

    Line width follows the co-mention count, dashed lines are ``low_count`` pairs, node area
    follows the actor's count. The layout is seeded (:func:`utils.figures.export.network_layout` with
    spring constant ``k``). Each label sits next to its node: above it, unless that would cover
    another node or label (then below, beside or diagonally, see :data:`LABEL_PLACES`); the
    axes leave room on every side so no label is cut off at the edge. The title is kept short
    so that it is no wider than the axes; what the marks mean is noted under the network.

    >>> pairs = pd.DataFrame({"actor_a": ["north_korea"], "actor_b": ["un_security_council"],
    ...     "label_a": ["Korea Utara"], "label_b": ["DK PBB"], "co_mentions": [3], "count_a": [4],
    ...     "count_b": [6], "pmi": [1.0], "npmi": [0.5], "jaccard": [0.43], "n_articles": [2],
    ...     "low_count": [True]})
    >>> from utils.comentions import co_mention_graph
    >>> fig = co_mention_network_figure(co_mention_graph(pairs))
    >>> sorted(label.get_text() for label in network_labels(fig.axes[0]))
    ['DK PBB', 'Korea Utara']
    >>> plt.close(fig)
    """
    import networkx as nx

    layout = network_layout(graph, k=k)
    fig, ax = plt.subplots(figsize=(8, 7))
    edges = list(graph.edges)
    weights = [graph.edges[edge]["weight"] for edge in edges]
    largest = max(weights, default=1)
    nx.draw_networkx_edges(
        graph,
        layout,
        ax=ax,
        edgelist=edges,
        width=[0.5 + 5 * w / largest for w in weights],
        style=["dashed" if graph.edges[e]["low_count"] else "solid" for e in edges],
        edge_color="#888888",
        alpha=0.7,
    )
    nodes = list(graph.nodes)
    most = max(max(dict(graph.nodes(data="count")).values(), default=1), 1)
    sizes = [80 + 900 * graph.nodes[node]["count"] / most for node in nodes]
    nx.draw_networkx_nodes(
        graph,
        layout,
        ax=ax,
        nodelist=nodes,
        node_size=sizes,
        node_color=PALETTE[0],
        alpha=0.85,
    )
    radii = [math.sqrt(size) / 2 for size in sizes]  # node_size is an area in points²
    for node, radius in zip(nodes, radii, strict=True):
        ax.annotate(
            graph.nodes[node]["label"],
            xy=layout[node],
            xytext=(0, radius + LABEL_GAP),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=9,
            gid="node-label",
        )
    ax.margins(**NETWORK_MARGINS)
    _place_and_fit_labels(ax, network_labels(ax), radii)
    ax.set_axis_off()
    ax.set_title("Co-mention network", pad=20)
    add_subtitle(ax, subtitle)
    if graph.number_of_edges() == 0:
        say_why(ax, "No two actors are mentioned together in these articles")
    ax.annotate(
        "edge width = co-mentions · node size = units mentioning the actor",
        xy=(0, 0), xycoords="axes fraction", xytext=(0, -LABEL_GAP), textcoords="offset points",
        ha="left", va="top", fontsize=9, color="#555555",
    )  # fmt: skip
    return fig


def _place_and_fit_labels(ax: plt.Axes, labels: list[Any], radii: list[float]) -> None:
    """Place the node labels (:func:`_place_labels`), widen the axes until they fit
    (:func:`_fit_texts`), and repeat while widening moved the nodes (at most LABEL_ROUNDS)."""
    for _ in range(LABEL_ROUNDS):
        limits = (ax.get_xlim(), ax.get_ylim())
        _place_labels(ax, labels, radii)
        _fit_texts(ax, labels)
        if (ax.get_xlim(), ax.get_ylim()) == limits:
            break


def _place_labels(ax: plt.Axes, labels: list[Any], radii: list[float]) -> None:
    """Put each node label at the first of :data:`LABEL_PLACES` around its node where it covers
    no other node (plus LABEL_GAP) and no label placed before it; where every place collides,
    at the place with the fewest and smallest overlaps. If no place next to the node is free,
    the same places one step further out (:data:`LABEL_STEPS`) are tried. Larger nodes are
    labelled first.

    ``radii`` are the node radii in points, in the order of ``labels``.
    """
    if not labels:
        return
    renderer = ax.figure.canvas.get_renderer()
    pixels_per_point = ax.figure.dpi / 72
    centres = ax.transData.transform(np.array([label.xy for label in labels], dtype=float))
    discs = [
        (x, y, (radius + LABEL_GAP) * pixels_per_point)
        for (x, y), radius in zip(centres, radii, strict=True)
    ]
    placed: list[Any] = []
    for index in sorted(range(len(labels)), key=lambda i: -radii[i]):  # stable for ties
        others = discs[:index] + discs[index + 1 :]
        best = None
        for step in LABEL_STEPS:
            for place in LABEL_PLACES:
                _move_label(labels[index], place, radii[index] + step)
                cost = _overlap(labels[index].get_window_extent(renderer), others, placed)
                if best is None or cost < best[0]:
                    best = (cost, place, step)
                if cost == (0, 0.0):
                    break
            if best[0] == (0, 0.0):
                break
        _move_label(labels[index], best[1], radii[index] + best[2])
        placed.append(labels[index].get_window_extent(renderer))


def _move_label(label: Any, place: tuple[float, float, str, str], radius: float) -> None:
    dx, dy, ha, va = place
    distance = radius + LABEL_GAP
    label.set_position((dx * distance, dy * distance))  # offset from the node, in points
    label.set_horizontalalignment(ha)
    label.set_verticalalignment(va)


def _overlap(
    box: Any, discs: list[tuple[float, float, float]], boxes: list[Any]
) -> tuple[int, float]:
    """How badly a label box (pixels) collides with node discs (x, y, radius) and other label
    boxes: the number of collisions, then the overlapping area (discs counted by their square).

    >>> from matplotlib.transforms import Bbox
    >>> _overlap(Bbox([[0, 0], [10, 4]]), [(12, 2, 3), (30, 30, 2)], [Bbox([[8, 3], [20, 9]])])
    (2, 6.0)
    """
    collisions, area = 0, 0.0
    for x, y, radius in discs:
        nearest_x, nearest_y = min(max(x, box.x0), box.x1), min(max(y, box.y0), box.y1)
        if (nearest_x - x) ** 2 + (nearest_y - y) ** 2 < radius**2:
            collisions += 1
            area += _intersection(box, (x - radius, y - radius, x + radius, y + radius))
    for other in boxes:
        shared = _intersection(box, (other.x0, other.y0, other.x1, other.y1))
        if shared > 0:
            collisions += 1
            area += shared
    return collisions, float(area)


def _intersection(box: Any, other: tuple[float, float, float, float]) -> float:
    width = min(box.x1, other[2]) - max(box.x0, other[0])
    height = min(box.y1, other[3]) - max(box.y0, other[1])
    return max(width, 0.0) * max(height, 0.0)


def _fit_texts(ax: plt.Axes, texts: list[Any], *, pad: float = 4.0) -> None:
    """Widen the axes limits until every annotation (plus ``pad`` pixels) lies inside the axes.

    An annotation's reach beyond its anchor is fixed in pixels, so the limits are solved for
    directly instead of redrawing.
    """
    if not texts:
        return
    (left, right), (bottom, top) = ax.get_xlim(), ax.get_ylim()  # settles autoscaling first
    frame = ax.get_window_extent()
    anchors = np.array([text.xy for text in texts], dtype=float)
    pixels = ax.transData.transform(anchors)
    boxes = [text.get_window_extent() for text in texts]
    lower = np.array([[box.x0, box.y0] for box in boxes])
    upper = np.array([[box.x1, box.y1] for box in boxes])
    ax.set_xlim(
        *_limits(
            anchors[:, 0], pixels[:, 0] - lower[:, 0] + pad, upper[:, 0] - pixels[:, 0] + pad,
            low=left, high=right, size=frame.width,
        )
    )  # fmt: skip
    ax.set_ylim(
        *_limits(
            anchors[:, 1], pixels[:, 1] - lower[:, 1] + pad, upper[:, 1] - pixels[:, 1] + pad,
            low=bottom, high=top, size=frame.height,
        )
    )  # fmt: skip


def _limits(
    values: np.ndarray,
    before: np.ndarray,
    after: np.ndarray,
    *,
    low: float,
    high: float,
    size: float,
) -> tuple[float, float]:
    """Smallest widening of ``(low, high)`` that keeps ``before``/``after`` pixels around every
    value inside an axis ``size`` pixels long (a fixed point, reached by iteration)."""
    if size <= 0 or before.max() + after.max() >= size:  # wider than the axes: cannot fit
        return low, high
    for _ in range(200):
        per_pixel = (high - low) / size
        new_low = min(low, float((values - before * per_pixel).min()))
        new_high = max(high, float((values + after * per_pixel).max()))
        if new_low == low and new_high == high:
            break
        low, high = new_low, new_high
    return low, high


def network_labels(ax: plt.Axes) -> list[Any]:
    """The node labels drawn by :func:`co_mention_network_figure` on ``ax`` (for checks)."""
    return [text for text in ax.texts if text.get_gid() == "node-label"]


def co_mention_timeline_figure(
    pair_timeline: pd.DataFrame, *, bin_text: str = "month", subtitle: str = ""
) -> plt.Figure:
    """Two panels over time for each actor pair: co-mentions (count) and the share of the bin's
    articles that co-mention the pair. ``pair_timeline`` is a
    :func:`utils.comentions.timelines.co_mention_timeline` table; undated rows are left out (say how many
    in ``subtitle``).

    >>> timeline = pd.DataFrame({"period": pd.to_datetime(["2023-08-01", "2023-09-01", None]),
    ...     "pair": ["Kim Jong Un – Vladimir Putin"] * 3, "co_mentions": [1, 4, 2],
    ...     "share_of_articles": [0.5, 1.0, 1.0], "is_dated": [True, True, False]})
    >>> from utils.figures.export import apply_style
    >>> apply_style()
    >>> fig = co_mention_timeline_figure(timeline, bin_text="month")
    >>> fig.axes[0].get_title(loc="left"), [len(line.get_xdata()) for line in fig.axes[0].lines]
    ('Co-mentions of the main pairs per month', [2])
    >>> plt.close(fig)
    """
    dated = pair_timeline[pair_timeline["is_dated"]]
    fig, (ax_count, ax_share) = plt.subplots(2, 1, figsize=(9, 6), sharex=True)
    if dated.empty or not dated["co_mentions"].gt(0).any():
        fig.delaxes(ax_share)
        ax_count.set_title(
            f"Co-mentions of the main pairs per {bin_text}", pad=20 + 12 * subtitle.count("\n")
        )
        add_subtitle(ax_count, subtitle)
        say_why(
            ax_count,
            "No dated articles: nothing to draw over time"
            if dated.empty
            else "None of these pairs is co-mentioned in the dated articles",
        )
        return fig
    for pair_name, part in dated.groupby("pair", sort=True):
        ax_count.plot(part.period, part.co_mentions, marker="o", label=pair_name)
        ax_share.plot(part.period, part.share_of_articles, marker="o", label=pair_name)
    ax_count.set(ylabel="Co-mentions (count)")
    ax_count.set_title(
        f"Co-mentions of the main pairs per {bin_text}", pad=20 + 12 * subtitle.count("\n")
    )
    ax_share.set(ylabel="Share of articles", xlabel=f"Time ({bin_text}, start of bin)")
    fig.align_ylabels([ax_count, ax_share])
    ax_share.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax_share.set_ylim(0, 1.05)
    ax_count.set_ylim(bottom=0)
    ax_count.legend(loc="upper left")
    add_subtitle(ax_count, subtitle)
    fig.autofmt_xdate()
    return fig
