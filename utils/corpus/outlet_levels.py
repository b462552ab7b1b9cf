"""Which outlets a table or figure shows: the level (``OUTLET_LEVEL``) and the top outlets.

Notebooks that group by outlet choose the level with one call, :func:`at_level`
(the canonical ``outlet``, its ``group``, or the ``source`` value the corpus
gave), then every by-outlet table groups the ``outlet`` column as usual.
Figures with many outlets show the largest ``TOP_OUTLETS`` and sum the rest as
"other (N outlets)" (:func:`top_outlets`), and say so in their subtitle.

>>> articles = pd.DataFrame({"outlet": ["ANTARA", "ANTARA", "Kontan"],
...     "outlet_group": ["wire agency", "wire agency", "business"],
...     "outlet_raw": ["jogja.antaranews.com", "antaranews.com", "investasi.kontan.co.id"]})
>>> outlet_sources(articles).values.tolist()
[['ANTARA', 'wire agency', 'antaranews.com', 1], ['ANTARA', 'wire agency', 'jogja.antaranews.com', 1], ['Kontan', 'business', 'investasi.kontan.co.id', 1]]
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

#: ``OUTLET_LEVEL`` values: the canonical outlet, its group, or the value the corpus gave.
LEVELS = {"outlet": "outlet", "group": "outlet_group", "source": "outlet_raw"}
NO_GROUP = "no group"


def outlet_sources(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per canonical outlet and the value the corpus gave for it, with article counts:
    what ``data/outlets.csv`` merged (see the module example)."""
    columns = [c for c in ("outlet", "outlet_group", "outlet_raw") if c in articles.columns]
    table = articles[columns].astype(str).value_counts().rename("n_articles").reset_index()
    return table.sort_values(columns, kind="stable").reset_index(drop=True)


def at_level(articles: pd.DataFrame, level: str = "outlet") -> pd.DataFrame:
    """The article table with ``outlet`` holding the chosen level: ``outlet`` (canonical),
    ``group`` (wire agency, national ...) or ``source`` (the value the corpus gave).

    Every by-outlet table and figure then groups by ``outlet`` as usual. Articles
    without a group get ``"no group"``; a table without the level's column is returned as is.

    >>> articles = pd.DataFrame({"outlet": ["ANTARA", "Kontan"], "outlet_group": ["wire agency", None],
    ...     "outlet_raw": ["jogja.antaranews.com", "investasi.kontan.co.id"]})
    >>> at_level(articles, "group").outlet.tolist(), at_level(articles, "source").outlet.tolist()
    (['wire agency', 'no group'], ['jogja.antaranews.com', 'investasi.kontan.co.id'])
    """
    if level not in LEVELS:
        raise ValueError(f"OUTLET_LEVEL must be one of {', '.join(LEVELS)}, not {level!r}")
    column = LEVELS[level]
    if column == "outlet" or column not in articles.columns:
        return articles
    result = articles.copy()
    values = result[column].where(~result[column].isin(["None", "nan", ""]), None)
    if level == "group":
        values = values.fillna(NO_GROUP)
    result["outlet"] = values.fillna(result["outlet"])
    return result


# ------------------------------------------------------------ figures with many outlets
#: How many outlets per-outlet figures show by default; the rest are summed as "other".
TOP_OUTLETS = 8


def other_label(n: int) -> str:
    """The label of the summed small outlets.

    >>> other_label(52)
    'other (52 outlets)'
    """
    return f"other ({n} outlets)"


@dataclass(frozen=True)
class TopOutlets:
    """The outlets a figure shows: the largest ``top`` by article count, the rest as one "other".

    ``mapping`` gives each outlet its label in the figure; ``note`` is the figure's
    subtitle ("" when nothing was summed).
    """

    shown: tuple[str, ...]
    mapping: dict[str, str]
    other: str | None
    note: str

    def relabel(self, table: pd.DataFrame, column: str = "outlet") -> pd.DataFrame:
        """A copy of ``table`` with the small outlets in ``column`` renamed to the "other" label."""
        if self.other is None:
            return table
        result = table.copy()
        result[column] = result[column].map(self.mapping).fillna(result[column])
        result.attrs = dict(table.attrs)
        return result

    def other_last(self, table: pd.DataFrame, column: str = "outlet") -> pd.DataFrame:
        """``table`` in its own order, with the "other" rows moved to the end."""
        if self.other is None:
            return table
        is_other = table[column].astype(str) == self.other
        return pd.concat([table[~is_other], table[is_other]])


def top_outlets(
    articles: pd.DataFrame, *, top: int = TOP_OUTLETS, column: str = "outlet"
) -> TopOutlets:
    """Choose the ``top`` outlets by article count (ties by name); the others become
    "other (N outlets)". Nothing is summed when at most one outlet would be left over.

    >>> articles = pd.DataFrame({"outlet": ["ANTARA"] * 3 + ["Tempo"] * 2 + ["Kontan", "Suara"]})
    >>> chosen = top_outlets(articles, top=2)
    >>> chosen.shown, chosen.relabel(articles).outlet.value_counts().to_dict()
    (('ANTARA', 'Tempo', 'other (2 outlets)'), {'ANTARA': 3, 'Tempo': 2, 'other (2 outlets)': 2})
    >>> chosen.note
    "top 2 of 4 outlets by article count; the other 2 summed as 'other (2 outlets)'"
    >>> top_outlets(articles, top=3).other is None
    True
    """
    counts = articles[column].dropna().astype(str).value_counts()
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    names = [name for name, _ in ranked]
    if top < 1 or len(names) <= top + 1:
        return TopOutlets(tuple(names), {name: name for name in names}, None, "")
    rest = names[top:]
    other = other_label(len(rest))
    mapping = {name: (name if index < top else other) for index, name in enumerate(names)}
    note = f"top {top} of {len(names)} outlets by article count; the other {len(rest)} summed as '{other}'"
    return TopOutlets((*names[:top], other), mapping, other, note)
