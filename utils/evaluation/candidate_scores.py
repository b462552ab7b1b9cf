"""Scoring candidate names (:mod:`utils.actors.candidates`) against NER-UI, fold by fold.

NER-UI (``../shared/gold/ner_nerui/nergithub.txt``) is 2,126 news sentences tagged PERSON /
ORGANIZATION / LOCATION. IndoLEM's 5-fold ``train/dev/test.0k.tsv`` files are not in
``../shared``, so the folds here are fixed and documented instead: sentence ``i`` (0-based, in
file order) is in test fold ``i % 5``. A fold's figures compare the distinct candidate strings
found in its sentences with the distinct gold entity strings there (exact match); rules are
tuned on the other four folds only (``data/README.md``).
"""

from __future__ import annotations

import os

import pandas as pd

from utils.actors.candidates import candidate_actors, read_ner_gold

FOLDS = 5


def score_folds(
    path: str | os.PathLike[str], *, folds: int = FOLDS, min_count: int = 1, test: bool = True
) -> pd.DataFrame:
    """Recall and precision of the distinct candidate names per fold (``test=True``: on each test
    fold; ``False``: on the four training folds of each split), with a ``mean`` row.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "ner.txt"
    >>> lines = ["Kata\\\\tO", "Joko\\\\tB-PERSON", "Widodo\\\\tI-PERSON", "", "Menurut\\\\tO", "Retno\\\\tB-PERSON", "Marsudi\\\\tI-PERSON"]
    >>> _ = path.write_text("\\\\n".join(lines * 5) + "\\\\n")
    >>> score_folds(path, folds=2)[["fold", "recall", "precision"]].to_dict("records")[-1]
    {'fold': 'mean', 'recall': 1.0, 'precision': 1.0}
    """
    sentences, entities = read_ner_gold(path)
    fold_of = [index % folds for index in range(len(sentences))]
    articles = pd.DataFrame(
        {"article_id": [f"s{index:05d}" for index in range(len(sentences))], "text": sentences}
    )
    entity_fold = pd.Series([fold_of[number] for number in entities["sentence_no"]], dtype=int)
    rows = []
    for fold in range(folds):
        chosen = [(fold_of[index] == fold) == test for index in range(len(sentences))]
        gold = set(entities.loc[((entity_fold == fold) == test).to_numpy(), "entity"])
        found = set(
            candidate_actors(articles[chosen], None, min_count=min_count, max_examples=0)[
                "candidate"
            ]
        )
        hits = len(found & gold)
        rows.append(
            {
                "fold": str(fold),
                "gold_names": len(gold),
                "candidates": len(found),
                "recall": round(hits / len(gold), 4) if gold else 1.0,
                "precision": round(hits / len(found), 4) if found else 1.0,
            }
        )
    table = pd.DataFrame(rows)
    mean = {
        "fold": "mean",
        "gold_names": round(table["gold_names"].mean(), 1),
        "candidates": round(table["candidates"].mean(), 1),
        "recall": round(table["recall"].mean(), 4),
        "precision": round(table["precision"].mean(), 4),
    }
    return pd.concat([table, pd.DataFrame([mean])], ignore_index=True)
