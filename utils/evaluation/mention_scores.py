"""Scoring found mentions against a hand annotation (precision, recall, the errors to read).

Used by ``tests/test_actors.py`` and ``scripts/evaluate_mentions.py``; re-exported by
:mod:`utils.actors.mentions`.
"""

from __future__ import annotations

import pandas as pd


def score_mentions(predicted: pd.DataFrame, gold: pd.DataFrame) -> dict[str, float]:
    """Precision and recall of ``predicted`` mentions against a hand annotation.

    A predicted mention is correct when its (article_id, start, end, actor) is in
    ``gold``; rows with no actor (ambiguous or unresolved short names) are not
    predictions. Returns n_gold, n_predicted, true_positives, precision, recall, f1.

    >>> gold = pd.DataFrame({"article_id": ["a", "a"], "start": [0, 10], "end": [5, 15], "actor": ["russia", "iran"]})
    >>> predicted = pd.DataFrame({"article_id": ["a", "a"], "start": [0, 20], "end": [5, 24], "actor": ["russia", "ukraine"]})
    >>> score_mentions(predicted, gold)
    {'n_gold': 2, 'n_predicted': 2, 'true_positives': 1, 'precision': 0.5, 'recall': 0.5, 'f1': 0.5}
    """
    keys = ["article_id", "start", "end", "actor"]

    def as_set(table: pd.DataFrame) -> set[tuple]:
        table = table[table["actor"].notna()]
        return set(zip(*(table[key].astype(str) for key in keys), strict=True))

    predicted_set, gold_set = as_set(predicted), as_set(gold)
    hits = len(predicted_set & gold_set)
    precision = hits / len(predicted_set) if predicted_set else 1.0
    recall = hits / len(gold_set) if gold_set else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "n_gold": len(gold_set),
        "n_predicted": len(predicted_set),
        "true_positives": hits,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def mention_errors(predicted: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """The false positives and false negatives of ``predicted`` against ``gold``, for reading.

    >>> gold = pd.DataFrame({"article_id": ["a"], "start": [0], "end": [5], "actor": ["russia"], "surface": ["Rusia"]})
    >>> mention_errors(gold.iloc[:0], gold)[["error", "surface"]].to_dict("records")
    [{'error': 'missed', 'surface': 'Rusia'}]
    """
    keys = ["article_id", "start", "end", "actor"]
    left = predicted[predicted["actor"].notna()].astype({key: str for key in keys})
    right = gold.astype({key: str for key in keys})
    merged = left.merge(right, on=keys, how="outer", suffixes=("", "_gold"), indicator=True)
    merged = merged[merged["_merge"] != "both"].copy()
    merged["error"] = merged["_merge"].map({"left_only": "false positive", "right_only": "missed"})
    if "surface_gold" in merged:
        merged["surface"] = merged["surface"].fillna(merged["surface_gold"])
    columns = [column for column in ["error", *keys, "surface", "snippet"] if column in merged]
    return merged[columns].sort_values(["article_id", "start"]).reset_index(drop=True)


def anchor_gold(gold: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Re-anchor a hand annotation to the current cleaned texts.

    Annotations store offsets into the cleaned text as it was when they were made, plus the
    ``surface`` and its ``occurrence`` (how many times the same string appeared earlier in
    the text). When the cleaning changes (a boilerplate line removed), a span whose offsets no
    longer hold is moved to the ``occurrence``-th appearance of its surface. Rows that cannot be
    placed are dropped and counted in ``result.attrs["unanchored"]``.

    >>> articles = pd.DataFrame({"article_id": ["a"], "text": ["Rusia dan Korut. Rusia diam."]})
    >>> gold = pd.DataFrame({"article_id": ["a"], "start": [30], "end": [35], "surface": ["Rusia"],
    ...                      "occurrence": [1], "actor": ["russia"]})
    >>> anchor_gold(gold, articles)[["start", "end"]].to_dict("records")
    [{'start': 17, 'end': 22}]
    """
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    rows, unanchored = [], 0
    for row in gold.to_dict("records"):
        text = texts.get(row["article_id"])
        if not isinstance(text, str):
            unanchored += 1
            continue
        surface, start = row["surface"], int(row["start"])
        if text[start : start + len(surface)] != surface:
            position = -1
            for _ in range(int(row.get("occurrence", 0)) + 1):
                position = text.find(surface, position + 1)
                if position == -1:
                    break
            if position == -1:
                unanchored += 1
                continue
            start = position
        rows.append({**row, "start": start, "end": start + len(surface)})
    anchored = pd.DataFrame(rows, columns=gold.columns)
    anchored.attrs["unanchored"] = unanchored
    return anchored
