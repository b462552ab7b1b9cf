"""Tables and figures of notebook 01 about stories: stories vs articles, who carries whose copy.

Tables are computed from the stories table (:func:`utils.stories.find_stories`); each figure
function returns a matplotlib figure that says so in its middle when there is nothing to draw
(a corpus without copies or credits).

>>> import pandas as pd
>>> stories = pd.DataFrame({"article_id": ["a", "b", "c"], "story_id": ["a", "a", "c"],
...     "is_representative": [True, False, True], "relation": ["unique", "republished", "unique"],
...     "similarity_to_representative": [1.0, 0.97, 1.0], "story_size": [2, 2, 1],
...     "outlet": ["ANTARA", "Republika", "Tempo"], "wire_credits": ["ANTARA", None, "Reuters"],
...     "date": pd.to_datetime(["2023-09-13", "2023-09-14", "2023-09-13"]), "title": [None] * 3})
>>> stories_per_outlet(stories)[["outlet", "articles", "stories"]].values.tolist()
[['ANTARA', 1, 1], ['Republika', 1, 0], ['Tempo', 1, 1]]
>>> copy_sources(stories)[["outlet", "source", "articles"]].values.tolist()
[['ANTARA', 'ANTARA (credit)', 1], ['Republika', 'ANTARA (copy)', 1], ['Tempo', 'Reuters (credit)', 1]]
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

UNKNOWN_OUTLET = "(unknown outlet)"


def _outlets(stories: pd.DataFrame) -> pd.Series:
    return stories["outlet"].fillna(UNKNOWN_OUTLET).astype(str)


def stories_per_outlet(stories: pd.DataFrame) -> pd.DataFrame:
    """Articles, stories (articles that represent their story) and copies per outlet."""
    frame = pd.DataFrame(
        {"outlet": _outlets(stories), "rep": stories["is_representative"].astype(bool)}
    )
    table = (
        frame.groupby("outlet", sort=True)
        .agg(articles=("rep", "size"), stories=("rep", "sum"))
        .reset_index()
    )
    table["copies"] = table["articles"] - table["stories"]
    return table.astype({"articles": "int64", "stories": "int64", "copies": "int64"})


def copy_sources(stories: pd.DataFrame) -> pd.DataFrame:
    """Whose copy each outlet carries: one row per (outlet, source) with the article count.

    The source is each wire credit of an article (``Reuters (credit)``) and, for a copy of a
    story first published elsewhere, the outlet of its representative (``ANTARA (copy)``).
    Articles with neither are left out.
    """
    outlet = _outlets(stories)
    rep_outlet = pd.Series(outlet.to_numpy(), index=stories["article_id"].astype(str))
    rows = []
    for i, (credits, story, is_rep) in enumerate(zip(stories["wire_credits"], stories["story_id"].astype(str),
                                                     stories["is_representative"], strict=True)):  # fmt: skip
        if isinstance(credits, str) and credits:
            rows.extend((outlet.iloc[i], f"{name} (credit)") for name in credits.split(" | "))
        if not is_rep:
            rows.append((outlet.iloc[i], f"{rep_outlet[story]} (copy)"))
    table = pd.DataFrame(rows, columns=["outlet", "source"])
    return (table.groupby(["outlet", "source"]).size().rename("articles").reset_index()
            .sort_values(["outlet", "source"], kind="stable").reset_index(drop=True))  # fmt: skip


def largest_stories(stories: pd.DataFrame, *, n: int = 10) -> pd.DataFrame:
    """Members of the ``n`` largest multi-article stories (largest first, then story_id)."""
    multi = stories[stories["story_size"] > 1]
    top = (multi.drop_duplicates("story_id").sort_values(["story_size", "story_id"], ascending=[False, True])
           ["story_id"].head(n).tolist())  # fmt: skip
    members = multi[multi["story_id"].isin(top)].copy()
    members["_order"] = members["story_id"].map({s: k for k, s in enumerate(top)})
    members = members.sort_values(
        ["_order", "is_representative", "article_id"], ascending=[True, False, True]
    )
    columns = ["story_id", "article_id", "outlet", "date", "is_representative", "relation",
               "similarity_to_representative", "wire_credits", "title"]  # fmt: skip
    return members[[c for c in columns if c in members.columns]].reset_index(drop=True)


def _nothing(ax: plt.Axes, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, wrap=True)
    ax.set_xticks([])
    ax.set_yticks([])


def stories_vs_articles_figure(per_outlet: pd.DataFrame, *, subtitle: str) -> plt.Figure:
    """Bars per outlet: articles, and the stories they count as once copies are merged.

    >>> table = pd.DataFrame({"outlet": ["ANTARA", "Republika"], "articles": [2, 1], "stories": [2, 0],
    ...                       "copies": [0, 1]})
    >>> ax = stories_vs_articles_figure(table, subtitle="5 articles").axes[0]
    >>> len(ax.patches)
    4
    >>> plt.close("all")
    """
    fig, ax = plt.subplots(figsize=(7, 0.8 + 0.5 * max(len(per_outlet), 1)))
    if per_outlet.empty:
        _nothing(ax, "No articles.")
    else:
        y = range(len(per_outlet))
        ax.barh([k - 0.2 for k in y], per_outlet["articles"], height=0.4, label="articles")
        ax.barh(
            [k + 0.2 for k in y],
            per_outlet["stories"],
            height=0.4,
            label="stories (first copy here)",
        )
        ax.set_yticks(list(y), per_outlet["outlet"])
        ax.invert_yaxis()
        ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
        ax.legend(loc="lower right")
        ax.set(xlabel="Count", ylabel="Outlet")
    ax.set_title(f"Articles and stories per outlet\n{subtitle}", loc="left")
    return fig


def copy_sources_figure(sources: pd.DataFrame, *, subtitle: str) -> plt.Figure:
    """Heatmap: rows are outlets, columns the wire credits and outlets whose copy they carry.

    >>> ax = copy_sources_figure(pd.DataFrame(columns=["outlet", "source", "articles"]), subtitle="").axes[0]
    >>> ax.texts[0].get_text().startswith("Nothing to show")
    True
    >>> plt.close("all")
    """
    if sources.empty:
        fig, ax = plt.subplots(figsize=(7, 2.5))
        _nothing(
            ax, "Nothing to show: no article carries a wire credit or a copy of another article."
        )
    else:
        matrix = (
            sources.pivot(index="outlet", columns="source", values="articles").fillna(0).astype(int)
        )
        fig, ax = plt.subplots(figsize=(1.5 + 1.1 * matrix.shape[1], 1.2 + 0.5 * matrix.shape[0]))
        top = max(int(matrix.to_numpy().max()), 1)
        ax.imshow(matrix.to_numpy(), cmap="Blues", aspect="auto", vmin=0, vmax=top * 1.25)
        ax.grid(False)
        for (r, c), value in pd.DataFrame(matrix.to_numpy()).stack().items():
            if value:
                ax.text(
                    c,
                    r,
                    str(value),
                    ha="center",
                    va="center",
                    color="white" if value > top / 2 else "black",
                )
        if not sources["source"].str.endswith("(copy)").any():
            subtitle = f"{subtitle} · no article is a copy of another: wire credits only".lstrip(
                " ·"
            )
        ax.set_xticks(range(matrix.shape[1]), matrix.columns, rotation=30, ha="right")
        ax.set_yticks(range(matrix.shape[0]), matrix.index)
        ax.set(xlabel="Whose copy (wire credit, or outlet of the first copy)", ylabel="Carried by")
    ax.set_title(f"Who carries whose copy\n{subtitle}", loc="left")
    return fig


def note_counting(fig: plt.Figure, text: str) -> plt.Figure:
    """Write what was counted (``COUNT_BY``) in small grey type at the figure's bottom left.

    >>> fig = note_counting(plt.figure(), "counted by story: 40 stories of 55 articles")
    >>> fig.texts[-1].get_text()
    'counted by story: 40 stories of 55 articles'
    >>> plt.close(fig)
    """
    fig.text(0.01, 0.002, text, ha="left", va="bottom", fontsize=8, color="#555555")
    return fig
