"""Scoring found mentions against a hand annotation (precision, recall, the errors to read).

Used by ``tests/test_actors.py`` and ``scripts/evaluate_mentions.py``; re-exported by
:mod:`utils.actors.mentions`.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path

import pandas as pd

from utils.actors.casing import LOWER, UPPER, article_casing, in_headline


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


def read_scope(path: str | os.PathLike[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The actor ids and the surfaces an annotation batch covered, from a text file: one actor id
    a line, ``surface:<name>`` for a name added to the list after the batch was annotated, ``#``
    comments. For scoring an old batch against a grown actor list (:func:`within_scope`).

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "scope.txt"
    >>> _ = path.write_text("# batches A-G\\nrussia\\nsurface:Pentagon\\n")
    >>> read_scope(path)
    (frozenset({'russia'}), frozenset({'Pentagon'}))
    """
    actor_ids, surfaces = set(), set()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("surface:"):
            surfaces.add(line.removeprefix("surface:"))
        else:
            actor_ids.add(line)
    return frozenset(actor_ids), frozenset(surfaces)


def within_scope(
    predicted: pd.DataFrame, *, actor_ids: Collection[str], surfaces: Collection[str] = ()
) -> pd.DataFrame:
    """The predicted mentions an annotation covered: of ``actor_ids``, and not written as one of
    ``surfaces`` (names added to the actor list after the annotation).

    >>> predicted = pd.DataFrame({"actor": ["russia", "thailand", "united_states"], "surface": ["Rusia", "Thailand", "Pentagon"]})
    >>> within_scope(predicted, actor_ids={"russia", "united_states"}, surfaces={"Pentagon"})["surface"].tolist()
    ['Rusia']
    """
    keep = predicted["actor"].isin(set(actor_ids)) & ~predicted["surface"].isin(set(surfaces))
    return predicted[keep]


#: The classes :func:`mention_class` sorts a mention into, in the order it tries them.
MENTION_CLASSES = ("lower-case article", "all-caps", "headline", "metonym", "short name", "other")


def mention_class(
    text: str,
    start: int,
    end: int,
    *,
    metonyms: Collection[str],
    short_names: Collection[str],
    acronyms: Collection[str] = frozenset(),
) -> str:
    """The class of the mention ``text[start:end]`` that a regression would show in: a
    ``lower-case article`` (:func:`utils.actors.casing.article_casing`), ``all-caps`` (the
    surface, or the whole article, in capitals, though the alias is not an acronym),
    ``headline`` (in a title-case headline line), ``metonym`` or ``short name`` (the surface,
    lower-cased, is in ``metonyms`` / ``short_names``), else ``other``. ``acronyms`` are the
    lower-cased aliases written in capitals in the list (``as``, ``pbb``): not ``all-caps``.

    >>> kinds = {"metonyms": {"pentagon"}, "short_names": {"kim"}}
    >>> [mention_class(t, 0, 5, **kinds) for t in ("korut diam.", "RUSIA Diam.", "Rusia diam.")]
    ['lower-case article', 'all-caps', 'other']
    >>> mention_class("Tarif Trump Ancam Ekonomi Kita\\nTrump diam.", 6, 11, **kinds)
    'headline'
    """
    casing = article_casing(text)
    surface = text[start:end]
    if casing == LOWER:
        return "lower-case article"
    folded = surface.lower()
    acronym = folded in acronyms
    if casing == UPPER or (surface.isupper() and len(surface) > 1 and not acronym):
        return "all-caps"
    if in_headline(text, start):
        return "headline"
    if folded in metonyms:
        return "metonym"
    if folded in short_names:
        return "short name"
    return "other"


def scores_by_class(
    predicted: pd.DataFrame, gold: pd.DataFrame, articles: pd.DataFrame, actors: pd.DataFrame
) -> pd.DataFrame:
    """Recall (gold mentions found) and precision (predictions right) per :data:`MENTION_CLASSES`,
    so a regression in one class shows by name; ``actors`` is :func:`utils.actors.gazetteer.load_actors`.

    >>> from utils.actors.gazetteer import load_actors
    >>> articles = pd.DataFrame({"article_id": ["a"], "text": ["korut dan amerika serikat."]})
    >>> gold = pd.DataFrame({"article_id": ["a", "a"], "start": [0, 10], "end": [5, 25], "actor": ["north_korea", "united_states"]})
    >>> scores_by_class(gold.iloc[:1], gold, articles, load_actors())[["class", "n_gold", "recall"]].to_dict("records")
    [{'class': 'lower-case article', 'n_gold': 2, 'recall': 0.5}]
    """
    kinds = {
        "acronyms": set(actors.loc[actors["case_sensitive"], "alias"].str.lower()),
        "metonyms": set(actors.loc[actors["kind"] == "metonym", "alias"].str.lower()),
        "short_names": set(actors.loc[actors["kind"] == "short_name", "alias"].str.lower()),
    }
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    keys = ["article_id", "start", "end", "actor"]

    def classified(table: pd.DataFrame) -> pd.DataFrame:
        table = table[table["actor"].notna()][keys].astype(
            {"article_id": str, "start": int, "end": int, "actor": str}
        )
        table["class"] = [
            mention_class(texts[a], s, e, **kinds)
            for a, s, e in zip(table["article_id"], table["start"], table["end"], strict=True)
        ]
        return table.drop_duplicates(keys)

    gold_rows, predicted_rows = classified(gold), classified(predicted)
    gold_keys = set(map(tuple, gold_rows[keys].to_numpy().tolist()))
    predicted_keys = set(map(tuple, predicted_rows[keys].to_numpy().tolist()))
    rows = []
    for name in MENTION_CLASSES:
        in_gold = gold_rows[gold_rows["class"] == name]
        in_predicted = predicted_rows[predicted_rows["class"] == name]
        if not len(in_gold) and not len(in_predicted):
            continue
        found = sum(tuple(row) in predicted_keys for row in in_gold[keys].to_numpy().tolist())
        right = sum(tuple(row) in gold_keys for row in in_predicted[keys].to_numpy().tolist())
        rows.append(
            {
                "class": name,
                "n_gold": len(in_gold),
                "recall": round(found / len(in_gold), 4) if len(in_gold) else float("nan"),
                "n_predicted": len(in_predicted),
                "precision": round(right / len(in_predicted), 4)
                if len(in_predicted)
                else float("nan"),
            }
        )
    return pd.DataFrame(rows, columns=["class", "n_gold", "recall", "n_predicted", "precision"])
