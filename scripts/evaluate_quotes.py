"""Measure the quotation finder against hand annotations (``tests/fixtures/quotes/``).

    .venv/bin/python scripts/evaluate_quotes.py            # every set available
    .venv/bin/python scripts/evaluate_quotes.py --errors   # also list every error

Sets (how each was drawn and annotated: ``tests/fixtures/quotes/GUIDELINES.md``):

1. ``dev``: the five seed articles (``seed_quotes.csv``, offsets into ``data/raw``'s cleaned text)
   and the IndoSum development batch (``indosum_dev_quotes.csv``); the rules were tuned on these;
2. ``test``: the IndoSum test batch (``indosum_test_quotes.csv``), drawn and annotated after the
   rules were frozen, scored without tuning;
3. ``test2``: a second test batch of articles that name a listed person
   (``indosum_test2_quotes.csv``), drawn after ``test`` was scored because ``test`` had a single
   quotation by a listed actor; same frozen rules; and both test batches pooled.

Each prints direct and indirect detection precision / recall / F1 (span overlap), the share of
matched quotations whose speaker's actor is right (of those whose speaker is a listed actor), and
count precision / recall per (article, speaker actor). IndoSum sets read their texts from
``../shared`` and are skipped with a note when it is absent. ``--cost`` also times the quotes
stage against the rest of the per-article pipeline on IndoSum.
"""

from __future__ import annotations

import argparse
import json
import time

import pandas as pd

from utils import actors, corpus, paths
from utils.engine import EngineOptions
from utils.quotes import find_quotes
from utils.quotes.scores import anchor_gold, quote_errors, score_quotes

FIXTURES = paths.ROOT / "tests" / "fixtures" / "quotes"
INDOSUM = paths.INDOSUM_FILE


def seed_articles() -> pd.DataFrame:
    """The five seed articles, cleaned."""
    articles, _ = corpus.load_corpus(paths.RAW_DIR, progress=False)
    return articles


def indosum_articles(ids: set[str]) -> pd.DataFrame | None:
    """The IndoSum articles with these ids, cleaned, or None when ../shared is absent."""
    if not INDOSUM.exists():
        return None
    rows = [json.loads(line) for line in INDOSUM.open(encoding="utf-8")]
    subset = [row for row in rows if row["id"] in ids]
    path = paths.ROOT / "build" / "quotes-eval.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in subset), encoding="utf-8")
    articles, _ = corpus.load_corpus(path, progress=False)
    return articles


def gold_sets() -> dict[str, list[tuple[str, pd.DataFrame, pd.DataFrame | None]]]:
    """``{set: [(part name, gold, articles or None)]}``."""
    seeds = pd.read_csv(FIXTURES / "seed_quotes.csv", dtype=str, keep_default_na=False)
    seeds["occurrence"] = seeds["occurrence"].astype(int)
    sets = {"dev": [("seeds", seeds, seed_articles())], "test": [], "test2": [], "test+test2": []}
    for name, file in (("dev", "indosum_dev_quotes.csv"), ("test", "indosum_test_quotes.csv"),
                       ("test2", "indosum_test2_quotes.csv"), ("test+test2", "indosum_test_quotes.csv"),
                       ("test+test2", "indosum_test2_quotes.csv")):
        if not (FIXTURES / file).exists():
            continue
        gold = pd.read_csv(FIXTURES / file, dtype=str, keep_default_na=False)
        gold["occurrence"] = gold["occurrence"].astype(int)
        listed = pd.read_csv(FIXTURES / file.replace("_quotes", "_articles"), dtype=str)
        sets[name].append((file.split("_")[1], gold, indosum_articles(set(listed["article_id"]))))
    return sets


def evaluate(gold: pd.DataFrame, articles: pd.DataFrame) -> tuple[dict, pd.DataFrame]:
    found = find_quotes(articles, actors.load_actors(), options=EngineOptions(cache=False, progress=False))
    anchored = anchor_gold(gold, articles)
    if anchored.attrs["unanchored"]:
        raise ValueError(f"{anchored.attrs['unanchored']} anchors not found:\n{anchored.attrs['missing']}")
    return score_quotes(found, anchored), quote_errors(found, anchored)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every error")
    parser.add_argument("--cost", action="store_true", help="time the quotes stage on IndoSum")
    args = parser.parse_args()
    for set_name, parts in gold_sets().items():
        usable = [(n, g, a) for n, g, a in parts if a is not None]
        for name, _, articles in parts:
            if articles is None:
                print(f"\n(skipped {name}: ../shared/corpora/indosum/articles.jsonl is absent)")
        if not usable:
            continue
        gold = pd.concat([g for _, g, _ in usable], ignore_index=True)
        articles = pd.concat([a for _, _, a in usable], ignore_index=True)
        scores, errors = evaluate(gold, articles)
        print(f"\n## {set_name}: {', '.join(n for n, _, _ in usable)}; {articles['article_id'].nunique()} articles, "
              f"{len(gold)} annotated quotations")  # fmt: skip
        print(pd.Series(scores).to_string())
        if args.errors and len(errors):
            with pd.option_context("display.width", 220, "display.max_colwidth", 90):
                print(errors.to_string())
    if args.cost:
        report_cost()
    return 0


def report_cost() -> None:
    """CPU seconds of each per-article stage of the pipeline on all of IndoSum (cache off)."""
    if not INDOSUM.exists():
        print("\n(skipped --cost: ../shared is absent)")
        return
    from utils.pipeline import run_pipeline

    articles, _ = corpus.load_corpus(INDOSUM, progress=False)
    seconds: dict[str, float] = {}

    def record(name, wall, n_rows, cpu_seconds=None):
        seconds[name] = cpu_seconds if cpu_seconds is not None else wall

    started = time.perf_counter()
    run_pipeline(articles, options=EngineOptions(cache=False, progress=False, workers=1), quotes=True, on_stage=record)
    print(f"\n## cost on {len(articles)} IndoSum articles (one process, no cache; "
          f"{time.perf_counter() - started:.1f} s wall)")  # fmt: skip
    print(pd.Series(seconds).round(2).to_string())
    others = sum(v for k, v in seconds.items() if k != "quotes")
    print(f"quotes / rest of the pipeline: {seconds.get('quotes', 0) / others:.3f}")


if __name__ == "__main__":
    raise SystemExit(main())
