"""Measure the actor-mention finder and the candidate extractor against hand annotations.

    .venv/bin/python scripts/evaluate_mentions.py            # everything available
    .venv/bin/python scripts/evaluate_mentions.py --errors   # also list every error

Reports:

1. mention precision / recall on the five seed articles (``tests/fixtures/seed_mentions.csv``);
2. the same on held-out IndoSum news articles (``tests/fixtures/heldout_mentions.csv``: ids,
   offsets and actors only; the texts come from ``../shared``), drawn at random (fixed seed)
   from the news category in batches A-G, each annotated and scored before any rule was
   changed because of it (the selection rule and the blind scores are in ``data/README.md``);
3. how long ``find_mentions`` and ``co_mentions`` take on the whole shared IndoSum corpus;
4. how many gold PERSON / ORGANIZATION / LOCATION names of NER-UI the candidate extractor
   surfaces (recall) and how many of its candidates are gold names (precision).

Parts 2-4 need ``../shared`` and are skipped with a note when it is absent.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd

from utils import comentions, corpus, paths
from utils.actors import (
    anchor_gold,
    find_mentions,
    load_actors,
    mention_errors,
    score_against_ner,
    score_mentions,
)
from utils.engine import EngineOptions

FIXTURES = paths.ROOT / "tests" / "fixtures"


def _report(
    name: str, articles: pd.DataFrame, gold: pd.DataFrame, actors: pd.DataFrame, *, errors: bool
) -> None:
    predicted = find_mentions(articles, actors, options=EngineOptions(progress=False))
    gold = anchor_gold(gold, articles)
    scores = score_mentions(predicted, gold)
    print(f"\n## {name}: {len(articles)} articles")
    print(pd.Series(scores).to_string())
    unresolved = predicted["actor"].isna().sum()
    print(f"names left without an actor (ambiguous, unresolved, other_person): {unresolved}")
    if gold.attrs["unanchored"]:
        print(
            f"WARNING: {gold.attrs['unanchored']} annotated spans no longer found in the cleaned text"
        )
    if errors:
        with pd.option_context("display.width", 200, "display.max_colwidth", 110):
            print(mention_errors(predicted, gold).drop(columns=["article_id"]).to_string())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every false positive and miss")
    parser.add_argument("--actors", default=str(paths.ACTORS_FILE), help="actor list to evaluate")
    args = parser.parse_args()
    actors = load_actors(Path(args.actors))

    seeds = corpus.load_articles(paths.RAW_DIR, progress=False)
    seed_gold = pd.read_csv(FIXTURES / "seed_mentions.csv", keep_default_na=False)
    _report("Seed articles", seeds, seed_gold, actors, errors=args.errors)

    if not paths.INDOSUM_FILE.exists():
        print(
            f"\n(../shared not found at {paths.SHARED_DIR}: held-out, timing and NER parts skipped)"
        )
        return 0

    started = time.perf_counter()
    indosum = corpus.load_articles(paths.INDOSUM_FILE, progress=False)
    load_seconds = time.perf_counter() - started
    heldout_ids = pd.read_csv(FIXTURES / "heldout_articles.csv")
    heldout_gold = pd.read_csv(FIXTURES / "heldout_mentions.csv", keep_default_na=False)
    for batch, ids in heldout_ids.groupby("batch")["article_id"]:
        _report(
            f"Held-out IndoSum articles, batch {batch}",
            indosum[indosum["article_id"].isin(set(ids))],
            heldout_gold[heldout_gold["batch"] == batch],
            actors,
            errors=args.errors,
        )
    _report(
        "Held-out IndoSum articles, all batches",
        indosum[indosum["article_id"].isin(set(heldout_ids["article_id"]))],
        heldout_gold,
        actors,
        errors=False,
    )

    megabytes = indosum["text"].str.len().sum() / 1e6
    print(
        f"\n## Whole IndoSum corpus: {len(indosum)} articles, {megabytes:.1f} M characters (loaded in {load_seconds:.1f} s)"
    )
    started = time.perf_counter()
    mentions = find_mentions(indosum, actors, options=EngineOptions(progress=False))
    seconds = time.perf_counter() - started
    print(
        f"find_mentions: {seconds:.2f} s ({megabytes / seconds:.1f} M characters/s, one core), {len(mentions)} mentions"
    )
    for scope in ["sentence", "paragraph", "article", "window"]:
        started = time.perf_counter()
        pairs = comentions.co_mentions(mentions, scope=scope, window=10, articles=indosum)
        print(
            f"co_mentions(scope={scope!r}): {time.perf_counter() - started:.2f} s, {len(pairs)} pairs"
        )

    ner_file = paths.GOLD_DIR / "ner_nerui" / "nergithub.txt"
    if ner_file.exists():
        for min_count in (1, 2):
            print(
                f"\n## Candidate actors vs NER-UI gold names (distinct strings, exact match, min_count={min_count})"
            )
            print(score_against_ner(ner_file, min_count=min_count).to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
