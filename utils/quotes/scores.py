"""Scoring found quotations against a hand annotation (``tests/fixtures/quotes/``).

A gold quotation is an ``anchor``: the first words of the quoted or reported text, exactly as in
the cleaned article (its ``occurrence``-th appearance), with its ``kind`` and the speaker's
``speaker_actor`` (empty when the speaker is not a listed actor). A found quotation *matches* a
gold one when its span overlaps the anchor (one to one, in text order).

* detection precision / recall / F1, for direct and indirect quotations separately (same kind);
* speaker attribution: of the matched quotations whose gold speaker is a listed actor, the share
  whose ``speaker_actor`` is that actor (and over all matched quotations, blank = blank);
* counts per (article, speaker actor): precision = Σ min(found, gold) / Σ found, recall =
  Σ min(found, gold) / Σ gold, over the pairs with an actor.

>>> import pandas as pd
>>> articles = pd.DataFrame({"article_id": ["a"], "text": ['"Kami siap berunding," kata Putin.']})
>>> gold = anchor_gold(pd.DataFrame({"article_id": ["a"], "kind": ["direct"], "anchor": ["Kami siap"],
...                    "occurrence": [0], "speaker_actor": ["vladimir_putin"]}), articles)
>>> found = pd.DataFrame({"article_id": ["a"], "kind": ["direct"], "start": [1], "end": [20],
...                       "speaker_actor": ["vladimir_putin"]})
>>> score_quotes(found, gold)["direct_f1"], score_quotes(found, gold)["actor_accuracy"]
(1.0, 1.0)
"""

from __future__ import annotations

from collections import Counter

import pandas as pd


def anchor_gold(gold: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """``gold`` with ``start``/``end`` of each anchor in its article's cleaned text; anchors not
    found are dropped and counted in ``attrs["unanchored"]`` (with the rows in ``attrs["missing"]``).

    >>> articles = pd.DataFrame({"article_id": ["a"], "text": ["Rusia siap. Rusia siap."]})
    >>> gold = pd.DataFrame({"article_id": ["a"], "kind": ["indirect"], "anchor": ["Rusia siap"], "occurrence": [1]})
    >>> anchor_gold(gold, articles)[["start", "end"]].values.tolist()
    [[12, 22]]
    """
    texts = dict(zip(articles["article_id"].astype(str), articles["text"], strict=True))
    starts, keep = [], []
    for row in gold.itertuples(index=False):
        text = texts.get(str(row.article_id))
        position = -1
        if isinstance(text, str):
            for _ in range(int(row.occurrence) + 1):
                position = text.find(row.anchor, position + 1)
                if position < 0:
                    break
        starts.append(position)
        keep.append(position >= 0)
    anchored = gold.assign(start=starts, end=[s + len(a) for s, a in zip(starts, gold["anchor"], strict=True)])
    kept = anchored[keep].reset_index(drop=True)
    if "speaker_actor" in kept:
        kept["speaker_actor"] = kept["speaker_actor"].fillna("").astype(str)
    kept.attrs["unanchored"] = int(len(gold) - sum(keep))
    kept.attrs["missing"] = anchored[[not k for k in keep]]
    return kept


def match_quotes(found: pd.DataFrame, gold: pd.DataFrame, *, same_kind: bool) -> list[tuple[int, int]]:
    """One-to-one ``(found row, gold row)`` pairs whose spans overlap (same article, and same
    kind when ``same_kind``), greedily in text order.

    >>> found = pd.DataFrame({"article_id": ["a", "a"], "kind": ["direct"] * 2, "start": [0, 50], "end": [40, 90]})
    >>> gold = pd.DataFrame({"article_id": ["a"], "kind": ["direct"], "start": [55], "end": [60]})
    >>> match_quotes(found, gold, same_kind=True)
    [(1, 0)]
    """
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    by_article = {key: group for key, group in gold.groupby(gold["article_id"].astype(str))}
    for index, row in enumerate(found.itertuples(index=False)):
        candidates = by_article.get(str(row.article_id))
        if candidates is None:
            continue
        for gold_index, other in zip(candidates.index, candidates.itertuples(index=False), strict=True):
            if gold_index in used or (same_kind and other.kind != row.kind):
                continue
            if row.start < other.end and other.start < row.end:
                pairs.append((index, int(gold_index)))
                used.add(gold_index)
                break
    return pairs


def _prf(n_found: int, n_gold: int, n_right: int) -> tuple[float, float, float]:
    precision = n_right / n_found if n_found else 1.0
    recall = n_right / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score_quotes(found: pd.DataFrame, gold: pd.DataFrame) -> dict[str, float]:
    """Every figure of the module docstring, in one dict (``gold`` from :func:`anchor_gold`)."""
    found = found.reset_index(drop=True)
    gold = gold.reset_index(drop=True)
    scores: dict[str, float] = {}
    for kind in ("direct", "indirect"):
        found_kind = found[found["kind"] == kind].reset_index(drop=True)
        gold_kind = gold[gold["kind"] == kind].reset_index(drop=True)
        right = len(match_quotes(found_kind, gold_kind, same_kind=True))
        p, r, f = _prf(len(found_kind), len(gold_kind), right)
        scores.update({f"{kind}_found": len(found_kind), f"{kind}_gold": len(gold_kind),
                       f"{kind}_right": right, f"{kind}_precision": round(p, 3),
                       f"{kind}_recall": round(r, 3), f"{kind}_f1": round(f, 3)})  # fmt: skip
    pairs = match_quotes(found, gold, same_kind=False)
    found_actor = found["speaker_actor"].fillna("").astype(str).replace({"None": "", "nan": "", "<NA>": ""})
    gold_actor = gold["speaker_actor"].fillna("").astype(str)
    with_actor = [(f, g) for f, g in pairs if gold_actor[g]]
    right_actor = sum(found_actor[f] == gold_actor[g] for f, g in with_actor)
    scores["matched"] = len(pairs)
    scores["matched_with_actor"] = len(with_actor)
    scores["actor_accuracy"] = round(right_actor / len(with_actor), 3) if with_actor else 1.0
    right_all = sum(found_actor[f] == gold_actor[g] for f, g in pairs)
    scores["speaker_actor_accuracy_all"] = round(right_all / len(pairs), 3) if pairs else 1.0
    found_counts = Counter((str(a), b) for a, b in zip(found["article_id"], found_actor, strict=True) if b)
    gold_counts = Counter((str(a), b) for a, b in zip(gold["article_id"], gold_actor, strict=True) if b)
    overlap = sum(min(n, gold_counts.get(key, 0)) for key, n in found_counts.items())
    n_found, n_gold = sum(found_counts.values()), sum(gold_counts.values())
    scores["count_pairs_found"], scores["count_pairs_gold"] = len(found_counts), len(gold_counts)
    scores["count_precision"] = round(overlap / n_found, 3) if n_found else 1.0
    scores["count_recall"] = round(overlap / n_gold, 3) if n_gold else 1.0
    return scores


def quote_errors(found: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Every false positive, miss (by kind) and wrong speaker actor, one row each, for reading.

    >>> empty = pd.DataFrame(columns=["article_id", "kind", "start", "end", "text", "speaker_actor", "speaker"])
    >>> list(quote_errors(empty, empty.assign(anchor=[]).drop(columns=["text"])).columns)
    ['error', 'article_id', 'kind', 'start', 'text', 'found_actor', 'gold_actor']
    """
    found = found.reset_index(drop=True)
    gold = gold.reset_index(drop=True)
    rows = []
    for kind in ("direct", "indirect"):
        fk = found[found["kind"] == kind]
        gk = gold[gold["kind"] == kind]
        pairs = match_quotes(fk.reset_index(drop=True), gk.reset_index(drop=True), same_kind=True)
        matched_f = {fk.index[f] for f, _ in pairs}
        matched_g = {gk.index[g] for _, g in pairs}
        for i in fk.index.difference(list(matched_f)):
            rows.append(("false_positive", found.at[i, "article_id"], kind, found.at[i, "start"],
                         str(found.at[i, "text"])[:90], found.at[i, "speaker_actor"], None))  # fmt: skip
        for i in gk.index.difference(list(matched_g)):
            rows.append(("missed", gold.at[i, "article_id"], kind, gold.at[i, "start"],
                         gold.at[i, "anchor"], None, gold.at[i, "speaker_actor"]))  # fmt: skip
    for f, g in match_quotes(found, gold, same_kind=False):
        fa = str(found.at[f, "speaker_actor"]) if pd.notna(found.at[f, "speaker_actor"]) else ""
        fa = "" if fa in ("None", "nan", "<NA>") else fa
        if fa != str(gold.at[g, "speaker_actor"] or ""):
            rows.append(("wrong_actor", gold.at[g, "article_id"], found.at[f, "kind"], gold.at[g, "start"],
                         gold.at[g, "anchor"], fa, gold.at[g, "speaker_actor"]))  # fmt: skip
    columns = ["error", "article_id", "kind", "start", "text", "found_actor", "gold_actor"]
    return pd.DataFrame(rows, columns=columns)
