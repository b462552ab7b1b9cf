"""Scoring story detection against labelled pairs (``scripts/evaluate_stories.py``).

>>> import pandas as pd
>>> pairs = pd.DataFrame({"a": ["x", "x", "y"], "b": ["y", "z", "z"], "label": ["same", "template", "other"]})
>>> stories = pd.DataFrame({"article_id": ["x", "y", "z"], "story_id": ["x", "x", "z"]})
>>> scores = score_story_pairs(pairs, stories)
>>> scores["precision"], scores["recall"], scores["template_merged"], scores["purity"]
(1.0, 1.0, 0.0, 1.0)
"""

from __future__ import annotations

import pandas as pd

from utils.stories import components


def gold_clusters(pairs: pd.DataFrame) -> pd.Series:
    """Gold story of each labelled article: connected groups of ``same`` pairs.

    >>> gold_clusters(pd.DataFrame({"a": ["p", "r"], "b": ["q", "s"], "label": ["same", "other"]})).to_dict()
    {'p': 'p', 'q': 'p', 'r': 'r', 's': 's'}
    """
    ids = pd.Index(sorted(set(pairs["a"]) | set(pairs["b"])))
    same = pairs[pairs["label"] == "same"]
    labels = components(len(ids), ids.get_indexer(same["a"]), ids.get_indexer(same["b"]))
    return pd.Series(ids[labels], index=ids)


def score_story_pairs(
    pairs: pd.DataFrame, stories: pd.DataFrame, *, gold: pd.Series | None = None
) -> dict:
    """Pairwise precision/recall/F1 of ``same``, share of ``template`` pairs merged, and purity.

    A pair is predicted the same story when both articles have one ``story_id``. Purity: each
    predicted story (over the labelled articles) counts its largest gold group, divided by the
    number of labelled articles; ``gold`` (article → gold story) defaults to :func:`gold_clusters`.
    """
    story = stories.set_index(stories["article_id"].astype(str))["story_id"]
    predicted = (
        story.reindex(pairs["a"].astype(str)).to_numpy()
        == story.reindex(pairs["b"].astype(str)).to_numpy()
    )
    actual = (pairs["label"] == "same").to_numpy()
    tp, fp, fn = (
        int((predicted & actual).sum()),
        int((predicted & ~actual).sum()),
        int((~predicted & actual).sum()),
    )
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    template = (pairs["label"] == "template").to_numpy()
    gold = gold_clusters(pairs) if gold is None else gold
    members = pd.DataFrame({"gold": gold, "story": story.reindex(gold.index).to_numpy()})
    purity = (
        float(members.groupby(["story", "gold"]).size().groupby(level=0).max().sum() / len(members))
        if len(members)
        else 1.0
    )
    return {"pairs": len(pairs), "same_pairs": int(actual.sum()), "template_pairs": int(template.sum()),
            "tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 4), "recall": round(recall, 4),
            "f1": round(f1, 4), "template_merged": round(float((predicted & template).sum() / template.sum()), 4)
            if template.any() else 0.0, "purity": round(purity, 4)}  # fmt: skip


def story_pair_errors(pairs: pd.DataFrame, stories: pd.DataFrame) -> pd.DataFrame:
    """The labelled pairs the stories get wrong (a merged non-same pair, a split same pair)."""
    story = stories.set_index(stories["article_id"].astype(str))["story_id"]
    merged = (
        story.reindex(pairs["a"].astype(str)).to_numpy()
        == story.reindex(pairs["b"].astype(str)).to_numpy()
    )
    wrong = merged != (pairs["label"] == "same").to_numpy()
    return pairs[wrong].assign(merged=merged[wrong])
