"""Candidate names (utils.actors.candidates) against NER-UI, 5-fold: per-fold and mean figures.

    .venv/bin/python scripts/evaluate_candidates.py           # test folds (report these)
    .venv/bin/python scripts/evaluate_candidates.py --train   # training folds (tune on these)

Needs ``../shared/gold/ner_nerui/nergithub.txt``; prints a note and stops when it is absent.
The folds are fixed by sentence order (``utils/evaluation/candidate_scores.py``).
"""

from __future__ import annotations

import argparse

from utils import paths
from utils.evaluation.candidate_scores import score_folds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", action="store_true", help="score the training folds")
    parser.add_argument("--min-count", type=int, default=1, help="least occurrences to list")
    args = parser.parse_args()
    path = paths.GOLD_DIR / "ner_nerui" / "nergithub.txt"
    if not path.exists():
        print(f"NER-UI not found at {path} (../shared is absent): nothing to score")
        return 0
    which = "training" if args.train else "test"
    print(f"## Candidate names vs NER-UI, {which} folds (distinct names, exact match)")
    table = score_folds(path, min_count=args.min_count, test=not args.train)
    print(table.to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
