"""Score story detection (utils.stories) on the development and test batches of labelled pairs.

    .venv/bin/python scripts/evaluate_stories.py            # every batch it can build
    .venv/bin/python scripts/evaluate_stories.py --errors   # also list the wrong pairs

Batches (how each was drawn: data/README.md, *Stories*):

* ``constructed``: copies made from base articles (republished, trimmed, edited, updated,
  quoted) and recurring templates, every pair labelled by construction. Dev uses IndoSum bases
  whose id hash is even and the dev template wordings (``tests/fixtures/stories/templates-dev.json``);
  test uses odd-hash bases, another random seed and template wordings written after the rules
  were frozen (``templates-test.json``). The ``seeds`` variants use the five seed articles
  (no ../shared needed).
* ``indosum``: real IndoSum pairs found by a low-threshold candidate search, labelled by hand
  (``tests/fixtures/stories/indosum-{dev,test}-pairs.csv``), scored on the stories of all 3,410
  articles.

Prints, per batch: pairwise precision, recall and F1 for *same story*, the share of template
pairs merged into one story, and cluster purity.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys

import pandas as pd

from utils import corpus, paths
from utils.evaluation import score_story_pairs, story_pair_errors
from utils.stories import constructed, find_stories

FIXTURES = paths.ROOT / "tests" / "fixtures" / "stories"
BASES_PER_SET = 40
SEEDS = {"dev": 1, "test": 2}


def _half(article_id: str) -> str:
    return "dev" if int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % 2 == 0 else "test"


def indosum_bases(batch: str, n: int = BASES_PER_SET) -> tuple[list[tuple[str, str]], list[str]]:
    """``n`` IndoSum articles of the batch's hash half with at least four paragraphs, and the
    next ``n`` as fillers (new paragraphs and quoting articles)."""
    frame = pd.read_json(paths.INDOSUM_FILE, lines=True)
    frame = frame[frame["id"].map(_half) == batch]
    frame = frame[frame["text"].map(lambda t: len([p for p in t.split("\n") if p.strip()]) >= 4)]
    frame = frame.assign(
        key=frame["id"].map(lambda i: hashlib.sha1(f"base:{i}".encode()).hexdigest())
    )
    chosen = frame.sort_values("key").head(2 * n)
    bases = list(chosen.head(n)[["id", "text"]].itertuples(index=False, name=None))
    return bases, chosen["text"].iloc[n:].tolist()


def seed_bases() -> tuple[list[tuple[str, str]], list[str]]:
    """Three seed articles as bases (000, 002, 004), the other two (001, 003) as fillers."""
    articles, _ = corpus.load_corpus(paths.RAW_DIR, sidecar="auto", progress=False)
    is_base = articles["article_id"].astype(str).str[:3].isin(["000", "002", "004"])
    bases = list(articles[is_base][["article_id", "text"]].itertuples(index=False, name=None))
    return bases, articles[~is_base]["text"].tolist()


def constructed_set(sources: tuple[list[tuple[str, str]], list[str]], batch: str) -> pd.DataFrame:
    """The copies of the bases and the batch's template issues, in one article table."""
    bases, fillers = sources
    families = json.loads((FIXTURES / f"templates-{batch}.json").read_text(encoding="utf-8"))
    return pd.concat([constructed.make_copies(bases, fillers=fillers, seed=SEEDS[batch]),
                      constructed.make_templates(families, seed=SEEDS[batch])], ignore_index=True)  # fmt: skip


def score_constructed(articles: pd.DataFrame) -> tuple[dict, pd.DataFrame, pd.DataFrame]:
    stories = find_stories(articles, index_dir=None)
    pairs = constructed.label_pairs(articles)
    gold = articles.set_index("article_id")["gold_story"]
    return score_story_pairs(pairs, stories, gold=gold), pairs, stories


def score_indosum(batch: str, stories: pd.DataFrame) -> tuple[dict, pd.DataFrame]:
    pairs = pd.read_csv(FIXTURES / f"indosum-{batch}-pairs.csv")
    return score_story_pairs(pairs, stories), pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--errors", action="store_true", help="list the wrongly merged or split pairs"
    )
    parser.add_argument("--batches", default="dev,test", help="dev, test or both")
    args = parser.parse_args(argv)
    have_shared = paths.INDOSUM_FILE.exists()
    rows, wrong = [], []
    indosum_stories = None
    for batch in args.batches.split(","):
        if not (FIXTURES / f"templates-{batch}.json").exists():
            print(
                f"{batch}: no template wordings yet ({FIXTURES / f'templates-{batch}.json'}); skipped"
            )
            continue
        sets = {f"seeds-{batch}": seed_bases()}
        if have_shared:
            sets[f"constructed-{batch}"] = indosum_bases(batch)
        for name, sources in sets.items():
            scores, pairs, stories = score_constructed(constructed_set(sources, batch))
            rows.append({"batch": name, **scores})
            wrong.append(story_pair_errors(pairs, stories).assign(batch=name))
        pair_file = FIXTURES / f"indosum-{batch}-pairs.csv"
        if have_shared and pair_file.exists():
            if indosum_stories is None:
                frame = pd.read_json(paths.INDOSUM_FILE, lines=True).rename(
                    columns={"id": "article_id"}
                )
                indosum_stories = find_stories(frame, index_dir=None)
            scores, pairs = score_indosum(batch, indosum_stories)
            rows.append({"batch": f"indosum-{batch}", **scores})
            wrong.append(story_pair_errors(pairs, indosum_stories).assign(batch=f"indosum-{batch}"))
    if not have_shared:
        print(f"../shared not found ({paths.INDOSUM_FILE}): only the seed-based batches are scored")
    table = pd.DataFrame(rows)
    pd.set_option("display.width", 160)
    print(table.to_string(index=False))
    if args.errors:
        listed = pd.concat(wrong, ignore_index=True) if wrong else pd.DataFrame()
        print(f"\n{len(listed)} wrong pairs")
        if len(listed):
            print(listed.to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
